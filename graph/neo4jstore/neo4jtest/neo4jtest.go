// Package neo4jtest opens the Neo4j test server for tests in any package. The server is named
// by CHAINGRAPH_TEST_NEO4J_URI (graph/neo4jstore/testserver/neo4j.sh starts one). Without it a
// test skips with a reason, except under CI=true, where a missing Neo4j is a failure.
//
// It is test support only. All tests share the one database Neo4j Community has, and Replace
// wipes it, so packages that use it must not run Neo4j tests in parallel with each other
// (go test runs packages in parallel: the Makefile passes -p 1 for that reason).
package neo4jtest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/chaingraph/chaingraph/graph/neo4jstore"
)

var (
	once    sync.Once
	shared  *neo4jstore.Store
	openErr error

	routedOnce    sync.Once
	routed        *neo4jstore.Store
	routedOpenErr error
)

// sharedURI is CHAINGRAPH_TEST_NEO4J_URI, or it skips the test (fails it under CI=true).
func sharedURI(t *testing.T) string {
	t.Helper()
	uri := os.Getenv("CHAINGRAPH_TEST_NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but CHAINGRAPH_TEST_NEO4J_URI is not set: the Neo4j suite must run in CI")
		}
		t.Skip("CHAINGRAPH_TEST_NEO4J_URI is not set; `make test` starts Neo4j and sets it")
	}
	return uri
}

// Open returns the shared store, or skips (fails under CI=true).
func Open(t *testing.T) *neo4jstore.Store {
	t.Helper()
	uri := sharedURI(t)
	once.Do(func() {
		shared, openErr = neo4jstore.Open(context.Background(), neo4jstore.Config{
			URI: uri, User: os.Getenv("CHAINGRAPH_TEST_NEO4J_USER"), Password: os.Getenv("CHAINGRAPH_TEST_NEO4J_PASSWORD"),
		})
	})
	if openErr != nil {
		t.Fatalf("opening Neo4j at %s: %v", uri, openErr)
	}
	return shared
}

// OpenRouted returns a second store on the same server through the neo4j:// scheme: the
// driver's client-side routing, as against a cluster or Aura, where reads go to readers and
// writes to the leader. A single server answers as its own router, reader and writer.
func OpenRouted(t *testing.T) *neo4jstore.Store {
	t.Helper()
	Open(t) // skips or fails as Open does
	uri := os.Getenv("CHAINGRAPH_TEST_NEO4J_URI")
	routedOnce.Do(func() {
		rest, ok := strings.CutPrefix(uri, "bolt://")
		if !ok {
			routedOpenErr = fmt.Errorf("CHAINGRAPH_TEST_NEO4J_URI %q: want a bolt:// URI to derive the neo4j:// one from", uri)
			return
		}
		routed, routedOpenErr = neo4jstore.Open(context.Background(), neo4jstore.Config{
			URI: "neo4j://" + rest, User: os.Getenv("CHAINGRAPH_TEST_NEO4J_USER"), Password: os.Getenv("CHAINGRAPH_TEST_NEO4J_PASSWORD"),
		})
	})
	if routedOpenErr != nil {
		t.Fatalf("opening Neo4j with routing: %v", routedOpenErr)
	}
	return routed
}
