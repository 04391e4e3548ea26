package neo4jstore_test

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/graphtest"
	"github.com/chaingraph/chaingraph/graph/neo4jstore"
	"github.com/chaingraph/chaingraph/graph/neo4jstore/neo4jtest"
	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/seeds"
)

func seedsDataset(t *testing.T) *graph.Dataset {
	t.Helper()
	ds, err := loaders.Build(loaders.Source{Name: "seeds", FS: seeds.FS})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func names(t *testing.T, s graph.Reader) []graph.Named {
	t.Helper()
	ns, err := graphtest.View(t, s).Names(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ns
}

// While a load is writing, readers see the previous graph whole; after it, the new one.
func TestLoadIsInvisibleUntilItSwitches(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.Open(t)
	if err := s.Replace(ctx, graphtest.Fixture()); err != nil {
		t.Fatal(err)
	}
	fixtureNames := names(t, s)
	seeds := seedsDataset(t)
	var midway [][]graph.Named
	err := s.Load(ctx, seeds, neo4jstore.LoadOptions{BatchSize: 50, Progress: func(p neo4jstore.LoadProgress) {
		if p.Step == "regions" && p.StepDone == p.StepTotal || p.Step == "AT edges" && p.StepDone == p.StepTotal {
			midway = append(midway, names(t, s))
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(midway) != 2 {
		t.Fatalf("progress reached the two checkpoints %d times, want 2", len(midway))
	}
	for i, got := range midway {
		if diff := cmp.Diff(fixtureNames, got); diff != "" {
			t.Errorf("checkpoint %d: a reader saw a half-loaded graph (-fixture +seen):\n%s", i, diff)
		}
	}
	after := names(t, s)
	if len(after) <= len(fixtureNames) || after[0].ID == fixtureNames[0].ID && len(after) == len(fixtureNames) {
		t.Fatalf("after the load, readers still see the fixture (%d names)", len(after))
	}
	if !slices.ContainsFunc(after, func(n graph.Named) bool { return n.ID == "421088" || n.Code == "421088" }) {
		t.Errorf("after the load, 监利市 (421088) is not among the names")
	}
}

// A cancelled load leaves the old graph current; the next load deletes what it left.
func TestCancelledLoadLeavesOldGraphAndIsPrunedLater(t *testing.T) {
	s := neo4jtest.Open(t)
	if err := s.Replace(context.Background(), graphtest.Fixture()); err != nil {
		t.Fatal(err)
	}
	before := names(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	err := s.Load(ctx, seedsDataset(t), neo4jstore.LoadOptions{BatchSize: 20, Progress: func(p neo4jstore.LoadProgress) {
		if p.Step == "presences" {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled load returned %v, want context.Canceled", err)
	}
	if diff := cmp.Diff(before, names(t, s)); diff != "" {
		t.Fatalf("after a cancelled load readers see (-before +after):\n%s", diff)
	}
	current, present, err := s.Generations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(present) < 2 || !slices.Contains(present, current) {
		t.Fatalf("after a cancelled load: current %d, generations with nodes %v; want the current one and the partial one", current, present)
	}
	partial := slices.Max(present)

	if err := s.Replace(context.Background(), graphtest.Fixture()); err != nil {
		t.Fatal(err)
	}
	newCurrent, after, err := s.Generations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{current, newCurrent}; !slices.Equal(after, want) {
		t.Errorf("after the next load, generations with nodes %v, want %v (the partial %d deleted, the superseded one kept)", after, want, partial)
	}
	if diff := cmp.Diff(before, names(t, s)); diff != "" {
		t.Errorf("reloading the fixture changed its names (-before +after):\n%s", diff)
	}
}

// The naive loader (one row per transaction) and the batched one write the same graph, and
// progress runs to each step's total.
func TestNaiveAndBatchedLoadsWriteTheSameGraph(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.Open(t)
	ds := graphtest.Fixture()
	done := map[string][2]int{}
	var last neo4jstore.LoadProgress
	if err := s.Load(ctx, ds, neo4jstore.LoadOptions{BatchSize: 1, Progress: func(p neo4jstore.LoadProgress) {
		if prev := done[p.Step]; p.StepDone != prev[0]+1 || p.Done != last.Done+1 {
			t.Errorf("%s: progress went from %d (%d overall) to %d (%d) with batch size 1", p.Step, prev[0], last.Done, p.StepDone, p.Done)
		}
		done[p.Step] = [2]int{p.StepDone, p.StepTotal}
		last = p
	}}); err != nil {
		t.Fatal(err)
	}
	if last.Done != last.Total {
		t.Errorf("progress ended at %d of %d rows", last.Done, last.Total)
	}
	for step, d := range done {
		if d[0] != d[1] {
			t.Errorf("%s: progress ended at %d of %d", step, d[0], d[1])
		}
	}
	if done["presences"][1] != len(ds.Presences) || done["AT edges"][1] != len(ds.Presences) {
		t.Errorf("progress totals %v do not match the fixture's %d presences", done, len(ds.Presences))
	}
	naive := snapshot(t, s)
	if err := s.Load(ctx, ds, neo4jstore.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(naive, snapshot(t, s)); diff != "" {
		t.Errorf("batched load differs from naive (-naive +batched):\n%s", diff)
	}
}

// snapshot reads what the service shows of a store: names, every chain and every region.
func snapshot(t *testing.T, s graph.Reader) []any {
	t.Helper()
	ctx := context.Background()
	out := []any{names(t, s)}
	for _, n := range names(t, s) {
		switch n.Kind {
		case graph.NamedChain:
			c, err := graphtest.View(t, s).GetChain(ctx, n.ID)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, c)
		case graph.NamedRegion:
			r, err := graphtest.View(t, s).GetRegion(ctx, n.ID)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, r)
		}
	}
	return out
}

// cellsByGeneration counts the Cell nodes of each generation in the database.
func cellsByGeneration(t *testing.T, s *neo4jstore.Store) map[int64]int64 {
	t.Helper()
	rows, err := neo4jstore.RunForTest(context.Background(), s, `MATCH (c:Cell) RETURN c.gen AS gen, count(*) AS n`, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]int64{}
	for _, r := range rows {
		out[r["gen"].(int64)] = r["n"].(int64)
	}
	return out
}

// wantCells is how many (region, link) pairs have a presence of the link at the region or below.
func wantCells(ds *graph.Dataset) int64 {
	parent := map[string]string{}
	for _, r := range ds.Regions {
		parent[r.ID] = r.ParentID
	}
	pairs := map[[2]string]bool{}
	for _, p := range ds.Presences {
		for r := p.RegionID; r != ""; r = parent[r] {
			pairs[[2]string{r, p.LinkID}] = true
		}
	}
	return int64(len(pairs))
}

// Each load writes its generation's cells; the count check refuses a generation with a cell
// too many, and the next load deletes cells with their generation.
func TestLoadWritesChecksAndPrunesCells(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.Open(t)
	fixture, seeds := graphtest.Fixture(), seedsDataset(t)
	for _, ds := range []*graph.Dataset{fixture, seeds, fixture} {
		if err := s.Replace(ctx, ds); err != nil {
			t.Fatal(err)
		}
	}
	current, present, err := s.Generations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(present) != 2 || present[1] != current {
		t.Fatalf("generations with nodes %v (current %d), want the superseded one and the current one", present, current)
	}
	want := map[int64]int64{present[0]: wantCells(seeds), current: wantCells(fixture)}
	if got := cellsByGeneration(t, s); !maps.Equal(got, want) {
		t.Fatalf("cells by generation %v, want %v (seeds, then fixture; earlier ones deleted)", got, want)
	}

	// A cell that is not the dataset's, written into the new generation while it loads.
	var strayErr error
	err = s.Load(ctx, fixture, neo4jstore.LoadOptions{BatchSize: 5, Progress: func(p neo4jstore.LoadProgress) {
		if p.Step == "regions" && p.StepDone == p.StepTotal {
			_, strayErr = neo4jstore.RunForTest(ctx, s, `MATCH (d:Dataset {name: 'chaingraph'})
CREATE (:Cell {gen: d.last, unit: 'stray', chain: 'stray', link: 'stray', n: 1, strength: 1.0, first: ['stray'], first_max: 5})`, nil)
		}
	}})
	if strayErr != nil {
		t.Fatal(strayErr)
	}
	if err == nil || !strings.Contains(err.Error(), "cells") {
		t.Fatalf("a load whose generation holds a stray cell returned %v, want the count check's refusal", err)
	}
	if now, _, err := s.Generations(ctx); err != nil || now != current {
		t.Fatalf("after the refused load the current generation is %d (%v), want %d", now, err, current)
	}

	if err := s.Replace(ctx, fixture); err != nil {
		t.Fatal(err)
	}
	newCurrent, _, err := s.Generations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want = map[int64]int64{current: wantCells(fixture), newCurrent: wantCells(fixture)}
	if got := cellsByGeneration(t, s); !maps.Equal(got, want) {
		t.Errorf("after the next load, cells by generation %v, want %v (the refused one's deleted, stray cell too)", got, want)
	}
}
