package neo4jstore_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/graphtest"
	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/graph/neo4jstore"
	"github.com/chaingraph/chaingraph/graph/neo4jstore/neo4jtest"
)

// cellQueries are the coverages the cell tests ask: every chain and one, both levels, the
// whole seed province.
func cellQueries() []graph.CoverageQuery {
	var out []graph.CoverageQuery
	for _, chain := range []string{"", "nev"} {
		for _, level := range []graph.Level{graph.LevelPrefecture, graph.LevelCounty} {
			out = append(out, graph.CoverageQuery{ChainID: chain, Scope: graph.Scope{RegionID: "cn-420000", Level: level}})
		}
	}
	return out
}

// loadSeedsInBoth loads the seeds, with one county crowded (the seeds have no unit with more
// presences of a link than the cells keep), into Neo4j and memstore and returns the Neo4j
// store, memstore's view and the generation loaded.
func loadSeedsInBoth(t *testing.T) (*neo4jstore.Store, graph.Snapshot, int64) {
	t.Helper()
	ctx := context.Background()
	ds := seedsDataset(t)
	p := ds.Presences[0]
	for i := range 2 * neo4jstore.CellFirstPresences {
		crowd := p
		crowd.ID = fmt.Sprintf("%s-crowd-%02d", p.ID, i)
		crowd.Strength = p.Strength + 0.1*float64(i)
		ds.Presences = append(ds.Presences, crowd)
	}
	neoStore := neo4jtest.Open(t)
	memStore := memstore.New()
	for _, s := range []graph.Store{neoStore, memStore} {
		if err := s.Replace(ctx, ds); err != nil {
			t.Fatal(err)
		}
	}
	current, _, err := neoStore.Generations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return neoStore, graphtest.View(t, memStore), current
}

// Alterations of a generation's cells ($gen), each returning how many it changed.
const (
	// reverse() refuses a stored list in Neo4j 5.26 ("Expected a string or a list"): index it.
	shiftAndReverseCells = `MATCH (c:Cell) WHERE c.gen = $gen
SET c.n = c.n + 1000, c.certain = c.certain + 1000, c.strength = c.strength + 0.5, c.first = [i IN range(size(c.first) - 1, 0, -1) | c.first[i]]
RETURN count(c) AS n`
	shrinkCells = `MATCH (c:Cell) WHERE c.gen = $gen SET c.first_max = 2, c.n = c.n + 1000 RETURN count(c) AS n`
	deleteCells = `MATCH (c:Cell) WHERE c.gen = $gen DETACH DELETE c RETURN count(*) AS n`
)

// alterCells runs one of the alterations on the generation's cells.
func alterCells(t *testing.T, s *neo4jstore.Store, gen int64, alteration string) {
	t.Helper()
	rows, err := neo4jstore.RunForTest(context.Background(), s, alteration, map[string]any{"gen": gen})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := rows[0]["n"].(int64); n == 0 {
		t.Fatalf("generation %d has no cells to alter", gen)
	}
}

// withCells is cov listing max presences per cell, each cell changed by change.
func withCells(cov *graph.Coverage, max int, change func(graph.Cell) graph.Cell) *graph.Coverage {
	out := &graph.Coverage{Units: cov.Units, Links: cov.Links, Cells: map[string]map[string]graph.Cell{}, MaxPresences: max}
	for unit, cells := range cov.Cells {
		out.Cells[unit] = map[string]graph.Cell{}
		for link, c := range cells {
			c.Presences = slices.Clone(c.Presences)
			out.Cells[unit][link] = change(c)
		}
	}
	return out
}

// Coverage listing 1..K presences per cell is answered from the cells the load wrote: after
// they are altered in the database the answers show the alteration, while answers listing
// every presence or K+1, which read the presences, stay memstore's.
func TestCoverageListingFewPresencesReadsCells(t *testing.T) {
	ctx := context.Background()
	neoStore, mem, gen := loadSeedsInBoth(t)
	neo := graphtest.View(t, neoStore)
	same := sameAsMemstore(t)
	k := neo4jstore.CellFirstPresences
	truncated := 0
	for _, q := range cellQueries() {
		for max := 0; max <= k+1; max++ {
			q.MaxPresences = max
			want, err := mem.Coverage(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			got, err := neo.Coverage(ctx, q)
			if err != nil {
				t.Fatalf("%+v: %v", q, err)
			}
			same(fmt.Sprintf("before altering the cells, Coverage %+v", q), want, got)
			for _, cells := range want.Cells {
				for _, c := range cells {
					if max == k && c.Count > k {
						truncated++
					}
				}
			}
		}
	}
	if truncated == 0 {
		t.Error("no cell holds more presences than the cells keep: the test proves little")
	}

	alterCells(t, neoStore, gen, shiftAndReverseCells)
	neo = graphtest.View(t, neoStore)
	for _, q := range cellQueries() {
		q.MaxPresences = k
		wantK, err := mem.Coverage(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for max := 0; max <= k+1; max++ {
			q.MaxPresences = max
			want := withCells(wantK, max, func(c graph.Cell) graph.Cell { // as shiftAndReverseCells alters them
				slices.Reverse(c.Presences)
				return graph.Cell{Count: c.Count + 1000, Certain: c.Certain + 1000, Strength: c.Strength + 0.5, Presences: c.Presences[:min(max, len(c.Presences))]}
			})
			if max == 0 || max > k {
				if want, err = mem.Coverage(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
			got, err := neo.Coverage(ctx, q)
			if err != nil {
				t.Fatalf("%+v: %v", q, err)
			}
			same(fmt.Sprintf("after altering the cells, Coverage %+v (want the cells' answer for 1..%d presences, the presences' otherwise)", q, k), want, got)
		}
	}
}

// A generation's cells are read only for as many presences as they keep (first_max), and a
// generation without cells (an older loader's) is answered from its presences.
func TestCoverageReadsCellsOnlyAsFarAsTheyGo(t *testing.T) {
	ctx := context.Background()
	neoStore, mem, gen := loadSeedsInBoth(t)
	// Before any read, so the generation is first seen with the altered cells.
	alterCells(t, neoStore, gen, shrinkCells)
	neo := graphtest.View(t, neoStore)
	same := sameAsMemstore(t)
	for _, q := range cellQueries() {
		for _, max := range []int{1, 2, 3} {
			q.MaxPresences = max
			want, err := mem.Coverage(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if max <= 2 {
				want = withCells(want, max, func(c graph.Cell) graph.Cell { c.Count += 1000; return c })
			}
			got, err := neo.Coverage(ctx, q)
			if err != nil {
				t.Fatalf("%+v: %v", q, err)
			}
			same(fmt.Sprintf("cells keeping 2 presences, Coverage %+v", q), want, got)
		}
	}

	neoStore, mem, gen = loadSeedsInBoth(t)
	alterCells(t, neoStore, gen, deleteCells)
	neo = graphtest.View(t, neoStore)
	for _, q := range cellQueries() {
		for _, max := range []int{graph.NoPresences, 0, 1, neo4jstore.CellFirstPresences} {
			q.MaxPresences = max
			want, err := mem.Coverage(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			got, err := neo.Coverage(ctx, q)
			if err != nil {
				t.Fatalf("%+v: %v", q, err)
			}
			same(fmt.Sprintf("a generation without cells, Coverage %+v", q), want, got)
		}
	}
}
