package neo4jstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/graphtest"
	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/graph/neo4jstore/neo4jtest"
)

// A FEEDS graph as dense and cyclic as an input–output table (335 links, 5,256 edges, random:
// one strongly connected component, many reciprocal pairs) answers 补链 as memstore does, in
// time: Cypher's ALL SHORTEST over FEEDS{1,8} searched it for minutes and outlived its
// transaction's timeout, so each question here has a minute.
func TestDenseCyclicFeedsAgreeWithMemstore(t *testing.T) {
	ctx := context.Background()
	ds := graphtest.CyclicFixture()
	ev := graph.Evidence{Kind: graph.EvidenceDomain, Reason: "dense cyclic test graph", Origin: "dense:1"}
	const n, m = 335, 5256
	for i := 0; i < n; i++ {
		ds.Links = append(ds.Links, graph.Link{ID: fmt.Sprintf("k%03d", i), ChainID: "c", Name: fmt.Sprintf("链环%03d", i), Stage: graph.StageMidstream, Evidence: ev})
	}
	seed := uint64(7)
	rnd := func() int { seed = seed*6364136223846793005 + 1442695040888963407; return int(seed >> 33) }
	have := map[[2]int]bool{}
	for len(have) < m {
		a, b := rnd()%n, rnd()%n
		if a == b || have[[2]int{a, b}] {
			continue
		}
		have[[2]int{a, b}] = true
		ds.Feeds = append(ds.Feeds, graph.Feed{From: fmt.Sprintf("k%03d", a), To: fmt.Sprintf("k%03d", b), Evidence: ev})
	}
	counties := []string{"990101", "990102", "990201", "990202", "990301"}
	for i := 0; i < 200; i++ {
		ds.Presences = append(ds.Presences, graph.Presence{ID: fmt.Sprintf("z%03d", i), RegionID: "cn-" + counties[i%5], LinkID: fmt.Sprintf("k%03d", rnd()%n), Strength: 1, Status: graph.StatusExisting, Evidence: ev})
	}
	neo, mem := neo4jtest.Open(t), memstore.New()
	for _, s := range []graph.Store{neo, mem} {
		if err := s.Replace(ctx, ds); err != nil {
			t.Fatal(err)
		}
	}
	for _, link := range []string{"k000", "k100", "k334"} {
		for _, depth := range []int{2, graph.MaxFeedDepth} {
			q := graph.LackingQuery{LinkID: link, Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: depth, MaxSuppliers: 3}
			var got [2][]string
			for i, s := range []graph.Store{mem, neo} {
				ctx, cancel := context.WithTimeout(ctx, time.Minute)
				snap, err := s.View(ctx)
				if err != nil {
					t.Fatal(err)
				}
				rows, err := snap.LackingRegions(ctx, q)
				cancel()
				if err != nil {
					t.Fatalf("%s depth %d: %v", link, depth, err)
				}
				got[i] = graphtest.Summarize(rows)
			}
			if len(got[0]) == 0 {
				t.Errorf("%s depth %d: no lacking region; the test asks nothing", link, depth)
			}
			if diff := cmp.Diff(got[0], got[1]); diff != "" {
				t.Errorf("%s depth %d (-memstore +neo4j):\n%s", link, depth, diff)
			}
		}
	}
}
