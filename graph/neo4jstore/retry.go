package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/chaingraph/chaingraph/graph"
)

// The store, not the driver, retries failed transactions (the driver is opened with no retry
// time of its own), so that how long a call retries follows the call's deadline: a call that
// cannot reach Neo4j hears graph.ErrUnavailable while it still has time to, instead of
// retrying until its deadline passes.
const (
	// MaxRetryTime bounds the retrying of one call, counted from its first failure. A call
	// with a deadline retries for at most half the time it has left at that failure.
	MaxRetryTime = 3 * time.Second
	// MaxConflictRetryTime replaces MaxRetryTime while Neo4j answers that the transaction
	// conflicted with another (a deadlock between a load's writers on a dense node, a lock
	// timeout): Neo4j is there, and the conflict clears when the other transaction commits.
	MaxConflictRetryTime = 30 * time.Second
	// firstRetryDelay is the wait before the first retry; each later wait doubles, up to
	// maxRetryDelay, with ±20% jitter so calls that failed together do not retry together.
	firstRetryDelay = 100 * time.Millisecond
	maxRetryDelay   = time.Second
)

// retrying runs attempt until it succeeds, fails in a way retrying cannot mend, or the call's
// retry budget (see MaxRetryTime) is spent, which is graph.ErrUnavailable. attempt is one
// driver transaction function (ExecuteRead, ExecuteQuery, …) and must be retry-safe.
func retrying[T any](ctx context.Context, attempt func() (T, error)) (T, error) {
	var firstFailure, giveUp time.Time
	delay := firstRetryDelay
	for tries := 1; ; tries++ {
		out, err := attempt()
		// With no retry time, the driver ends the first retryable failure (a lost or refused
		// connection, a full pool, a transient server error such as a deadlock) with a
		// TransactionExecutionLimit; any other error is final, the context's own included.
		limit, retryable := err.(*neo4j.TransactionExecutionLimit)
		if !retryable {
			return out, err
		}
		if n := len(limit.Errors); n > 0 {
			err = limit.Errors[n-1] // the failure itself, not the driver's "exceeded max retry time: 0s"
		}
		now := time.Now()
		if firstFailure.IsZero() {
			firstFailure = now
		}
		giveUp = firstFailure.Add(retryBudget(ctx, firstFailure, conflict(err)))
		wait := time.Duration(float64(delay) * (0.8 + 0.4*rand.Float64()))
		if now.Add(wait).After(giveUp) {
			return out, fmt.Errorf("%w: gave up after %d attempts in %s: %v", graph.ErrUnavailable, tries,
				now.Sub(firstFailure).Round(time.Millisecond), err)
		}
		select {
		case <-ctx.Done():
			return out, ctx.Err()
		case <-time.After(wait):
		}
		delay = min(2*delay, maxRetryDelay)
	}
}

// retryBudget is how long a call that first failed at first may go on retrying, its latest
// failure a conflict or not.
func retryBudget(ctx context.Context, first time.Time, conflict bool) time.Duration {
	budget := MaxRetryTime
	if conflict {
		budget = MaxConflictRetryTime
	}
	if deadline, ok := ctx.Deadline(); ok {
		budget = min(budget, deadline.Sub(first)/2)
	}
	return budget
}

// conflict says whether Neo4j answered that the transaction conflicted with another
// (Neo.TransientError.Transaction.*: DeadlockDetected, LockAcquisitionTimeout, …), as opposed
// to not answering or being unavailable (Neo.TransientError.General.DatabaseUnavailable).
func conflict(err error) bool {
	var ne *neo4j.Neo4jError
	return errors.As(err, &ne) && strings.HasPrefix(ne.Code, "Neo.TransientError.Transaction.")
}

// execute runs one statement with neo4j.ExecuteQuery (a managed transaction of its own),
// retried as retrying says.
func (s *Store) execute(ctx context.Context, cypher string, params map[string]any, routing neo4j.ExecuteQueryConfigurationOption) (*neo4j.EagerResult, error) {
	return retrying(ctx, func() (*neo4j.EagerResult, error) {
		return neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.db), routing)
	})
}
