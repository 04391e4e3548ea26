package graphtest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
)

// withChainFacts is Fixture with two statements about whole chains: cf1, chain t at county A2
// (certain, existing: a cluster of 测试名单 2015 named for the whole chain); cf2, chain u at
// prefecture B (planned, one reading of two).
func withChainFacts() *graph.Dataset {
	ds := Fixture()
	ev := graph.Evidence{Kind: graph.EvidenceDomain, Reason: "fixture", Origin: "chain facts"}
	ds.ChainFacts = []graph.ChainFact{
		{ID: "cf2", RegionID: "cn-990200", ChainID: "u", Status: graph.StatusPlanned, Alternatives: []string{"990100 甲市"}, Evidence: ev},
		{ID: "cf1", RegionID: "cn-990102", ChainID: "t", Status: graph.StatusExisting, Evidence: ev,
			Holder: "甲二县测试产业集群", HolderKind: "cluster", Programme: "测试名单", Year: 2015},
	}
	return ds
}

func testChainFacts(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := newStore(t)
	ds := withChainFacts()
	if err := s.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	cf2, cf1 := ds.ChainFacts[0], ds.ChainFacts[1]
	snap := View(t, s)
	for _, tc := range []struct {
		name string
		q    graph.ChainFactQuery
		want []graph.ChainFact
	}{
		{"everywhere, by id", graph.ChainFactQuery{}, []graph.ChainFact{cf1, cf2}},
		{"below prefecture A", graph.ChainFactQuery{RegionID: "cn-990100"}, []graph.ChainFact{cf1}},
		{"at county A2", graph.ChainFactQuery{RegionID: "cn-990102"}, []graph.ChainFact{cf1}},
		{"not at county A1", graph.ChainFactQuery{RegionID: "cn-990101"}, nil},
		{"a prefecture's fact is not its county's", graph.ChainFactQuery{RegionID: "cn-990201"}, nil},
		{"of chain u", graph.ChainFactQuery{ChainID: "u"}, []graph.ChainFact{cf2}},
		{"of chain t in the province", graph.ChainFactQuery{RegionID: "cn-990000", ChainID: "t"}, []graph.ChainFact{cf1}},
	} {
		got, err := snap.ChainFacts(ctx, tc.q)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	for _, q := range []graph.ChainFactQuery{{RegionID: "cn-000000"}, {ChainID: "nope"}} {
		if _, err := snap.ChainFacts(ctx, q); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("ChainFacts(%+v) = %v, want ErrNotFound", q, err)
		}
	}
}

// testChainFactsHoldTheChain: a region holding a chain by a chain fact is not told it lacks a
// link of that chain (nor of missing upstream links of it in its profile), and still is for
// another chain's link; a fact about a prefecture does not count for its counties.
func testChainFactsHoldTheChain(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore) // one store (a Neo4j test store is one database): the fixture first
	regions := func(link string, level graph.Level) []string {
		t.Helper()
		a, err := Ask(t, s).Lacking(ctx, query.LackingRequest{Link: link, Level: level, MaxDepth: 4, MaxSuppliers: 3})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range a.Rows {
			out = append(out, r.Region.Code)
		}
		return out
	}
	chainT := func() graph.ChainProfile {
		t.Helper()
		p, err := Ask(t, s).Profile(ctx, query.ProfileRequest{Region: "cn-990100"})
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(p.Chains, func(c graph.ChainProfile) bool { return c.Chain.ID == "t" })
		if i < 0 {
			t.Fatalf("A's profile has no chain t: %v", p.Chains)
		}
		return p.Chains[i]
	}
	cases := []struct {
		link  string
		level graph.Level
		drop  string // the unit the chain fact takes out of the answer
	}{
		{"t-cell", graph.LevelPrefecture, "990100"},  // cf1 (chain t) at A2, below A
		{"t-cell", graph.LevelCounty, "990102"},      // cf1 at A2 itself
		{"u-steel", graph.LevelPrefecture, "990200"}, // cf2 (chain u) at B
		{"u-steel", graph.LevelCounty, ""},           // cf2 is a prefecture's fact: no county of B drops
	}
	before := make([][]string, len(cases))
	for i, tc := range cases {
		before[i] = regions(tc.link, tc.level)
		if tc.drop != "" && !slices.Contains(before[i], tc.drop) {
			t.Fatalf("%s at %v: %v on the fixture does not list %s, so the case shows nothing", tc.link, tc.level, before[i], tc.drop)
		}
	}
	plainT := chainT()
	if len(plainT.ChainFacts) != 0 || len(plainT.MissingUpstream) == 0 {
		t.Fatalf("A's chain t on the fixture: chain facts %v, missing upstream %v; want none and some", plainT.ChainFacts, plainT.MissingUpstream)
	}

	if err := s.Replace(ctx, withChainFacts()); err != nil {
		t.Fatal(err)
	}
	for i, tc := range cases {
		want := slices.DeleteFunc(slices.Clone(before[i]), func(c string) bool { return c == tc.drop })
		if diff := cmp.Diff(want, regions(tc.link, tc.level), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s at %v with chain facts (-want +got):\n%s", tc.link, tc.level, diff)
		}
	}
	// The answer names the units it did not judge: A and A2 for chain t (cf1 at A2), B for
	// chain u at prefecture level (cf2 at B) and nobody for u at county level.
	for _, tc := range []struct {
		link  string
		level graph.Level
		scope string
		want  string
	}{
		{"t-cell", graph.LevelPrefecture, "", "990100"}, {"t-cell", graph.LevelCounty, "", "990102"},
		{"u-steel", graph.LevelPrefecture, "", "990200"}, {"u-steel", graph.LevelCounty, "", ""},
		{"t-cell", graph.LevelCounty, "b-east", "990102"}, {"u-steel", graph.LevelPrefecture, "b-east", ""}, // b-east spans A and D
	} {
		a, err := Ask(t, s).Lacking(ctx, query.LackingRequest{Link: tc.link, Scope: tc.scope, Level: tc.level, MaxDepth: 4, MaxSuppliers: 3})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range a.ChainHolders {
			got = append(got, r.Code)
		}
		if strings.Join(got, ",") != tc.want {
			t.Errorf("%s at %v in %q: chain holders %v, want %s", tc.link, tc.level, tc.scope, got, tc.want)
		}
	}
	// A's profile: chain t held by cf1, and no missing upstream link of t any more.
	if got := chainT(); len(got.ChainFacts) != 1 || got.ChainFacts[0].ID != "cf1" || len(got.MissingUpstream) != 0 ||
		!cmp.Equal(got.Present, plainT.Present) {
		t.Errorf("A's chain t with chain facts: facts %v, missing upstream %v, present %v; want cf1, none and the fixture's", got.ChainFacts, got.MissingUpstream, got.Present)
	}
	// B holds cf2 of chain u beside its u-ore (p7 at B2).
	p, err := Ask(t, s).Profile(ctx, query.ProfileRequest{Region: "cn-990200"})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(p.Chains, func(c graph.ChainProfile) bool { return c.Chain.ID == "u" })
	if i < 0 || len(p.Chains[i].Present) != 1 || p.Chains[i].Present[0].Link.ID != "u-ore" || len(p.Chains[i].ChainFacts) != 1 {
		t.Errorf("B's profile chains %v: want u with its u-ore (p7 at B2) and cf2", p.Chains)
	}
}
