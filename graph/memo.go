package graph

import "sync"

// LackingMemo keeps recent 补链 answers of one dataset that never changes (a memstore snapshot,
// a Neo4j generation), so an answer stays right for the memo's whole life; a new dataset comes
// with a new, empty memo. Bounded by count (a national county-level answer is a few MB): when
// full it starts over. The zero value is ready to use; answers are shared, not copied.
type LackingMemo struct {
	mu      sync.Mutex
	answers map[LackingQuery][]LackingRegion
}

// LackingMemoSize is how many answers a LackingMemo keeps.
const LackingMemoSize = 64

// Get returns the answer kept for q.
func (m *LackingMemo) Get(q LackingQuery) ([]LackingRegion, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	rows, ok := m.answers[q]
	return rows, ok
}

// Put keeps the answer to q.
func (m *LackingMemo) Put(q LackingQuery, rows []LackingRegion) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.answers == nil || len(m.answers) >= LackingMemoSize {
		m.answers = map[LackingQuery][]LackingRegion{}
	}
	m.answers[q] = rows
}
