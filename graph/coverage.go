package graph

import (
	"fmt"
	"math"
	"sort"
)

// Scope is where an analysis looks: a region or a belt, answered at a level.
//
// Units are the regions the answer is about: at LevelCounty the county-level regions, at
// LevelPrefecture the prefecture units (prefectures and the county-level units under the
// province), that lie in the region (itself or below it) or in a member of the belt (the reading
// the data chose; a member's alternatives are not included). A unit has a link when a presence
// of it is located in the unit or below it (as in LackingQuery).
type Scope struct {
	RegionID string // exactly one of RegionID and BeltID is set
	BeltID   string
	Level    Level // LevelPrefecture or LevelCounty
}

// Validate checks the scope's own values.
func (s Scope) Validate() error {
	if (s.RegionID == "") == (s.BeltID == "") {
		return fmt.Errorf("%w: scope needs exactly one of a region and a belt", ErrInvalid)
	}
	if s.Level != LevelPrefecture && s.Level != LevelCounty {
		return fmt.Errorf("%w: level %v: want PREFECTURE or COUNTY", ErrInvalid, s.Level)
	}
	return nil
}

// CoverageQuery asks which units of a scope have which links of a chain.
type CoverageQuery struct {
	ChainID string // empty for the links of every chain
	Scope   Scope
	// MaxPresences is how many presences a cell lists (the first by id); 0 lists them all and
	// NoPresences none. A cell's Count and Strength always cover every presence. Answers that
	// show a few presences as evidence ask for that few: the largest prefecture holds hundreds
	// of thousands.
	MaxPresences int
	// Facts selects the presences that count (every one when zero).
	Facts FactFilter
}

// NoPresences as CoverageQuery.MaxPresences lists no presence: counts and strengths only.
const NoPresences = -1

// Validate checks the query's own values.
func (q CoverageQuery) Validate() error {
	if q.MaxPresences < NoPresences {
		return fmt.Errorf("%w: max presences %d: want 0 (all), %d (none) or more", ErrInvalid, q.MaxPresences, NoPresences)
	}
	if err := q.Facts.Validate(); err != nil {
		return err
	}
	return q.Scope.Validate()
}

// Coverage is the units × links table of a scope: the raw material of weak links, profiles,
// coverage matrices and location quotients.
type Coverage struct {
	Units []Region // ordered by code
	Links []Link   // ordered by chain id, stage, id
	// Cells maps unit id → link id → what gives the unit the link. Units and links without
	// presences have no entry.
	Cells map[string]map[string]Cell
	// MaxPresences is the query's: how many presences each cell lists (0: all).
	MaxPresences int
}

// Cell is what gives one unit one link.
type Cell struct {
	Count    int     // presences that give the unit the link
	Certain  int     // of them, those that rest on the only reading of their source
	Strength float64 // their summed strength, added in id order
	// Presences are those presences ordered by id: all of them, or the first
	// CoverageQuery.MaxPresences.
	Presences []PresenceFact
}

// Strength is the summed strength of the presences that give unit the link.
func (c *Coverage) Strength(unitID, linkID string) float64 {
	return c.Cells[unitID][linkID].Strength
}

// SortLinks orders links by chain id, stage, then id: the order Coverage.Links uses.
func SortLinks(links []Link) {
	sort.Slice(links, func(i, j int) bool {
		a, b := links[i], links[j]
		if a.ChainID != b.ChainID {
			return a.ChainID < b.ChainID
		}
		if a.Stage != b.Stage {
			return a.Stage < b.Stage
		}
		return a.ID < b.ID
	})
}

// WeakLink is a link of a chain held by fewer than k units of a scope (强链).
type WeakLink struct {
	Link    Link
	Holders []Holding // units that have the link, strongest first, then by code
	// CertainHolders are the holders with at least one certain fact of the link; the others hold
	// it only on one reading of an ambiguous source.
	CertainHolders int
	// HHI is the Herfindahl–Hirschman index of the holders' strengths (Σ share², from 1/n for an
	// even spread to 1 for a single source); -1 when no unit holds the link.
	HHI float64
}

// Holding is one unit's hold on a link.
type Holding struct {
	Region    Region
	Link      Link
	Strength  float64
	Count     int            // presences that give the unit the link
	Certain   int            // of them, those that rest on the only reading of their source
	Presences []PresenceFact // the first of them by id, as the coverage lists them
}

// WeakLinks returns the links of cov held by fewer than k units: single-source links first, then
// by number of holders (links no unit holds last), then by stage and id.
func WeakLinks(cov *Coverage, k int) []WeakLink {
	var out []WeakLink
	for _, l := range cov.Links {
		w := WeakLink{Link: l, HHI: -1}
		var total float64
		for _, u := range cov.Units {
			if cell := cov.Cells[u.ID][l.ID]; cell.Count > 0 {
				h := Holding{Region: u, Link: l, Strength: cell.Strength, Count: cell.Count, Certain: cell.Certain, Presences: cell.Presences}
				w.Holders = append(w.Holders, h)
				if h.Certain > 0 {
					w.CertainHolders++
				}
				total += h.Strength
			}
		}
		if len(w.Holders) >= k {
			continue
		}
		sort.SliceStable(w.Holders, func(i, j int) bool { return w.Holders[i].Strength > w.Holders[j].Strength })
		if total > 0 {
			w.HHI = 0
			for _, h := range w.Holders {
				share := h.Strength / total
				w.HHI += share * share
			}
			w.HHI = math.Round(w.HHI*1e4) / 1e4
		}
		out = append(out, w)
	}
	rank := func(n int) int { // 1 first, then 2, 3 …, and 0 last
		if n == 0 {
			return math.MaxInt
		}
		return n
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := rank(len(out[i].Holders)), rank(len(out[j].Holders))
		if a != b {
			return a < b
		}
		if out[i].Link.Stage != out[j].Link.Stage {
			return out[i].Link.Stage < out[j].Link.Stage
		}
		return out[i].Link.ID < out[j].Link.ID
	})
	return out
}
