package neo4jstore_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/graph/neo4jstore"
	"github.com/chaingraph/chaingraph/graph/neo4jstore/neo4jtest"
	"github.com/chaingraph/chaingraph/loaders/synth"
)

// failMargin is what the failure-latency bounds below allow on top of the stated ones: the
// test shares 2 cores with a JVM that is starting or dying.
const failMargin = time.Second

// Neo4j killed (kill -9) under one store: mid-load, then mid-query. After each kill nothing
// half-written is visible, calls fail with graph.ErrUnavailable within the stated bounds
// (store.go, retry.go), and once Neo4j is back on its data the same Store answers again, with
// what it held before the kill: the previous generation after the killed load, the full new
// one after a reload.
func TestNeo4jKilledMidLoadAndMidQuery(t *testing.T) {
	ctx := context.Background()
	srv := neo4jtest.StartPrivate(t)
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: srv.URI})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	previous := seedsDataset(t)
	next, err := synth.Dataset(0.01)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Replace(ctx, previous); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, s)
	oldCurrent, _, err := s.Generations(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// Killed mid-load: the Progress callback holds the load halfway while Neo4j is killed.
	halfway, killed := make(chan struct{}), make(chan struct{})
	var once sync.Once
	loadErr := make(chan error, 1)
	go func() {
		loadErr <- s.Load(ctx, next, neo4jstore.LoadOptions{BatchSize: 100, Progress: func(p neo4jstore.LoadProgress) {
			if 2*p.Done >= p.Total {
				once.Do(func() { close(halfway); <-killed })
			}
		}})
	}()
	select {
	case <-halfway:
	case err := <-loadErr:
		t.Fatalf("the load ended before it was halfway: %v", err)
	}
	killedAt := srv.Kill(t)
	close(killed)
	err = <-loadErr
	took := time.Since(killedAt)
	t.Logf("killed mid-load: the load failed %s after the kill: %v", took.Round(time.Millisecond), err)
	if !errors.Is(err, graph.ErrUnavailable) {
		t.Fatalf("a load whose Neo4j was killed returned %v, want graph.ErrUnavailable", err)
	}
	if limit := neo4jstore.MaxRetryTime + failMargin; took > limit {
		t.Errorf("the load failed %s after the kill, want within %s", took, limit)
	}

	checkDown(t, s)

	srv.Resume(t)
	recovered := waitForView(t, s)
	t.Logf("after the kill mid-load: first answer %s after Neo4j was back", recovered.Round(time.Millisecond))
	if diff := cmp.Diff(before, snapshot(t, s)); diff != "" {
		t.Fatalf("after a kill mid-load readers see (-previous generation +seen):\n%s", diff)
	}
	current, present, err := s.Generations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if current != oldCurrent || len(present) == 0 || slices.Max(present) <= current {
		t.Fatalf("after the kill: current generation %d, generations with nodes %v; want %d current and the killed load's part kept, unseen",
			current, present, oldCurrent)
	}
	if err := s.Replace(ctx, next); err != nil {
		t.Fatal(err)
	}
	oracle := memstore.New()
	if err := oracle.Replace(ctx, next); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, oracle)
	if diff := cmp.Diff(want, snapshot(t, s)); diff != "" {
		t.Fatalf("after the reload (-memstore +neo4j):\n%s", diff)
	}

	// Killed mid-query: a slow read runs when Neo4j is killed.
	const marker = "slow read for the fault test"
	slowErr := make(chan error, 1)
	go func() {
		_, err := neo4jstore.ReadForTest(ctx, s, `UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 0
RETURN count(*) AS n, '`+marker+`' AS marker`)
		slowErr <- err
	}()
	waitForQuery(t, s, marker, slowErr)
	killedAt = srv.Kill(t)
	err = <-slowErr
	took = time.Since(killedAt)
	t.Logf("killed mid-query: the read failed %s after the kill: %v", took.Round(time.Millisecond), err)
	if !errors.Is(err, graph.ErrUnavailable) {
		t.Fatalf("a read whose Neo4j was killed returned %v, want graph.ErrUnavailable", err)
	}
	if limit := neo4jstore.MaxRetryTime + failMargin; took > limit {
		t.Errorf("the read failed %s after the kill, want within %s", took, limit)
	}
	srv.Resume(t)
	recovered = waitForView(t, s)
	t.Logf("after the kill mid-query: first answer %s after Neo4j was back", recovered.Round(time.Millisecond))
	if diff := cmp.Diff(want, snapshot(t, s)); diff != "" {
		t.Fatalf("after a kill mid-query (-memstore +neo4j):\n%s", diff)
	}
}

// checkDown asks a store whose Neo4j is down: every call fails with graph.ErrUnavailable, one
// with a deadline within half of it, one without within MaxRetryTime.
func checkDown(t *testing.T, s *neo4jstore.Store) {
	t.Helper()
	for _, deadline := range []time.Duration{2 * time.Second, 30 * time.Second, 0} {
		ctx, cancel := context.Background(), context.CancelFunc(func() {})
		limit := neo4jstore.MaxRetryTime + failMargin
		if deadline > 0 {
			ctx, cancel = context.WithTimeout(ctx, deadline)
			limit = min(limit, deadline/2+failMargin/2)
		}
		start := time.Now()
		_, err := s.View(ctx)
		took := time.Since(start)
		cancel()
		t.Logf("Neo4j down: View with deadline %s failed after %s: %v", deadline, took.Round(time.Millisecond), err)
		if !errors.Is(err, graph.ErrUnavailable) || took > limit {
			t.Errorf("Neo4j down: View with deadline %s returned %v after %s, want graph.ErrUnavailable within %s", deadline, err, took, limit)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	err := s.Ping(ctx)
	if took := time.Since(start); !errors.Is(err, graph.ErrUnavailable) || took > failMargin {
		t.Errorf("Neo4j down: Ping returned %v after %s, want graph.ErrUnavailable within %s", err, took, failMargin)
	}
}

// waitForView returns how long the store took to answer View again once Neo4j is back.
func waitForView(t *testing.T, s *neo4jstore.Store) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		_, err := s.View(context.Background())
		if err == nil {
			return time.Since(start)
		}
		t.Logf("Neo4j back, View after %s: %v", time.Since(start).Round(time.Millisecond), err)
		if !errors.Is(err, graph.ErrUnavailable) || time.Since(start) > 30*time.Second {
			t.Fatalf("the store does not answer %s after Neo4j was back: %v", time.Since(start), err)
		}
	}
}

// waitForQuery waits until Neo4j runs a query whose text contains marker.
func waitForQuery(t *testing.T, s *neo4jstore.Store, marker string, ended <-chan error) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		select {
		case err := <-ended:
			t.Fatalf("the slow read ended before Neo4j was killed: %v", err)
		default:
		}
		// The marker is a parameter, so this query's own text does not match.
		rows, err := neo4jstore.RunForTest(context.Background(), s,
			`SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $marker RETURN count(*) AS n`, map[string]any{"marker": marker})
		if err != nil {
			t.Fatal(err)
		}
		if rows[0]["n"].(int64) > 0 {
			return
		}
	}
	t.Fatal("the slow read did not start within 30 s")
}
