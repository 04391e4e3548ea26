package query

import (
	"context"
	"strings"

	"github.com/chaingraph/chaingraph/graph"
)

// Chain returns a chain with its links and FEEDS edges; input is required.
func (v *View) Chain(ctx context.Context, input string) (graph.ChainDetail, error) {
	chain, err := v.required(ctx, "chain", graph.NamedChain, input, "a chain id or name, e.g. nev or 新能源汽车")
	if err != nil {
		return graph.ChainDetail{}, err
	}
	d, err := v.Snap.GetChain(ctx, chain.ID)
	return d, fieldErr("chain", err)
}

// Region returns a region with its surroundings; input is required.
func (v *View) Region(ctx context.Context, input string) (graph.RegionDetail, error) {
	region, err := v.required(ctx, "region", graph.NamedRegion, input, "a region id, code or name, e.g. 429005 or 潜江市")
	if err != nil {
		return graph.RegionDetail{}, err
	}
	d, err := v.Snap.GetRegion(ctx, region.ID)
	return d, fieldErr("region", err)
}

// RegionsRequest pages through regions.
type RegionsRequest struct {
	Parent string // optional: a region, as typed
	Level  graph.Level
	After  string // a code; empty for the first page
	Limit  int
}

// Regions returns a page of regions ordered by code.
func (v *View) Regions(ctx context.Context, r RegionsRequest) ([]graph.Region, error) {
	q := graph.RegionQuery{ListQuery: graph.ListQuery{After: r.After, Limit: r.Limit}, Level: r.Level}
	parent, err := v.optional(ctx, "parent", graph.NamedRegion, r.Parent)
	if err != nil {
		return nil, err
	}
	q.ParentID = parent.ID
	return v.Snap.ListRegions(ctx, q)
}

// Belt returns a belt with its members; input is required.
func (v *View) Belt(ctx context.Context, input string) (graph.BeltDetail, error) {
	belt, err := v.required(ctx, "belt", graph.NamedBelt, input, "a belt id or name, e.g. 襄十随汽车及零部件")
	if err != nil {
		return graph.BeltDetail{}, err
	}
	d, err := v.Snap.GetBelt(ctx, belt.ID)
	return d, fieldErr("belt", err)
}

// Belts returns a page of belts of a kind (any when empty), ordered by id.
func (v *View) Belts(ctx context.Context, kind string, page graph.ListQuery) ([]graph.Belt, error) {
	kind = strings.TrimSpace(kind)
	if kind != "" && !contains(graph.BeltKinds, kind) {
		return nil, invalid("kind", "unknown kind %q; want one of %s, or empty for all", kind, strings.Join(graph.BeltKinds, ", "))
	}
	return v.Snap.ListBelts(ctx, graph.BeltQuery{ListQuery: page, Kind: kind})
}

// Named returns the entity of a kind with an id, as the resolver knows it (the zero Named when
// there is none): how answers name the chains and regions they mention by id.
func (v *View) Named(ctx context.Context, kind graph.NamedKind, id string) (graph.Named, error) {
	res, err := v.Resolver(ctx)
	if err != nil {
		return graph.Named{}, err
	}
	return res.ByID(kind, id), nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
