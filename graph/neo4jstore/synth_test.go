package neo4jstore_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/graphtest"
	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/graph/neo4jstore/neo4jtest"
	"github.com/chaingraph/chaingraph/loaders/synth"
)

// The 1% synthetic country has what the seeds lack: 10,000 enterprises and 1,000 clusters
// placed Zipf-like, so cells with many presences, enterprises in several chains and counties
// with hundreds of them. Both stores must agree on the coverages the analyses read (every
// presence and the first few), on the enterprise counts and on 补链.
func TestSyntheticDataAgreesWithMemstore(t *testing.T) {
	ctx := context.Background()
	ds, err := synth.Dataset(0.01)
	if err != nil {
		t.Fatal(err)
	}
	neoStore := neo4jtest.Open(t)
	memStore := memstore.New()
	for _, s := range []graph.Store{neoStore, memStore} {
		if err := s.Replace(ctx, ds); err != nil {
			t.Fatal(err)
		}
	}
	neo, mem := graphtest.View(t, neoStore), graphtest.View(t, memStore)
	same := sameAsMemstore(t)
	var root, prefecture, county graph.Region
	for _, r := range ds.Regions {
		switch {
		case r.ParentID == "":
			root = r
		case r.Level == graph.LevelPrefecture && prefecture.ID == "":
			prefecture = r
		case r.Level == graph.LevelCounty && county.ID == "":
			county = r
		}
	}
	scopes := []graph.Scope{
		{RegionID: root.ID, Level: graph.LevelPrefecture},
		{RegionID: root.ID, Level: graph.LevelCounty},
		{RegionID: prefecture.ID, Level: graph.LevelPrefecture},
		{RegionID: county.ID, Level: graph.LevelCounty},
	}
	cellsWithMany := 0
	// Every chain with a few presences listed (as profiles ask), one chain also with all of them.
	for _, chainID := range []string{"", ds.Chains[0].ID} {
		for _, sc := range scopes {
			for _, max := range []int{3, 0} {
				if chainID == "" && max == 0 {
					continue
				}
				q := graph.CoverageQuery{ChainID: chainID, Scope: sc, MaxPresences: max}
				want, err := mem.Coverage(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				got, err := neo.Coverage(ctx, q)
				if err != nil {
					t.Fatalf("%+v: %v", q, err)
				}
				same(fmt.Sprintf("Coverage %+v", q), want, got)
				for _, cells := range want.Cells {
					for _, c := range cells {
						if max > 0 && c.Count > max {
							cellsWithMany++
						}
					}
				}
			}
		}
	}
	if cellsWithMany == 0 {
		t.Error("no cell had more presences than were listed: the comparison proved little")
	}
	memCounts, err := mem.EnterpriseCounts(ctx, root.ID)
	if err != nil {
		t.Fatal(err)
	}
	neoCounts, err := neo.EnterpriseCounts(ctx, root.ID)
	if err != nil {
		t.Fatal(err)
	}
	same("EnterpriseCounts", memCounts, neoCounts)
	if len(memCounts) == 0 {
		t.Error("no county has enterprises: the comparison proved little")
	}
	page := graph.RowRange{Offset: 1, Limit: 3} // as the service asks: suppliers and presences for a page
	for _, l := range ds.Links[:10] {
		for _, sc := range scopes[:2] {
			for _, q := range []graph.LackingQuery{
				{LinkID: l.ID, Scope: sc, MaxDepth: 4, MaxSuppliers: 3},
				{LinkID: l.ID, Scope: sc, MaxDepth: 4, MaxSuppliers: 3, MaxPresences: 2, SupplierRows: page, PresenceRows: page}, // from cells
			} {
				want, _ := mem.LackingRegions(ctx, q)
				got, err := neo.LackingRegions(ctx, q)
				if err != nil {
					t.Fatalf("%+v: %v", q, err)
				}
				same(fmt.Sprintf("LackingRegions %s in %+v, %d presences", l.ID, sc, q.MaxPresences), want, got)
			}
		}
	}
}
