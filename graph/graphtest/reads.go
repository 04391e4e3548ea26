package graphtest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/chaingraph/chaingraph/graph"
)

func testVersion(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
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
}

func testListChains(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
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
}

func testGetChain(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
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
}

func testListRegions(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
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
}

func testGetRegion(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
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
}

func testNames(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
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
}

func testBelts(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
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
}

func testTargets(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
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
}

func testFeeds(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
	feeds, err := View(t, s).Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := Fixture().Feeds
	if diff := cmp.Diff([]graph.Feed{want[2], want[1], want[0], want[3]}, feeds); diff != "" { // (from, to) order
		t.Errorf("Feeds (-want +got):\n%s", diff)
	}
}
