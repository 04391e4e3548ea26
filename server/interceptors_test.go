package server

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}
func (b *syncBuffer) String() string { b.mu.Lock(); defer b.mu.Unlock(); return b.b.String() }

// fakeStream is a server stream with a context and nothing else: enough for an interceptor.
type fakeStream struct {
	grpc.ServerStream
	ctx context.Context
}

func (f fakeStream) Context() context.Context     { return f.ctx }
func (f fakeStream) SetHeader(metadata.MD) error  { return nil }
func (f fakeStream) SendHeader(metadata.MD) error { return nil }
func (f fakeStream) SetTrailer(metadata.MD)       {}
func (f fakeStream) SendMsg(any) error            { return nil }

// Streams get what unary calls get: the time cap, recovery from a panic, and a log line.
func TestStreamsAndUnaryCallsGetTheSameGuards(t *testing.T) {
	var logs syncBuffer
	s := New(nil, slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	cfg := DefaultConfig()
	cfg.RequestTimeout = 30 * time.Millisecond
	heavy := newAdmission(1)
	unary := s.unaryInterceptor(cfg, heavy)
	stream := s.streamInterceptor(cfg, heavy)
	matrix := &grpc.StreamServerInfo{FullMethod: pb.ChainGraphService_GetCoverageMatrix_FullMethodName}
	profile := &grpc.UnaryServerInfo{FullMethod: pb.ChainGraphService_GetRegionProfile_FullMethodName}
	ss := fakeStream{ctx: context.Background()}

	waits := func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }
	if err := stream(nil, ss, matrix, func(_ any, ss grpc.ServerStream) error { return waits(ss.Context()) }); status.Code(err) != codes.DeadlineExceeded {
		t.Errorf("stream that outlives the cap: %v, want DEADLINE_EXCEEDED", err)
	}
	if _, err := unary(context.Background(), nil, profile, func(ctx context.Context, _ any) (any, error) { return nil, waits(ctx) }); status.Code(err) != codes.DeadlineExceeded {
		t.Errorf("unary call that outlives the cap: %v, want DEADLINE_EXCEEDED", err)
	}
	if err := stream(nil, ss, matrix, func(any, grpc.ServerStream) error { panic("boom") }); status.Code(err) != codes.Internal {
		t.Errorf("panicking stream: %v, want INTERNAL", err)
	}
	if _, err := unary(context.Background(), nil, profile, func(context.Context, any) (any, error) { panic("boom") }); status.Code(err) != codes.Internal {
		t.Errorf("panicking unary call: %v, want INTERNAL", err)
	}
	if len(heavy) != 0 {
		t.Errorf("%d admission places still taken after the calls ended", len(heavy))
	}
	out := logs.String()
	for _, want := range []string{
		"method=" + matrix.FullMethod + " code=DeadlineExceeded",
		"method=" + profile.FullMethod + " code=DeadlineExceeded",
		`"panic in handler" method=` + matrix.FullMethod,
		`"panic in handler" method=` + profile.FullMethod,
		"method=" + matrix.FullMethod + " code=Internal",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
}

// --request-timeout 0 is no cap: a call keeps its client's deadline, or has none.
func TestRequestTimeoutZeroIsNoCap(t *testing.T) {
	ctx, cancel := capped(context.Background(), 0)
	defer cancel()
	if _, ok := ctx.Deadline(); ok || ctx.Err() != nil {
		t.Errorf("capped(0): deadline set or context ended (%v)", ctx.Err())
	}
	client, cancelClient := context.WithTimeout(context.Background(), time.Hour)
	defer cancelClient()
	ctx, cancel = capped(client, 0)
	defer cancel()
	if d, _ := ctx.Deadline(); time.Until(d) < 59*time.Minute {
		t.Errorf("capped(0) shortened the client's deadline to %v", time.Until(d))
	}
}

func TestConfigValidateNamesTheFlag(t *testing.T) {
	for _, tc := range []struct {
		edit func(*Config)
		want string
	}{
		{func(c *Config) { c.RequestTimeout = -time.Second }, "--request-timeout"},
		{func(c *Config) { c.HeavyRequests = 0 }, "--heavy-requests"},
		{func(c *Config) { c.Addr = "" }, "--addr"},
		{func(c *Config) { c.ShutdownGrace = -1 }, "--shutdown-grace"},
	} {
		cfg := DefaultConfig()
		tc.edit(&cfg)
		if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Validate() = %v, want an error naming %s", err, tc.want)
		}
	}
	cfg := DefaultConfig()
	cfg.RequestTimeout = 0
	if err := cfg.Validate(); err != nil {
		t.Errorf("--request-timeout 0 refused: %v", err)
	}
}
