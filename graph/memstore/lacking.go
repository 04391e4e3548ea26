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

	var out []graph.LackingRegion
	for _, r := range units {
		has := snap.presencesWithin(r.ID)
		if len(has[q.LinkID]) > 0 {
			continue
		}
		var demands []graph.Demand
		for linkID, ps := range has {
			path, reachable := paths[linkID]
			if !reachable {
				continue
			}
			d := graph.Demand{Downstream: snap.links[linkID], Presences: snap.facts(ps)}
			for _, id := range path {
				d.Path = append(d.Path, snap.links[id])
			}
			demands = append(demands, d)
		}
		if len(demands) == 0 {
			continue
		}
		graph.SortDemands(demands)
		out = append(out, graph.LackingRegion{Region: r, Demands: demands, Suppliers: snap.nearest(r, q.LinkID, suppliers, q.MaxSuppliers)})
	}
	graph.SortLacking(out)
	return out, nil
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

// counties returns the county-level regions of id's subtree (id itself if it is one).
func (s *snapshot) counties(id string) []string { return s.countiesOf[id] }

// nearest ranks the supplier regions by border hops from r, then distance, then code.
func (s *snapshot) nearest(r graph.Region, link string, suppliers map[string][]graph.Presence, limit int) []graph.Supplier {
	hops := s.bordersFrom(s.counties(r.ID))
	var out []graph.Supplier
	for id, ps := range suppliers {
		sr := s.regions[id]
		h := -1
		for _, c := range s.counties(id) {
			if d, ok := hops[c]; ok && (h < 0 || d < h) {
				h = d
			}
		}
		dist := -1.0
		if r.HasCentroid && sr.HasCentroid {
			dist = graph.DistanceKM(r.Lon, r.Lat, sr.Lon, sr.Lat)
		}
		sup := graph.Supplier{Region: sr, BorderHops: h, DistanceKM: dist, Presences: s.facts(ps)}
		sup.Mark(s.placement(r.ID), s.placement(id))
		out = append(out, sup)
	}
	graph.RankSuppliers(out)
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// bordersFrom is a multi-source BFS over county borders: hops from the nearest source.
func (s *snapshot) bordersFrom(sources []string) map[string]int {
	hops := map[string]int{}
	for _, c := range sources {
		hops[c] = 0
	}
	frontier := sources
	for d := 1; len(frontier) > 0; d++ {
		var next []string
		for _, n := range frontier {
			for _, m := range s.borders[n] {
				if _, seen := hops[m]; !seen {
					hops[m] = d
					next = append(next, m)
				}
			}
		}
		frontier = next
	}
	return hops
}

// placement is where a region sits for supplier ranking (see graph.Placement).
func (s *snapshot) placement(id string) graph.Placement {
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
	return snap.nearest(r, q.LinkID, suppliers, math.MaxInt), nil
}
