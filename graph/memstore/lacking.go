package memstore

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/chaingraph/chaingraph/graph"
)

// LackingRegions implements graph.Reader with the semantics documented on graph.LackingQuery.
func (s *Store) LackingRegions(ctx context.Context, q graph.LackingQuery) ([]graph.LackingRegion, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	snap := s.load()
	if _, ok := snap.links[q.LinkID]; !ok {
		return nil, fmt.Errorf("link %q: %w", q.LinkID, graph.ErrNotFound)
	}
	units, err := snap.units(q.Scope)
	if err != nil {
		return nil, err
	}
	paths := graph.FeedPaths(snap.feeds, q.LinkID, q.MaxDepth)
	suppliers := snap.supplierRegions(q.LinkID)

	// Work from the presences of the link and of its downstream links, not from every presence
	// of every unit: at national scale a unit holds thousands of presences of other chains.
	unitAt := make(map[string]int, len(units)) // unit id → index in units
	for i, u := range units {
		unitAt[u.ID] = i
	}
	hasLink := make([]bool, len(units))
	for _, p := range snap.presenceByLnk[q.LinkID] {
		snap.eachUnitOf(p.RegionID, unitAt, func(i int) { hasLink[i] = true })
	}
	demandPresences := make([]map[string][]graph.Presence, len(units)) // unit → downstream link → presences, by id
	for linkID := range paths {
		for _, p := range snap.presenceByLnk[linkID] {
			snap.eachUnitOf(p.RegionID, unitAt, func(i int) {
				if hasLink[i] {
					return
				}
				if demandPresences[i] == nil {
					demandPresences[i] = map[string][]graph.Presence{}
				}
				demandPresences[i][linkID] = append(demandPresences[i][linkID], p)
			})
		}
	}

	var out []graph.LackingRegion
	for i, r := range units {
		if hasLink[i] || len(demandPresences[i]) == 0 {
			continue
		}
		var demands []graph.Demand
		for linkID, ps := range demandPresences[i] {
			d := graph.Demand{Downstream: snap.links[linkID], Presences: snap.facts(ps)}
			for _, id := range paths[linkID] {
				d.Path = append(d.Path, snap.links[id])
			}
			demands = append(demands, d)
		}
		graph.SortDemands(demands)
		out = append(out, graph.LackingRegion{Region: r, Demands: demands, Suppliers: snap.nearest(r, suppliers, q.MaxSuppliers)})
	}
	graph.SortLacking(out)
	return out, nil
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
func (s *snapshot) presencesWithin(id string) map[string][]graph.Presence {
	has := map[string][]graph.Presence{}
	for _, r := range s.subtrees[id] {
		for _, p := range s.presenceByReg[r] {
			has[p.LinkID] = append(has[p.LinkID], p)
		}
	}
	if len(s.subtrees[id]) > 1 {
		for _, ps := range has {
			sort.Slice(ps, func(i, j int) bool { return ps[i].ID < ps[j].ID })
		}
	}
	return has
}

func (s *snapshot) facts(ps []graph.Presence) []graph.PresenceFact {
	out := make([]graph.PresenceFact, len(ps))
	for i, p := range ps {
		out[i] = graph.PresenceFact{Presence: p, Region: s.regions[p.RegionID], Link: s.links[p.LinkID]}
	}
	return out
}

// supplierRegions maps each region where a presence of link is located to those presences.
func (s *snapshot) supplierRegions(link string) map[string][]graph.Presence {
	out := map[string][]graph.Presence{}
	for _, p := range s.presenceByLnk[link] {
		out[p.RegionID] = append(out[p.RegionID], p)
	}
	return out
}

// nearest returns the first limit supplier regions in graph.RankSuppliers' order as seen from r,
// with their presences.
func (s *snapshot) nearest(r graph.Region, suppliers map[string][]graph.Presence, limit int) []graph.Supplier {
	if len(suppliers) == 0 {
		return nil
	}
	hops := s.bordersFrom(s.countyIdxOf[r.ID])
	from := s.placements[r.ID]
	out := make([]graph.Supplier, 0, len(suppliers))
	for id := range suppliers {
		sr := s.regions[id]
		h := int32(-1)
		for _, c := range s.countyIdxOf[id] {
			if d := hops[c]; d >= 0 && (h < 0 || d < h) {
				h = d
			}
		}
		dist := -1.0
		if r.HasCentroid && sr.HasCentroid {
			dist = graph.DistanceKM(r.Lon, r.Lat, sr.Lon, sr.Lat)
		}
		sup := graph.Supplier{Region: sr, BorderHops: int(h), DistanceKM: dist}
		sup.Mark(from, s.placements[id])
		out = append(out, sup)
	}
	out = graph.TopSuppliers(out, limit)
	for i := range out {
		out[i].Presences = s.facts(suppliers[out[i].Region.ID])
	}
	return out
}

// bordersFrom is a multi-source BFS over county borders: hops from the nearest source county,
// -1 where no border path leads.
func (s *snapshot) bordersFrom(sources []int32) []int32 {
	hops := make([]int32, len(s.countyIDs))
	for i := range hops {
		hops[i] = -1
	}
	frontier := make([]int32, 0, len(sources))
	for _, c := range sources {
		hops[c] = 0
		frontier = append(frontier, c)
	}
	var next []int32
	for d := int32(1); len(frontier) > 0; d++ {
		next = next[:0]
		for _, n := range frontier {
			for _, m := range s.borderIdx[n] {
				if hops[m] < 0 {
					hops[m] = d
					next = append(next, m)
				}
			}
		}
		frontier, next = next, frontier
	}
	return hops
}

// placementOf is where a region sits for supplier ranking (see graph.Placement).
func (s *snapshot) placementOf(id string) graph.Placement {
	var p graph.Placement
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

// Suppliers implements graph.Reader.
func (s *Store) Suppliers(ctx context.Context, q graph.SupplierQuery) ([]graph.Supplier, error) {
	snap := s.load()
	r, ok := snap.regions[q.RegionID]
	if !ok {
		return nil, fmt.Errorf("region %q: %w", q.RegionID, graph.ErrNotFound)
	}
	if _, ok := snap.links[q.LinkID]; !ok {
		return nil, fmt.Errorf("link %q: %w", q.LinkID, graph.ErrNotFound)
	}
	inside := map[string]bool{}
	for _, id := range snap.subtree(r.ID) {
		inside[id] = true
	}
	suppliers := snap.supplierRegions(q.LinkID)
	for id := range suppliers {
		if inside[id] {
			delete(suppliers, id)
		}
	}
	return snap.nearest(r, suppliers, math.MaxInt), nil
}
