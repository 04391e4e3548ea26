package graphtest

import (
	"context"
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
