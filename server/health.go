package server

import (
	"context"
	"log/slog"
	"time"

	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"github.com/chaingraph/chaingraph/graph"
	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"
)

// The health status follows the store's Ping, one every healthInterval, each given pingTimeout.
// So it turns NOT_SERVING within healthInterval+pingTimeout (3 s) of the store ceasing to
// answer, within about healthInterval when Neo4j's port refuses connections (its process is
// gone), and SERVING again within about healthInterval of the store's return. A ping is one
// round trip on a pooled connection.
const (
	healthInterval = time.Second
	pingTimeout    = 2 * time.Second
)

// watchHealth sets the health status from the store's Ping until ctx ends.
func watchHealth(ctx context.Context, store graph.Reader, hs *health.Server, log *slog.Logger) {
	last := healthpb.HealthCheckResponse_UNKNOWN
	tick := time.NewTicker(healthInterval)
	defer tick.Stop()
	for {
		pctx, cancel := context.WithTimeout(ctx, pingTimeout)
		err := store.Ping(pctx)
		cancel()
		if ctx.Err() != nil {
			return
		}
		st := healthpb.HealthCheckResponse_SERVING
		if err != nil {
			st = healthpb.HealthCheckResponse_NOT_SERVING
		}
		if st != last {
			if err != nil {
				log.Warn("health", "status", st.String(), "error", err)
			} else {
				log.Info("health", "status", st.String())
			}
			hs.SetServingStatus("", st)
			hs.SetServingStatus(pb.ChainGraphService_ServiceDesc.ServiceName, st)
			last = st
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
