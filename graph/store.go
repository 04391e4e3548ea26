package graph

import "context"

// Reader hands out read snapshots. Implementations must give identical answers for the same
// data: graph/graphtest checks that, with memstore as the oracle.
type Reader interface {
	// View returns a snapshot of the data as it is now. Every read of a snapshot sees that one
	// version, whatever loads land meanwhile, so one request answered from one snapshot never
	// mixes two versions. A snapshot is cheap to take and needs no closing; it stays readable
	// at least until a second load after it begins (Neo4j keeps the superseded generation until
	// then), after which its reads fail with ErrSnapshotGone.
	View(ctx context.Context) (Snapshot, error)
	// Ping returns nil when the store can answer reads.
	Ping(ctx context.Context) error
}

// Snapshot answers every read the service needs, from one version of the data.
//
// Unless a method says otherwise it returns an error wrapping ErrNotFound when an id does not
// exist, ErrUnavailable when the backend cannot be reached and ErrSnapshotGone when the
// snapshot's version has been deleted. Ids passed in are already resolved (see Resolver); a
// Snapshot never interprets names.
type Snapshot interface {
	// Version identifies the snapshot's data: it differs between any two versions the store
	// served, and is the same for every snapshot of one version. Callers key caches of derived
	// structures on it.
	Version() int64
	// ListChains returns up to q.Limit chains with id > q.After, ordered by id.
	ListChains(ctx context.Context, q ListQuery) ([]Chain, error)
	// GetChain returns a chain with its links and the FEEDS edges touching them.
	GetChain(ctx context.Context, id string) (ChainDetail, error)
	// ListRegions returns up to q.Limit regions with code > q.After that match the filter,
	// ordered by code.
	ListRegions(ctx context.Context, q RegionQuery) ([]Region, error)
	// GetRegion returns a region with its parent, children and neighbours.
	GetRegion(ctx context.Context, id string) (RegionDetail, error)
	// Names returns every chain, link and region as a name-resolution candidate.
	Names(ctx context.Context) ([]Named, error)
	// ListBelts returns up to q.Limit belts with id > q.After of q.Kind (any when empty),
	// ordered by id.
	ListBelts(ctx context.Context, q BeltQuery) ([]Belt, error)
	// GetBelt returns a belt with its members.
	GetBelt(ctx context.Context, id string) (BeltDetail, error)
	// ListTargets returns up to q.Limit plan targets with id > q.After, ordered by id.
	ListTargets(ctx context.Context, q ListQuery) ([]Target, error)
	// Coverage returns which units of a scope have which links (see Scope and Coverage).
	Coverage(ctx context.Context, q CoverageQuery) (*Coverage, error)
	// EnterpriseCounts counts the enterprises of every county-level unit in the region (itself
	// or below it) that has any, ordered by code: the base of location quotients.
	EnterpriseCounts(ctx context.Context, regionID string) ([]CountyEnterprises, error)
	// Feeds returns every FEEDS edge, ordered by (From, To).
	Feeds(ctx context.Context) ([]Feed, error)
	// Suppliers returns every region outside q.RegionID (and below it) where a presence of
	// q.LinkID is located, ranked and described as LackingQuery's suppliers are.
	Suppliers(ctx context.Context, q SupplierQuery) ([]Supplier, error)
	// HolderLinks returns, for each holder asked about, the links it has at its region (by a
	// presence located exactly there), ordered by id; holders without any are left out. One
	// read for every holder of a page of leads.
	HolderLinks(ctx context.Context, holders []HolderAt) (map[HolderAt][]Link, error)
	// ChainFacts returns the statements about whole chains located at q.RegionID or below it
	// (anywhere when empty), of q.ChainID (any when empty), ordered by id.
	ChainFacts(ctx context.Context, q ChainFactQuery) ([]ChainFact, error)
	// ClusterCounts returns the cluster counts of exactly that region, by year, then programme.
	ClusterCounts(ctx context.Context, regionID string) ([]ClusterCount, error)
	// LackingRegions answers the 补链 question; see LackingQuery for the exact semantics.
	// It returns every lacking region (callers paginate), ordered as LackingQuery says. The
	// answer may be shared with other callers (both stores memoise it): do not modify it.
	LackingRegions(ctx context.Context, q LackingQuery) ([]LackingRegion, error)
}

// ChainFactQuery selects chain facts (see Snapshot.ChainFacts).
type ChainFactQuery struct {
	RegionID string
	ChainID  string
	Facts    FactFilter // the chain facts that count (every one when zero)
}

// HolderAt is an enterprise or cluster at the region its presences are located at.
type HolderAt struct {
	RegionID string
	Holder   string
}

// Writer replaces the stored graph with a dataset.
type Writer interface {
	// Replace makes the stored graph equal to ds, atomically: readers see the old graph or the
	// new one, never a mix, and a failed Replace leaves the old graph. Replacing twice with the
	// same dataset gives the same graph. ds must have passed Dataset.Validate.
	Replace(ctx context.Context, ds *Dataset) error
}

// Store is a Reader and a Writer.
type Store interface {
	Reader
	Writer
}

// ListQuery pages through a collection ordered by a unique key.
type ListQuery struct {
	After string // return items whose key is greater than this; empty for the first page
	Limit int    // at most this many; must be > 0
}

// RegionQuery filters and pages regions.
type RegionQuery struct {
	ListQuery
	Level    Level  // LevelUnspecified for all levels
	ParentID string // empty for any parent
}

// NamedKind is the kind of a name-resolution candidate.
type NamedKind string

// Kinds of named entities.
const (
	NamedChain  NamedKind = "chain"
	NamedLink   NamedKind = "link"
	NamedRegion NamedKind = "region"
	NamedBelt   NamedKind = "belt"
)

// Named is one entity as name resolution sees it.
type Named struct {
	Kind     NamedKind
	ID       string
	Code     string // regions only
	Name     string
	Aliases  []string
	ChainID  string   // links only
	Stage    Stage    // links only
	Segments []string // links only: the products the link's source lists, which also name it
	Level    Level    // regions only
}
