package neo4jstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/chaingraph/chaingraph/graph"
)

// DefaultBatchSize is the number of rows per UNWIND transaction. On the 10% synthetic dataset
// (350k rows, one writer) 1,000 and 5,000 rows per transaction both loaded in 35 s and 250 in
// 54 s; 1,000 keeps each transaction's state small.
const DefaultBatchSize = 1000

// pruneBatch is the number of stale nodes deleted per transaction.
const pruneBatch = 10000

// LoadOptions tunes Load.
type LoadOptions struct {
	// BatchSize is the number of rows written per transaction; DefaultBatchSize when 0. One is
	// the naive loader (one row per transaction), kept as the benchmark's baseline.
	BatchSize int
	// Workers is the number of batches written at once; DefaultWorkers when 0. Steps stay in
	// order (every node before any relationship): only the batches of one step overlap.
	Workers int
	// Progress, when set, is called after each committed batch, from one goroutine at a time.
	Progress func(LoadProgress)
}

// DefaultWorkers is the number of concurrent write transactions. On the 2-core benchmark
// machine the 10% dataset loaded in 30.7 s with 1, 17.7 s with 2 and 15.4 s with 4: while
// Neo4j commits one batch the others are being sent and planned.
const DefaultWorkers = 4

// LoadProgress says how far a load has got. A row is one node or one edge.
type LoadProgress struct {
	Step                string // "regions", "AT edges", …
	StepDone, StepTotal int    // rows of this step written, and its total
	Done, Total         int    // rows of the whole load written, and its total
}

// Replace implements graph.Writer with Load's defaults.
func (s *Store) Replace(ctx context.Context, ds *graph.Dataset) error {
	return s.Load(ctx, ds, LoadOptions{})
}

// Load writes ds as a new generation of the graph and then makes it the current one:
//
//  1. claim a generation number (one past the last claimed);
//  2. delete what earlier loads left behind: every generation except the current one. This
//     runs alongside step 3: the two touch disjoint nodes, and deleting a generation is a
//     quarter of a small load's time;
//  3. write every kind of node, then each kind of relationship in turn (see writePhase), in
//     batches of BatchSize rows, one transaction per batch (retry-safe: nodes and edges are
//     MERGEd on their keys). The nodes include the generation's cells, computed here from ds
//     (see buildCells), which coverage reads instead of presences;
//  4. once both are done, check that the new generation holds exactly the dataset's nodes
//     and edges;
//  5. switch the current generation in one small transaction.
//
// Every read transaction starts by reading the current generation and only looks at nodes of
// it, so readers see the old graph until step 5 and the new one after, never a
// part. A load that fails or is cancelled leaves the old graph current; its partial
// generation is deleted by the next load. The superseded generation stays until the next load
// too, so no read that began before the switch can lose nodes under it.
//
// One load at a time: a load that claimed a generation after this one makes this one's switch
// fail rather than go live over it.
func (s *Store) Load(ctx context.Context, ds *graph.Dataset, opt LoadOptions) error {
	if err := ds.Validate(); err != nil {
		return err
	}
	batch := opt.BatchSize
	if batch <= 0 {
		batch = DefaultBatchSize
	}
	gen, current, err := s.claimGeneration(ctx)
	if err != nil {
		return translate(fmt.Errorf("claiming a generation: %w", err))
	}
	writeCtx, cancelWrites := context.WithCancel(ctx)
	defer cancelWrites()
	pruned := make(chan error, 1)
	go func() { pruned <- s.prune(writeCtx, current, gen) }()
	steps := buildSteps(ds)
	w := &batchWriter{store: s, gen: gen, batch: batch, workers: opt.Workers, progress: opt.Progress}
	if w.workers <= 0 {
		w.workers = DefaultWorkers
	}
	if batch == 1 {
		w.workers = 1 // the naive baseline is one writer, one row per transaction
	}
	for _, st := range steps {
		w.total += len(st.rows)
	}
	var writeErr error
	for _, phase := range phases(steps) {
		if writeErr = w.writePhase(writeCtx, phase); writeErr != nil {
			cancelWrites() // stop the deletion too: the load has failed
			break
		}
	}
	pruneErr := <-pruned // never return while the deletion still runs
	if writeErr != nil {
		return translate(writeErr)
	}
	if pruneErr != nil {
		return translate(fmt.Errorf("deleting earlier loads' leftovers: %w", pruneErr))
	}
	if err := s.checkGeneration(ctx, gen, steps); err != nil {
		return translate(err)
	}
	if err := s.switchGeneration(ctx, gen); err != nil {
		return translate(fmt.Errorf("switching to the new graph: %w", err))
	}
	return nil
}

// batchWriter writes the steps of one load.
type batchWriter struct {
	store    *Store
	gen      int64
	batch    int
	workers  int
	progress func(LoadProgress)

	mu          sync.Mutex // guards what follows and serialises progress calls
	total, done int
}

// writePhase writes the rows of its steps in batches, w.workers transactions at a time, the
// steps' batches in order. Load writes every node step in one phase (new nodes of different
// kinds share no lock) and each relationship step in a phase of its own. A relationship
// step's rows are ordered by the node most of them share, so batches running together touch
// disjoint runs of nodes except at their edges: they rarely wait for each other's locks and
// cannot deadlock.
func (w *batchWriter) writePhase(ctx context.Context, steps []step) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type batch struct {
		step       int
		start, end int
	}
	stepDone := make([]int, len(steps))
	batches := make(chan batch)
	errs := make(chan error, w.workers)
	var wg sync.WaitGroup
	for range w.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range batches {
				st := steps[b.step]
				params := map[string]any{"rows": st.rows[b.start:b.end], "gen": w.gen}
				if err := w.store.write(ctx, st.cypher, params); err != nil {
					errs <- fmt.Errorf("writing %s (rows %d-%d of %d): %w", st.what, b.start+1, b.end, len(st.rows), err)
					cancel()
					return
				}
				w.mu.Lock()
				w.done += b.end - b.start
				stepDone[b.step] += b.end - b.start
				if w.progress != nil {
					w.progress(LoadProgress{Step: st.what, StepDone: stepDone[b.step], StepTotal: len(st.rows), Done: w.done, Total: w.total})
				}
				w.mu.Unlock()
			}
		}()
	}
feed:
	for i, st := range steps {
		for start := 0; start < len(st.rows); start += w.batch {
			select {
			case batches <- batch{step: i, start: start, end: min(start+w.batch, len(st.rows))}:
			case <-ctx.Done():
				break feed
			}
		}
	}
	close(batches)
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	return ctx.Err()
}

// write runs one statement in its own managed write transaction.
func (s *Store) write(ctx context.Context, cypher string, params map[string]any) error {
	_, err := s.execute(ctx, cypher, params, neo4j.ExecuteQueryWithWritersRouting())
	return err
}

func (s *Store) claimGeneration(ctx context.Context) (gen, current int64, err error) {
	res, err := s.execute(ctx, claimGeneration, nil, neo4j.ExecuteQueryWithWritersRouting())
	if err != nil {
		return 0, 0, err
	}
	if len(res.Records) != 1 {
		return 0, 0, fmt.Errorf("claiming a generation returned %d rows", len(res.Records))
	}
	rec := res.Records[0]
	gen, _, err = neo4j.GetRecordValue[int64](rec, "gen")
	if err != nil {
		return 0, 0, err
	}
	current, _, err = neo4j.GetRecordValue[int64](rec, "current")
	return gen, current, err
}

// prune deletes every node of a generation other than current and keep, a batch at a time.
func (s *Store) prune(ctx context.Context, current, keep int64) error {
	res, err := s.execute(ctx, staleGenerations, map[string]any{"current": current, "keep": keep}, neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return err
	}
	for _, rec := range res.Records {
		stale, _, err := neo4j.GetRecordValue[int64](rec, "gen")
		if err != nil {
			return err
		}
		for _, label := range nodeLabels {
			for {
				res, err := s.execute(ctx, pruneStatements[label], map[string]any{"stale": stale, "limit": int64(pruneBatch)},
					neo4j.ExecuteQueryWithWritersRouting())
				if err != nil {
					return fmt.Errorf("generation %d, %s: %w", stale, label, err)
				}
				deleted, _, err := neo4j.GetRecordValue[int64](res.Records[0], "deleted")
				if err != nil {
					return err
				}
				if deleted < pruneBatch {
					break
				}
			}
		}
	}
	return nil
}

// checkGeneration compares the new generation's node and edge counts with the dataset's.
func (s *Store) checkGeneration(ctx context.Context, gen int64, steps []step) error {
	res, err := s.execute(ctx, countGeneration, map[string]any{"gen": gen}, neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return fmt.Errorf("counting the new graph: %w", err)
	}
	got := map[string]int64{}
	for _, rec := range res.Records {
		what, _, err := neo4j.GetRecordValue[string](rec, "what")
		if err != nil {
			return err
		}
		n, _, err := neo4j.GetRecordValue[int64](rec, "n")
		if err != nil {
			return err
		}
		got[what] = n
	}
	for _, st := range steps {
		if want := int64(st.count); got[st.what] != want {
			return fmt.Errorf("the new graph has %d %s, the dataset %d: not switching to it (was another load running?)", got[st.what], st.what, want)
		}
	}
	return nil
}

func (s *Store) switchGeneration(ctx context.Context, gen int64) error {
	res, err := s.execute(ctx, switchGeneration, map[string]any{"gen": gen}, neo4j.ExecuteQueryWithWritersRouting())
	if err != nil {
		return err
	}
	if len(res.Records) != 1 {
		return fmt.Errorf("generation %d is no longer the last claimed: another load started after this one", gen)
	}
	return nil
}

// step is one kind of node or edge: its statement, its rows in write order, and how many
// nodes or edges of it the new generation must hold.
type step struct {
	what   string
	cypher string
	rows   []any
	count  int
	nodes  bool // a node step (see phases)
}

func rowsStep(what, cypher string, rows []any) step {
	return step{what: what, cypher: cypher, rows: rows, count: len(rows)}
}

func nodeStep(what, cypher string, rows []any) step {
	st := rowsStep(what, cypher, rows)
	st.nodes = true
	return st
}

// phases groups the node steps into one phase and gives each relationship step its own (see
// writePhase); every node step must come before any relationship step.
func phases(steps []step) [][]step {
	var out [][]step
	for i, st := range steps {
		if st.nodes && i > 0 && steps[i-1].nodes {
			out[len(out)-1] = append(out[len(out)-1], st)
			continue
		}
		out = append(out, []step{st})
	}
	return out
}

// buildSteps turns a dataset into write steps: every node kind before any relationship, and
// each relationship step's rows ordered by the node most of them share (its region or link),
// so a batch locks a run of neighbouring nodes once instead of the same hot nodes in every
// batch.
func buildSteps(ds *graph.Dataset) []step {
	var regions, chains, links, hasLink, feeds, presences []any
	var partOf, borders, at, of []keyedRow
	for _, r := range ds.Regions {
		regions = append(regions, regionProps(r))
		if r.ParentID != "" {
			partOf = append(partOf, keyedRow{r.ParentID, map[string]any{"id": r.ID, "parent_id": r.ParentID}})
		}
	}
	for _, b := range ds.Borders {
		borders = append(borders, keyedRow{b.A, map[string]any{"a": b.A, "b": b.B, "props": evidenceProps(map[string]any{"km": b.LengthKM}, b.Evidence)}})
	}
	for _, c := range ds.Chains {
		chains = append(chains, chainProps(c))
	}
	for _, l := range ds.Links {
		links = append(links, linkProps(l))
		hasLink = append(hasLink, map[string]any{"chain_id": l.ChainID, "id": l.ID})
	}
	for _, f := range ds.Feeds {
		feeds = append(feeds, map[string]any{"from": f.From, "to": f.To, "props": evidenceProps(map[string]any{}, f.Evidence)})
	}
	for _, p := range ds.Presences {
		presences = append(presences, presenceProps(p))
		at = append(at, keyedRow{p.RegionID, map[string]any{"id": p.ID, "region_id": p.RegionID}})
		of = append(of, keyedRow{p.LinkID, map[string]any{"id": p.ID, "link_id": p.LinkID}})
	}

	var chainFacts, chainFactAt, chainFactOf []any
	for _, f := range ds.ChainFacts {
		chainFacts = append(chainFacts, chainFactProps(f))
		chainFactAt = append(chainFactAt, map[string]any{"id": f.ID, "region_id": f.RegionID})
		chainFactOf = append(chainFactOf, map[string]any{"id": f.ID, "chain_id": f.ChainID})
	}

	var clusterCounts []any
	for _, c := range ds.ClusterCounts {
		clusterCounts = append(clusterCounts, evidenceProps(map[string]any{
			"id": c.RegionID + "|" + c.Programme + "|" + fmt.Sprint(c.Year), "region_id": c.RegionID, "programme": c.Programme,
			"year": int64(c.Year), "count": int64(c.Count),
		}, c.Evidence))
	}

	var cells []any
	for _, c := range buildCells(ds) {
		cells = append(cells, cellProps(c))
	}

	var belts, members, targets, focus []any
	for _, b := range ds.Belts {
		belts = append(belts, evidenceProps(map[string]any{"id": b.ID, "name": b.Name, "kind": b.Kind, "chain_ids": strs(b.ChainIDs), "aliases": strs(b.Aliases)}, b.Evidence))
		for _, c := range b.ChainIDs {
			focus = append(focus, map[string]any{"belt_id": b.ID, "chain_id": c})
		}
	}
	for _, m := range ds.Members {
		members = append(members, evidenceProps(map[string]any{"belt_id": m.BeltID, "region_id": m.RegionID, "alternatives": strs(m.Alternatives)}, m.Evidence))
	}
	for _, t := range ds.Targets {
		targets = append(targets, evidenceProps(map[string]any{
			"id": t.ID, "indicator": t.Indicator, "value": t.Value, "unit": t.Unit, "year": int64(t.Year),
			"comparator": t.Comparator, "scope_id": t.ScopeID,
		}, t.Evidence))
	}
	return []step{
		nodeStep("regions", createRegions, regions),
		nodeStep("chains", createChains, chains),
		nodeStep("links", createLinks, links),
		nodeStep("presences", createPresences, presences),
		nodeStep("chain facts", createChainFacts, chainFacts),
		nodeStep("cluster counts", createClusterCounts, clusterCounts),
		nodeStep("belts", createBelts, belts),
		nodeStep("targets", createTargets, targets),
		nodeStep("cells", createCells, cells),
		rowsStep("PART_OF edges", createPartOf, sortedRows(partOf)),
		rowsStep("BORDERS edges", createBorders, sortedRows(borders)),
		rowsStep("HAS_LINK edges", createHasLink, hasLink),
		rowsStep("FEEDS edges", createFeeds, feeds),
		rowsStep("AT edges", createAt, sortedRows(at)),
		rowsStep("OF edges", createOf, sortedRows(of)),
		rowsStep("chain fact AT edges", createChainFactAt, chainFactAt),
		rowsStep("chain fact OF edges", createChainFactOf, chainFactOf),
		rowsStep("FOCUSES_ON edges", createFocus, focus),
		rowsStep("SPANS edges", createMembers, members),
		{what: "FOR edges", cypher: createTargetFor, rows: targets, count: len(targets)},
	}
}

// keyedRow is a relationship row with the id of the node it shares with its neighbours.
type keyedRow struct {
	key string
	row map[string]any
}

// sortedRows orders rows by key; stable, so rows with one key keep the dataset's order.
func sortedRows(rows []keyedRow) []any {
	slices.SortStableFunc(rows, func(a, b keyedRow) int { return cmp.Compare(a.key, b.key) })
	out := make([]any, len(rows))
	for i, r := range rows {
		out[i] = r.row
	}
	return out
}

// Generations reports the current generation and every generation that has nodes, in order:
// after a successful load, the current one and the one it superseded (until the next load).
func (s *Store) Generations(ctx context.Context) (current int64, present []int64, err error) {
	res, err := s.execute(ctx, listGenerations, nil, neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return 0, nil, translate(err)
	}
	rec := res.Records[0]
	if current, _, err = neo4j.GetRecordValue[int64](rec, "current"); err != nil {
		return 0, nil, err
	}
	gens, _, err := neo4j.GetRecordValue[[]any](rec, "present")
	if err != nil {
		return 0, nil, err
	}
	for _, g := range gens {
		present = append(present, g.(int64))
	}
	return current, present, nil
}
