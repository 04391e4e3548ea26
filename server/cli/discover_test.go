package cli_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/width"

	"github.com/chaingraph/chaingraph/server/cli"
)

func TestDiscoveryCommands(t *testing.T) {
	addr := serveSeeds(t)
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"chains"}, []string{"chains; a chain's links: chaingraph links --chain ID", "nev", "新能源汽车", "emerging", "traditional"}},
		{[]string{"chains", "--format", "csv"}, []string{"\uFEFF产业链ID chain_id,产业链 chain,类别 category,", "\r\nnev,新能源汽车,emerging,"}},
		{[]string{"links", "--chain", "新能源汽車"}, []string{"新能源汽车 (nev):", "upstream first", "电池材料", "nev-battery-materials", "upstream"}},
		{[]string{"links", "--chain", "nev", "--format", "csv"}, []string{"\uFEFF环节ID link_id,环节 link,阶段 stage,", "\r\nnev-battery-materials,电池材料,upstream,nev,"}},
		{[]string{"links", "--chain", "nev", "--format", "json"}, []string{`"feeds": [`, `"id": "nev-battery-materials"`}},
		{[]string{"regions", "--parent", "襄阳市"}, []string{"directly under 襄阳市", "枣阳市", "county", "襄阳市"}},
		{[]string{"regions", "--level", "county", "--format", "csv"}, []string{"\uFEFF地区ID region_id,代码 code,地区 region,", "\r\ncn-429004,429004,仙桃市,county,"}},
	} {
		code, out, errOut := run(t, append(tc.args, "--addr", addr)...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", tc.args, code, errOut)
			continue
		}
		squash := func(s string) string { return strings.Join(strings.Fields(s), "") } // protojson varies its spacing
		for _, w := range tc.want {
			if !strings.Contains(out, w) && !(strings.Contains(w, `"`) && strings.Contains(squash(out), squash(w))) {
				t.Errorf("%v: output lacks %q:\n%s", tc.args, w, out)
			}
		}
	}
}

// Paged answers are read to the end: small pages give the same rows as one big page.
func TestListsReadEveryPage(t *testing.T) {
	addr := serveSeeds(t)
	for _, args := range [][]string{
		{"regions", "--level", "county", "--format", "csv"},
		{"chains", "--format", "csv"},
		{"gaps", "lacking", "--link", "化工新材料", "--level", "county", "--format", "csv"},
		{"gaps", "weak", "--chain", "化工", "--k", "6", "--format", "csv"},
	} {
		args = append(args, "--addr", addr)
		_, whole, _ := run(t, args...)
		restore := cli.SetPageSize(3)
		code, paged, errOut := run(t, args...)
		restore()
		if code != 0 {
			t.Fatalf("%v in pages of 3: exit %d: %s", args, code, errOut)
		}
		if rows := strings.Count(whole, "\n"); rows < 5 || paged != whole {
			t.Errorf("%v: pages of 3 gave %d lines, one page %d; want the same answer (and more than a page):\n%s", args, strings.Count(paged, "\n"), rows, paged)
		}
	}
}

// displayColumns is how many terminal columns s takes, East Asian wide and fullwidth
// characters counting two (a reference independent of the table library's own count).
func displayColumns(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// A table on an 80-column terminal fits: long columns (demand paths, suppliers) wrap within
// themselves, and the short ones stay whole.
func TestTablesFitTheTerminal(t *testing.T) {
	addr := serveSeeds(t)
	args := []string{"gaps", "lacking", "--link", "化工新材料", "--level", "county", "--suppliers", "5", "--addr", addr}
	_, unlimited, _ := run(t, args...)
	widest := 0
	for _, line := range strings.Split(unlimited, "\n") {
		widest = max(widest, displayColumns(line))
	}
	if widest <= 100 {
		t.Fatalf("the unwrapped table is only %d columns wide; the test needs a wider one:\n%s", widest, unlimited)
	}
	for _, limit := range []int{80, 60} {
		t.Setenv("COLUMNS", strconv.Itoa(limit))
		code, out, errOut := run(t, args...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for i, line := range strings.Split(out, "\n") {
			if w := displayColumns(line); w > limit {
				t.Errorf("COLUMNS=%d: line %d is %d columns wide: %q", limit, i+1, w, line)
			}
			if strings.HasSuffix(line, " ") {
				t.Errorf("COLUMNS=%d: line %d ends in spaces: %q", limit, i+1, line)
			}
		}
		for _, whole := range []string{"汉川市", "420984", "郧阳区", "地区 region"} {
			if !strings.Contains(out, whole) {
				t.Errorf("COLUMNS=%d: %q is not whole on one line:\n%s", limit, whole, out)
			}
		}
	}
	// Into a file, lines stay whole whatever the terminal.
	t.Setenv("COLUMNS", "80")
	file := filepath.Join(t.TempDir(), "补链.txt")
	if code, _, errOut := run(t, append(args, "-o", file)...); code != 0 || !strings.Contains(errOut, "wrote "+file) {
		t.Fatalf("-o: exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != unlimited {
		t.Errorf("-o %s differs from the unlimited table:\n%s", file, b)
	}
}
