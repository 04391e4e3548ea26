package attach

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	fuzzTableOnce sync.Once
	fuzzTable     *Table
	fuzzSeedLinks map[string]bool
)

// fuzzTab is the seeds' tables and the seeds' link ids, read once for all inputs.
func fuzzTab(t *testing.T) (*Table, map[string]bool) {
	fuzzTableOnce.Do(func() {
		fuzzTable = load(t)
		fuzzSeedLinks = map[string]bool{}
		for _, id := range seedLinks(t) {
			fuzzSeedLinks[id] = true
		}
	})
	if fuzzTable == nil {
		t.Fatal("the tables did not load")
	}
	return fuzzTable, fuzzSeedLinks
}

// fuzzFieldBytes is the loader's limit on a field (loaders.MaxFieldBytes): longer is never read.
const fuzzFieldBytes = 64 << 10

// FuzzMatch: whatever a firm's industry code, industry, products and business scope say, Match
// returns quickly, and each attachment is to a seed link, once, with a method and a confidence
// that fit (confident only by code), and with what matched: a code is the code Match read from
// the firm, a word occurs in the clause quoted, and that clause in the field it names. Nearest
// links come only without attachments, at most five, each a seed link scored in (0, 1].
func FuzzMatch(f *testing.F) {
	for _, firm := range []Firm{
		{IndustryCode: "C3841", Industry: "锂离子电池制造", Products: "动力电池系统、储能系统"},
		{IndustryCode: "3612 新能源车整车制造"},
		{IndustryCode: "C3130", Products: "无取向硅钢、冷轧板"},
		{Industry: "汽车零部件及配件制造"},
		{IndustryCode: "C384", Products: "动力电池"},
		{IndustryCode: "C3848", Industry: "电池制造"},
		{IndustryCode: "3841", Industry: "汽车零部件及配件制造"},
		{BusinessScope: "锂离子电池正极材料的研发、生产、销售；货物进出口（依法须经批准的项目，经相关部门批准后方可开展经营活动）"},
		{BusinessScope: "一般项目：钢材销售；光伏设备及元器件制造"},
		{IndustryCode: "Ｃ３８４１", Products: "ＰＣＢ、pcb"},
		{IndustryCode: "99", Industry: "X", Products: "汽车", BusinessScope: "销售"},
		{IndustryCode: "12345", Industry: "\xff\xfe", Products: "，，；；\n", BusinessScope: strings.Repeat("锂离子电池", 500)},
	} {
		f.Add(firm.IndustryCode, firm.Industry, firm.Products, firm.BusinessScope)
	}
	f.Fuzz(func(t *testing.T, code, industry, products, scope string) {
		if len(code) > fuzzFieldBytes || len(industry) > fuzzFieldBytes || len(products) > fuzzFieldBytes || len(scope) > fuzzFieldBytes {
			return
		}
		tab, links := fuzzTab(t)
		firm := Firm{IndustryCode: code, Industry: industry, Products: products, BusinessScope: scope}
		start := time.Now()
		res := tab.Match(firm)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Match of %d bytes took %v", len(code)+len(industry)+len(products)+len(scope), d)
		}
		checkMatch(t, tab, links, firm, res)
	})
}

func checkMatch(t *testing.T, tab *Table, links map[string]bool, f Firm, res Result) {
	t.Helper()
	if strings.Trim(res.Code, "0123456789") != "" {
		t.Errorf("Match read code %q: not digits", res.Code)
	}
	seen := map[string]bool{}
	for _, a := range res.Attachments {
		if !links[a.LinkID] {
			t.Errorf("attached to %q, not a seed link", a.LinkID)
		}
		if seen[a.LinkID] {
			t.Errorf("attached to %s twice", a.LinkID)
		}
		seen[a.LinkID] = true
		switch {
		case a.Method != MethodCode && a.Method != MethodKeyword:
			t.Errorf("%s: method %q", a.LinkID, a.Method)
		case a.Confidence != Confident && a.Confidence != Probable:
			t.Errorf("%s: confidence %q", a.LinkID, a.Confidence)
		case a.Confidence == Confident && a.Method != MethodCode:
			t.Errorf("%s: confident by %s; only a code makes an attachment confident", a.LinkID, a.Method)
		case len(a.Matched) == 0:
			t.Errorf("%s: attached by %s with nothing matched", a.LinkID, a.Method)
		}
		byCode := false
		for _, m := range a.Matched {
			if checkMatched(t, tab, f, res, a.LinkID, m) {
				byCode = true
			}
		}
		if (a.Method == MethodCode) != byCode {
			t.Errorf("%s: method %s, but matched %q", a.LinkID, a.Method, a.Matched)
		}
	}
	if !slices.IsSortedFunc(res.Attachments, func(a, b Attachment) int {
		if a.Confidence != b.Confidence {
			if a.Confidence == Confident {
				return -1
			}
			return 1
		}
		return strings.Compare(a.LinkID, b.LinkID)
	}) {
		t.Errorf("attachments not confident first, then by link: %+v", res.Attachments)
	}
	if len(res.Attachments) > 0 && len(res.Nearest) > 0 {
		t.Errorf("nearest links beside %d attachments", len(res.Attachments))
	}
	if len(res.Nearest) > 5 {
		t.Errorf("%d nearest links, want at most 5", len(res.Nearest))
	}
	for _, c := range res.Nearest {
		if !links[c.LinkID] || c.Score <= 0 || c.Score > 1 || c.Why == "" {
			t.Errorf("nearest %+v: want a seed link scored in (0, 1] with a reason", c)
		}
	}
}

// checkMatched checks one Matched entry against the firm and reports whether it is a code's.
func checkMatched(t *testing.T, tab *Table, f Firm, res Result, link, m string) (byCode bool) {
	t.Helper()
	for _, from := range []string{"行业代码: ", "行业: ", "行业名称: "} {
		rest, ok := strings.CutPrefix(m, from)
		if !ok {
			continue
		}
		rest = strings.TrimPrefix(rest, "中类 ")
		code, _, _ := strings.Cut(rest, " ")
		if code == "" || code != res.Code {
			t.Errorf("%s: matched %q, but the code read is %q", link, m, res.Code)
		}
		return true
	}
	for field, text := range map[string]string{"主营产品: ": f.Products, "经营范围: ": f.BusinessScope} {
		rest, ok := strings.CutPrefix(m, field)
		if !ok {
			continue
		}
		folded := fold(text)
		if clause, ok := strings.CutSuffix(rest, ")"); ok && strings.Contains(clause, " (小类 ") {
			clause, class, _ := strings.Cut(clause, " (小类 ")
			if !strings.Contains(folded, clause) || tab.byName[clause] != strings.TrimSuffix(class, " 的名称") {
				t.Errorf("%s: matched %q: not a class name in %q", link, m, text)
			}
			return false
		}
		word, clause, ok := strings.Cut(rest, " (“")
		clause, okEnd := strings.CutSuffix(clause, "”)")
		if !ok || !okEnd || word == "" || !strings.Contains(clause, word) || !strings.Contains(folded, clause) {
			t.Errorf("%s: matched %q: the word is not in the clause, or the clause not in %q", link, m, text)
		}
		return false
	}
	t.Errorf("%s: matched %q names no field", link, m)
	return false
}
