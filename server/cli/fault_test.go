package cli_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/graph/neo4jstore"
	"github.com/chaingraph/chaingraph/graph/neo4jstore/neo4jtest"
	"github.com/chaingraph/chaingraph/loaders/synth"
	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"
)

// The bounds this test holds the service to once Neo4j's process is gone (see
// neo4jstore.MaxRetryTime and server/health.go), each with a second's margin for a 2-core
// machine that also runs the dying or starting JVM.
const (
	// A call fails UNAVAILABLE within half its deadline, and within MaxRetryTime (3 s) at most.
	unavailableWithin = neo4jstore.MaxRetryTime + time.Second
	// Health turns NOT_SERVING within the ping interval and timeout (3 s).
	notServingWithin = 4 * time.Second
	// Once Neo4j listens again, health is SERVING and calls are answered within this.
	recoveredWithin = 10 * time.Second
)

// `load` killed (kill -9) mid-way leaves the graph it replaces whole; Neo4j stopped (SIGTERM)
// and killed (SIGKILL) under a running `serve` makes calls fail UNAVAILABLE within the bounds
// above, turns health NOT_SERVING, and once Neo4j is back on its data the same `serve` process
// answers again, the same answer as before the outage.
func TestLoadKilledAndNeo4jLostUnderServe(t *testing.T) {
	srv := neo4jtest.StartPrivate(t)
	bin := buildChaingraph(t)
	ctx := context.Background()
	store, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: srv.URI})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close(context.Background()) })

	if out, err := exec.Command(bin, "load", "--neo4j-uri", srv.URI).CombinedOutput(); err != nil {
		t.Fatalf("chaingraph load (the seeds): %v\n%s", err, out)
	}
	seedNames := storeNames(t, store)
	seedCurrent, _, err := store.Generations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	synthDir := t.TempDir()
	if _, err := synth.Write(synthDir, 0.01); err != nil {
		t.Fatal(err)
	}
	loadSynth := []string{"load", "--neo4j-uri", srv.URI, "--no-seeds", "--no-geography", "--data", synthDir}

	// `load` killed mid-way: at the first step it reports done once a quarter of the rows are in.
	load := exec.Command(bin, append(loadSynth, "--batch-size", "100", "--workers", "2")...)
	stderr, err := load.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := load.Start(); err != nil {
		t.Fatal(err)
	}
	progress := regexp.MustCompile(`\((\d+) of (\d+) rows`)
	var seen []string
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		seen = append(seen, lines.Text())
		m := progress.FindStringSubmatch(lines.Text())
		if m == nil {
			continue
		}
		done, _ := strconv.Atoi(m[1])
		total, _ := strconv.Atoi(m[2])
		if 4*done >= total && done < total {
			break
		}
	}
	if err := load.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, stderr)
	if err := load.Wait(); err == nil {
		t.Fatalf("chaingraph load ended by itself before it was a quarter done:\n%q", seen)
	}
	t.Logf("killed chaingraph load after %q", seen[len(seen)-1])
	if diff := cmp.Diff(seedNames, storeNames(t, store)); diff != "" {
		t.Fatalf("after chaingraph load was killed, readers see (-seeds +seen):\n%s", diff)
	}
	current, present, err := store.Generations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if current != seedCurrent || slices.Max(present) <= current {
		t.Fatalf("after the killed load: current generation %d, generations with nodes %v; want %d current and the killed load's part kept, unseen",
			current, present, seedCurrent)
	}
	if out, err := exec.Command(bin, loadSynth...).CombinedOutput(); err != nil {
		t.Fatalf("chaingraph load after the killed one: %v\n%s", err, out)
	}
	ds, err := synth.Dataset(0.01)
	if err != nil {
		t.Fatal(err)
	}
	oracle := memstore.New()
	if err := oracle.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(storeNames(t, oracle), storeNames(t, store)); diff != "" {
		t.Fatalf("after the reload (-memstore +neo4j):\n%s", diff)
	}

	// Neo4j lost under a running serve.
	addr := startServeProcess(t, bin, "--neo4j-uri", srv.URI, "--addr", "127.0.0.1:0", "--http-addr", "")
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	client, health := pb.NewChainGraphServiceClient(conn), healthpb.NewHealthClient(conn)
	var county string
	for _, r := range ds.Regions {
		if r.Level == graph.LevelCounty {
			county = r.ID
			break
		}
	}
	profile := func(deadline time.Duration) (*pb.GetRegionProfileResponse, error) {
		ctx, cancel := context.WithTimeout(context.Background(), deadline)
		defer cancel()
		return client.GetRegionProfile(ctx, &pb.GetRegionProfileRequest{Region: county})
	}
	waitHealth(t, health, healthpb.HealthCheckResponse_SERVING, recoveredWithin)
	start := time.Now()
	before, err := profile(30 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Neo4j up: the first GetRegionProfile took %s", time.Since(start).Round(time.Millisecond))

	for _, outage := range []struct {
		name string
		stop func(*testing.T) time.Time
	}{{"stopped (SIGTERM)", srv.Terminate}, {"killed (SIGKILL)", srv.Kill}} {
		down := outage.stop(t)
		signalled := time.Since(down) // the stop returns once the process is gone
		notServing := make(chan time.Duration, 1)
		go func() {
			notServing <- waitHealth(t, health, healthpb.HealthCheckResponse_NOT_SERVING, notServingWithin)
		}()
		for _, deadline := range []time.Duration{2 * time.Second, 30 * time.Second} {
			start := time.Now()
			_, err := profile(deadline)
			took := time.Since(start)
			t.Logf("Neo4j %s: GetRegionProfile with a %s deadline: %s after %s", outage.name, deadline, status.Code(err), took.Round(time.Millisecond))
			if limit := min(unavailableWithin, deadline/2+time.Second/2); status.Code(err) != codes.Unavailable || took > limit {
				t.Errorf("Neo4j %s: GetRegionProfile with a %s deadline returned %v after %s, want UNAVAILABLE within %s", outage.name, deadline, err, took, limit)
			}
		}
		t.Logf("Neo4j %s: health NOT_SERVING %s after the signal", outage.name, (<-notServing + signalled).Round(time.Millisecond))

		srv.Resume(t)
		back := time.Now()
		serving := waitHealth(t, health, healthpb.HealthCheckResponse_SERVING, recoveredWithin)
		after, err := profile(30 * time.Second)
		answered := time.Since(back)
		if err != nil {
			t.Fatalf("Neo4j back after being %s: GetRegionProfile: %v", outage.name, err)
		}
		t.Logf("Neo4j %s: down %s in all; back: health SERVING after %s, first profile answered after %s",
			outage.name, back.Sub(down).Round(time.Millisecond), serving.Round(time.Millisecond), answered.Round(time.Millisecond))
		if !proto.Equal(before, after) {
			t.Errorf("Neo4j back after being %s: the profile differs from before the outage", outage.name)
		}
	}
}

// buildChaingraph builds the binary into a temporary directory.
func buildChaingraph(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "chaingraph")
	build := exec.Command("go", "build", "-o", bin, "github.com/chaingraph/chaingraph")
	build.Env = append(os.Environ(), "GOFLAGS=-buildvcs=false")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startServeProcess runs `chaingraph serve args…` as a process until the test ends and returns
// the gRPC address it logged.
func startServeProcess(t *testing.T, bin string, args ...string) string {
	t.Helper()
	serve := exec.Command(bin, append([]string{"serve"}, args...)...)
	log, err := serve.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		serve.Process.Signal(os.Interrupt)
		serve.Wait()
	})
	addrs := make(chan string, 1)
	var mu sync.Mutex
	var seen []string
	go func() {
		serving := regexp.MustCompile(`"msg":"serving","addr":"([^"]+)"`)
		lines := bufio.NewScanner(log)
		for lines.Scan() {
			mu.Lock()
			seen = append(seen, lines.Text())
			mu.Unlock()
			if m := serving.FindStringSubmatch(lines.Text()); m != nil {
				addrs <- m[1]
			}
		}
	}()
	select {
	case addr := <-addrs:
		return addr
	case <-time.After(60 * time.Second):
		mu.Lock()
		defer mu.Unlock()
		t.Fatalf("chaingraph serve logged no address within 60 s:\n%q", seen)
		return ""
	}
}

// waitHealth polls the health service until it reports want and returns how long that took.
func waitHealth(t *testing.T, health healthpb.HealthClient, want healthpb.HealthCheckResponse_ServingStatus, within time.Duration) time.Duration {
	start := time.Now()
	var last string
	for time.Since(start) < within {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		res, err := health.Check(ctx, &healthpb.HealthCheckRequest{})
		cancel()
		if err == nil && res.Status == want {
			return time.Since(start)
		}
		last = fmt.Sprint(res.GetStatus(), err)
		time.Sleep(20 * time.Millisecond)
	}
	t.Errorf("health is not %s within %s; last %s", want, within, last)
	return time.Since(start)
}

// storeNames is every name a store resolves.
func storeNames(t *testing.T, s graph.Reader) []graph.Named {
	t.Helper()
	v, err := s.View(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	names, err := v.Names(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return names
}
