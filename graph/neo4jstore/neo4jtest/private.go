package neo4jtest

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Private is a Neo4j test server of one test's own, for tests that kill or stop it: the shared
// server must never be stopped, other tests use it. It is testserver/neo4j.sh on a state dir
// in the test's temporary directory and a free port.
type Private struct {
	URI   string // bolt://127.0.0.1:<port>
	State string // the state dir: data/, neo4j.log, neo4j.pid
	port  int
}

// StartPrivate starts a private server (20-60 s) and stops it when the test ends. It runs where
// the shared Neo4j tests run: it skips, or fails under CI=true, as Open does.
func StartPrivate(t *testing.T) *Private {
	t.Helper()
	sharedURI(t)
	port, err := freePort()
	if err != nil {
		t.Fatalf("finding a free port for a private Neo4j: %v", err)
	}
	p := &Private{State: filepath.Join(t.TempDir(), "neo4j"), port: port}
	t.Cleanup(func() {
		if out, err := p.script("stop"); err != nil {
			t.Errorf("stopping the private Neo4j: %v\n%s", err, out)
		}
	})
	p.start(t, "start")
	return p
}

// Kill sends SIGKILL to the server process, as a crash or the OOM killer would, and returns
// once the process is gone, with the time the signal was sent.
func (p *Private) Kill(t *testing.T) time.Time { t.Helper(); return p.signal(t, syscall.SIGKILL) }

// Terminate stops the server as an operator would (SIGTERM: Neo4j shuts down cleanly), keeping
// its data, and returns once the process is gone, with the time the signal was sent.
func (p *Private) Terminate(t *testing.T) time.Time { t.Helper(); return p.signal(t, syscall.SIGTERM) }

func (p *Private) signal(t *testing.T, sig syscall.Signal) time.Time {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(p.State, "neo4j.pid"))
	if err != nil {
		t.Fatalf("reading the private Neo4j's pid: %v", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatalf("the private Neo4j's pid file: %v", err)
	}
	sent := time.Now()
	if err := syscall.Kill(pid, sig); err != nil {
		t.Fatalf("kill -%d %d: %v", sig, pid, err)
	}
	// Both: the main thread turns zombie while the JVM's other threads, and its sockets, may
	// still be going.
	for deadline := sent.Add(60 * time.Second); processLives(pid) || p.Listening(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the private Neo4j (pid %d) still runs or listens 60 s after signal %d", pid, sig)
		}
	}
	return sent
}

// processLives reports whether pid runs: it exists and is not a zombie (the server was started
// detached, so no one here reaps it).
func processLives(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	// The state follows the parenthesised command name, which may itself hold ") ".
	i := bytes.LastIndexByte(stat, ')')
	return i >= 0 && i+2 < len(stat) && stat[i+2] != 'Z'
}

// Resume starts the server again on the same port and the data the killed one left; Neo4j
// recovers the store from its transaction log as it starts.
func (p *Private) Resume(t *testing.T) { t.Helper(); p.start(t, "resume") }

// Listening reports whether the server's Bolt port accepts connections.
func (p *Private) Listening() bool {
	c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", p.port), time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

func (p *Private) start(t *testing.T, command string) {
	t.Helper()
	out, err := p.script(command)
	if err != nil {
		t.Fatalf("neo4j.sh %s for a private Neo4j: %v\n%s", command, err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	p.URI = lines[len(lines)-1]
	if want := fmt.Sprintf("bolt://127.0.0.1:%d", p.port); p.URI != want {
		t.Fatalf("neo4j.sh %s printed %q last, want %q", command, p.URI, want)
	}
}

// script runs neo4j.sh with the private state dir and port; stdout only (the log goes to the
// state dir, progress to stderr, which is kept for errors).
func (p *Private) script(command string) ([]byte, error) {
	_, here, _, _ := runtime.Caller(0)
	cmd := exec.Command(filepath.Join(filepath.Dir(here), "..", "testserver", "neo4j.sh"), command)
	cmd.Env = append(os.Environ(), "CHAINGRAPH_NEO4J_STATE="+p.State, "CHAINGRAPH_NEO4J_PORT="+strconv.Itoa(p.port))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return append(out, stderr.Bytes()...), err
	}
	return out, nil
}

// freePort is a TCP port on loopback that nothing listened on a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
