package server

import (
	"context"
	"sync"
	"time"

	"github.com/chaingraph/chaingraph/graph"
)

// derived is what the server computes from a whole dataset and reuses across requests: the name
// resolver and the province's enterprise counts for location quotients. It is keyed by the
// store's Version. Each part is read from the store after the version, so a cached part is
// never older than the version it is filed under; a reload changes the version and the next
// request rebuilds. At national scale this saves ~4,000 names re-indexed per request and a
// count of a million enterprises per profile.
type derived struct {
	version  int64
	resolver *graph.Resolver

	lqMu   sync.Mutex // held while the counts are built: one build, the others wait for it
	lqBase *graph.LQBase
}

func (s *Server) derived(ctx context.Context) (*derived, error) {
	version, err := s.store.Version(ctx)
	if err != nil {
		return nil, s.toStatus(ctx, "", err)
	}
	if d := s.cache.Load(); d != nil && d.version == version {
		return d, nil
	}
	names, err := s.store.Names(ctx)
	if err != nil {
		return nil, s.toStatus(ctx, "", err)
	}
	d := &derived{version: version, resolver: graph.NewResolver(names)}
	s.cache.Store(d)
	return d, nil
}

// resolver returns the name resolver of the current data.
func (s *Server) resolver(ctx context.Context) (*graph.Resolver, error) {
	d, err := s.derived(ctx)
	if err != nil {
		return nil, err
	}
	return d.resolver, nil
}

// lqBase returns the province's enterprise counts, computed once per data version. A failure
// is not kept: the next request tries again (the store may have been unavailable for a moment).
func (s *Server) lqBase(ctx context.Context) (*graph.LQBase, error) {
	d, err := s.derived(ctx)
	if err != nil {
		return nil, err
	}
	d.lqMu.Lock()
	defer d.lqMu.Unlock()
	if d.lqBase != nil {
		return d.lqBase, nil
	}
	prov, err := s.province(ctx, d.resolver)
	if err != nil {
		return nil, err
	}
	// Detached from this request's deadline: the result serves every later request.
	counties, err := s.store.EnterpriseCounts(context.WithoutCancel(ctx), prov.ID)
	if err != nil {
		return nil, s.toStatus(ctx, "", err)
	}
	d.lqBase = graph.NewLQBase(counties)
	return d.lqBase, nil
}

// warm derives what it can from the data being served, in the background after start-up, so
// that the first profile or matrix does not wait for it (at national scale the enterprise
// counts take a few seconds in memory and about 15 s from Neo4j). Failures are left to the requests to
// report: without a default province there are no counts to derive.
func (s *Server) warm(ctx context.Context) {
	start := time.Now()
	if _, err := s.lqBase(ctx); err != nil {
		s.log.Debug("derived data not prepared", "err", err)
		return
	}
	s.log.Info("derived data ready", "seconds", time.Since(start).Seconds())
}
