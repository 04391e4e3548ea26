package server_test

import (
	"context"
	"crypto/tls"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"
	"github.com/chaingraph/chaingraph/server"
	"github.com/chaingraph/chaingraph/server/export/toolcheck"
)

const (
	readerToken = "reader-token-0123456789abcdef"
	adminToken  = "admin-token-0123456789abcdef"
)

// secured runs the service with a development pair and a token file, pprof on; it returns the
// running service and the directory holding ca.pem.
func secured(t *testing.T, mutate func(*server.Config)) (running, string) {
	t.Helper()
	dir := t.TempDir()
	if err := server.WriteDevCert(dir, []string{"127.0.0.1", "localhost"}); err != nil {
		t.Fatal(err)
	}
	tokens := filepath.Join(dir, "tokens")
	if err := os.WriteFile(tokens, []byte("# who\n"+readerToken+" reader\n"+adminToken+" admin\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runSeeds(t, func(c *server.Config) {
		c.TLSCert, c.TLSKey = filepath.Join(dir, server.DevCertFiles.Cert), filepath.Join(dir, server.DevCertFiles.Key)
		c.AuthTokens = tokens
		c.Pprof = true
		if mutate != nil {
			mutate(c)
		}
	})
	r.httpURL = strings.Replace(r.httpURL, "http://", "https://", 1)
	return r, dir
}

func tlsConn(t *testing.T, addr, caFile string) *grpc.ClientConn {
	t.Helper()
	pool, err := server.LoadCertPool(caFile)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(credentials.NewTLS(&tls.Config{RootCAs: pool})))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

func withToken(token string) context.Context {
	return metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+token)
}

func TestGRPCWithTLSAndTokens(t *testing.T) {
	r, dir := secured(t, nil)
	conn := tlsConn(t, r.grpcAddr, filepath.Join(dir, server.DevCertFiles.CA))
	client := pb.NewChainGraphServiceClient(conn)

	resp, err := client.ListChains(withToken(readerToken), &pb.ListChainsRequest{})
	if err != nil || len(resp.GetChains()) == 0 {
		t.Fatalf("reader token over TLS: %v chains, err %v", len(resp.GetChains()), err)
	}
	for name, ctx := range map[string]context.Context{
		"no token":      context.Background(),
		"unknown token": withToken("not-a-token-of-the-file-at-all"),
	} {
		if _, err := client.ListChains(ctx, &pb.ListChainsRequest{}); status.Code(err) != codes.Unauthenticated {
			t.Errorf("%s: got %v, want Unauthenticated", name, err)
		}
	}
	// Health stays open, for load balancers.
	if _, err := healthpb.NewHealthClient(conn).Check(context.Background(), &healthpb.HealthCheckRequest{}); err != nil {
		t.Errorf("health without a token: %v", err)
	}
	// Reflection needs a token.
	for token, want := range map[string]codes.Code{"": codes.Unauthenticated, readerToken: codes.OK} {
		ctx := context.Background()
		if token != "" {
			ctx = withToken(token)
		}
		stream, err := reflectionpb.NewServerReflectionClient(conn).ServerReflectionInfo(ctx)
		if err == nil {
			err = stream.Send(&reflectionpb.ServerReflectionRequest{MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{}})
		}
		if err == nil {
			_, err = stream.Recv()
		}
		if status.Code(err) != want {
			t.Errorf("reflection with token %q: got %v, want %v", token, err, want)
		}
	}
	// Plaintext to the TLS port fails.
	plain, err := grpc.NewClient(r.grpcAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	if _, err := pb.NewChainGraphServiceClient(plain).ListChains(withToken(readerToken), &pb.ListChainsRequest{}); err == nil {
		t.Error("plaintext call to the TLS port answered")
	}
}

// TestCurlWithTLSAndTokens: curl with the CA and a reader token gets answers; without it 401;
// pprof (admin) with a reader's token 403; exports, the map and metrics need a token; the
// page and /healthz stay open; plain http to the TLS port fails.
func TestCurlWithTLSAndTokens(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		toolcheck.Missing(t, "no curl: apt-get install curl")
	}
	r, dir := secured(t, nil)
	ca := filepath.Join(dir, server.DevCertFiles.CA)
	get := func(token, path string, extra ...string) string {
		args := []string{"-sS", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", ca}
		if token != "" {
			args = append(args, "-H", "Authorization: Bearer "+token)
		}
		args = append(append(args, extra...), r.httpURL+path)
		out, err := exec.Command(curl, args...).Output()
		if err != nil {
			t.Fatalf("curl %s: %v", path, err)
		}
		return string(out)
	}
	rpc := []string{"-H", "Content-Type: application/json", "-d", `{}`}
	cases := []struct {
		name, token, path string
		extra             []string
		want              string
	}{
		{"rpc with reader", readerToken, "/chaingraph.v1.ChainGraphService/ListChains", rpc, "200"},
		{"rpc without token", "", "/chaingraph.v1.ChainGraphService/ListChains", rpc, "401"},
		{"rpc with unknown token", "not-a-token-of-the-file-at-all", "/chaingraph.v1.ChainGraphService/ListChains", rpc, "401"},
		{"export without token", "", "/export/weak.csv?chain=nev", nil, "401"},
		{"export with reader", readerToken, "/export/weak.csv?chain=nev", nil, "200"},
		{"map without token", "", "/map/regions.geojson?level=county", nil, "401"},
		{"metrics without token", "", "/metrics", nil, "401"},
		{"metrics with reader", readerToken, "/metrics", nil, "200"},
		{"pprof with reader", readerToken, "/debug/pprof/", nil, "403"},
		{"pprof with admin", adminToken, "/debug/pprof/", nil, "200"},
		{"healthz open", "", "/healthz", nil, "200"},
		{"page open", "", "/", nil, "200"},
	}
	for _, tc := range cases {
		if got := get(tc.token, tc.path, tc.extra...); got != tc.want {
			t.Errorf("%s: HTTP %s, want %s", tc.name, got, tc.want)
		}
	}
	plainURL := strings.Replace(r.httpURL, "https://", "http://", 1) + "/healthz"
	if out, err := exec.Command(curl, "-sS", "-f", plainURL).CombinedOutput(); err == nil {
		t.Errorf("plain http to the TLS port answered: %s", out)
	}
}

func TestValidateRefusesPlaintextOffLoopback(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.Addr = "0.0.0.0:50051"
	err := cfg.Validate()
	if err == nil || !strings.Contains(err.Error(), "--addr 0.0.0.0:50051") || !strings.Contains(err.Error(), "--insecure") {
		t.Fatalf("Validate of plaintext on 0.0.0.0: %v, want an error naming --addr and --insecure", err)
	}
	cfg.Insecure = true
	if err := cfg.Validate(); err != nil {
		t.Errorf("with --insecure: %v", err)
	}
	if err := server.DefaultConfig().Validate(); err != nil {
		t.Errorf("the defaults (loopback, plaintext) must stay valid: %v", err)
	}
}

func TestLoadTokensErrorsNameTheLineNotTheToken(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tokens")
	secret := "secret-token-0123456789abcdef"
	for content, want := range map[string]string{
		secret + " writer\n":       `:1: role "writer": want reader or admin`,
		"\n" + secret + "\n":       ":2: want \"TOKEN ROLE\"",
		"short reader\n":           "want at least 16",
		"# only a comment\n":       "no tokens",
		secret + " reader extra\n": "got 3 fields",
	} {
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := server.LoadTokens(path)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want an error containing %q", content, err, want)
		}
		if err != nil && strings.Contains(err.Error(), secret) {
			t.Errorf("%q: the error shows the token: %v", content, err)
		}
	}
}

func TestTokensReloadOnSIGHUP(t *testing.T) {
	r, dir := secured(t, nil)
	client := pb.NewChainGraphServiceClient(tlsConn(t, r.grpcAddr, filepath.Join(dir, server.DevCertFiles.CA)))
	fresh := "fresh-token-0123456789abcdef"
	if _, err := client.ListChains(withToken(fresh), &pb.ListChainsRequest{}); status.Code(err) != codes.Unauthenticated {
		t.Fatalf("before the reload: %v, want Unauthenticated", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tokens"), []byte(fresh+" reader\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, err := client.ListChains(withToken(fresh), &pb.ListChainsRequest{})
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after SIGHUP the new token still fails: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if _, err := client.ListChains(withToken(readerToken), &pb.ListChainsRequest{}); status.Code(err) != codes.Unauthenticated {
		t.Errorf("a token removed from the file still works: %v", err)
	}
}
