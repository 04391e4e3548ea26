package memstore

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/internal/nearest"
)

// LackingRegions implements graph.Snapshot with the semantics documented on graph.LackingQuery.
func (snap *snapshot) LackingRegions(ctx context.Context, q graph.LackingQuery) ([]graph.LackingRegion, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if rows, ok := snap.answers.Get(q); ok {
		return rows, nil
	}
	rows, err := snap.lackingRegions(q)
	if err == nil {
		snap.answers.Put(q, rows)
	}
	return rows, err
}

func (snap *snapshot) lackingRegions(q graph.LackingQuery) ([]graph.LackingRegion, error) {
	if _, ok := snap.links[q.LinkID]; !ok {
		return nil, fmt.Errorf("link %q: %w", q.LinkID, graph.ErrNotFound)
	}
	units, err := snap.units(q.Scope)
	if err != nil {
		return nil, err
	}
	paths := graph.FeedPaths(snap.feeds, q.LinkID, q.MaxDepth)
	fromCells := q.MaxPresences > 0 && q.MaxPresences <= cellFirst && q.Facts.IsZero() // cells hold every fact
	demands := snap.demandsFromCells
	if !fromCells {
		demands = snap.demandsFromPresences
	}
	chainHolders := snap.chainHolders(snap.links[q.LinkID].ChainID, q.Facts)
	var out []graph.LackingRegion
	for i, ds := range demands(units, q.LinkID, paths, q.MaxPresences, q.Facts) {
		if len(ds) == 0 || chainHolders[units[i].ID] {
			continue
		}
		graph.SortDemands(ds)
		out = append(out, graph.LackingRegion{Region: units[i], Demands: ds})
	}
	graph.SortLacking(out)
	for i := range out {
		for k := range out[i].Demands {
			d := &out[i].Demands[k]
			switch {
			case !q.Lists(i, k):
				d.Presences = nil
			case fromCells:
				d.Presences = snap.cellPresences(out[i].Region.ID, d, q.MaxPresences)
			}
		}
	}
	if q.SupplierRows.Offset >= len(out) { // a page past the end ranks nobody
		return out, nil
	}
	suppliers := snap.supplierRegions(q.LinkID, "", q.MaxPresences, q.Facts)
	for i := range out {
		if q.SupplierRows.Contains(i) {
			out[i].Suppliers = snap.nearest(out[i].Region, q.LinkID, suppliers, q.MaxSuppliers)
		}
	}
	return out, nil
}

// demandsFromCells gives each unit without the link its demands, from the units' stored cells,
// without presences (cellPresences lists them for the rows shown): a national county-level
// question reads a few cells of each county, not the presences of every downstream link.
func (snap *snapshot) demandsFromCells(units []graph.Region, linkID string, paths map[string][]string, _ int, _ graph.FactFilter) [][]graph.Demand {
	out := make([][]graph.Demand, len(units))
	for i, u := range units {
		cells := snap.cells[u.ID]
		if _, has := slices.BinarySearchFunc(cells, linkID, func(c cell, id string) int { return cmp.Compare(c.link, id) }); has {
			continue
		}
		for _, c := range cells {
			path, ok := paths[c.link]
			if !ok {
				continue
			}
			out[i] = append(out[i], graph.Demand{Downstream: snap.links[c.link], Path: snap.linkPath(path), Count: int(c.count), Certain: int(c.certain), Strength: c.strength})
		}
	}
	return out
}

// cellPresences lists the first max (1..cellFirst) presences of a demand the unit's cells gave.
func (snap *snapshot) cellPresences(unitID string, d *graph.Demand, max int) []graph.PresenceFact {
	cells := snap.cells[unitID]
	k, _ := slices.BinarySearchFunc(cells, d.Downstream.ID, func(c cell, id string) int { return cmp.Compare(c.link, id) })
	c := &cells[k]
	out := make([]graph.PresenceFact, min(int(c.count), max))
	for i := range out {
		out[i] = snap.fact(&snap.presences[c.first[i]])
	}
	return out
}

// demandsFromPresences is demandsFromCells for any max and filter, from the presences of the
// link and of its downstream links that the filter selects (not every presence of every unit: at
// national scale a unit holds thousands of presences of other chains).
func (snap *snapshot) demandsFromPresences(units []graph.Region, linkID string, paths map[string][]string, max int, facts graph.FactFilter) [][]graph.Demand {
	unitAt := make(map[string]int, len(units)) // unit id → index in units
	for i, u := range units {
		unitAt[u.ID] = i
	}
	hasLink := make([]bool, len(units))
	for _, p := range keep(snap.presenceByLnk[linkID], facts) {
		snap.eachUnitOf(p.RegionID, unitAt, func(i int) { hasLink[i] = true })
	}
	demandAt := make([]map[string]*graph.Demand, len(units)) // unit → downstream link → its demand
	for downID, path := range paths {
		for _, p := range keep(snap.presenceByLnk[downID], facts) { // in id order
			snap.eachUnitOf(p.RegionID, unitAt, func(i int) {
				if hasLink[i] {
					return
				}
				if demandAt[i] == nil {
					demandAt[i] = map[string]*graph.Demand{}
				}
				d := demandAt[i][downID]
				if d == nil {
					d = &graph.Demand{Downstream: snap.links[downID], Path: snap.linkPath(path)}
					demandAt[i][downID] = d
				}
				d.Count++
				if p.Certain() {
					d.Certain++
				}
				d.Strength += p.Strength
				if max <= 0 || len(d.Presences) < max {
					d.Presences = append(d.Presences, snap.fact(p))
				}
			})
		}
	}
	out := make([][]graph.Demand, len(units))
	for i, byLink := range demandAt {
		for _, d := range byLink {
			out[i] = append(out[i], *d)
		}
	}
	return out
}

// chainHolders is every region a chain fact of the chain (that the filter selects) is located
// at, and their ancestors.
func (snap *snapshot) chainHolders(chainID string, facts graph.FactFilter) map[string]bool {
	out := map[string]bool{}
	for _, f := range snap.chainWide {
		if f.ChainID != chainID || !facts.KeepsChainFact(&f) {
			continue
		}
		for r, ok := snap.regions[f.RegionID]; ok; r, ok = snap.regions[r.ParentID] {
			out[r.ID] = true
		}
	}
	return out
}

func (snap *snapshot) linkPath(ids []string) []graph.Link {
	path := make([]graph.Link, len(ids))
	for i, id := range ids {
		path[i] = snap.links[id]
	}
	return path
}

// eachUnitOf calls f with the index of every unit that is region id or one of its ancestors
// (a presence counts for the units it lies in).
func (s *snapshot) eachUnitOf(id string, unitAt map[string]int, f func(int)) {
	for r, ok := s.regions[id]; ok; r, ok = s.regions[r.ParentID] {
		if i, isUnit := unitAt[r.ID]; isUnit {
			f(i)
		}
	}
}

func isUnit(r graph.Region, level graph.Level) bool {
	if level == graph.LevelPrefecture {
		return r.PrefectureUnit
	}
	return r.Level == level
}

// subtree returns id and all its descendants, ordered by code.
func (s *snapshot) subtree(id string) []string { return s.subtrees[id] }

// presencesWithin maps each link to the presences located at id or its descendants, by id.
func (s *snapshot) presencesWithin(id string) map[string][]*graph.Presence {
	at := map[string][]int32{}
	for _, r := range s.subtrees[id] {
		for _, i := range s.presenceByReg[r] {
			linkID := s.presences[i].LinkID
			at[linkID] = append(at[linkID], i)
		}
	}
	has := make(map[string][]*graph.Presence, len(at))
	for linkID, is := range at {
		if len(s.subtrees[id]) > 1 {
			slices.Sort(is)
		}
		ps := make([]*graph.Presence, len(is))
		for k, i := range is {
			ps[k] = &s.presences[i]
		}
		has[linkID] = ps
	}
	return has
}

func (s *snapshot) fact(p *graph.Presence) graph.PresenceFact {
	return graph.PresenceFact{Presence: *p, Region: s.regions[p.RegionID], Link: s.links[p.LinkID]}
}

// supplierRegions returns the regions where a presence of link that the filter selects is
// located, with the count of those presences and the first max of them by id (all when 0),
// except exclude and the regions below it.
func (s *snapshot) supplierRegions(link, exclude string, max int, facts graph.FactFilter) []nearest.SupplierCandidate {
	inside := map[string]bool{}
	for _, id := range s.subtrees[exclude] {
		inside[id] = true
	}
	at := map[string]int{} // region id → index in out
	var out []nearest.SupplierCandidate
	for _, p := range keep(s.presenceByLnk[link], facts) { // in id order
		if inside[p.RegionID] {
			continue
		}
		i, seen := at[p.RegionID]
		if !seen {
			i = len(out)
			at[p.RegionID] = i
			out = append(out, nearest.SupplierCandidate{Region: s.regions[p.RegionID]})
		}
		c := &out[i]
		c.Count++
		if p.Certain() {
			c.Certain++
		}
		if max <= 0 || len(c.Presences) < max {
			c.Presences = append(c.Presences, s.fact(p))
		}
	}
	return out
}

// nearest returns the first limit supplier regions of link in nearest.RankSuppliers' order as
// seen from r.
func (s *snapshot) nearest(r graph.Region, link string, suppliers []nearest.SupplierCandidate, limit int) []graph.Supplier {
	return nearest.NearestSuppliers(r, suppliers, s.borderIndex, func(id string) nearest.Placement { return s.placements[id] },
		s.chainBelts[s.links[link].ChainID], limit)
}

// placementOf is where a region sits for supplier ranking (see nearest.Placement).
func (s *snapshot) placementOf(id string) nearest.Placement {
	var p nearest.Placement
	ancestors := map[string]bool{}
	for r, ok := s.regions[id]; ok; r, ok = s.regions[r.ParentID] {
		ancestors[r.ID] = true
		if r.PrefectureUnit && p.PrefectureUnit == "" {
			p.PrefectureUnit = r.ID
		}
	}
	for _, b := range s.belts {
		if !graph.IsDevelopmentBelt(b.Kind) {
			continue
		}
		for _, m := range s.members[b.ID] {
			if ancestors[m.RegionID] {
				p.Belts = append(p.Belts, b.ID)
				break
			}
		}
	}
	return p
}

// Suppliers implements graph.Snapshot.
func (snap *snapshot) Suppliers(ctx context.Context, q graph.SupplierQuery) ([]graph.Supplier, error) {
	r, ok := snap.regions[q.RegionID]
	if !ok {
		return nil, fmt.Errorf("region %q: %w", q.RegionID, graph.ErrNotFound)
	}
	if _, ok := snap.links[q.LinkID]; !ok {
		return nil, fmt.Errorf("link %q: %w", q.LinkID, graph.ErrNotFound)
	}
	if err := q.Facts.Validate(); err != nil {
		return nil, err
	}
	return snap.nearest(r, q.LinkID, snap.supplierRegions(q.LinkID, r.ID, 0, q.Facts), math.MaxInt), nil
}

// HolderLinks implements graph.Snapshot.
func (snap *snapshot) HolderLinks(ctx context.Context, holders []graph.HolderAt) (map[graph.HolderAt][]graph.Link, error) {
	out := map[graph.HolderAt][]graph.Link{}
	for _, h := range holders {
		if _, done := out[h]; done {
			continue
		}
		seen := map[string]bool{}
		var links []graph.Link
		at := snap.holdersAt[h.RegionID]
		first, _ := slices.BinarySearchFunc(at, h.Holder, func(i int32, holder string) int { return cmp.Compare(snap.presences[i].Holder, holder) })
		for _, i := range at[first:] {
			p := &snap.presences[i]
			if p.Holder != h.Holder {
				break
			}
			if !seen[p.LinkID] {
				seen[p.LinkID] = true
				links = append(links, snap.links[p.LinkID])
			}
		}
		if len(links) > 0 {
			slices.SortFunc(links, func(a, b graph.Link) int { return cmp.Compare(a.ID, b.ID) })
			out[h] = links
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
