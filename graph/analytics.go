package graph

import (
	"math"
	"sort"
)

// Has returns the links a place has: the cells of every unit of cov merged (counts and strengths
// added in unit order, presences in id order, as many as cov lists per cell).
func (c *Coverage) Has() map[string]Cell {
	has := map[string]Cell{}
	for _, u := range c.Units {
		for linkID, cell := range c.Cells[u.ID] {
			h := has[linkID]
			h.Count += cell.Count
			h.Strength += cell.Strength
			h.Presences = append(h.Presences, cell.Presences...)
			has[linkID] = h
		}
	}
	if len(c.Units) > 1 {
		for linkID, h := range has {
			sort.SliceStable(h.Presences, func(i, j int) bool { return h.Presences[i].Presence.ID < h.Presences[j].Presence.ID })
			if c.MaxPresences > 0 && len(h.Presences) > c.MaxPresences {
				h.Presences = h.Presences[:c.MaxPresences]
			}
			has[linkID] = h
		}
	}
	return has
}

// Extension is a link a place could add (延链), with how near it is to what the place has.
type Extension struct {
	Link Link
	// Density is the share of the link's FEEDS neighbours (links it feeds or is fed by, in any
	// chain) that the place has: the relatedness density of Hidalgo–Hausmann's economic-complexity
	// work, on the chain graph. Rounded to 4 decimals.
	Density    float64
	Neighbours int        // how many FEEDS neighbours the link has
	Present    []Neighbor // the neighbours the place has, by link id
}

// Neighbor is a FEEDS neighbour of a candidate link that the place has.
type Neighbor struct {
	Link  Link
	Feeds bool // the candidate feeds this link (it is downstream)
	// FedBy: this link feeds the candidate (it is upstream). At least one of Feeds and FedBy
	// holds; both for a reciprocal pair (a FEEDS cycle a ⇄ b), which is still one neighbour.
	FedBy     bool
	Count     int // the place's presences of this link
	Presences []PresenceFact
}

// Extensions ranks the links a place does not have by relatedness density (highest first), then
// by number of present neighbours, then id; links with no present neighbour are left out. links
// are the candidates (e.g. one chain's, or every chain's); feeds is the whole FEEDS graph.
func Extensions(has map[string]Cell, links []Link, feeds []Feed, byID map[string]Link) []Extension {
	type adj struct {
		id    string
		feeds bool
	}
	neighbours := map[string][]adj{}
	for _, f := range feeds {
		neighbours[f.From] = append(neighbours[f.From], adj{f.To, true})
		neighbours[f.To] = append(neighbours[f.To], adj{f.From, false})
	}
	var out []Extension
	for _, l := range links {
		if has[l.ID].Count > 0 || len(neighbours[l.ID]) == 0 {
			continue
		}
		// A neighbour on both sides (a ⇄ b) is one neighbour with both directions, whichever
		// edge comes first.
		seen := map[string]int{} // neighbour id → its index in present, or -1 when absent
		var present []Neighbor
		for _, n := range neighbours[l.ID] {
			i, ok := seen[n.id]
			if !ok {
				i = -1
				if cell := has[n.id]; cell.Count > 0 {
					i = len(present)
					present = append(present, Neighbor{Link: byID[n.id], Count: cell.Count, Presences: cell.Presences})
				}
				seen[n.id] = i
			}
			if i >= 0 {
				if n.feeds {
					present[i].Feeds = true
				} else {
					present[i].FedBy = true
				}
			}
		}
		if len(present) == 0 {
			continue
		}
		sort.Slice(present, func(i, j int) bool { return present[i].Link.ID < present[j].Link.ID })
		out = append(out, Extension{Link: l, Density: round4(float64(len(present)) / float64(len(seen))), Neighbours: len(seen), Present: present})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Density != b.Density {
			return a.Density > b.Density
		}
		if len(a.Present) != len(b.Present) {
			return len(a.Present) > len(b.Present)
		}
		return a.Link.ID < b.Link.ID
	})
	return out
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// ChainProfile is one chain as a place has it.
type ChainProfile struct {
	Chain   Chain
	Present []Holding // links the place has: Region is the place; ordered as the chain's links
	// ChainFacts are the statements about the whole chain located at the place or below it,
	// by id (see ChainFact).
	ChainFacts []ChainFact
	Links      []Link // every link of the chain, for reference
	// MissingUpstream are links of the chain the place lacks that feed, within DefaultDepth
	// FEEDS edges, a link the place has (in any chain). None when the place holds the chain by
	// a chain fact: the plan does not say which of its links the place has (as in 补链).
	MissingUpstream []Link
	// Completeness is the stage-weighted share of the chain's links the place has: the share of
	// each stage's links present, averaged over the stages the chain has, so that each stage
	// counts equally however many links it has. Rounded to 4 decimals.
	Completeness float64
	// LQ is the place's location quotient in the chain (see LocationQuotient).
	LQ LocationQuotient
}

// DefaultDepth is the FEEDS depth profiles use for missing upstream links.
const DefaultDepth = 4

// Profile builds a place's profile from the coverage of every chain in the place, the
// province's enterprise counts (for location quotients; the place must be in that province),
// the chains, the FEEDS graph and the chain facts located at the place or below it. Chains the
// place has no link and no chain fact of are left out.
func Profile(place Region, cov *Coverage, base *LQBase, chains []Chain, feeds []Feed, chainFacts []ChainFact) []ChainProfile {
	factsOf := map[string][]ChainFact{}
	for _, f := range chainFacts {
		factsOf[f.ChainID] = append(factsOf[f.ChainID], f)
	}
	has := cov.Has()
	in := map[string][]string{}
	for _, f := range feeds {
		in[f.To] = append(in[f.To], f.From)
	}
	// upstreamOfHas: links reaching a link the place has within DefaultDepth edges.
	upstream := map[string]bool{}
	frontier := []string{}
	for id := range has {
		frontier = append(frontier, id)
	}
	for d := 1; d <= DefaultDepth && len(frontier) > 0; d++ {
		var next []string
		for _, n := range frontier {
			for _, m := range in[n] {
				if !upstream[m] {
					upstream[m] = true
					next = append(next, m)
				}
			}
		}
		frontier = next
	}
	placeEnt, placeTotal := base.placeCounts(place)
	provEnt, provTotal := base.perChain, base.total
	var out []ChainProfile
	for _, c := range chains {
		cp := ChainProfile{Chain: c, ChainFacts: factsOf[c.ID]}
		stageTotal := map[Stage]int{}
		stagePresent := map[Stage]int{}
		for _, l := range cov.Links {
			if l.ChainID != c.ID {
				continue
			}
			cp.Links = append(cp.Links, l)
			stageTotal[l.Stage]++
			if cell := has[l.ID]; cell.Count > 0 {
				stagePresent[l.Stage]++
				cp.Present = append(cp.Present, Holding{Region: place, Link: l, Strength: cell.Strength, Count: cell.Count, Certain: cell.Certain, Presences: cell.Presences})
			} else if upstream[l.ID] && len(cp.ChainFacts) == 0 {
				cp.MissingUpstream = append(cp.MissingUpstream, l)
			}
		}
		if len(cp.Present) == 0 && len(cp.ChainFacts) == 0 {
			continue
		}
		var sum float64
		for stage, n := range stageTotal {
			sum += float64(stagePresent[stage]) / float64(n)
		}
		cp.Completeness = round4(sum / float64(len(stageTotal)))
		cp.LQ = locationQuotient(placeEnt[c.ID], placeTotal, provEnt[c.ID], provTotal)
		out = append(out, cp)
	}
	return out
}

// LQBase is the province's enterprise counts, computed once for many location quotients: per
// chain and in all, and for each county and prefecture per chain and in all, so that a
// quotient needs no presence of the place. Enterprises are located at counties (the loader
// requires it), so a prefecture's counts are its counties' sums.
type LQBase struct {
	perChain   map[string]int
	total      int
	unitChain  map[string]map[string]int // county or prefecture id → chain id → its enterprises in the chain
	unitTotals map[string]int            // county or prefecture id → its enterprises, every chain
}

// CountyEnterprises counts the enterprises located in one county: distinct holders of
// enterprise presences there, per chain and in all (an enterprise in two chains counts once in
// Total).
type CountyEnterprises struct {
	County   Region
	PerChain map[string]int
	Total    int
}

// NewLQBase adds up the enterprise counts of every county of the province (see
// Reader.EnterpriseCounts).
func NewLQBase(counties []CountyEnterprises) *LQBase {
	b := &LQBase{perChain: map[string]int{}, unitChain: map[string]map[string]int{}, unitTotals: map[string]int{}}
	for _, c := range counties {
		units := []string{c.County.ID}
		if c.County.ParentID != "" {
			units = append(units, c.County.ParentID)
		}
		b.total += c.Total
		for _, id := range units {
			b.unitTotals[id] += c.Total
			if b.unitChain[id] == nil {
				b.unitChain[id] = map[string]int{}
			}
		}
		for chain, n := range c.PerChain {
			b.perChain[chain] += n
			for _, id := range units {
				b.unitChain[id][chain] += n
			}
		}
	}
	return b
}

// placeCounts are a place's enterprises per chain and in all: the province's own for the
// province (a region without a parent).
func (b *LQBase) placeCounts(place Region) (perChain map[string]int, total int) {
	if place.ParentID == "" {
		return b.perChain, b.total
	}
	return b.unitChain[place.ID], b.unitTotals[place.ID]
}

// UnitLQ is the location quotient of a county or prefecture of the province in a chain.
func (b *LQBase) UnitLQ(unitID, chainID string) LocationQuotient {
	return locationQuotient(b.unitChain[unitID][chainID], b.unitTotals[unitID], b.perChain[chainID], b.total)
}

// MinLQFirms is how many enterprises a location quotient must rest on to mean something: the
// place's own in the chain, or the number it would have at the province's share. One firm in a
// county of ten, in a chain with 1% of the province's firms, is a quotient of 10 that says
// nothing about the county; a county of 500 firms with none in a chain that has 10% of the
// province's (50 expected) is a meaningful 0.
const MinLQFirms = 5

// LQStatus says whether a location quotient can be read.
type LQStatus int

const (
	// LQNoData: the place or the chain has no enterprise in the data; there is no quotient.
	LQNoData LQStatus = iota
	// LQTooFewFirms: fewer than MinLQFirms firms both in the place's chain and expected there;
	// the quotient is computed but not meaningful.
	LQTooFewFirms
	// LQMeaningful: the quotient rests on at least MinLQFirms firms.
	LQMeaningful
)

// LocationQuotient is (the place's enterprises in the chain / all the place's enterprises) /
// (the province's in the chain / all the province's), with what it rests on.
type LocationQuotient struct {
	Value    float64 // rounded to 4 decimals; 0 when Status is LQNoData
	Status   LQStatus
	Firms    int     // the place's enterprises in the chain
	Expected float64 // the place's enterprises × the chain's share in the province, to 4 decimals
}

// Meaningful reports whether the quotient may be shown as a figure.
func (q LocationQuotient) Meaningful() bool { return q.Status == LQMeaningful }

func locationQuotient(placeChain, placeTotal, provinceChain, provinceTotal int) LocationQuotient {
	if placeTotal == 0 || provinceChain == 0 {
		return LocationQuotient{Status: LQNoData, Firms: placeChain}
	}
	share := float64(provinceChain) / float64(provinceTotal)
	q := LocationQuotient{
		Value:    round4((float64(placeChain) / float64(placeTotal)) / share),
		Status:   LQTooFewFirms,
		Firms:    placeChain,
		Expected: round4(float64(placeTotal) * share),
	}
	if placeChain >= MinLQFirms || q.Expected >= MinLQFirms {
		q.Status = LQMeaningful
	}
	return q
}
