package neo4jstore_test

import (
	"context"
	"errors"
	"slices"
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
