package memstore

import (
	"context"
	"fmt"
	"sort"

	"github.com/chaingraph/chaingraph/graph"
)

// units returns the scope's units, ordered by code.
func (s *snapshot) units(sc graph.Scope) ([]graph.Region, error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	var roots []string
	if sc.RegionID != "" {
		if _, ok := s.regions[sc.RegionID]; !ok {
			return nil, fmt.Errorf("region %q: %w", sc.RegionID, graph.ErrNotFound)
		}
		roots = []string{sc.RegionID}
	} else {
		if !s.hasBelt(sc.BeltID) {
			return nil, fmt.Errorf("belt %q: %w", sc.BeltID, graph.ErrNotFound)
		}
		for _, m := range s.members[sc.BeltID] {
			roots = append(roots, m.RegionID)
		}
	}
	seen := map[string]bool{}
	var out []graph.Region
	for _, root := range roots {
		for _, id := range s.subtree(root) {
			if r := s.regions[id]; !seen[id] && isUnit(r, sc.Level) {
				seen[id] = true
				out = append(out, r)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}

func (s *snapshot) hasBelt(id string) bool {
	i := sort.Search(len(s.belts), func(i int) bool { return s.belts[i].ID >= id })
	return i < len(s.belts) && s.belts[i].ID == id
}

// Coverage implements graph.Snapshot.
func (snap *snapshot) Coverage(ctx context.Context, q graph.CoverageQuery) (*graph.Coverage, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if _, ok := snap.chains[q.ChainID]; q.ChainID != "" && !ok {
		return nil, fmt.Errorf("chain %q: %w", q.ChainID, graph.ErrNotFound)
	}
	units, err := snap.units(q.Scope)
	if err != nil {
		return nil, err
	}
	cov := &graph.Coverage{Units: units, Cells: map[string]map[string]graph.Cell{}, MaxPresences: q.MaxPresences}
	for _, l := range snap.sortedLinks() {
		if q.ChainID == "" || l.ChainID == q.ChainID {
			cov.Links = append(cov.Links, l)
		}
	}
	graph.SortLinks(cov.Links)
	// The stored cells aggregate every presence: a filtered question reads the presences.
	if q.Facts.IsZero() && (q.MaxPresences == graph.NoPresences || q.MaxPresences > 0 && q.MaxPresences <= cellFirst) {
		snap.storedCells(cov, q.ChainID)
		return cov, nil
	}
	add := func(unitID, linkID string, ps []*graph.Presence) { // ps in id order
		ps = keep(ps, q.Facts)
		if len(ps) == 0 {
			return
		}
		if cov.Cells[unitID] == nil {
			cov.Cells[unitID] = map[string]graph.Cell{}
		}
		cell := graph.Cell{Count: len(ps)}
		for _, p := range ps {
			cell.Strength += p.Strength
			if p.Certain() {
				cell.Certain++
			}
		}
		if q.MaxPresences > 0 && len(ps) > q.MaxPresences {
			ps = ps[:q.MaxPresences]
		}
		if q.MaxPresences == graph.NoPresences {
			ps = nil
		}
		cell.Presences = make([]graph.PresenceFact, len(ps))
		for i, p := range ps {
			cell.Presences[i] = snap.fact(p)
		}
		cov.Cells[unitID][linkID] = cell
	}
	if q.ChainID == "" {
		for _, u := range units {
			if err := ctx.Err(); err != nil { // a large place takes seconds: stop if nobody waits
				return nil, err
			}
			for linkID, ps := range snap.presencesWithin(u.ID) {
				add(u.ID, linkID, ps)
			}
		}
		return cov, nil
	}
	// One chain: walk its links' presences (a national matrix of one chain would otherwise go
	// through every presence in the country) and file each under the unit it lies in.
	unitOf := map[string]string{}
	for _, u := range units {
		for _, id := range snap.subtrees[u.ID] {
			unitOf[id] = u.ID
		}
	}
	for _, l := range cov.Links {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		byUnit := map[string][]*graph.Presence{}
		for _, p := range snap.presenceByLnk[l.ID] { // ordered by id, so each cell is too
			if u, ok := unitOf[p.RegionID]; ok {
				byUnit[u] = append(byUnit[u], p)
			}
		}
		for u, ps := range byUnit {
			add(u, l.ID, ps)
		}
	}
	return cov, nil
}

// Feeds implements graph.Snapshot.
func (snap *snapshot) Feeds(ctx context.Context) ([]graph.Feed, error) {
	return append([]graph.Feed(nil), snap.feeds...), nil
}

// EnterpriseCounts implements graph.Snapshot.
func (snap *snapshot) EnterpriseCounts(ctx context.Context, regionID string) ([]graph.CountyEnterprises, error) {
	if _, ok := snap.regions[regionID]; !ok {
		return nil, fmt.Errorf("region %q: %w", regionID, graph.ErrNotFound)
	}
	var out []graph.CountyEnterprises
	for _, id := range snap.subtrees[regionID] { // code order
		county := snap.regions[id]
		if county.Level != graph.LevelCounty {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		all := map[string]bool{}
		inChain := map[string]map[string]bool{}
		for _, i := range snap.presenceByReg[id] {
			p := &snap.presences[i]
			if p.HolderKind != "enterprise" {
				continue
			}
			chain := snap.links[p.LinkID].ChainID
			if inChain[chain] == nil {
				inChain[chain] = map[string]bool{}
			}
			all[p.Holder] = true
			inChain[chain][p.Holder] = true
		}
		if len(all) == 0 {
			continue
		}
		c := graph.CountyEnterprises{County: county, PerChain: map[string]int{}, Total: len(all)}
		for chain, holders := range inChain {
			c.PerChain[chain] = len(holders)
		}
		out = append(out, c)
	}
	return out, nil
}

// keep returns the presences the filter selects, in their order (ps itself when it selects all).
func keep(ps []*graph.Presence, f graph.FactFilter) []*graph.Presence {
	if f.IsZero() {
		return ps
	}
	var out []*graph.Presence
	for _, p := range ps {
		if f.Keeps(p) {
			out = append(out, p)
		}
	}
	return out
}
