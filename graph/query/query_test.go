package query

import (
	"context"
	"errors"
	"testing"
	"time"
)

// A build runs under the deadline of the request that starts it; a failed build is not kept,
// and a request waiting for someone else's build gives up at its own deadline.
func TestOnceKeepsOnlyWhatWasBuilt(t *testing.T) {
	o := newOnce[*int]()
	fail := errors.New("store unavailable")
	if _, err := o.get(context.Background(), func(context.Context) (*int, error) { return nil, fail }); !errors.Is(err, fail) {
		t.Fatalf("failed build: %v", err)
	}
	builds := 0
	n := 7
	for range 2 {
		v, err := o.get(context.Background(), func(context.Context) (*int, error) { builds++; return &n, nil })
		if err != nil || *v != 7 {
			t.Fatalf("get = %v, %v", v, err)
		}
	}
	if builds != 1 {
		t.Errorf("built %d times after the failure, want once", builds)
	}

	slow := newOnce[*int]()
	started, release := make(chan struct{}), make(chan struct{})
	go slow.get(context.Background(), func(context.Context) (*int, error) { close(started); <-release; return &n, nil })
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := slow.get(ctx, func(context.Context) (*int, error) { return &n, nil }); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("waiting behind a slow build past the deadline: %v, want DeadlineExceeded", err)
	}
	close(release)
}
