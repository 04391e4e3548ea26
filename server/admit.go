package server

import (
	"context"

	"google.golang.org/grpc"
	"google.golang.org/grpc/status"
)

// heavyMethods read a coverage (they visit every presence of a place, or of a chain in a scope)
// and build answers of up to megabytes, so their cost grows with the data. Before coverages
// listed only the presences an answer shows, sixteen national profiles at once had the
// in-memory store killed for want of memory (BENCHMARKS.md). The other methods are bounded by
// their page sizes.
var heavyMethods = map[string]bool{
	"/chaingraph.v1.ChainGraphService/GetRegionProfile":    true,
	"/chaingraph.v1.ChainGraphService/GetCoverageMatrix":   true,
	"/chaingraph.v1.ChainGraphService/FindWeakLinks":       true,
	"/chaingraph.v1.ChainGraphService/FindExtensions":      true,
	"/chaingraph.v1.ChainGraphService/FindInvestmentLeads": true,
}

// admission lets at most cap(a) heavy requests run at once; the others wait their turn within
// their deadline, in no particular order.
type admission chan struct{}

func newAdmission(n int) admission { return make(admission, max(n, 1)) }

// enter waits for a place; a request whose deadline passes while it waits gets
// DEADLINE_EXCEEDED (or CANCELLED) without having done any work.
func (a admission) enter(ctx context.Context) error {
	select {
	case a <- struct{}{}:
		return nil
	case <-ctx.Done():
		return status.FromContextError(ctx.Err()).Err()
	}
}

func (a admission) leave() { <-a }

func (a admission) unary() grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		if !heavyMethods[info.FullMethod] {
			return handler(ctx, req)
		}
		if err := a.enter(ctx); err != nil {
			return nil, err
		}
		defer a.leave()
		return handler(ctx, req)
	}
}

func (a admission) stream() grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		if !heavyMethods[info.FullMethod] {
			return handler(srv, ss)
		}
		if err := a.enter(ss.Context()); err != nil {
			return err
		}
		defer a.leave()
		return handler(srv, ss)
	}
}
