package cli_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"
)

// stubService answers ListChains with a chosen status, or not until the caller gives up.
type stubService struct {
	pb.UnimplementedChainGraphServiceServer
	err   error
	block bool
}

func (s stubService) ListChains(ctx context.Context, _ *pb.ListChainsRequest) (*pb.ListChainsResponse, error) {
	if s.block {
		<-ctx.Done()
		return nil, status.FromContextError(ctx.Err()).Err()
	}
	return nil, s.err
}

// serveGRPC runs a gRPC server on a loopback port with register's services; it returns the
// address.
func serveGRPC(t *testing.T, register func(*grpc.Server)) string {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	gs := grpc.NewServer()
	register(gs)
	go func() { _ = gs.Serve(lis) }()
	t.Cleanup(gs.Stop)
	return lis.Addr().String()
}

func serveStub(t *testing.T, s stubService) string {
	return serveGRPC(t, func(gs *grpc.Server) { pb.RegisterChainGraphServiceServer(gs, s) })
}

// closedPort is a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := lis.Addr().String()
	lis.Close()
	return addr
}

// Each status the service (or the network) can answer reaches the user as a sentence saying
// what to do, never as "rpc error: code = …", and exits 1.
func TestServiceErrorsInPlainWords(t *testing.T) {
	seeds := serveSeeds(t)
	closed := closedPort(t)
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("<html>")) }))
	t.Cleanup(web.Close)
	webAddr := strings.TrimPrefix(web.URL, "http://")
	bare := serveGRPC(t, func(*grpc.Server) {}) // a gRPC server without the chaingraph service
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"closed port", []string{"chains", "--addr", closed},
			[]string{"no chaingraph server at " + closed + " — start one with `chaingraph serve` (or set --addr / CHAINGRAPH_ADDR)"}},
		{"closed port, gaps", []string{"gaps", "lacking", "--link", "电池材料", "--addr", closed}, []string{"no chaingraph server at " + closed}},
		{"not found suggests", []string{"gaps", "weak", "--chain", "新能源汽", "--addr", seeds}, []string{`chain "新能源汽" not found; did you mean 新能源汽车`, "(--chain)"}},
		{"not found, links", []string{"links", "--chain", "新能源汽", "--addr", seeds}, []string{"did you mean 新能源汽车"}},
		{"not found, region", []string{"gaps", "profile", "--region", "仙桃去", "--addr", seeds}, []string{`"仙桃去" not found`}},
		{"invalid argument names field and flag", []string{"gaps", "plan", "--picture", "existing", "--addr", seeds}, []string{"invalid request: facts.picture: ", "(--picture)"}},
		{"invalid argument, years", []string{"gaps", "compare", "--link", "电池材料", "--from", "2024", "--to", "2013", "--addr", seeds}, []string{"to_year", "(--to)"}},
		{"invalid argument, as of", []string{"gaps", "matrix", "--chain", "nev", "--as-of", "12", "--addr", seeds}, []string{"facts.as_of", "(--as-of)"}},
		{"client deadline", []string{"chains", "--timeout", "200ms", "--addr", serveStub(t, stubService{block: true})}, []string{"no answer within 200ms — raise --timeout"}},
		{"service deadline", []string{"chains", "--addr", serveStub(t, stubService{err: status.Error(codes.DeadlineExceeded, "context deadline exceeded")})},
			[]string{"gave up after", "serve --request-timeout"}},
		{"unimplemented", []string{"chains", "--addr", bare}, []string{"does not answer this question", "older chaingraph"}},
		{"internal", []string{"chains", "--addr", serveStub(t, stubService{err: status.Error(codes.Internal, "internal error")})}, []string{"failed (internal error); its log says why"}},
		{"busy", []string{"chains", "--addr", serveStub(t, stubService{err: status.Error(codes.ResourceExhausted, "too many heavy requests")})}, []string{"too busy to answer (too many heavy requests); try again"}},
		{"store down", []string{"chains", "--addr", serveStub(t, stubService{err: status.Error(codes.Unavailable, "the graph store is unavailable; retry later")})},
			[]string{"is unavailable: the graph store is unavailable; retry later"}},
		{"other codes in words", []string{"chains", "--addr", serveStub(t, stubService{err: status.Error(codes.PermissionDenied, "not for you")})}, []string{"answered permission denied: not for you"}},
		{"an HTTP port", []string{"chains", "--addr", webAddr}, []string{"not a chaingraph gRPC server", "HTTP port"}},
	} {
		code, _, errOut := run(t, tc.args...)
		if code != 1 {
			t.Errorf("%s: exit %d, want 1; stderr %q", tc.name, code, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", tc.name, w, errOut)
			}
		}
		for _, bad := range []string{"rpc error", "code ="} {
			if strings.Contains(errOut, bad) {
				t.Errorf("%s: stderr shows the gRPC status %q:\n%s", tc.name, bad, errOut)
			}
		}
	}
}
