package server

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// With every place taken, a heavy request waits and, past its deadline, fails without running;
// a light one runs at once; a freed place admits the next.
func TestAdmissionBoundsHeavyRequests(t *testing.T) {
	a := newAdmission(1)
	ran := 0
	handler := func(ctx context.Context, req any) (any, error) { ran++; return nil, nil }
	heavy := &grpc.UnaryServerInfo{FullMethod: "/chaingraph.v1.ChainGraphService/GetRegionProfile"}
	light := &grpc.UnaryServerInfo{FullMethod: "/chaingraph.v1.ChainGraphService/FindLackingRegions"}
	interceptor := New(nil, slog.New(slog.NewTextHandler(io.Discard, nil))).unaryInterceptor(DefaultConfig(), a)

	if err := a.enter(context.Background()); err != nil { // a heavy request in progress
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := interceptor(ctx, nil, heavy, handler); status.Code(err) != codes.DeadlineExceeded || ran != 0 {
		t.Errorf("heavy request while full: err %v, ran %d times; want DEADLINE_EXCEEDED, not run", err, ran)
	}
	if _, err := interceptor(context.Background(), nil, light, handler); err != nil || ran != 1 {
		t.Errorf("light request while full: err %v, ran %d times; want it run", err, ran)
	}
	a.leave()
	if _, err := interceptor(context.Background(), nil, heavy, handler); err != nil || ran != 2 {
		t.Errorf("heavy request after a place was freed: err %v, ran %d times; want it run", err, ran)
	}
	if len(a) != 0 {
		t.Errorf("%d places still taken after the request ended", len(a))
	}
}
