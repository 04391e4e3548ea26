package memstore_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/graphtest"
	"github.com/chaingraph/chaingraph/graph/memstore"
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
	ds.Presences = append(ds.Presences, graph.Presence{ID: "filled", RegionID: filled, LinkID: "t-cell", Strength: 1,
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
