package loaders

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// columnAliases is the one table of other names for every column of every format: the Chinese
// headers of registry exports and of 招商 teams' own sheets. A header cell matches a column when
// they are equal after foldHeader (case, spaces, '_', full-width forms and a trailing unit in
// brackets ignored). A column is only looked up among the columns of the file's own format.
var columnAliases = map[string][]string{
	// enterprises (registry exports: 企查查, 天眼查, 市场监管 lists)
	"name":               {"企业名称", "公司名称", "名称", "企业名", "单位名称"},
	"credit_code":        {"统一社会信用代码", "信用代码", "社会信用代码", "统一代码"},
	"county":             {"所属区县", "区县", "所在区县", "县区", "所属县区"},
	"province":           {"所属省份", "省份", "省"},
	"city":               {"所属城市", "城市", "所属地市", "地市"},
	"address":            {"注册地址", "地址", "住所", "企业地址"},
	"industry_code":      {"国民经济行业代码", "行业代码", "国标行业代码"},
	"industry":           {"国民经济行业", "国标行业", "所属行业", "行业"},
	"business_scope":     {"经营范围"},
	"products":           {"主营产品", "主要产品"},
	"registered_capital": {"注册资本"},
	"founded":            {"成立日期", "成立时间"},
	"links":              {"环节", "产业链环节", "链环节"},
	"source":             {"来源", "数据来源"},
	// the curated formats
	"id":            {"编号"},
	"chain":         {"产业链", "所属产业链"},
	"chains":        {"产业链列表"},
	"region":        {"地区", "区域"},
	"link":          {"产业链环节名称"},
	"strength":      {"强度"},
	"status":        {"状态"},
	"alternatives":  {"其他解读"},
	"stage":         {"阶段"},
	"segments":      {"细分"},
	"aliases":       {"别名"},
	"category":      {"类别"},
	"kind":          {"类型"},
	"programme":     {"名单"},
	"year":          {"年份", "年度"},
	"note":          {"说明"},
	"evidence_kind": {"证据类型"},
	"evidence":      {"证据"},
	"section":       {"章节"},
	"reason":        {"理由"},
	"code":          {"区划代码", "行政区划代码"},
	"parent_code":   {"上级代码"},
	"parent_name":   {"上级名称"},
	"lon":           {"经度"},
	"lat":           {"纬度"},
	"alias":         {"别称"},
	"belt":          {"带"},
	"indicator":     {"指标"},
	"value":         {"数值", "值"},
	"unit":          {"单位"},
	"comparator":    {"比较"},
	"scope":         {"范围"},
	"from":          {"上游"},
	"file":          {"文件", "文件名"},
	"encoding":      {"编码"},
	"to":            {"下游"},
}

// index maps the folded names and aliases of the format's columns to the columns. An alias
// naming two columns of one format would be a mistake in columnAliases (TestAliasesAreUnambiguous).
func (spec format) index() map[string]string {
	m := map[string]string{}
	for _, c := range spec.columns() {
		m[foldHeader(c)] = c
		for _, a := range columnAliases[c] {
			m[foldHeader(a)] = c
		}
	}
	return m
}

// foldHeader is how header cells are compared: "Credit Code", "credit_code", "ＣＲＥＤＩＴ＿ＣＯＤＥ"
// and "注册资本（万元）" match credit_code and 注册资本.
func foldHeader(h string) string {
	h = width.Fold.String(h)
	h = strings.TrimLeft(strings.TrimSpace(h), "*")
	if i := strings.LastIndex(h, "("); i > 0 && strings.HasSuffix(h, ")") {
		h = h[:i] // a unit: 注册资本(万元)
	}
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		if unicode.IsSpace(r) || r == '_' || r == '-' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// attribute is a column no format reads, kept on the row (an enterprise keeps them).
type attribute struct {
	index  int
	header string
}

// header is a file's first row bound to its format's columns.
type header struct {
	cols   map[string]int // column name -> index
	names  []string       // the cells as written
	extra  []attribute
	sorted []string // the bound columns, sorted
	byIdx  []string // the column bound at each index, "" for none
}

// bindHeader matches a header row against the format. An unknown column is never an error:
// an enterprise list keeps it as the firm's attribute; another file loads without it, with a
// warning (it may be a misspelt column). Two cells naming the same column are an error.
func bindHeader(display string, line int, cells []string, spec format, keepsExtra bool) (header, []Error, []Error) {
	h := header{cols: map[string]int{}, names: cells}
	var errs, warns []Error
	index := spec.index()
	var unknown []string
	for i, cell := range cells {
		cell = strings.TrimSpace(strings.TrimPrefix(cell, "\ufeff"))
		if cell == "" {
			continue // Excel leaves an empty cell past the last column
		}
		col, ok := index[foldHeader(cell)]
		if !ok {
			h.extra = append(h.extra, attribute{index: i, header: cell})
			unknown = append(unknown, fmt.Sprintf("%s %q", columnLetter(i), cell))
			continue
		}
		if prev, dup := h.cols[col]; dup {
			errs = append(errs, Error{File: display, Line: line, Column: i + 1, Message: fmt.Sprintf(
				"columns %s %q and %s %q are both %s; keep one", columnLetter(prev), strings.TrimSpace(cells[prev]), columnLetter(i), cell, col)})
			continue
		}
		h.cols[col] = i
	}
	for _, c := range spec.required {
		if _, ok := h.cols[c]; !ok {
			msg := fmt.Sprintf("missing column %s; the header needs %s", describeColumn(c), strings.Join(spec.required, ","))
			if len(unknown) > 0 {
				msg += "; not read: " + strings.Join(unknown, ", ")
			}
			errs = append(errs, Error{File: display, Line: line, Message: msg})
		}
	}
	h.sortCols()
	h.byIdx = make([]string, len(cells))
	for c, i := range h.cols {
		h.byIdx[i] = c
	}
	if len(unknown) > 0 && !keepsExtra {
		warns = append(warns, Error{File: display, Line: line, Message: fmt.Sprintf("column(s) %s are not read (ignored); the columns are %s", strings.Join(unknown, ", "), strings.Join(spec.columns(), ","))})
	}
	return h, errs, warns
}

// describeColumn names a column with its Chinese aliases, as a user's header may spell it.
func describeColumn(c string) string {
	as := columnAliases[c]
	if len(as) == 0 {
		return fmt.Sprintf("%q", c)
	}
	if len(as) > 3 {
		as = as[:3]
	}
	return fmt.Sprintf("%q (%s)", c, strings.Join(as, ", "))
}

// columnLetter is the column as a spreadsheet names it (A, B, … AA), which is how users find it.
func columnLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// freeText columns may hold line breaks (an address or a 经营范围 typed with Alt+Enter); names
// and ids may not.
var freeText = map[string]bool{"evidence": true, "reason": true, "note": true, "business_scope": true, "products": true, "address": true, "source": true}

// checkField refuses what no name, id or number may contain; it returns "" when the field is fine.
func checkField(v string, multiline bool) string {
	if len(v) > MaxFieldBytes {
		return fmt.Sprintf("a field of %d bytes; the limit is %d KiB per field (is a quote left open?)", len(v), MaxFieldBytes>>10)
	}
	for _, r := range v {
		switch {
		case r == '\t':
		case (r == '\n' || r == '\r') && multiline:
		case r == '\n' || r == '\r':
			return "a line break inside the field; a name, id or code is one line"
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			return fmt.Sprintf("control character U+%04X in the field; it is not text (a damaged or binary file?)", r)
		}
	}
	return ""
}

func (spec format) columns() []string {
	cs := append(append([]string{}, spec.required...), spec.optional...)
	return cs
}

// sortCols lists a header's bound columns in order, for fingerprints of rows.
func (h *header) sortCols() {
	h.sorted = make([]string, 0, len(h.cols))
	for c := range h.cols {
		h.sorted = append(h.sorted, c)
	}
	sort.Strings(h.sorted)
}

// index is the column a user names (its English name, a Chinese alias, or an extra column's
// header as written), or -1.
func (h *header) index(name string) int {
	if c, ok := h.cols[name]; ok {
		return c
	}
	want := foldHeader(name)
	for i, n := range h.names {
		if foldHeader(n) == want {
			return i
		}
	}
	return -1
}
