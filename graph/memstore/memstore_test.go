package memstore_test

import (
	"context"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/graphtest"
	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/loaders/synth"
	"github.com/chaingraph/chaingraph/seeds"
)

func TestConformance(t *testing.T) {
	graphtest.Run(t, func(t *testing.T) graph.Store { return memstore.New() })
}

// A memoised 补链 answer lasts only as long as its snapshot: after Replace the question is
// answered from the new data.
func TestMemoisedAnswerDoesNotOutliveReplace(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	ds := graphtest.Fixture()
	if err := s.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	q := graph.LackingQuery{LinkID: "t-cell", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3}
	first, err := graphtest.View(t, s).LackingRegions(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) == 0 {
		t.Fatal("the fixture has no county lacking t-cell; the test needs one")
	}
	again, _ := graphtest.View(t, s).LackingRegions(ctx, q)
	if diff := cmp.Diff(first, again); diff != "" {
		t.Fatalf("asking twice gave different answers:\n%s", diff)
	}
	filled := first[0].Region.ID
	ds = graphtest.Fixture()
	ds.Presences = append(ds.Presences, graph.Presence{ID: "filled", RegionID: filled, LinkID: "t-cell", Strength: 1, Status: graph.StatusExisting,
		Evidence: graph.Evidence{Kind: graph.EvidenceDomain, Reason: "test: the gap is filled"}})
	if err := s.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	after, err := graphtest.View(t, s).LackingRegions(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range after {
		if r.Region.ID == filled {
			t.Errorf("%s still lacks t-cell after Replace gave it a presence: a stale memo", filled)
		}
	}
}

// Coverages that list a few presences per cell come from the cells kept with the snapshot;
// the others walk the presences. Both must give the same answer: the walk, cut to the first k.
func TestStoredCellsEqualTheWalk(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := synth.Write(dir, 0.01); err != nil {
		t.Fatal(err)
	}
	ds, err := loaders.Build(loaders.Source{Name: "seeds", FS: seeds.FS}, loaders.Source{Name: "synthetic", FS: os.DirFS(dir)})
	if err != nil {
		t.Fatal(err)
	}
	s := memstore.New()
	if err := s.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	snap := graphtest.View(t, s)
	scopes := []graph.Scope{
		{RegionID: "cn-900000", Level: graph.LevelPrefecture}, {RegionID: "cn-900000", Level: graph.LevelCounty},
		{RegionID: "cn-900100", Level: graph.LevelPrefecture}, {RegionID: "cn-900101", Level: graph.LevelCounty},
		{RegionID: "cn-420000", Level: graph.LevelPrefecture}, {BeltID: "belt-xiang-shi-sui-auto", Level: graph.LevelCounty},
	}
	cut := 0
	for _, sc := range scopes {
		for _, chain := range []string{"", "syn-c01", "nev"} {
			all, err := snap.Coverage(ctx, graph.CoverageQuery{ChainID: chain, Scope: sc})
			if err != nil {
				t.Fatal(err)
			}
			for k := 1; k <= 5; k++ {
				got, err := snap.Coverage(ctx, graph.CoverageQuery{ChainID: chain, Scope: sc, MaxPresences: k})
				if err != nil {
					t.Fatal(err)
				}
				want := *all
				want.MaxPresences, want.Cells = k, map[string]map[string]graph.Cell{}
				for u, byLink := range all.Cells {
					want.Cells[u] = map[string]graph.Cell{}
					for l, c := range byLink {
						if len(c.Presences) > k {
							c.Presences = c.Presences[:k]
							cut++
						}
						want.Cells[u][l] = c
					}
				}
				if diff := cmp.Diff(&want, got); diff != "" {
					t.Fatalf("%+v chain %q, %d presences per cell (-walk +stored):\n%s", sc, chain, k, diff)
				}
			}
		}
	}
	if cut == 0 {
		t.Fatal("no cell had more presences than it listed: the test needs bigger cells")
	}
}
