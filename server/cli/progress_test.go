package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/chaingraph/chaingraph/graph/neo4jstore"
)

// Off a terminal the bar writes one line per finished step, with the running total.
func TestProgressBarOffTerminalLogsFinishedSteps(t *testing.T) {
	var out bytes.Buffer
	bar := newProgressBar(&out)
	for _, p := range []neo4jstore.LoadProgress{
		{Step: "regions", StepDone: 2, StepTotal: 3, Done: 2, Total: 10},
		{Step: "regions", StepDone: 3, StepTotal: 3, Done: 3, Total: 10},
		{Step: "AT edges", StepDone: 7, StepTotal: 7, Done: 10, Total: 10},
	} {
		bar.update(p)
	}
	bar.finish()
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want a line per finished step, got %d:\n%s", len(lines), out.String())
	}
	for i, want := range []string{"regions", "AT edges"} {
		if !strings.Contains(lines[i], want) || !strings.Contains(lines[i], "of 10 rows") {
			t.Errorf("line %d = %q, want the step %q and the running total", i, lines[i], want)
		}
	}
	if bar.rows != 10 {
		t.Errorf("rows written = %d, want 10", bar.rows)
	}
	if strings.Contains(out.String(), "\r") {
		t.Errorf("off a terminal the bar must not redraw in place: %q", out.String())
	}
}
