package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/chaingraph/chaingraph/graph"
)

// The Neo4j driver reports a request that ran out of time as a connectivity error: the client
// must hear DEADLINE_EXCEEDED (ask again with more time), not UNAVAILABLE (the store is down).
func TestUnavailableAfterTheDeadlineIsDeadlineExceeded(t *testing.T) {
	s := New(nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	driverErr := fmt.Errorf("%w: ConnectivityError: context deadline exceeded", graph.ErrUnavailable)

	expired, cancel := context.WithTimeout(context.Background(), 0)
	defer cancel()
	<-expired.Done()
	if got := status.Code(s.toStatus(expired, "", driverErr)); got != codes.DeadlineExceeded {
		t.Errorf("after the deadline: %v, want DeadlineExceeded", got)
	}
	if got := status.Code(s.toStatus(context.Background(), "", driverErr)); got != codes.Unavailable {
		t.Errorf("with time left: %v, want Unavailable", got)
	}
}
