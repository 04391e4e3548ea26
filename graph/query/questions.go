package query

import (
	"context"
	"slices"
	"strings"

	"github.com/chaingraph/chaingraph/graph"
)

// Defaults the API documents for its "0 means the default" fields.
const (
	DefaultFeedDepth    = graph.DefaultDepth
	DefaultMaxSuppliers = 3
	MaxSuppliersLimit   = 20
	DefaultMinHolders   = 2
)

// Scoped is how an answer says what it was about.
type Scoped struct {
	Place Place
	Scope graph.Scope
}

// LackingRequest asks 补链 (see graph.LackingQuery for the semantics).
type LackingRequest struct {
	Chain        string // optional: restricts which chain Link is looked up in
	Link         string // required
	Scope        string // a region or belt; empty for the province
	Level        graph.Level
	MaxDepth     int // 1..graph.MaxFeedDepth
	MaxSuppliers int // 1..MaxSuppliersLimit
	MaxPresences int // presences listed per demand and supplier (0: all)
	// SupplierRows are the rows (a page) that get their nearest suppliers; Limit 0: every row.
	SupplierRows graph.RowRange
	// PresenceRows are the rows (a page) whose demands list presences; Limit 0: every row.
	PresenceRows  graph.RowRange
	ListedDemands int              // of those rows, the first demands that list presences (0: all)
	Facts         graph.FactFilter // the facts that count (every one when zero)
}

// LackingAnswer is every lacking region, ranked, with suppliers for the rows asked for; the rows
// are shared: do not modify them.
type LackingAnswer struct {
	Chain, Link graph.Named
	Scoped
	MaxDepth int
	Rows     []graph.LackingRegion
	// ChainHolders are the units of the scope that hold the link's chain by a chain fact, by
	// code: they are not judged (see graph.LackingQuery), and a reader looking for them learns why.
	ChainHolders []graph.Region
}

// Lacking answers 补链.
func (v *View) Lacking(ctx context.Context, r LackingRequest) (*LackingAnswer, error) {
	if r.MaxDepth < 1 || r.MaxDepth > graph.MaxFeedDepth {
		return nil, invalid("max_depth", "must be 1 to %d, got %d", graph.MaxFeedDepth, r.MaxDepth)
	}
	if r.MaxSuppliers < 1 || r.MaxSuppliers > MaxSuppliersLimit {
		return nil, invalid("max_suppliers", "must be 1 to %d, got %d", MaxSuppliersLimit, r.MaxSuppliers)
	}
	if err := checkFacts(r.Facts); err != nil {
		return nil, err
	}
	chain, err := v.optional(ctx, "chain", graph.NamedChain, r.Chain)
	if err != nil {
		return nil, err
	}
	link, err := v.link(ctx, "link", r.Link, chain)
	if err != nil {
		return nil, err
	}
	if chain.ID == "" {
		if chain, err = v.resolve(ctx, "link", graph.NamedChain, link.ChainID, nil); err != nil {
			return nil, err
		}
	}
	sc, err := v.scoped(ctx, r.Scope, r.Level)
	if err != nil {
		return nil, err
	}
	rows, err := v.Snap.LackingRegions(ctx, graph.LackingQuery{LinkID: link.ID, Scope: sc.Scope, MaxDepth: r.MaxDepth, MaxSuppliers: r.MaxSuppliers,
		MaxPresences: r.MaxPresences, SupplierRows: r.SupplierRows, PresenceRows: r.PresenceRows, ListedDemands: r.ListedDemands, Facts: r.Facts})
	if err != nil {
		return nil, err
	}
	holders, err := v.chainHolders(ctx, link.ChainID, sc.Scope, r.Facts)
	if err != nil {
		return nil, err
	}
	return &LackingAnswer{Chain: chain, Link: link, Scoped: sc, MaxDepth: r.MaxDepth, Rows: rows, ChainHolders: holders}, nil
}

// chainHolders are the units of a scope at or above which a chain fact of the chain is located
// (a prefecture's fact makes no county a holder), by code.
func (v *View) chainHolders(ctx context.Context, chainID string, sc graph.Scope, facts graph.FactFilter) ([]graph.Region, error) {
	held, err := v.Snap.ChainFacts(ctx, graph.ChainFactQuery{ChainID: chainID, RegionID: sc.RegionID, Facts: facts})
	if err != nil || len(held) == 0 {
		return nil, err
	}
	inScope := func([]graph.Region) bool { return true } // a region scope: ChainFacts kept those below it
	if sc.BeltID != "" {
		b, err := v.Snap.GetBelt(ctx, sc.BeltID)
		if err != nil {
			return nil, err
		}
		members := map[string]bool{}
		for _, m := range b.Members {
			members[m.Region.ID] = true
		}
		inScope = func(up []graph.Region) bool {
			return slices.ContainsFunc(up, func(r graph.Region) bool { return members[r.ID] })
		}
	}
	seen := map[string]bool{}
	var out []graph.Region
	for _, f := range held {
		up, err := v.ancestry(ctx, f.RegionID)
		if err != nil {
			return nil, err
		}
		i := slices.IndexFunc(up, func(r graph.Region) bool {
			return sc.Level == graph.LevelCounty && r.Level == graph.LevelCounty || sc.Level == graph.LevelPrefecture && r.PrefectureUnit
		})
		if i < 0 || !inScope(up[i:]) || seen[up[i].ID] {
			continue
		}
		seen[up[i].ID] = true
		out = append(out, up[i])
	}
	slices.SortFunc(out, func(a, b graph.Region) int { return strings.Compare(a.Code, b.Code) })
	return out, nil
}

// link resolves a required link field, within chain when it is set.
func (v *View) link(ctx context.Context, field, input string, chain graph.Named) (graph.Named, error) {
	if chain.ID == "" || strings.TrimSpace(input) == "" {
		return v.required(ctx, field, graph.NamedLink, input, "a link id or name, e.g. nev-battery or 电池")
	}
	return v.resolve(ctx, field, graph.NamedLink, input, func(n graph.Named) bool { return n.ChainID == chain.ID })
}

// scoped resolves the scope field (empty: the province) at a level.
func (v *View) scoped(ctx context.Context, input string, level graph.Level) (Scoped, error) {
	p, err := v.place(ctx, "scope", input, true)
	if err != nil {
		return Scoped{}, err
	}
	sc, err := scope(p, level)
	return Scoped{Place: p, Scope: sc}, err
}

// WeakLinksRequest asks 强链: the links of a chain held by fewer than MinHolders units.
type WeakLinksRequest struct {
	Chain        string // required
	Scope        string // a region or belt; empty for the province
	Level        graph.Level
	MinHolders   int // >= 1
	MaxPresences int // presences listed per holder (0: all)
	Facts        graph.FactFilter
}

// WeakLinksAnswer is every weak link, ranked as graph.WeakLinks says.
type WeakLinksAnswer struct {
	Chain graph.Named
	Scoped
	MinHolders int
	Weak       []graph.WeakLink
}

// WeakLinks answers 强链.
func (v *View) WeakLinks(ctx context.Context, r WeakLinksRequest) (*WeakLinksAnswer, error) {
	if r.MinHolders < 1 {
		return nil, invalid("min_holders", "must be >= 1, got %d", r.MinHolders)
	}
	chain, sc, cov, err := v.chainCoverage(ctx, r.Chain, r.Scope, r.Level, r.MaxPresences, r.Facts)
	if err != nil {
		return nil, err
	}
	return &WeakLinksAnswer{Chain: chain, Scoped: sc, MinHolders: r.MinHolders, Weak: graph.WeakLinks(cov, r.MinHolders)}, nil
}

// chainCoverage resolves a required chain and a scope (empty: the province) and reads the
// coverage of the chain's links there: what weak links and matrices are made of.
func (v *View) chainCoverage(ctx context.Context, chainInput, scopeInput string, level graph.Level, maxPresences int, facts graph.FactFilter) (graph.Named, Scoped, *graph.Coverage, error) {
	if err := checkFacts(facts); err != nil {
		return graph.Named{}, Scoped{}, nil, err
	}
	chain, err := v.required(ctx, "chain", graph.NamedChain, chainInput, "a chain id or name, e.g. nev or 新能源汽车")
	if err != nil {
		return graph.Named{}, Scoped{}, nil, err
	}
	sc, err := v.scoped(ctx, scopeInput, level)
	if err != nil {
		return graph.Named{}, Scoped{}, nil, err
	}
	cov, err := v.Snap.Coverage(ctx, graph.CoverageQuery{ChainID: chain.ID, Scope: sc.Scope, MaxPresences: maxPresences, Facts: facts})
	return chain, sc, cov, err
}

// ExtensionsRequest asks 延链: which links a place could add.
type ExtensionsRequest struct {
	Scope        string // required: a region or belt
	Chain        string // optional: candidates of this chain only
	MaxPresences int
	Facts        graph.FactFilter
}

// ExtensionsAnswer is every candidate, ranked as graph.Extensions says.
type ExtensionsAnswer struct {
	Place      Place
	Chain      graph.Named // zero when every chain's links were candidates
	Extensions []graph.Extension
}

// Extensions answers 延链.
func (v *View) Extensions(ctx context.Context, r ExtensionsRequest) (*ExtensionsAnswer, error) {
	if err := checkFacts(r.Facts); err != nil {
		return nil, err
	}
	p, err := v.place(ctx, "scope", r.Scope, false)
	if err != nil {
		return nil, err
	}
	chain, err := v.optional(ctx, "chain", graph.NamedChain, r.Chain)
	if err != nil {
		return nil, err
	}
	cov, err := v.Snap.Coverage(ctx, graph.CoverageQuery{Scope: whole(p), MaxPresences: r.MaxPresences, Facts: r.Facts})
	if err != nil {
		return nil, err
	}
	feeds, err := v.Snap.Feeds(ctx)
	if err != nil {
		return nil, err
	}
	var candidates []graph.Link
	for _, l := range cov.Links {
		if chain.ID == "" || l.ChainID == chain.ID {
			candidates = append(candidates, l)
		}
	}
	return &ExtensionsAnswer{Place: p, Chain: chain, Extensions: graph.Extensions(cov.Has(), candidates, feeds, linksByID(cov.Links))}, nil
}

func linksByID(links []graph.Link) map[string]graph.Link {
	out := make(map[string]graph.Link, len(links))
	for _, l := range links {
		out[l.ID] = l
	}
	return out
}

// ProfileRequest asks for a region's profile.
type ProfileRequest struct {
	Region       string // required
	MaxPresences int
	Facts        graph.FactFilter
}

// ProfileAnswer is a region with the chains it has.
type ProfileAnswer struct {
	Region graph.Region
	Chains []graph.ChainProfile
	// Counts are the region's cluster counts (e.g. 11 on the 2018 list), each with how many of
	// those clusters the data names.
	Counts []ListedCount
}

// ListedCount is a cluster count beside the clusters of that list and year the data holds at
// the region or below it: the gap between a list's size and what the graph knows of it.
type ListedCount struct {
	graph.ClusterCount
	Named int // distinct clusters of the programme listed that year (presences or chain facts), at the region or below
}

// Profile answers a region's profile.
func (v *View) Profile(ctx context.Context, r ProfileRequest) (*ProfileAnswer, error) {
	if err := checkFacts(r.Facts); err != nil {
		return nil, err
	}
	named, err := v.required(ctx, "region", graph.NamedRegion, r.Region, "a region id, code or name, e.g. 仙桃市")
	if err != nil {
		return nil, err
	}
	region, err := v.Snap.GetRegion(ctx, named.ID)
	if err != nil {
		return nil, fieldErr("region", err)
	}
	cov, err := v.Snap.Coverage(ctx, graph.CoverageQuery{Scope: whole(Place{Region: named}), MaxPresences: r.MaxPresences, Facts: r.Facts})
	if err != nil {
		return nil, err
	}
	base, err := v.LQBase(ctx)
	if err != nil {
		return nil, err
	}
	feeds, err := v.Snap.Feeds(ctx)
	if err != nil {
		return nil, err
	}
	chains, err := v.chains(ctx)
	if err != nil {
		return nil, err
	}
	chainFacts, err := v.Snap.ChainFacts(ctx, graph.ChainFactQuery{RegionID: named.ID, Facts: r.Facts})
	if err != nil {
		return nil, err
	}
	counts, err := v.listedCounts(ctx, named)
	if err != nil {
		return nil, err
	}
	return &ProfileAnswer{Region: region.Region, Chains: graph.Profile(region.Region, cov, base, chains, feeds, chainFacts), Counts: counts}, nil
}

// listedCounts pairs each cluster count of the region with the clusters the data names for it.
func (v *View) listedCounts(ctx context.Context, region graph.Named) ([]ListedCount, error) {
	counts, err := v.Snap.ClusterCounts(ctx, region.ID)
	if err != nil || len(counts) == 0 {
		return nil, err
	}
	out := make([]ListedCount, len(counts))
	for i, c := range counts {
		out[i].ClusterCount = c
		cov, err := v.Snap.Coverage(ctx, graph.CoverageQuery{Scope: whole(Place{Region: region}), Facts: graph.FactFilter{Programme: c.Programme}})
		if err != nil {
			return nil, err
		}
		holders := map[string]bool{}
		for _, cells := range cov.Cells {
			for _, cell := range cells {
				for _, p := range cell.Presences {
					if listedIn(p.Presence, c.Programme, c.Year) {
						holders[p.Presence.Holder] = true
					}
				}
			}
		}
		wholeChain, err := v.Snap.ChainFacts(ctx, graph.ChainFactQuery{RegionID: region.ID, Facts: graph.FactFilter{Programme: c.Programme}})
		if err != nil {
			return nil, err
		}
		for _, f := range wholeChain {
			if f.HolderKind == "cluster" && f.Year == c.Year {
				holders[f.Holder] = true
			}
		}
		out[i].Named = len(holders)
	}
	return out, nil
}

// listedIn reports whether a cluster presence is on the programme's list of that year.
func listedIn(p graph.Presence, programme string, year int) bool {
	if p.HolderKind != "cluster" {
		return false
	}
	if p.Programme == programme && p.Year == year {
		return true
	}
	for _, l := range p.AlsoListed {
		if l.Programme == programme && l.Year == year {
			return true
		}
	}
	return false
}

// chains returns every chain, ordered by id.
func (v *View) chains(ctx context.Context) ([]graph.Chain, error) {
	var out []graph.Chain
	for after := ""; ; {
		page, err := v.Snap.ListChains(ctx, graph.ListQuery{After: after, Limit: 1000})
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(page) < 1000 {
			return out, nil
		}
		after = page[len(page)-1].ID
	}
}

// MatrixRequest asks for a chain's coverage matrix over a scope.
type MatrixRequest struct {
	Chain        string // required
	Scope        string // a region or belt; empty for the province
	Level        graph.Level
	MaxPresences int
	Facts        graph.FactFilter
}

// MatrixRow is one unit of a coverage matrix.
type MatrixRow struct {
	Unit  graph.Region
	Cells []graph.Cell // one per link of the answer, in its order
	LQ    graph.LocationQuotient
}

// MatrixAnswer is the units × links table of one chain.
type MatrixAnswer struct {
	Chain graph.Named
	Scoped
	Links []graph.Link // the chain's, ordered by stage, then id
	Rows  []MatrixRow  // by code
}

// Matrix answers a coverage matrix.
func (v *View) Matrix(ctx context.Context, r MatrixRequest) (*MatrixAnswer, error) {
	chain, sc, cov, err := v.chainCoverage(ctx, r.Chain, r.Scope, r.Level, r.MaxPresences, r.Facts)
	if err != nil {
		return nil, err
	}
	// Each unit's enterprises in all chains come from the version's counts, not this coverage.
	base, err := v.LQBase(ctx)
	if err != nil {
		return nil, err
	}
	a := &MatrixAnswer{Chain: chain, Scoped: sc}
	for _, l := range cov.Links {
		if l.ChainID == chain.ID {
			a.Links = append(a.Links, l)
		}
	}
	for _, u := range cov.Units {
		row := MatrixRow{Unit: u, Cells: make([]graph.Cell, len(a.Links))}
		row.LQ = base.UnitLQ(u.ID, chain.ID)
		for i, l := range a.Links {
			row.Cells[i] = cov.Cells[u.ID][l.ID]
		}
		a.Rows = append(a.Rows, row)
	}
	return a, nil
}

// LeadsRequest asks for investment leads: firms and clusters elsewhere that make a link the
// region wants. Offset and Limit pick the page whose holders' other links are read.
type LeadsRequest struct {
	Region        string // required
	Link          string // required
	Chain         string // optional: restricts which chain Link is looked up in
	MaxPresences  int
	Offset, Limit int              // Limit >= 1
	Facts         graph.FactFilter // the facts that make a lead and the region's own links
}

// LeadsAnswer is one page of leads and what they share.
type LeadsAnswer struct {
	Region        graph.Named
	Link          graph.Link
	RegionHasLink bool
	// Feeds are the region's own links that the link would feed (within graph.DefaultDepth
	// FEEDS edges), the same for every lead.
	Feeds []graph.Demand
	Total int          // leads in all
	Leads []graph.Lead // the page, with OtherLinks filled
}

// Leads answers investment leads, reading the holders' other links for the page only, in one read.
func (v *View) Leads(ctx context.Context, r LeadsRequest) (*LeadsAnswer, error) {
	if r.Limit < 1 || r.Offset < 0 {
		return nil, invalid("page_size", "want a page of at least one lead from offset >= 0, got %d from %d", r.Limit, r.Offset)
	}
	if err := checkFacts(r.Facts); err != nil {
		return nil, err
	}
	region, err := v.required(ctx, "region", graph.NamedRegion, r.Region, "the region looking for investment, e.g. 武汉市")
	if err != nil {
		return nil, err
	}
	chain, err := v.optional(ctx, "chain", graph.NamedChain, r.Chain)
	if err != nil {
		return nil, err
	}
	link, err := v.link(ctx, "link", r.Link, chain)
	if err != nil {
		return nil, err
	}
	sups, err := v.Snap.Suppliers(ctx, graph.SupplierQuery{RegionID: region.ID, LinkID: link.ID, Facts: r.Facts})
	if err != nil {
		return nil, err
	}
	own, err := v.Snap.Coverage(ctx, graph.CoverageQuery{Scope: whole(Place{Region: region}), MaxPresences: r.MaxPresences, Facts: r.Facts})
	if err != nil {
		return nil, err
	}
	feeds, err := v.Snap.Feeds(ctx)
	if err != nil {
		return nil, err
	}
	byID := linksByID(own.Links)
	has := own.Has()
	leads := graph.Leads(link.ID, sups)
	a := &LeadsAnswer{Region: region, Link: byID[link.ID], RegionHasLink: has[link.ID].Count > 0, Total: len(leads),
		Feeds: graph.FeedsInto(link.ID, has, feeds, byID)}
	start, end := min(r.Offset, len(leads)), min(r.Offset+r.Limit, len(leads))
	a.Leads = leads[start:end]
	holders := make([]graph.HolderAt, len(a.Leads))
	for i, l := range a.Leads {
		holders[i] = graph.HolderAt{RegionID: l.Supplier.Region.ID, Holder: l.Holder}
	}
	other, err := v.Snap.HolderLinks(ctx, holders)
	if err != nil {
		return nil, err
	}
	for i := range a.Leads {
		for _, l := range other[holders[i]] {
			if l.ID != link.ID {
				a.Leads[i].OtherLinks = append(a.Leads[i].OtherLinks, l)
			}
		}
	}
	return a, nil
}

// checkFacts checks a filter's values, naming the request field each concerns.
func checkFacts(f graph.FactFilter) error {
	if field, problem := f.Problem(); problem != "" {
		return invalid("facts."+field, "%s", problem)
	}
	return nil
}
