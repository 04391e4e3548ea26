package graph

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// feedsOf makes edges "a>b" with origin users/feeds.csv:<n> (n = 1-based index), or seeds/… for
// those prefixed with "s:".
func feedsOf(edges ...string) []Feed {
	var out []Feed
	for i, e := range edges {
		origin := fmt.Sprintf("users/feeds.csv:%d", i+1)
		if rest, ok := strings.CutPrefix(e, "s:"); ok {
			e, origin = rest, fmt.Sprintf("seeds/chains/feeds.csv:%d", i+1)
		}
		from, to, _ := strings.Cut(e, ">")
		out = append(out, Feed{From: from, To: to, Evidence: Evidence{Kind: EvidenceDomain, Reason: "test", Origin: origin}})
	}
	return out
}

// cycleSummary is each cycle's links, with its component's size.
func cycleSummary(cs []FeedCycle) []string {
	var out []string
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%s (%d/%d)", strings.Join(c.Links(), ">"), c.ComponentLinks, c.ComponentFeeds))
	}
	return out
}

func TestFeedCycles(t *testing.T) {
	for _, tc := range []struct {
		name  string
		feeds []Feed
		want  []string
	}{
		{"acyclic", feedsOf("a>b", "b>c", "a>c"), nil},
		// A self-feed and a repeated edge are Validate's other problems, not cycles.
		{"self and repeat", feedsOf("a>a", "a>b", "a>b"), nil},
		// {a,b,c,d}: pair a⇄b; b>c, c>d, d>b in no pair: the witness starts at b>c (first by
		// From, To) and goes back c>d>b.
		{"pair and loop in one component", feedsOf("a>b", "b>a", "b>c", "c>d", "d>b", "d>e"),
			[]string{"a>b>a (4/5)", "b>c>d>b (4/5)"}},
		// Two shortest ways back from b to a (via c, via d): the one that sorts first.
		{"tie", feedsOf("a>b", "b>d", "b>c", "d>a", "c>a"), []string{"a>b>c>a (4/5)"}},
		// The witness starts at a users' edge (z>x) though curated x>y sorts first.
		{"users' edge first", feedsOf("s:x>y", "s:y>z", "z>x"), []string{"z>x>y>z (3/3)"}},
		// Two components, by their smallest id; a 3-cycle is one cycle.
		{"two components", feedsOf("q>r", "r>q", "c>a", "a>b", "b>c"), []string{"a>b>c>a (3/3)", "q>r>q (2/2)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, cycleSummary(FeedCycles(tc.feeds))); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// cyclicDataset is a valid dataset of one chain whose links are the feeds' ends.
func cyclicDataset(feeds []Feed) *Dataset {
	ev := Evidence{Kind: EvidenceDomain, Reason: "test", Origin: "users/x.csv:1"}
	ds := &Dataset{Chains: []Chain{{ID: "c", Name: "c", Evidence: ev}}, Feeds: feeds}
	seen := map[string]bool{}
	for _, f := range feeds {
		for _, id := range []string{f.From, f.To} {
			if !seen[id] {
				seen[id] = true
				ds.Links = append(ds.Links, Link{ID: id, ChainID: "c", Name: id, Stage: StageMidstream, Evidence: ev})
			}
		}
	}
	return ds
}

// 100 disjoint 2-cycles of users' edges: all 100 in one run, each at its first edge's line.
func TestHundredCyclesReportedAtOnce(t *testing.T) {
	var edges []string
	for i := 0; i < 100; i++ {
		a, b := fmt.Sprintf("l%03da", i), fmt.Sprintf("l%03db", i)
		edges = append(edges, a+">"+b, b+">"+a)
	}
	ds := cyclicDataset(feedsOf(edges...))

	ps, ok := AsProblems(ds.Validate())
	if !ok || len(ps) != 100 {
		t.Fatalf("strict: %d problems, want 100", len(ps))
	}
	if ds.Warnings() != nil {
		t.Errorf("strict: warnings %v, want none (they are problems)", ds.Warnings())
	}

	ds.AcceptUserCycles = true
	if err := ds.Validate(); err != nil {
		t.Fatalf("accepting users' cycles: %v", err)
	}
	ws := ds.Warnings()
	if len(ws) != 100 {
		t.Fatalf("%d warnings, want 100", len(ws))
	}
	for i, w := range ws {
		wantOrigin := fmt.Sprintf("users/feeds.csv:%d", 2*i+1)
		wantMsg := fmt.Sprintf("FEEDS cycle: l%03da -> l%03db -> l%03da (l%03da -> l%03db at users/feeds.csv:%d; l%03db -> l%03da at users/feeds.csv:%d);", i, i, i, i, i, 2*i+1, i, i, 2*i+2)
		if w.Origin != wantOrigin || !strings.HasPrefix(w.Message, wantMsg) {
			t.Errorf("warning %d = %s\nwant %s: %s…", i, w, wantOrigin, wantMsg)
		}
	}
}

// Curated data stays strict: a cycle of seeds' edges only is a problem even when users' cycles
// are accepted, and found although a users' edge joins its component (whose witness runs
// through that edge and is a warning).
func TestCuratedCycleIsAProblem(t *testing.T) {
	// p>q>r>p curated; r>z>p users'.
	ds := cyclicDataset(feedsOf("s:p>q", "s:q>r", "s:r>p", "r>z", "z>p"))
	ds.AcceptUserCycles = true
	ps, _ := AsProblems(ds.Validate())
	want := []string{"FEEDS cycle: p -> q -> r -> p (p -> q at seeds/chains/feeds.csv:1; q -> r at seeds/chains/feeds.csv:2; r -> p at seeds/chains/feeds.csv:3); curated data must not loop"}
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	ws := ds.Warnings()
	if len(ws) != 1 || ws[0].Origin != "users/feeds.csv:4" || !strings.HasPrefix(ws[0].Message, "FEEDS cycle: r -> z -> p -> q -> r (") ||
		!strings.Contains(ws[0].Message, "it lies in a loop of 4 links and 5 FEEDS edges") {
		t.Errorf("warnings = %v, want the one through r -> z, in a loop of 4 links and 5 edges", ws)
	}

	// A users' edge closing a loop of curated ones is accepted: no problem.
	ds = cyclicDataset(feedsOf("s:p>q", "s:q>r", "r>p"))
	ds.AcceptUserCycles = true
	if err := ds.Validate(); err != nil {
		t.Errorf("curated path closed by a users' edge: %v, want accepted", err)
	}
	if ws := ds.Warnings(); len(ws) != 1 || ws[0].Origin != "users/feeds.csv:3" {
		t.Errorf("warnings = %v, want one at users/feeds.csv:3", ws)
	}
}

// Shortest paths on a cycle never come back to their start, never repeat a link and stop at the
// depth: a → b → c → a, c → d.
func TestFeedPathsOnACycle(t *testing.T) {
	feeds := feedsOf("a>b", "b>c", "c>a", "c>d", "b>a")
	want := map[string][]string{"b": {"a", "b"}, "c": {"a", "b", "c"}}
	if diff := cmp.Diff(want, FeedPaths(feeds, "a", 2)); diff != "" {
		t.Errorf("depth 2 (-want +got):\n%s", diff)
	}
	want["d"] = []string{"a", "b", "c", "d"}
	if diff := cmp.Diff(want, FeedPaths(feeds, "a", MaxFeedDepth)); diff != "" {
		t.Errorf("depth %d (-want +got):\n%s", MaxFeedDepth, diff)
	}
}

// A reciprocal neighbour is one neighbour both ways, whichever of the two sorts first.
func TestExtensionsReciprocalNeighbour(t *testing.T) {
	links := []Link{{ID: "a"}, {ID: "b"}, {ID: "c"}}
	byID := map[string]Link{"a": links[0], "b": links[1], "c": links[2]}
	feeds := feedsOf("a>b", "b>a", "b>c")
	for _, has := range []string{"a", "b"} {
		got := Extensions(map[string]Cell{has: {Count: 1}}, links, feeds, byID)
		var cand string
		if has == "a" {
			cand = "b" // b's neighbours: a (both ways), c
		} else {
			cand = "a" // a's only neighbour: b, both ways
		}
		if len(got) == 0 || got[0].Link.ID != cand || len(got[0].Present) != 1 || !got[0].Present[0].Feeds || !got[0].Present[0].FedBy {
			t.Errorf("has %s: %+v, want candidate %s with %s present, feeding and fed by it", has, got, cand, has)
		}
	}
}

// On a graph the size of an input–output table (335 links, 5,256 edges, many reciprocal), every
// reported cycle is a cycle of input edges without a repeated link, and there are exactly the
// reciprocal pairs plus one witness per component with an edge in no pair.
func TestFeedCyclesAtTableScale(t *testing.T) {
	const n, m = 335, 5256
	seed := uint64(1)
	rnd := func() int { seed = seed*6364136223846793005 + 1442695040888963407; return int(seed >> 33) }
	var edges []string
	have := map[[2]string]bool{}
	for len(edges) < m {
		a, b := fmt.Sprintf("k%03d", rnd()%n), fmt.Sprintf("k%03d", rnd()%n)
		if a == b || have[[2]string{a, b}] {
			continue
		}
		have[[2]string{a, b}] = true
		edges = append(edges, a+">"+b)
	}
	pairs := 0
	for e := range have {
		if e[0] < e[1] && have[[2]string{e[1], e[0]}] {
			pairs++
		}
	}
	cycles := FeedCycles(feedsOf(edges...))
	witnesses := 0
	for _, c := range cycles {
		seen := map[string]bool{}
		for i, f := range c.Feeds {
			if !have[[2]string{f.From, f.To}] || seen[f.From] || f.To != c.Feeds[(i+1)%len(c.Feeds)].From {
				t.Fatalf("not an elementary cycle of the input: %s", c)
			}
			seen[f.From] = true
		}
		if len(c.Feeds) > 2 {
			witnesses++
		}
	}
	// A random graph of this density is one strongly connected component with loose edges.
	if len(cycles) != pairs+1 || witnesses != 1 || cycles[0].ComponentLinks != n {
		t.Errorf("%d cycles (%d longer than 2), component of %d links; want %d pairs + 1 witness, %d links", len(cycles), witnesses, cycles[0].ComponentLinks, pairs, n)
	}
}
