package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strings"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/chaingraph/chaingraph/graph"
)

// Config says how to reach Neo4j.
type Config struct {
	URI      string // bolt://host:port, or neo4j://host:port for a cluster
	User     string // empty for no authentication
	Password string
	Database string // empty for the server's default ("neo4j")
}

// Store is a graph.Store on Neo4j.
type Store struct {
	driver neo4j.DriverWithContext
	db     string
	geo    atomic.Pointer[geography] // of the generation last read (see geography)
}

var _ graph.Store = (*Store)(nil)

// Open connects to Neo4j, checks connectivity and creates the schema (constraints and indexes)
// if it is missing.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		// One attempt per transaction: the store retries (see retrying), so that how long a
		// call retries follows its deadline.
		c.MaxTransactionRetryTime = 0
		// Fail fast under load instead of queueing for the default minute (see docs/neo4j.md
		// §3); a request's earlier deadline ends the wait sooner.
		c.ConnectionAcquisitionTimeout = 10 * time.Second
		// A dial into a host that does not answer costs at most this per attempt.
		c.SocketConnectTimeout = 2 * time.Second
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j %s: %w", RedactURI(cfg.URI), err)
	}
	s := &Store{driver: driver, db: cfg.Database}
	if err := driver.VerifyConnectivity(ctx); err != nil {
		_ = driver.Close(context.WithoutCancel(ctx))
		return nil, translate(fmt.Errorf("neo4j %s: %w", RedactURI(cfg.URI), err))
	}
	if err := s.ensureSchema(ctx); err != nil {
		_ = driver.Close(context.WithoutCancel(ctx))
		return nil, err
	}
	return s, nil
}

// Close closes the driver.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// Ping checks that Neo4j answers.
func (s *Store) Ping(ctx context.Context) error {
	return translate(s.driver.VerifyConnectivity(ctx))
}

func (s *Store) ensureSchema(ctx context.Context) error {
	for _, stmt := range schema {
		if _, err := s.execute(ctx, stmt, nil, neo4j.ExecuteQueryWithWritersRouting()); err != nil {
			return translate(fmt.Errorf("creating schema: %w", err))
		}
	}
	return nil
}

// View implements graph.Reader: a snapshot pinned to the current generation.
func (s *Store) View(ctx context.Context) (graph.Snapshot, error) {
	res, err := s.execute(ctx, currentGeneration, nil, neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, translate(err)
	}
	gen, _, err := neo4j.GetRecordValue[int64](res.Records[0], "gen")
	if err != nil {
		return nil, err
	}
	return &snapshot{s: s, gen: gen}, nil
}

// snapshot is a graph.Snapshot: every read looks at the nodes of one generation.
type snapshot struct {
	s   *Store
	gen int64
}

var _ graph.Snapshot = (*snapshot)(nil)

// Version implements graph.Snapshot: the generation.
func (v *snapshot) Version() int64 { return v.gen }

// readTx is a read transaction of one generation.
type readTx struct {
	tx  neo4j.ManagedTransaction
	gen int64
}

// read runs work in a managed read transaction of the snapshot's generation, after checking
// that the generation is still inGeneration: the current one, or the one it superseded while no load
// runs (a load deletes every generation but the current one as it starts; see Load). work must
// be retry-safe.
func read[T any](ctx context.Context, v *snapshot, work func(tx readTx) (T, error)) (T, error) {
	// The driver-wide bookmark manager chains this process's reads and writes causally: on a
	// cluster, a read routed to a lagging secondary waits until it has what earlier reads saw,
	// so a snapshot's generation does not vanish between two of its reads.
	session := v.s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: v.s.db, AccessMode: neo4j.AccessModeRead,
		BookmarkManager: v.s.driver.ExecuteQueryBookmarkManager()})
	defer session.Close(context.WithoutCancel(ctx))
	inGeneration := func(tx neo4j.ManagedTransaction) (T, error) {
		var zero T
		res, err := tx.Run(ctx, generationState, nil)
		if err != nil {
			return zero, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return zero, err
		}
		p := &props{m: rec.AsMap()}
		current, previous, last := p.int("current"), p.int("previous"), p.int("last")
		if p.err != nil {
			return zero, p.err
		}
		if v.gen != current && (v.gen != previous || last != current) {
			return zero, fmt.Errorf("generation %d (current %d): %w", v.gen, current, graph.ErrSnapshotGone)
		}
		return work(readTx{tx: tx, gen: v.gen})
	}
	out, err := retrying(ctx, func() (T, error) { return neo4j.ExecuteRead(ctx, session, inGeneration) })
	return out, translate(err)
}

// collect runs one query of the current generation in tx and returns its records.
func collect(ctx context.Context, tx readTx, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	withGen := make(map[string]any, len(params)+1)
	maps.Copy(withGen, params)
	withGen["gen"] = tx.gen
	res, err := tx.tx.Run(ctx, cypher, withGen)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// translate turns driver errors into graph sentinels, keeping the cause.
func translate(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, graph.ErrNotFound), errors.Is(err, graph.ErrInvalid), errors.Is(err, graph.ErrUnavailable), errors.Is(err, graph.ErrSnapshotGone):
		return err
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case neo4j.IsConnectivityError(err), neo4j.IsTransactionExecutionLimit(err):
		return fmt.Errorf("%w: %v", graph.ErrUnavailable, err)
	}
	return err
}

// RedactURI is uri with its user info (bolt://user:pw@host) replaced, for logs and errors.
func RedactURI(uri string) string {
	scheme, rest, ok := strings.Cut(uri, "://")
	if !ok {
		return uri
	}
	host, _, _ := strings.Cut(rest, "/")
	if at := strings.LastIndex(host, "@"); at >= 0 {
		return scheme + "://REDACTED@" + rest[at+1:]
	}
	return uri
}
