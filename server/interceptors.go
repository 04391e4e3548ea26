package server

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"
)

// heavyMethods read a coverage (they visit every presence of a place, or of a chain in a scope)
// and build answers whose cost grows with the data, so at most Config.HeavyRequests run at once
// (sixteen national profiles at once once had the in-memory store killed for want of memory).
// The other methods are bounded by their page sizes.
var heavyMethods = map[string]bool{
	pb.ChainGraphService_GetRegionProfile_FullMethodName:    true,
	pb.ChainGraphService_GetCoverageMatrix_FullMethodName:   true,
	pb.ChainGraphService_FindWeakLinks_FullMethodName:       true,
	pb.ChainGraphService_FindExtensions_FullMethodName:      true,
	pb.ChainGraphService_FindInvestmentLeads_FullMethodName: true,
	// Both read coverages of a scope (plan gaps two; a comparison a coverage per healed gap).
	pb.ChainGraphService_FindPlanGaps_FullMethodName:          true,
	pb.ChainGraphService_CompareLackingRegions_FullMethodName: true,
	pb.ChainGraphService_GetLinkMap_FullMethodName:            true, // a 补链 and a coverage
}

// unaryInterceptor does for every unary call what streamInterceptor does for every stream: the
// time cap, admission, panic recovery, error mapping and a log line.
func (s *Server) unaryInterceptor(cfg Config, heavy admission) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		ctx, cancel := capped(ctx, cfg.RequestTimeout)
		defer cancel()
		start := time.Now()
		var resp any
		err := malformed(req)
		if err == nil {
			err = s.guard(ctx, info.FullMethod, heavy, func(ctx context.Context) (err error) {
				resp, err = handler(ctx, req)
				return err
			})
		}
		s.logCall(ctx, cfg, info.FullMethod, start, err)
		if err != nil {
			return nil, err
		}
		return resp, nil
	}
}

func (s *Server) streamInterceptor(cfg Config, heavy admission) grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		ctx, cancel := capped(ss.Context(), cfg.RequestTimeout)
		defer cancel()
		start := time.Now()
		err := s.guard(ctx, info.FullMethod, heavy, func(ctx context.Context) error {
			return handler(srv, &boundedStream{ServerStream: ss, ctx: ctx})
		})
		s.logCall(ctx, cfg, info.FullMethod, start, err)
		return err
	}
}

// capped is ctx with the server's time cap (a client's shorter deadline wins); 0 means none.
func capped(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, d)
}

// guard runs one call: admitted when heavy, recovered when it panics, its error mapped.
func (s *Server) guard(ctx context.Context, method string, heavy admission, call func(context.Context) error) (err error) {
	if heavyMethods[method] {
		if err := heavy.enter(ctx); err != nil {
			return err
		}
		defer heavy.leave()
	}
	defer func() {
		if r := recover(); r != nil {
			s.log.ErrorContext(ctx, "panic in handler", "method", method, "panic", fmt.Sprint(r))
			err = status.Error(codes.Internal, "internal error")
		}
	}()
	return s.toStatus(ctx, method, call(ctx))
}

func (s *Server) logCall(ctx context.Context, cfg Config, method string, start time.Time, err error) {
	s.metrics.observeCall(method, start, err)
	d := time.Since(start)
	level := slog.LevelDebug
	if d > cfg.SlowRequest {
		level = slog.LevelWarn
	}
	s.log.Log(ctx, level, "rpc", "method", method, "code", status.Code(err).String(), "duration_ms", d.Milliseconds())
}

// boundedStream is a server stream whose sends end with its call: a client that stops reading
// leaves a send waiting on flow control, and without this the call — and its admission — would
// wait as long as the client stays connected. Its request is checked as a unary call's is.
type boundedStream struct {
	grpc.ServerStream
	ctx context.Context
}

func (b *boundedStream) Context() context.Context { return b.ctx }

// RecvMsg refuses a request that was no well-formed message (see lenientCodec).
func (b *boundedStream) RecvMsg(m any) error {
	if err := b.ServerStream.RecvMsg(m); err != nil {
		return err
	}
	return malformed(m)
}

func (b *boundedStream) SendMsg(m any) error {
	done := make(chan error, 1)
	go func() { done <- b.ServerStream.SendMsg(m) }()
	select {
	case err := <-done:
		return err
	case <-b.ctx.Done():
		return b.ctx.Err()
	}
}
