// Package memo keeps recent 补链 answers of one unchanging dataset for a store.
//
// It is not part of any public API: only the stores use it.
package memo

import (
	"sync"

	"github.com/chaingraph/chaingraph/graph"
)

// Lacking keeps recent 补链 answers of one dataset that never changes (a memstore snapshot,
// a Neo4j generation), so an answer stays right for the memo's whole life; a new dataset comes
// with a new, empty memo. Bounded by count (a national county-level answer is a few MB): when
// full it starts over. The zero value is ready to use; answers are shared, not copied.
type Lacking struct {
	mu      sync.Mutex
	answers map[graph.LackingQuery][]graph.LackingRegion
}

// Size is how many answers a Lacking keeps.
const Size = 64

// Get returns the answer kept for q.
func (m *Lacking) Get(q graph.LackingQuery) ([]graph.LackingRegion, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	rows, ok := m.answers[q]
	return rows, ok
}

// Put keeps the answer to q.
func (m *Lacking) Put(q graph.LackingQuery, rows []graph.LackingRegion) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.answers == nil || len(m.answers) >= Size {
		m.answers = map[graph.LackingQuery][]graph.LackingRegion{}
	}
	m.answers[q] = rows
}
