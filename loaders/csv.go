package loaders

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/chaingraph/chaingraph/graph"
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

// table is a parsed data file: rows that know where they came from.
type table struct {
	file    string
	h       *header // nil when the header could not be read
	rows    []row
	skipped int // rows above the header (a title)
}

type row struct {
	file   string
	line   int
	h      *header
	fields []string
}

// get returns the trimmed value of a column ("" when absent).
func (r row) get(col string) string {
	i, ok := r.h.cols[col]
	if !ok || i >= len(r.fields) {
		return ""
	}
	return strings.TrimSpace(r.fields[i])
}

// has says whether the file has the column at all.
func (r row) has(col string) bool { _, ok := r.h.cols[col]; return ok }

// attributes are the row's values in columns no format reads, in file order.
func (r row) attributes() []Attribute {
	var out []Attribute
	for _, a := range r.h.extra {
		if a.index < len(r.fields) {
			if v := strings.TrimSpace(r.fields[a.index]); v != "" {
				out = append(out, Attribute{Column: a.header, Value: v})
			}
		}
	}
	return out
}

// firmAttributes are what an enterprise row says beyond what the graph models (its name, county,
// links and source): every other non-empty cell in file order, named by the file's own header,
// e.g. 统一社会信用代码, 注册地址, 经营范围 and columns no format reads. The strength column stays
// too: 注册资本 as written ("5,000万元") says more than the number taken from it.
func (r row) firmAttributes(modelled ...string) []graph.Attribute {
	var out []graph.Attribute
	for i, v := range r.fields {
		if i >= len(r.h.names) || slices.Contains(modelled, r.h.byIdx[i]) {
			continue
		}
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, graph.Attribute{Name: strings.TrimSpace(r.h.names[i]), Value: v})
		}
	}
	return out
}

// errorAt locates a problem at a column of the row.
func (r row) errorAt(col, format string, args ...any) Error {
	e := Error{File: r.file, Line: r.line, Message: fmt.Sprintf(format, args...)}
	if i, ok := r.h.cols[col]; ok {
		e.Column = i + 1
	}
	return e
}

// origin is how a fact loaded from this row names its place: "file:line".
func (r row) origin() string { return fmt.Sprintf("%s:%d", r.file, r.line) }

// fingerprint is the row's content in the format's columns, whatever their order in the file:
// two rows with the same fingerprint say the same thing.
func (r row) fingerprint() string {
	var b strings.Builder
	for _, c := range r.h.sorted {
		b.WriteString(c + "=" + r.get(c) + "\x00")
	}
	return b.String()
}

// readTable reads a table file (CSV in UTF-8 or GB18030, or .xlsx) whose header must name the
// format's required columns, under their names or aliases. It returns the rows, the errors and
// the warnings; a row with a bad field is left out, its problem reported at the field.
func readTable(f file, kind, encoding string, spec format) (table, []Error, []Error) {
	t := table{file: f.display}
	recs, errs := readRecords(f, kind, encoding)
	for len(recs) > 0 && blank(recs[0].fields) {
		recs = recs[1:]
	}
	if len(recs) == 0 {
		if len(errs) == 0 {
			errs = append(errs, Error{File: f.display, Message: "empty file; want a header: " + strings.Join(spec.required, ",")})
		}
		return t, errs, nil
	}
	h, herrs, warns := bindHeader(f.display, recs[0].line, recs[0].fields, spec, spec.keepsExtra)
	if len(herrs) > 0 {
		// An export often has a title above its header (湖北省企业名录 2026年3月): a header
		// found in the next few rows is taken, the rows above it reported as a notice.
		for i := 1; i < len(recs) && i <= maxTitleRows; i++ {
			h2, herrs2, warns2 := bindHeader(f.display, recs[i].line, recs[i].fields, spec, spec.keepsExtra)
			if len(herrs2) == 0 {
				h, herrs, warns = h2, nil, warns2
				t.skipped = recs[i].line - 1
				recs = recs[i:]
				break
			}
		}
	}
	if len(herrs) > 0 {
		return t, append(herrs, errs...), warns
	}
	t.h = &h
	width := len(recs[0].fields)
	xlsx := isXLSX(f.path)
recs:
	for _, rec := range recs[1:] {
		if blank(rec.fields) {
			continue
		}
		fields := rec.fields
		switch {
		case xlsx && len(fields) < width: // a sheet row ends at its last non-empty cell
			fields = append(fields, make([]string, width-len(fields))...)
		case xlsx && !blank(fields[width:]):
			errs = append(errs, Error{File: f.display, Line: rec.line, Column: width + 1, Message: fmt.Sprintf("a value in column %s, past the header's last column %s", columnLetter(width), columnLetter(width-1))})
			continue
		case xlsx:
			fields = fields[:width]
		case len(fields) != width:
			errs = append(errs, Error{File: f.display, Line: rec.line, Message: fmt.Sprintf("%d fields, want %d (%s)", len(fields), width, strings.Join(recs[0].fields, ","))})
			continue
		}
		for i, v := range fields {
			c := h.byIdx[i]
			if msg := checkField(v, c == "" || freeText[c]); msg != "" {
				name := h.names[i]
				errs = append(errs, Error{File: f.display, Line: rec.line, Column: i + 1, Message: fmt.Sprintf("%s: %s", strings.TrimSpace(name), msg)})
				continue recs
			}
		}
		t.rows = append(t.rows, row{file: f.display, line: rec.line, h: &h, fields: fields})
	}
	return t, errs, warns
}

func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func isXLSX(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext == ".xlsx" || ext == ".xlsm"
}

// maxTitleRows is how many rows above the header a file may have.
const maxTitleRows = 5

// Separators of list cells. ';' and its full-width form are always separators; '、' is how a
// Chinese list is written, but it also occurs inside names (关键基础零部件、元器件及通用部件), and
// ',' '，' only where a cell holds ids or names of regions, links and chains (see resolveList).
const (
	listSeps = ";；"
	nameSeps = "、,，"
)

// list splits a free-text list cell (aliases, segments, alternative readings) at ';' or '；':
// its items may themselves contain '、' or ','.
func list(s string) []string {
	return splitAny(s, listSeps)
}

func splitAny(s, seps string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
