package graph

import "fmt"

// Level is the administrative level of a region.
type Level int

// Levels, from the top. The zero value means "not set".
const (
	LevelUnspecified Level = iota
	LevelProvince
	LevelPrefecture
	LevelCounty
)

// String returns the level's name as stored in the database.
func (l Level) String() string {
	switch l {
	case LevelProvince:
		return "PROVINCE"
	case LevelPrefecture:
		return "PREFECTURE"
	case LevelCounty:
		return "COUNTY"
	}
	return "UNSPECIFIED"
}

// ParseLevel is the inverse of Level.String.
func ParseLevel(s string) (Level, error) {
	switch s {
	case "PROVINCE":
		return LevelProvince, nil
	case "PREFECTURE":
		return LevelPrefecture, nil
	case "COUNTY":
		return LevelCounty, nil
	}
	return LevelUnspecified, fmt.Errorf("unknown region level %q (want PROVINCE, PREFECTURE or COUNTY)", s)
}

// Stage is the position of a link in its chain.
type Stage int

// Stages, upstream first. The zero value means "not set".
const (
	StageUnspecified Stage = iota
	StageUpstream
	StageMidstream
	StageDownstream
)

// String returns the stage's name as written in data files and stored in the database.
func (s Stage) String() string {
	switch s {
	case StageUpstream:
		return "upstream"
	case StageMidstream:
		return "midstream"
	case StageDownstream:
		return "downstream"
	}
	return "unspecified"
}

// ParseStage is the inverse of Stage.String.
func ParseStage(s string) (Stage, error) {
	switch s {
	case "upstream":
		return StageUpstream, nil
	case "midstream":
		return StageMidstream, nil
	case "downstream":
		return StageDownstream, nil
	}
	return StageUnspecified, fmt.Errorf("unknown stage %q (want upstream, midstream or downstream)", s)
}

// EvidenceKind says what supports a fact.
type EvidenceKind string

// Evidence kinds.
const (
	// EvidencePlan is a quote from the plan document, checked to occur in it.
	EvidencePlan EvidenceKind = "plan"
	// EvidenceSource is a named external source.
	EvidenceSource EvidenceKind = "source"
	// EvidenceDomain is industry knowledge with a one-line reason.
	EvidenceDomain EvidenceKind = "domain"
)

// Evidence is why the graph holds a fact. Every node and edge of a Dataset carries one.
type Evidence struct {
	Kind    EvidenceKind
	Quote   string // plan: exact quote, as in the document
	Section string // plan: section of the plan, e.g. "二(一)1"
	Source  string // source: the named source
	Reason  string // domain: the reason; others: optional reasoning from quote to fact
	Origin  string // data file and line the fact came from, e.g. "seeds/chains/links.csv:3"
}

// Region is a province, prefecture or county-level unit.
type Region struct {
	ID       string // "cn-" + Code
	Code     string // GB/T 2260
	Name     string // official simplified name
	Level    Level
	ParentID string // empty for the province
	Kind     string // province, prefecture_city, autonomous_prefecture, district, county_city, county, autonomous_county, forestry_district
	// Centroid in degrees (GCJ-02). For prefectures and the province it is the unweighted mean
	// of their counties' centroids.
	Lon, Lat    float64
	HasCentroid bool
	// PrefectureUnit is true for the units answered at prefecture level: prefectures, and the
	// county-level units directly under the province (仙桃, 潜江, 天门, 神农架林区).
	PrefectureUnit bool
	Aliases        []string
	Evidence       Evidence
}

// Border is a shared border between two counties, with A's code < B's code.
type Border struct {
	A, B     string // region ids
	LengthKM float64
	Evidence Evidence
}

// Chain is an industry chain.
type Chain struct {
	ID       string
	Name     string
	Category string // emerging | traditional
	Aliases  []string
	Evidence Evidence
}

// Link is one step of a chain.
type Link struct {
	ID       string
	ChainID  string
	Name     string
	Stage    Stage
	Segments []string // products or segments the source lists under this link
	Aliases  []string
	Evidence Evidence
}

// Feed is a FEEDS edge: To needs From's output.
type Feed struct {
	From, To string // link ids
	Evidence Evidence
}

// Presence is a fact that a region hosts a link, at the level its source states.
type Presence struct {
	ID       string
	RegionID string
	LinkID   string
	Strength float64
	// Holder is the cluster or enterprise behind the fact; empty for a statement of the plan.
	Holder     string
	HolderKind string // "cluster", "enterprise" or ""
	Programme  string // clusters: the list the cluster is on, e.g. 湖北省重点成长型产业集群
	Year       int    // clusters: the year of that list; 0 when unknown
	// Status is StatusExisting (the industry is there) or StatusPlanned (the plan wants it there).
	Status string
	// Alternatives are the other readings of an ambiguous source, each saying what the fact
	// would be instead (e.g. "421100 黄冈市" where 黄 may be 黄石 or 黄冈): the fact rests on one
	// reading. Empty when the source reads one way only: the fact is certain.
	Alternatives []string
	Evidence     Evidence
	// AlsoListed are the other lists the same cluster is on, later than Programme and Year: a
	// cluster listed in 2013 and again in 2020 is one holder with two evidences, not strength 2.
	AlsoListed []Listing
	// Attributes are, for an enterprise from a user's list, the columns of its row that the graph
	// does not model (统一社会信用代码, 注册地址, 经营范围, a phone column …), named as the file
	// names them, in file order: what a visit needs, kept as written.
	Attributes []Attribute
}

// Attribute is one named value of a firm's row (see Presence.Attributes).
type Attribute struct{ Name, Value string }

// Listing is one more list a cluster is on (see Presence.AlsoListed).
type Listing struct {
	Name      string // the cluster's name on that list
	Programme string
	Year      int
	Evidence  Evidence
}

// Certain reports whether the fact rests on the only reading of its source.
func (p Presence) Certain() bool { return len(p.Alternatives) == 0 }

// OnProgramme reports whether the fact is on the programme (a cluster list), under its own
// listing or another one.
func (p Presence) OnProgramme(programme string) bool {
	if p.Programme == programme {
		return true
	}
	for _, l := range p.AlsoListed {
		if l.Programme == programme {
			return true
		}
	}
	return false
}

// A presence's Status.
const (
	// StatusExisting: there is evidence the industry is there — a cluster list, an enterprise,
	// a base the plan builds on (依托…基础, 以…为依托, 发挥…带动作用).
	StatusExisting = "existing"
	// StatusPlanned: the plan asks for the industry there (打造, 培育, 布局, 承接, 建设, 加快发展).
	StatusPlanned = "planned"
)

// ChainFact is a statement about a whole chain at a region (grain "chain"): the plan names the
// region for the chain — as a driver (发挥…带动作用), a base or a place to build it — without
// saying which of its links. It makes the region a holder of the chain, never of a particular
// link: it fills no link and creates no demand, and 补链 does not tell the region it lacks a
// link of that chain (the plan does not say which links it has).
type ChainFact struct {
	ID           string
	RegionID     string
	ChainID      string
	Status       string   // StatusExisting or StatusPlanned, as for a Presence
	Alternatives []string // as for a Presence: other readings; empty when certain
	// Holder and the rest are a cluster's whose name covers the whole chain (高端装备制造产业集群),
	// as for a Presence; empty for a statement of the plan.
	Holder, HolderKind, Programme string
	Year                          int
	Evidence                      Evidence
}

// Certain reports whether the fact rests on the only reading of its source.
func (f ChainFact) Certain() bool { return len(f.Alternatives) == 0 }

// ClusterCount is how many clusters a programme's list gives a region in a year, as its source
// counts them (e.g. 荆州市: 11 on the 2018 重点成长型产业集群 list): a fact about the region, not
// a presence — a count names no cluster and no link.
type ClusterCount struct {
	RegionID  string
	Programme string
	Year      int
	Count     int
	Evidence  Evidence
}

// ChainDetail is a chain with its links and the FEEDS edges touching them.
type ChainDetail struct {
	Chain Chain
	Links []Link // ordered by stage, then id
	Feeds []Feed // edges with either end in the chain, ordered by (From, To)
	// Outside are the links of other chains at the far end of those edges, ordered by id.
	Outside []Link
}

// RegionDetail is a region with its immediate surroundings.
type RegionDetail struct {
	Region     Region
	Parent     *Region
	Children   []Region // ordered by code
	Neighbours []Region // bordering counties, ordered by code
}
