package graphtest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
)

// CyclicFixture is Fixture with chain c, whose FEEDS edges (users' data: their origins are not
// under seeds/) loop:
//
//	c-a ⇄ c-b → c-x → c-y → c-z → c-end
//	            ↑___________/
//
// a 2-cycle c-a ⇄ c-b, and a 3-cycle c-x → c-y → c-z → c-x fed by c-b. Presences: q1 c-a at A1,
// q2 c-x at A2, q3 c-z at B1, q4 c-end at B2, q5 c-b at D (an enterprise, 丁循环厂). Nobody has
// c-y. AcceptUserCycles is set: the loops are the data's, and accepted.
func CyclicFixture() *graph.Dataset {
	ds := Fixture()
	ds.AcceptUserCycles = true
	ev := func(origin string) graph.Evidence {
		return graph.Evidence{Kind: graph.EvidenceDomain, Reason: "cyclic fixture", Origin: origin}
	}
	ds.Chains = append(ds.Chains, graph.Chain{ID: "c", Name: "循环链", Category: "traditional", Evidence: ev("chains:c")})
	for _, l := range []struct {
		id, name string
		stage    graph.Stage
	}{
		{"c-a", "回收料", graph.StageUpstream}, {"c-b", "再生料", graph.StageUpstream},
		{"c-x", "零件一", graph.StageMidstream}, {"c-y", "零件二", graph.StageMidstream}, {"c-z", "零件三", graph.StageMidstream},
		{"c-end", "循环成品", graph.StageDownstream},
	} {
		ds.Links = append(ds.Links, graph.Link{ID: l.id, ChainID: "c", Name: l.name, Stage: l.stage, Evidence: ev("links:" + l.id)})
	}
	for _, e := range [][2]string{{"c-a", "c-b"}, {"c-b", "c-a"}, {"c-b", "c-x"}, {"c-x", "c-y"}, {"c-y", "c-z"}, {"c-z", "c-x"}, {"c-z", "c-end"}} {
		ds.Feeds = append(ds.Feeds, graph.Feed{From: e[0], To: e[1], Evidence: ev("feeds:" + e[0] + "-" + e[1])})
	}
	for _, p := range [][3]string{{"q1", "990101", "c-a"}, {"q2", "990102", "c-x"}, {"q3", "990201", "c-z"}, {"q4", "990202", "c-end"}, {"q5", "990301", "c-b"}} {
		pr := graph.Presence{ID: p[0], RegionID: "cn-" + p[1], LinkID: p[2], Strength: 1, Status: graph.StatusExisting, Evidence: ev("presences:" + p[0])}
		if p[0] == "q5" {
			pr.Holder, pr.HolderKind = "丁循环厂", "enterprise"
		}
		ds.Presences = append(ds.Presences, pr)
	}
	return ds
}

// testFeedCycles: both stores take a graph whose FEEDS loop, report its two loops as warnings
// (not problems), and answer every question on it with shortest paths that never repeat a link
// nor come back to the missing link, within the depth asked for.
func testFeedCycles(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	ds := CyclicFixture()
	var warned []string
	for _, w := range ds.Warnings() {
		warned = append(warned, w.Origin+" "+strings.SplitN(w.Message, " (", 2)[0])
	}
	if diff := cmp.Diff([]string{
		"feeds:c-a-c-b FEEDS cycle: c-a -> c-b -> c-a",
		"feeds:c-x-c-y FEEDS cycle: c-x -> c-y -> c-z -> c-x",
	}, warned); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	strict := CyclicFixture()
	strict.AcceptUserCycles = false
	if err := newStore(t).Replace(ctx, strict); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Replace(cyclic, not accepting cycles) = %v, want ErrInvalid", err)
	}
	s := newStore(t)
	if err := s.Replace(ctx, ds); err != nil {
		t.Fatalf("Replace(cyclic fixture): %v", err)
	}

	for _, tc := range []struct {
		name  string
		link  string
		level graph.Level
		depth int
		want  []string
	}{
		{
			// From c-b: c-a and c-x at 1 edge, c-y 2, c-z 3 (c-z → c-x closes the loop, not a
			// longer way to c-x), c-end 4; c-a → c-b comes back to c-b: no demand for itself. D
			// has c-b; the only supplier is D, 4, 3, 2 and 1 borders along the line A1–…–D.
			name: "2-cycle with the missing link", link: "c-b", level: graph.LevelCounty, depth: 8,
			want: []string{
				"990101 | c-a<c-b,c-a[q1] | 990301/4/385.2[q5]",
				"990102 | c-x<c-b,c-x[q2] | 990301/3/288.9[q5]",
				"990201 | c-z<c-b,c-x,c-y,c-z[q3] | 990301/2/192.6[q5]",
				"990202 | c-end<c-b,c-x,c-y,c-z,c-end[q4] | 990301/1/96.3[q5]",
			},
		},
		{
			// Depth 3: c-end (4 edges) is out, c-z (3) in.
			name: "depth limit on a cycle", link: "c-b", level: graph.LevelCounty, depth: 3,
			want: []string{
				"990101 | c-a<c-b,c-a[q1] | 990301/4/385.2[q5]",
				"990102 | c-x<c-b,c-x[q2] | 990301/3/288.9[q5]",
				"990201 | c-z<c-b,c-x,c-y,c-z[q3] | 990301/2/192.6[q5]",
			},
		},
		{
			// From c-a: D's c-b, which also feeds c-a, is demand at 1 edge. A1 has c-a and is the
			// one supplier: in A2's prefecture, 1 border away; 2, 3, 4 from B1, B2, D.
			name: "a region whose link feeds the missing one back", link: "c-a", level: graph.LevelCounty, depth: 8,
			want: []string{
				"990102 | c-x<c-a,c-b,c-x[q2] | 990101/1/96.3[q1]",
				"990201 | c-z<c-a,c-b,c-x,c-y,c-z[q3] | 990101/2/192.6[q1]",
				"990202 | c-end<c-a,c-b,c-x,c-y,c-z,c-end[q4] | 990101/3/288.9[q1]",
				"990301 | c-b<c-a,c-b[q5] | 990101/4/385.2[q1]",
			},
		},
		{
			// Inside the 3-cycle, from c-x: c-y 1, c-z 2, c-end 3; c-z → c-x is back home.
			// c-x does not reach c-a or c-b: A1 and D have no demand. A2 supplies, 1 border from
			// B1 (A2–B1) and 2 from B2.
			name: "3-cycle", link: "c-x", level: graph.LevelCounty, depth: 8,
			want: []string{
				"990201 | c-z<c-x,c-y,c-z[q3] | 990102/1/96.3[q2]",
				"990202 | c-end<c-x,c-y,c-z,c-end[q4] | 990102/2/192.6[q2]",
			},
		},
		{
			// Prefectures, c-y (nobody has it, no supplier): B has c-z (1 edge) and c-end (2),
			// A has c-x (2, round the loop y → z → x). B's demand is stronger: first.
			name: "prefecture level round the loop", link: "c-y", level: graph.LevelPrefecture, depth: 8,
			want: []string{
				"990200 | c-z<c-y,c-z[q3]; c-end<c-y,c-z,c-end[q4] | ",
				"990100 | c-x<c-y,c-z,c-x[q2] | ",
			},
		},
	} {
		t.Run("lacking "+tc.name, func(t *testing.T) {
			a, err := Ask(t, s).Lacking(ctx, query.LackingRequest{Link: tc.link, Scope: "cn-990000", Level: tc.level, MaxDepth: tc.depth, MaxSuppliers: 3})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, Summarize(a.Rows)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}

	t.Run("extensions", func(t *testing.T) {
		for _, tc := range []struct {
			region string
			want   []string
		}{
			// A1 has c-a: c-b's neighbours are c-a (both ways) and c-x: density 1/2.
			{"cn-990101", []string{"c-b 0.5/2 [c-a feeds+fedby]"}},
			// D has c-b: c-a's one neighbour is c-b, both ways (1/1); c-x's are c-b, c-y and
			// c-z, of which c-b feeds it (1/3).
			{"cn-990301", []string{"c-a 1/1 [c-b feeds+fedby]", "c-x 0.3333/3 [c-b fedby]"}},
		} {
			a, err := Ask(t, s).Extensions(ctx, query.ExtensionsRequest{Scope: tc.region, Chain: "c"})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range a.Extensions {
				var present []string
				for _, n := range e.Present {
					dir := []string{}
					if n.Feeds {
						dir = append(dir, "feeds")
					}
					if n.FedBy {
						dir = append(dir, "fedby")
					}
					present = append(present, n.Link.ID+" "+strings.Join(dir, "+"))
				}
				got = append(got, fmt.Sprintf("%s %g/%d [%s]", e.Link.ID, e.Density, e.Neighbours, strings.Join(present, ", ")))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("extensions of %s (-want +got):\n%s", tc.region, diff)
			}
		}
	})

	t.Run("profiles", func(t *testing.T) {
		for _, tc := range []struct {
			region string
			want   []string // chain c's missing upstream links, within graph.DefaultDepth (4) edges
		}{
			// A1 has c-a; c-b feeds it; c-a feeds c-b back, but A1 has c-a: c-b only.
			{"cn-990101", []string{"c-b"}},
			// B1 has c-z: c-y 1 edge up, c-x 2, c-b 3, c-a 4 (c-z itself, 3 up the loop, is had).
			{"cn-990201", []string{"c-a", "c-b", "c-x", "c-y"}},
			// B2 has c-end: c-z 1, c-y 2, c-x 3, c-b 4; c-a is 5 edges up: out.
			{"cn-990202", []string{"c-b", "c-x", "c-y", "c-z"}},
		} {
			a, err := Ask(t, s).Profile(ctx, query.ProfileRequest{Region: tc.region})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			found := false
			for _, cp := range a.Chains {
				if cp.Chain.ID == "c" {
					found = true
					for _, l := range cp.MissingUpstream {
						got = append(got, l.ID)
					}
				}
			}
			if !found {
				t.Fatalf("profile of %s has no chain c", tc.region)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("missing upstream of %s (-want +got):\n%s", tc.region, diff)
			}
		}
	})

	t.Run("leads", func(t *testing.T) {
		for _, tc := range []struct {
			region string
			want   []string
		}{
			// c-b would feed A1's c-a (which feeds c-b back): one edge.
			{"cn-990101", []string{"c-a<c-b,c-a", "丁循环厂 990301/4"}},
			// B2's c-end is 4 edges down, the edge of graph.DefaultDepth.
			{"cn-990202", []string{"c-end<c-b,c-x,c-y,c-z,c-end", "丁循环厂 990301/1"}},
		} {
			a, err := Ask(t, s).Leads(ctx, query.LeadsRequest{Region: tc.region, Link: "c-b", Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range a.Feeds {
				var path []string
				for _, l := range d.Path {
					path = append(path, l.ID)
				}
				got = append(got, d.Downstream.ID+"<"+strings.Join(path, ","))
			}
			for _, l := range a.Leads {
				got = append(got, fmt.Sprintf("%s %s/%d", l.Holder, l.Supplier.Region.Code, l.Supplier.BorderHops))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("leads of c-b for %s (-want +got):\n%s", tc.region, diff)
			}
		}
	})

	t.Run("weak links and chain", func(t *testing.T) {
		// Each link of c is had by one county but c-y, had by none: last.
		a, err := Ask(t, s).WeakLinks(ctx, query.WeakLinksRequest{Chain: "c", Level: graph.LevelCounty, MinHolders: 2})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, w := range a.Weak {
			got = append(got, fmt.Sprintf("%s/%d", w.Link.ID, len(w.Holders)))
		}
		if diff := cmp.Diff([]string{"c-a/1", "c-b/1", "c-x/1", "c-z/1", "c-end/1", "c-y/0"}, got); diff != "" {
			t.Errorf("weak links (-want +got):\n%s", diff)
		}
		d, err := Ask(t, s).Chain(ctx, "c")
		if err != nil {
			t.Fatal(err)
		}
		var feeds []string
		for _, f := range d.Feeds {
			feeds = append(feeds, f.From+">"+f.To)
		}
		if diff := cmp.Diff([]string{"c-a>c-b", "c-b>c-a", "c-b>c-x", "c-x>c-y", "c-y>c-z", "c-z>c-end", "c-z>c-x"}, feeds); diff != "" {
			t.Errorf("chain c's edges, each once (-want +got):\n%s", diff)
		}
	})
}
