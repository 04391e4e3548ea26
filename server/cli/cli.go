// Package cli is the chaingraph command line: `serve` (the gRPC service and its page), `load`
// (seeds and users' data into Neo4j), `gen` (synthetic data for benchmarks), the discovery
// commands `chains`, `links` and `regions`, and `gaps`, a client that asks the service gap
// questions and prints tables that fit the terminal, or writes CSV, JSON, Excel or GraphML.
// main.go only calls Main.
//
// It wires flags to the packages that do the work and turns the service's answers and errors
// into what a person reads; it holds no domain logic.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // the command ran and failed: no server, a refused request, a bad file
	exitUsage   = 2 // the command line is wrong: unknown command or flag, bad flag value
)

// Main runs the command line and returns the process exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRootCommand(stdout, stderr)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	if cmd == nil {
		cmd = root
	}
	var usage *usageError
	if errors.As(err, &usage) {
		fmt.Fprintf(stderr, "%s: %v\nRun '%s --help' for usage.\n", cmd.CommandPath(), err, cmd.CommandPath())
		return exitUsage
	}
	fmt.Fprintf(stderr, "%s: %v\n", cmd.CommandPath(), err)
	return exitFailure
}

// usageError is a mistake in the command line itself (exit 2); every other error is a failure
// of a command that was well asked (exit 1).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

func newRootCommand(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "chaingraph",
		Short: "Hubei's industry chains as a graph, and the gaps in them",
		Long: `chaingraph turns Hubei's county-economy plan (2018-2020) into a graph of regions, industry
chains (产业链), links (环节) and who holds them, and answers the questions a 招商 team asks:
补链 which regions lack a link they need, 强链 which links hang on few regions, 延链 what a
region could add, a region's profile, a chain's coverage matrix and investment leads.

Start the service with "chaingraph serve", then ask it with the other commands.`,
		Example: `  chaingraph serve                                   # gRPC on 127.0.0.1:50051, the page on http://127.0.0.1:8080/
  chaingraph chains                                  # which chains there are
  chaingraph links --chain nev                       # a chain's links, upstream first
  chaingraph gaps lacking --chain nev --link 电池材料  # 补链: who needs battery materials and lacks them
  chaingraph gaps weak --chain 新能源汽车 --k 3 -o 强链.xlsx`,
		Version:       version(),
		SilenceErrors: true, // Main prints errors, once, with the exit code's wording
		SilenceUsage:  true, // a failed request is not a reason to print every flag
	}
	groupCommand(root)
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(flagError)
	root.CompletionOptions.DisableDefaultCmd = true // not asked for; keeps the command list the product's own
	root.AddCommand(serveCommand(), loadCommand(), checkCommand(), genCommand(), devCertCommand(), versionCommand(),
		chainsCommand(), linksCommand(), regionsCommand(), gapsCommand())
	return root
}

func versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the build: module version, commit and Go version",
		Example: "  chaingraph version\n  chaingraph --version",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(cmd.OutOrStdout(), version())
			return err
		},
	}
}

// groupCommand marks cmd as one that only groups others: its RunE and Args report a missing or
// unknown subcommand, and it ignores flags it does not know, so that "chaingraph lacking --link
// 电池材料" says "did you mean chaingraph gaps lacking?" rather than "unknown flag --link".
func groupCommand(cmd *cobra.Command) *cobra.Command {
	cmd.Args = subcommandArgs
	cmd.RunE = groupRun
	cmd.FParseErrWhitelist.UnknownFlags = true
	return cmd
}

// groupRun runs a command that only groups others (chaingraph, chaingraph gaps): with no
// subcommand it prints its help and fails as a usage error, so scripts notice.
func groupRun(cmd *cobra.Command, _ []string) error {
	cmd.SetOut(cmd.ErrOrStderr())
	_ = cmd.Help()
	return usagef("a command is required")
}

// subcommandArgs rejects an unknown subcommand with cobra's suggestions (edit distance and
// prefix, plus SuggestFor) and, at the top level, a gaps question asked without "gaps".
func subcommandArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	cmd.SuggestionsMinimumDistance = 2
	var did []string
	for _, s := range cmd.SuggestionsFor(args[0]) {
		did = append(did, cmd.CommandPath()+" "+s)
	}
	if !cmd.HasParent() {
		for _, c := range cmd.Commands() {
			if c.Name() != "gaps" {
				continue
			}
			c.SuggestionsMinimumDistance = 2
			for _, s := range c.SuggestionsFor(args[0]) {
				did = append(did, c.CommandPath()+" "+s)
			}
		}
	}
	slices.Sort(did)
	did = slices.Compact(did) // cobra lists a command twice when both its name and SuggestFor match
	msg := fmt.Sprintf("unknown command %q", args[0])
	if len(did) > 0 {
		msg += "; did you mean " + strings.Join(did, " or ") + "?"
	}
	return usagef("%s", msg)
}

// noArgs is cobra.NoArgs as a usage error: every value goes with a flag.
func noArgs(_ *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("unexpected argument %q: every value goes with a flag (--help lists them)", args[0])
	}
	return nil
}

// flagError makes pflag's parse errors usage errors, and adds what pflag does not: the flag
// the user probably meant.
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	var name string
	switch {
	case strings.HasPrefix(msg, "unknown flag: --"):
		name = strings.TrimPrefix(msg, "unknown flag: --")
		msg = "unknown flag --" + name
	case strings.HasPrefix(msg, "unknown shorthand flag: "):
		// "unknown shorthand flag: 'a' in -addr": a Go-style single-dash long flag.
		if _, word, ok := strings.Cut(msg, " in -"); ok {
			name = word
			msg = "unknown flag -" + word
		}
	}
	if name != "" {
		if s := closestFlags(cmd.Flags(), name); len(s) > 0 {
			msg += "; did you mean --" + strings.Join(s, " or --") + "?"
		}
	}
	return &usageError{msg: msg}
}

// closestFlags are the flags of fs whose names are within two edits of name (ignoring case), or
// start with it, or that it starts with (--chain-id for --chain), nearest first.
func closestFlags(fs *pflag.FlagSet, name string) []string {
	name = strings.ToLower(strings.SplitN(name, "=", 2)[0])
	type cand struct {
		name string
		dist int
	}
	var cands []cand
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		d := editDistance(name, f.Name)
		switch {
		case d <= 2:
		case strings.HasPrefix(f.Name, name), strings.HasPrefix(name, f.Name):
			d = 3
		default:
			return
		}
		cands = append(cands, cand{f.Name, d})
	})
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].dist < cands[j].dist })
	var out []string
	for _, c := range cands {
		if len(out) == 3 {
			break
		}
		out = append(out, c.name)
	}
	return out
}

// editDistance is the Damerau-Levenshtein (optimal string alignment) distance: a swap of two
// neighbours, the commonest typo (--chian), counts as one edit.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}

// version is the binary's module version and the commit it was built from, as Go records them.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "chaingraph (no build information)"
	}
	v := "chaingraph " + info.Main.Version
	var rev, at, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = ", with uncommitted changes"
			}
		}
	}
	if rev != "" {
		v += " (commit " + rev[:min(12, len(rev))] + ", " + at + dirty + ")"
	}
	return v + ", " + info.GoVersion
}
