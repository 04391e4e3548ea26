package loaders_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/seeds"
)

func seedSource() loaders.Source { return loaders.Source{Name: "seeds", FS: seeds.FS} }

func userData(files map[string]string) loaders.Source {
	fs := fstest.MapFS{}
	for name, body := range files {
		fs[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return loaders.Source{Name: "mydata", FS: fs}
}

// messages returns each problem as "file:line:col: message".
func messages(t *testing.T, err error) []string {
	t.Helper()
	var es loaders.Errors
	if !errors.As(err, &es) {
		t.Fatalf("err = %v, want loaders.Errors", err)
	}
	if !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("errors.Is(err, graph.ErrInvalid) = false")
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Error())
	}
	return out
}

func TestSeedsAreComplete(t *testing.T) {
	ds, err := loaders.Build(seedSource())
	if err != nil {
		t.Fatal(err)
	}
	levels := map[graph.Level]int{}
	for _, r := range ds.Regions {
		levels[r.Level]++
		if !r.HasCentroid {
			t.Errorf("region %s %s has no centroid", r.Code, r.Name)
		}
		if r.Evidence.Kind != graph.EvidenceSource || r.Evidence.Origin == "" {
			t.Errorf("region %s: evidence %+v", r.Code, r.Evidence)
		}
	}
	if levels[graph.LevelProvince] != 1 || levels[graph.LevelPrefecture] != 13 || levels[graph.LevelCounty] != 103 {
		t.Errorf("levels = %v, want 1 province, 13 prefectures, 103 counties", levels)
	}
	if len(ds.Borders) != 266 {
		t.Errorf("%d borders, want the 266 pairs of adjacency.csv", len(ds.Borders))
	}
	units := 0
	for _, r := range ds.Regions {
		if r.PrefectureUnit {
			units++
		}
	}
	if units != 17 { // 13 prefectures + 仙桃, 潜江, 天门, 神农架林区
		t.Errorf("%d prefecture units, want 17", units)
	}
	for _, p := range ds.Presences {
		if p.Evidence.Kind == graph.EvidencePlan && (p.Evidence.Quote == "" || p.Evidence.Section == "") {
			t.Errorf("presence %s: plan evidence without quote or section", p.ID)
		}
	}
}

// A prefecture's centroid is the mean of its counties': 天门市 is its own; 随州市 has three.
func TestPrefectureCentroidIsCountyMean(t *testing.T) {
	ds, err := loaders.Build(seedSource())
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	var n int
	var suizhou graph.Region
	for _, r := range ds.Regions {
		if r.ParentID == "cn-421300" {
			sum += r.Lon
			n++
		}
		if r.Code == "421300" {
			suizhou = r
		}
	}
	if n != 3 || suizhou.Lon != sum/3 {
		t.Errorf("随州市 lon %v from %d counties, want their mean %v", suizhou.Lon, n, sum/float64(n))
	}
}

func TestBadUserDataReportsEveryProblemWithItsPlace(t *testing.T) {
	_, err := loaders.Build(seedSource(), userData(map[string]string{
		"presence.csv": "id,region,link,strength,evidence_kind,evidence,section,reason\n" +
			"my-1,仙姚市,nev-battery,2,source,our 2026 survey,,\n" + // misspelt county
			"my-2,潜江市,nev-batery,1,source,our 2026 survey,,\n" + // unknown link
			"my-3,潜江市,nev-battery,-1,source,our 2026 survey,,\n" + // bad strength
			"my-4,潜江市,nev-battery,1,plan,潜江市是电池之都,二(一)1,\n" + // quote not in the plan
			"my-5,潜江市,nev-battery,1,domain,,,\n", // domain without reason
		"notes.txt": "hello",
	}))
	got := messages(t, err)
	want := []string{
		`mydata/presence.csv:2:2: region "仙姚市" not found; did you mean 仙桃市 (429004, id cn-429004)?`,
		`mydata/presence.csv:3:3: link "nev-batery" not found; did you mean 电池 (id nev-battery)`,
		"mydata/presence.csv:4:4: strength -1; want a number > 0",
		`mydata/presence.csv:5:6: quote not found in the plan seeds/plan/plan-2018-2020.txt`,
		"mydata/presence.csv:5: status is empty; a fact from the plan says whether the industry is there", // the plan states both kinds
		"mydata/presence.csv:6:8: domain evidence needs a one-line reason",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d:\n got %s\nwant %s…", i, got[i], want[i])
		}
	}
}

func TestBadHeadersAndCycles(t *testing.T) {
	_, rep, err := loaders.BuildReport(seedSource(), userData(map[string]string{
		"links.csv": "id,chain,name,stage,evidence_kind,evidence,section,reason,colour\n",
		"feeds.csv": "from,to,evidence_kind,evidence,section,reason\n" +
			"nev-testing,nev-battery,domain,,,a made-up loop\n",
	}))
	// An unknown column is not read, and said so; it is no reason to refuse the file.
	if w := strings.Join(rep.Warnings.Lines(20), "\n"); !strings.Contains(w, `mydata/links.csv:1: column(s) I "colour" are not read`) {
		t.Errorf("warnings do not name the unknown column:\n%s", w)
	}
	// A FEEDS cycle through a user's edge loads, and is a warning at that edge's line.
	if err != nil {
		t.Fatalf("a loop in users' data refused: %v", err)
	}
	w := strings.Join(rep.Warnings.Lines(20), "\n")
	for _, want := range []string{"mydata/feeds.csv:2: FEEDS cycle: ", "nev-testing -> nev-battery"} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings do not mention %q:\n%s", want, w)
		}
	}
}

func TestUserDataAddsToSeeds(t *testing.T) {
	ds, err := loaders.Build(seedSource(), userData(map[string]string{
		"presence.csv": "id,region,link,strength,evidence_kind,evidence,section,reason\n" +
			"my-qianjiang-battery,潛江,电池,12,source,our 2026 enterprise survey,,\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	var last graph.Presence
	for _, p := range ds.Presences {
		if p.ID == "my-qianjiang-battery" {
			last = p
		}
	}
	if last.RegionID != "cn-429005" || last.LinkID != "nev-battery" || last.Strength != 12 || last.Evidence.Origin != "mydata/presence.csv:2" {
		t.Errorf("user presence = %+v", last)
	}
}

func TestEnterpriseFileWithTwoMistakesIsRejectedWhole(t *testing.T) {
	_, err := loaders.Build(seedSource(), userData(map[string]string{
		"enterprises.csv": "name,credit_code,county,links,source\n" +
			"武汉某电池有限公司,91420100MA4K0000XX,江夏区,电池;电机,2026 招商台账\n" +
			"潜江某材料有限公司,,潜江,电池材料,2026 招商台账\n" +
			"荆州某电机有限公司,,沙市去,电机,2026 招商台账\n" + // misspelt county
			"仙桃某科技有限公司,,仙桃市,固态电池,2026 招商台账\n", // unknown link
	}))
	got := messages(t, err)
	want := []string{
		`mydata/enterprises.csv:4:3: region "沙市去" not found; did you mean 沙市区 (421002, id cn-421002)`,
		`mydata/enterprises.csv:5:4: link "固态电池" not found`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d:\n got %s\nwant %s…", i, got[i], want[i])
		}
	}
}

func TestEnterprisesAndClustersBecomePresences(t *testing.T) {
	ds, err := loaders.Build(seedSource(), userData(map[string]string{
		"enterprises.csv": "name,credit_code,county,links,source\n" +
			"潜江某电池有限公司,91429005MA4K0000XX,潜江市,电池;nev-motor,2026 招商台账\n",
		"clusters.csv": "name,county,chain,links,source,programme,year,note\n" +
			"测试集群,420100;孝感市,nev,电池,a survey,测试名单,2019,\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ds.Presences {
		if p.HolderKind != "" && strings.HasPrefix(p.Evidence.Origin, "mydata/") {
			got = append(got, p.RegionID+" "+p.LinkID+" "+p.HolderKind+" "+p.Holder+" "+p.Programme)
		}
	}
	want := []string{
		"cn-420100 nev-battery cluster 测试集群 测试名单",
		"cn-420900 nev-battery cluster 测试集群 测试名单",
		"cn-429005 nev-battery enterprise 潜江某电池有限公司 ",
		"cn-429005 nev-motor enterprise 潜江某电池有限公司 ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("presences:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A cluster on a later list (same_as) is one holder with two evidences, not a second presence;
// a same_as naming no row, a later row, or itself is refused at its cell.
func TestClusterOnTwoListsIsOneHolder(t *testing.T) {
	ds, err := loaders.Build(seedSource(), userData(map[string]string{
		"clusters.csv": "id,name,county,chain,links,source,programme,year,note,same_as\n" +
			"t-2020,测试新名集群,420100,nev,电池;电机,list 2020,测试名单,2020,,t-2013\n" +
			"t-2013,测试集群,420100,nev,电池,list 2013,测试名单,2013,,\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ds.Presences {
		if strings.HasPrefix(p.ID, "t-") {
			var also []string
			for _, l := range p.AlsoListed {
				also = append(also, fmt.Sprintf("%s %d %s", l.Name, l.Year, l.Evidence.Source))
			}
			got = append(got, fmt.Sprintf("%s %s %s %d %v", p.ID, p.Holder, p.LinkID, p.Year, also))
		}
	}
	want := []string{
		"t-2020-420100-nev-motor 测试集群 nev-motor 2020 []", // only on the later list: its own fact, the first name
		"t-2013-420100-nev-battery 测试集群 nev-battery 2013 [测试新名集群 2020 list 2020]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("presences:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, tc := range []struct{ rows, want string }{
		{"a,甲,420100,nev,电池,s,p,2020,,nope\n", "mydata/clusters.csv:2:10: same_as \"nope\": no cluster row has that id"},
		{"a,甲,420100,nev,电池,s,p,2013,,b\nb,甲,420100,nev,电池,s,p,2020,,\n", "mydata/clusters.csv:2:10: same_as \"b\": that listing is from 2020, after this row's 2013"},
		{"a,甲,420100,nev,电池,s,p,2013,,a\n", "mydata/clusters.csv:2:10: same_as \"a\": a row cannot be the same cluster as itself"},
	} {
		_, err := loaders.Build(seedSource(), userData(map[string]string{"clusters.csv": "id,name,county,chain,links,source,programme,year,note,same_as\n" + tc.rows}))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %s", tc.rows, err, tc.want)
		}
	}
}

// TestEverySeedFactHasCheckedEvidence re-checks, independently of the loader's own checks, that
// every fact in seeds/ carries evidence and that every plan quote occurs in the plan.
func TestEverySeedFactHasCheckedEvidence(t *testing.T) {
	ds, err := loaders.Build(seedSource())
	if err != nil {
		t.Fatal(err)
	}
	plan, err := seeds.FS.ReadFile("plan/plan-2018-2020.txt")
	if err != nil {
		t.Fatal(err)
	}
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	text := squash(string(plan))
	var all []graph.Evidence
	for _, x := range ds.Regions {
		all = append(all, x.Evidence)
	}
	for _, x := range ds.Borders {
		all = append(all, x.Evidence)
	}
	for _, x := range ds.Chains {
		all = append(all, x.Evidence)
	}
	for _, x := range ds.Links {
		all = append(all, x.Evidence)
	}
	for _, x := range ds.Feeds {
		all = append(all, x.Evidence)
	}
	for _, x := range ds.Presences {
		all = append(all, x.Evidence)
		for _, l := range x.AlsoListed {
			all = append(all, l.Evidence)
		}
	}
	for _, x := range ds.ChainFacts {
		all = append(all, x.Evidence)
	}
	for _, x := range ds.ClusterCounts {
		all = append(all, x.Evidence)
	}
	for _, x := range ds.Belts {
		all = append(all, x.Evidence)
	}
	for _, x := range ds.Members {
		all = append(all, x.Evidence)
	}
	for _, x := range ds.Targets {
		all = append(all, x.Evidence)
	}
	quotes := 0
	for _, e := range all {
		switch e.Kind {
		case graph.EvidencePlan:
			quotes++
			if !strings.Contains(text, squash(e.Quote)) {
				t.Errorf("%s: quote not in the plan: %q", e.Origin, e.Quote)
			}
			if e.Section == "" {
				t.Errorf("%s: plan quote without a section", e.Origin)
			}
		case graph.EvidenceSource:
			if e.Source == "" {
				t.Errorf("%s: source evidence without a source", e.Origin)
			}
		case graph.EvidenceDomain:
			if e.Reason == "" {
				t.Errorf("%s: domain evidence without a reason", e.Origin)
			}
		default:
			t.Errorf("%s: no evidence", e.Origin)
		}
		if e.Origin == "" {
			t.Errorf("evidence without an origin: %+v", e)
		}
	}
	t.Logf("%d facts, %d plan quotes, all found in the plan", len(all), quotes)
	if quotes < 100 {
		t.Errorf("only %d plan quotes in the seeds; the check above proved little", quotes)
	}
}

// A presence says what kind of fact it is: a user's row is existing unless it says otherwise, a
// plan row must say, and alternative readings make it uncertain.
func TestPresenceStatusAndReadings(t *testing.T) {
	ds, err := loaders.Build(seedSource(), userData(map[string]string{
		"presence.csv": "id,region,link,strength,status,alternatives,evidence_kind,evidence,section,reason\n" +
			"my-1,潜江市,nev-battery,1,,,source,our 2026 survey,,\n" +
			"my-2,潜江市,nev-battery,1,planned,429004 仙桃市; 429006 天门市,plan,依托仙桃市、潛江市等電子信息產業基礎,二(一)1,a test reading\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]graph.Presence{}
	for _, p := range ds.Presences {
		got[p.ID] = p
	}
	if p := got["my-1"]; p.Status != graph.StatusExisting || !p.Certain() {
		t.Errorf("my-1: status %q, certain %v; want existing and certain", p.Status, p.Certain())
	}
	if p := got["my-2"]; p.Status != graph.StatusPlanned || p.Certain() || strings.Join(p.Alternatives, "|") != "429004 仙桃市|429006 天门市" {
		t.Errorf("my-2: status %q, alternatives %q; want planned with two alternatives", p.Status, p.Alternatives)
	}
	_, err = loaders.Build(seedSource(), userData(map[string]string{
		"presence.csv": "id,region,link,strength,status,evidence_kind,evidence,section,reason\n" +
			"my-1,潜江市,nev-battery,1,maybe,source,our 2026 survey,,\n",
	}))
	if got := messages(t, err); len(got) != 1 || !strings.HasPrefix(got[0], `mydata/presence.csv:2:5: status "maybe"; want existing or planned`) {
		t.Errorf("a bad status: %q", got)
	}
}

// A user file of the plan's time keys 监利 by its old code 421023 (监利县, now 监利市 421088).
func TestPlanEraCodeResolves(t *testing.T) {
	ds, err := loaders.Build(seedSource(), userData(map[string]string{
		"presence.csv": "id,region,link,strength,evidence_kind,evidence,section,reason\n" +
			"my-1,421023,nev-battery,1,source,our 2019 survey,,\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ds.Presences {
		if p.ID == "my-1" && p.RegionID != "cn-421088" {
			t.Errorf("421023 resolved to %s, want cn-421088 (监利市)", p.RegionID)
		}
	}
}
