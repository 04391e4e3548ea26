// Package attach hangs firms on chain links (挂链): from a firm's 国民经济行业代码 (GB/T 4754-2017),
// its 主营产品 and its 经营范围 it says which links the firm makes, how (by industry code or by
// product words) and how sure that is, and, when nothing fits, which links are nearest.
//
// It reads the classification tables of the seeds (seeds/classification: the GB/T 4754-2017
// classes, each link's classes and keywords, and a stop list of words too generic to attach a
// firm). It does not read enterprise files, write to a store or decide presence: loaders and the
// graph do that with what Attach returns. Matching is on simplified Chinese; traditional text
// must be converted first.
//
// The rules, in order:
//   - A 4-digit 小类 (3841, C3841, "3841 锂离子电池制造") attaches the firm to every link holding
//     that class. A class that lies inside the link (fit "whole") is confident; a class the link
//     is only part of (fit "part", e.g. 3130 钢压延加工 for 电工钢) is probable unless one of the
//     link's words also occurs in the firm's text, which makes it confident.
//   - A 3-digit 中类 names no class: it attaches, as probable, to the links holding a class of
//     that 中类. A 2-digit 大类 or a section letter attaches nothing; it only steers the nearest
//     candidates.
//   - Words: 主营产品 first; 经营范围 only when the products gave no word. Within a clause the
//     longest keyword wins, and a keyword that merely qualifies the next noun (锂离子电池 in
//     锂离子电池正极材料) is dropped: Chinese compounds are head-final. A 经营范围 clause that only
//     trades (钢材、建材销售) attaches only to trade links (kind "trade" keywords). Word
//     attachments are probable.
//   - Codes that are not GB/T 4754-2017 classes, and a code whose section letter or name
//     disagrees with the table, are reported in Result.Problems, never silently dropped.
package attach

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/chaingraph/chaingraph/seeds"
)

// Dir is the classification tables' directory in the seeds; the seeds loader leaves it to this
// package.
const Dir = "classification"

// Seeds loads the tables embedded in the binary.
func Seeds() (*Table, error) { return Load(seeds.FS, Dir) }

// File names inside the classification directory.
const (
	ClassesFile     = "gbt4754_2017.csv"
	LinkClassesFile = "link_classes.csv"
	KeywordsFile    = "link_keywords.csv"
	StopWordsFile   = "stop_words.csv"
)

// Methods and confidences of an Attachment.
const (
	MethodCode    = "industry_code"
	MethodKeyword = "keyword"
	Confident     = "confident"
	Probable      = "probable"
)

// Fit of a link's class: the class lies inside the link, or the link is only part of the class.
const (
	FitWhole = "whole"
	FitPart  = "part"
)

// Class is one GB/T 4754-2017 小类 with its parents.
type Class struct {
	Section, SectionName   string // 门类: letter and name
	Division, DivisionName string // 大类: 2 digits
	Group, GroupName       string // 中类: 3 digits
	Code, Name             string // 小类: 4 digits
}

// LinkClass is one row of link_classes.csv: a class a link holds, or (Code empty) the reason
// no class fits the link.
type LinkClass struct {
	LinkID, Code, Fit, Reason string
}

// Keyword is one row of link_keywords.csv.
type Keyword struct {
	LinkID, Word string
	Trade        bool // a trade word (农产品销售): it counts in 经营范围 clauses that only trade
	Source       string
}

// Table is the links' classes and keywords.
type Table struct {
	classes   map[string]Class       // by 4-digit code
	groups    map[string]string      // 中类 code → name
	divisions map[string]string      // 大类 code → name
	byName    map[string]string      // class name → code
	byClass   map[string][]LinkClass // code → the links holding it
	byLink    map[string][]LinkClass
	keywords  []Keyword
	byLinkKW  map[string][]Keyword
	stop      map[string]string // word → reason
	// longest first, so 技术服务 goes before 服务 would leave 技术 behind
	stopLongestFirst []string
	links            []string // every link the tables name, sorted
}

// Firm is what an enterprise list says about one firm.
type Firm struct{ IndustryCode, Industry, Products, BusinessScope string }

// Attachment says a firm makes a link, how that was found and how sure it is.
type Attachment struct {
	LinkID     string
	Method     string   // "industry_code" or "keyword"
	Confidence string   // "confident" (by code) or "probable" (by words)
	Matched    []string // the code, or the words that matched, and in which field
}

// Candidate is a link near a firm that attached nowhere, for the report.
type Candidate struct {
	LinkID string
	Score  float64 // 0..1, higher is nearer
	Why    string
}

// Result is everything Match found about one firm.
type Result struct {
	Code        string // the firm's 4-, 3- or 2-digit code as read, "" when none could be read
	Attachments []Attachment
	Nearest     []Candidate // only when Attachments is empty
	Problems    []string    // unknown or inconsistent codes
}

// Load reads the classification tables from dir inside fsys ("classification" inside the seeds
// FS). Every problem in every file is reported at once.
func Load(fsys fs.FS, dir string) (*Table, error) {
	t := &Table{
		classes: map[string]Class{}, groups: map[string]string{}, divisions: map[string]string{},
		byName: map[string]string{}, byClass: map[string][]LinkClass{}, byLink: map[string][]LinkClass{},
		byLinkKW: map[string][]Keyword{}, stop: map[string]string{},
	}
	var errs []error
	bad := func(file string, line int, format string, a ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", path.Join(dir, file), line, fmt.Sprintf(format, a...)))
	}
	read := func(file string, header []string, row func(line int, rec []string)) {
		f, err := fsys.Open(path.Join(dir, file))
		if err != nil {
			errs = append(errs, err)
			return
		}
		defer f.Close()
		r := csv.NewReader(f)
		r.FieldsPerRecord = len(header)
		got, err := r.Read()
		if err != nil || !slices.Equal(got, header) {
			bad(file, 1, "header must be %s", strings.Join(header, ","))
			return
		}
		for {
			rec, err := r.Read()
			if err == io.EOF {
				return
			}
			line, _ := r.FieldPos(0)
			if err != nil {
				bad(file, line, "%v", err)
				continue
			}
			for i := range rec {
				rec[i] = strings.TrimSpace(rec[i])
			}
			row(line, rec)
		}
	}

	read(ClassesFile, []string{"section", "section_name", "division", "division_name", "group", "group_name", "class", "class_name"}, func(line int, r []string) {
		c := Class{r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]}
		switch {
		case !sectionRe.MatchString(c.Section), !digits(c.Division, 2), !digits(c.Group, 3), !digits(c.Code, 4):
			bad(ClassesFile, line, "codes must be a section letter A-T and 2, 3 and 4 digits")
		case !strings.HasPrefix(c.Group, c.Division), !strings.HasPrefix(c.Code, c.Group):
			bad(ClassesFile, line, "class %s is not inside 中类 %s and 大类 %s", c.Code, c.Group, c.Division)
		case c.Name == "" || c.GroupName == "" || c.DivisionName == "" || c.SectionName == "":
			bad(ClassesFile, line, "a name is empty")
		case t.classes[c.Code] != (Class{}):
			bad(ClassesFile, line, "class %s listed twice", c.Code)
		default:
			t.classes[c.Code] = c
			t.groups[c.Group] = c.GroupName
			t.divisions[c.Division] = c.DivisionName
			t.byName[c.Name] = c.Code
		}
	})

	read(StopWordsFile, []string{"word", "reason"}, func(line int, r []string) {
		if r[0] == "" || r[1] == "" {
			bad(StopWordsFile, line, "a stop word needs its reason")
			return
		}
		t.stop[fold(r[0])] = r[1]
	})

	seen := map[[2]string]bool{}
	linkSet := map[string]bool{}
	read(LinkClassesFile, []string{"link", "class", "fit", "evidence_kind", "evidence", "reason"}, func(line int, r []string) {
		lc := LinkClass{LinkID: r[0], Code: r[1], Fit: r[2], Reason: r[5]}
		if lc.LinkID == "" || lc.Reason == "" {
			bad(LinkClassesFile, line, "link and reason are required")
			return
		}
		switch r[3] {
		case "classification":
			c, ok := t.classes[lc.Code]
			switch {
			case !ok:
				bad(LinkClassesFile, line, "%q is not a 4-digit class of %s", lc.Code, ClassesFile)
				return
			case r[4] != c.Name:
				// the evidence quotes the class's own name: it must be the table's name
				bad(LinkClassesFile, line, "evidence %q is not the name of class %s (%s)", r[4], c.Code, c.Name)
				return
			case lc.Fit != FitWhole && lc.Fit != FitPart:
				bad(LinkClassesFile, line, "fit must be %q or %q", FitWhole, FitPart)
				return
			}
		case "none":
			if lc.Code != "" || lc.Fit != "" || r[4] != "" {
				bad(LinkClassesFile, line, "a none row has no class, fit or evidence: only the reason no class fits")
				return
			}
		default:
			bad(LinkClassesFile, line, "evidence_kind must be classification or none")
			return
		}
		k := [2]string{lc.LinkID, lc.Code}
		if seen[k] {
			bad(LinkClassesFile, line, "link %s and class %q listed twice", lc.LinkID, lc.Code)
			return
		}
		seen[k] = true
		linkSet[lc.LinkID] = true
		t.byLink[lc.LinkID] = append(t.byLink[lc.LinkID], lc)
		if lc.Code != "" {
			t.byClass[lc.Code] = append(t.byClass[lc.Code], lc)
		}
	})
	for id, lcs := range t.byLink {
		hasClass := slices.ContainsFunc(lcs, func(lc LinkClass) bool { return lc.Code != "" })
		hasNone := slices.ContainsFunc(lcs, func(lc LinkClass) bool { return lc.Code == "" })
		if hasClass && hasNone {
			errs = append(errs, fmt.Errorf("%s: link %s has classes and a row saying none fits", path.Join(dir, LinkClassesFile), id))
		}
	}

	seenKW := map[[2]string]bool{}
	read(KeywordsFile, []string{"link", "keyword", "kind", "source", "reason"}, func(line int, r []string) {
		kw := Keyword{LinkID: r[0], Word: fold(r[1]), Trade: r[2] == "trade", Source: r[3]}
		switch {
		case kw.LinkID == "" || kw.Word == "" || r[4] == "":
			bad(KeywordsFile, line, "link, keyword and reason are required")
		case r[2] != "make" && r[2] != "trade":
			bad(KeywordsFile, line, "kind must be make or trade")
		case t.stop[kw.Word] != "":
			bad(KeywordsFile, line, "keyword %q is on the stop list: %s", r[1], t.stop[kw.Word])
		case seenKW[[2]string{kw.LinkID, kw.Word}]:
			bad(KeywordsFile, line, "link %s and keyword %q listed twice", kw.LinkID, r[1])
		default:
			seenKW[[2]string{kw.LinkID, kw.Word}] = true
			linkSet[kw.LinkID] = true
			t.keywords = append(t.keywords, kw)
			t.byLinkKW[kw.LinkID] = append(t.byLinkKW[kw.LinkID], kw)
		}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for id := range linkSet {
		t.links = append(t.links, id)
	}
	for w := range t.stop {
		t.stopLongestFirst = append(t.stopLongestFirst, w)
	}
	sort.Slice(t.stopLongestFirst, func(i, j int) bool {
		a, b := t.stopLongestFirst[i], t.stopLongestFirst[j]
		if len(a) != len(b) {
			return len(a) > len(b)
		}
		return a < b
	})
	sort.Strings(t.links)
	return t, nil
}

// Links is every link the tables name.
func (t *Table) Links() []string { return slices.Clone(t.links) }

// LinkClasses is a link's rows of link_classes.csv.
func (t *Table) LinkClasses(link string) []LinkClass { return slices.Clone(t.byLink[link]) }

// Keywords is a link's keywords.
func (t *Table) Keywords(link string) []Keyword { return slices.Clone(t.byLinkKW[link]) }

// Class is the 4-digit class with that code.
func (t *Table) Class(code string) (Class, bool) {
	c, ok := t.classes[code]
	return c, ok
}

// Classes is the number of 4-digit classes in the table.
func (t *Table) Classes() int { return len(t.classes) }

// Check reports links of the seeds missing from link_classes.csv, and links of the tables that
// are not seed links.
func (t *Table) Check(linkIDs []string) error {
	var errs []error
	want := map[string]bool{}
	for _, id := range linkIDs {
		want[id] = true
		if len(t.byLink[id]) == 0 {
			errs = append(errs, fmt.Errorf("link %s has no row in %s: give its classes or say why none fits", id, LinkClassesFile))
		}
	}
	for _, id := range t.links {
		if !want[id] {
			errs = append(errs, fmt.Errorf("link %s of the classification tables is not a chain link", id))
		}
	}
	return errors.Join(errs...)
}

var (
	sectionRe = regexp.MustCompile(`^[A-T]$`)
	// an optional section letter, then the digits: C3841, c 3841, 3841 锂离子电池制造, C38
	codeRe = regexp.MustCompile(`^([A-Za-z])?\s*-?\s*(\d+)`)
)

func digits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// fold turns full-width letters and digits into ASCII and upper-cases Latin letters, so PCB,
// ＰＣＢ and pcb read alike.
func fold(s string) string { return strings.ToUpper(width.Fold.String(strings.TrimSpace(s))) }

// NormalizeCode reads an industry code as users' lists write it: C3841, 3841, "3841 锂离子电池制造",
// "C 3841". It returns the digits and the section letter ("" when not written); digits is ""
// when the text holds no code.
func NormalizeCode(s string) (digits, section string) {
	m := codeRe.FindStringSubmatch(fold(s))
	if m == nil {
		return "", ""
	}
	return m[2], m[1]
}

// Attach hangs a firm on links. attachments is empty when nothing fits; nearest then holds the
// links nearest to the firm. Use Match to see the problems found in the firm's codes as well.
func (t *Table) Attach(f Firm) (attachments []Attachment, nearest []Candidate) {
	r := t.Match(f)
	return r.Attachments, r.Nearest
}

type linkHit struct {
	code     []string // matched code descriptions
	words    []string // matched words, with field
	conf     string
	byCode   bool
	codePart bool // attached through a part-fit or 3-digit code: confident only with words
	group    bool // through a 3-digit 中类: never confident
	// a link word that is not just a class name: it confirms a part-fit class
	confirming bool
}

// Match is Attach with the firm's code problems.
func (t *Table) Match(f Firm) Result {
	var res Result
	hits := map[string]*linkHit{}
	hit := func(id string) *linkHit {
		h := hits[id]
		if h == nil {
			h = &linkHit{}
			hits[id] = h
		}
		return h
	}

	code, section := NormalizeCode(f.IndustryCode)
	codeFrom := "行业代码"
	if code == "" {
		code, section = NormalizeCode(f.Industry)
		codeFrom = "行业"
	}
	industryName := strings.TrimSpace(strings.TrimLeft(fold(f.Industry), "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -"))
	if code == "" && industryName != "" {
		// only a name: an exact class name gives its code
		if c, ok := t.byName[industryName]; ok {
			code, codeFrom = c, "行业名称"
		}
	}
	res.Code = code
	raw := strings.TrimSpace(f.IndustryCode)
	if raw == "" {
		raw = strings.TrimSpace(f.Industry)
	}
	switch len(code) {
	case 0:
		if raw != "" && industryName != raw {
			res.Problems = append(res.Problems, fmt.Sprintf("行业代码 %q 读不出代码", raw))
		}
	case 4:
		c, ok := t.classes[code]
		if !ok {
			res.Problems = append(res.Problems, fmt.Sprintf("行业代码 %q: %s 不是 GB/T 4754-2017 的小类", raw, code))
			break
		}
		if section != "" && section != c.Section {
			res.Problems = append(res.Problems, fmt.Sprintf("行业代码 %q: 小类 %s 属门类 %s, 不是 %s", raw, code, c.Section, section))
		}
		if industryName != "" && industryName != c.Name {
			if other, ok := t.byName[industryName]; ok && other != code {
				res.Problems = append(res.Problems, fmt.Sprintf("行业名称 %q 是小类 %s, 与代码 %s %s 不符; 按代码挂链", industryName, other, code, c.Name))
			}
		}
		for _, lc := range t.byClass[code] {
			h := hit(lc.LinkID)
			h.byCode = true
			fit := "整类属此环节"
			if lc.Fit == FitPart {
				fit = "此环节只占该类一部分"
			}
			h.code = append(h.code, fmt.Sprintf("%s: %s %s (%s)", codeFrom, code, c.Name, fit))
			if lc.Fit == FitPart {
				h.codePart = true
			}
		}
	case 3:
		name, ok := t.groups[code]
		if !ok {
			res.Problems = append(res.Problems, fmt.Sprintf("行业代码 %q: %s 不是 GB/T 4754-2017 的中类", raw, code))
			break
		}
		for _, id := range t.linksUnder(code) {
			h := hit(id)
			h.byCode, h.codePart, h.group = true, true, true
			h.code = append(h.code, fmt.Sprintf("%s: 中类 %s %s (未给小类)", codeFrom, code, name))
		}
	case 2:
		if _, ok := t.divisions[code]; !ok {
			res.Problems = append(res.Problems, fmt.Sprintf("行业代码 %q: %s 不是 GB/T 4754-2017 的大类", raw, code))
		}
	default:
		res.Problems = append(res.Problems, fmt.Sprintf("行业代码 %q: %s 位数字不是 GB/T 4754-2017 的代码 (小类 4 位)", raw, code))
	}

	// words: products first, the business scope only when the products gave none
	words := t.findWords(f.Products, "主营产品", false)
	if len(words) == 0 {
		words = t.findWords(f.BusinessScope, "经营范围", true)
	}
	for _, w := range words {
		h := hit(w.link)
		h.words = append(h.words, w.desc)
		if !w.className {
			h.confirming = true
		}
	}

	for id, h := range hits {
		a := Attachment{LinkID: id}
		switch {
		case h.byCode && !h.codePart:
			a.Method, a.Confidence = MethodCode, Confident
		case h.byCode && !h.group && h.confirming:
			a.Method, a.Confidence = MethodCode, Confident // a part-fit class confirmed by the firm's words
		case h.byCode:
			a.Method, a.Confidence = MethodCode, Probable
		default:
			a.Method, a.Confidence = MethodKeyword, Probable
		}
		a.Matched = append(slices.Clone(h.code), h.words...)
		res.Attachments = append(res.Attachments, a)
	}
	sort.Slice(res.Attachments, func(i, j int) bool {
		a, b := res.Attachments[i], res.Attachments[j]
		if a.Confidence != b.Confidence {
			return a.Confidence == Confident
		}
		return a.LinkID < b.LinkID
	})
	if len(res.Attachments) == 0 {
		res.Nearest = t.nearest(f, code)
	}
	return res
}

// linksUnder is the links holding a class whose code starts with prefix.
func (t *Table) linksUnder(prefix string) []string {
	set := map[string]bool{}
	for c, lcs := range t.byClass {
		if strings.HasPrefix(c, prefix) {
			for _, lc := range lcs {
				set[lc.LinkID] = true
			}
		}
	}
	var out []string
	for id := range set {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

type wordHit struct {
	link, desc string
	className  bool // the clause is a class's name: it says no more than a code would
}

// clause separators of 经营范围 and product lists; 、 is not one: it joins the verbs or goods of one
// clause (研发、生产、销售), and the trade test looks at the whole clause
var clauseSep = regexp.MustCompile(`[；;。，,\n\r]+`)

// phrase separators inside a clause: a keyword ends at one of these
const phraseSep = "、 \t/（）()【】[]：:“”\"'《》<>·+＋"

// words that may follow a keyword that is the head of its phrase: verbs of making and trading and
// a few function words. A keyword followed by any other Chinese text qualifies a noun it does not
// name (锂离子电池 in 锂离子电池正极材料, 新能源汽车 in 新能源汽车底盘) and does not count.
var headFollowers = []string{
	"制造", "生产", "研发", "研制", "开发", "销售", "加工", "组装", "装配", "设计", "技术", "服务",
	"批发", "零售", "进出口", "经营", "制作", "开采", "采选", "冶炼", "种植", "养殖", "回收", "检测",
	"维修", "安装", "租赁", "应用", "推广", "贸易", "代理", "运营", "管理", "产品", "系统", "总成",
	"项目", "业务", "咨询", "配套", "及", "和", "与", "等", "的", "或", "类",
}

var (
	tradeWords = []string{"销售", "批发", "零售", "进出口", "经销", "代理", "租赁", "贸易", "回收"}
	makeWords  = []string{"制造", "生产", "加工", "研发", "研制", "开发", "组装", "装配", "冶炼", "种植", "养殖", "设计", "制作", "开采", "采选", "培育", "检测", "运营"}
	// the boilerplate of registered 经营范围, not goods
	scopeNoise = regexp.MustCompile(`[（(][^（）()]*(依法须经批准|凭营业执照|不含|除外|经相关部门)[^（）()]*[）)]|一般项目|许可项目`)
)

func containsAny(s string, ws []string) bool {
	for _, w := range ws {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

type span struct {
	start, end int // byte offsets
	kw         *Keyword
}

// findWords finds the link keywords of one field. scope is true for 经营范围, whose clauses
// that only trade attach only to trade keywords.
func (t *Table) findWords(text, field string, scope bool) []wordHit {
	text = fold(text)
	if scope {
		text = scopeNoise.ReplaceAllString(text, "；")
	}
	var out []wordHit
	seen := map[[2]string]bool{}
	for _, clause := range clauseSep.Split(text, -1) {
		clause = strings.Trim(clause, " \t：:") // 一般项目：… leaves its colon
		if clause == "" {
			continue
		}
		if code, ok := t.byName[clause]; ok {
			// registered 经营范围 items are often a class's very name (光伏设备及元器件制造): read the
			// class, not the words inside it (元器件 there is not equipment-components)
			for _, lc := range t.byClass[code] {
				k := [2]string{lc.LinkID, clause}
				if !seen[k] {
					seen[k] = true
					out = append(out, wordHit{lc.LinkID, fmt.Sprintf("%s: %s (小类 %s 的名称)", field, clause, code), true})
				}
			}
			continue
		}
		tradeOnly := scope && containsAny(clause, tradeWords) && !containsAny(clause, makeWords)
		// every occurrence of every keyword, then the longest first without overlaps
		var cands []span
		for i := range t.keywords {
			kw := &t.keywords[i]
			for off := 0; ; {
				j := strings.Index(clause[off:], kw.Word)
				if j < 0 {
					break
				}
				cands = append(cands, span{off + j, off + j + len(kw.Word), kw})
				off += j + len(kw.Word)
			}
		}
		sort.SliceStable(cands, func(i, j int) bool {
			li, lj := utf8.RuneCountInString(cands[i].kw.Word), utf8.RuneCountInString(cands[j].kw.Word)
			if li != lj {
				return li > lj
			}
			return cands[i].start < cands[j].start
		})
		var taken []span
		for _, c := range cands {
			// a span overlapping a longer one loses; the same word of two links at the same place keeps both
			if !slices.ContainsFunc(taken, func(s span) bool {
				return c.start < s.end && s.start < c.end && !(s.start == c.start && s.end == c.end)
			}) {
				taken = append(taken, c)
			}
		}
		for _, s := range taken {
			if !isHead(clause, s.end) {
				continue
			}
			if tradeOnly && !s.kw.Trade {
				continue // 钢材销售 says the firm sells steel, not that it makes it
			}
			k := [2]string{s.kw.LinkID, s.kw.Word}
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, wordHit{s.kw.LinkID, fmt.Sprintf("%s: %s (“%s”)", field, s.kw.Word, clause), false})
		}
	}
	return out
}

// isHead tells whether a keyword ending at byte end of clause is the head of its phrase.
func isHead(clause string, end int) bool {
	rest := clause[end:]
	if rest == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if strings.ContainsRune(phraseSep, r) || r < utf8.RuneSelf || !unicode.Is(unicode.Han, r) {
		return true // a separator, or Latin text and digits (型号, 规格)
	}
	for _, w := range headFollowers {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// nearest ranks links for a firm that attached nowhere: by its code's 中类 and 大类, and by the
// characters its text shares with link keywords (stop words removed first, so 销售 brings no
// one near).
func (t *Table) nearest(f Firm, code string) []Candidate {
	best := map[string]Candidate{}
	offer := func(c Candidate) {
		if old, ok := best[c.LinkID]; !ok || c.Score > old.Score {
			best[c.LinkID] = c
		}
	}
	if len(code) >= 3 {
		g := code[:3]
		for _, id := range t.linksUnder(g) {
			offer(Candidate{id, 0.6, fmt.Sprintf("同中类 %s %s", g, t.groups[g])})
		}
	}
	if len(code) >= 2 {
		d := code[:2]
		for _, id := range t.linksUnder(d) {
			offer(Candidate{id, 0.3, fmt.Sprintf("同大类 %s %s", d, t.divisions[d])})
		}
	}
	text := fold(f.Products + "；" + f.BusinessScope)
	text = scopeNoise.ReplaceAllString(text, "；")
	for _, w := range t.stopLongestFirst {
		text = strings.ReplaceAll(text, w, "；")
	}
	have := map[rune]bool{}
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			have[r] = true
		}
	}
	for _, kw := range t.keywords {
		n, shared := 0, []rune{}
		for _, r := range kw.Word {
			n++
			if have[r] && !slices.Contains(shared, r) {
				shared = append(shared, r)
			}
		}
		// two shared characters at least, and half the keyword: 汽车 alone is not near 汽车零部件's firm
		if len(shared) < 2 || 2*len(shared) < n {
			continue
		}
		score := 0.8 * float64(len(shared)) / float64(n)
		offer(Candidate{kw.LinkID, score, fmt.Sprintf("与关键词“%s”共有字“%s”", kw.Word, string(shared))})
	}
	out := make([]Candidate, 0, len(best))
	for _, c := range best {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].LinkID < out[j].LinkID
	})
	if len(out) > 5 {
		out = out[:5]
	}
	return out
}
