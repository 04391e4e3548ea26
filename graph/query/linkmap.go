package query

import (
	"context"
	"math"
	"slices"
	"strings"

	"github.com/chaingraph/chaingraph/graph"
)

// LinkStatus is a unit's standing for one link on a map.
type LinkStatus int

// The standings, as the API's LinkStatus names them.
const (
	LinkHas         LinkStatus = iota + 1 // a presence that counts gives the unit the link
	LinkLacks                             // lacks it, and something the unit has needs it (补链)
	LinkNoDemand                          // lacks it, and nothing the unit has needs it
	LinkChainHolder                       // holds the link's chain as a whole: not judged
)

// LinkMapRequest asks for every unit of a scope's standing for one link.
type LinkMapRequest struct {
	Chain, Link, Scope string
	Level              graph.Level
	MaxDepth           int // 1..graph.MaxFeedDepth
	MaxSuppliers       int // 1..MaxSuppliersLimit
	Facts              graph.FactFilter
}

// MappedUnit is one unit's standing.
type MappedUnit struct {
	Region graph.Region
	Status LinkStatus
	// NearestSupplier: the unit, or a county of it, is among the nearest suppliers of some
	// lacking unit (a prefecture has a link when one of its counties does, so it supplies then).
	NearestSupplier bool
}

// LinkMapAnswer is every unit of the scope, ordered by code, and the nearest suppliers of the
// lacking ones (of any level, in or out of the scope), by code.
type LinkMapAnswer struct {
	Chain, Link graph.Named
	Scoped
	MaxDepth         int
	Units            []MappedUnit
	NearestSuppliers []graph.Region
}

// LinkMap answers the page's question: 补链 (which units lack the link with demand, and their
// nearest suppliers) read together with the link's coverage (which units have it) over one
// snapshot, so that the two agree.
func (v *View) LinkMap(ctx context.Context, r LinkMapRequest) (*LinkMapAnswer, error) {
	lacking, err := v.Lacking(ctx, LackingRequest{Chain: r.Chain, Link: r.Link, Scope: r.Scope, Level: r.Level, MaxDepth: r.MaxDepth,
		MaxSuppliers: r.MaxSuppliers, MaxPresences: 1, Facts: r.Facts, // 补链 lists one presence at the least
		PresenceRows: graph.RowRange{Offset: math.MaxInt32}}) // past every row: the map shows no demand's presences
	if err != nil {
		return nil, err
	}
	cov, err := v.Snap.Coverage(ctx, graph.CoverageQuery{ChainID: lacking.Link.ChainID, Scope: lacking.Scope, MaxPresences: graph.NoPresences, Facts: r.Facts})
	if err != nil {
		return nil, err
	}
	lacks := map[string]bool{}
	suppliers := map[string]graph.Region{}
	supplying := map[string]bool{} // a supplier and its parent: a prefecture supplies through its county
	for _, row := range lacking.Rows {
		lacks[row.Region.ID] = true
		for _, s := range row.Suppliers {
			suppliers[s.Region.ID] = s.Region
			supplying[s.Region.ID], supplying[s.Region.ParentID] = true, true
		}
	}
	holders := map[string]bool{}
	for _, h := range lacking.ChainHolders {
		holders[h.ID] = true
	}
	a := &LinkMapAnswer{Chain: lacking.Chain, Link: lacking.Link, Scoped: lacking.Scoped, MaxDepth: lacking.MaxDepth}
	for _, u := range cov.Units {
		m := MappedUnit{Region: u, Status: LinkNoDemand, NearestSupplier: supplying[u.ID]}
		switch {
		case cov.Cells[u.ID][lacking.Link.ID].Count > 0:
			m.Status = LinkHas
		case lacks[u.ID]:
			m.Status = LinkLacks
		case holders[u.ID]:
			m.Status = LinkChainHolder
		}
		a.Units = append(a.Units, m)
	}
	for _, s := range suppliers {
		a.NearestSuppliers = append(a.NearestSuppliers, s)
	}
	slices.SortFunc(a.NearestSuppliers, func(x, y graph.Region) int { return strings.Compare(x.Code, y.Code) })
	return a, nil
}
