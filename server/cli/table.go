package cli

import (
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
	"golang.org/x/term"
)

// columnGap is the space between two columns of a table.
const columnGap = "  "

// minColumnWidth is the narrowest a wrapped column gets: four Chinese characters.
const minColumnWidth = 8

// plainStyle is go-pretty's table without borders: columns apart by two spaces, a rule under
// the header, and a rule between rows only when a cell wrapped (so a row's lines stay
// together). ASCII only: box-drawing characters are East Asian ambiguous, two columns wide in
// many Chinese terminals, and would break the alignment there.
func plainStyle() table.Style {
	s := table.StyleDefault
	s.Name = "chaingraph"
	s.Box.PaddingLeft, s.Box.PaddingRight = "", ""
	s.Box.MiddleVertical = columnGap
	s.Box.MiddleSeparator = columnGap
	s.Box.MiddleHorizontal = "-"
	s.Options = table.Options{DrawBorder: false, SeparateColumns: true, SeparateHeader: true}
	s.Format.Header = text.FormatDefault // headers are Chinese and English as written, not upper-cased
	s.Format.HeaderAlign = text.AlignLeft
	return s
}

// displayWidth is how many terminal columns s takes: East Asian wide characters count two.
func displayWidth(s string) int { return text.StringWidthWithoutEscSequences(s) }

// writeTable prints title (wrapped to fit) and the table, wrapping the longest columns within
// themselves so that no line is wider than width display columns; width 0 means no limit.
// A table that cannot fit even with every column at its narrowest is printed as narrow as it
// gets.
func writeTable(w io.Writer, title string, header []string, rows [][]string, width int) error {
	var b strings.Builder
	if title != "" {
		for _, line := range strings.Split(title, "\n") {
			if width > 0 && displayWidth(line) > width {
				line = text.WrapSoft(line, width)
			}
			for _, part := range strings.Split(line, "\n") {
				b.WriteString(strings.TrimRight(part, " ") + "\n") // WrapSoft pads lines to the width
			}
		}
		b.WriteString("\n")
	}
	tw := table.NewWriter()
	tw.SetStyle(plainStyle())
	tw.AppendHeader(toRow(header))
	for _, r := range rows {
		tw.AppendRow(toRow(r))
	}
	limits := columnWidths(header, rows, width)
	var configs []table.ColumnConfig
	for i, l := range limits {
		if l > 0 {
			configs = append(configs, table.ColumnConfig{Number: i + 1, WidthMax: l, WidthMaxEnforcer: text.WrapSoft})
		}
	}
	if len(configs) > 0 {
		tw.SetColumnConfigs(configs)
		style := plainStyle()
		style.Options.SeparateRows = true
		tw.SetStyle(style)
	}
	for _, line := range strings.Split(tw.Render(), "\n") {
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func toRow(cells []string) table.Row {
	r := make(table.Row, len(cells))
	for i, c := range cells {
		r[i] = c
	}
	return r
}

// columnWidths gives each column a maximum width (0: none) so that the table fits width: the
// columns that fit a fair share keep their natural width, and the rest split what is left
// equally, never narrower than minColumnWidth.
func columnWidths(header []string, rows [][]string, width int) []int {
	natural := make([]int, len(header))
	for _, r := range append([][]string{header}, rows...) {
		for i, c := range r {
			if i < len(natural) {
				for _, line := range strings.Split(c, "\n") {
					natural[i] = max(natural[i], displayWidth(line))
				}
			}
		}
	}
	limits := make([]int, len(natural))
	if width <= 0 || len(natural) == 0 {
		return limits
	}
	budget := width - len(columnGap)*(len(natural)-1)
	total := 0
	for _, n := range natural {
		total += n
	}
	if total <= budget {
		return limits
	}
	// Water-filling: settle the narrow columns first, then share out the rest.
	open := map[int]bool{}
	for i := range natural {
		open[i] = true
	}
	for changed := true; changed; {
		changed = false
		share := budget / max(len(open), 1)
		for i := range open {
			if natural[i] <= share {
				budget -= natural[i]
				delete(open, i)
				changed = true
			}
		}
	}
	share := max(budget/max(len(open), 1), minColumnWidth)
	for i := range open {
		limits[i] = share
	}
	return limits
}

// terminalWidth is how wide tables written to out may be: the terminal's width when out is
// one, else $COLUMNS when set, else no limit (a file or a pipe keeps whole lines).
func terminalWidth(out io.Writer) int {
	if f, ok := out.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return 0
}

// isTerminal says whether out is a terminal (where binary output would be garbage).
func isTerminal(out io.Writer) bool {
	f, ok := out.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
