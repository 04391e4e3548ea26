package graphtest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
)

// NewStore returns an empty store for one test; the suite loads the data it needs.
type NewStore func(t *testing.T) graph.Store

// Run runs the conformance suite against stores made by newStore.
func Run(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	loaded := func(t *testing.T) graph.Store {
		t.Helper()
		s := newStore(t)
		if err := s.Replace(ctx, Fixture()); err != nil {
			t.Fatalf("Replace(fixture): %v", err)
		}
		return s
	}

	t.Run("Version", func(t *testing.T) {
		s := loaded(t)
		version := func() int64 {
			t.Helper()
			v, err := View(t, s).Version(), error(nil)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		v1 := version()
		if _, err := View(t, s).Names(ctx); err != nil {
			t.Fatal(err)
		}
		if v := version(); v != v1 {
			t.Errorf("a read changed the version from %d to %d", v1, v)
		}
		if err := s.Replace(ctx, Fixture()); err != nil {
			t.Fatal(err)
		}
		if v := version(); v == v1 {
			t.Errorf("Replace kept the version %d: caches keyed on it would serve the old data", v)
		}
		bad := Fixture()
		bad.Presences = append(bad.Presences, graph.Presence{ID: "bad", RegionID: "nowhere", LinkID: "t1"})
		v2 := version()
		if err := s.Replace(ctx, bad); err == nil {
			t.Fatal("Replace accepted a presence in an unknown region")
		}
		if v := version(); v != v2 {
			t.Errorf("a failed Replace changed the version from %d to %d", v2, v)
		}
	})

	t.Run("ListChains", func(t *testing.T) {
		s := loaded(t)
		first, err := View(t, s).ListChains(ctx, graph.ListQuery{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		rest, err := View(t, s).ListChains(ctx, graph.ListQuery{After: "t", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"t"}, chainIDs(first)); diff != "" {
			t.Errorf("first page (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"u"}, chainIDs(rest)); diff != "" {
			t.Errorf("second page (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(Fixture().Chains[0], first[0]); diff != "" {
			t.Errorf("chain round trip (-want +got):\n%s", diff)
		}
	})

	t.Run("GetChain", func(t *testing.T) {
		s := loaded(t)
		d, err := View(t, s).GetChain(ctx, "t")
		if err != nil {
			t.Fatal(err)
		}
		var links []string
		for _, l := range d.Links {
			links = append(links, l.ID)
		}
		// Stage order, then id: mat (up), cell (mid), car and test (down).
		if diff := cmp.Diff([]string{"t-mat", "t-cell", "t-car", "t-test"}, links); diff != "" {
			t.Errorf("links (-want +got):\n%s", diff)
		}
		var feeds []string
		for _, f := range d.Feeds {
			feeds = append(feeds, f.From+">"+f.To)
		}
		// The edge from chain u into t-car is included.
		if diff := cmp.Diff([]string{"t-car>t-test", "t-cell>t-car", "t-mat>t-cell", "u-steel>t-car"}, feeds); diff != "" {
			t.Errorf("feeds (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]graph.Link{Fixture().Links[4]}, d.Outside); diff != "" {
			t.Errorf("outside links (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(Fixture().Links[1], d.Links[1]); diff != "" {
			t.Errorf("link round trip (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(Fixture().Feeds[0].Evidence, d.Feeds[2].Evidence); diff != "" {
			t.Errorf("feed evidence (-want +got):\n%s", diff)
		}
		if _, err := View(t, s).GetChain(ctx, "nope"); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("GetChain(nope) = %v, want ErrNotFound", err)
		}
	})

	t.Run("ListRegions", func(t *testing.T) {
		s := loaded(t)
		for _, tc := range []struct {
			name string
			q    graph.RegionQuery
			want []string
		}{
			{"all", graph.RegionQuery{ListQuery: graph.ListQuery{Limit: 100}}, []string{"990000", "990100", "990101", "990102", "990200", "990201", "990202", "990301"}},
			{"page", graph.RegionQuery{ListQuery: graph.ListQuery{After: "990101", Limit: 2}}, []string{"990102", "990200"}},
			{"counties", graph.RegionQuery{ListQuery: graph.ListQuery{Limit: 100}, Level: graph.LevelCounty}, []string{"990101", "990102", "990201", "990202", "990301"}},
			{"children of P", graph.RegionQuery{ListQuery: graph.ListQuery{Limit: 100}, ParentID: "cn-990000"}, []string{"990100", "990200", "990301"}},
			{"counties of P", graph.RegionQuery{ListQuery: graph.ListQuery{Limit: 100}, ParentID: "cn-990000", Level: graph.LevelCounty}, []string{"990301"}},
		} {
			got, err := View(t, s).ListRegions(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var codes []string
			for _, r := range got {
				codes = append(codes, r.Code)
			}
			if diff := cmp.Diff(tc.want, codes); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.name, diff)
			}
		}
	})

	t.Run("GetRegion", func(t *testing.T) {
		s := loaded(t)
		d, err := View(t, s).GetRegion(ctx, "cn-990201")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(Fixture().Regions[5], d.Region); diff != "" {
			t.Errorf("region round trip (-want +got):\n%s", diff)
		}
		if d.Parent == nil || d.Parent.Code != "990200" {
			t.Errorf("parent = %v, want 990200", d.Parent)
		}
		if diff := cmp.Diff([]string{"990102", "990202"}, regionCodes(d.Neighbours)); diff != "" {
			t.Errorf("neighbours (-want +got):\n%s", diff)
		}
		p, err := View(t, s).GetRegion(ctx, "cn-990000")
		if err != nil {
			t.Fatal(err)
		}
		if p.Parent != nil || len(p.Neighbours) != 0 {
			t.Errorf("province: parent %v, neighbours %v; want none", p.Parent, p.Neighbours)
		}
		if diff := cmp.Diff([]string{"990100", "990200", "990301"}, regionCodes(p.Children)); diff != "" {
			t.Errorf("children (-want +got):\n%s", diff)
		}
		if _, err := View(t, s).GetRegion(ctx, "cn-000000"); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("GetRegion(unknown) = %v, want ErrNotFound", err)
		}
	})

	t.Run("Names", func(t *testing.T) {
		s := loaded(t)
		names, err := View(t, s).Names(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, n := range names {
			got = append(got, fmt.Sprintf("%s:%s:%s:%s:%s:%v:%v:%v", n.Kind, n.ID, n.Code, n.Name, n.ChainID, n.Aliases, n.Stage, n.Level))
		}
		want := []string{
			"chain:t::测试链::[试链]:unspecified:UNSPECIFIED", "chain:u::钢铁链::[]:unspecified:UNSPECIFIED",
			"link:t-car::整车:t:[]:downstream:UNSPECIFIED", "link:t-cell::电池:t:[]:midstream:UNSPECIFIED", "link:t-mat::材料:t:[]:upstream:UNSPECIFIED", "link:t-test::测试:t:[]:downstream:UNSPECIFIED",
			"link:u-ore::矿石:u:[]:upstream:UNSPECIFIED", "link:u-steel::汽车用钢:u:[]:upstream:UNSPECIFIED",
			"belt:b-east::东带::[东部带]:unspecified:UNSPECIFIED", "belt:b-pole::增长极::[]:unspecified:UNSPECIFIED",
			"region:cn-990000:990000:测试省::[]:unspecified:PROVINCE", "region:cn-990100:990100:甲市::[]:unspecified:PREFECTURE", "region:cn-990101:990101:甲一区::[]:unspecified:COUNTY",
			"region:cn-990102:990102:甲二县::[]:unspecified:COUNTY", "region:cn-990200:990200:乙市::[]:unspecified:PREFECTURE", "region:cn-990201:990201:乙一区::[]:unspecified:COUNTY",
			"region:cn-990202:990202:乙二县::[]:unspecified:COUNTY", "region:cn-990301:990301:丁市::[]:unspecified:COUNTY",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("names (-want +got):\n%s", diff)
		}
	})

	t.Run("Belts", func(t *testing.T) {
		s := loaded(t)
		all, err := View(t, s).ListBelts(ctx, graph.BeltQuery{ListQuery: graph.ListQuery{Limit: 10}})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(Fixture().Belts, all); diff != "" {
			t.Errorf("ListBelts (-want +got):\n%s", diff)
		}
		poles, err := View(t, s).ListBelts(ctx, graph.BeltQuery{ListQuery: graph.ListQuery{Limit: 10}, Kind: "growth_pole"})
		if err != nil {
			t.Fatal(err)
		}
		if len(poles) != 1 || poles[0].ID != "b-pole" {
			t.Errorf("growth poles = %v, want b-pole", poles)
		}
		page, err := View(t, s).ListBelts(ctx, graph.BeltQuery{ListQuery: graph.ListQuery{After: "b-east", Limit: 10}})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) != 1 || page[0].ID != "b-pole" {
			t.Errorf("page after b-east = %v, want b-pole", page)
		}
		d, err := View(t, s).GetBelt(ctx, "b-east")
		if err != nil {
			t.Fatal(err)
		}
		fx := Fixture()
		want := []graph.BeltMemberDetail{
			{Region: fx.Regions[1], Alternatives: []graph.Region{fx.Regions[4]}, Evidence: fx.Members[1].Evidence}, // A, or B
			{Region: fx.Regions[7], Evidence: fx.Members[0].Evidence},                                              // D
		}
		if diff := cmp.Diff(want, d.Members); diff != "" {
			t.Errorf("members of b-east (-want +got):\n%s", diff)
		}
		if _, err := View(t, s).GetBelt(ctx, "nope"); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("GetBelt(nope) = %v, want ErrNotFound", err)
		}
	})

	t.Run("Targets", func(t *testing.T) {
		s := loaded(t)
		got, err := View(t, s).ListTargets(ctx, graph.ListQuery{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		fx := Fixture()
		if diff := cmp.Diff([]graph.Target{fx.Targets[1], fx.Targets[0]}, got); diff != "" { // id order
			t.Errorf("ListTargets (-want +got):\n%s", diff)
		}
		page, err := View(t, s).ListTargets(ctx, graph.ListQuery{After: "clusters", Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) != 1 || page[0].ID != "gdp" {
			t.Errorf("page after clusters = %v, want gdp", page)
		}
	})

	t.Run("Coverage", func(t *testing.T) {
		s := loaded(t)
		for _, tc := range coverageCases {
			got, err := View(t, s).Coverage(ctx, tc.q)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if diff := cmp.Diff(tc.want, SummarizeCoverage(got)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.name, diff)
			}
		}
		for _, q := range []graph.CoverageQuery{
			{ChainID: "nope", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}},
			{ChainID: "t", Scope: graph.Scope{RegionID: "cn-000000", Level: graph.LevelCounty}},
			{ChainID: "t", Scope: graph.Scope{BeltID: "nope", Level: graph.LevelCounty}},
		} {
			if _, err := View(t, s).Coverage(ctx, q); !errors.Is(err, graph.ErrNotFound) {
				t.Errorf("Coverage(%+v) = %v, want ErrNotFound", q, err)
			}
		}
		if _, err := View(t, s).Coverage(ctx, graph.CoverageQuery{ChainID: "t", Scope: graph.Scope{RegionID: "cn-990000", BeltID: "b-east", Level: graph.LevelCounty}}); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Coverage with a region and a belt = %v, want ErrInvalid", err)
		}
		if _, err := View(t, s).Coverage(ctx, graph.CoverageQuery{ChainID: "t", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxPresences: -1}); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Coverage with max presences -1 = %v, want ErrInvalid", err)
		}
	})

	t.Run("HasMergesUnits", func(t *testing.T) {
		s := loaded(t)
		// The province as a place: its prefecture units' cells merged. t-car is A's p1 (1) and
		// B's p10, p3 (1 + 3): three presences, strength 5, the first by id p1.
		for _, max := range []int{0, 1} {
			cov, err := View(t, s).Coverage(ctx, graph.CoverageQuery{ChainID: "t", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, MaxPresences: max})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range cov.Links {
				if c := cov.Has()[l.ID]; c.Count > 0 {
					got = append(got, fmt.Sprintf("%s[%s]%d/%g", l.ID, presenceIDs(c.Presences), c.Count, c.Strength))
				}
			}
			want := []string{"t-mat[p4,p8]2/2", "t-cell[p2,p9]2/2", "t-car[p1,p10,p3]3/5", "t-test[p5]1/1"}
			if max == 1 {
				want = []string{"t-mat[p4]2/2", "t-cell[p2]2/2", "t-car[p1]3/5", "t-test[p5]1/1"}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Has, max presences %d (-want +got):\n%s", max, diff)
			}
		}
	})

	t.Run("WeakLinks", func(t *testing.T) {
		s := loaded(t)
		for _, tc := range weakCases {
			a, err := Ask(t, s).WeakLinks(ctx, query.WeakLinksRequest{Chain: tc.q.ChainID, Scope: scopeInput(tc.q.Scope), Level: tc.q.Scope.Level, MinHolders: tc.k})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range a.Weak {
				var holders []string
				for _, h := range w.Holders {
					holders = append(holders, fmt.Sprintf("%s=%g", h.Region.Code, h.Strength))
				}
				got = append(got, fmt.Sprintf("%s %v hhi=%g", w.Link.ID, holders, w.HHI))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.name, diff)
			}
		}
	})

	t.Run("Extensions", func(t *testing.T) {
		s := loaded(t)
		for _, tc := range []struct {
			name  string
			scope graph.Scope
			want  []string
		}{
			// B has t-cell, t-car, u-ore. t-mat's only neighbour t-cell is there (it feeds it);
			// t-test's only neighbour t-car feeds it; u-steel feeds t-car. All density 1, so id order.
			{"B", graph.Scope{RegionID: "cn-990200", Level: graph.LevelPrefecture}, []string{"t-mat 1 [t-cell>]", "t-test 1 [<t-car]", "u-steel 1 [t-car>]"}},
			// A has t-car and t-test. u-steel: 1 of 1 neighbours; t-cell: t-car of {t-mat, t-car}.
			{"A", graph.Scope{RegionID: "cn-990100", Level: graph.LevelPrefecture}, []string{"u-steel 1 [t-car>]", "t-cell 0.5 [t-car>]"}},
			{"A1 has nothing", graph.Scope{RegionID: "cn-990101", Level: graph.LevelCounty}, nil},
		} {
			a, err := Ask(t, s).Extensions(ctx, query.ExtensionsRequest{Scope: scopeInput(tc.scope)})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range a.Extensions {
				var ns []string
				for _, n := range e.Present {
					if n.Feeds {
						ns = append(ns, n.Link.ID+">")
					} else {
						ns = append(ns, "<"+n.Link.ID)
					}
				}
				got = append(got, fmt.Sprintf("%s %g %v", e.Link.ID, e.Density, ns))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.name, diff)
			}
		}
	})

	t.Run("Profile", func(t *testing.T) {
		s := loaded(t)
		fx := Fixture()
		for _, tc := range []struct {
			name  string
			place graph.Region
			want  []string
		}{
			// D: t has mat and cell of {mat | cell | car, test}: (1+1+0)/3. u has ore of {ore, steel}: 1/2.
			// Enterprises: D has one in t and two in u (p8; p6, p11), the province two in t and
			// three in u: LQ t = (1/3)/(2/5) = 0.8333, LQ u = (2/3)/(3/5) = 1.1111. Nothing
			// upstream is missing.
			{"D", fx.Regions[7], []string{"t [t-mat=2/2 t-cell=1/1] missing [] 0.6667 lq 0.8333", "u [u-ore=2/2] missing [] 0.5 lq 1.1111"}},
			// B: t has cell and car: (0+1+1/2)/3; t-mat feeds t-cell and is missing. u: ore; u-steel
			// feeds t-car and is missing. B has one enterprise in t (p10) and one in u (p7):
			// LQ t = (1/2)/(2/5) = 1.25, LQ u = (1/2)/(3/5) = 0.8333.
			{"B", fx.Regions[4], []string{"t [t-cell=1/1 t-car=4/2] missing [t-mat] 0.5 lq 1.25", "u [u-ore=1/1] missing [u-steel] 0.5 lq 0.8333"}},
			// A: car and test are both downstream: (0+0+2/2)/3. t-cell feeds t-car and t-mat feeds
			// t-cell: both missing. No enterprise at all, so no LQ.
			{"A", fx.Regions[1], []string{"t [t-car=1/1 t-test=1/1] missing [t-mat t-cell] 0.3333 lq -"}},
			{"A1 has nothing", fx.Regions[2], nil},
			// P, the province, through its prefecture units: every link of t (strengths and counts
			// summed over the units); u-steel feeds t-car and is missing. Its own share is the
			// province's, so both quotients are 1.
			{"P", fx.Regions[0], []string{"t [t-mat=2/2 t-cell=2/2 t-car=5/3 t-test=1/1] missing [] 1 lq 1", "u [u-ore=3/3] missing [u-steel] 0.5 lq 1"}},
		} {
			// Listing one presence per link must not change what is counted.
			for _, max := range []int{0, 1} {
				a, err := Ask(t, s).Profile(ctx, query.ProfileRequest{Region: tc.place.ID, MaxPresences: max})
				if err != nil {
					t.Fatal(err)
				}
				{
					var got []string
					for _, cp := range a.Chains {
						var present, missing []string
						for _, h := range cp.Present {
							present = append(present, fmt.Sprintf("%s=%g/%d", h.Presences[0].Link.ID, h.Strength, h.Count))
							if max > 0 && len(h.Presences) > max {
								t.Errorf("%s: %d presences of %s listed, want at most %d", tc.name, len(h.Presences), h.Presences[0].Link.ID, max)
							}
						}
						for _, l := range cp.MissingUpstream {
							missing = append(missing, l.ID)
						}
						lq := "-"
						if cp.HasLQ {
							lq = fmt.Sprint(cp.LQ)
						}
						got = append(got, fmt.Sprintf("%s %v missing %v %g lq %s", cp.Chain.ID, present, missing, cp.Completeness, lq))
					}
					if diff := cmp.Diff(tc.want, got); diff != "" {
						t.Errorf("%s, max presences %d (-want +got):\n%s", tc.name, max, diff)
					}
				}
			}
		}
	})

	t.Run("SuppliersAndLeads", func(t *testing.T) {
		s := loaded(t)
		for _, tc := range []struct {
			q    graph.SupplierQuery
			want []string
		}{
			// A contains A2 and is its prefecture: first, 0 borders; then B2, 2 borders away.
			{graph.SupplierQuery{RegionID: "cn-990102", LinkID: "t-car"}, []string{"990100/0/48.1[p1]", "990202/2/192.6[p10,p3]"}},
			// B's own B1 is not a supplier of B; D is one border from B2.
			{graph.SupplierQuery{RegionID: "cn-990200", LinkID: "t-cell"}, []string{"990301/1/144.4[p9]"}},
		} {
			got, err := View(t, s).Suppliers(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var sums []string
			for _, sup := range got {
				sums = append(sums, fmt.Sprintf("%s/%d/%.1f[%s]", sup.Region.Code, sup.BorderHops, sup.DistanceKM, presenceIDs(sup.Presences)))
			}
			if diff := cmp.Diff(tc.want, sums); diff != "" {
				t.Errorf("Suppliers(%+v) (-want +got):\n%s", tc.q, diff)
			}
		}
		if _, err := View(t, s).Suppliers(ctx, graph.SupplierQuery{RegionID: "cn-990102", LinkID: "nope"}); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("Suppliers(unknown link) = %v, want ErrNotFound", err)
		}
		for _, tc := range []struct {
			region, link string
			want         []string
		}{
			// B2 makes t-car: enterprise p10 (in the same county as cluster p3) and the cluster
			// itself; A's own fact p1 is a plan statement, not a lead. t-car feeds A2's t-test.
			{"cn-990102", "t-car", []string{
				"feeds [t-test<t-car,t-test]",
				"乙二车厂 enterprise 990202/2 other [] clusters [乙二县整车产业集群]",
				"乙二县整车产业集群 cluster 990202/2 other [] clusters []",
			}},
			// D shares belt b-east with A2: its two firms first (by presence id), then B2's.
			{"cn-990102", "u-ore", []string{
				"feeds []",
				"丁二矿业 enterprise 990301/3 other [] clusters []",
				"丁矿业 enterprise 990301/3 other [] clusters []",
				"乙二矿业 enterprise 990202/2 other [] clusters []",
			}},
			{"cn-990201", "t-mat", []string{"feeds [t-cell<t-mat,t-cell]", "丁材料厂 enterprise 990301/2 other [] clusters []"}},
		} {
			a, err := Ask(t, s).Leads(ctx, query.LeadsRequest{Region: tc.region, Link: tc.link, Offset: 0, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			var into []string
			for _, d := range a.Feeds {
				var path []string
				for _, p := range d.Path {
					path = append(path, p.ID)
				}
				into = append(into, d.Downstream.ID+"<"+strings.Join(path, ","))
			}
			got := []string{fmt.Sprintf("feeds %v", into)}
			for _, l := range a.Leads {
				var other []string
				for _, o := range l.OtherLinks {
					other = append(other, o.ID)
				}
				got = append(got, fmt.Sprintf("%s %s %s/%d other %v clusters %v", l.Holder, l.HolderKind, l.Supplier.Region.Code, l.Supplier.BorderHops, other, l.Clusters))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Leads(%s, %s) (-want +got):\n%s", tc.region, tc.link, diff)
			}
		}
		// A holder's other links are the links it has at the same region only: 丁材料厂 also makes
		// u-steel in D, and t-cell in B2, which is another place (and another lead).
		more := Fixture()
		firm := func(id, region, link string) graph.Presence {
			return graph.Presence{ID: id, RegionID: region, LinkID: link, Strength: 1, Holder: "丁材料厂", HolderKind: "enterprise", Evidence: more.Presences[0].Evidence}
		}
		more.Presences = append(more.Presences, firm("p12", "cn-990301", "u-steel"), firm("p13", "cn-990202", "t-cell"))
		s2 := newStore(t)
		if err := s2.Replace(ctx, more); err != nil {
			t.Fatal(err)
		}
		a, err := Ask(t, s2).Leads(ctx, query.LeadsRequest{Region: "cn-990201", Link: "t-mat", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Leads) != 1 || a.Total != 1 {
			t.Fatalf("leads for 乙一区 and t-mat: %d of %d, want the one of 丁材料厂", len(a.Leads), a.Total)
		}
		var other []string
		for _, l := range a.Leads[0].OtherLinks {
			other = append(other, l.ID)
		}
		if diff := cmp.Diff([]string{"u-steel"}, other); diff != "" {
			t.Errorf("丁材料厂's other links in D (-want +got):\n%s", diff)
		}
	})

	t.Run("EnterpriseCounts", func(t *testing.T) {
		s := loaded(t)
		// B2 has 乙二车厂 (p10, t) and 乙二矿业 (p7, u); D has 丁材料厂 (p8, t), 丁矿业 (p6, u) and
		// 丁二矿业 (p11, u). Clusters and plan statements are not enterprises.
		for _, tc := range []struct {
			region string
			want   []string
		}{
			{"cn-990000", []string{"990202 2 [t=1 u=1]", "990301 3 [t=1 u=2]"}},
			{"cn-990200", []string{"990202 2 [t=1 u=1]"}},
			{"cn-990100", nil},
		} {
			counts, err := View(t, s).EnterpriseCounts(ctx, tc.region)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range counts {
				got = append(got, fmt.Sprintf("%s %d %v", c.County.Code, c.Total, c.PerChain))
			}
			for i := range got { // fmt prints maps sorted by key: "map[t:1 u:1]"
				got[i] = strings.NewReplacer("map[", "[", ":", "=").Replace(got[i])
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("EnterpriseCounts(%s) (-want +got):\n%s", tc.region, diff)
			}
		}
		if _, err := View(t, s).EnterpriseCounts(ctx, "cn-000000"); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("EnterpriseCounts(unknown region) = %v, want ErrNotFound", err)
		}
	})

	t.Run("UnitLQ", func(t *testing.T) {
		s := loaded(t)
		counties, err := View(t, s).Coverage(ctx, graph.CoverageQuery{Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}})
		if err != nil {
			t.Fatal(err)
		}
		counts, err := View(t, s).EnterpriseCounts(ctx, "cn-990000")
		if err != nil {
			t.Fatal(err)
		}
		base := graph.NewLQBase(counts)
		var got []string
		for _, u := range counties.Units {
			for _, chain := range []string{"t", "u"} {
				if lq, ok := base.UnitLQ(u.ID, chain); ok {
					got = append(got, fmt.Sprintf("%s/%s=%g", u.Code, chain, lq))
				}
			}
		}
		// B2 has p10 (t) and p7 (u); D has p8 (t) and p6, p11 (u); the province 2 in t, 3 in u of 5.
		want := []string{"990202/t=1.25", "990202/u=0.8333", "990301/t=0.8333", "990301/u=1.1111"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("county LQs (-want +got):\n%s", diff)
		}
		// Prefecture units: B (990200) holds B2's enterprises p10 (t) and p7 (u): 1 of 2 in t.
		if lq, ok := base.UnitLQ("cn-990200", "t"); !ok || lq != 1.25 {
			t.Errorf("prefecture 990200 in t: LQ %g (%v), want 1.25 like its only county with enterprises", lq, ok)
		}
	})

	t.Run("Feeds", func(t *testing.T) {
		s := loaded(t)
		feeds, err := View(t, s).Feeds(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := Fixture().Feeds
		if diff := cmp.Diff([]graph.Feed{want[2], want[1], want[0], want[3]}, feeds); diff != "" { // (from, to) order
			t.Errorf("Feeds (-want +got):\n%s", diff)
		}
	})

	t.Run("LackingRegions", func(t *testing.T) {
		s := loaded(t)
		for _, tc := range lackingCases {
			t.Run(tc.name, func(t *testing.T) {
				a, err := Ask(t, s).Lacking(ctx, query.LackingRequest{Link: tc.q.LinkID, Scope: scopeInput(tc.q.Scope), Level: tc.q.Scope.Level,
					MaxDepth: tc.q.MaxDepth, MaxSuppliers: tc.q.MaxSuppliers})
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tc.want, Summarize(a.Rows)); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			})
		}
	})

	// Stores may keep answers (memstore and Neo4j both do); a Replace must never leave an old
	// one in use.
	// One request reads one version: a snapshot taken before a Replace answers as before it,
	// question by question, however its reads interleave with the load. After a second Replace
	// a store may have deleted the snapshot's version; its reads then fail with
	// ErrSnapshotGone, never with a mix.
	t.Run("SnapshotOutlivesReplace", func(t *testing.T) {
		s := loaded(t)
		v, err := query.New(s).View(ctx)
		if err != nil {
			t.Fatal(err)
		}
		answers := func(v *query.View) []string {
			t.Helper()
			lacking, err := v.Lacking(ctx, query.LackingRequest{Link: "t-cell", Scope: "cn-990000", Level: graph.LevelCounty, MaxDepth: 4, MaxSuppliers: 3})
			if err != nil {
				t.Fatal(err)
			}
			profile, err := v.Profile(ctx, query.ProfileRequest{Region: "cn-990200"})
			if err != nil {
				t.Fatal(err)
			}
			b2, err := v.Snap.GetRegion(ctx, "cn-990202")
			if err != nil {
				t.Fatal(err)
			}
			out := append(Summarize(lacking.Rows), b2.Region.Name)
			for _, cp := range profile.Chains {
				for _, h := range cp.Present {
					out = append(out, fmt.Sprintf("%s %s=%g/%d", cp.Chain.ID, h.Presences[0].Link.ID, h.Strength, h.Count))
				}
			}
			return out
		}
		before := answers(v)
		changed := Fixture()
		changed.Presences = append(changed.Presences, graph.Presence{ID: "zz", RegionID: "cn-990201", LinkID: "t-car", Strength: 1, Evidence: changed.Presences[0].Evidence})
		changed.Regions[6].Name = "乙二新县"
		if err := s.Replace(ctx, changed); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(before, answers(v)); diff != "" {
			t.Errorf("a snapshot taken before a Replace (-before +after):\n%s", diff)
		}
		if now := answers(Ask(t, s)); cmp.Equal(before, now) {
			t.Errorf("a snapshot taken after the Replace answers as before it: %v", now)
		}
		if v.Snap.Version() == View(t, s).Version() {
			t.Errorf("the snapshots before and after a Replace share version %d", v.Snap.Version())
		}
		if err := s.Replace(ctx, Fixture()); err != nil {
			t.Fatal(err)
		}
		if _, err := v.Snap.Names(ctx); err != nil && !errors.Is(err, graph.ErrSnapshotGone) {
			t.Errorf("after two Replaces the old snapshot's read failed with %v, want its data or ErrSnapshotGone", err)
		} else if err == nil {
			if diff := cmp.Diff(before, answers(v)); diff != "" {
				t.Errorf("after two Replaces the old snapshot answers otherwise (-before +after):\n%s", diff)
			}
		}
	})

	t.Run("LackingRegionsFollowReplace", func(t *testing.T) {
		s := loaded(t)
		q := graph.LackingQuery{LinkID: "t-cell", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, MaxDepth: 4, MaxSuppliers: 3}
		ask := func() []graph.LackingRegion {
			t.Helper()
			got, err := View(t, s).LackingRegions(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		before := ask()
		if len(before) == 0 {
			t.Fatal("no lacking region in the fixture answer")
		}
		ask() // answered twice: a store that keeps answers has this one now
		filled := Fixture()
		first := before[0].Region.ID
		filled.Presences = append(filled.Presences, graph.Presence{ID: "filled", RegionID: first, LinkID: "t-cell", Strength: 1, Evidence: filled.Presences[0].Evidence})
		if err := s.Replace(ctx, filled); err != nil {
			t.Fatal(err)
		}
		for _, r := range ask() {
			if r.Region.ID == first {
				t.Errorf("after a Replace that gives %s the link, it is still lacking", first)
			}
		}
		if err := s.Replace(ctx, Fixture()); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(Summarize(before), Summarize(ask())); diff != "" {
			t.Errorf("back on the fixture (-first answer +now):\n%s", diff)
		}
	})

	t.Run("LackingRegionsCarriesEvidence", func(t *testing.T) {
		s := loaded(t)
		got, err := View(t, s).LackingRegions(ctx, graph.LackingQuery{LinkID: "t-cell", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, MaxDepth: 4, MaxSuppliers: 3})
		if err != nil {
			t.Fatal(err)
		}
		fx := Fixture()
		want := graph.PresenceFact{Presence: fx.Presences[0], Region: fx.Regions[1], Link: fx.Links[2]}
		if diff := cmp.Diff(want, got[0].Demands[0].Presences[0]); diff != "" {
			t.Errorf("demand presence (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(fx.Presences[1], got[0].Suppliers[1].Presences[0].Presence); diff != "" {
			t.Errorf("supplier presence (-want +got):\n%s", diff)
		}
		cluster, err := View(t, s).LackingRegions(ctx, graph.LackingQuery{LinkID: "t-cell", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(fx.Presences[2], cluster[0].Demands[0].Presences[1].Presence); diff != "" { // B2, after p10
			t.Errorf("cluster presence (-want +got):\n%s", diff)
		}
	})

	t.Run("LackingRegionsErrors", func(t *testing.T) {
		s := loaded(t)
		for _, q := range []graph.LackingQuery{
			{LinkID: "nope", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3},
			{LinkID: "t-car", Scope: graph.Scope{RegionID: "cn-000000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3},
		} {
			if _, err := View(t, s).LackingRegions(ctx, q); !errors.Is(err, graph.ErrNotFound) {
				t.Errorf("LackingRegions(%+v) = %v, want ErrNotFound", q, err)
			}
		}
		if _, err := View(t, s).LackingRegions(ctx, graph.LackingQuery{LinkID: "t-car", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 0, MaxSuppliers: 3}); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("depth 0: %v, want ErrInvalid", err)
		}
	})

	t.Run("ReplaceIsIdempotentAndWhole", func(t *testing.T) {
		s := loaded(t)
		if err := s.Replace(ctx, Fixture()); err != nil {
			t.Fatal(err)
		}
		names, err := View(t, s).Names(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(names) != 18 {
			t.Errorf("after a second Replace: %d names, want 18", len(names))
		}
		smaller := Fixture()
		smaller.Chains = smaller.Chains[:1]
		smaller.Links = smaller.Links[:4]
		smaller.Feeds = smaller.Feeds[:3]
		smaller.Presences = smaller.Presences[:2]
		smaller.Belts[0].ChainIDs = []string{"t"}
		if err := s.Replace(ctx, smaller); err != nil {
			t.Fatal(err)
		}
		chains, err := View(t, s).ListChains(ctx, graph.ListQuery{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"t"}, chainIDs(chains)); diff != "" {
			t.Errorf("chains after a smaller Replace (-want +got):\n%s", diff)
		}
		d, err := View(t, s).GetChain(ctx, "t")
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Feeds) != 3 {
			t.Errorf("feeds after a smaller Replace: %d, want 3", len(d.Feeds))
		}
	})

	t.Run("ReplaceRejectsInvalidAndKeepsOld", func(t *testing.T) {
		s := loaded(t)
		bad := Fixture()
		bad.Feeds = append(bad.Feeds, graph.Feed{From: "t-test", To: "t-mat", Evidence: bad.Feeds[0].Evidence})
		if err := s.Replace(ctx, bad); !errors.Is(err, graph.ErrInvalid) {
			t.Fatalf("Replace(cyclic) = %v, want ErrInvalid", err)
		}
		chains, err := View(t, s).ListChains(ctx, graph.ListQuery{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(chains) != 2 {
			t.Errorf("after a rejected Replace: %d chains, want the old 2", len(chains))
		}
	})
}

// lackingCases were worked out by hand on Fixture. Summaries read:
// region code | demands "downstream<path ids[presence ids]" | suppliers "code/hops/km[presence ids]".
var lackingCases = []struct {
	name string
	q    graph.LackingQuery
	want []string
}{
	{
		// A has t-car (p1, its own fact) and t-test (p5 at its county A2); B has t-cell (B1);
		// D has t-cell too. Suppliers: D shares belt b-east with A, so it comes first although it
		// is 3 borders (A2–B1–B2–D) and 337.0 km away; then B1, one border and 144.4 km away.
		name: "prefecture level",
		q:    graph.LackingQuery{LinkID: "t-cell", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, MaxDepth: 4, MaxSuppliers: 3},
		want: []string{"990100 | t-car<t-cell,t-car[p1]; t-test<t-cell,t-car,t-test[p5] | 990301/3/337.0[p9], 990201/1/144.4[p2]"},
	},
	{
		// A1 has nothing: p1 is about prefecture A, not its counties. A2 has t-test (2 edges
		// away), B2 has t-car (1 edge). B2's demand is stronger (cluster p3 3 + firm p10 1,
		// against p5's 1): B2 first. B2's own prefecture has B1: B1 first, then D. A2 is in belt
		// b-east (through A) with D: D first.
		name: "county level",
		q:    graph.LackingQuery{LinkID: "t-cell", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3},
		want: []string{
			"990202 | t-car<t-cell,t-car[p10,p3] | 990201/1/96.3[p2], 990301/1/96.3[p9]",
			"990102 | t-test<t-cell,t-car,t-test[p5] | 990301/3/288.9[p9], 990201/1/96.3[p2]",
		},
	},
	{
		name: "depth limits demand",
		q:    graph.LackingQuery{LinkID: "t-cell", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 1, MaxSuppliers: 3},
		want: []string{"990202 | t-car<t-cell,t-car[p10,p3] | 990201/1/96.3[p2], 990301/1/96.3[p9]"},
	},
	{
		// The only supplier is D: A2–B1–B2–D is 3 borders, B1 2, B2 1. B2's demand has strength
		// 4, the others 1 (then code order).
		name: "hops to a distant supplier",
		q:    graph.LackingQuery{LinkID: "t-mat", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3},
		want: []string{
			"990202 | t-car<t-mat,t-cell,t-car[p10,p3] | 990301/1/96.3[p4,p8]",
			"990102 | t-test<t-mat,t-cell,t-car,t-test[p5] | 990301/3/288.9[p4,p8]",
			"990201 | t-cell<t-mat,t-cell[p2] | 990301/2/192.6[p4,p8]",
		},
	},
	{
		// A2 lacks t-car at county level (p1 is A's); suppliers: A contains A2 (0 hops,
		// 48.1 km between centroids), B2 is 2 borders away. Only the nearest is kept.
		name: "prefecture supplier contains the county",
		q:    graph.LackingQuery{LinkID: "t-car", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 1},
		want: []string{"990102 | t-test<t-car,t-test[p5] | 990100/0/48.1[p1]"},
	},
	{
		name: "all suppliers ranked",
		q:    graph.LackingQuery{LinkID: "t-car", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 5},
		want: []string{"990102 | t-test<t-car,t-test[p5] | 990100/0/48.1[p1], 990202/2/192.6[p10,p3]"},
	},
	{
		// A and B both have t-car; D has no demand.
		name: "nobody lacks",
		q:    graph.LackingQuery{LinkID: "t-car", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, MaxDepth: 4, MaxSuppliers: 3},
		want: nil,
	},
	{
		name: "scope is a prefecture",
		q:    graph.LackingQuery{LinkID: "t-mat", Scope: graph.Scope{RegionID: "cn-990200", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3},
		want: []string{
			"990202 | t-car<t-mat,t-cell,t-car[p10,p3] | 990301/1/96.3[p4,p8]",
			"990201 | t-cell<t-mat,t-cell[p2] | 990301/2/192.6[p4,p8]",
		},
	},
	{
		// Across chains: u-steel feeds t-car. B's one demand has strength 4 (p3 3, p10 1), A's
		// two demands 2: B first. Nobody supplies steel.
		name: "across chains, no supplier",
		q:    graph.LackingQuery{LinkID: "u-steel", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, MaxDepth: 4, MaxSuppliers: 3},
		want: []string{
			"990200 | t-car<u-steel,t-car[p10,p3] | ",
			"990100 | t-car<u-steel,t-car[p1]; t-test<u-steel,t-car,t-test[p5] | ",
		},
	},
	{
		// Belt b-east spans A and D (B is only an alternative): counties A1, A2, D; D has t-cell.
		name: "belt scope, counties",
		q:    graph.LackingQuery{LinkID: "t-cell", Scope: graph.Scope{BeltID: "b-east", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3},
		want: []string{"990102 | t-test<t-cell,t-car,t-test[p5] | 990301/3/288.9[p9], 990201/1/96.3[p2]"},
	},
	{
		name: "belt scope, prefecture units",
		q:    graph.LackingQuery{LinkID: "t-cell", Scope: graph.Scope{BeltID: "b-east", Level: graph.LevelPrefecture}, MaxDepth: 4, MaxSuppliers: 3},
		want: []string{"990100 | t-car<t-cell,t-car[p1]; t-test<t-cell,t-car,t-test[p5] | 990301/3/337.0[p9], 990201/1/144.4[p2]"},
	},
	{
		name: "a link nothing needs",
		q:    graph.LackingQuery{LinkID: "t-test", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelCounty}, MaxDepth: 4, MaxSuppliers: 3},
		want: nil,
	},
}

// coverageCases were worked out by hand on Fixture. Summaries read
// unit:link[presence ids]count/strength,… (every strength is 1 but p3's, 3).
var coverageCases = []struct {
	name string
	q    graph.CoverageQuery
	want []string
}{
	{
		// A's own fact p1 and A2's p5 count for A; D has two presences of t-mat.
		name: "chain t, prefecture units of P",
		q:    graph.CoverageQuery{ChainID: "t", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}},
		want: []string{"links t-mat,t-cell,t-car,t-test", "990100:t-car[p1]1/1,t-test[p5]1/1", "990200:t-car[p10,p3]2/4,t-cell[p2]1/1", "990301:t-cell[p9]1/1,t-mat[p4,p8]2/2"},
	},
	{
		// The same with one presence listed per cell: the first by id; counts and strengths
		// still cover every presence.
		name: "chain t, prefecture units of P, one presence listed",
		q:    graph.CoverageQuery{ChainID: "t", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, MaxPresences: 1},
		want: []string{"links t-mat,t-cell,t-car,t-test", "990100:t-car[p1]1/1,t-test[p5]1/1", "990200:t-car[p10]2/4,t-cell[p2]1/1", "990301:t-cell[p9]1/1,t-mat[p4]2/2"},
	},
	{
		name: "every chain, prefecture units of P, one presence listed",
		q:    graph.CoverageQuery{Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, MaxPresences: 1},
		want: []string{"links t-mat,t-cell,t-car,t-test,u-ore,u-steel", "990100:t-car[p1]1/1,t-test[p5]1/1", "990200:t-car[p10]2/4,t-cell[p2]1/1,u-ore[p7]1/1", "990301:t-cell[p9]1/1,t-mat[p4]2/2,u-ore[p11]2/2"},
	},
	{
		// b-east's members are A and D (B is only an alternative reading): counties A1, A2, D.
		name: "chain u, counties of belt b-east",
		q:    graph.CoverageQuery{ChainID: "u", Scope: graph.Scope{BeltID: "b-east", Level: graph.LevelCounty}},
		want: []string{"links u-ore,u-steel", "990101:", "990102:", "990301:u-ore[p11,p6]2/2"},
	},
	{
		name: "every chain, counties of B",
		q:    graph.CoverageQuery{Scope: graph.Scope{RegionID: "cn-990200", Level: graph.LevelCounty}},
		want: []string{"links t-mat,t-cell,t-car,t-test,u-ore,u-steel", "990201:t-cell[p2]1/1", "990202:t-car[p10,p3]2/4,u-ore[p7]1/1"},
	},
}

// weakCases were worked out by hand on Fixture: "link [holder=strength …] hhi".
var weakCases = []struct {
	name string
	q    graph.CoverageQuery
	k    int
	want []string
}{
	{
		// Single sources, by stage: t-mat (D, strength 2), t-test (A). t-cell (B, D) and t-car
		// (A, B) have two holders, so they are not weak for k=2.
		name: "k=2",
		q:    graph.CoverageQuery{ChainID: "t", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}},
		k:    2,
		want: []string{"t-mat [990301=2] hhi=1", "t-test [990100=1] hhi=1"},
	},
	{
		// Then the two-holder links by stage: t-cell, B and D 1 each (HHI 0.5² + 0.5²), and
		// t-car, B 4 (cluster p3 of strength 3, enterprise p10) and A 1 (HHI 0.8² + 0.2² = 0.68).
		name: "k=3",
		q:    graph.CoverageQuery{ChainID: "t", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}},
		k:    3,
		want: []string{"t-mat [990301=2] hhi=1", "t-test [990100=1] hhi=1", "t-cell [990200=1 990301=1] hhi=0.5", "t-car [990200=4 990100=1] hhi=0.68"},
	},
	{
		// Nobody holds u-steel: listed last, HHI -1. u-ore has one holder, not fewer than 1.
		name: "k=1, a link nobody holds",
		q:    graph.CoverageQuery{ChainID: "u", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}},
		k:    1,
		want: []string{"u-steel [] hhi=-1"},
	},
}

// SummarizeCoverage renders a coverage table compactly, for comparing answers in tests.
func SummarizeCoverage(c *graph.Coverage) []string {
	var links []string
	for _, l := range c.Links {
		links = append(links, l.ID)
	}
	out := []string{"links " + strings.Join(links, ",")}
	for _, u := range c.Units {
		var cells []string
		for _, l := range c.Links {
			if cell := c.Cells[u.ID][l.ID]; cell.Count > 0 {
				cells = append(cells, fmt.Sprintf("%s[%s]%d/%g", l.ID, presenceIDs(cell.Presences), cell.Count, cell.Strength))
			}
		}
		sort.Strings(cells)
		out = append(out, u.Code+":"+strings.Join(cells, ","))
	}
	return out
}

// Summarize renders lacking rows compactly, for comparing answers in tests.
func Summarize(rows []graph.LackingRegion) []string {
	var out []string
	for _, r := range rows {
		var demands, suppliers []string
		for _, d := range r.Demands {
			var path []string
			for _, l := range d.Path {
				path = append(path, l.ID)
			}
			demands = append(demands, fmt.Sprintf("%s<%s[%s]", d.Downstream.ID, strings.Join(path, ","), presenceIDs(d.Presences)))
		}
		for _, s := range r.Suppliers {
			suppliers = append(suppliers, fmt.Sprintf("%s/%d/%.1f[%s]", s.Region.Code, s.BorderHops, s.DistanceKM, presenceIDs(s.Presences)))
		}
		out = append(out, fmt.Sprintf("%s | %s | %s", r.Region.Code, strings.Join(demands, "; "), strings.Join(suppliers, ", ")))
	}
	return out
}

func presenceIDs(ps []graph.PresenceFact) string {
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.Presence.ID
	}
	return strings.Join(ids, ",")
}

func chainIDs(cs []graph.Chain) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func regionCodes(rs []graph.Region) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Code)
	}
	return out
}

// View returns a snapshot of what s holds now.
func View(t *testing.T, s graph.Reader) graph.Snapshot {
	t.Helper()
	snap, err := s.View(context.Background())
	if err != nil {
		t.Fatalf("View: %v", err)
	}
	return snap
}

// Ask returns the query layer's view of what s holds now: how the suite asks every question,
// as the service does.
func Ask(t *testing.T, s graph.Reader) *query.View {
	t.Helper()
	v, err := query.New(s).View(context.Background())
	if err != nil {
		t.Fatalf("View: %v", err)
	}
	return v
}

// scopeInput is a scope as a user would name it: its region's or belt's id.
func scopeInput(sc graph.Scope) string {
	if sc.BeltID != "" {
		return sc.BeltID
	}
	return sc.RegionID
}
