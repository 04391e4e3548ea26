package server

import (
	"context"
	"crypto/tls"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"strings"
	"time"

	"connectrpc.com/vanguard"
	"connectrpc.com/vanguard/vanguardgrpc"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"github.com/chaingraph/chaingraph/graph/query"
	"github.com/chaingraph/chaingraph/server/web"
)

// openAPI is the OpenAPI (Swagger 2.0) document buf generates from the proto (make proto).
//
//go:embed openapi/chaingraph.swagger.json
var openAPI []byte

// maxHTTPRequestBytes bounds a JSON request body: the largest sane request (names are capped
// at a few hundred bytes) is under a kilobyte.
const maxHTTPRequestBytes = 64 << 10

// maxTranscodedMessageBytes bounds one message vanguard buffers while transcoding, answers
// included: the largest bounded answers (a national link map, a page of 500 lacking regions
// with the evidence budget) are a few megabytes.
const maxTranscodedMessageBytes = 64 << 20

// httpHandler is the HTTP side of the service:
//   - every RPC as JSON (POST /chaingraph.v1.ChainGraphService/<Method>, the Connect protocol;
//     gRPC-Web too), transcoded by vanguard into the same grpc.Server, so the interceptors —
//     time cap, admission, recovery, error mapping with details, logging, metrics — are the
//     gRPC side's own;
//   - the page (/), the map's regions (/map/regions.geojson) and the exports (/export/…);
//   - /openapi.json, /metrics, /healthz, and /debug/pprof/ when cfg.Pprof.
//
// With tokens (--auth-tokens), everything but /healthz, health and the page's static files
// needs a reader's token, and pprof an admin's.
func (s *Server) httpHandler(cfg Config, gs *grpc.Server, hs *health.Server, tokens *Tokens) (http.Handler, error) {
	transcoder, err := vanguardgrpc.NewTranscoder(gs, vanguard.WithDefaultServiceOptions(vanguard.WithMaxMessageBufferBytes(maxTranscodedMessageBytes)))
	if err != nil {
		return nil, fmt.Errorf("JSON transcoding: %w", err)
	}
	rpc := boundedBody(connectByDefault(transcoder), maxHTTPRequestBytes)
	reader := func(h http.Handler) http.Handler { return tokens.require(RoleReader, h) }
	admin := func(h http.HandlerFunc) http.Handler { return tokens.require(RoleAdmin, h) }
	mux := http.NewServeMux()
	mux.Handle("/chaingraph.v1.ChainGraphService/", reader(rpc))
	mux.Handle("/grpc.health.v1.Health/", rpc)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		resp, err := hs.Check(r.Context(), &healthpb.HealthCheckRequest{})
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err != nil || resp.GetStatus() != healthpb.HealthCheckResponse_SERVING {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintln(w, "NOT_SERVING")
			return
		}
		fmt.Fprintln(w, "SERVING")
	})
	mux.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(openAPI)
	})
	mux.Handle("GET /metrics", reader(promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{})))
	if cfg.Pprof {
		mux.Handle("/debug/pprof/", admin(pprof.Index))
		mux.Handle("/debug/pprof/cmdline", admin(pprof.Cmdline))
		mux.Handle("/debug/pprof/profile", admin(pprof.Profile))
		mux.Handle("/debug/pprof/symbol", admin(pprof.Symbol))
		mux.Handle("/debug/pprof/trace", admin(pprof.Trace))
	}
	mux.Handle("GET /map/regions.geojson", reader(http.HandlerFunc(s.serveRegionsGeoJSON)))
	exports := http.NewServeMux()
	s.registerExports(exports)
	mux.Handle("/export/", reader(exports))
	mux.Handle("/", web.Handler())
	return mux, nil
}

// connectByDefault marks a plain JSON POST as the Connect protocol, which vanguard otherwise
// takes for REST (the service has no REST routes, so it would be a 404): a
// `curl -H 'Content-Type: application/json' -d '{…}'` then works as a Connect client's call.
func connectByDefault(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ct := r.Header.Get("Content-Type")
		if r.Method == http.MethodPost && r.Header.Get("Connect-Protocol-Version") == "" &&
			(strings.HasPrefix(ct, "application/json") || strings.HasPrefix(ct, "application/proto")) {
			r.Header.Set("Connect-Protocol-Version", "1")
		}
		next.ServeHTTP(w, r)
	})
}

// boundedBody refuses a request body over limit bytes: with a Connect error (400
// invalid_argument) when its length is declared, as curl and browsers do; a chunked body is cut
// at the limit (vanguard then answers unavailable).
func boundedBody(next http.Handler, limit int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > limit {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			_ = json.NewEncoder(w).Encode(map[string]string{"code": "invalid_argument",
				"message": fmt.Sprintf("request body of %d bytes: at most %d (names are at most %d bytes)", r.ContentLength, limit, query.MaxNameBytes)})
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

// serveHTTP listens on cfg.HTTPAddr and serves until ctx ends, then shuts down within
// cfg.ShutdownGrace.
func (s *Server) serveHTTP(ctx context.Context, cfg Config, handler http.Handler, tlsConfig *tls.Config, log *slog.Logger) (func() error, error) {
	lis, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s (--http-addr): %w", cfg.HTTPAddr, err)
	}
	lis = newLimitListener(lis, cfg.MaxConnections)
	scheme := "http"
	if tlsConfig != nil {
		lis = tls.NewListener(lis, tlsConfig)
		scheme = "https"
	}
	hsrv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hsrv.Serve(lis) }()
	log.Info("serving HTTP", "addr", lis.Addr().String(), "page", scheme+"://"+lis.Addr().String()+"/")
	if cfg.HTTPReady != nil {
		cfg.HTTPReady(lis.Addr())
	}
	wait := func() error {
		select {
		case err := <-errc:
			return err
		case <-ctx.Done():
		}
		sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownGrace)
		defer cancel()
		if err := hsrv.Shutdown(sctx); err != nil {
			_ = hsrv.Close()
		}
		if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
	return wait, nil
}
