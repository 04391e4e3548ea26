package server

import (
	"bufio"
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// Role is what a token may do.
type Role int

const (
	roleNone Role = iota
	// RoleReader may ask every question and take every export.
	RoleReader
	// RoleAdmin may also use what changes or reveals the service (today: pprof).
	RoleAdmin
)

func (r Role) String() string {
	switch r {
	case RoleReader:
		return "reader"
	case RoleAdmin:
		return "admin"
	}
	return "none"
}

// Tokens are the bearer tokens of an --auth-tokens file, re-read by Reload.
type Tokens struct {
	path    string
	mu      sync.RWMutex
	entries []tokenEntry
}

type tokenEntry struct {
	token []byte
	role  Role
}

// LoadTokens reads an --auth-tokens file: one "TOKEN ROLE" a line (ROLE reader or admin),
// blank lines and lines starting with # ignored.
func LoadTokens(path string) (*Tokens, error) {
	t := &Tokens{path: path}
	if err := t.Reload(); err != nil {
		return nil, err
	}
	return t, nil
}

// Reload re-reads the file; on an error the tokens held so far stay.
func (t *Tokens) Reload() error {
	f, err := os.Open(t.path)
	if err != nil {
		return fmt.Errorf("--auth-tokens: %w", err)
	}
	defer f.Close()
	var entries []tokenEntry
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Fields(text)
		if len(fields) != 2 {
			// The line holds a token: its text must not reach the error.
			return fmt.Errorf("--auth-tokens %s:%d: want \"TOKEN ROLE\" (two fields), got %d fields", t.path, line, len(fields))
		}
		var role Role
		switch fields[1] {
		case "reader":
			role = RoleReader
		case "admin":
			role = RoleAdmin
		default:
			return fmt.Errorf("--auth-tokens %s:%d: role %q: want reader or admin", t.path, line, fields[1])
		}
		if len(fields[0]) < 16 {
			return fmt.Errorf("--auth-tokens %s:%d: token of %d characters: want at least 16 (e.g. openssl rand -hex 32)", t.path, line, len(fields[0]))
		}
		entries = append(entries, tokenEntry{token: []byte(fields[0]), role: role})
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("--auth-tokens %s: %w", t.path, err)
	}
	if len(entries) == 0 {
		return fmt.Errorf("--auth-tokens %s: no tokens; want one \"TOKEN ROLE\" a line", t.path)
	}
	t.mu.Lock()
	t.entries = entries
	t.mu.Unlock()
	return nil
}

// role is the token's role, roleNone for an unknown token. Every entry is compared, each in
// constant time, so the time taken says nothing about which token nearly matched.
func (t *Tokens) role(token string) Role {
	t.mu.RLock()
	defer t.mu.RUnlock()
	found := roleNone
	for _, e := range t.entries {
		if subtle.ConstantTimeCompare(e.token, []byte(token)) == 1 {
			found = e.role
		}
	}
	return found
}

// check says whether a request carrying the Authorization value may do what needs role.
func (t *Tokens) check(authorization string, need Role) error {
	token, ok := strings.CutPrefix(authorization, "Bearer ")
	if !ok || token == "" {
		return status.Error(codes.Unauthenticated, "no bearer token: send \"authorization: Bearer TOKEN\" (the CLI's --token or CHAINGRAPH_TOKEN)")
	}
	got := t.role(strings.TrimSpace(token))
	switch {
	case got == roleNone:
		return status.Error(codes.Unauthenticated, "the bearer token is not one of --auth-tokens")
	case got < need:
		return status.Errorf(codes.PermissionDenied, "this needs the %s role; the token is a %s's", need, got)
	}
	return nil
}

// grpcRole is the role a gRPC method needs: health is open, the rest (the questions,
// reflection) need a reader.
func grpcRole(fullMethod string) Role {
	if strings.HasPrefix(fullMethod, "/grpc.health.v1.Health/") {
		return roleNone
	}
	return RoleReader
}

func (t *Tokens) checkContext(ctx context.Context, fullMethod string) error {
	need := grpcRole(fullMethod)
	if need == roleNone {
		return nil
	}
	md, _ := metadata.FromIncomingContext(ctx)
	var authorization string
	if v := md.Get("authorization"); len(v) > 0 {
		authorization = v[0]
	}
	return t.check(authorization, need)
}

func (t *Tokens) unaryInterceptor() grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		if err := t.checkContext(ctx, info.FullMethod); err != nil {
			return nil, err
		}
		return handler(ctx, req)
	}
}

func (t *Tokens) streamInterceptor() grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		if err := t.checkContext(ss.Context(), info.FullMethod); err != nil {
			return err
		}
		return handler(srv, ss)
	}
}

// require wraps an HTTP handler so it needs a token of role need; a nil t (no --auth-tokens)
// lets everything through. The refusal is a Connect error body, which curl and the page read.
func (t *Tokens) require(need Role, next http.Handler) http.Handler {
	if t == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := t.check(r.Header.Get("Authorization"), need)
		if err == nil {
			next.ServeHTTP(w, r)
			return
		}
		st := status.Convert(err)
		code, name := http.StatusUnauthorized, "unauthenticated"
		if st.Code() == codes.PermissionDenied {
			code, name = http.StatusForbidden, "permission_denied"
		} else {
			w.Header().Set("WWW-Authenticate", `Bearer realm="chaingraph"`)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(map[string]string{"code": name, "message": st.Message()})
	})
}

// reloadOnHangup re-reads the tokens on every SIGHUP until ctx ends; a bad file keeps the old
// tokens and is logged (without any token's text).
func (t *Tokens) reloadOnHangup(ctx context.Context, log *slog.Logger) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			if err := t.Reload(); err != nil {
				log.Error("auth tokens not reloaded; the old ones stay", "err", err)
				continue
			}
			t.mu.RLock()
			n := len(t.entries)
			t.mu.RUnlock()
			log.Info("auth tokens reloaded", "tokens", n)
		}
	}
}
