package cli_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/seeds"
	"github.com/chaingraph/chaingraph/server"
)

const cliReaderToken = "cli-reader-token-0123456789"

// serveSecured runs the service over TLS with a pair from `chaingraph dev-cert` and one reader
// token; it returns the gRPC address and the CA file.
func serveSecured(t *testing.T) (addr, ca string) {
	t.Helper()
	dir := t.TempDir()
	if code, _, stderr := run(t, "dev-cert", "--out", dir); code != 0 {
		t.Fatalf("dev-cert: exit %d: %s", code, stderr)
	}
	tokens := filepath.Join(dir, "tokens")
	if err := os.WriteFile(tokens, []byte(cliReaderToken+" reader\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ds, err := loaders.Build(loaders.Source{Name: "seeds", FS: seeds.FS})
	if err != nil {
		t.Fatal(err)
	}
	store := memstore.New()
	if err := store.Replace(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	cfg := server.DefaultConfig()
	cfg.Addr, cfg.HTTPAddr = "127.0.0.1:0", ""
	cfg.TLSCert, cfg.TLSKey = filepath.Join(dir, "server.pem"), filepath.Join(dir, "server-key.pem")
	cfg.AuthTokens = tokens
	ctx, cancel := context.WithCancel(context.Background())
	addrs, done := make(chan net.Addr, 1), make(chan error, 1)
	go func() {
		done <- server.Run(ctx, cfg, store, slog.New(slog.NewTextHandler(io.Discard, nil)), func(a net.Addr) { addrs <- a })
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server: %v", err)
		}
	})
	select {
	case a := <-addrs:
		return a.String(), filepath.Join(dir, "ca.pem")
	case err := <-done:
		t.Fatalf("server did not start: %v", err)
	}
	return "", ""
}

func TestCLIWithTLSAndToken(t *testing.T) {
	addr, ca := serveSecured(t)
	if code, stdout, stderr := run(t, "chains", "--addr", addr, "--tls-ca", ca, "--token", cliReaderToken); code != 0 || !strings.Contains(stdout, "新能源汽车") {
		t.Errorf("--tls-ca and --token: exit %d, stdout %.200q, stderr %.300q", code, stdout, stderr)
	}
	t.Run("CHAINGRAPH_TOKEN", func(t *testing.T) {
		t.Setenv("CHAINGRAPH_TOKEN", cliReaderToken)
		if code, _, stderr := run(t, "chains", "--addr", addr, "--tls-ca", ca); code != 0 {
			t.Errorf("token from the environment: exit %d: %s", code, stderr)
		}
	})
	if code, _, stderr := run(t, "chains", "--addr", addr, "--tls-ca", ca); code == 0 || !strings.Contains(stderr, "Unauthenticated") && !strings.Contains(stderr, "token") {
		t.Errorf("without a token: exit %d, stderr %q; want a failure about the token", code, stderr)
	}
	if code, _, _ := run(t, "chains", "--addr", addr, "--token", cliReaderToken, "--timeout", "3s"); code == 0 {
		t.Error("plaintext to the TLS port answered")
	}
	if code, _, stderr := run(t, "chains", "--addr", addr, "--tls-ca", filepath.Join(t.TempDir(), "none.pem")); code == 0 || !strings.Contains(stderr, "--tls-ca") {
		t.Errorf("a missing --tls-ca file: exit %d, stderr %q; want an error naming --tls-ca", code, stderr)
	}
}

func TestServeRefusesPlaintextOffLoopback(t *testing.T) {
	code, _, stderr := run(t, "serve", "--addr", "0.0.0.0:0", "--http-addr", "")
	if code == 0 || !strings.Contains(stderr, "--insecure") || !strings.Contains(stderr, "--tls-cert") {
		t.Errorf("serve on 0.0.0.0 without TLS: exit %d, stderr %q; want a refusal naming --tls-cert and --insecure", code, stderr)
	}
}

// The password in a --neo4j-uri's user info shows in no error; the password file is read.
func TestNeo4jSecretsStayHidden(t *testing.T) {
	pwFile := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pwFile, []byte("file-secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, "load", "--neo4j-uri", "bolt://neo4j:uri-secret@127.0.0.1:1", "--neo4j-user", "neo4j", "--neo4j-password-file", pwFile)
	if code == 0 {
		t.Fatal("load against a closed port succeeded")
	}
	for _, secret := range []string{"uri-secret", "file-secret"} {
		if strings.Contains(stdout+stderr, secret) {
			t.Errorf("the output shows %q:\n%s%s", secret, stdout, stderr)
		}
	}
	if !strings.Contains(stderr, "REDACTED@127.0.0.1:1") {
		t.Errorf("stderr %q: want the URI with its user info redacted", stderr)
	}
	if code, _, stderr := run(t, "load", "--neo4j-uri", "bolt://127.0.0.1:1", "--neo4j-password-file", filepath.Join(t.TempDir(), "none")); code == 0 || !strings.Contains(stderr, "--neo4j-password-file") {
		t.Errorf("a missing password file: exit %d, stderr %q; want an error naming --neo4j-password-file", code, stderr)
	}
}
