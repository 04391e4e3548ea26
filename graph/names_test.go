package graph_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/graph/query"
	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/seeds"
)

// seedResolver is the resolver the service builds over the seed data: loaded into the memory
// store, names read back through the query layer.
func seedResolver(t *testing.T) (*graph.Resolver, *graph.Dataset) {
	t.Helper()
	ctx := context.Background()
	ds, err := loaders.Build(loaders.Source{Name: "seeds", FS: seeds.FS})
	if err != nil {
		t.Fatal(err)
	}
	s := memstore.New()
	if err := s.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	v, err := query.New(s).View(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r, err := v.Resolver(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return r, ds
}

func inChain(id string) func(graph.Named) bool {
	return func(n graph.Named) bool { return n.ChainID == id }
}

func TestResolvePinyinInSeeds(t *testing.T) {
	r, _ := seedResolver(t)
	for _, tc := range []struct {
		kind  graph.NamedKind
		input string
		keep  func(graph.Named) bool
		want  string
	}{
		{graph.NamedRegion, "wuhan", nil, "cn-420100"},
		{graph.NamedRegion, "wuhanshi", nil, "cn-420100"},
		{graph.NamedRegion, "xiangyang", nil, "cn-420600"},
		{graph.NamedRegion, "Xiangyang", nil, "cn-420600"},
		{graph.NamedRegion, "xiang yang", nil, "cn-420600"},
		{graph.NamedRegion, "xiang-yang", nil, "cn-420600"},
		{graph.NamedRegion, " Xiāngyáng ", nil, "cn-420600"},
		{graph.NamedRegion, "shiyan", nil, "cn-420300"},
		{graph.NamedRegion, "xiantao", nil, "cn-429004"}, // without 市, like 仙桃
		{graph.NamedRegion, "changyang", nil, "cn-420528"},
		{graph.NamedRegion, "caidian", nil, "cn-420114"},
		{graph.NamedRegion, "huangpi", nil, "cn-420116"},
		{graph.NamedRegion, "zengdu", nil, "cn-421303"},
		{graph.NamedRegion, "yidu", nil, "cn-420581"},
		{graph.NamedRegion, "qiaokou", nil, "cn-420104"},
		{graph.NamedRegion, "suixian", nil, "cn-421321"},
		{graph.NamedRegion, "suizhou", nil, "cn-421300"},
		{graph.NamedRegion, "jingzhoushi", nil, "cn-421000"},
		{graph.NamedRegion, "enshizhou", nil, "cn-422800"},  // the alias 恩施州
		{graph.NamedRegion, "jianlixian", nil, "cn-421088"}, // the plan-era alias 监利县
		{graph.NamedRegion, "hubei", nil, "cn-420000"},
		{graph.NamedChain, "xinnengyuanqiche", nil, "nev"},
		{graph.NamedChain, "huagong", nil, "chem"},
		{graph.NamedChain, "lvyou", nil, "tourism"},
		{graph.NamedChain, "luyou", nil, "tourism"},
		{graph.NamedLink, "dianchi", inChain("nev"), "nev-battery"},
		{graph.NamedLink, "xinpian", nil, "ict-chips"},
		{graph.NamedLink, "xiaoshou", inChain("textile"), "textile-sales"}, // 销售 is both chains' alias
	} {
		got, err := r.Resolve(context.Background(), tc.kind, tc.input, tc.keep)
		if err != nil || got.ID != tc.want {
			t.Errorf("Resolve(%s, %q) = %s, %v; want %s", tc.kind, tc.input, got.ID, err, tc.want)
		}
	}
}

// TestPinyinCollisionsInSeeds reads every name of the seeds in pinyin — each region's name,
// alias and suffix-less name (103 counties, 13 prefectures, the province), each chain's and
// link's name and alias — and resolves the reading. A reading resolves to its own entity or is
// ambiguous, never silently to another one; the ambiguous readings are listed here, each with
// whether the names behind it are written differently (a homophone) or the same (a shared
// short form, such as 荆州 of 荆州市 and 荆州区, which is ambiguous in Chinese too).
func TestPinyinCollisionsInSeeds(t *testing.T) {
	r, ds := seedResolver(t)
	levels := map[graph.Level]int{}
	for _, reg := range ds.Regions {
		levels[reg.Level]++
	}
	if levels[graph.LevelCounty] != 103 || levels[graph.LevelPrefecture] != 13 {
		t.Fatalf("seeds hold %d counties and %d prefectures; the list below was checked for 103 and 13", levels[graph.LevelCounty], levels[graph.LevelPrefecture])
	}
	type named struct {
		kind    graph.NamedKind
		id      string
		written []string // what is read in pinyin
	}
	var all []named
	for _, reg := range ds.Regions {
		all = append(all, named{graph.NamedRegion, reg.ID, append([]string{reg.Name, graph.RegionShortName(reg.Name)}, reg.Aliases...)})
	}
	for _, c := range ds.Chains {
		all = append(all, named{graph.NamedChain, c.ID, append([]string{c.Name}, c.Aliases...)})
	}
	for _, l := range ds.Links {
		all = append(all, named{graph.NamedLink, l.ID, append([]string{l.Name}, l.Aliases...)})
	}
	writtenAs := map[string][]string{} // kind and reading → the Chinese forms that read so
	var collisions []string
	for _, n := range all {
		for _, w := range n.written {
			reading := graph.PinyinOf(w)
			if reading == "" {
				continue
			}
			k := string(n.kind) + " " + reading
			if !slices.Contains(writtenAs[k], graph.Normalize(w)) {
				writtenAs[k] = append(writtenAs[k], graph.Normalize(w))
			}
			got, err := r.Resolve(context.Background(), n.kind, reading, nil)
			var amb *graph.AmbiguousError
			switch {
			case errors.As(err, &amb):
				if amb.By != graph.ByPinyin {
					t.Errorf("%s %q: ambiguous by %q, want by pinyin", n.kind, reading, amb.By)
				}
				var cands []string
				for _, c := range amb.Candidates {
					cands = append(cands, c.Name+" "+c.Code+" "+c.ID)
				}
				line := k + ": " + strings.Join(cands, ", ")
				if !slices.Contains(collisions, line) {
					collisions = append(collisions, line)
				}
			case err != nil:
				t.Errorf("%s %q, the reading of %s (%s): %v", n.kind, reading, w, n.id, err)
			case got.ID != n.id:
				t.Errorf("%s %q, the reading of %s (%s), resolves to %s", n.kind, reading, w, n.id, got.ID)
			}
		}
	}
	for i, line := range collisions {
		k := line[:strings.Index(line, ":")]
		kind := "same writing"
		if len(writtenAs[k]) > 1 {
			kind = "homophones " + strings.Join(writtenAs[k], "/")
		}
		collisions[i] = line + " (" + kind + ")"
	}
	slices.Sort(collisions)
	want := []string{
		"link xiaoshou: 农产品销售  agrifood-sales, 纺织服装销售  textile-sales (same writing)",
		"region enshi: 恩施土家族苗族自治州 422800 cn-422800, 恩施市 422801 cn-422801 (same writing)",
		"region jingzhou: 荆州市 421000 cn-421000, 荆州区 421003 cn-421003 (same writing)",
	}
	if diff := cmp.Diff(want, collisions); diff != "" {
		t.Errorf("pinyin collisions in the seeds (-want +got):\n%s", diff)
	}
	// Ambiguous in pinyin exactly where Chinese is: the user is told the same thing either way.
	for _, in := range []string{"荆州", "恩施"} {
		if _, err := r.Resolve(context.Background(), graph.NamedRegion, in, nil); !errors.As(err, new(*graph.AmbiguousError)) {
			t.Errorf("Resolve(region, %s) = %v, want ambiguous as its pinyin is", in, err)
		}
	}
}

// TestResolveSegmentsInSeeds: every segment a seed link lists resolves to that link (the seeds
// have no segment in two links, nor one that is another link's name or alias).
func TestResolveSegmentsInSeeds(t *testing.T) {
	r, ds := seedResolver(t)
	segments := 0
	for _, l := range ds.Links {
		for _, s := range l.Segments {
			segments++
			got, err := r.Resolve(context.Background(), graph.NamedLink, s, nil)
			if err != nil || got.ID != l.ID {
				t.Errorf("Resolve(link, %q) = %s, %v; want %s, whose segment it is", s, got.ID, err, l.ID)
			}
		}
	}
	if segments < 100 {
		t.Errorf("only %d segments in the seeds; did links.csv lose its segments column?", segments)
	}
	for _, in := range []string{"正极材料", "隔膜", "铜箔", "負極材料"} { // the last in traditional script
		got, err := r.Resolve(context.Background(), graph.NamedLink, in, inChain("nev"))
		if err != nil || got.ID != "nev-battery-materials" {
			t.Errorf("Resolve(link, %q) = %s, %v; want nev-battery-materials", in, got.ID, err)
		}
	}
}

// synthetic is a small candidate list for the rules the seeds do not exercise.
func synthetic() *graph.Resolver {
	return graph.NewResolver([]graph.Named{
		{Kind: graph.NamedRegion, ID: "cn-990100", Code: "990100", Name: "甲市"},
		{Kind: graph.NamedRegion, ID: "cn-990103", Code: "990103", Name: "假市"}, // a homophone of 甲市
		{Kind: graph.NamedRegion, ID: "cn-990201", Code: "990201", Name: "乙一区"},
		{Kind: graph.NamedLink, ID: "x-film", ChainID: "x", Name: "电池材料", Segments: []string{"隔膜", "正极材料"}},
		{Kind: graph.NamedLink, ID: "y-film", ChainID: "y", Name: "包装材料", Segments: []string{"隔膜", "整车"}},
		{Kind: graph.NamedLink, ID: "x-car", ChainID: "x", Name: "整车"},
	})
}

func TestResolveSharedSegment(t *testing.T) {
	r := synthetic()
	ctx := context.Background()
	_, err := r.Resolve(ctx, graph.NamedLink, "隔膜", nil)
	var amb *graph.AmbiguousError
	if !errors.As(err, &amb) || amb.By != graph.BySegment || len(amb.Candidates) != 2 || amb.Candidates[0].ID != "x-film" || amb.Candidates[1].ID != "y-film" {
		t.Fatalf("Resolve(隔膜) = %v, want ambiguous by segment between x-film and y-film", err)
	}
	if !errors.Is(err, graph.ErrInvalid) || !strings.Contains(err.Error(), "segment of 电池材料 (id x-film), 包装材料 (id y-film)") {
		t.Errorf("error %q should wrap ErrInvalid and name both links", err)
	}
	if got, err := r.Resolve(ctx, graph.NamedLink, "隔膜", inChain("y")); err != nil || got.ID != "y-film" {
		t.Errorf("Resolve(隔膜 in chain y) = %s, %v; want y-film", got.ID, err)
	}
	// A link's own name beats another link's segment.
	if got, err := r.Resolve(ctx, graph.NamedLink, "整车", nil); err != nil || got.ID != "x-car" {
		t.Errorf("Resolve(整车) = %s, %v; want x-car by its name, not y-film by its segment", got.ID, err)
	}
	// Segments are not regions' or chains' names.
	if _, err := r.Resolve(ctx, graph.NamedRegion, "正极材料", nil); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Resolve(region, 正极材料) = %v, want not found", err)
	}
}

func TestResolveHomophones(t *testing.T) {
	r := synthetic()
	ctx := context.Background()
	_, err := r.Resolve(ctx, graph.NamedRegion, "jiashi", nil)
	var amb *graph.AmbiguousError
	if !errors.As(err, &amb) || amb.By != graph.ByPinyin {
		t.Fatalf("Resolve(jiashi) = %v, want ambiguous by pinyin", err)
	}
	want := `region "jiashi" is ambiguous: read as pinyin it could be 甲市 (990100, id cn-990100), 假市 (990103, id cn-990103); use the full Chinese name or an id`
	if err.Error() != want {
		t.Errorf("error:\n got %s\nwant %s", err, want)
	}
	for in, id := range map[string]string{"甲市": "cn-990100", "假市": "cn-990103", "Yi Yi Qu": "cn-990201", "yiyi": "cn-990201"} {
		if got, err := r.Resolve(ctx, graph.NamedRegion, in, nil); err != nil || got.ID != id {
			t.Errorf("Resolve(%q) = %s, %v; want %s", in, got.ID, err, id)
		}
	}
	// keep narrows homophones as it narrows names.
	if got, err := r.Resolve(ctx, graph.NamedRegion, "jiashi", func(n graph.Named) bool { return n.Code != "990103" }); err != nil || got.ID != "cn-990100" {
		t.Errorf("Resolve(jiashi without 990103) = %s, %v; want cn-990100", got.ID, err)
	}
}

func TestSuggestByPinyin(t *testing.T) {
	r, _ := seedResolver(t)
	ctx := context.Background()
	for _, tc := range []struct {
		kind  graph.NamedKind
		input string
		first string   // the closest suggestion
		all   []string // every suggestion, when the test pins them
	}{
		{graph.NamedRegion, "wuhna", "cn-420100", []string{"cn-420100"}},
		{graph.NamedRegion, "xiangyan", "cn-420600", nil},
		{graph.NamedRegion, "zhangyang", "cn-420528", nil}, // 长 read zhang: not indexed, but close
		{graph.NamedRegion, "仙姚市", "cn-429004", []string{"cn-429004"}},
		{graph.NamedChain, "xinnengyuanqice", "nev", nil},
		{graph.NamedLink, "正极才料", "nev-battery-materials", nil}, // close to a segment
	} {
		_, err := r.Resolve(ctx, tc.kind, tc.input, nil)
		var nf *graph.NotFoundError
		if !errors.As(err, &nf) || len(nf.Suggestions) == 0 {
			t.Errorf("Resolve(%s, %q) = %v, want not found with suggestions", tc.kind, tc.input, err)
			continue
		}
		var ids []string
		for _, s := range nf.Suggestions {
			ids = append(ids, s.ID)
		}
		if ids[0] != tc.first || tc.all != nil && !slices.Equal(ids, tc.all) {
			t.Errorf("Resolve(%s, %q) suggests %v, want %s first (all: %v)", tc.kind, tc.input, ids, tc.first, tc.all)
		}
	}
	if !strings.Contains(fmt.Sprint(func() error { _, err := r.Resolve(ctx, graph.NamedRegion, "wuhna", nil); return err }()), "did you mean 武汉市 (420100, id cn-420100)?") {
		t.Error("the message for wuhna should suggest 武汉市 with its code")
	}
}

func TestSuggestBounds(t *testing.T) {
	r, _ := seedResolver(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.Resolve(ctx, graph.NamedRegion, "wuhna", nil); !errors.Is(err, context.Canceled) {
		t.Errorf("Resolve with an ended context = %v, want context.Canceled", err)
	}
	long := strings.Repeat("wuhan", graph.MaxSuggestRunes/5+1)
	_, err := r.Resolve(context.Background(), graph.NamedRegion, long, nil)
	var nf *graph.NotFoundError
	if !errors.As(err, &nf) || len(nf.Suggestions) != 0 {
		t.Errorf("Resolve(%d letters) = %v, want not found without suggestions", len(long), err)
	}
}

// hubeiReadings is each seed region's reading, checked by hand against the official
// romanization (Huangpi, Changyang, Yidu, Zengdu are the four placeReadings overrides; 硚口
// qiaokou, 猇亭 xiaoting, 大冶 daye, 蔡甸 caidian, 掇刀 duodao, 武穴 wuxue are ones the
// per-character default gets right). A change of go-pinyin's tables that moved a reading
// shows here.
const hubeiReadings = `
420000:hubeisheng 420100:wuhanshi 420200:huangshishi 420300:shiyanshi 420500:yichangshi 420600:xiangyangshi
420700:ezhoushi 420800:jingmenshi 420900:xiaoganshi 421000:jingzhoushi 421100:huanggangshi 421200:xianningshi
421300:suizhoushi 422800:enshitujiazumiaozuzizhizhou 420102:jianganqu 420103:jianghanqu 420104:qiaokouqu 420105:hanyangqu
420106:wuchangqu 420107:qingshanqu 420111:hongshanqu 420112:dongxihuqu 420113:hannanqu 420114:caidianqu
420115:jiangxiaqu 420116:huangpiqu 420117:xinzhouqu 420202:huangshigangqu 420203:xisaishanqu 420204:xialuqu
420205:tieshanqu 420222:yangxinxian 420281:dayeshi 420302:maojianqu 420303:zhangwanqu 420304:yunyangqu
420322:yunxixian 420323:zhushanxian 420324:zhuxixian 420325:fangxian 420381:danjiangkoushi 420502:xilingqu
420503:wujiagangqu 420504:dianjunqu 420505:xiaotingqu 420506:yilingqu 420525:yuananxian 420526:xingshanxian
420527:ziguixian 420528:changyangtujiazuzizhixian 420529:wufengtujiazuzizhixian 420581:yidushi 420582:dangyangshi 420583:zhijiangshi
420602:xiangchengqu 420606:fanchengqu 420607:xiangzhouqu 420624:nanzhangxian 420625:guchengxian 420626:baokangxian
420682:laohekoushi 420683:zaoyangshi 420684:yichengshi 420702:liangzihuqu 420703:huarongqu 420704:echengqu
420802:dongbaoqu 420804:duodaoqu 420822:shayangxian 420881:zhongxiangshi 420882:jingshanshi 420902:xiaonanqu
420921:xiaochangxian 420922:dawuxian 420923:yunmengxian 420981:yingchengshi 420982:anlushi 420984:hanchuanshi
421002:shashiqu 421003:jingzhouqu 421022:gonganxian 421024:jianglingxian 421081:shishoushi 421083:honghushi
421087:songzishi 421088:jianlishi 421102:huangzhouqu 421121:tuanfengxian 421122:honganxian 421123:luotianxian
421124:yingshanxian 421125:xishuixian 421126:qichunxian 421127:huangmeixian 421181:machengshi 421182:wuxueshi
421202:xiananqu 421221:jiayuxian 421222:tongchengxian 421223:chongyangxian 421224:tongshanxian 421281:chibishi
421303:zengduqu 421321:suixian 421381:guangshuishi 422801:enshishi 422802:lichuanshi 422822:jianshixian
422823:badongxian 422825:xuanenxian 422826:xianfengxian 422827:laifengxian 422828:hefengxian 429004:xiantaoshi
429005:qianjiangshi 429006:tianmenshi 429021:shennongjialinqu`

func TestRegionReadings(t *testing.T) {
	_, ds := seedResolver(t)
	want := map[string]string{}
	for _, f := range strings.Fields(hubeiReadings) {
		code, reading, _ := strings.Cut(f, ":")
		want[code] = reading
	}
	got := map[string]string{}
	for _, r := range ds.Regions {
		got[r.Code] = graph.PinyinOf(r.Name)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("region readings (-want +got):\n%s", diff)
	}
}
