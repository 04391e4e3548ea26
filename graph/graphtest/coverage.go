package graphtest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
)

func testCoverage(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
	for _, tc := range coverageCases {
		got, err := View(t, s).Coverage(ctx, tc.q)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if diff := cmp.Diff(tc.want, SummarizeCoverage(got)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	for _, q := range []graph.CoverageQuery{
		{ChainID: "nope", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}},
		{ChainID: "t", Scope: graph.Scope{RegionID: "cn-000000", Level: graph.LevelCounty}},
		{ChainID: "t", Scope: graph.Scope{BeltID: "nope", Level: graph.LevelCounty}},
	} {
		if _, err := View(t, s).Coverage(ctx, q); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("Coverage(%+v) = %v, want ErrNotFound", q, err)
		}
	}
	if _, err := View(t, s).Coverage(ctx, graph.CoverageQuery{ChainID: "t", Scope: graph.Scope{RegionID: "cn-990000", BeltID: "b-east", Level: graph.LevelCounty}}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Coverage with a region and a belt = %v, want ErrInvalid", err)
	}
	if _, err := View(t, s).Coverage(ctx, graph.CoverageQuery{ChainID: "t", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxPresences: -2}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Coverage with max presences -2 = %v, want ErrInvalid", err)
	}
}

func testHasMergesUnits(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
	// The province as a place: its prefecture units' cells merged. t-car is A's p1 (1) and
	// B's p10, p3 (1 + 3): three presences, strength 5, the first by id p1.
	for _, max := range []int{0, 1} {
		cov, err := View(t, s).Coverage(ctx, graph.CoverageQuery{ChainID: "t", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, MaxPresences: max})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, l := range cov.Links {
			if c := cov.Has()[l.ID]; c.Count > 0 {
				got = append(got, fmt.Sprintf("%s[%s]%d/%g", l.ID, presenceIDs(c.Presences), c.Count, c.Strength))
			}
		}
		want := []string{"t-mat[p4,p8]2/2", "t-cell[p2,p9]2/2", "t-car[p1,p10,p3]3/5", "t-test[p5]1/1"}
		if max == 1 {
			want = []string{"t-mat[p4]2/2", "t-cell[p2]2/2", "t-car[p1]3/5", "t-test[p5]1/1"}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Has, max presences %d (-want +got):\n%s", max, diff)
		}
	}
}

func testWeakLinks(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
	for _, tc := range weakCases {
		a, err := Ask(t, s).WeakLinks(ctx, query.WeakLinksRequest{Chain: tc.q.ChainID, Scope: scopeInput(tc.q.Scope), Level: tc.q.Scope.Level, MinHolders: tc.k})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, w := range a.Weak {
			var holders []string
			for _, h := range w.Holders {
				holders = append(holders, fmt.Sprintf("%s=%g", h.Region.Code, h.Strength))
			}
			got = append(got, fmt.Sprintf("%s %v hhi=%g", w.Link.ID, holders, w.HHI))
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

func testExtensions(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
	for _, tc := range []struct {
		name  string
		scope graph.Scope
		want  []string
	}{
		// B has t-cell, t-car, u-ore. t-mat's only neighbour t-cell is there (it feeds it);
		// t-test's only neighbour t-car feeds it; u-steel feeds t-car. All density 1, so id order.
		{"B", graph.Scope{RegionID: "cn-990200", Level: graph.LevelPrefecture}, []string{"t-mat 1 [t-cell>]", "t-test 1 [<t-car]", "u-steel 1 [t-car>]"}},
		// A has t-car and t-test. u-steel: 1 of 1 neighbours; t-cell: t-car of {t-mat, t-car}.
		{"A", graph.Scope{RegionID: "cn-990100", Level: graph.LevelPrefecture}, []string{"u-steel 1 [t-car>]", "t-cell 0.5 [t-car>]"}},
		{"A1 has nothing", graph.Scope{RegionID: "cn-990101", Level: graph.LevelCounty}, nil},
	} {
		a, err := Ask(t, s).Extensions(ctx, query.ExtensionsRequest{Scope: scopeInput(tc.scope)})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range a.Extensions {
			var ns []string
			for _, n := range e.Present {
				if n.Feeds {
					ns = append(ns, n.Link.ID+">")
				} else {
					ns = append(ns, "<"+n.Link.ID)
				}
			}
			got = append(got, fmt.Sprintf("%s %g %v", e.Link.ID, e.Density, ns))
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

func testProfile(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
	fx := Fixture()
	for _, tc := range []struct {
		name  string
		place graph.Region
		want  []string
	}{
		// D: t has mat and cell of {mat | cell | car, test}: (1+1+0)/3. u has ore of {ore, steel}: 1/2.
		// Enterprises: D has one in t and two in u (p8; p6, p11), the province two in t and
		// three in u: LQ t = (1/3)/(2/5) = 0.8333, LQ u = (2/3)/(3/5) = 1.1111. Nothing
		// upstream is missing.
		{"D", fx.Regions[7], []string{"t [t-mat=2/2 t-cell=1/1] missing [] 0.6667 lq 0.8333 few(1/1.2)", "u [u-ore=2/2] missing [] 0.5 lq 1.1111 few(2/1.8)"}},
		// B: t has cell and car: (0+1+1/2)/3; t-mat feeds t-cell and is missing. u: ore; u-steel
		// feeds t-car and is missing. B has one enterprise in t (p10) and one in u (p7):
		// LQ t = (1/2)/(2/5) = 1.25, LQ u = (1/2)/(3/5) = 0.8333.
		{"B", fx.Regions[4], []string{"t [t-cell=1/1 t-car=4/2] missing [t-mat] 0.5 lq 1.25 few(1/0.8)", "u [u-ore=1/1] missing [u-steel] 0.5 lq 0.8333 few(1/1.2)"}},
		// A: car and test are both downstream: (0+0+2/2)/3. t-cell feeds t-car and t-mat feeds
		// t-cell: both missing. No enterprise at all, so no LQ.
		{"A", fx.Regions[1], []string{"t [t-car=1/1 t-test=1/1] missing [t-mat t-cell] 0.3333 lq -"}},
		{"A1 has nothing", fx.Regions[2], nil},
		// P, the province, through its prefecture units: every link of t (strengths and counts
		// summed over the units); u-steel feeds t-car and is missing. Its own share is the
		// province's, so both quotients are 1.
		{"P", fx.Regions[0], []string{"t [t-mat=2/2 t-cell=2/2 t-car=5/3 t-test=1/1] missing [] 1 lq 1 few(2/2)", "u [u-ore=3/3] missing [u-steel] 0.5 lq 1 few(3/3)"}},
	} {
		// Listing one presence per link must not change what is counted.
		for _, max := range []int{0, 1} {
			a, err := Ask(t, s).Profile(ctx, query.ProfileRequest{Region: tc.place.ID, MaxPresences: max})
			if err != nil {
				t.Fatal(err)
			}
			{
				var got []string
				for _, cp := range a.Chains {
					var present, missing []string
					for _, h := range cp.Present {
						present = append(present, fmt.Sprintf("%s=%g/%d", h.Presences[0].Link.ID, h.Strength, h.Count))
						if max > 0 && len(h.Presences) > max {
							t.Errorf("%s: %d presences of %s listed, want at most %d", tc.name, len(h.Presences), h.Presences[0].Link.ID, max)
						}
					}
					for _, l := range cp.MissingUpstream {
						missing = append(missing, l.ID)
					}
					lq := lqSummary(cp.LQ)
					got = append(got, fmt.Sprintf("%s %v missing %v %g lq %s", cp.Chain.ID, present, missing, cp.Completeness, lq))
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("%s, max presences %d (-want +got):\n%s", tc.name, max, diff)
				}
			}
		}
	}
}

func testEnterpriseCounts(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
	// B2 has 乙二车厂 (p10, t) and 乙二矿业 (p7, u); D has 丁材料厂 (p8, t), 丁矿业 (p6, u) and
	// 丁二矿业 (p11, u). Clusters and plan statements are not enterprises.
	for _, tc := range []struct {
		region string
		want   []string
	}{
		{"cn-990000", []string{"990202 2 [t=1 u=1]", "990301 3 [t=1 u=2]"}},
		{"cn-990200", []string{"990202 2 [t=1 u=1]"}},
		{"cn-990100", nil},
	} {
		counts, err := View(t, s).EnterpriseCounts(ctx, tc.region)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range counts {
			got = append(got, fmt.Sprintf("%s %d %v", c.County.Code, c.Total, c.PerChain))
		}
		for i := range got { // fmt prints maps sorted by key: "map[t:1 u:1]"
			got[i] = strings.NewReplacer("map[", "[", ":", "=").Replace(got[i])
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("EnterpriseCounts(%s) (-want +got):\n%s", tc.region, diff)
		}
	}
	if _, err := View(t, s).EnterpriseCounts(ctx, "cn-000000"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("EnterpriseCounts(unknown region) = %v, want ErrNotFound", err)
	}
}

// lqSummary reads value few(firms/expected) or value ok(…), "-" without a quotient. The
// fixture's places have 2–3 firms, so its quotients are all too few to mean something; the
// rule itself is tested in graph (TestLocationQuotientRule).
func lqSummary(q graph.LocationQuotient) string {
	switch q.Status {
	case graph.LQNoData:
		return "-"
	case graph.LQTooFewFirms:
		return fmt.Sprintf("%g few(%d/%g)", q.Value, q.Firms, q.Expected)
	}
	return fmt.Sprintf("%g ok(%d/%g)", q.Value, q.Firms, q.Expected)
}

func testUnitLQ(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
	counties, err := View(t, s).Coverage(ctx, graph.CoverageQuery{Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}})
	if err != nil {
		t.Fatal(err)
	}
	counts, err := View(t, s).EnterpriseCounts(ctx, "cn-990000")
	if err != nil {
		t.Fatal(err)
	}
	base := graph.NewLQBase(counts)
	var got []string
	for _, u := range counties.Units {
		for _, chain := range []string{"t", "u"} {
			if lq := base.UnitLQ(u.ID, chain); lq.Status != graph.LQNoData {
				got = append(got, fmt.Sprintf("%s/%s=%s", u.Code, chain, lqSummary(lq)))
			}
		}
	}
	// B2 has p10 (t) and p7 (u); D has p8 (t) and p6, p11 (u); the province 2 in t, 3 in u of 5.
	want := []string{"990202/t=1.25 few(1/0.8)", "990202/u=0.8333 few(1/1.2)", "990301/t=0.8333 few(1/1.2)", "990301/u=1.1111 few(2/1.8)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("county LQs (-want +got):\n%s", diff)
	}
	// Prefecture units: B (990200) holds B2's enterprises p10 (t) and p7 (u): 1 of 2 in t.
	if lq := base.UnitLQ("cn-990200", "t"); lqSummary(lq) != "1.25 few(1/0.8)" {
		t.Errorf("prefecture 990200 in t: LQ %+v, want 1.25 from 1 firm like its only county with enterprises", lq)
	}
}

// coverageCases were worked out by hand on Fixture. Summaries read
// unit:link[presence ids]count/strength,… (every strength is 1 but p3's, 3).
var coverageCases = []struct {
	name string
	q    graph.CoverageQuery
	want []string
}{
	{
		// A's own fact p1 and A2's p5 count for A; D has two presences of t-mat.
		name: "chain t, prefecture units of P",
		q:    graph.CoverageQuery{ChainID: "t", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}},
		want: []string{"links t-mat,t-cell,t-car,t-test", "990100:t-car[p1]1/1,t-test[p5]1/1", "990200:t-car[p10,p3]2/4,t-cell[p2]1/1", "990301:t-cell[p9]1/1,t-mat[p4,p8]2/2"},
	},
	{
		// The same with one presence listed per cell: the first by id; counts and strengths
		// still cover every presence.
		name: "chain t, prefecture units of P, one presence listed",
		q:    graph.CoverageQuery{ChainID: "t", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, MaxPresences: 1},
		want: []string{"links t-mat,t-cell,t-car,t-test", "990100:t-car[p1]1/1,t-test[p5]1/1", "990200:t-car[p10]2/4,t-cell[p2]1/1", "990301:t-cell[p9]1/1,t-mat[p4]2/2"},
	},
	{
		name: "every chain, prefecture units of P, one presence listed",
		q:    graph.CoverageQuery{Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, MaxPresences: 1},
		want: []string{"links t-mat,t-cell,t-car,t-test,u-ore,u-steel", "990100:t-car[p1]1/1,t-test[p5]1/1", "990200:t-car[p10]2/4,t-cell[p2]1/1,u-ore[p7]1/1", "990301:t-cell[p9]1/1,t-mat[p4]2/2,u-ore[p11]2/2"},
	},
	{
		// b-east's members are A and D (B is only an alternative reading): counties A1, A2, D.
		name: "chain u, counties of belt b-east",
		q:    graph.CoverageQuery{ChainID: "u", Scope: graph.Scope{BeltID: "b-east", Level: graph.LevelCounty}},
		want: []string{"links u-ore,u-steel", "990101:", "990102:", "990301:u-ore[p11,p6]2/2"},
	},
	{
		name: "every chain, counties of B",
		q:    graph.CoverageQuery{Scope: graph.Scope{RegionID: "cn-990200", Level: graph.LevelCounty}},
		want: []string{"links t-mat,t-cell,t-car,t-test,u-ore,u-steel", "990201:t-cell[p2]1/1", "990202:t-car[p10,p3]2/4,u-ore[p7]1/1"},
	},
}

// weakCases were worked out by hand on Fixture: "link [holder=strength …] hhi".
var weakCases = []struct {
	name string
	q    graph.CoverageQuery
	k    int
	want []string
}{
	{
		// Single sources, by stage: t-mat (D, strength 2), t-test (A). t-cell (B, D) and t-car
		// (A, B) have two holders, so they are not weak for k=2.
		name: "k=2",
		q:    graph.CoverageQuery{ChainID: "t", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}},
		k:    2,
		want: []string{"t-mat [990301=2] hhi=1", "t-test [990100=1] hhi=1"},
	},
	{
		// Then the two-holder links by stage: t-cell, B and D 1 each (HHI 0.5² + 0.5²), and
		// t-car, B 4 (cluster p3 of strength 3, enterprise p10) and A 1 (HHI 0.8² + 0.2² = 0.68).
		name: "k=3",
		q:    graph.CoverageQuery{ChainID: "t", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}},
		k:    3,
		want: []string{"t-mat [990301=2] hhi=1", "t-test [990100=1] hhi=1", "t-cell [990200=1 990301=1] hhi=0.5", "t-car [990200=4 990100=1] hhi=0.68"},
	},
	{
		// Nobody holds u-steel: listed last, HHI -1. u-ore has one holder, not fewer than 1.
		name: "k=1, a link nobody holds",
		q:    graph.CoverageQuery{ChainID: "u", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}},
		k:    1,
		want: []string{"u-steel [] hhi=-1"},
	},
}

// A coverage asked for no presences has every cell's count and strength, and lists nothing.
func testCoverageWithoutPresences(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
	for _, sc := range []graph.Scope{{RegionID: "cn-990000", Level: graph.LevelPrefecture}, {RegionID: "cn-990000", Level: graph.LevelCounty}, {BeltID: "b-east", Level: graph.LevelCounty}} {
		for _, chain := range []string{"", "t"} {
			all, err := View(t, s).Coverage(ctx, graph.CoverageQuery{ChainID: chain, Scope: sc})
			if err != nil {
				t.Fatal(err)
			}
			none, err := View(t, s).Coverage(ctx, graph.CoverageQuery{ChainID: chain, Scope: sc, MaxPresences: graph.NoPresences})
			if err != nil {
				t.Fatal(err)
			}
			for u, byLink := range all.Cells {
				for l, c := range byLink {
					if got := none.Cells[u][l]; got.Count != c.Count || got.Strength != c.Strength || len(got.Presences) != 0 {
						t.Errorf("%+v %s/%s: %d/%g with %d listed; want %d/%g and none listed", sc, u, l, got.Count, got.Strength, len(got.Presences), c.Count, c.Strength)
					}
				}
			}
			if len(none.Cells) != len(all.Cells) {
				t.Errorf("%+v: %d units with cells, want %d", sc, len(none.Cells), len(all.Cells))
			}
		}
	}
}

// Every coverage says how many of a cell's facts rest on the only reading of their source,
// whether it lists them (walked) or not (stored cells); facts keep their status and readings.
// In the fixture p9 (D's t-cell) is one reading; everything else is certain.
func testCoverageCountsCertainFacts(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
	for _, max := range []int{0, 1, graph.NoPresences} {
		cov, err := View(t, s).Coverage(ctx, graph.CoverageQuery{ChainID: "t", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, MaxPresences: max})
		if err != nil {
			t.Fatal(err)
		}
		for unit, want := range map[string][2]int{"cn-990301": {1, 0}, "cn-990200": {1, 1}} { // D's t-cell: p9; B's: p2
			if c := cov.Cells[unit]["t-cell"]; c.Count != want[0] || c.Certain != want[1] {
				t.Errorf("max presences %d: %s t-cell count %d, certain %d; want %d, %d", max, unit, c.Count, c.Certain, want[0], want[1])
			}
		}
		if max == 0 {
			p := cov.Cells["cn-990301"]["t-cell"].Presences[0].Presence
			if p.ID != "p9" || p.Status != graph.StatusExisting || strings.Join(p.Alternatives, "|") != "990201 乙一区" {
				t.Errorf("D's t-cell fact = %s, status %q, alternatives %q; want p9, existing, one alternative", p.ID, p.Status, p.Alternatives)
			}
		}
		for _, w := range graph.WeakLinks(cov, 3) {
			if w.Link.ID == "t-cell" && (len(w.Holders) != 2 || w.CertainHolders != 1) {
				t.Errorf("max presences %d: t-cell has %d holders, %d certain; want 2, 1", max, len(w.Holders), w.CertainHolders)
			}
		}
	}
}
