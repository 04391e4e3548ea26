package memstore_test

import (
	"testing"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/graphtest"
	"github.com/chaingraph/chaingraph/graph/memstore"
)

func TestConformance(t *testing.T) {
	graphtest.Run(t, func(t *testing.T) graph.Store { return memstore.New() })
}
