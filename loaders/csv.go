package loaders

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
)

// Error is one problem in a data file.
type Error struct {
	File    string
	Line    int // 1-based; 0 when the problem is the whole file's
	Column  int // 1-based; 0 when the problem is the whole row's
	Message string
}

func (e Error) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", e.File, e.Message)
	case e.Column == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
}

// table is a parsed CSV file: a header and rows that know where they came from.
type table struct {
	file string
	rows []row
}

type row struct {
	file   string
	line   int
	cols   map[string]int // column name -> index
	fields []string
}

// get returns the trimmed value of a column ("" when absent).
func (r row) get(col string) string {
	i, ok := r.cols[col]
	if !ok || i >= len(r.fields) {
		return ""
	}
	return strings.TrimSpace(r.fields[i])
}

// errorAt locates a problem at a column of the row.
func (r row) errorAt(col, format string, args ...any) Error {
	e := Error{File: r.file, Line: r.line, Message: fmt.Sprintf(format, args...)}
	if i, ok := r.cols[col]; ok {
		e.Column = i + 1
	}
	return e
}

// origin is how a fact loaded from this row names its place: "file:line".
func (r row) origin() string { return fmt.Sprintf("%s:%d", r.file, r.line) }

// readTable parses a CSV file whose header must contain the required columns; optional
// columns may be present; any other column is an error (it would be silently ignored).
func readTable(fsys fs.FS, path, display string, required, optional []string) (table, []Error) {
	t := table{file: display}
	f, err := fsys.Open(path)
	if err != nil {
		return t, []Error{{File: display, Message: err.Error()}}
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err == io.EOF {
		return t, []Error{{File: display, Message: "empty file; want a header: " + strings.Join(required, ",")}}
	}
	if err != nil {
		return t, []Error{csvError(display, err)}
	}
	header[0] = strings.TrimPrefix(header[0], "\ufeff")
	cols := map[string]int{}
	var errs []Error
	known := map[string]bool{}
	for _, c := range append(append([]string{}, required...), optional...) {
		known[c] = true
	}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if !known[h] {
			errs = append(errs, Error{File: display, Line: 1, Column: i + 1, Message: fmt.Sprintf("unknown column %q; the columns are %s", h, strings.Join(append(append([]string{}, required...), optional...), ","))})
			continue
		}
		cols[h] = i
	}
	for _, c := range required {
		if _, ok := cols[c]; !ok {
			errs = append(errs, Error{File: display, Line: 1, Message: fmt.Sprintf("missing column %q; the header needs %s", c, strings.Join(required, ","))})
		}
	}
	if len(errs) > 0 {
		return t, errs
	}
	for {
		fields, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, csvError(display, err))
			var pe *csv.ParseError
			if errors.As(err, &pe) && !errors.Is(pe.Err, csv.ErrFieldCount) {
				break // the reader cannot resynchronise after a quoting error
			}
			continue
		}
		line, _ := r.FieldPos(0)
		if len(fields) == 1 && strings.TrimSpace(fields[0]) == "" {
			continue
		}
		if len(fields) != len(header) {
			errs = append(errs, Error{File: display, Line: line, Message: fmt.Sprintf("%d fields, want %d (%s)", len(fields), len(header), strings.Join(header, ","))})
			continue
		}
		t.rows = append(t.rows, row{file: display, line: line, cols: cols, fields: fields})
	}
	return t, errs
}

func csvError(file string, err error) Error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return Error{File: file, Line: pe.Line, Column: pe.Column, Message: pe.Err.Error()}
	}
	return Error{File: file, Message: err.Error()}
}

// list splits a ";"-separated cell.
func list(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
