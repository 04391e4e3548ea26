package neo4jstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/chaingraph/chaingraph/graph"
)

// scopeUnits returns the ids of the units of the scope in params, ordered by code: a region's
// from the cached geography (a national scope is 3,000 regions, 8 ms in Cypher), a belt's from
// its members.
func scopeUnits(ctx context.Context, tx readTx, params map[string]any, geo *geography) ([]any, error) {
	if belt, _ := params["belt"].(string); belt == "" {
		region, _ := params["region"].(string)
		level, _ := params["level"].(string)
		return geo.regionUnits(region, level), nil
	}
	recs, err := collect(ctx, tx, coverageUnits, params)
	if err != nil {
		return nil, err
	}
	ids := make([]any, len(recs))
	for i, rec := range recs {
		ids[i], _ = rec.Get("id")
	}
	return ids, nil
}

// Coverage implements graph.Snapshot.
func (v *snapshot) Coverage(ctx context.Context, q graph.CoverageQuery) (*graph.Coverage, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	params := withFacts(map[string]any{"chain": q.ChainID, "region": q.Scope.RegionID, "belt": q.Scope.BeltID, "level": q.Scope.Level.String(),
		"max": q.MaxPresences}, q.Facts)
	return read(ctx, v, func(tx readTx) (*graph.Coverage, error) {
		recs, err := collect(ctx, tx, coverageExists, params)
		if err != nil {
			return nil, err
		}
		for _, check := range []struct{ key, kind, id string }{{"chain", "chain", q.ChainID}, {"region", "region", q.Scope.RegionID}, {"belt", "belt", q.Scope.BeltID}} {
			if ok, _ := get[bool](recs[0], check.key); check.id != "" && !ok {
				return nil, fmt.Errorf("%s %q: %w", check.kind, check.id, graph.ErrNotFound)
			}
		}
		geo, err := v.s.geography(ctx, tx)
		if err != nil {
			return nil, err
		}
		unitIDs, err := scopeUnits(ctx, tx, params, geo)
		if err != nil {
			return nil, err
		}
		cov := &graph.Coverage{Cells: map[string]map[string]graph.Cell{}, MaxPresences: q.MaxPresences}
		for _, id := range unitIDs {
			cov.Units = append(cov.Units, geo.regions[id.(string)])
		}
		for _, l := range geo.links {
			if q.ChainID == "" || l.ChainID == q.ChainID {
				cov.Links = append(cov.Links, l)
			}
		}
		graph.SortLinks(cov.Links)
		params["units"] = unitIDs
		// Cells aggregate every presence: a filtered question reads the presences.
		if geo.cellFirstMax > 0 && q.Facts.IsZero() && (q.MaxPresences == graph.NoPresences || q.MaxPresences > 0 && q.MaxPresences <= geo.cellFirstMax) {
			err = cellsCoverage(ctx, tx, params, geo, cov)
		} else {
			err = presenceCoverage(ctx, tx, params, geo, cov)
		}
		if err != nil {
			return nil, err
		}
		return cov, nil
	})
}

// cellsCoverage fills cov's cells from the generation's Cell nodes, then reads the presences
// they list by id: a profile or a matrix then reads a record per unit and a few presences per
// cell, however many presences the units hold. Only for 0 < cov.MaxPresences <= the cells'
// first_max.
func cellsCoverage(ctx context.Context, tx readTx, params map[string]any, geo *geography, cov *graph.Coverage) error {
	cypher := unitCells
	if params["chain"] != "" {
		cypher = unitCellsOfChain
	}
	recs, err := collect(ctx, tx, cypher, params)
	if err != nil {
		return err
	}
	type listed struct {
		unit, link string
		ids        []string
	}
	var lists []listed
	var ids []any
	seen := map[string]bool{}
	for _, rec := range recs {
		uid, err := get[string](rec, "uid")
		if err != nil {
			return err
		}
		items, err := get[[]any](rec, "cells")
		if err != nil {
			return err
		}
		for _, item := range items {
			f, ok := item.([]any)
			if !ok || len(f) != 5 {
				return fmt.Errorf("cell %v of %s: want [link id, count, strength, first presence ids, certain count]", item, uid)
			}
			linkID, ok1 := f[0].(string)
			n, ok2 := f[1].(int64)
			strength, ok3 := f[2].(float64)
			first, ok4 := f[3].([]any)
			certain, ok5 := f[4].(int64)
			if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 {
				return fmt.Errorf("cell %v of %s: want [link id, count, strength, first presence ids, certain count]", item, uid)
			}
			l := listed{unit: uid, link: linkID}
			for _, v := range first[:max(0, min(len(first), cov.MaxPresences))] { // none for NoPresences
				id, _ := v.(string)
				l.ids = append(l.ids, id)
				if !seen[id] {
					seen[id] = true
					ids = append(ids, id)
				}
			}
			lists = append(lists, l)
			if cov.Cells[uid] == nil {
				cov.Cells[uid] = map[string]graph.Cell{}
			}
			cov.Cells[uid][linkID] = graph.Cell{Count: int(n), Certain: int(certain), Strength: strength}
		}
	}
	presences, err := presencesWithIDs(ctx, tx, ids)
	if err != nil {
		return err
	}
	for _, l := range lists {
		if len(l.ids) == 0 { // NoPresences: the cell lists none, as memstore's
			continue
		}
		c := cov.Cells[l.unit][l.link]
		c.Presences = make([]graph.PresenceFact, len(l.ids))
		for i, id := range l.ids {
			p, ok := presences[id]
			if !ok {
				return fmt.Errorf("cell %s/%s lists presence %q, which generation %d lacks", l.unit, l.link, id, tx.gen)
			}
			c.Presences[i] = graph.PresenceFact{Presence: p, Region: geo.regions[p.RegionID], Link: geo.links[p.LinkID]}
		}
		cov.Cells[l.unit][l.link] = c
	}
	return nil
}

// presencesWithIDs reads the presences with the given ids, in one record.
func presencesWithIDs(ctx context.Context, tx readTx, ids []any) (map[string]graph.Presence, error) {
	out := make(map[string]graph.Presence, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := collect(ctx, tx, presencesByID, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	nodes, err := get[[]any](recs[0], "presences")
	if err != nil {
		return nil, err
	}
	for _, v := range nodes {
		node, _ := v.(neo4j.Node)
		p, err := toPresence(node)
		if err != nil {
			return nil, err
		}
		out[p.ID] = p
	}
	return out, nil
}

// presenceCoverage fills cov's cells by reading every presence of the units (all of them are
// counted, and listed when the query asks for more than the cells keep).
func presenceCoverage(ctx context.Context, tx readTx, params map[string]any, geo *geography, cov *graph.Coverage) error {
	cypher := coverageCells
	if params["chain"] != "" {
		cypher = coverageCellsOfChain
	}
	recs, err := collect(ctx, tx, cypher, params)
	if err != nil {
		return err
	}
	for _, rec := range recs {
		uid, err := get[string](rec, "uid")
		if err != nil {
			return err
		}
		linkID, err := get[string](rec, "link_id")
		if err != nil {
			return err
		}
		n, err := get[int64](rec, "n")
		if err != nil {
			return err
		}
		certain, err := get[int64](rec, "certain")
		if err != nil {
			return err
		}
		cell := graph.Cell{Count: int(n), Certain: int(certain)}
		if cell.Strength, err = get[float64](rec, "strength"); err != nil {
			return err
		}
		err = presenceItems(rec, geo, func(_ string, fact graph.PresenceFact) {
			cell.Presences = append(cell.Presences, fact)
		})
		if err != nil {
			return err
		}
		if cov.Cells[uid] == nil {
			cov.Cells[uid] = map[string]graph.Cell{}
		}
		cov.Cells[uid][linkID] = cell
	}
	return nil
}

// EnterpriseCounts implements graph.Snapshot.
func (v *snapshot) EnterpriseCounts(ctx context.Context, regionID string) ([]graph.CountyEnterprises, error) {
	return read(ctx, v, func(tx readTx) ([]graph.CountyEnterprises, error) {
		geo, err := v.s.geography(ctx, tx)
		if err != nil {
			return nil, err
		}
		if _, ok := geo.regions[regionID]; !ok {
			return nil, fmt.Errorf("region %q: %w", regionID, graph.ErrNotFound)
		}
		recs, err := collect(ctx, tx, countyEnterprises, map[string]any{"region": regionID})
		if err != nil {
			return nil, err
		}
		var out []graph.CountyEnterprises // nil when none, as memstore answers
		for _, rec := range recs {
			id, err := get[string](rec, "id")
			if err != nil {
				return nil, err
			}
			total, err := get[int64](rec, "total")
			if err != nil {
				return nil, err
			}
			perChain, err := get[[]any](rec, "per_chain")
			if err != nil {
				return nil, err
			}
			c := graph.CountyEnterprises{County: geo.regions[id], PerChain: map[string]int{}, Total: int(total)}
			for _, item := range perChain {
				pair, ok := item.([]any)
				if !ok || len(pair) != 2 {
					return nil, fmt.Errorf("per-chain count %v: want [chain id, count]", item)
				}
				chain, _ := pair[0].(string)
				n, _ := pair[1].(int64)
				c.PerChain[chain] = int(n)
			}
			out = append(out, c)
		}
		return out, nil
	})
}

// Feeds implements graph.Snapshot.
func (v *snapshot) Feeds(ctx context.Context) ([]graph.Feed, error) {
	return read(ctx, v, func(tx readTx) ([]graph.Feed, error) {
		geo, err := v.s.geography(ctx, tx)
		if err != nil {
			return nil, err
		}
		return slices.Clone(geo.feeds), nil
	})
}

// readFeeds reads every FEEDS edge of the generation, ordered by (From, To).
func readFeeds(ctx context.Context, tx readTx) ([]graph.Feed, error) {
	recs, err := collect(ctx, tx, allFeeds, nil)
	if err != nil {
		return nil, err
	}
	var out []graph.Feed
	for _, rec := range recs {
		from, _ := get[string](rec, "from")
		to, _ := get[string](rec, "to")
		m, err := get[map[string]any](rec, "props")
		if err != nil {
			return nil, err
		}
		out = append(out, toFeed(from, to, m))
	}
	return out, nil
}
