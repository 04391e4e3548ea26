package graph

import "slices"

// Belt is a place grouping the plan names: one of the "3+6" development belts (发展带) of
// section 二(二)2, a centre (一主两副), a growth pole (增长极) or a special-industry area (二(二)3).
type Belt struct {
	ID       string
	Name     string
	Kind     string   // one of BeltKinds
	ChainIDs []string // the chains the belt focuses on, sorted
	Aliases  []string
	Evidence Evidence
}

// BeltKinds are the kinds a Belt may have.
var BeltKinds = []string{"emerging_belt", "traditional_belt", "centre", "growth_pole", "special_area"}

// DevelopmentBeltKinds are the kinds of the "3+6" development belts (not centres, growth poles
// or special areas): the belts that "same belt" means in supplier ranking.
var DevelopmentBeltKinds = []string{"emerging_belt", "traditional_belt"}

// IsDevelopmentBelt reports whether a kind is one of DevelopmentBeltKinds.
func IsDevelopmentBelt(kind string) bool {
	return slices.Contains(DevelopmentBeltKinds, kind)
}

// BeltMember says a region belongs to a belt. When the plan's wording is ambiguous (宜襄黄孝咸:
// 黄石 or 黄冈?) the member is the reading the data chose and Alternatives the other readings;
// the evidence's reason says why.
type BeltMember struct {
	BeltID       string
	RegionID     string
	Alternatives []string // region ids
	Evidence     Evidence
}

// BeltDetail is a belt with its members, ordered by region code.
type BeltDetail struct {
	Belt    Belt
	Members []BeltMemberDetail
}

// BeltMemberDetail is a member with its regions resolved.
type BeltMemberDetail struct {
	Region       Region
	Alternatives []Region // ordered by code
	Evidence     Evidence
}

// Target is a quantified goal of the plan, e.g. 县域生产总值 about 2.8 万亿元 in 2020.
type Target struct {
	ID         string
	Indicator  string
	Value      float64
	Unit       string
	Year       int
	Comparator string // about, at_least, at_most or exactly
	ScopeID    string // the region the target is for
	Evidence   Evidence
}

// Comparators are the values Target.Comparator may have.
var Comparators = []string{"about", "at_least", "at_most", "exactly"}

// BeltQuery filters and pages belts.
type BeltQuery struct {
	ListQuery
	Kind string // empty for every kind
}
