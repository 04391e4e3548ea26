package server

import (
	"context"

	"google.golang.org/grpc/status"
)

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
