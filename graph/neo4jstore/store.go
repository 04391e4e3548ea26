package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"maps"
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
		// Fail fast under load instead of queueing for the default minute (see docs/neo4j.md §3).
		c.ConnectionAcquisitionTimeout = 10 * time.Second
		c.MaxTransactionRetryTime = 15 * time.Second
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j %s: %w", cfg.URI, err)
	}
	s := &Store{driver: driver, db: cfg.Database}
	if err := driver.VerifyConnectivity(ctx); err != nil {
		_ = driver.Close(context.WithoutCancel(ctx))
		return nil, translate(fmt.Errorf("neo4j %s: %w", cfg.URI, err))
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
		if _, err := neo4j.ExecuteQuery(ctx, s.driver, stmt, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.db)); err != nil {
			return translate(fmt.Errorf("creating schema: %w", err))
		}
	}
	return nil
}

// Version implements graph.Reader: the current generation (see Load).
func (s *Store) Version(ctx context.Context) (int64, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, currentGeneration, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return 0, translate(err)
	}
	gen, _, err := neo4j.GetRecordValue[int64](res.Records[0], "gen")
	return gen, err
}

// readTx is a read transaction pinned to the generation that was current when it began.
type readTx struct {
	tx  neo4j.ManagedTransaction
	gen int64
}

// read runs work in a managed read transaction that first reads the current generation, so
// every query of work sees one whole graph. work must be retry-safe.
func read[T any](ctx context.Context, s *Store, work func(tx readTx) (T, error)) (T, error) {
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeRead})
	defer session.Close(context.WithoutCancel(ctx))
	v, err := neo4j.ExecuteRead(ctx, session, func(tx neo4j.ManagedTransaction) (T, error) {
		res, err := tx.Run(ctx, currentGeneration, nil)
		if err != nil {
			var zero T
			return zero, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			var zero T
			return zero, err
		}
		gen, _, err := neo4j.GetRecordValue[int64](rec, "gen")
		if err != nil {
			var zero T
			return zero, err
		}
		return work(readTx{tx: tx, gen: gen})
	})
	return v, translate(err)
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
	case errors.Is(err, graph.ErrNotFound), errors.Is(err, graph.ErrInvalid), errors.Is(err, graph.ErrUnavailable):
		return err
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case neo4j.IsConnectivityError(err), neo4j.IsTransactionExecutionLimit(err):
		return fmt.Errorf("%w: %v", graph.ErrUnavailable, err)
	}
	return err
}
