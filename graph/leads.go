package graph

import "sort"

// Lead is an enterprise or cluster elsewhere that makes a link a region lacks (招商线索): the
// list an investment-promotion team takes on the road.
type Lead struct {
	Holder     string
	HolderKind string // "enterprise" or "cluster"
	Supplier   Supplier
	Presence   PresenceFact // the holder's presence of the link, with its evidence
	// OtherLinks are the holder's other links at the same place, ordered by id. Leads leaves
	// them empty: they are read for the leads an answer shows (Snapshot.HolderLinks).
	OtherLinks []Link
	Clusters   []string // enterprises: clusters in its county or prefecture unit with the same link
}

// Leads turns ranked suppliers of a link into leads: one per enterprise or cluster presence (plan
// statements are not leads), in supplier order, then by presence id.
func Leads(linkID string, suppliers []Supplier) []Lead {
	// clustersAt: cluster names with a presence of the link, by region.
	clustersAt := map[string][]string{}
	for _, s := range suppliers {
		for _, p := range s.Presences {
			if p.Presence.HolderKind == "cluster" {
				clustersAt[s.Region.ID] = append(clustersAt[s.Region.ID], p.Presence.Holder)
			}
		}
	}
	var out []Lead
	for _, s := range suppliers {
		for _, p := range s.Presences {
			if p.Presence.HolderKind == "" {
				continue
			}
			lead := Lead{Holder: p.Presence.Holder, HolderKind: p.Presence.HolderKind, Supplier: s, Presence: p}
			if p.Presence.HolderKind == "enterprise" {
				lead.Clusters = append(append([]string{}, clustersAt[s.Region.ID]...), clustersAt[s.Region.ParentID]...)
				sort.Strings(lead.Clusters)
			}
			out = append(out, lead)
		}
	}
	return out
}

// FeedsInto returns the links a place has (has, as Coverage.Has gives it) that linkID feeds within
// DefaultDepth FEEDS edges, each with its path and the place's presences, ordered as SortDemands
// orders demands: what a lead's product would feed at the place.
func FeedsInto(linkID string, has map[string]Cell, feeds []Feed, byID map[string]Link) []Demand {
	paths := FeedPaths(feeds, linkID, DefaultDepth)
	var out []Demand
	for id, cell := range has {
		if path, ok := paths[id]; ok && cell.Count > 0 {
			d := Demand{Downstream: byID[id], Count: cell.Count, Strength: cell.Strength, Presences: cell.Presences}
			for _, l := range path {
				d.Path = append(d.Path, byID[l])
			}
			out = append(out, d)
		}
	}
	SortDemands(out)
	return out
}

// FeedPaths returns, for every link reachable from `from` in 1..depth FEEDS edges, the shortest
// path (as link ids, both ends included) whose id sequence sorts first.
func FeedPaths(feeds []Feed, from string, depth int) map[string][]string {
	out := map[string][]string{}
	next := map[string][]string{}
	for _, f := range feeds {
		next[f.From] = append(next[f.From], f.To)
	}
	for _, v := range next {
		sort.Strings(v)
	}
	// BFS in id order: the first path to reach a node is the lexicographically smallest
	// shortest one, because each level is expanded from the smallest paths first.
	frontier := [][]string{{from}}
	seen := map[string]bool{from: true}
	for d := 1; d <= depth && len(frontier) > 0; d++ {
		var nextFrontier [][]string
		for _, path := range frontier {
			for _, m := range next[path[len(path)-1]] {
				if seen[m] {
					continue
				}
				seen[m] = true
				p := append(append([]string{}, path...), m)
				out[m] = p
				nextFrontier = append(nextFrontier, p)
			}
		}
		sort.Slice(nextFrontier, func(i, j int) bool { return lessPath(nextFrontier[i], nextFrontier[j]) })
		frontier = nextFrontier
	}
	return out
}

func lessPath(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}
