package graphtest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
)

// withPlanned is withFactKinds with p9 (t-cell at D, one reading) planned too, and cf3: the
// plan asks prefecture A for chain u as a whole.
func withPlanned() *graph.Dataset {
	ds := withFactKinds()
	for i := range ds.Presences {
		if ds.Presences[i].ID == "p9" {
			ds.Presences[i].Status = graph.StatusPlanned
		}
	}
	ds.ChainFacts = []graph.ChainFact{{ID: "cf3", RegionID: "cn-990100", ChainID: "u", Status: graph.StatusPlanned,
		Evidence: graph.Evidence{Kind: graph.EvidenceDomain, Reason: "fixture", Origin: "chain facts:cf3"}}}
	return ds
}

// testPlanGaps: what the plan asks of a unit with no existing fact there, worked out by hand
// from withPlanned. A's t-test is planned only (p5), and nobody has an existing one; D's t-cell
// is planned only (p9) and B1 has one (p2); A is asked for chain u (cf3) and holds no u link,
// while D (p6, p11; b-east with A) and B2 (p7) do. B's planned chain... none: B2's t-car p3 and
// p10 are existing.
func testPlanGaps(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := newStore(t)
	if err := s.Replace(ctx, withPlanned()); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		req  query.PlanGapsRequest
		want []string
	}{
		{"province, prefectures", query.PlanGapsRequest{Level: graph.LevelPrefecture}, []string{
			"990100 t t-test [p5] |",
			"990100 u (chain) [cf3] | 990301/3/[p11,p6] 990202/2/[p7]",
			"990301 t t-cell [p9] | 990201/2/[p2]",
		}},
		// cf3 is a prefecture's fact: no county is asked for chain u.
		{"province, counties", query.PlanGapsRequest{Level: graph.LevelCounty}, []string{
			"990102 t t-test [p5] |",
			"990301 t t-cell [p9] | 990201/2/[p2]",
		}},
		{"certain facts only", query.PlanGapsRequest{Level: graph.LevelPrefecture, Facts: graph.FactFilter{CertainOnly: true}}, []string{
			"990100 t t-test [p5] |",
			"990100 u (chain) [cf3] | 990301/3/[p11,p6] 990202/2/[p7]",
		}},
		{"chain u", query.PlanGapsRequest{Chain: "u", Level: graph.LevelPrefecture}, []string{
			"990100 u (chain) [cf3] | 990301/3/[p11,p6] 990202/2/[p7]",
		}},
		{"prefecture B", query.PlanGapsRequest{Scope: "cn-990200"}, nil},
	} {
		tc.req.MaxSuppliers = 3
		a, err := Ask(t, s).PlanGaps(ctx, tc.req)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if diff := cmp.Diff(tc.want, planGapSummary(a.Rows), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	if _, err := Ask(t, s).PlanGaps(ctx, query.PlanGapsRequest{MaxSuppliers: 3, Facts: graph.FactFilter{Picture: graph.PictureExisting}}); err == nil || !strings.Contains(err.Error(), "facts.picture") {
		t.Errorf("a picture set: %v, want an error naming facts.picture", err)
	}
}

func planGapSummary(rows []query.PlanGap) []string {
	var out []string
	for _, r := range rows {
		what := r.Chain.ID + " (chain)"
		var ids []string
		if r.Link != nil {
			what = r.Chain.ID + " " + r.Link.ID
			ids = strings.Split(presenceIDs(r.Planned), ",")
		}
		for _, f := range r.ChainFacts {
			ids = append(ids, f.ID)
		}
		parts := []string{r.Unit.Code, what, "[" + strings.Join(ids, ",") + "]", "|"}
		for _, s := range r.Suppliers {
			parts = append(parts, fmt.Sprintf("%s/%d/[%s]", s.Region.Code, s.BorderHops, presenceIDs(s.Presences)))
		}
		out = append(out, strings.Join(parts, " "))
	}
	return out
}

// testCompareLacking: 补链 of t-cell at county level between 2013 and 2024, worked out by hand
// from withFactKinds and two clusters: p12, t-cell at A2 on a 2020 list, and p13, t-car at A1
// on a 2024 list. In 2013 A2 (its t-test, p5) and B2 (its t-car, p10) lack t-cell; by 2024 A2
// has it (p12: healed), A1 needs it for p13 (new) and B2 still lacks it, now with p3 (2024)
// among its demand too (persists).
func testCompareLacking(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	ds := withFactKinds()
	ev := graph.Evidence{Kind: graph.EvidenceSource, Source: "测试名单", Origin: "presences:later"}
	ds.Presences = append(ds.Presences,
		graph.Presence{ID: "p12", RegionID: "cn-990102", LinkID: "t-cell", Strength: 1, Holder: "甲二县电池集群", HolderKind: "cluster",
			Programme: "测试名单", Year: 2020, Status: graph.StatusExisting, Evidence: ev},
		graph.Presence{ID: "p13", RegionID: "cn-990101", LinkID: "t-car", Strength: 1, Holder: "甲一区整车集群", HolderKind: "cluster",
			Programme: "测试名单", Year: 2024, Status: graph.StatusExisting, Evidence: ev})
	s := newStore(t)
	if err := s.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	a, err := Ask(t, s).CompareLacking(ctx, query.CompareRequest{
		Lacking: query.LackingRequest{Link: "t-cell", Level: graph.LevelCounty, MaxDepth: 4, MaxSuppliers: 3}, From: 2013, To: 2024})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range a.Changes {
		ids := func(ps []graph.PresenceFact) string { return "[" + presenceIDs(ps) + "]" }
		got = append(got, fmt.Sprintf("%s %s before=%v after=%v filled=%s new=%s", c.Region.Code, c.Change, c.Before != nil, c.After != nil, ids(c.FilledBy), ids(c.NewDemand)))
	}
	want := []string{
		"990102 healed before=true after=false filled=[p12] new=[]",
		"990101 new before=false after=true filled=[] new=[p13]",
		"990202 persists before=true after=true filled=[] new=[p3]",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// A page from the second change on reads no healing facts for the first.
	paged, err := Ask(t, s).CompareLacking(ctx, query.CompareRequest{
		Lacking: query.LackingRequest{Link: "t-cell", Level: graph.LevelCounty, MaxDepth: 4, MaxSuppliers: 3}, From: 2013, To: 2024,
		FilledRows: graph.RowRange{Offset: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if len(paged.Changes) != 3 || paged.Changes[0].FilledBy != nil {
		t.Errorf("changes from row 1: %d, the healed one filled by %v; want 3, none read", len(paged.Changes), paged.Changes[0].FilledBy)
	}
	for _, bad := range []query.CompareRequest{{From: 2024, To: 2013}, {From: 12, To: 2013}, {From: 2013, To: 2024, Lacking: query.LackingRequest{Facts: graph.FactFilter{AsOf: 2020}}}} {
		bad.Lacking.Link, bad.Lacking.MaxDepth, bad.Lacking.MaxSuppliers = "t-cell", 4, 3
		if _, err := Ask(t, s).CompareLacking(ctx, bad); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("%d → %d (as of %d): %v, want ErrInvalid", bad.From, bad.To, bad.Lacking.Facts.AsOf, err)
		}
	}
}
