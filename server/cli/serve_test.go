package cli_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chaingraph/chaingraph/server/cli"
)

// syncBuffer is a bytes.Buffer the server's logger and the test can share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs `chaingraph serve args…` until the test ends and returns its log once it
// contains until.
func startServe(t *testing.T, until string, args ...string) *syncBuffer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	log := &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- cli.Main(ctx, append([]string{"serve"}, args...), io.Discard, log) }()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d:\n%s", code, log.String())
		}
	})
	deadline := time.After(30 * time.Second)
	for !strings.Contains(log.String(), until) {
		select {
		case code := <-done:
			done <- code
			t.Fatalf("serve exited %d before logging %q:\n%s", code, until, log.String())
		case <-deadline:
			t.Fatalf("serve did not log %q within 30s:\n%s", until, log.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	return log
}

// serve says where the page is, at the address it really bound, and the page is there.
func TestServeSaysWhereThePageIs(t *testing.T) {
	log := startServe(t, "in a browser", "--addr", "localhost:0", "--http-addr", "127.0.0.1:0", "--log-level", "info")
	url := regexp.MustCompile(`打开 (http://127\.0\.0\.1:[1-9][0-9]*/) in a browser`).FindStringSubmatch(log.String())
	if url == nil {
		t.Fatalf("no page address in the log:\n%s", log.String())
	}
	resp, err := http.Get(url[1])
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET %s: %s, want 200 OK", url[1], resp.Status)
	}
}

func TestServeWithoutHTTPNamesNoPage(t *testing.T) {
	t.Setenv("CHAINGRAPH_HTTP_ADDR", "127.0.0.1:1") // the flag wins over the environment
	log := startServe(t, `"msg":"serving"`, "--addr", "127.0.0.1:0", "--http-addr", "")
	if strings.Contains(log.String(), "in a browser") {
		t.Errorf("--http-addr \"\" still names a page:\n%s", log.String())
	}
}
