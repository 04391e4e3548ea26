package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/chaingraph/chaingraph/graph/neo4jstore"
)

// progressBar shows a load's progress: a bar redrawn in place on a terminal, and one line per
// finished step otherwise (logs and CI keep a readable record).
type progressBar struct {
	w        io.Writer
	terminal bool
	start    time.Time
	drawn    time.Time
	rows     int // rows written so far
	drewBar  bool
}

func newProgressBar(w io.Writer) *progressBar {
	terminal := false
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil {
			terminal = fi.Mode()&os.ModeCharDevice != 0
		}
	}
	return &progressBar{w: w, terminal: terminal, start: time.Now()}
}

func (b *progressBar) update(p neo4jstore.LoadProgress) {
	b.rows = p.Done
	elapsed := time.Since(b.start)
	rate := float64(p.Done) / max(elapsed.Seconds(), 1e-9)
	if !b.terminal {
		if p.StepDone == p.StepTotal {
			fmt.Fprintf(b.w, "load: %-16s %9d rows  (%d of %d rows, %.1fs, %.0f rows/s)\n", p.Step, p.StepTotal, p.Done, p.Total, elapsed.Seconds(), rate)
		}
		return
	}
	// Redraw at most ten times a second, and always at a step's end.
	if time.Since(b.drawn) < 100*time.Millisecond && p.StepDone != p.StepTotal {
		return
	}
	b.drawn = time.Now()
	const width = 30
	filled := width * p.Done / max(p.Total, 1)
	fmt.Fprintf(b.w, "\r[%s%s] %3d%%  %d/%d rows  %.0f rows/s  %-16s",
		strings.Repeat("#", filled), strings.Repeat(".", width-filled), 100*p.Done/max(p.Total, 1), p.Done, p.Total, rate, p.Step)
	b.drewBar = true
}

// finish ends the bar's line so what follows starts on a new one.
func (b *progressBar) finish() {
	if b.drewBar {
		fmt.Fprintln(b.w)
	}
}
