package neo4jstore

import (
	"context"
	"fmt"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/chaingraph/chaingraph/graph"
)

// ListChains implements graph.Snapshot.
func (v *snapshot) ListChains(ctx context.Context, q graph.ListQuery) ([]graph.Chain, error) {
	return read(ctx, v, func(tx readTx) ([]graph.Chain, error) {
		recs, err := collect(ctx, tx, listChains, map[string]any{"after": q.After, "limit": int64(q.Limit)})
		if err != nil {
			return nil, err
		}
		var out []graph.Chain
		for _, rec := range recs {
			n, err := get[neo4j.Node](rec, "c")
			if err != nil {
				return nil, err
			}
			c, err := toChain(n)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
		return out, nil
	})
}

// GetChain implements graph.Snapshot.
func (v *snapshot) GetChain(ctx context.Context, id string) (graph.ChainDetail, error) {
	return read(ctx, v, func(tx readTx) (graph.ChainDetail, error) {
		var d graph.ChainDetail
		recs, err := collect(ctx, tx, getChain, map[string]any{"id": id})
		if err != nil {
			return d, err
		}
		if len(recs) == 0 {
			return d, fmt.Errorf("chain %q: %w", id, graph.ErrNotFound)
		}
		n, err := get[neo4j.Node](recs[0], "c")
		if err != nil {
			return d, err
		}
		if d.Chain, err = toChain(n); err != nil {
			return d, err
		}
		links, err := get[[]any](recs[0], "links")
		if err != nil {
			return d, err
		}
		for _, v := range links {
			l, err := toLink(v.(neo4j.Node))
			if err != nil {
				return d, err
			}
			d.Links = append(d.Links, l)
		}
		recs, err = collect(ctx, tx, chainFeeds, map[string]any{"id": id})
		if err != nil {
			return d, err
		}
		outside := map[string]bool{}
		for _, rec := range recs {
			var ends [2]graph.Link
			for i, key := range []string{"a", "b"} {
				n, err := get[neo4j.Node](rec, key)
				if err != nil {
					return d, err
				}
				if ends[i], err = toLink(n); err != nil {
					return d, err
				}
				if ends[i].ChainID != id && !outside[ends[i].ID] {
					outside[ends[i].ID] = true
					d.Outside = append(d.Outside, ends[i])
				}
			}
			m, err := get[map[string]any](rec, "props")
			if err != nil {
				return d, err
			}
			d.Feeds = append(d.Feeds, toFeed(ends[0].ID, ends[1].ID, m))
		}
		sort.Slice(d.Outside, func(i, j int) bool { return d.Outside[i].ID < d.Outside[j].ID })
		return d, nil
	})
}

// ListRegions implements graph.Snapshot.
func (v *snapshot) ListRegions(ctx context.Context, q graph.RegionQuery) ([]graph.Region, error) {
	level := ""
	if q.Level != graph.LevelUnspecified {
		level = q.Level.String()
	}
	return read(ctx, v, func(tx readTx) ([]graph.Region, error) {
		recs, err := collect(ctx, tx, listRegions, map[string]any{"after": q.After, "limit": int64(q.Limit), "level": level, "parent": q.ParentID})
		if err != nil {
			return nil, err
		}
		return regionsFrom(recs, "r")
	})
}

func regionsFrom(recs []*neo4j.Record, key string) ([]graph.Region, error) {
	var out []graph.Region
	for _, rec := range recs {
		n, err := get[neo4j.Node](rec, key)
		if err != nil {
			return nil, err
		}
		r, err := toRegion(n)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func regionList(vs []any) ([]graph.Region, error) {
	var out []graph.Region
	for _, v := range vs {
		r, err := toRegion(v.(neo4j.Node))
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// GetRegion implements graph.Snapshot.
func (v *snapshot) GetRegion(ctx context.Context, id string) (graph.RegionDetail, error) {
	return read(ctx, v, func(tx readTx) (graph.RegionDetail, error) {
		var d graph.RegionDetail
		recs, err := collect(ctx, tx, getRegion, map[string]any{"id": id})
		if err != nil {
			return d, err
		}
		if len(recs) == 0 {
			return d, fmt.Errorf("region %q: %w", id, graph.ErrNotFound)
		}
		rec := recs[0]
		n, err := get[neo4j.Node](rec, "r")
		if err != nil {
			return d, err
		}
		if d.Region, err = toRegion(n); err != nil {
			return d, err
		}
		if v, ok := rec.Get("p"); ok && v != nil {
			p, err := toRegion(v.(neo4j.Node))
			if err != nil {
				return d, err
			}
			d.Parent = &p
		}
		children, _ := get[[]any](rec, "children")
		if d.Children, err = regionList(children); err != nil {
			return d, err
		}
		neighbours, _ := get[[]any](rec, "neighbours")
		d.Neighbours, err = regionList(neighbours)
		return d, err
	})
}

// Names implements graph.Snapshot.
func (v *snapshot) Names(ctx context.Context) ([]graph.Named, error) {
	return read(ctx, v, func(tx readTx) ([]graph.Named, error) {
		recs, err := collect(ctx, tx, names, nil)
		if err != nil {
			return nil, err
		}
		var out []graph.Named
		for _, rec := range recs {
			p := &props{m: rec.AsMap()}
			n := graph.Named{Kind: graph.NamedKind(p.str("kind")), ID: p.str("id"), Code: p.str("code"), Name: p.str("name"), Aliases: p.list("aliases"), ChainID: p.str("chain"), Segments: p.list("segments")}
			if st := p.str("stage"); st != "" {
				if n.Stage, err = graph.ParseStage(st); err != nil {
					return nil, err
				}
			}
			if lv := p.str("level"); lv != "" {
				if n.Level, err = graph.ParseLevel(lv); err != nil {
					return nil, err
				}
			}
			if p.err != nil {
				return nil, p.err
			}
			out = append(out, n)
		}
		return out, nil
	})
}

// ChainFacts implements graph.Snapshot.
func (v *snapshot) ChainFacts(ctx context.Context, q graph.ChainFactQuery) ([]graph.ChainFact, error) {
	if err := q.Facts.Validate(); err != nil {
		return nil, err
	}
	params := withFacts(map[string]any{"region": q.RegionID, "chain": q.ChainID}, q.Facts)
	return read(ctx, v, func(tx readTx) ([]graph.ChainFact, error) {
		recs, err := collect(ctx, tx, regionAndChainExist, params)
		if err != nil {
			return nil, err
		}
		if ok, _ := get[bool](recs[0], "region"); q.RegionID != "" && !ok {
			return nil, fmt.Errorf("region %q: %w", q.RegionID, graph.ErrNotFound)
		}
		if ok, _ := get[bool](recs[0], "chain"); q.ChainID != "" && !ok {
			return nil, fmt.Errorf("chain %q: %w", q.ChainID, graph.ErrNotFound)
		}
		if recs, err = collect(ctx, tx, chainFacts, params); err != nil {
			return nil, err
		}
		var out []graph.ChainFact
		for _, rec := range recs {
			n, err := get[neo4j.Node](rec, "p")
			if err != nil {
				return nil, err
			}
			f, err := toChainFact(n)
			if err != nil {
				return nil, err
			}
			out = append(out, f)
		}
		return out, nil
	})
}

// withFacts adds the filter's parameters (see factFilter) to params.
func withFacts(params map[string]any, f graph.FactFilter) map[string]any {
	for k, v := range f.Params() {
		params[k] = v
	}
	return params
}

// ClusterCounts implements graph.Snapshot.
func (v *snapshot) ClusterCounts(ctx context.Context, regionID string) ([]graph.ClusterCount, error) {
	return read(ctx, v, func(tx readTx) ([]graph.ClusterCount, error) {
		recs, err := collect(ctx, tx, regionAndChainExist, map[string]any{"region": regionID, "chain": ""})
		if err != nil {
			return nil, err
		}
		if ok, _ := get[bool](recs[0], "region"); !ok {
			return nil, fmt.Errorf("region %q: %w", regionID, graph.ErrNotFound)
		}
		if recs, err = collect(ctx, tx, clusterCounts, map[string]any{"region": regionID}); err != nil {
			return nil, err
		}
		var out []graph.ClusterCount
		for _, rec := range recs {
			n, err := get[neo4j.Node](rec, "c")
			if err != nil {
				return nil, err
			}
			p := &props{m: n.Props}
			out = append(out, graph.ClusterCount{RegionID: p.str("region_id"), Programme: p.str("programme"), Year: int(p.float("year")),
				Count: int(p.float("count")), Evidence: p.evidence()})
			if p.err != nil {
				return nil, p.err
			}
		}
		return out, nil
	})
}
