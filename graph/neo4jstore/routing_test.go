package neo4jstore_test

import (
	"testing"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/graphtest"
	"github.com/chaingraph/chaingraph/graph/neo4jstore/neo4jtest"
)

// The whole suite through neo4j:// (client-side routing: reads on readers, writes on the
// leader, as on a cluster), so the binary that passes it runs against a cluster or Aura too.
func TestConformanceThroughRouting(t *testing.T) {
	graphtest.Run(t, func(t *testing.T) graph.Store { return neo4jtest.OpenRouted(t) })
}
