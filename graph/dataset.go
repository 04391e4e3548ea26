package graph

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Dataset is a whole graph to be written by Writer.Replace: what the loaders build from files.
type Dataset struct {
	Regions   []Region
	Borders   []Border
	Chains    []Chain
	Links     []Link
	Feeds     []Feed
	Presences []Presence
	// ChainFacts are statements about whole chains at regions (see ChainFact).
	ChainFacts []ChainFact
	// ClusterCounts are the sizes of cluster lists per region (see ClusterCount).
	ClusterCounts []ClusterCount
	Belts         []Belt
	Members       []BeltMember
	Targets       []Target
	// AcceptUserCycles makes a FEEDS cycle with at least one edge from users' data (see
	// CuratedOrigin) a warning (Warnings) instead of a Validate problem: real supply networks
	// loop. A cycle of curated edges only is always a problem. Off, every cycle is a problem.
	AcceptUserCycles bool
}

// Problem is one thing wrong with a dataset, located by the Origin of the fact.
type Problem struct {
	Origin  string // file:line, or empty when the problem is not one fact's
	Message string
}

func (p Problem) String() string {
	if p.Origin == "" {
		return p.Message
	}
	return p.Origin + ": " + p.Message
}

// Problems is every problem found in a dataset. It wraps ErrInvalid.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return fmt.Sprintf("%d problem(s):\n  %s", len(ps), strings.Join(lines, "\n  "))
}

// Unwrap lets errors.Is(err, ErrInvalid) hold.
func (ps Problems) Unwrap() error { return ErrInvalid }

// Validate checks the dataset's integrity: unique ids, references that resolve, evidence on
// every fact, consistent region levels, and no FEEDS cycle of curated edges (nor of any edges,
// unless AcceptUserCycles: see FeedCycles for which cycles are reported). It returns Problems
// listing every problem found, or nil.
func (ds *Dataset) Validate() error {
	var ps Problems
	add := func(origin, format string, args ...any) {
		ps = append(ps, Problem{Origin: origin, Message: fmt.Sprintf(format, args...)})
	}
	checkEvidence := func(what string, e Evidence) {
		if msg := e.check(); msg != "" {
			add(e.Origin, "%s: %s", what, msg)
		}
	}

	regions := map[string]Region{}
	for _, r := range ds.Regions {
		if prev, dup := regions[r.ID]; dup {
			add(r.Evidence.Origin, "region %s (%s) is already defined at %s", r.Code, r.Name, prev.Evidence.Origin)
			continue
		}
		regions[r.ID] = r
		checkEvidence("region "+r.Code, r.Evidence)
	}
	for _, r := range ds.Regions {
		if r.ParentID == "" {
			if r.Level != LevelProvince {
				add(r.Evidence.Origin, "region %s (%s) has no parent but is not a province", r.Code, r.Name)
			}
			continue
		}
		p, ok := regions[r.ParentID]
		switch {
		case !ok:
			add(r.Evidence.Origin, "region %s (%s): parent %s is not defined", r.Code, r.Name, r.ParentID)
		case p.Level >= r.Level:
			add(r.Evidence.Origin, "region %s (%s) is %v but its parent %s is %v", r.Code, r.Name, r.Level, p.Code, p.Level)
		}
	}
	for _, b := range ds.Borders {
		for _, id := range []string{b.A, b.B} {
			if r, ok := regions[id]; !ok {
				add(b.Evidence.Origin, "border: region %s is not defined", strings.TrimPrefix(id, "cn-"))
			} else if r.Level != LevelCounty {
				add(b.Evidence.Origin, "border: region %s (%s) is not a county-level unit", r.Code, r.Name)
			}
		}
		checkEvidence("border", b.Evidence)
	}

	chains := map[string]Chain{}
	for _, c := range ds.Chains {
		if prev, dup := chains[c.ID]; dup {
			add(c.Evidence.Origin, "chain %q is already defined at %s", c.ID, prev.Evidence.Origin)
			continue
		}
		chains[c.ID] = c
		checkEvidence("chain "+c.ID, c.Evidence)
	}
	links := map[string]Link{}
	for _, l := range ds.Links {
		if prev, dup := links[l.ID]; dup {
			add(l.Evidence.Origin, "link %q is already defined at %s", l.ID, prev.Evidence.Origin)
			continue
		}
		links[l.ID] = l
		if _, ok := chains[l.ChainID]; !ok {
			add(l.Evidence.Origin, "link %q: chain %q is not defined", l.ID, l.ChainID)
		}
		if l.Stage == StageUnspecified {
			add(l.Evidence.Origin, "link %q has no stage", l.ID)
		}
		checkEvidence("link "+l.ID, l.Evidence)
	}
	seenFeed := map[[2]string]string{}
	for _, f := range ds.Feeds {
		for _, id := range []string{f.From, f.To} {
			if _, ok := links[id]; !ok {
				add(f.Evidence.Origin, "feed %s -> %s: link %q is not defined", f.From, f.To, id)
			}
		}
		if f.From == f.To {
			add(f.Evidence.Origin, "feed %s -> %s: a link cannot feed itself", f.From, f.To)
		}
		key := [2]string{f.From, f.To}
		if prev, dup := seenFeed[key]; dup {
			add(f.Evidence.Origin, "feed %s -> %s is already defined at %s", f.From, f.To, prev)
		}
		seenFeed[key] = f.Evidence.Origin
		checkEvidence("feed "+f.From+" -> "+f.To, f.Evidence)
	}
	cycleProblems, _ := ds.feedCycleReport()
	ps = append(ps, cycleProblems...)
	seenPresence := map[string]string{}
	for _, p := range ds.Presences {
		if prev, dup := seenPresence[p.ID]; dup {
			add(p.Evidence.Origin, "presence %q is already defined at %s", p.ID, prev)
		}
		seenPresence[p.ID] = p.Evidence.Origin
		if _, ok := regions[p.RegionID]; !ok {
			add(p.Evidence.Origin, "presence: region %s is not defined", strings.TrimPrefix(p.RegionID, "cn-"))
		}
		if _, ok := links[p.LinkID]; !ok {
			add(p.Evidence.Origin, "presence: link %q is not defined", p.LinkID)
		}
		if p.Strength <= 0 {
			add(p.Evidence.Origin, "presence: strength %v must be > 0", p.Strength)
		}
		if p.Status != StatusExisting && p.Status != StatusPlanned {
			add(p.Evidence.Origin, "presence: status %q; want %q or %q", p.Status, StatusExisting, StatusPlanned)
		}
		for _, a := range p.Alternatives {
			if strings.TrimSpace(a) == "" {
				add(p.Evidence.Origin, "presence: an empty alternative reading")
			}
		}
		checkEvidence("presence", p.Evidence)
		for _, l := range p.AlsoListed {
			if l.Programme == "" || l.Year < p.Year {
				add(l.Evidence.Origin, "presence %q: another listing needs a programme and a year no earlier than the fact's own (%d), got %q %d", p.ID, p.Year, l.Programme, l.Year)
			}
			checkEvidence("presence "+p.ID+" listing", l.Evidence)
		}
	}
	for _, f := range ds.ChainFacts {
		// One id space with presences: an answer names either kind of fact by its id.
		if prev, dup := seenPresence[f.ID]; dup {
			add(f.Evidence.Origin, "chain fact %q: the id is already used at %s", f.ID, prev)
		}
		seenPresence[f.ID] = f.Evidence.Origin
		if _, ok := regions[f.RegionID]; !ok {
			add(f.Evidence.Origin, "chain fact: region %s is not defined", strings.TrimPrefix(f.RegionID, "cn-"))
		}
		if _, ok := chains[f.ChainID]; !ok {
			add(f.Evidence.Origin, "chain fact: chain %q is not defined", f.ChainID)
		}
		if f.Status != StatusExisting && f.Status != StatusPlanned {
			add(f.Evidence.Origin, "chain fact: status %q; want %q or %q", f.Status, StatusExisting, StatusPlanned)
		}
		for _, a := range f.Alternatives {
			if strings.TrimSpace(a) == "" {
				add(f.Evidence.Origin, "chain fact: an empty alternative reading")
			}
		}
		checkEvidence("chain fact", f.Evidence)
	}
	seenCount := map[string]string{}
	for _, c := range ds.ClusterCounts {
		key := c.RegionID + "\x00" + c.Programme + "\x00" + fmt.Sprint(c.Year)
		if prev, dup := seenCount[key]; dup {
			add(c.Evidence.Origin, "cluster count of %s for %s %d is already given at %s", strings.TrimPrefix(c.RegionID, "cn-"), c.Programme, c.Year, prev)
		}
		seenCount[key] = c.Evidence.Origin
		if _, ok := regions[c.RegionID]; !ok {
			add(c.Evidence.Origin, "cluster count: region %s is not defined", strings.TrimPrefix(c.RegionID, "cn-"))
		}
		if c.Programme == "" || c.Count < 0 || c.Year < MinAsOf || c.Year > MaxAsOf {
			add(c.Evidence.Origin, "cluster count: want a programme, a count >= 0 and a year from %d to %d, got %q %d %d", MinAsOf, MaxAsOf, c.Programme, c.Count, c.Year)
		}
		checkEvidence("cluster count", c.Evidence)
	}
	belts := map[string]bool{}
	for _, b := range ds.Belts {
		if belts[b.ID] {
			add(b.Evidence.Origin, "belt %q is defined twice", b.ID)
		}
		belts[b.ID] = true
		if !contains(BeltKinds, b.Kind) {
			add(b.Evidence.Origin, "belt %q: kind %q; want one of %s", b.ID, b.Kind, strings.Join(BeltKinds, ", "))
		}
		for _, c := range b.ChainIDs {
			if _, ok := chains[c]; !ok {
				add(b.Evidence.Origin, "belt %q: chain %q is not defined", b.ID, c)
			}
		}
		checkEvidence("belt "+b.ID, b.Evidence)
	}
	seenMember := map[[2]string]string{}
	for _, m := range ds.Members {
		if !belts[m.BeltID] {
			add(m.Evidence.Origin, "belt member: belt %q is not defined", m.BeltID)
		}
		for _, id := range append([]string{m.RegionID}, m.Alternatives...) {
			if _, ok := regions[id]; !ok {
				add(m.Evidence.Origin, "belt member: region %s is not defined", strings.TrimPrefix(id, "cn-"))
			}
		}
		key := [2]string{m.BeltID, m.RegionID}
		if prev, dup := seenMember[key]; dup {
			add(m.Evidence.Origin, "belt member %s of %q is already defined at %s", strings.TrimPrefix(m.RegionID, "cn-"), m.BeltID, prev)
		}
		seenMember[key] = m.Evidence.Origin
		checkEvidence("belt member", m.Evidence)
	}
	targets := map[string]bool{}
	for _, t := range ds.Targets {
		if targets[t.ID] {
			add(t.Evidence.Origin, "target %q is defined twice", t.ID)
		}
		targets[t.ID] = true
		if !contains(Comparators, t.Comparator) {
			add(t.Evidence.Origin, "target %q: comparator %q; want one of %s", t.ID, t.Comparator, strings.Join(Comparators, ", "))
		}
		if _, ok := regions[t.ScopeID]; !ok {
			add(t.Evidence.Origin, "target %q: region %s is not defined", t.ID, strings.TrimPrefix(t.ScopeID, "cn-"))
		}
		checkEvidence("target "+t.ID, t.Evidence)
	}
	if len(ps) == 0 {
		return nil
	}
	return ps
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// check returns what is missing from the evidence, or "".
func (e Evidence) check() string {
	switch e.Kind {
	case EvidencePlan:
		if strings.TrimSpace(e.Quote) == "" {
			return "plan evidence needs a quote"
		}
	case EvidenceSource:
		if strings.TrimSpace(e.Source) == "" {
			return "source evidence needs a named source"
		}
	case EvidenceDomain:
		if strings.TrimSpace(e.Reason) == "" {
			return "domain evidence needs a reason"
		}
	case "":
		return "no evidence"
	default:
		return fmt.Sprintf("unknown evidence kind %q (want plan, source or domain)", e.Kind)
	}
	return ""
}

// AsProblems returns the Problems inside err, if any.
func AsProblems(err error) (Problems, bool) {
	var ps Problems
	ok := errors.As(err, &ps)
	return ps, ok
}

// CuratedOrigin reports whether a fact comes from the project's curated data: the embedded
// seeds, whose origins the loaders write as "seeds/<file>:<line>". Everything else is users' data.
func CuratedOrigin(origin string) bool { return strings.HasPrefix(origin, "seeds/") }

// FeedCycle is one FEEDS cycle: its edges in order, each one's To the next one's From and the
// last one's To the first one's From.
type FeedCycle struct {
	Feeds []Feed
	// ComponentLinks and ComponentFeeds are the size of the strongly connected component the
	// cycle lies in (every edge inside it lies on some cycle): how much more there is to see.
	ComponentLinks, ComponentFeeds int
}

// Links are the cycle's link ids, the first repeated at the end.
func (c FeedCycle) Links() []string {
	ids := make([]string, 0, len(c.Feeds)+1)
	for _, f := range c.Feeds {
		ids = append(ids, f.From)
	}
	return append(ids, c.Feeds[0].From)
}

// Curated reports whether every edge of the cycle is curated (see CuratedOrigin).
func (c FeedCycle) Curated() bool {
	for _, f := range c.Feeds {
		if !CuratedOrigin(f.Evidence.Origin) {
			return false
		}
	}
	return true
}

// String is "a -> b -> a (a -> b at file:line; b -> a at file:line)", with the component's size
// when it holds more than this cycle.
func (c FeedCycle) String() string {
	at := make([]string, len(c.Feeds))
	for i, f := range c.Feeds {
		at[i] = f.From + " -> " + f.To + " at " + f.Evidence.Origin
	}
	s := strings.Join(c.Links(), " -> ") + " (" + strings.Join(at, "; ") + ")"
	if c.ComponentFeeds > len(c.Feeds) {
		s += fmt.Sprintf("; it lies in a loop of %d links and %d FEEDS edges", c.ComponentLinks, c.ComponentFeeds)
	}
	return s
}

// FeedCycles reports the FEEDS graph's cycles, every one of a bounded set: for each strongly
// connected component of two or more links, every reciprocal pair in it (a ⇄ b, the commonest
// loop in supply data: 719 of them among 5,256 edges of one input–output table), and, when the
// component has an edge in no such pair, one more cycle: the first such edge (users' edges
// before curated ones, then by From and To) closed by the shortest path back within the
// component (ties: the id sequence that sorts first). Every elementary cycle is not a bounded
// set: one component of a few hundred links holds more than can be listed. But every edge of
// a component lies on a cycle and no other edge does, so the components with their pairs and
// witnesses say which edges loop, in O(V+E). Components come by their smallest link id, pairs
// by (From, To) before the witness. Self-feeds and repeated edges are left out (Validate
// reports them).
func FeedCycles(feeds []Feed) []FeedCycle {
	edge := map[[2]string]Feed{}
	next := map[string][]string{}
	var nodes []string
	seenNode := map[string]bool{}
	for _, f := range feeds {
		key := [2]string{f.From, f.To}
		if _, dup := edge[key]; dup || f.From == f.To {
			continue
		}
		edge[key] = f
		next[f.From] = append(next[f.From], f.To)
		for _, id := range key {
			if !seenNode[id] {
				seenNode[id] = true
				nodes = append(nodes, id)
			}
		}
	}
	sort.Strings(nodes)
	for _, v := range next {
		sort.Strings(v)
	}
	var out []FeedCycle
	for _, comp := range components(nodes, next) {
		in := map[string]bool{}
		for _, id := range comp {
			in[id] = true
		}
		var pairs []FeedCycle
		compFeeds := 0
		var loose []Feed // edges in no reciprocal pair
		for _, a := range comp {
			for _, b := range next[a] {
				if !in[b] {
					continue
				}
				compFeeds++
				back, reciprocal := edge[[2]string{b, a}]
				switch {
				case !reciprocal:
					loose = append(loose, edge[[2]string{a, b}])
				case a < b:
					pairs = append(pairs, FeedCycle{Feeds: []Feed{edge[[2]string{a, b}], back}})
				}
			}
		}
		if len(loose) > 0 {
			first := loose[0]
			for _, f := range loose {
				if !CuratedOrigin(f.Evidence.Origin) {
					first = f
					break
				}
			}
			c := FeedCycle{Feeds: []Feed{first}}
			path := shortestPath(first.To, first.From, next, in)
			for i := 1; i < len(path); i++ {
				c.Feeds = append(c.Feeds, edge[[2]string{path[i-1], path[i]}])
			}
			pairs = append(pairs, c)
		}
		for _, c := range pairs {
			c.ComponentLinks, c.ComponentFeeds = len(comp), compFeeds
			out = append(out, c)
		}
	}
	return out
}

// components returns the strongly connected components of two or more nodes (Tarjan's
// algorithm), each sorted, ordered by their first id. nodes and next's lists are sorted.
func components(nodes []string, next map[string][]string) [][]string {
	index := map[string]int{}
	low := map[string]int{}
	onStack := map[string]bool{}
	var stack []string
	var out [][]string
	var visit func(string)
	visit = func(n string) {
		index[n] = len(index) + 1
		low[n] = index[n]
		stack = append(stack, n)
		onStack[n] = true
		for _, m := range next[n] {
			if index[m] == 0 {
				visit(m)
				low[n] = min(low[n], low[m])
			} else if onStack[m] {
				low[n] = min(low[n], index[m])
			}
		}
		if low[n] != index[n] {
			return
		}
		var comp []string
		for {
			m := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			onStack[m] = false
			comp = append(comp, m)
			if m == n {
				break
			}
		}
		if len(comp) > 1 {
			sort.Strings(comp)
			out = append(out, comp)
		}
	}
	for _, n := range nodes {
		if index[n] == 0 {
			visit(n)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// shortestPath is the shortest path from a to b (both included) through nodes in `in`, the one
// whose id sequence sorts first (breadth first over sorted lists: the first to reach a node
// comes from the smallest path). b is reachable: a and b share a component.
func shortestPath(a, b string, next map[string][]string, in map[string]bool) []string {
	prev := map[string]string{a: ""}
	frontier := []string{a}
	for len(frontier) > 0 {
		var level []string
		for _, n := range frontier {
			for _, m := range next[n] {
				if _, seen := prev[m]; seen || !in[m] {
					continue
				}
				prev[m] = n
				if m == b {
					var path []string
					for x := b; x != ""; x = prev[x] {
						path = append([]string{x}, path...)
					}
					return path
				}
				level = append(level, m)
			}
		}
		frontier = level
	}
	return nil
}

// feedCycleReport sorts the dataset's FEEDS cycles into problems and warnings: a cycle of
// curated edges only is a problem (the curated subgraph's cycles, found on it alone so that no
// users' edge hides one); a cycle with a users' edge is a warning when AcceptUserCycles, else
// a problem. Each is located at its first users' edge, when it has one.
func (ds *Dataset) feedCycleReport() (problems, warnings []Problem) {
	var curated []Feed
	for _, f := range ds.Feeds {
		if CuratedOrigin(f.Evidence.Origin) {
			curated = append(curated, f)
		}
	}
	for _, c := range FeedCycles(curated) {
		problems = append(problems, Problem{Message: "FEEDS cycle: " + c.String() + "; curated data must not loop"})
	}
	for _, c := range FeedCycles(ds.Feeds) {
		if c.Curated() {
			continue // reported above, from the curated edges' own components
		}
		p := Problem{Message: "FEEDS cycle: " + c.String()}
		for _, f := range c.Feeds {
			if !CuratedOrigin(f.Evidence.Origin) {
				p.Origin = f.Evidence.Origin
				break
			}
		}
		if ds.AcceptUserCycles {
			p.Message += "; accepted: every analysis follows shortest paths without repeating a link"
			warnings = append(warnings, p)
		} else {
			problems = append(problems, p)
		}
	}
	return problems, warnings
}

// Warnings are what is accepted in the dataset but worth a reader's eye: the FEEDS cycles with
// a users' edge, when AcceptUserCycles (see FeedCycles; Validate reports them as problems
// otherwise). Each is located at its first users' edge. Loaders print them beside Validate's.
func (ds *Dataset) Warnings() []Problem {
	if !ds.AcceptUserCycles {
		return nil
	}
	_, warnings := ds.feedCycleReport()
	return warnings
}
