package graph

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
func NewBorderIndex(regions []Region, borders []Border) *BorderIndex {
	b := &BorderIndex{countiesOf: map[string][]int32{}}
	byID := make(map[string]Region, len(regions))
	for _, r := range regions {
		byID[r.ID] = r
	}
	number := map[string]int32{}
	for _, r := range regions {
		if r.Level != LevelCounty {
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
	Region    Region
	Count     int            // its presences of the link
	Presences []PresenceFact // the first of them by id, as the answer lists them
}

// NearestSuppliers ranks candidates as seen from r (see RankSuppliers) and returns the first
// limit, or nil when there are none. placement gives each region's place for SamePrefecture
// and SameBelt.
func NearestSuppliers(r Region, candidates []SupplierCandidate, borders *BorderIndex, placement func(id string) Placement, limit int) []Supplier {
	if len(candidates) == 0 {
		return nil
	}
	hops := borders.HopsFrom(r.ID)
	from := placement(r.ID)
	out := make([]Supplier, len(candidates))
	for i, c := range candidates {
		dist := -1.0
		if r.HasCentroid && c.Region.HasCentroid {
			dist = DistanceKM(r.Lon, r.Lat, c.Region.Lon, c.Region.Lat)
		}
		out[i] = Supplier{Region: c.Region, BorderHops: borders.HopsTo(hops, c.Region.ID), DistanceKM: dist, Count: c.Count, Presences: c.Presences}
		out[i].Mark(from, placement(c.Region.ID))
	}
	return TopSuppliers(out, limit)
}
