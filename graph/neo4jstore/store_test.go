package neo4jstore_test

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/graphtest"
	"github.com/chaingraph/chaingraph/graph/neo4jstore"
)

// The Neo4j-backed suite runs when CHAINGRAPH_TEST_NEO4J_URI names a server (the project's
// launcher starts one: graph/neo4jstore/testserver/neo4j.sh). It skips with a reason otherwise,
// except under CI=true, where a missing Neo4j is a failure.

var (
	openOnce  sync.Once
	shared    *neo4jstore.Store
	openError error
)

// OpenTestStore returns the shared store on the test server, or skips (fails under CI).
func OpenTestStore(t *testing.T) *neo4jstore.Store {
	t.Helper()
	uri := os.Getenv("CHAINGRAPH_TEST_NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but CHAINGRAPH_TEST_NEO4J_URI is not set: the Neo4j suite must run in CI")
		}
		t.Skip("CHAINGRAPH_TEST_NEO4J_URI is not set; start Neo4j with graph/neo4jstore/testserver/neo4j.sh start")
	}
	openOnce.Do(func() {
		shared, openError = neo4jstore.Open(context.Background(), neo4jstore.Config{
			URI: uri, User: os.Getenv("CHAINGRAPH_TEST_NEO4J_USER"), Password: os.Getenv("CHAINGRAPH_TEST_NEO4J_PASSWORD"),
		})
	})
	if openError != nil {
		t.Fatalf("opening Neo4j at %s: %v", uri, openError)
	}
	return shared
}

// Tests share the one database Community offers; each Replace wipes it, so they run serially.
func TestConformance(t *testing.T) {
	graphtest.Run(t, func(t *testing.T) graph.Store { return OpenTestStore(t) })
}
