package graph

import (
	"fmt"
	"math"
	"sort"
)

// MaxFeedDepth is the longest FEEDS path any query follows. It is a constant, not a request
// value, because Cypher cannot take a variable-length bound as a parameter.
const MaxFeedDepth = 8

// LackingQuery asks 补链: which regions need a link and lack it. Exactly:
//
//   - Units: the units of Scope (see Scope: a region or a belt, at county or prefecture level).
//   - has(R, X): some presence of link X is located at R or at a descendant of R. A fact about
//     a prefecture never counts for its counties.
//   - Demand: R has some link D (D ≠ LinkID) with a FEEDS path LinkID → … → D of at most
//     MaxDepth edges. Each demand carries the shortest such path (ties: the path whose id
//     sequence sorts first), the count and summed strength (added in id order) of the
//     presences that give R the link D, and the first MaxPresences of them by id (all when 0),
//     for the rows in PresenceRows (their first ListedDemands demands) only. Demands are
//     ordered by path length, then D's id.
//   - A unit lacks the link when it has demand, does not have the link, and holds no chain fact
//     of the link's chain located at it or below it (the plan names such a unit for the chain
//     as a whole without saying which links it has: see ChainFact). Lacking regions are
//     ordered by strength of demand (the summed strength of the presences behind its demands,
//     strongest first), then number of demands (most first), then code.
//   - Suppliers: the regions where a presence of the link is located. Border hops between R and
//     S are the fewest BORDERS edges between a county of R and a county of S (a county's counties
//     are itself; 0 when they share one; -1 when no path). Distance is DistanceKM between their
//     centroids (-1 when one is unknown). Suppliers in R's own prefecture unit come first, then
//     those sharing with R a "3+6" development belt of the link's chain (a region is in a belt
//     when it or an ancestor is a member; centres, growth poles, special areas and the belts of
//     other chains do not count: a tourism belt says nothing about where circuit boards come from),
//     then the rest; within each group by hops (-1 last), distance (-1 last), then code. The
//     first MaxSuppliers are kept, each with the count of its presences of the link and the
//     first MaxPresences of them by id (all when 0), for the rows in SupplierRows only.
type LackingQuery struct {
	LinkID       string
	Scope        Scope
	MaxDepth     int // 1..MaxFeedDepth
	MaxSuppliers int // >= 1
	MaxPresences int // presences listed per demand and supplier; 0 lists all
	// SupplierRows are the rows, in answer order, that get their suppliers ranked: a page. The
	// other rows have none. Ranking is most of a national county-level question's work
	// (thousands of rows, each against every supplier), and a reader sees one page of it.
	SupplierRows RowRange
	// PresenceRows are the rows, in answer order, whose demands list their presences: a page (the
	// service shows no other). The other rows' demands carry their counts only. Reading a few
	// presences for each of thousands of rows was most of a national question's work on Neo4j.
	PresenceRows RowRange
	// ListedDemands is how many demands of each of those rows, the first in demand order, list
	// their presences (0: all): the service shows max_demands of them.
	ListedDemands int
	// Facts selects the presences and chain facts that count, for having the link, for demand
	// and for suppliers alike (every one when zero).
	Facts FactFilter
}

// RowRange is rows Offset..Offset+Limit-1 of an ordered answer; Limit 0 means every row from
// Offset on.
type RowRange struct{ Offset, Limit int }

// Lists reports whether demand k (in demand order) of row i lists its presences.
func (q LackingQuery) Lists(i, k int) bool {
	return q.PresenceRows.Contains(i) && (q.ListedDemands == 0 || k < q.ListedDemands)
}

// Contains reports whether row i is in the range.
func (r RowRange) Contains(i int) bool {
	return i >= r.Offset && (r.Limit == 0 || i < r.Offset+r.Limit)
}

// Validate checks the query's own values (not whether its ids exist).
func (q LackingQuery) Validate() error {
	if err := q.Scope.Validate(); err != nil {
		return err
	}
	if q.MaxDepth < 1 || q.MaxDepth > MaxFeedDepth {
		return fmt.Errorf("%w: max depth %d: want 1 to %d", ErrInvalid, q.MaxDepth, MaxFeedDepth)
	}
	if q.MaxSuppliers < 1 {
		return fmt.Errorf("%w: max suppliers %d: want >= 1", ErrInvalid, q.MaxSuppliers)
	}
	if q.MaxPresences < 0 {
		return fmt.Errorf("%w: max presences %d: want 0 (all) or more", ErrInvalid, q.MaxPresences)
	}
	if err := q.Facts.Validate(); err != nil {
		return err
	}
	if q.SupplierRows.Offset < 0 || q.SupplierRows.Limit < 0 {
		return fmt.Errorf("%w: supplier rows from %d, %d of them: want both >= 0", ErrInvalid, q.SupplierRows.Offset, q.SupplierRows.Limit)
	}
	if q.PresenceRows.Offset < 0 || q.PresenceRows.Limit < 0 {
		return fmt.Errorf("%w: presence rows from %d, %d of them: want both >= 0", ErrInvalid, q.PresenceRows.Offset, q.PresenceRows.Limit)
	}
	if q.ListedDemands < 0 {
		return fmt.Errorf("%w: listed demands %d: want 0 (all) or more", ErrInvalid, q.ListedDemands)
	}
	return nil
}

// SupplierQuery asks where a link is made, seen from a region.
type SupplierQuery struct {
	RegionID string
	LinkID   string
	Facts    FactFilter // the presences that make a supplier (every one when zero)
}

// LackingRegion is one answer row of LackingRegions.
type LackingRegion struct {
	Region    Region
	Demands   []Demand
	Suppliers []Supplier
}

// DemandStrength is the summed strength of the presences behind the region's demands.
func (r LackingRegion) DemandStrength() float64 {
	var s float64
	for _, d := range r.Demands {
		s += d.Strength
	}
	return s
}

// SortDemands orders demands as LackingQuery says: by path length, then downstream id.
func SortDemands(ds []Demand) {
	sort.SliceStable(ds, func(i, j int) bool {
		if len(ds[i].Path) != len(ds[j].Path) {
			return len(ds[i].Path) < len(ds[j].Path)
		}
		return ds[i].Downstream.ID < ds[j].Downstream.ID
	})
}

// SortLacking orders rows as LackingQuery says.
func SortLacking(rows []LackingRegion) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i].DemandStrength(), rows[j].DemandStrength()
		if a != b {
			return a > b
		}
		if len(rows[i].Demands) != len(rows[j].Demands) {
			return len(rows[i].Demands) > len(rows[j].Demands)
		}
		return rows[i].Region.Code < rows[j].Region.Code
	})
}

// Demand is a link a region has that the missing link feeds.
type Demand struct {
	Downstream Link
	Path       []Link         // from the missing link to Downstream, both included
	Count      int            // presences that give the region Downstream
	Certain    int            // of them, those that rest on the only reading of their source
	Strength   float64        // their summed strength, added in id order
	Presences  []PresenceFact // the first of them by id (see LackingQuery.MaxPresences)
}

// Supplier is a region that has the missing link.
type Supplier struct {
	Region         Region
	BorderHops     int            // -1 when no border path exists
	DistanceKM     float64        // -1 when a centroid is unknown
	SamePrefecture bool           // in the lacking region's prefecture unit
	SameBelt       bool           // shares a belt with the lacking region
	Count          int            // presences of the link located at the region
	Certain        int            // of them, those that rest on the only reading of their source
	Presences      []PresenceFact // the first of them by id (all, for Snapshot.Suppliers)
}

// PresenceFact is a presence with its region and link resolved, as answers carry it.
type PresenceFact struct {
	Presence Presence
	Region   Region
	Link     Link
}

// EarthRadiusKM is the sphere radius used by DistanceKM (the IUGG mean Earth radius).
const EarthRadiusKM = 6371.0088

// DistanceKM is the great-circle (haversine) distance between two points in degrees,
// rounded to 0.1 km. Both stores use this exact formula so that their answers agree.
func DistanceKM(lon1, lat1, lon2, lat2 float64) float64 {
	rad := math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	d := 2 * EarthRadiusKM * math.Asin(math.Sqrt(h))
	return math.Round(d*10) / 10
}
