// Package memstore is the in-memory graph.Store: the service's embedded default, so that
// `chaingraph serve` runs with Go alone, and the oracle the Neo4j store is tested against.
//
// It is not persistent and not shared between processes. Replace builds a new immutable
// snapshot and swaps it in, so readers never see a half-loaded graph.
package memstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/internal/memo"
	"github.com/chaingraph/chaingraph/graph/internal/nearest"
)

// Store is an in-memory graph.Store. The zero value is not usable; call New.
type Store struct {
	snap    atomic.Pointer[snapshot]
	replace sync.Mutex // orders Replace calls, so versions grow with each swap
	version int64      // of the last snapshot swapped in; guarded by replace
}

var (
	_ graph.Store    = (*Store)(nil)
	_ graph.Snapshot = (*snapshot)(nil)
)

// New returns an empty store.
func New() *Store {
	s := &Store{}
	s.snap.Store(build(&graph.Dataset{}))
	return s
}

// Replace swaps in a snapshot built from ds.
func (s *Store) Replace(ctx context.Context, ds *graph.Dataset) error {
	if err := ds.Validate(); err != nil {
		return err
	}
	snap := build(ds)
	s.replace.Lock()
	defer s.replace.Unlock()
	s.version++
	snap.version = s.version
	s.snap.Store(snap)
	return nil
}

// Ping always succeeds.
func (s *Store) Ping(ctx context.Context) error { return nil }

// View implements graph.Reader: the snapshot swapped in last, which no Replace ever changes.
func (s *Store) View(ctx context.Context) (graph.Snapshot, error) { return s.snap.Load(), nil }

// Version implements graph.Snapshot: it counts the snapshots swapped in.
func (snap *snapshot) Version() int64 { return snap.version }

// snapshot is one immutable graph with the indexes the queries need.
type snapshot struct {
	version       int64
	answers       memo.Lacking // a snapshot never changes: answers stay right for its life
	regions       map[string]graph.Region
	regionsByCode []graph.Region // ordered by code
	children      map[string][]string
	borders       map[string][]string // county id -> bordering county ids, sorted
	chains        map[string]graph.Chain
	chainIDs      []string // sorted
	links         map[string]graph.Link
	feeds         []graph.Feed     // sorted by (From, To)
	presences     []graph.Presence // sorted by id
	// Indexes point into presences rather than copy them: at national scale a copy is ~200 MB.
	presenceByLnk map[string][]*graph.Presence
	// By the region they are located at, as positions in presences: ascending, so in id order,
	// and a place's presences gathered from its counties sort as integers, not by id.
	presenceByReg map[string][]int32
	// The same positions ordered by holder, then position: a holder's presences at a place
	// are found by binary search (a lead's other links).
	holdersAt   map[string][]int32
	cells       map[string][]cell   // region id → its cells (see cell), by link id
	subtrees    map[string][]string // region id → itself and its descendants, by code
	borderIndex *nearest.BorderIndex
	placements  map[string]nearest.Placement // region id → its placement (see nearest.Placement)
	chainBelts  map[string]map[string]bool   // chain id → the development belts focusing on it
	belts       []graph.Belt                 // sorted by id
	members     map[string][]graph.BeltMember
	targets     []graph.Target                  // sorted by id
	chainWide   []graph.ChainFact               // sorted by id
	counts      map[string][]graph.ClusterCount // region id → its cluster counts, by year and programme
}

func build(ds *graph.Dataset) *snapshot {
	s := &snapshot{
		regions:       map[string]graph.Region{},
		children:      map[string][]string{},
		borders:       map[string][]string{},
		chains:        map[string]graph.Chain{},
		links:         map[string]graph.Link{},
		presenceByLnk: map[string][]*graph.Presence{},
	}
	for _, r := range ds.Regions {
		s.regions[r.ID] = r
		s.regionsByCode = append(s.regionsByCode, r)
	}
	sort.Slice(s.regionsByCode, func(i, j int) bool { return s.regionsByCode[i].Code < s.regionsByCode[j].Code })
	for _, r := range s.regionsByCode {
		if r.ParentID != "" {
			s.children[r.ParentID] = append(s.children[r.ParentID], r.ID)
		}
	}
	for _, b := range ds.Borders {
		s.borders[b.A] = append(s.borders[b.A], b.B)
		s.borders[b.B] = append(s.borders[b.B], b.A)
	}
	for _, v := range s.borders {
		sort.Strings(v)
	}
	for _, c := range ds.Chains {
		s.chains[c.ID] = c
		s.chainIDs = append(s.chainIDs, c.ID)
	}
	sort.Strings(s.chainIDs)
	for _, l := range ds.Links {
		s.links[l.ID] = l
	}
	s.feeds = append(s.feeds, ds.Feeds...)
	sort.Slice(s.feeds, func(i, j int) bool {
		if s.feeds[i].From != s.feeds[j].From {
			return s.feeds[i].From < s.feeds[j].From
		}
		return s.feeds[i].To < s.feeds[j].To
	})
	s.presences = append(s.presences, ds.Presences...)
	sort.Slice(s.presences, func(i, j int) bool { return s.presences[i].ID < s.presences[j].ID })
	s.presenceByReg = map[string][]int32{}
	for i := range s.presences {
		p := &s.presences[i]
		s.presenceByLnk[p.LinkID] = append(s.presenceByLnk[p.LinkID], p)
		s.presenceByReg[p.RegionID] = append(s.presenceByReg[p.RegionID], int32(i))
	}
	s.holdersAt = make(map[string][]int32, len(s.presenceByReg))
	for regionID, at := range s.presenceByReg {
		byHolder := slices.Clone(at)
		slices.SortStableFunc(byHolder, func(a, b int32) int { return cmp.Compare(s.presences[a].Holder, s.presences[b].Holder) })
		s.holdersAt[regionID] = byHolder
	}
	s.buildCells()
	s.subtrees = map[string][]string{}
	for _, r := range s.regionsByCode { // code order, so each list is in code order too
		for a, ok := s.regions[r.ID]; ok; a, ok = s.regions[a.ParentID] {
			s.subtrees[a.ID] = append(s.subtrees[a.ID], r.ID)
		}
	}
	s.belts = append(s.belts, ds.Belts...)
	sort.Slice(s.belts, func(i, j int) bool { return s.belts[i].ID < s.belts[j].ID })
	s.members = map[string][]graph.BeltMember{}
	for _, m := range ds.Members {
		s.members[m.BeltID] = append(s.members[m.BeltID], m)
	}
	s.borderIndex = nearest.NewBorderIndex(s.regionsByCode, ds.Borders)
	s.chainBelts = map[string]map[string]bool{}
	for _, b := range s.belts {
		for _, c := range b.ChainIDs {
			if graph.IsDevelopmentBelt(b.Kind) {
				if s.chainBelts[c] == nil {
					s.chainBelts[c] = map[string]bool{}
				}
				s.chainBelts[c][b.ID] = true
			}
		}
	}
	s.placements = map[string]nearest.Placement{}
	for id := range s.regions {
		s.placements[id] = s.placementOf(id)
	}
	s.counts = map[string][]graph.ClusterCount{}
	for _, c := range ds.ClusterCounts {
		s.counts[c.RegionID] = append(s.counts[c.RegionID], c)
	}
	for _, cs := range s.counts {
		slices.SortFunc(cs, func(a, b graph.ClusterCount) int {
			return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Programme, b.Programme))
		})
	}
	s.chainWide = slices.Clone(ds.ChainFacts)
	slices.SortFunc(s.chainWide, func(a, b graph.ChainFact) int { return cmp.Compare(a.ID, b.ID) })
	s.targets = append(s.targets, ds.Targets...)
	sort.Slice(s.targets, func(i, j int) bool { return s.targets[i].ID < s.targets[j].ID })
	return s
}

// ListChains implements graph.Snapshot.
func (snap *snapshot) ListChains(ctx context.Context, q graph.ListQuery) ([]graph.Chain, error) {
	var out []graph.Chain
	for _, id := range snap.chainIDs {
		if id > q.After && len(out) < q.Limit {
			out = append(out, snap.chains[id])
		}
	}
	return out, nil
}

// GetChain implements graph.Snapshot.
func (snap *snapshot) GetChain(ctx context.Context, id string) (graph.ChainDetail, error) {
	c, ok := snap.chains[id]
	if !ok {
		return graph.ChainDetail{}, fmt.Errorf("chain %q: %w", id, graph.ErrNotFound)
	}
	d := graph.ChainDetail{Chain: c}
	for _, l := range snap.sortedLinks() {
		if l.ChainID == id {
			d.Links = append(d.Links, l)
		}
	}
	sort.Slice(d.Links, func(i, j int) bool {
		if d.Links[i].Stage != d.Links[j].Stage {
			return d.Links[i].Stage < d.Links[j].Stage
		}
		return d.Links[i].ID < d.Links[j].ID
	})
	outside := map[string]bool{}
	for _, f := range snap.feeds {
		from, to := snap.links[f.From], snap.links[f.To]
		if from.ChainID != id && to.ChainID != id {
			continue
		}
		d.Feeds = append(d.Feeds, f)
		for _, l := range []graph.Link{from, to} {
			if l.ChainID != id && !outside[l.ID] {
				outside[l.ID] = true
				d.Outside = append(d.Outside, l)
			}
		}
	}
	sort.Slice(d.Outside, func(i, j int) bool { return d.Outside[i].ID < d.Outside[j].ID })
	return d, nil
}

// ListRegions implements graph.Snapshot.
func (snap *snapshot) ListRegions(ctx context.Context, q graph.RegionQuery) ([]graph.Region, error) {
	var out []graph.Region
	for _, r := range snap.regionsByCode {
		if len(out) == q.Limit {
			break
		}
		if r.Code > q.After && (q.Level == graph.LevelUnspecified || r.Level == q.Level) && (q.ParentID == "" || r.ParentID == q.ParentID) {
			out = append(out, r)
		}
	}
	return out, nil
}

// GetRegion implements graph.Snapshot.
func (snap *snapshot) GetRegion(ctx context.Context, id string) (graph.RegionDetail, error) {
	r, ok := snap.regions[id]
	if !ok {
		return graph.RegionDetail{}, fmt.Errorf("region %q: %w", id, graph.ErrNotFound)
	}
	d := graph.RegionDetail{Region: r}
	if p, ok := snap.regions[r.ParentID]; ok {
		d.Parent = &p
	}
	for _, c := range snap.children[id] {
		d.Children = append(d.Children, snap.regions[c])
	}
	for _, n := range snap.borders[id] {
		d.Neighbours = append(d.Neighbours, snap.regions[n])
	}
	sort.Slice(d.Neighbours, func(i, j int) bool { return d.Neighbours[i].Code < d.Neighbours[j].Code })
	return d, nil
}

// Names implements graph.Snapshot.
func (snap *snapshot) Names(ctx context.Context) ([]graph.Named, error) {
	var out []graph.Named
	for _, id := range snap.chainIDs {
		c := snap.chains[id]
		out = append(out, graph.Named{Kind: graph.NamedChain, ID: c.ID, Name: c.Name, Aliases: c.Aliases})
	}
	for _, l := range snap.sortedLinks() {
		out = append(out, graph.Named{Kind: graph.NamedLink, ID: l.ID, Name: l.Name, Aliases: l.Aliases, ChainID: l.ChainID, Stage: l.Stage, Segments: l.Segments})
	}
	for _, b := range snap.belts {
		out = append(out, graph.Named{Kind: graph.NamedBelt, ID: b.ID, Name: b.Name, Aliases: b.Aliases})
	}
	for _, r := range snap.regionsByCode {
		out = append(out, graph.Named{Kind: graph.NamedRegion, ID: r.ID, Code: r.Code, Name: r.Name, Aliases: r.Aliases, Level: r.Level})
	}
	return out, nil
}

func (s *snapshot) sortedLinks() []graph.Link {
	out := make([]graph.Link, 0, len(s.links))
	for _, l := range s.links {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// ChainFacts implements graph.Snapshot.
func (snap *snapshot) ChainFacts(ctx context.Context, q graph.ChainFactQuery) ([]graph.ChainFact, error) {
	if _, ok := snap.regions[q.RegionID]; q.RegionID != "" && !ok {
		return nil, fmt.Errorf("region %q: %w", q.RegionID, graph.ErrNotFound)
	}
	if _, ok := snap.chains[q.ChainID]; q.ChainID != "" && !ok {
		return nil, fmt.Errorf("chain %q: %w", q.ChainID, graph.ErrNotFound)
	}
	if err := q.Facts.Validate(); err != nil {
		return nil, err
	}
	var out []graph.ChainFact
	for _, f := range snap.chainWide {
		if (q.ChainID == "" || f.ChainID == q.ChainID) && (q.RegionID == "" || snap.within(f.RegionID, q.RegionID)) && q.Facts.KeepsChainFact(&f) {
			out = append(out, f)
		}
	}
	return out, nil
}

// within reports whether region id is ancestor or one of its descendants.
func (snap *snapshot) within(id, ancestor string) bool {
	for r, ok := snap.regions[id]; ok; r, ok = snap.regions[r.ParentID] {
		if r.ID == ancestor {
			return true
		}
	}
	return false
}

// ClusterCounts implements graph.Snapshot.
func (snap *snapshot) ClusterCounts(ctx context.Context, regionID string) ([]graph.ClusterCount, error) {
	if _, ok := snap.regions[regionID]; !ok {
		return nil, fmt.Errorf("region %q: %w", regionID, graph.ErrNotFound)
	}
	return slices.Clone(snap.counts[regionID]), nil
}
