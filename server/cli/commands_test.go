package cli_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/chaingraph/chaingraph/server/cli"
)

// run is one command line: its exit code, standard output and standard error.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = cli.Main(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// Every level of the command tree prints its usage with examples from the domain, and exits 0.
func TestHelpAtEveryLevel(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"--help"}, []string{"Usage:", "gaps", "chains", "links", "regions", "serve", "chaingraph gaps lacking --chain nev --link 电池材料"}},
		{[]string{"help"}, []string{"Available Commands:"}},
		{[]string{"gaps", "--help"}, []string{"lacking", "weak", "extend", "profile", "matrix", "leads", "plan", "compare", "chaingraph gaps weak --chain 新能源汽车 --k 3"}},
		{[]string{"gaps", "lacking", "--help"}, []string{"chaingraph gaps lacking --chain nev --link 电池材料", "--link string", "--picture string", "-o, --output string", "--format string"}},
		{[]string{"gaps", "compare", "-h"}, []string{"--from int", "--to int", "--from 2013 --to 2024"}},
		{[]string{"links", "--help"}, []string{"chaingraph links --chain nev"}},
		{[]string{"regions", "--help"}, []string{"--parent string", "--level string"}},
		{[]string{"serve", "--help"}, []string{"--http-addr string", `(default "127.0.0.1:8080")`, "CHAINGRAPH_HTTP_ADDR", "--pprof", "--addr string", "--neo4j-uri string", "--data stringArray"}},
		{[]string{"load", "--help"}, []string{"--batch-size int", "CHAINGRAPH_NEO4J_URI"}},
	} {
		code, out, errOut := run(t, tc.args...)
		if code != 0 {
			t.Errorf("%v: exit %d, want 0; stderr %q", tc.args, code, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: help lacks %q:\n%s", tc.args, w, out)
			}
		}
	}
}

func TestVersionFlagAndCommandAgree(t *testing.T) {
	code1, flag, _ := run(t, "--version")
	code2, command, _ := run(t, "version")
	if code1 != 0 || code2 != 0 || flag != command || !strings.HasPrefix(flag, "chaingraph ") || !strings.Contains(flag, "go1.") {
		t.Errorf("--version: exit %d %q; version: exit %d %q; want both 0 and the same build line", code1, flag, code2, command)
	}
}

// Mistakes in the command line exit 2 before anything is dialled (the --addr here has no
// server), and say what was meant.
func TestUsageErrorsExit2WithSuggestions(t *testing.T) {
	nowhere := "127.0.0.1:1"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"gaps", "lacking", "--chian", "nev", "--link", "电池材料"}, "unknown flag --chian; did you mean --chain?"},
		{[]string{"gaps", "weak", "--chain", "nev", "--kk", "3"}, "unknown flag --kk; did you mean --k?"},
		{[]string{"gaps", "weak", "-chain", "nev"}, "unknown flag -chain; did you mean --chain?"},
		{[]string{"serve", "--http-adr", ""}, "did you mean --http-addr?"},
		{[]string{"gaps", "lackng"}, `unknown command "lackng"; did you mean chaingraph gaps lacking?`},
		{[]string{"lacking", "--link", "电池材料"}, "did you mean chaingraph gaps lacking?"},
		{[]string{"sevre"}, "did you mean chaingraph serve?"},
		{[]string{"server"}, "did you mean chaingraph serve?"}, // SuggestFor
		{[]string{"counties"}, "did you mean chaingraph regions?"},
		{[]string{"gaps"}, "a command is required"},
		{[]string{}, "a command is required"},
		{[]string{"gaps", "lacking"}, "--link is required, e.g. --link 电池材料"},
		{[]string{"gaps", "lacking", "nev"}, `unexpected argument "nev"`},
		{[]string{"links"}, "--chain is required"},
		{[]string{"gaps", "compare", "--link", "电池材料", "--from", "2013"}, "--from and --to are both required"},
		{[]string{"gaps", "lacking", "--link", "电池材料", "--level", "town"}, `--level "town": want county or prefecture`},
		{[]string{"gaps", "lacking", "--link", "电池材料", "--picture", "sometimes"}, `--picture "sometimes": want both, existing or planned`},
		{[]string{"gaps", "weak", "--chain", "nev", "--view", "wide"}, `--view "wide": want basic or full`},
		{[]string{"gaps", "weak", "--chain", "nev", "--format", "xml"}, `--format "xml": want table, csv, json`},
		{[]string{"regions", "--level", "village"}, `--level "village"`},
		{[]string{"gaps", "weak", "--chain", "nev", "--k", "three"}, `invalid argument "three" for "--k"`},
		{[]string{"serve", "--log-level", "loud"}, `--log-level "loud": want debug, info, warn or error`},
		{[]string{"gen", "--scale", "2", "--out", "x"}, "--scale 2: want above 0 and at most 1"},
	} {
		args := tc.args
		if len(args) > 1 && args[0] != "serve" && args[0] != "gen" {
			args = append(append([]string{}, args...), "--addr", nowhere)
		}
		code, _, errOut := run(t, args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", args, code, errOut, tc.want)
		}
		if strings.Contains(errOut, "no chaingraph server") {
			t.Errorf("%v: dialled the service for a usage error", args)
		}
	}
}
