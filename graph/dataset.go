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
// every fact, consistent region levels, and no FEEDS cycle. It returns Problems listing every
// problem found, or nil.
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
	if cycle := feedCycle(ds.Feeds); cycle != nil {
		add("", "FEEDS cycle: %s", strings.Join(cycle, " -> "))
	}
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

// feedCycle returns one FEEDS cycle as a list of link ids (first id repeated at the end), or nil.
func feedCycle(feeds []Feed) []string {
	next := map[string][]string{}
	for _, f := range feeds {
		next[f.From] = append(next[f.From], f.To)
	}
	starts := make([]string, 0, len(next))
	for k, v := range next {
		sort.Strings(v)
		starts = append(starts, k)
	}
	sort.Strings(starts)
	const (
		unvisited = iota
		onStack
		done
	)
	state := map[string]int{}
	var stack []string
	var found []string
	var visit func(string) bool
	visit = func(n string) bool {
		state[n] = onStack
		stack = append(stack, n)
		for _, m := range next[n] {
			switch state[m] {
			case onStack:
				i := len(stack) - 1
				for stack[i] != m {
					i--
				}
				found = append(append([]string{}, stack[i:]...), m)
				return true
			case unvisited:
				if visit(m) {
					return true
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[n] = done
		return false
	}
	for _, s := range starts {
		if state[s] == unvisited && visit(s) {
			return found
		}
	}
	return nil
}

// AsProblems returns the Problems inside err, if any.
func AsProblems(err error) (Problems, bool) {
	var ps Problems
	ok := errors.As(err, &ps)
	return ps, ok
}
