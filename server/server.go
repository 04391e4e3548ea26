package server

import (
	"context"
	"log/slog"
	"time"

	"google.golang.org/grpc"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
)

// Server implements chaingraph.v1.ChainGraphService over a graph.Reader.
type Server struct {
	pb.UnimplementedChainGraphServiceServer
	engine  *query.Engine
	log     *slog.Logger
	metrics *metrics
	// unary is the gRPC side's unary interceptor, through which the HTTP exports call the
	// service in process (set by newGRPCServer).
	unary grpc.UnaryServerInterceptor
}

var _ pb.ChainGraphServiceServer = (*Server)(nil)

// New returns a Server reading from store.
func New(store graph.Reader, log *slog.Logger) *Server {
	m := newMetrics()
	return &Server{engine: query.New(timedReader{store, m}), log: log, metrics: m}
}

// view is the snapshot one request reads.
func (s *Server) view(ctx context.Context) (*query.View, error) { return s.engine.View(ctx) }

// warm derives what the served data needs before the first request asks for it.
func (s *Server) warm(ctx context.Context) {
	start := time.Now()
	if err := s.engine.Warm(ctx); err != nil {
		s.log.Debug("derived data not prepared", "err", err)
		return
	}
	s.log.Info("derived data ready", "seconds", time.Since(start).Seconds())
}
