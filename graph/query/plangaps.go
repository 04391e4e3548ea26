package query

import (
	"cmp"
	"context"
	"slices"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/internal/nearest"
)

// PlanGapsRequest asks for the plan's picture against the data's (未来图 against 现状图): the
// links, and whole chains, the plan asks a unit to have (planned facts, at link or chain grain)
// with no existing fact there — the list of core missing links a city picks from each year.
type PlanGapsRequest struct {
	Chain        string // optional: one chain's gaps
	Scope        string // a region or belt; empty for the province
	Level        graph.Level
	MaxSuppliers int // 1..MaxSuppliersLimit
	MaxPresences int // planned presences and supplier presences listed per row (0: all)
	// Facts narrows both pictures further (certainty, evidence kind, programme, as_of); its
	// Picture must be unset: the question sets it.
	Facts graph.FactFilter
	// SupplierRows are the rows (a page) that get their nearest suppliers; Limit 0: every row.
	SupplierRows graph.RowRange
}

// PlanGap is one thing the plan asks of a unit that the data does not show there.
type PlanGap struct {
	Unit  graph.Region
	Chain graph.Chain
	// Link is the planned link; nil for a chain fact (the plan names the chain, no link).
	Link *graph.Link
	// Planned are the planned presences behind a link's gap (the first MaxPresences by id),
	// PlannedCount how many there are; ChainFacts the planned chain facts behind a chain's.
	Planned      []graph.PresenceFact
	PlannedCount int
	ChainFacts   []graph.ChainFact
	// Suppliers are the nearest regions with an existing fact of the link (of any link of the
	// chain, for a chain's gap), ranked as 补链's; only for the rows in SupplierRows.
	Suppliers []graph.Supplier
}

// PlanGapsAnswer is every plan gap of the scope, ordered by unit code, chain id, then link id
// (a chain's gap before its links').
type PlanGapsAnswer struct {
	Chain graph.Named // zero when every chain was asked about
	Scoped
	Rows []PlanGap
}

// PlanGaps answers the plan's picture against the data's. A unit has a fact as in 补链: located
// at the unit or below it; "existing there" means an existing presence of the link (for a
// chain's gap: of any link of the chain, or an existing chain fact of it) at the unit or below.
func (v *View) PlanGaps(ctx context.Context, r PlanGapsRequest) (*PlanGapsAnswer, error) {
	if r.MaxSuppliers < 1 || r.MaxSuppliers > MaxSuppliersLimit {
		return nil, invalid("max_suppliers", "must be 1 to %d, got %d", MaxSuppliersLimit, r.MaxSuppliers)
	}
	if r.Facts.Picture != graph.PictureAll {
		return nil, invalid("facts.picture", "leave it unset: the question compares the planned picture with the existing one")
	}
	if err := checkFacts(r.Facts); err != nil {
		return nil, err
	}
	chain, err := v.optional(ctx, "chain", graph.NamedChain, r.Chain)
	if err != nil {
		return nil, err
	}
	sc, err := v.scoped(ctx, r.Scope, r.Level)
	if err != nil {
		return nil, err
	}
	planned, existing := r.Facts, r.Facts
	planned.Picture, existing.Picture = graph.PicturePlanned, graph.PictureExisting
	wanted, err := v.Snap.Coverage(ctx, graph.CoverageQuery{ChainID: chain.ID, Scope: sc.Scope, MaxPresences: r.MaxPresences, Facts: planned})
	if err != nil {
		return nil, err
	}
	there, err := v.Snap.Coverage(ctx, graph.CoverageQuery{ChainID: chain.ID, Scope: sc.Scope, MaxPresences: graph.NoPresences, Facts: existing})
	if err != nil {
		return nil, err
	}
	chains := map[string]graph.Chain{}
	all, err := v.chains(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range all {
		chains[c.ID] = c
	}
	var rows []PlanGap
	for _, u := range wanted.Units {
		for _, l := range wanted.Links {
			c := wanted.Cells[u.ID][l.ID]
			if c.Count == 0 || there.Cells[u.ID][l.ID].Count > 0 {
				continue
			}
			rows = append(rows, PlanGap{Unit: u, Chain: chains[l.ChainID], Link: &l, Planned: c.Presences, PlannedCount: c.Count})
		}
	}
	chainRows, err := v.chainPlanGaps(ctx, chain.ID, wanted.Units, there, planned, existing, chains)
	if err != nil {
		return nil, err
	}
	rows = append(rows, chainRows...)
	slices.SortStableFunc(rows, func(a, b PlanGap) int {
		return cmp.Or(cmp.Compare(a.Unit.Code, b.Unit.Code), cmp.Compare(a.Chain.ID, b.Chain.ID), cmp.Compare(linkID(a.Link), linkID(b.Link)))
	})
	for i := range rows {
		if !r.SupplierRows.Contains(i) {
			continue
		}
		if rows[i].Suppliers, err = v.planSuppliers(ctx, rows[i], wanted.Links, existing, r.MaxSuppliers, r.MaxPresences); err != nil {
			return nil, err
		}
	}
	return &PlanGapsAnswer{Chain: chain, Scoped: sc, Rows: rows}, nil
}

func linkID(l *graph.Link) string {
	if l == nil {
		return ""
	}
	return l.ID
}

// chainPlanGaps are the units holding a planned chain fact with nothing existing of the chain.
func (v *View) chainPlanGaps(ctx context.Context, chainID string, units []graph.Region, there *graph.Coverage, planned, existing graph.FactFilter, chains map[string]graph.Chain) ([]PlanGap, error) {
	facts, err := v.Snap.ChainFacts(ctx, graph.ChainFactQuery{ChainID: chainID, Facts: planned})
	if err != nil {
		return nil, err
	}
	isUnit := map[string]bool{}
	for _, u := range units {
		isUnit[u.ID] = true
	}
	byUnit := map[[2]string]*PlanGap{} // unit, chain → its row
	var order [][2]string
	for _, f := range facts {
		up, err := v.ancestry(ctx, f.RegionID)
		if err != nil {
			return nil, err
		}
		i := slices.IndexFunc(up, func(r graph.Region) bool { return isUnit[r.ID] })
		if i < 0 { // outside the scope, or above the level
			continue
		}
		unit := up[i]
		key := [2]string{unit.ID, f.ChainID}
		if byUnit[key] == nil {
			byUnit[key] = &PlanGap{Unit: unit, Chain: chains[f.ChainID]}
			order = append(order, key)
		}
		byUnit[key].ChainFacts = append(byUnit[key].ChainFacts, f)
	}
	links := linksByID(there.Links)
	var out []PlanGap
	for _, key := range order {
		holds := false
		for linkID, c := range there.Cells[key[0]] {
			if c.Count > 0 && links[linkID].ChainID == key[1] {
				holds = true
			}
		}
		if !holds {
			held, err := v.Snap.ChainFacts(ctx, graph.ChainFactQuery{RegionID: key[0], ChainID: key[1], Facts: existing})
			if err != nil {
				return nil, err
			}
			holds = len(held) > 0
		}
		if !holds {
			out = append(out, *byUnit[key])
		}
	}
	return out, nil
}

// ancestry is a region and its ancestors, nearest first.
func (v *View) ancestry(ctx context.Context, regionID string) ([]graph.Region, error) {
	var up []graph.Region
	for id := regionID; id != ""; {
		d, err := v.Snap.GetRegion(ctx, id)
		if err != nil {
			return nil, err
		}
		up = append(up, d.Region)
		id = d.Region.ParentID
	}
	return up, nil
}

// planSuppliers ranks the regions with an existing fact of the row's link, or of any link of
// its chain for a chain's gap (each region once, its presences of every link counted).
func (v *View) planSuppliers(ctx context.Context, row PlanGap, links []graph.Link, existing graph.FactFilter, limit, maxPresences int) ([]graph.Supplier, error) {
	var ids []string
	if row.Link != nil {
		ids = []string{row.Link.ID}
	} else {
		for _, l := range links {
			if l.ChainID == row.Chain.ID {
				ids = append(ids, l.ID)
			}
		}
	}
	merged := map[string]*graph.Supplier{}
	for _, id := range ids {
		sups, err := v.Snap.Suppliers(ctx, graph.SupplierQuery{RegionID: row.Unit.ID, LinkID: id, Facts: existing})
		if err != nil {
			return nil, err
		}
		for _, s := range sups {
			if m := merged[s.Region.ID]; m != nil {
				m.Count += s.Count
				m.Certain += s.Certain
				m.Presences = append(m.Presences, s.Presences...)
				continue
			}
			merged[s.Region.ID] = &s
		}
	}
	out := make([]graph.Supplier, 0, len(merged))
	for _, s := range merged {
		slices.SortFunc(s.Presences, func(a, b graph.PresenceFact) int { return cmp.Compare(a.Presence.ID, b.Presence.ID) })
		if maxPresences > 0 && len(s.Presences) > maxPresences {
			s.Presences = s.Presences[:maxPresences]
		}
		out = append(out, *s)
	}
	return nearest.TopSuppliers(out, limit), nil
}
