package neo4jstore

import (
	"context"
	"fmt"

	"github.com/chaingraph/chaingraph/graph"
)

// scopeUnits returns the ids of the units of the scope in params, ordered by code.
func scopeUnits(ctx context.Context, tx readTx, params map[string]any) ([]any, error) {
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
	params := map[string]any{"chain": q.ChainID, "region": q.Scope.RegionID, "belt": q.Scope.BeltID, "level": q.Scope.Level.String(),
		"max": q.MaxPresences}
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
		unitIDs, err := scopeUnits(ctx, tx, params)
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
		cells := coverageCells
		if q.ChainID != "" {
			cells = coverageCellsOfChain
		}
		if recs, err = collect(ctx, tx, cells, params); err != nil {
			return nil, err
		}
		for _, rec := range recs {
			uid, err := get[string](rec, "uid")
			if err != nil {
				return nil, err
			}
			linkID, err := get[string](rec, "link_id")
			if err != nil {
				return nil, err
			}
			n, err := get[int64](rec, "n")
			if err != nil {
				return nil, err
			}
			cell := graph.Cell{Count: int(n)}
			if cell.Strength, err = get[float64](rec, "strength"); err != nil {
				return nil, err
			}
			err = presenceItems(rec, geo, func(_ string, fact graph.PresenceFact) {
				cell.Presences = append(cell.Presences, fact)
			})
			if err != nil {
				return nil, err
			}
			if cov.Cells[uid] == nil {
				cov.Cells[uid] = map[string]graph.Cell{}
			}
			cov.Cells[uid][linkID] = cell
		}
		return cov, nil
	})
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
	})
}
