// Package nearest ranks the regions that supply a link as seen from a region that lacks it — the
// county border index, placements (prefecture unit, development belts) and the supplier order
// that graph.LackingQuery specifies — for the stores, which share it so that their answers agree.
//
// It is not the domain (graph is) and not part of any public API: only the stores use it.
package nearest

import (
	"sort"

	"github.com/chaingraph/chaingraph/graph"
)

// BorderIndex answers border-hop questions fast: counties are numbered densely, so a search
// is a walk over int slices rather than maps. Both stores rank suppliers with it (memstore
// builds it with each snapshot; neo4jstore caches one per loaded generation).
type BorderIndex struct {
	countyIDs  []string
	neighbours [][]int32
	countiesOf map[string][]int32 // region id → the numbers of the counties in its subtree
}

// NewBorderIndex indexes the counties of regions and the borders between them. Regions must
// include every ancestor of every county.
func NewBorderIndex(regions []graph.Region, borders []graph.Border) *BorderIndex {
	b := &BorderIndex{countiesOf: map[string][]int32{}}
	byID := make(map[string]graph.Region, len(regions))
	for _, r := range regions {
		byID[r.ID] = r
	}
	number := map[string]int32{}
	for _, r := range regions {
		if r.Level != graph.LevelCounty {
			continue
		}
		n := int32(len(b.countyIDs))
		number[r.ID] = n
		b.countyIDs = append(b.countyIDs, r.ID)
		for a, ok := r, true; ok; a, ok = byID[a.ParentID] {
			b.countiesOf[a.ID] = append(b.countiesOf[a.ID], n)
		}
	}
	b.neighbours = make([][]int32, len(b.countyIDs))
	for _, e := range borders {
		x, okA := number[e.A]
		y, okB := number[e.B]
		if okA && okB {
			b.neighbours[x] = append(b.neighbours[x], y)
			b.neighbours[y] = append(b.neighbours[y], x)
		}
	}
	return b
}

// HopsFrom is a breadth-first search from every county of region id at once: for each
// county number, the fewest borders crossed from the nearest of them, -1 where no path leads.
func (b *BorderIndex) HopsFrom(id string) []int32 {
	hops := make([]int32, len(b.countyIDs))
	for i := range hops {
		hops[i] = -1
	}
	sources := b.countiesOf[id]
	frontier := make([]int32, 0, len(sources))
	for _, c := range sources {
		hops[c] = 0
		frontier = append(frontier, c)
	}
	var next []int32
	for d := int32(1); len(frontier) > 0; d++ {
		next = next[:0]
		for _, n := range frontier {
			for _, m := range b.neighbours[n] {
				if hops[m] < 0 {
					hops[m] = d
					next = append(next, m)
				}
			}
		}
		frontier, next = next, frontier
	}
	return hops
}

// HopsTo is the fewest hops, in a HopsFrom answer, to any county of region id; -1 when none is
// reachable (or id has no county).
func (b *BorderIndex) HopsTo(hops []int32, id string) int {
	h := int32(-1)
	for _, c := range b.countiesOf[id] {
		if d := hops[c]; d >= 0 && (h < 0 || d < h) {
			h = d
		}
	}
	return int(h)
}

// SupplierCandidate is a region that has a link, with the presences that give it the link.
type SupplierCandidate struct {
	Region    graph.Region
	Count     int                  // its presences of the link
	Certain   int                  // of them, those that rest on the only reading of their source
	Presences []graph.PresenceFact // the first of them by id, as the answer lists them
}

// NearestSuppliers ranks candidates as seen from r (see RankSuppliers) and returns the first
// limit, or nil when there are none. placement gives each region's place for SamePrefecture
// and SameBelt; only the belts in chainBelts count for SameBelt (the development belts of the
// link's chain: a tourism belt says nothing about where circuit boards come from).
func NearestSuppliers(r graph.Region, candidates []SupplierCandidate, borders *BorderIndex, placement func(id string) Placement, chainBelts map[string]bool, limit int) []graph.Supplier {
	if len(candidates) == 0 {
		return nil
	}
	hops := borders.HopsFrom(r.ID)
	from := placement(r.ID)
	out := make([]graph.Supplier, len(candidates))
	for i, c := range candidates {
		dist := -1.0
		if r.HasCentroid && c.Region.HasCentroid {
			dist = graph.DistanceKM(r.Lon, r.Lat, c.Region.Lon, c.Region.Lat)
		}
		out[i] = graph.Supplier{Region: c.Region, BorderHops: borders.HopsTo(hops, c.Region.ID), DistanceKM: dist, Count: c.Count, Certain: c.Certain, Presences: c.Presences}
		mark(&out[i], from, placement(c.Region.ID), chainBelts)
	}
	return TopSuppliers(out, limit)
}

// Placement is where a region sits for supplier ranking: its prefecture unit (itself, or the
// ancestor that is one; empty for the province) and the development belts it is in (a member,
// or below one; see IsDevelopmentBelt).
type Placement struct {
	PrefectureUnit string
	Belts          []string // sorted
}

// mark sets SamePrefecture and SameBelt on a supplier for the lacking region at r.
func mark(s *graph.Supplier, r, supplier Placement, chainBelts map[string]bool) {
	s.SamePrefecture = r.PrefectureUnit != "" && r.PrefectureUnit == supplier.PrefectureUnit
	for _, a := range r.Belts {
		for _, b := range supplier.Belts {
			if a == b && chainBelts[a] {
				s.SameBelt = true
			}
		}
	}
}

// RankSuppliers orders suppliers as graph.LackingQuery says: same prefecture, then same belt, then
// border hops, then distance (unknown, -1, after any known value), then code.
func RankSuppliers(s []graph.Supplier) {
	sort.Slice(s, func(i, j int) bool { return supplierLess(&s[i], &s[j]) })
}

// TopSuppliers returns the first k of s in RankSuppliers' order, without sorting all of s
// (a national 补链 ranks thousands of supplier regions for each lacking county to keep three).
func TopSuppliers(s []graph.Supplier, k int) []graph.Supplier {
	if k <= 0 {
		return nil
	}
	if k >= len(s) {
		RankSuppliers(s)
		return s
	}
	top := make([]graph.Supplier, 0, k+1)
	for i := range s {
		if len(top) == k && !supplierLess(&s[i], &top[k-1]) {
			continue
		}
		at := sort.Search(len(top), func(j int) bool { return supplierLess(&s[i], &top[j]) })
		top = append(top, graph.Supplier{})
		copy(top[at+1:], top[at:])
		top[at] = s[i]
		if len(top) > k {
			top = top[:k]
		}
	}
	return top
}

func supplierLess(a, b *graph.Supplier) bool {
	if a.SamePrefecture != b.SamePrefecture {
		return a.SamePrefecture
	}
	if a.SameBelt != b.SameBelt {
		return a.SameBelt
	}
	if a.BorderHops != b.BorderHops {
		return lessUnknownLast(float64(a.BorderHops), float64(b.BorderHops))
	}
	if a.DistanceKM != b.DistanceKM {
		return lessUnknownLast(a.DistanceKM, b.DistanceKM)
	}
	return a.Region.Code < b.Region.Code
}

func lessUnknownLast(a, b float64) bool {
	if a < 0 || b < 0 {
		return b < 0 && a >= 0
	}
	return a < b
}
