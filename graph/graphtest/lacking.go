package graphtest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
)

func testLackingRegions(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
	for _, tc := range lackingCases {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Ask(t, s).Lacking(ctx, query.LackingRequest{Link: tc.q.LinkID, Scope: scopeInput(tc.q.Scope), Level: tc.q.Scope.Level,
				MaxDepth: tc.q.MaxDepth, MaxSuppliers: tc.q.MaxSuppliers})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, Summarize(a.Rows)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func testLackingRegionsFollowReplace(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
	q := graph.LackingQuery{LinkID: "t-cell", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, MaxDepth: 4, MaxSuppliers: 3}
	ask := func() []graph.LackingRegion {
		t.Helper()
		got, err := View(t, s).LackingRegions(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	before := ask()
	if len(before) == 0 {
		t.Fatal("no lacking region in the fixture answer")
	}
	ask() // answered twice: a store that keeps answers has this one now
	filled := Fixture()
	first := before[0].Region.ID
	filled.Presences = append(filled.Presences, graph.Presence{ID: "filled", RegionID: first, LinkID: "t-cell", Strength: 1, Status: graph.StatusExisting, Evidence: filled.Presences[0].Evidence})
	if err := s.Replace(ctx, filled); err != nil {
		t.Fatal(err)
	}
	for _, r := range ask() {
		if r.Region.ID == first {
			t.Errorf("after a Replace that gives %s the link, it is still lacking", first)
		}
	}
	if err := s.Replace(ctx, Fixture()); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Summarize(before), Summarize(ask())); diff != "" {
		t.Errorf("back on the fixture (-first answer +now):\n%s", diff)
	}
}

func testLackingRegionsCarriesEvidence(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
	got, err := View(t, s).LackingRegions(ctx, graph.LackingQuery{LinkID: "t-cell", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, MaxDepth: 4, MaxSuppliers: 3})
	if err != nil {
		t.Fatal(err)
	}
	fx := Fixture()
	want := graph.PresenceFact{Presence: fx.Presences[0], Region: fx.Regions[1], Link: fx.Links[2]}
	if diff := cmp.Diff(want, got[0].Demands[0].Presences[0]); diff != "" {
		t.Errorf("demand presence (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(fx.Presences[1], got[0].Suppliers[1].Presences[0].Presence); diff != "" {
		t.Errorf("supplier presence (-want +got):\n%s", diff)
	}
	cluster, err := View(t, s).LackingRegions(ctx, graph.LackingQuery{LinkID: "t-cell", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fx.Presences[2], cluster[0].Demands[0].Presences[1].Presence); diff != "" { // B2, after p10
		t.Errorf("cluster presence (-want +got):\n%s", diff)
	}
}

// Suppliers are ranked for the rows asked for only; the rows, their order and their demands do
// not depend on it.
func testLackingRegionsRankSuppliersForAPage(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
	q := graph.LackingQuery{LinkID: "t-mat", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3}
	all, err := View(t, s).LackingRegions(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 {
		t.Fatalf("%d rows, want the 3 of the hand-worked case", len(all))
	}
	for _, rows := range []graph.RowRange{{Offset: 1, Limit: 1}, {Offset: 1}, {Offset: 0, Limit: 2}, {Offset: 5, Limit: 2}} {
		q.SupplierRows = rows
		got, err := View(t, s).LackingRegions(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		want := make([]graph.LackingRegion, len(all))
		for i, r := range all {
			want[i] = r
			if !rows.Contains(i) {
				want[i].Suppliers = nil
			}
		}
		if diff := cmp.Diff(Summarize(want), Summarize(got)); diff != "" {
			t.Errorf("suppliers for rows %+v (-want +got):\n%s", rows, diff)
		}
	}
	q.SupplierRows = graph.RowRange{Offset: -1}
	if _, err := View(t, s).LackingRegions(ctx, q); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("supplier rows from -1: %v, want ErrInvalid", err)
	}
}

// Demands list their presences for the rows asked for only, from the cells (one presence) as from
// the presences (all); the rows, their order, counts and strengths do not depend on it.
func testLackingRegionsListPresencesForAPage(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
	listed, unlisted := 0, 0
	// t-mat by county has three rows; t-cell by prefecture a row with two demands.
	for _, asked := range []graph.LackingQuery{
		{LinkID: "t-mat", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3},
		{LinkID: "t-mat", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3, MaxPresences: 1},
		{LinkID: "t-cell", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, MaxDepth: 4, MaxSuppliers: 3},
		{LinkID: "t-cell", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, MaxDepth: 4, MaxSuppliers: 3, MaxPresences: 1},
	} {
		q := asked
		all, err := View(t, s).LackingRegions(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, rows := range []graph.RowRange{{Offset: 1, Limit: 1}, {Offset: 2}, {Offset: 0, Limit: 2}, {Offset: 5, Limit: 2}} {
			for _, demands := range []int{0, 1} {
				q.PresenceRows, q.ListedDemands = rows, demands
				got, err := View(t, s).LackingRegions(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				want := make([]graph.LackingRegion, len(all))
				for i, r := range all {
					want[i] = r
					want[i].Demands = slices.Clone(r.Demands)
					for k := range want[i].Demands {
						if rows.Contains(i) && (demands == 0 || k < demands) {
							listed += len(want[i].Demands[k].Presences)
						} else {
							want[i].Demands[k].Presences = nil
							unlisted++
						}
					}
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s at %s level, %d presences, for rows %+v, %d demands each (-want +got):\n%s", q.LinkID, q.Scope.Level, q.MaxPresences, rows, demands, diff)
				}
			}
		}
	}
	if listed == 0 || unlisted == 0 {
		t.Errorf("%d demands listed presences and %d did not: the test needs both", listed, unlisted)
	}
	q := graph.LackingQuery{LinkID: "t-mat", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3, PresenceRows: graph.RowRange{Limit: -1}}
	if _, err := View(t, s).LackingRegions(ctx, q); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("presence rows limit -1: %v, want ErrInvalid", err)
	}
}

func testLackingRegionsErrors(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
	for _, q := range []graph.LackingQuery{
		{LinkID: "nope", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3},
		{LinkID: "t-car", Scope: graph.Scope{RegionID: "cn-000000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3},
	} {
		if _, err := View(t, s).LackingRegions(ctx, q); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("LackingRegions(%+v) = %v, want ErrNotFound", q, err)
		}
	}
	if _, err := View(t, s).LackingRegions(ctx, graph.LackingQuery{LinkID: "t-car", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 0, MaxSuppliers: 3}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("depth 0: %v, want ErrInvalid", err)
	}
}

// lackingCases were worked out by hand on Fixture. Summaries read:
// region code | demands "downstream<path ids[presence ids]" | suppliers "code/hops/km[presence ids]".
var lackingCases = []struct {
	name string
	q    graph.LackingQuery
	want []string
}{
	{
		// A has t-car (p1, its own fact) and t-test (p5 at its county A2); B has t-cell (B1);
		// D has t-cell too. Suppliers: D shares belt b-east with A, so it comes first although it
		// is 3 borders (A2–B1–B2–D) and 337.0 km away; then B1, one border and 144.4 km away.
		name: "prefecture level",
		q:    graph.LackingQuery{LinkID: "t-cell", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, MaxDepth: 4, MaxSuppliers: 3},
		want: []string{"990100 | t-car<t-cell,t-car[p1]; t-test<t-cell,t-car,t-test[p5] | 990301/3/337.0[p9], 990201/1/144.4[p2]"},
	},
	{
		// A1 has nothing: p1 is about prefecture A, not its counties. A2 has t-test (2 edges
		// away), B2 has t-car (1 edge). B2's demand is stronger (cluster p3 3 + firm p10 1,
		// against p5's 1): B2 first. B2's own prefecture has B1: B1 first, then D. A2 is in belt
		// b-east (through A) with D: D first.
		name: "county level",
		q:    graph.LackingQuery{LinkID: "t-cell", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3},
		want: []string{
			"990202 | t-car<t-cell,t-car[p10,p3] | 990201/1/96.3[p2], 990301/1/96.3[p9]",
			"990102 | t-test<t-cell,t-car,t-test[p5] | 990301/3/288.9[p9], 990201/1/96.3[p2]",
		},
	},
	{
		name: "depth limits demand",
		q:    graph.LackingQuery{LinkID: "t-cell", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 1, MaxSuppliers: 3},
		want: []string{"990202 | t-car<t-cell,t-car[p10,p3] | 990201/1/96.3[p2], 990301/1/96.3[p9]"},
	},
	{
		// The only supplier is D: A2–B1–B2–D is 3 borders, B1 2, B2 1. B2's demand has strength
		// 4, the others 1 (then code order).
		name: "hops to a distant supplier",
		q:    graph.LackingQuery{LinkID: "t-mat", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3},
		want: []string{
			"990202 | t-car<t-mat,t-cell,t-car[p10,p3] | 990301/1/96.3[p4,p8]",
			"990102 | t-test<t-mat,t-cell,t-car,t-test[p5] | 990301/3/288.9[p4,p8]",
			"990201 | t-cell<t-mat,t-cell[p2] | 990301/2/192.6[p4,p8]",
		},
	},
	{
		// A2 lacks t-car at county level (p1 is A's); suppliers: A contains A2 (0 hops,
		// 48.1 km between centroids), B2 is 2 borders away. Only the nearest is kept.
		name: "prefecture supplier contains the county",
		q:    graph.LackingQuery{LinkID: "t-car", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 1},
		want: []string{"990102 | t-test<t-car,t-test[p5] | 990100/0/48.1[p1]"},
	},
	{
		name: "all suppliers ranked",
		q:    graph.LackingQuery{LinkID: "t-car", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 5},
		want: []string{"990102 | t-test<t-car,t-test[p5] | 990100/0/48.1[p1], 990202/2/192.6[p10,p3]"},
	},
	{
		// A and B both have t-car; D has no demand.
		name: "nobody lacks",
		q:    graph.LackingQuery{LinkID: "t-car", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, MaxDepth: 4, MaxSuppliers: 3},
		want: nil,
	},
	{
		name: "scope is a prefecture",
		q:    graph.LackingQuery{LinkID: "t-mat", Scope: graph.Scope{RegionID: "cn-990200", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3},
		want: []string{
			"990202 | t-car<t-mat,t-cell,t-car[p10,p3] | 990301/1/96.3[p4,p8]",
			"990201 | t-cell<t-mat,t-cell[p2] | 990301/2/192.6[p4,p8]",
		},
	},
	{
		// Across chains: u-steel feeds t-car. B's one demand has strength 4 (p3 3, p10 1), A's
		// two demands 2: B first. Nobody supplies steel.
		name: "across chains, no supplier",
		q:    graph.LackingQuery{LinkID: "u-steel", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, MaxDepth: 4, MaxSuppliers: 3},
		want: []string{
			"990200 | t-car<u-steel,t-car[p10,p3] | ",
			"990100 | t-car<u-steel,t-car[p1]; t-test<u-steel,t-car,t-test[p5] | ",
		},
	},
	{
		// Belt b-east spans A and D (B is only an alternative): counties A1, A2, D; D has t-cell.
		name: "belt scope, counties",
		q:    graph.LackingQuery{LinkID: "t-cell", Scope: graph.Scope{BeltID: "b-east", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3},
		want: []string{"990102 | t-test<t-cell,t-car,t-test[p5] | 990301/3/288.9[p9], 990201/1/96.3[p2]"},
	},
	{
		name: "belt scope, prefecture units",
		q:    graph.LackingQuery{LinkID: "t-cell", Scope: graph.Scope{BeltID: "b-east", Level: graph.LevelPrefecture}, MaxDepth: 4, MaxSuppliers: 3},
		want: []string{"990100 | t-car<t-cell,t-car[p1]; t-test<t-cell,t-car,t-test[p5] | 990301/3/337.0[p9], 990201/1/144.4[p2]"},
	},
	{
		name: "a link nothing needs",
		q:    graph.LackingQuery{LinkID: "t-test", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3},
		want: nil,
	},
}

// Listing fewer presences per demand and supplier changes nothing else: the same rows in the
// same order, the same counts and strengths, and the first presences of each by id.
func testLackingRegionsListFewerPresences(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
	cut := 0
	for _, tc := range lackingCases {
		all, err := Ask(t, s).Lacking(ctx, query.LackingRequest{Link: tc.q.LinkID, Scope: scopeInput(tc.q.Scope), Level: tc.q.Scope.Level,
			MaxDepth: tc.q.MaxDepth, MaxSuppliers: tc.q.MaxSuppliers})
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []int{1, 2} {
			few, err := Ask(t, s).Lacking(ctx, query.LackingRequest{Link: tc.q.LinkID, Scope: scopeInput(tc.q.Scope), Level: tc.q.Scope.Level,
				MaxDepth: tc.q.MaxDepth, MaxSuppliers: tc.q.MaxSuppliers, MaxPresences: k})
			if err != nil {
				t.Fatal(err)
			}
			var want []graph.LackingRegion
			for i, r := range all.Rows {
				want = append(want, graph.LackingRegion{Region: r.Region})
				for _, d := range r.Demands {
					if len(d.Presences) > k {
						d.Presences = d.Presences[:k]
						cut++
					}
					want[i].Demands = append(want[i].Demands, d)
				}
				for _, sup := range r.Suppliers {
					if len(sup.Presences) > k {
						sup.Presences = sup.Presences[:k]
						cut++
					}
					want[i].Suppliers = append(want[i].Suppliers, sup)
				}
			}
			if diff := cmp.Diff(want, few.Rows); diff != "" {
				t.Errorf("%s, %d presences listed (-all, cut +asked):\n%s", tc.name, k, diff)
			}
		}
	}
	if cut == 0 {
		t.Fatal("no demand or supplier had more than one presence: the test needs one")
	}
}
