package server

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"google.golang.org/grpc/status"

	"github.com/chaingraph/chaingraph/graph"
)

// metrics are what /metrics exports: every call by method and code, every store read by
// operation, and the Go runtime's own. Each Server has its own registry (tests run several).
type metrics struct {
	registry *prometheus.Registry
	rpc      *prometheus.HistogramVec
	store    *prometheus.HistogramVec
}

// latencyBuckets span a cached answer (~100 µs) to a national matrix on Neo4j (seconds).
var latencyBuckets = prometheus.ExponentialBuckets(0.0001, 2.5, 14)

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		rpc: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "chaingraph_rpc_duration_seconds", Help: "Calls by full gRPC method and status code (the _count is the number of calls), over gRPC and HTTP alike.",
			Buckets: latencyBuckets,
		}, []string{"method", "code"}),
		store: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "chaingraph_store_duration_seconds", Help: "Store reads by operation (graph.Snapshot method) and outcome (ok or error).",
			Buckets: latencyBuckets,
		}, []string{"operation", "outcome"}),
	}
	m.registry.MustRegister(m.rpc, m.store, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) observeCall(method string, start time.Time, err error) {
	m.rpc.WithLabelValues(method, status.Code(err).String()).Observe(time.Since(start).Seconds())
}

func (m *metrics) observeStore(op string, start time.Time, err error) {
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	m.store.WithLabelValues(op, outcome).Observe(time.Since(start).Seconds())
}

// timedReader is a graph.Reader whose every read is observed.
type timedReader struct {
	graph.Reader
	m *metrics
}

func (t timedReader) View(ctx context.Context) (graph.Snapshot, error) {
	start := time.Now()
	s, err := t.Reader.View(ctx)
	t.m.observeStore("View", start, err)
	if err != nil {
		return nil, err
	}
	return timedSnapshot{s, t.m}, nil
}

func (t timedReader) Ping(ctx context.Context) error {
	start := time.Now()
	err := t.Reader.Ping(ctx)
	t.m.observeStore("Ping", start, err)
	return err
}

// timedSnapshot observes each read of a snapshot.
type timedSnapshot struct {
	s graph.Snapshot
	m *metrics
}

// timed runs one read and observes it.
func timed[T any](m *metrics, op string, read func() (T, error)) (T, error) {
	start := time.Now()
	v, err := read()
	m.observeStore(op, start, err)
	return v, err
}

func (t timedSnapshot) Version() int64 { return t.s.Version() }

func (t timedSnapshot) ListChains(ctx context.Context, q graph.ListQuery) ([]graph.Chain, error) {
	return timed(t.m, "ListChains", func() ([]graph.Chain, error) { return t.s.ListChains(ctx, q) })
}

func (t timedSnapshot) GetChain(ctx context.Context, id string) (graph.ChainDetail, error) {
	return timed(t.m, "GetChain", func() (graph.ChainDetail, error) { return t.s.GetChain(ctx, id) })
}

func (t timedSnapshot) ListRegions(ctx context.Context, q graph.RegionQuery) ([]graph.Region, error) {
	return timed(t.m, "ListRegions", func() ([]graph.Region, error) { return t.s.ListRegions(ctx, q) })
}

func (t timedSnapshot) GetRegion(ctx context.Context, id string) (graph.RegionDetail, error) {
	return timed(t.m, "GetRegion", func() (graph.RegionDetail, error) { return t.s.GetRegion(ctx, id) })
}

func (t timedSnapshot) Names(ctx context.Context) ([]graph.Named, error) {
	return timed(t.m, "Names", func() ([]graph.Named, error) { return t.s.Names(ctx) })
}

func (t timedSnapshot) ListBelts(ctx context.Context, q graph.BeltQuery) ([]graph.Belt, error) {
	return timed(t.m, "ListBelts", func() ([]graph.Belt, error) { return t.s.ListBelts(ctx, q) })
}

func (t timedSnapshot) GetBelt(ctx context.Context, id string) (graph.BeltDetail, error) {
	return timed(t.m, "GetBelt", func() (graph.BeltDetail, error) { return t.s.GetBelt(ctx, id) })
}

func (t timedSnapshot) ListTargets(ctx context.Context, q graph.ListQuery) ([]graph.Target, error) {
	return timed(t.m, "ListTargets", func() ([]graph.Target, error) { return t.s.ListTargets(ctx, q) })
}

func (t timedSnapshot) Coverage(ctx context.Context, q graph.CoverageQuery) (*graph.Coverage, error) {
	return timed(t.m, "Coverage", func() (*graph.Coverage, error) { return t.s.Coverage(ctx, q) })
}

func (t timedSnapshot) EnterpriseCounts(ctx context.Context, regionID string) ([]graph.CountyEnterprises, error) {
	return timed(t.m, "EnterpriseCounts", func() ([]graph.CountyEnterprises, error) { return t.s.EnterpriseCounts(ctx, regionID) })
}

func (t timedSnapshot) Feeds(ctx context.Context) ([]graph.Feed, error) {
	return timed(t.m, "Feeds", func() ([]graph.Feed, error) { return t.s.Feeds(ctx) })
}

func (t timedSnapshot) Suppliers(ctx context.Context, q graph.SupplierQuery) ([]graph.Supplier, error) {
	return timed(t.m, "Suppliers", func() ([]graph.Supplier, error) { return t.s.Suppliers(ctx, q) })
}

func (t timedSnapshot) HolderLinks(ctx context.Context, holders []graph.HolderAt) (map[graph.HolderAt][]graph.Link, error) {
	return timed(t.m, "HolderLinks", func() (map[graph.HolderAt][]graph.Link, error) { return t.s.HolderLinks(ctx, holders) })
}

func (t timedSnapshot) ChainFacts(ctx context.Context, q graph.ChainFactQuery) ([]graph.ChainFact, error) {
	return timed(t.m, "ChainFacts", func() ([]graph.ChainFact, error) { return t.s.ChainFacts(ctx, q) })
}

func (t timedSnapshot) ClusterCounts(ctx context.Context, regionID string) ([]graph.ClusterCount, error) {
	return timed(t.m, "ClusterCounts", func() ([]graph.ClusterCount, error) { return t.s.ClusterCounts(ctx, regionID) })
}

func (t timedSnapshot) LackingRegions(ctx context.Context, q graph.LackingQuery) ([]graph.LackingRegion, error) {
	return timed(t.m, "LackingRegions", func() ([]graph.LackingRegion, error) { return t.s.LackingRegions(ctx, q) })
}
