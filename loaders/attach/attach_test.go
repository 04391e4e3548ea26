package attach

import (
	"encoding/csv"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chaingraph/chaingraph/seeds"
)

// the real tables, as embedded in the binary
func load(t *testing.T) *Table {
	t.Helper()
	tab, err := Seeds()
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func seedLinks(t *testing.T) []string {
	t.Helper()
	files, err := fs.Glob(seeds.FS, "chains/*/links.csv")
	if err != nil || len(files) == 0 {
		t.Fatalf("no links.csv in the seeds: %v", err)
	}
	var ids []string
	for _, f := range files {
		b, err := fs.ReadFile(seeds.FS, f)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, r := range recs[1:] {
			ids = append(ids, r[0])
		}
	}
	return ids
}

func TestTableIsGBT4754_2017(t *testing.T) {
	tab := load(t)
	if n := tab.Classes(); n < 1380 {
		t.Errorf("%d classes, want the 1380 of GB/T 4754-2017 at least", n)
	}
	if len(tab.groups) != 473 || len(tab.divisions) != 97 {
		t.Errorf("%d 中类 and %d 大类, want 473 and 97", len(tab.groups), len(tab.divisions))
	}
	sections := map[string]bool{}
	for _, c := range tab.classes {
		sections[c.Section] = true
	}
	if len(sections) != 20 {
		t.Errorf("%d 门类, want 20", len(sections))
	}
	// classes new in 2017 (not in 2011), and one the first source had mis-levelled
	for code, name := range map[string]string{
		"3841": "锂离子电池制造", "3985": "电子专用材料制造", "3491": "工业机器人制造", "3493": "增材制造装备制造",
		"3612": "新能源车整车制造", "6520": "集成电路设计", "3741": "飞机制造", "3963": "智能无人飞行器制造",
	} {
		if c, ok := tab.Class(code); !ok || c.Name != name {
			t.Errorf("class %s = %+v, want %s", code, c, name)
		}
	}
	if c, _ := tab.Class("3841"); c.Section != "C" || c.Division != "38" || c.Group != "384" || c.GroupName != "电池制造" {
		t.Errorf("3841's parents: %+v", c)
	}
}

func TestEverySeedLinkHasClassesOrAReason(t *testing.T) {
	tab := load(t)
	ids := seedLinks(t)
	if err := tab.Check(ids); err != nil {
		t.Error(err)
	}
	withClass, withReason := 0, 0
	for _, id := range ids {
		lcs := tab.LinkClasses(id)
		if lcs[0].Code == "" {
			withReason++
		} else {
			withClass++
		}
		if len(tab.Keywords(id)) == 0 {
			t.Errorf("link %s has no keyword", id)
		}
	}
	t.Logf("%d links: %d with classes, %d with a reason instead", len(ids), withClass, withReason)
	if withClass < len(ids)*3/4 {
		t.Errorf("only %d of %d links have a class", withClass, len(ids))
	}
}

func TestLoadRejectsBadRows(t *testing.T) {
	good, err := fs.ReadFile(seeds.FS, "classification/"+ClassesFile)
	if err != nil {
		t.Fatal(err)
	}
	base := func(classes, keywords, stop string) fstest.MapFS {
		return fstest.MapFS{
			"c/" + ClassesFile:     {Data: good},
			"c/" + LinkClassesFile: {Data: []byte("link,class,fit,evidence_kind,evidence,reason\n" + classes)},
			"c/" + KeywordsFile:    {Data: []byte("link,keyword,kind,source,reason\n" + keywords)},
			"c/" + StopWordsFile:   {Data: []byte("word,reason\n销售,every scope sells\n" + stop)},
		}
	}
	ok := "nev-battery,3841,part,classification,锂离子电池制造,traction cells\n"
	okKW := "nev-battery,动力电池,make,segment,the segment\n"
	if _, err := Load(base(ok, okKW, ""), "c"); err != nil {
		t.Fatalf("a good table: %v", err)
	}
	for name, c := range map[string]struct{ classes, keywords, want string }{
		"unknown class":       {"nev-battery,3848,part,classification,锂离子电池制造,x\n", okKW, `"3848" is not a 4-digit class`},
		"3-digit class":       {"nev-battery,384,part,classification,电池制造,x\n", okKW, `"384" is not a 4-digit class`},
		"evidence not name":   {"nev-battery,3841,part,classification,电池制造,x\n", okKW, "is not the name of class 3841"},
		"bad fit":             {"nev-battery,3841,most,classification,锂离子电池制造,x\n", okKW, "fit must be"},
		"none with a class":   {"nev-testing,7452,,none,,no class\n", okKW, "a none row has no class"},
		"class and none":      {ok + "nev-battery,,,none,,no class\n", okKW, "has classes and a row saying none fits"},
		"no reason":           {"nev-battery,3841,part,classification,锂离子电池制造,\n", okKW, "reason are required"},
		"stop word keyword":   {ok, "nev-battery,销售,make,alias,x\n", `keyword "销售" is on the stop list`},
		"bad keyword kind":    {ok, "nev-battery,动力电池,made,segment,x\n", "kind must be make or trade"},
		"duplicate keyword":   {ok, okKW + okKW, "listed twice"},
		"duplicate class row": {ok + ok, okKW, "listed twice"},
	} {
		_, err := Load(base(c.classes, c.keywords, ""), "c")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", name, err, c.want)
		}
	}
}

func TestNormalizeCode(t *testing.T) {
	for in, want := range map[string][2]string{
		"C3841": {"3841", "C"}, "3841": {"3841", ""}, "3841 电池制造": {"3841", ""}, "C3841 锂离子电池制造": {"3841", "C"},
		"ｃ３８４１": {"3841", "C"}, " C 3841": {"3841", "C"}, "C384": {"384", "C"}, "C38": {"38", "C"}, "锂离子电池制造": {"", ""}, "": {"", ""},
	} {
		d, s := NormalizeCode(in)
		if d != want[0] || s != want[1] {
			t.Errorf("NormalizeCode(%q) = %q, %q; want %q, %q", in, d, s, want[0], want[1])
		}
	}
}

func find(as []Attachment, link string) *Attachment {
	for i := range as {
		if as[i].LinkID == link {
			return &as[i]
		}
	}
	return nil
}

func links(as []Attachment) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.LinkID+"/"+a.Confidence)
	}
	return out
}

func TestAttachByCode(t *testing.T) {
	tab := load(t)
	// a 宁德时代-like row: the class holds consumer cells too, the products say traction
	catl := Firm{IndustryCode: "C3841", Industry: "锂离子电池制造", Products: "动力电池系统、储能系统"}
	as, near := tab.Attach(catl)
	if a := find(as, "nev-battery"); a == nil || a.Method != MethodCode || a.Confidence != Confident {
		t.Errorf("宁德时代-like firm: nev-battery %+v, want confident by code (all: %v)", a, links(as))
	} else if !slices.ContainsFunc(a.Matched, func(m string) bool { return strings.Contains(m, "3841") }) ||
		!slices.ContainsFunc(a.Matched, func(m string) bool { return strings.Contains(m, "主营产品: 动力电池系统") }) {
		t.Errorf("nev-battery matched %q, want the code and the product word", a.Matched)
	}
	if a := find(as, "ict-lithium-battery"); a == nil || a.Confidence != Confident {
		t.Errorf("3841 lies inside ict-lithium-battery: %+v", a)
	}
	if near != nil {
		t.Errorf("nearest %v for a firm that attached", near)
	}

	// the same code without words: the part-fit link is only probable
	as, _ = tab.Attach(Firm{IndustryCode: "3841"})
	if a := find(as, "nev-battery"); a == nil || a.Confidence != Probable || a.Method != MethodCode {
		t.Errorf("3841 alone: nev-battery %+v, want probable by code", a)
	}
	if as[0].Confidence != Confident {
		t.Errorf("confident attachments come first: %v", links(as))
	}

	// a class shared by two links attaches to both
	as, _ = tab.Attach(Firm{IndustryCode: "3612 新能源车整车制造"})
	if a, b := find(as, "nev-vehicle"), find(as, "auto-vehicle"); a == nil || b == nil || a.Confidence != Confident || b.Confidence != Confident {
		t.Errorf("3612: %v, want nev-vehicle and auto-vehicle confident", links(as))
	}

	// part fit confirmed by words
	as, _ = tab.Attach(Firm{IndustryCode: "C3130", Products: "无取向硅钢、冷轧板"})
	if a := find(as, "metal-electrical-steel"); a == nil || a.Confidence != Confident {
		t.Errorf("3130 with 无取向硅钢: %v", links(as))
	}
	if a := find(as, "metal-ship-steel"); a == nil || a.Confidence != Probable {
		t.Errorf("3130 without a ship-steel word: metal-ship-steel %+v, want probable", a)
	}

	// only the name
	r := tab.Match(Firm{Industry: "汽车零部件及配件制造"})
	if a := find(r.Attachments, "auto-parts"); a == nil || a.Confidence != Confident || !strings.Contains(a.Matched[0], "行业名称") || r.Code != "3670" {
		t.Errorf("name only: %+v", r)
	}
}

func TestGroupCodeIsProbable(t *testing.T) {
	tab := load(t)
	r := tab.Match(Firm{IndustryCode: "C384", Products: "动力电池"})
	want := []string{"ict-lithium-battery", "nev-battery", "nev-fuel-cell"}
	for _, id := range want {
		if a := find(r.Attachments, id); a == nil || a.Confidence != Probable {
			t.Errorf("中类 384: %s %+v, want probable", id, a)
		}
	}
	for _, a := range r.Attachments {
		if a.Confidence == Confident {
			t.Errorf("a 3-digit 中类 gave a confident attachment: %+v", a)
		}
	}
	if len(r.Problems) != 0 {
		t.Errorf("problems %v for a valid 中类", r.Problems)
	}
}

func TestUnknownCodesAreReported(t *testing.T) {
	tab := load(t)
	r := tab.Match(Firm{IndustryCode: "C3848", Industry: "电池制造"})
	if len(r.Problems) != 1 || !strings.Contains(r.Problems[0], "3848") {
		t.Errorf("problems %v, want one naming 3848", r.Problems)
	}
	if len(r.Attachments) != 0 {
		t.Errorf("an unknown code attached: %v", links(r.Attachments))
	}
	if !slices.ContainsFunc(r.Nearest, func(c Candidate) bool { return c.LinkID == "nev-battery" && strings.Contains(c.Why, "384") }) {
		t.Errorf("nearest %+v, want nev-battery through 中类 384", r.Nearest)
	}
	for code, want := range map[string]string{"A3841": "门类 C", "99999": "位数字", "C": "读不出代码", "31": ""} {
		r := tab.Match(Firm{IndustryCode: code})
		if got := strings.Join(r.Problems, ";"); (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("code %q: problems %q, want %q", code, got, want)
		}
	}
	r = tab.Match(Firm{IndustryCode: "3841", Industry: "汽车零部件及配件制造"})
	if len(r.Problems) != 1 || !strings.Contains(r.Problems[0], "3670") {
		t.Errorf("a name that disagrees with the code: %v", r.Problems)
	}
}

func TestAttachByWords(t *testing.T) {
	tab := load(t)
	as, _ := tab.Attach(Firm{BusinessScope: "锂离子电池正极材料的研发、生产、销售；货物进出口（依法须经批准的项目，经相关部门批准后方可开展经营活动）"})
	a := find(as, "nev-battery-materials")
	if a == nil || a.Method != MethodKeyword || a.Confidence != Probable ||
		!slices.ContainsFunc(a.Matched, func(m string) bool { return strings.HasPrefix(m, "经营范围: 正极材料") }) {
		t.Errorf("cathode scope: %+v (all %v)", a, links(as))
	}
	// 锂离子电池 only qualifies 正极材料 here: the firm makes material, not cells
	if find(as, "ict-lithium-battery") != nil || len(as) != 1 {
		t.Errorf("cathode scope attached %v, want nev-battery-materials only", links(as))
	}

	// products first: the scope's words are not read when the products gave one
	as, _ = tab.Attach(Firm{Products: "驱动电机", BusinessScope: "锂离子电池制造；水泥制造"})
	if len(as) != 1 || as[0].LinkID != "nev-motor" {
		t.Errorf("products first: %v", links(as))
	}

	// a clause that only trades does not make the firm a maker
	as, near := tab.Attach(Firm{BusinessScope: "一般项目：钢材、建材、五金产品销售；技术开发、技术咨询；货物进出口"})
	if len(as) != 0 {
		t.Errorf("a trader attached: %v", links(as))
	}
	if slices.ContainsFunc(near, func(c Candidate) bool { return strings.Contains(c.Why, "销售") }) {
		t.Errorf("a stop word brought a link near: %+v", near)
	}
	as, _ = tab.Attach(Firm{BusinessScope: "钢材的生产、销售"})
	if a := find(as, "metal-steel"); a == nil || a.Confidence != Probable {
		t.Errorf("steel maker: %v", links(as))
	}
	// trade links take trade words in a trade clause
	as, _ = tab.Attach(Firm{BusinessScope: "服装批发；服装零售"})
	if len(as) != 1 || as[0].LinkID != "textile-sales" {
		t.Errorf("garment trader: %v", links(as))
	}
	// full-width Latin letters read as ASCII
	as, _ = tab.Attach(Firm{Products: "ＰＣＢ、柔性电路板"})
	if a := find(as, "ict-pcb"); a == nil {
		t.Errorf("ＰＣＢ: %v", links(as))
	}
	// a scope item that is a class's name reads as that class, not as the words inside it
	as, _ = tab.Attach(Firm{BusinessScope: "一般项目：光伏设备及元器件制造；光伏设备及元器件销售"})
	if a := find(as, "ict-pv"); a == nil || a.Method != MethodKeyword || !strings.Contains(a.Matched[0], "小类 3825") {
		t.Errorf("光伏设备及元器件制造: %v", links(as))
	}
	if find(as, "equipment-components") != nil {
		t.Errorf("元器件 inside a class name attached equipment-components: %v", links(as))
	}
	// ... and such a name does not confirm a part-fit code: it says no more than the code
	as, _ = tab.Attach(Firm{IndustryCode: "3841", BusinessScope: "锂离子电池制造"})
	if a := find(as, "nev-battery"); a == nil || a.Confidence != Probable {
		t.Errorf("3841 with its own name in the scope: nev-battery %+v, want probable", a)
	}
	// 隔膜 alone is on the stop list: a valve maker is not a separator maker
	as, _ = tab.Attach(Firm{Products: "隔膜阀"})
	if len(as) != 0 {
		t.Errorf("隔膜阀 attached %v", links(as))
	}
}

func TestNearestWhenNothingFits(t *testing.T) {
	tab := load(t)
	as, near := tab.Attach(Firm{IndustryCode: "C3399", Products: "新能源汽车底盘结构件"})
	if len(as) != 0 {
		t.Fatalf("attached %v", links(as))
	}
	if len(near) == 0 || len(near) > 5 {
		t.Fatalf("nearest %+v, want 1 to 5 candidates", near)
	}
	if !slices.ContainsFunc(near, func(c Candidate) bool { return c.LinkID == "nev-vehicle" && strings.Contains(c.Why, "新能源汽车") }) {
		t.Errorf("nearest %+v, want nev-vehicle by shared characters", near)
	}
	for i := 1; i < len(near); i++ {
		if near[i].Score > near[i-1].Score {
			t.Errorf("nearest not ranked: %+v", near)
		}
	}
	// nothing at all: no candidates
	as, near = tab.Attach(Firm{BusinessScope: "技术开发、技术咨询、技术服务"})
	if len(as) != 0 || len(near) != 0 {
		t.Errorf("generic scope: %v, %+v", links(as), near)
	}
}
