package neo4jstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/internal/nearest"
)

// answersFromCells reports whether a question listing max presences per item, over the facts
// selected, can be answered from the generation's Cell nodes: they count every fact, and list
// the first cellFirstMax presences by id.
func (g *geography) answersFromCells(max int, facts graph.FactFilter) bool {
	return g.cellFirstMax > 0 && facts.IsZero() && max > 0 && max <= g.cellFirstMax
}

// linkCell is a Cell node of the asked link: how many of its presences lie at the unit or below.
type linkCell struct {
	unit       string
	n, certain int
}

// lackingFromCells answers 补链 from the Cell nodes (see answersFromCells): the cells of the link
// say who has it and, less their children's, where its presences are; the cells of the
// downstream links give each unit's demand. Presences are read by id for the demands q lists
// and the suppliers ranked for q.SupplierRows only: a national county-level
// question reads a few thousand cells and a page's presences, not every presence of its links.
func lackingFromCells(ctx context.Context, tx readTx, q graph.LackingQuery, params map[string]any, paths map[string][]graph.Link, geo *geography) ([]graph.LackingRegion, error) {
	have, err := readLinkCells(ctx, tx, params)
	if err != nil {
		return nil, err
	}
	recs, err := collect(ctx, tx, lackingChainHolders, params)
	if err != nil {
		return nil, err
	}
	holders, err := get[[]any](recs[0], "holders")
	if err != nil {
		return nil, err
	}
	excluded := make([]any, 0, len(have)+len(holders))
	for _, c := range have {
		excluded = append(excluded, c.unit)
	}
	params["have"] = append(excluded, holders...)
	if params["units"], err = scopeUnits(ctx, tx, params, geo); err != nil {
		return nil, err
	}
	if recs, err = collect(ctx, tx, lackingDemandCells, params); err != nil {
		return nil, err
	}
	byUnit := map[string]*graph.LackingRegion{}
	first := map[[2]string][]any{} // (unit, downstream) → the cell's first presence ids
	for _, rec := range recs {
		downID, err := get[string](rec, "downstream")
		if err != nil {
			return nil, err
		}
		cells, err := get[[]any](rec, "cells")
		if err != nil {
			return nil, err
		}
		path := paths[downID]
		for _, item := range cells {
			f, ok := item.([]any)
			if !ok || len(f) != 5 {
				return nil, fmt.Errorf("cell %v of %s: want [unit, count, certain count, strength, first presence ids]", item, downID)
			}
			unitID, ok1 := f[0].(string)
			n, ok2 := f[1].(int64)
			certain, ok3 := f[2].(int64)
			strength, ok4 := f[3].(float64)
			ids, ok5 := f[4].([]any)
			if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 {
				return nil, fmt.Errorf("cell %v of %s: want [unit, count, certain count, strength, first presence ids]", item, downID)
			}
			row := byUnit[unitID]
			if row == nil {
				row = &graph.LackingRegion{Region: geo.regions[unitID]}
				byUnit[unitID] = row
			}
			row.Demands = append(row.Demands, graph.Demand{Downstream: path[len(path)-1], Path: path, Count: int(n), Certain: int(certain), Strength: strength})
			first[[2]string{unitID, downID}] = ids
		}
	}
	var rows []graph.LackingRegion
	for _, row := range byUnit {
		graph.SortDemands(row.Demands)
		rows = append(rows, *row)
	}
	slices.SortFunc(rows, func(a, b graph.LackingRegion) int { return cmp.Compare(a.Region.Code, b.Region.Code) })
	graph.SortLacking(rows)
	if err := listDemandPresences(ctx, tx, q, rows, first, geo); err != nil {
		return nil, err
	}
	if q.SupplierRows.Offset < len(rows) {
		if err := rankSuppliersFromCells(ctx, tx, params, geo, q, rows, have); err != nil {
			return nil, err
		}
	}
	return rows, nil
}

// readLinkCells reads the cells of params' link.
func readLinkCells(ctx context.Context, tx readTx, params map[string]any) ([]linkCell, error) {
	recs, err := collect(ctx, tx, linkCells, params)
	if err != nil {
		return nil, err
	}
	items, err := get[[]any](recs[0], "cells")
	if err != nil {
		return nil, err
	}
	out := make([]linkCell, len(items))
	for i, item := range items {
		f, ok := item.([]any)
		if !ok || len(f) != 3 {
			return nil, fmt.Errorf("cell %v: want [unit, count, certain count]", item)
		}
		unit, ok1 := f[0].(string)
		n, ok2 := f[1].(int64)
		certain, ok3 := f[2].(int64)
		if !ok1 || !ok2 || !ok3 {
			return nil, fmt.Errorf("cell %v: want [unit, count, certain count]", item)
		}
		out[i] = linkCell{unit: unit, n: int(n), certain: int(certain)}
	}
	return out, nil
}

// listDemandPresences reads, by id, the presences the cells list for the demands q lists (see
// graph.LackingQuery.Lists).
func listDemandPresences(ctx context.Context, tx readTx, q graph.LackingQuery, rows []graph.LackingRegion, first map[[2]string][]any, geo *geography) error {
	var ids []any
	for i, row := range rows {
		for k, d := range row.Demands {
			if q.Lists(i, k) {
				listed := first[[2]string{row.Region.ID, d.Downstream.ID}]
				ids = append(ids, listed[:min(len(listed), q.MaxPresences)]...)
			}
		}
	}
	presences, err := presencesWithIDs(ctx, tx, ids)
	if err != nil {
		return err
	}
	for i := range rows {
		for k := range rows[i].Demands {
			if !q.Lists(i, k) {
				continue
			}
			d := &rows[i].Demands[k]
			listed := first[[2]string{rows[i].Region.ID, d.Downstream.ID}]
			for _, v := range listed[:min(len(listed), q.MaxPresences)] {
				id, _ := v.(string)
				p, ok := presences[id]
				if !ok {
					return fmt.Errorf("cell %s/%s lists presence %q, which generation %d lacks", rows[i].Region.ID, d.Downstream.ID, id, tx.gen)
				}
				d.Presences = append(d.Presences, graph.PresenceFact{Presence: p, Region: geo.regions[p.RegionID], Link: geo.links[p.LinkID]})
			}
		}
	}
	return nil
}

// rankSuppliersFromCells ranks the suppliers of the rows in q.SupplierRows from the link's
// cells: a region's own presences are its cell's count less its children's (a presence lies at
// one region and is counted there and above). Only the suppliers kept read their presences.
func rankSuppliersFromCells(ctx context.Context, tx readTx, params map[string]any, geo *geography, q graph.LackingQuery, rows []graph.LackingRegion, cells []linkCell) error {
	own := make(map[string]*linkCell, len(cells))
	for _, c := range cells {
		own[c.unit] = &linkCell{unit: c.unit, n: c.n, certain: c.certain}
	}
	for _, c := range cells {
		if up := own[geo.regions[c.unit].ParentID]; up != nil {
			up.n -= c.n
			up.certain -= c.certain
		}
	}
	var candidates []nearest.SupplierCandidate
	for _, c := range own {
		if c.n > 0 {
			candidates = append(candidates, nearest.SupplierCandidate{Region: geo.regions[c.unit], Count: c.n, Certain: c.certain})
		}
	}
	slices.SortFunc(candidates, func(a, b nearest.SupplierCandidate) int { return cmp.Compare(a.Region.Code, b.Region.Code) })
	link := geo.links[q.LinkID]
	kept := map[string]bool{}
	var keptIDs []any
	for i := range rows {
		if !q.SupplierRows.Contains(i) {
			continue
		}
		rows[i].Suppliers = nearest.NearestSuppliers(rows[i].Region, candidates, geo.borders, geo.placement, geo.chainBelts[link.ChainID], q.MaxSuppliers)
		for _, s := range rows[i].Suppliers {
			if !kept[s.Region.ID] {
				kept[s.Region.ID] = true
				keptIDs = append(keptIDs, s.Region.ID)
			}
		}
	}
	if len(keptIDs) == 0 {
		return nil
	}
	params["suppliers"] = keptIDs
	recs, err := collect(ctx, tx, supplierPresences, params)
	if err != nil {
		return err
	}
	listed := map[string][]graph.PresenceFact{}
	for _, rec := range recs {
		regionID, err := get[string](rec, "supplier_id")
		if err != nil {
			return err
		}
		nodes, err := get[[]any](rec, "presences")
		if err != nil {
			return err
		}
		for _, n := range nodes {
			node, _ := n.(neo4j.Node)
			p, err := toPresence(node)
			if err != nil {
				return err
			}
			listed[regionID] = append(listed[regionID], graph.PresenceFact{Presence: p, Region: geo.regions[regionID], Link: link})
		}
	}
	for i := range rows {
		for k := range rows[i].Suppliers {
			rows[i].Suppliers[k].Presences = listed[rows[i].Suppliers[k].Region.ID]
		}
	}
	return nil
}
