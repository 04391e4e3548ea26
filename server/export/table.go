// Package export writes chaingraph's answers as the files its users open untouched: CSV with a
// UTF-8 byte-order mark and .xlsx for Excel on Chinese Windows, GeoJSON (RFC 7946, WGS84) for
// QGIS, GraphML for Gephi and networkx. It also turns each answer (a chaingraph.v1 response)
// into the rectangular Table both the CLI and the HTTP downloads write.
//
// It is pure: plain Go values and protos in, bytes out. It does not call the service, read a
// store or know HTTP; callers fetch every page of an answer first (the tables show what they
// are given). Coordinates it writes are WGS84; converting GCJ-02 centroids is the caller's
// (loaders/boundaries.GCJ02ToWGS84).
package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// Table is one rectangular answer: a header row and typed cells.
type Table struct {
	// Name is the sheet name in .xlsx: at most 31 characters, none of []:*?/\, unique in a
	// workbook, e.g. "补链 lacking".
	Name string
	// Header names the columns, Chinese with English, e.g. "地区 region".
	Header []string
	// Rows hold one cell per column: string, int, int32, int64, float64 or bool; nil is a
	// missing number (an empty cell, never 0 or "-"). NaN and ±Inf are missing too.
	Rows [][]any
}

// check reports the first cell a writer cannot write, naming the table, row and column.
func (t Table) check() error {
	if len(t.Header) == 0 {
		return fmt.Errorf("table %q: no header", t.Name)
	}
	for i, row := range t.Rows {
		if len(row) != len(t.Header) {
			return fmt.Errorf("table %q: row %d has %d cells; the header has %d columns", t.Name, i+1, len(row), len(t.Header))
		}
		for j, c := range row {
			switch c.(type) {
			case nil, string, int, int32, int64, float64, bool:
			default:
				return fmt.Errorf("table %q: row %d column %q: cell of type %T; want string, int, int32, int64, float64, bool or nil", t.Name, i+1, t.Header[j], c)
			}
		}
	}
	return nil
}

// cellText is a cell as CSV text: numbers plain (no exponent), a missing number empty.
func cellText(c any) string {
	switch v := c.(type) {
	case nil:
		return ""
	case string:
		return inertText(v)
	case int:
		return strconv.Itoa(v)
	case int32:
		return strconv.FormatInt(int64(v), 10)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return ""
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		if v {
			return "TRUE" // as Excel writes and reads booleans
		}
		return "FALSE"
	}
	return fmt.Sprint(c)
}

// inertText keeps a text cell text when Excel opens the CSV: a cell beginning with = + - @ (or a
// tab or carriage return before one) would run as a formula, and names and business scopes come
// from users' files (OWASP's CSV injection advice: a leading apostrophe, which Excel does not
// show). The .xlsx writer stores text as text and needs none of this.
func inertText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteCSV writes the table as CSV for Excel: a UTF-8 byte-order mark (without one Excel on
// Chinese Windows reads the file as GBK), the header, then the rows; a missing number is an
// empty cell, numbers are written in full (1234567.5, never 1.2345675e+06), and text that Excel
// would run as a formula is made inert (inertText).
func WriteCSV(w io.Writer, t Table) error {
	if err := t.check(); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // RFC 4180, and what Excel writes
	if err := cw.Write(t.Header); err != nil {
		return err
	}
	record := make([]string, len(t.Header))
	for _, row := range t.Rows {
		for j, c := range row {
			record[j] = cellText(c)
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Column widths in .xlsx, in characters (a CJK character counts two).
const (
	minColumnWidth = 6
	maxColumnWidth = 60
)

// WriteXLSX writes the tables as one workbook, a sheet per table in order: the header row bold
// and frozen (it stays in view when scrolling), an auto-filter on it, numbers stored as numbers,
// a missing number an empty cell, and each column as wide as its longest cell (CJK counted
// twice), within 6 to 60 characters.
func WriteXLSX(w io.Writer, tables ...Table) error {
	if len(tables) == 0 {
		return fmt.Errorf("WriteXLSX: no tables; a workbook needs at least one sheet")
	}
	seen := map[string]bool{}
	for _, t := range tables {
		if err := checkSheetName(t.Name); err != nil {
			return err
		}
		if key := strings.ToLower(t.Name); seen[key] {
			return fmt.Errorf("table %q: sheet name used twice (Excel ignores case)", t.Name)
		} else {
			seen[key] = true
		}
		if err := t.check(); err != nil {
			return err
		}
	}
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	for i, t := range tables {
		if i == 0 {
			if err := f.SetSheetName(f.GetSheetName(0), t.Name); err != nil {
				return fmt.Errorf("table %q: %w", t.Name, err)
			}
		} else if _, err := f.NewSheet(t.Name); err != nil {
			return fmt.Errorf("table %q: %w", t.Name, err)
		}
		if err := writeSheet(f, t, bold); err != nil {
			return fmt.Errorf("table %q: %w", t.Name, err)
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

func writeSheet(f *excelize.File, t Table, headerStyle int) error {
	widths := make([]int, len(t.Header))
	for j, h := range t.Header {
		cell, _ := excelize.CoordinatesToCellName(j+1, 1)
		if err := f.SetCellStr(t.Name, cell, h); err != nil {
			return err
		}
		widths[j] = displayWidth(h)
	}
	for i, row := range t.Rows {
		for j, c := range row {
			if c == nil {
				continue
			}
			if v, ok := c.(float64); ok && (math.IsNaN(v) || math.IsInf(v, 0)) {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
			if err := f.SetCellValue(t.Name, cell, c); err != nil {
				return err
			}
			widths[j] = max(widths[j], displayWidth(cellText(c)))
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(t.Header), 1)
	if err := f.SetCellStyle(t.Name, "A1", last, headerStyle); err != nil {
		return err
	}
	for j, wd := range widths {
		col, _ := excelize.ColumnNumberToName(j + 1)
		if err := f.SetColWidth(t.Name, col, col, float64(min(max(wd+2, minColumnWidth), maxColumnWidth))); err != nil {
			return err
		}
	}
	if err := f.SetPanes(t.Name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	lastRow, _ := excelize.CoordinatesToCellName(len(t.Header), len(t.Rows)+1)
	return f.AutoFilter(t.Name, "A1:"+lastRow, nil)
}

// checkSheetName applies Excel's rules for sheet names.
func checkSheetName(name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return fmt.Errorf("table name is empty; a sheet needs a name")
	case utf8.RuneCountInString(name) > 31:
		return fmt.Errorf("table %q: %d characters; a sheet name has at most 31", name, utf8.RuneCountInString(name))
	case strings.ContainsAny(name, `[]:*?/\`):
		return fmt.Errorf(`table %q: a sheet name cannot contain any of []:*?/\`, name)
	case strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
		return fmt.Errorf("table %q: a sheet name cannot begin or end with an apostrophe", name)
	}
	return nil
}

// displayWidth counts East Asian wide characters as two columns, as Excel's default fonts draw them.
func displayWidth(s string) int {
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
