package neo4jstore

import (
	"cmp"
	"slices"

	"github.com/chaingraph/chaingraph/graph"
)

// cellFirstPresences is how many presence ids a Cell node keeps, the first by id. It is the
// API's default max_presences (server/validate.go), so profiles, weak links and matrices asked
// the default way are answered from cells; asking for more presences reads the presences.
const cellFirstPresences = 5

// cell is what the presences located at a region or below it give the region for one link:
// the aggregate a Cell node stores, so that a coverage reads regions, not presences.
type cell struct {
	unit, chain, link string
	n                 int
	certain           int      // of n, the presences that rest on the only reading of their source
	strength          float64  // added in presence-id order, as memstore adds it
	first             []string // ids of the first cellFirstPresences presences by id
}

// buildCells aggregates ds's presences for every region (the presence's own and each of its
// ancestors) and link with any, ordered by unit, chain and link.
func buildCells(ds *graph.Dataset) []*cell {
	parent := make(map[string]string, len(ds.Regions))
	for _, r := range ds.Regions {
		parent[r.ID] = r.ParentID
	}
	chainOf := make(map[string]string, len(ds.Links))
	for _, l := range ds.Links {
		chainOf[l.ID] = l.ChainID
	}
	// Presence-id order, compared as memstore sorts them: the sums then agree to the bit.
	order := make([]int, len(ds.Presences))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(ds.Presences[a].ID, ds.Presences[b].ID) })
	type key struct{ unit, link string }
	byKey := map[key]*cell{}
	var cells []*cell
	for _, i := range order {
		p := &ds.Presences[i]
		for r := p.RegionID; r != ""; r = parent[r] {
			c := byKey[key{r, p.LinkID}]
			if c == nil {
				c = &cell{unit: r, chain: chainOf[p.LinkID], link: p.LinkID}
				byKey[key{r, p.LinkID}] = c
				cells = append(cells, c)
			}
			c.n++
			if p.Certain() {
				c.certain++
			}
			c.strength += p.Strength
			if len(c.first) < cellFirstPresences {
				c.first = append(c.first, p.ID)
			}
		}
	}
	slices.SortFunc(cells, func(a, b *cell) int {
		return cmp.Or(cmp.Compare(a.unit, b.unit), cmp.Compare(a.chain, b.chain), cmp.Compare(a.link, b.link))
	})
	return cells
}

func cellProps(c *cell) map[string]any {
	return map[string]any{
		"unit": c.unit, "chain": c.chain, "link": c.link, "n": int64(c.n), "certain": int64(c.certain), "strength": c.strength,
		"first": strs(c.first), "first_max": int64(cellFirstPresences),
	}
}
