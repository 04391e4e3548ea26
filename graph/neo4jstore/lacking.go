package neo4jstore

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/internal/memo"
	"github.com/chaingraph/chaingraph/graph/internal/nearest"
)

// LackingRegions implements graph.Snapshot. Neo4j does the graph work (scope, presences, FEEDS
// paths); border hops, the final ranking and the distance arithmetic are done here with the
// same Go code as memstore's (nearest.NearestSuppliers over the cached geography), so that both
// stores agree to the last digit. Border hops used to be one SHORTEST query per (region,
// supplier) pair: 13 s for a national county-level question at 10% scale.
func (v *snapshot) LackingRegions(ctx context.Context, q graph.LackingQuery) ([]graph.LackingRegion, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	return read(ctx, v, func(tx readTx) ([]graph.LackingRegion, error) {
		geo, err := v.s.geography(ctx, tx)
		if err != nil {
			return nil, err
		}
		if rows, ok := geo.answers.Get(q); ok {
			return rows, nil
		}
		params := withFacts(map[string]any{"link": q.LinkID, "region": q.Scope.RegionID, "belt": q.Scope.BeltID, "level": q.Scope.Level.String(), "depth": int64(q.MaxDepth),
			"max": int64(q.MaxPresences)}, q.Facts)
		if err := checkLackingIDs(ctx, tx, q, params); err != nil {
			return nil, err
		}
		paths := downstreamPaths(geo, q.LinkID, q.MaxDepth)
		downstream := make([]any, 0, len(paths))
		for id := range paths {
			downstream = append(downstream, id)
		}
		params["downstream"] = downstream
		if geo.answersFromCells(q.MaxPresences, q.Facts) {
			rows, err := lackingFromCells(ctx, tx, q, params, paths, geo)
			if err != nil {
				return nil, err
			}
			geo.answers.Put(q, rows)
			return rows, nil
		}
		rows, err := lackingUnitRows(ctx, tx, params, paths, geo)
		if err != nil {
			return nil, err
		}
		graph.SortLacking(rows)
		for i := range rows {
			for k := range rows[i].Demands {
				if !q.Lists(i, k) {
					rows[i].Demands[k].Presences = nil
				}
			}
		}
		if q.SupplierRows.Offset < len(rows) { // a page past the end ranks nobody: no supplier query
			params["exclude"] = ""
			if err := addSuppliers(ctx, tx, params, geo, geo.links[q.LinkID], rows, q.MaxSuppliers, q.SupplierRows); err != nil {
				return nil, err
			}
		}
		geo.answers.Put(q, rows)
		return rows, nil
	})
}

func checkLackingIDs(ctx context.Context, tx readTx, q graph.LackingQuery, params map[string]any) error {
	recs, err := collect(ctx, tx, lackingExists, params)
	if err != nil {
		return err
	}
	if ok, _ := get[bool](recs[0], "link"); !ok {
		return fmt.Errorf("link %q: %w", q.LinkID, graph.ErrNotFound)
	}
	if ok, _ := get[bool](recs[0], "region"); q.Scope.RegionID != "" && !ok {
		return fmt.Errorf("region %q: %w", q.Scope.RegionID, graph.ErrNotFound)
	}
	if ok, _ := get[bool](recs[0], "belt"); q.Scope.BeltID != "" && !ok {
		return fmt.Errorf("belt %q: %w", q.Scope.BeltID, graph.ErrNotFound)
	}
	return nil
}

// downstreamPaths maps each link the missing link feeds (within the depth) to its path: the
// oracle's own breadth-first walk (graph.FeedPaths: shortest, no link twice, never back to the
// missing link) over the generation's cached FEEDS edges, O(links + edges). It was Cypher's
// ALL SHORTEST (src)-[:FEEDS]->{1,8}(d), which on a dense cyclic graph (335 links and 5,256
// edges, the size of an input–output table) searched for minutes, past its transaction's
// timeout, and went on after being terminated.
func downstreamPaths(geo *geography, linkID string, depth int) map[string][]graph.Link {
	out := map[string][]graph.Link{}
	for id, ids := range graph.FeedPaths(geo.feeds, linkID, depth) {
		path := make([]graph.Link, len(ids))
		for i, l := range ids {
			path[i] = geo.links[l]
		}
		out[id] = path
	}
	return out
}

// lackingUnitRows builds one row per lacking unit with its demands, in code order.
func lackingUnitRows(ctx context.Context, tx readTx, params map[string]any, paths map[string][]graph.Link, geo *geography) ([]graph.LackingRegion, error) {
	recs, err := collect(ctx, tx, lackingHave, params)
	if err != nil {
		return nil, err
	}
	if params["have"], err = get[[]any](recs[0], "have"); err != nil {
		return nil, err
	}
	if params["units"], err = scopeUnits(ctx, tx, params, geo); err != nil {
		return nil, err
	}
	if recs, err = collect(ctx, tx, lackingUnits, params); err != nil {
		return nil, err
	}
	// Records come by unit code, then downstream id; items by presence id. No record, no row:
	// nil, as memstore answers.
	var rows []graph.LackingRegion
	for _, rec := range recs {
		unitID, err := get[string](rec, "unit_id")
		if err != nil {
			return nil, err
		}
		if len(rows) == 0 || rows[len(rows)-1].Region.ID != unitID {
			rows = append(rows, graph.LackingRegion{Region: geo.regions[unitID]})
		}
		row := &rows[len(rows)-1]
		n, err := get[int64](rec, "n")
		if err != nil {
			return nil, err
		}
		strength, err := get[float64](rec, "strength")
		if err != nil {
			return nil, err
		}
		certain, err := get[int64](rec, "certain")
		if err != nil {
			return nil, err
		}
		err = presenceItems(rec, geo, func(downID string, fact graph.PresenceFact) {
			if len(row.Demands) == 0 || row.Demands[len(row.Demands)-1].Downstream.ID != downID {
				path := paths[downID]
				row.Demands = append(row.Demands, graph.Demand{Downstream: path[len(path)-1], Path: path, Count: int(n), Certain: int(certain), Strength: strength})
			}
			d := &row.Demands[len(row.Demands)-1]
			d.Presences = append(d.Presences, fact)
		})
		if err != nil {
			return nil, err
		}
	}
	for i := range rows {
		graph.SortDemands(rows[i].Demands)
	}
	return rows, nil
}

// presenceItems reads the "items" list of rec, each [link id, presence node, id of the region
// the presence is located at], and hands each on as a fact of that link, in list order.
func presenceItems(rec *neo4j.Record, geo *geography, each func(linkID string, fact graph.PresenceFact)) error {
	items, err := get[[]any](rec, "items")
	if err != nil {
		return err
	}
	for _, item := range items {
		triple, ok := item.([]any)
		if !ok || len(triple) != 3 {
			return fmt.Errorf("presence item %v: want [link id, presence, region id]", item)
		}
		linkID, _ := triple[0].(string)
		node, _ := triple[1].(neo4j.Node)
		regionID, _ := triple[2].(string)
		p, err := toPresence(node)
		if err != nil {
			return err
		}
		each(linkID, graph.PresenceFact{Presence: p, Region: geo.regions[regionID], Link: geo.links[linkID]})
	}
	return nil
}

// addSuppliers ranks the regions that have the link for each row in ranked (rows are sorted).
func addSuppliers(ctx context.Context, tx readTx, params map[string]any, geo *geography, link graph.Link, rows []graph.LackingRegion, limit int, ranked graph.RowRange) error {
	recs, err := collect(ctx, tx, lackingSuppliers, params)
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		return nil
	}
	type supplier struct {
		region         graph.Region
		count, certain int
		facts          []graph.PresenceFact
	}
	var sups []*supplier
	for _, rec := range recs { // ordered by region code; presences by id
		regionID, err := get[string](rec, "supplier_id")
		if err != nil {
			return err
		}
		nodes, err := get[[]any](rec, "presences")
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
		sup := &supplier{region: geo.regions[regionID], count: int(n), certain: int(certain)}
		for _, n := range nodes {
			node, _ := n.(neo4j.Node)
			p, err := toPresence(node)
			if err != nil {
				return err
			}
			sup.facts = append(sup.facts, graph.PresenceFact{Presence: p, Region: sup.region, Link: link})
		}
		sups = append(sups, sup)
	}
	candidates := make([]nearest.SupplierCandidate, len(sups))
	for i, sup := range sups {
		candidates[i] = nearest.SupplierCandidate{Region: sup.region, Count: sup.count, Certain: sup.certain, Presences: sup.facts}
	}
	for i := range rows {
		if ranked.Contains(i) {
			rows[i].Suppliers = nearest.NearestSuppliers(rows[i].Region, candidates, geo.borders, geo.placement, geo.chainBelts[link.ChainID], limit)
		}
	}
	return nil
}

// geography is what a generation's answers keep needing and only a load changes: every region
// and link (answers name them by id and take the rest from here, instead of shipping the same
// nodes in thousands of rows), each region's placement, the county border index and recent 补链
// answers (a generation is never written after its load switches to it, and its number is
// never reused, so they stay right). The store keeps the one of the generation it last read
// and rebuilds it, inside the reading transaction, when a read pins another generation.
type geography struct {
	gen        int64
	regions    map[string]graph.Region
	children   map[string][]string // region id → the ids of the regions directly PART_OF it
	links      map[string]graph.Link
	borders    *nearest.BorderIndex
	placements map[string]nearest.Placement
	chainBelts map[string]map[string]bool // chain id → the development belts focusing on it
	answers    memo.Lacking
	// cellFirstMax is how many presence ids the generation's Cell nodes keep (0: it has none).
	cellFirstMax int
	feeds        []graph.Feed // every FEEDS edge, ordered by (From, To): profiles, extensions and leads read them all
}

func (g *geography) placement(id string) nearest.Placement { return g.placements[id] }

// regionUnits is coverageUnits for a region scope ('COUNTY' or another level): the region and
// the regions up to three levels below it that are units of the level, ordered by code.
func (g *geography) regionUnits(regionID, level string) []any {
	root, ok := g.regions[regionID]
	if !ok {
		return []any{}
	}
	var units []graph.Region
	var walk func(r graph.Region, depth int)
	walk = func(r graph.Region, depth int) {
		if level == graph.LevelCounty.String() && r.Level == graph.LevelCounty || level != graph.LevelCounty.String() && r.PrefectureUnit {
			units = append(units, r)
		}
		if depth < 3 {
			for _, c := range g.children[r.ID] {
				walk(g.regions[c], depth+1)
			}
		}
	}
	walk(root, 0)
	slices.SortFunc(units, func(a, b graph.Region) int { return cmp.Compare(a.Code, b.Code) })
	out := make([]any, len(units))
	for i, u := range units {
		out[i] = u.ID
	}
	return out
}

func (s *Store) geography(ctx context.Context, tx readTx) (*geography, error) {
	if g := s.geo.Load(); g != nil && g.gen == tx.gen {
		return g, nil
	}
	recs, err := collect(ctx, tx, geographyRegions, map[string]any{"development_kinds": strs(graph.DevelopmentBeltKinds)})
	if err != nil {
		return nil, err
	}
	g := &geography{gen: tx.gen, regions: make(map[string]graph.Region, len(recs)), children: map[string][]string{}, links: map[string]graph.Link{},
		placements: make(map[string]nearest.Placement, len(recs))}
	regions := make([]graph.Region, len(recs))
	for i, rec := range recs {
		n, err := get[neo4j.Node](rec, "r")
		if err != nil {
			return nil, err
		}
		if regions[i], err = toRegion(n); err != nil {
			return nil, err
		}
		p := &props{m: rec.AsMap()}
		g.regions[regions[i].ID] = regions[i]
		if parent := regions[i].ParentID; parent != "" {
			g.children[parent] = append(g.children[parent], regions[i].ID)
		}
		g.placements[regions[i].ID] = nearest.Placement{PrefectureUnit: p.str("pref"), Belts: p.list("belts")}
	}
	if recs, err = collect(ctx, tx, geographyBelts, map[string]any{"development_kinds": strs(graph.DevelopmentBeltKinds)}); err != nil {
		return nil, err
	}
	g.chainBelts = map[string]map[string]bool{}
	for _, rec := range recs {
		p := &props{m: rec.AsMap()}
		for _, c := range p.list("chains") {
			if g.chainBelts[c] == nil {
				g.chainBelts[c] = map[string]bool{}
			}
			g.chainBelts[c][p.str("id")] = true
		}
	}
	if recs, err = collect(ctx, tx, geographyLinks, nil); err != nil {
		return nil, err
	}
	for _, rec := range recs {
		n, err := get[neo4j.Node](rec, "l")
		if err != nil {
			return nil, err
		}
		l, err := toLink(n)
		if err != nil {
			return nil, err
		}
		g.links[l.ID] = l
	}
	if recs, err = collect(ctx, tx, geographyBorders, nil); err != nil {
		return nil, err
	}
	borders := make([]graph.Border, len(recs))
	for i, rec := range recs {
		p := &props{m: rec.AsMap()}
		borders[i] = graph.Border{A: p.str("a"), B: p.str("b")}
	}
	g.borders = nearest.NewBorderIndex(regions, borders)
	if recs, err = collect(ctx, tx, generationCells, nil); err != nil {
		return nil, err
	}
	firstMax, err := get[int64](recs[0], "first_max")
	if err != nil {
		return nil, err
	}
	g.cellFirstMax = int(firstMax)
	if g.feeds, err = readFeeds(ctx, tx); err != nil {
		return nil, err
	}
	s.geo.Store(g)
	return g, nil
}

// Suppliers implements graph.Snapshot.
func (v *snapshot) Suppliers(ctx context.Context, q graph.SupplierQuery) ([]graph.Supplier, error) {
	if err := q.Facts.Validate(); err != nil {
		return nil, err
	}
	return read(ctx, v, func(tx readTx) ([]graph.Supplier, error) {
		geo, err := v.s.geography(ctx, tx)
		if err != nil {
			return nil, err
		}
		region, ok := geo.regions[q.RegionID]
		if !ok {
			return nil, fmt.Errorf("region %q: %w", q.RegionID, graph.ErrNotFound)
		}
		link, ok := geo.links[q.LinkID]
		if !ok {
			return nil, fmt.Errorf("link %q: %w", q.LinkID, graph.ErrNotFound)
		}
		params := withFacts(map[string]any{"link": q.LinkID, "exclude": q.RegionID, "max": int64(0)}, q.Facts)
		rows := []graph.LackingRegion{{Region: region}}
		if err := addSuppliers(ctx, tx, params, geo, link, rows, math.MaxInt, graph.RowRange{}); err != nil {
			return nil, err
		}
		return rows[0].Suppliers, nil
	})
}

// HolderLinks implements graph.Snapshot in one query for all the holders.
func (v *snapshot) HolderLinks(ctx context.Context, holders []graph.HolderAt) (map[graph.HolderAt][]graph.Link, error) {
	out := map[graph.HolderAt][]graph.Link{}
	if len(holders) == 0 {
		return out, nil
	}
	rows := make([]any, len(holders))
	for i, h := range holders {
		rows[i] = map[string]any{"region": h.RegionID, "holder": h.Holder}
	}
	return read(ctx, v, func(tx readTx) (map[graph.HolderAt][]graph.Link, error) {
		geo, err := v.s.geography(ctx, tx)
		if err != nil {
			return nil, err
		}
		recs, err := collect(ctx, tx, holderLinks, map[string]any{"holders": rows})
		if err != nil {
			return nil, err
		}
		found := map[graph.HolderAt][]graph.Link{}
		for _, rec := range recs {
			p := &props{m: rec.AsMap()}
			h := graph.HolderAt{RegionID: p.str("region"), Holder: p.str("holder")}
			for _, id := range p.list("links") {
				found[h] = append(found[h], geo.links[id])
			}
			if p.err != nil {
				return nil, p.err
			}
		}
		return found, nil
	})
}
