package query

import (
	"context"
	"fmt"
	"math"

	"github.com/chaingraph/chaingraph/graph"
)

// Change is how a unit's 补链 gap moved between two years.
type Change string

// Changes, in the order an answer lists them.
const (
	ChangeHealed   Change = "healed"   // lacking in the first year, not in the second
	ChangeNew      Change = "new"      // lacking in the second year, not in the first
	ChangePersists Change = "persists" // lacking in both
)

// CompareRequest asks the same 补链 question at two years: the facts known by the end of
// From, and by the end of To (see graph.FactFilter.AsOf).
type CompareRequest struct {
	Lacking  LackingRequest // Facts.AsOf must be unset: From and To set it; suppliers are not ranked
	From, To int
	// FilledRows are the changes (a page, in answer order) whose healing facts are read: a
	// coverage per healed gap; Limit 0: every change.
	FilledRows graph.RowRange
}

// LackingChange is one unit whose gap healed, is new, or persists.
type LackingChange struct {
	Region graph.Region
	Change Change
	// Before and After are its 补链 rows in the two years (nil where it lacks nothing).
	Before, After *graph.LackingRegion
	// FilledBy are the facts of the link at the unit known by To and not by From (a healed gap:
	// what healed it; read for CompareRequest.FilledRows only); HeldBy the chain facts of the
	// link's chain likewise (the plan naming the unit for the whole chain).
	FilledBy []graph.PresenceFact
	HeldBy   []graph.ChainFact
	// NewDemand are the demand facts (of After's listed ones) known by To and not by From: what
	// made a new gap, or grew a persisting one.
	NewDemand []graph.PresenceFact
}

// CompareAnswer is every change, healed first, then new, then persisting, each in the order
// of its year's 补链 answer (healed: the first year's; the others: the second's).
type CompareAnswer struct {
	Chain, Link graph.Named
	Scoped
	MaxDepth int
	From, To int
	Changes  []LackingChange
}

// FieldProblem is what is wrong with one request field.
type FieldProblem struct{ Field, Problem string }

// CheckYears checks a comparison's years: from and to within graph's years, from before to, and
// no as_of of the facts beside them (the years set it). Handlers call it to list every bad field
// at once; CompareLacking calls it too.
func CheckYears(asOf, from, to int) []FieldProblem {
	var out []FieldProblem
	if asOf != 0 {
		out = append(out, FieldProblem{"facts.as_of", "leave it unset: from_year and to_year set it"})
	}
	inRange := true
	for _, y := range []struct {
		field string
		year  int
	}{{"from_year", from}, {"to_year", to}} {
		if y.year < graph.MinAsOf || y.year > graph.MaxAsOf {
			out = append(out, FieldProblem{y.field, fmt.Sprintf("%d: want a year from %d to %d", y.year, graph.MinAsOf, graph.MaxAsOf)})
			inRange = false
		}
	}
	if inRange && from >= to {
		out = append(out, FieldProblem{"to_year", fmt.Sprintf("%d: want a year after from_year %d", to, from)})
	}
	return out
}

// CompareLacking answers 补链 at two years and what changed between them.
func (v *View) CompareLacking(ctx context.Context, r CompareRequest) (*CompareAnswer, error) {
	if problems := CheckYears(r.Lacking.Facts.AsOf, r.From, r.To); len(problems) > 0 {
		return nil, invalid(problems[0].Field, "%s", problems[0].Problem)
	}
	ask := func(year int) (*LackingAnswer, error) {
		q := r.Lacking
		q.Facts.AsOf = year
		q.SupplierRows = graph.RowRange{Offset: math.MaxInt32} // past every row: no supplier is ranked
		return v.Lacking(ctx, q)
	}
	before, err := ask(r.From)
	if err != nil {
		return nil, err
	}
	after, err := ask(r.To)
	if err != nil {
		return nil, err
	}
	a := &CompareAnswer{Chain: after.Chain, Link: after.Link, Scoped: after.Scoped, MaxDepth: after.MaxDepth, From: r.From, To: r.To}
	inAfter := map[string]*graph.LackingRegion{}
	for i := range after.Rows {
		inAfter[after.Rows[i].Region.ID] = &after.Rows[i]
	}
	inBefore := map[string]*graph.LackingRegion{}
	for i := range before.Rows {
		row := &before.Rows[i]
		inBefore[row.Region.ID] = row
		if inAfter[row.Region.ID] != nil {
			continue
		}
		c := LackingChange{Region: row.Region, Change: ChangeHealed, Before: row}
		if r.FilledRows.Contains(len(a.Changes)) { // healed changes come first: their index is their row
			if c.FilledBy, c.HeldBy, err = v.filledBetween(ctx, row.Region, after.Link, r); err != nil {
				return nil, err
			}
		}
		a.Changes = append(a.Changes, c)
	}
	var persisting []LackingChange
	for i := range after.Rows {
		row := &after.Rows[i]
		c := LackingChange{Region: row.Region, Change: ChangeNew, Before: inBefore[row.Region.ID], After: row}
		for _, d := range row.Demands {
			for _, p := range d.Presences {
				if graph.KnownSince(p.Presence.Year, p.Presence.Evidence.Kind) > r.From {
					c.NewDemand = append(c.NewDemand, p)
				}
			}
		}
		if c.Before != nil {
			c.Change = ChangePersists
			persisting = append(persisting, c)
			continue
		}
		a.Changes = append(a.Changes, c)
	}
	a.Changes = append(a.Changes, persisting...)
	return a, nil
}

// filledBetween returns the facts that give a unit the link, or its chain as a whole, known by
// r.To and not by r.From.
func (v *View) filledBetween(ctx context.Context, unit graph.Region, link graph.Named, r CompareRequest) ([]graph.PresenceFact, []graph.ChainFact, error) {
	facts := r.Lacking.Facts
	facts.AsOf = r.To
	level := graph.LevelCounty
	if unit.Level != graph.LevelCounty {
		level = graph.LevelPrefecture
	}
	cov, err := v.Snap.Coverage(ctx, graph.CoverageQuery{ChainID: link.ChainID, Scope: graph.Scope{RegionID: unit.ID, Level: level}, MaxPresences: r.Lacking.MaxPresences, Facts: facts})
	if err != nil {
		return nil, nil, err
	}
	var filled []graph.PresenceFact
	for _, p := range cov.Cells[unit.ID][link.ID].Presences {
		if graph.KnownSince(p.Presence.Year, p.Presence.Evidence.Kind) > r.From {
			filled = append(filled, p)
		}
	}
	held, err := v.Snap.ChainFacts(ctx, graph.ChainFactQuery{RegionID: unit.ID, ChainID: link.ChainID, Facts: facts})
	if err != nil {
		return nil, nil, err
	}
	var since []graph.ChainFact
	for _, f := range held {
		if graph.KnownSince(0, f.Evidence.Kind) > r.From {
			since = append(since, f)
		}
	}
	return filled, since, nil
}
