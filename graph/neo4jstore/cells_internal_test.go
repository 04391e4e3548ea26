package neo4jstore

import (
	"context"
	"slices"
	"testing"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/loaders/synth"
)

// The cells a load writes are memstore's coverage cells, to the bit: on the 1% synthetic
// country (cells of hundreds of presences) every county's and prefecture unit's count, strength
// and first presences, and every province's count. Needs no Neo4j.
func TestCellsAreMemstoresCoverage(t *testing.T) {
	ctx := context.Background()
	ds, err := synth.Dataset(0.01)
	if err != nil {
		t.Fatal(err)
	}
	mem := memstore.New()
	if err := mem.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	snap, err := mem.View(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byUnit := map[string]map[string]*cell{}
	for _, c := range buildCells(ds) {
		if byUnit[c.unit] == nil {
			byUnit[c.unit] = map[string]*cell{}
		}
		byUnit[c.unit][c.link] = c
	}
	perLink := map[string]int{}
	for _, p := range ds.Presences {
		perLink[p.LinkID]++
	}
	checked, summed := 0, 0
	for _, r := range ds.Regions {
		if r.Level == graph.LevelProvince {
			for link, n := range perLink {
				if got := byUnit[r.ID][link]; got == nil || got.n != n {
					t.Errorf("province %s, link %s: cell %+v, want %d presences", r.ID, link, got, n)
				}
			}
			continue
		}
		level := graph.LevelCounty
		if r.PrefectureUnit {
			level = graph.LevelPrefecture
		}
		cov, err := snap.Coverage(ctx, graph.CoverageQuery{Scope: graph.Scope{RegionID: r.ID, Level: level}, MaxPresences: cellFirstPresences})
		if err != nil {
			t.Fatal(err)
		}
		want := cov.Cells[r.ID]
		if len(byUnit[r.ID]) != len(want) {
			t.Errorf("region %s: %d cells, memstore %d", r.ID, len(byUnit[r.ID]), len(want))
		}
		for link, w := range want {
			got := byUnit[r.ID][link]
			if got == nil {
				t.Errorf("region %s, link %s: no cell", r.ID, link)
				continue
			}
			var ids []string
			for _, f := range w.Presences {
				ids = append(ids, f.Presence.ID)
			}
			if got.n != w.Count || got.strength != w.Strength || !slices.Equal(got.first, ids) || got.chain != w.Presences[0].Link.ChainID {
				t.Errorf("region %s, link %s: cell %+v, memstore %d presences, strength %v, first %v", r.ID, link, got, w.Count, w.Strength, ids)
			}
			checked++
			if w.Count > cellFirstPresences {
				summed++
			}
		}
	}
	if summed == 0 {
		t.Errorf("of %d cells none has more than %d presences: the comparison proved little", checked, cellFirstPresences)
	}
}
