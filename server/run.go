package server

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"runtime"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/grpc/reflection"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
)

// Config is how the gRPC server runs.
type Config struct {
	Addr string // listen address, e.g. 127.0.0.1:50051
	// RequestTimeout caps each call, streams included (a client's shorter deadline wins); 0
	// means no cap.
	RequestTimeout time.Duration
	ShutdownGrace  time.Duration // how long in-flight requests get on shutdown before a hard stop
	SlowRequest    time.Duration // requests slower than this are logged at Warn
	// HeavyRequests is how many profile, matrix, weak-link, extension and lead requests run at
	// once (see heavyMethods); more wait their turn.
	HeavyRequests int
	// HTTPAddr is where JSON over HTTP, the page, /metrics and /healthz are served, e.g.
	// 127.0.0.1:8080; empty serves no HTTP.
	HTTPAddr string
	// HTTPReady, if not nil, receives the bound HTTP address once it listens (tests use port 0).
	HTTPReady func(net.Addr)
	// Pprof serves net/http/pprof under /debug/pprof/ on the HTTP listener.
	Pprof bool

	// TLSCert and TLSKey serve both listeners over TLS; TLSClientCA also requires client
	// certificates signed by it (mutual TLS).
	TLSCert, TLSKey, TLSClientCA string
	// Insecure allows plaintext on a non-loopback address, which Validate otherwise refuses.
	Insecure bool
	// AuthTokens is an --auth-tokens file ("TOKEN ROLE" a line); empty serves without auth.
	AuthTokens string

	// MaxConnections caps open connections on each listener; more wait to be accepted.
	MaxConnections int
	// MaxConcurrentStreams caps the calls one HTTP/2 connection runs at once.
	MaxConcurrentStreams uint32
	// KeepaliveMinTime is the shortest client keepalive ping interval allowed; faster pingers
	// are disconnected.
	KeepaliveMinTime time.Duration
	// IdleTimeout closes a connection with no calls for this long.
	IdleTimeout time.Duration
}

// DefaultConfig returns the defaults the CLI documents.
func DefaultConfig() Config {
	return Config{Addr: "127.0.0.1:50051", HTTPAddr: "127.0.0.1:8080", RequestTimeout: 30 * time.Second, ShutdownGrace: 10 * time.Second, SlowRequest: time.Second,
		HeavyRequests: runtime.GOMAXPROCS(0), MaxConnections: 512, MaxConcurrentStreams: 100,
		KeepaliveMinTime: time.Minute, IdleTimeout: 5 * time.Minute}
}

// Validate says what is wrong with the configuration, naming each flag.
func (c Config) Validate() error {
	var problems []string
	if c.Addr == "" {
		problems = append(problems, "--addr: required, e.g. 127.0.0.1:50051")
	}
	if c.RequestTimeout < 0 {
		problems = append(problems, fmt.Sprintf("--request-timeout: must be >= 0 (0 for no cap), got %v", c.RequestTimeout))
	}
	if c.ShutdownGrace < 0 {
		problems = append(problems, fmt.Sprintf("--shutdown-grace: must be >= 0, got %v", c.ShutdownGrace))
	}
	if c.SlowRequest < 0 {
		problems = append(problems, fmt.Sprintf("--slow-request: must be >= 0, got %v", c.SlowRequest))
	}
	if c.HTTPAddr != "" && c.HTTPAddr == c.Addr && !strings.HasSuffix(c.Addr, ":0") {
		problems = append(problems, fmt.Sprintf("--http-addr: must differ from --addr (%s); empty serves no HTTP", c.Addr))
	}
	if c.HeavyRequests < 1 {
		problems = append(problems, fmt.Sprintf("--heavy-requests: must be >= 1, got %d", c.HeavyRequests))
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		problems = append(problems, "--tls-cert and --tls-key: give both or neither")
	}
	if c.TLSClientCA != "" && c.TLSCert == "" {
		problems = append(problems, "--tls-client-ca: needs --tls-cert and --tls-key")
	}
	if c.TLSCert == "" && !c.Insecure {
		for _, a := range []struct{ flag, addr string }{{"--addr", c.Addr}, {"--http-addr", c.HTTPAddr}} {
			if a.addr != "" && !isLoopback(a.addr) {
				problems = append(problems, fmt.Sprintf("%s %s: not a loopback address, so it needs --tls-cert and --tls-key (chaingraph dev-cert makes a trial pair), or --insecure to serve plaintext anyway", a.flag, a.addr))
			}
		}
	}
	if c.MaxConnections < 0 {
		problems = append(problems, fmt.Sprintf("--max-connections: must be >= 0 (0 for no cap), got %d", c.MaxConnections))
	}
	if c.MaxConcurrentStreams < 1 {
		problems = append(problems, "--max-streams: must be >= 1")
	}
	if c.KeepaliveMinTime < 0 || c.IdleTimeout < 0 {
		problems = append(problems, fmt.Sprintf("--keepalive-min-time and --idle-timeout: must be >= 0, got %v and %v", c.KeepaliveMinTime, c.IdleTimeout))
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

// NewGRPCServer builds a gRPC server with the service, health and reflection registered. The
// health server reports SERVING while store.Ping succeeds.
func NewGRPCServer(cfg Config, store graph.Reader, log *slog.Logger) (*grpc.Server, *health.Server) {
	return newGRPCServer(cfg, New(store, log), log, nil, nil)
}

// newGRPCServer builds the server; tokens (nil: no auth) are checked before anything else,
// and tlsConfig (nil: plaintext) secures the transport.
func newGRPCServer(cfg Config, srv *Server, log *slog.Logger, tokens *Tokens, tlsConfig *tls.Config) (*grpc.Server, *health.Server) {
	heavy := newAdmission(cfg.HeavyRequests)
	srv.unary = srv.unaryInterceptor(cfg, heavy)
	unary := []grpc.UnaryServerInterceptor{srv.unary}
	stream := []grpc.StreamServerInterceptor{srv.streamInterceptor(cfg, heavy)}
	if tokens != nil {
		unary = append([]grpc.UnaryServerInterceptor{tokens.unaryInterceptor()}, unary...)
		stream = append([]grpc.StreamServerInterceptor{tokens.streamInterceptor()}, stream...)
	}
	opts := []grpc.ServerOption{grpc.ForceServerCodecV2(newLenientCodec()),
		grpc.ChainUnaryInterceptor(unary...),
		grpc.ChainStreamInterceptor(stream...),
		grpc.MaxConcurrentStreams(max(cfg.MaxConcurrentStreams, 1)),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: cfg.KeepaliveMinTime}),
		grpc.KeepaliveParams(keepalive.ServerParameters{MaxConnectionIdle: cfg.IdleTimeout, Time: 2 * time.Minute, Timeout: 20 * time.Second})}
	if tlsConfig != nil {
		opts = append(opts, grpc.Creds(credentials.NewTLS(tlsConfig)))
	}
	gs := grpc.NewServer(opts...)
	pb.RegisterChainGraphServiceServer(gs, srv)
	hs := health.NewServer()
	healthpb.RegisterHealthServer(gs, hs)
	reflection.Register(gs)
	return gs, hs
}

// Run serves gRPC on cfg.Addr, and HTTP on cfg.HTTPAddr when set, until ctx ends, then shuts
// down within cfg.ShutdownGrace. ready, if not nil, receives the bound gRPC address once the
// server listens (cfg.HTTPReady the HTTP one).
func Run(ctx context.Context, cfg Config, store graph.Reader, log *slog.Logger, ready func(net.Addr)) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	tlsConfig, err := serverTLS(cfg)
	if err != nil {
		return err
	}
	var tokens *Tokens
	if cfg.AuthTokens != "" {
		if tokens, err = LoadTokens(cfg.AuthTokens); err != nil {
			return err
		}
	}
	lis, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	lis = newLimitListener(lis, cfg.MaxConnections)
	srv := New(store, log)
	gs, hs := newGRPCServer(cfg, srv, log, tokens, tlsConfig)
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	if tokens != nil {
		go tokens.reloadOnHangup(ctx, log)
	}
	httpErrc := make(chan error, 1) // receives only when HTTP is served
	if cfg.HTTPAddr != "" {
		handler, err := srv.httpHandler(cfg, gs, hs, tokens)
		var waitHTTP func() error
		if err == nil {
			waitHTTP, err = srv.serveHTTP(ctx, cfg, handler, tlsConfig, log)
		}
		if err != nil {
			lis.Close()
			return err
		}
		go func() { httpErrc <- waitHTTP() }()
	}
	go watchHealth(ctx, store, hs, log)
	go srv.warm(ctx)
	errc := make(chan error, 1)
	go func() { errc <- gs.Serve(lis) }()
	log.Info("serving", "addr", lis.Addr().String(), "tls", tlsConfig != nil, "mutual_tls", cfg.TLSClientCA != "", "auth", tokens != nil)
	if ready != nil {
		ready(lis.Addr())
	}
	var grpcErr, httpErr error
	grpcDone, httpDone := false, cfg.HTTPAddr == ""
	select {
	case grpcErr = <-errc:
		grpcDone = true
	case httpErr = <-httpErrc:
		httpDone = true
	case <-ctx.Done():
	}
	stop() // ends the HTTP side too
	log.Info("shutting down", "grace", cfg.ShutdownGrace.String())
	hs.Shutdown() // stop advertising first
	stopped := make(chan struct{})
	go func() { gs.GracefulStop(); close(stopped) }()
	select {
	case <-stopped:
	case <-time.After(cfg.ShutdownGrace):
		log.Warn("graceful stop timed out; stopping hard")
		gs.Stop()
		<-stopped
	}
	if !grpcDone {
		grpcErr = <-errc
	}
	if !httpDone {
		httpErr = <-httpErrc
	}
	if httpErr != nil {
		return fmt.Errorf("HTTP: %w", httpErr)
	}
	serveErr := grpcErr
	if serveErr != nil && !errors.Is(serveErr, grpc.ErrServerStopped) {
		return serveErr
	}
	return nil
}
