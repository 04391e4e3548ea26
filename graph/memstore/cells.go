package memstore

import (
	"cmp"
	"slices"

	"github.com/chaingraph/chaingraph/graph"
)

// cellFirst is how many presences a stored cell keeps: the API's default max_presences. A
// coverage that lists at most this many per cell (every profile, matrix, weak-links, extensions
// and leads question asked with the defaults) reads the stored cells of its units; one that
// lists more walks the presences.
const cellFirst = 5

// cell is what gives one region one link, counted over the presences located at the region or
// below it: the coverage cell of a unit, kept with the snapshot. At national scale a
// prefecture has hundreds of thousands of presences; its cells are a thousand.
type cell struct {
	link     string
	count    int32
	certain  int32            // of count, the presences that rest on the only reading of their source
	strength float64          // added in presence-id order, as the walk adds them
	first    [cellFirst]int32 // positions in snapshot.presences of the first presences by id
}

// buildCells files every presence, in id order, under its region and each ancestor.
func (s *snapshot) buildCells() {
	at := map[string]map[string]*cell{}
	for i := range s.presences {
		p := &s.presences[i]
		for r, ok := s.regions[p.RegionID]; ok; r, ok = s.regions[r.ParentID] {
			byLink := at[r.ID]
			if byLink == nil {
				byLink = map[string]*cell{}
				at[r.ID] = byLink
			}
			c := byLink[p.LinkID]
			if c == nil {
				c = &cell{link: p.LinkID}
				byLink[p.LinkID] = c
			}
			if c.count < cellFirst {
				c.first[c.count] = int32(i)
			}
			c.count++
			if p.Certain() {
				c.certain++
			}
			c.strength += p.Strength
		}
	}
	s.cells = make(map[string][]cell, len(at))
	for regionID, byLink := range at {
		cs := make([]cell, 0, len(byLink))
		for _, c := range byLink {
			cs = append(cs, *c)
		}
		slices.SortFunc(cs, func(a, b cell) int { return cmp.Compare(a.link, b.link) })
		s.cells[regionID] = cs
	}
}

// storedCells fills cov from the stored cells of its units (the coverage's MaxPresences must be
// 1..cellFirst or graph.NoPresences).
func (s *snapshot) storedCells(cov *graph.Coverage, chainID string) {
	for _, u := range cov.Units {
		for _, c := range s.cells[u.ID] {
			if chainID != "" && s.links[c.link].ChainID != chainID {
				continue
			}
			out := graph.Cell{Count: int(c.count), Certain: int(c.certain), Strength: c.strength}
			for k := range min(int(c.count), cov.MaxPresences) { // none for NoPresences
				out.Presences = append(out.Presences, s.fact(&s.presences[c.first[k]]))
			}
			if cov.Cells[u.ID] == nil {
				cov.Cells[u.ID] = map[string]graph.Cell{}
			}
			cov.Cells[u.ID][c.link] = out
		}
	}
}
