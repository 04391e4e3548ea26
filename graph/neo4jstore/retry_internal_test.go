package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/db"
)

// A conflict between transactions (Neo4j answered) retries for up to MaxConflictRetryTime; a
// Neo4j that does not answer, or answers that its database is unavailable, for MaxRetryTime; a
// deadline halves either. The dense cyclic load once failed on a deadlock between its writers
// after the short budget.
func TestConflictsRetryLongerThanOutages(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{&db.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected"}, true},
		{fmt.Errorf("writing FEEDS edges: %w", &db.Neo4jError{Code: "Neo.TransientError.Transaction.LockAcquisitionTimeout"}), true},
		{&db.Neo4jError{Code: "Neo.TransientError.General.DatabaseUnavailable"}, false},
		{&neo4j.ConnectivityError{Inner: errors.New("connection refused")}, false},
		{errors.New("anything else"), false},
	} {
		if got := conflict(tc.err); got != tc.want {
			t.Errorf("conflict(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
	now := time.Now()
	if got := retryBudget(context.Background(), now, true); got != MaxConflictRetryTime {
		t.Errorf("a conflict without a deadline retries for %s, want %s", got, MaxConflictRetryTime)
	}
	if got := retryBudget(context.Background(), now, false); got != MaxRetryTime {
		t.Errorf("an outage without a deadline retries for %s, want %s", got, MaxRetryTime)
	}
	ctx, cancel := context.WithDeadline(context.Background(), now.Add(10*time.Second))
	defer cancel()
	if got := retryBudget(ctx, now, true); got != 5*time.Second {
		t.Errorf("a conflict with 10 s left retries for %s, want half of them", got)
	}
}
