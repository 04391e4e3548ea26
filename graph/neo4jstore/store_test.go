package neo4jstore_test

import (
	"testing"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/graphtest"
	"github.com/chaingraph/chaingraph/graph/neo4jstore/neo4jtest"
)

func TestConformance(t *testing.T) {
	graphtest.Run(t, func(t *testing.T) graph.Store { return neo4jtest.Open(t) })
}
