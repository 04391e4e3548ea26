package graphtest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
)

// withChainFacts is Fixture with two statements about whole chains: cf1, chain t at county A2
// (certain, existing); cf2, chain u at prefecture B (planned, one reading of two).
func withChainFacts() *graph.Dataset {
	ds := Fixture()
	ev := graph.Evidence{Kind: graph.EvidenceDomain, Reason: "fixture", Origin: "chain facts"}
	ds.ChainFacts = []graph.ChainFact{
		{ID: "cf2", RegionID: "cn-990200", ChainID: "u", Status: graph.StatusPlanned, Alternatives: []string{"990100 甲市"}, Evidence: ev},
		{ID: "cf1", RegionID: "cn-990102", ChainID: "t", Status: graph.StatusExisting, Evidence: ev},
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
	plain := loaded(t, newStore)
	facts := newStore(t)
	if err := facts.Replace(ctx, withChainFacts()); err != nil {
		t.Fatal(err)
	}
	regions := func(s graph.Store, link string, level graph.Level) []string {
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
	without := func(codes []string, drop string) []string {
		return slices.DeleteFunc(slices.Clone(codes), func(c string) bool { return c == drop })
	}
	for _, tc := range []struct {
		link  string
		level graph.Level
		drop  string // the unit the chain fact takes out of the answer
	}{
		{"t-cell", graph.LevelPrefecture, "990100"},  // cf1 (chain t) at A2, below A
		{"t-cell", graph.LevelCounty, "990102"},      // cf1 at A2 itself
		{"u-steel", graph.LevelPrefecture, "990200"}, // cf2 (chain u) at B
	} {
		before := regions(plain, tc.link, tc.level)
		if !slices.Contains(before, tc.drop) {
			t.Fatalf("%s at %v: %v on the fixture does not list %s, so the case shows nothing", tc.link, tc.level, before, tc.drop)
		}
		if diff := cmp.Diff(without(before, tc.drop), regions(facts, tc.link, tc.level), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s at %v with chain facts (-want +got):\n%s", tc.link, tc.level, diff)
		}
	}
	// u-steel at county level: cf2 is a prefecture's fact and keeps no county of B out.
	if diff := cmp.Diff(regions(plain, "u-steel", graph.LevelCounty), regions(facts, "u-steel", graph.LevelCounty)); diff != "" {
		t.Errorf("u-steel at county level (-fixture +with chain facts):\n%s", diff)
	}
	// A's profile: chain t held by cf1, and no missing upstream link of t (the fixture has t-cell
	// and t-mat missing upstream of A's t-car).
	for _, tc := range []struct {
		s           graph.Store
		facts       []string
		missingNone bool
	}{{plain, nil, false}, {facts, []string{"cf1"}, true}} {
		p, err := Ask(t, tc.s).Profile(ctx, query.ProfileRequest{Region: "cn-990100"})
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(p.Chains, func(c graph.ChainProfile) bool { return c.Chain.ID == "t" })
		if i < 0 {
			t.Fatalf("A's profile has no chain t: %v", p.Chains)
		}
		var ids []string
		for _, f := range p.Chains[i].ChainFacts {
			ids = append(ids, f.ID)
		}
		if !slices.Equal(ids, tc.facts) || (len(p.Chains[i].MissingUpstream) == 0) != tc.missingNone {
			t.Errorf("A's chain t: chain facts %v and missing upstream %v; want facts %v and missing upstream empty=%v", ids, p.Chains[i].MissingUpstream, tc.facts, tc.missingNone)
		}
	}
	// B holds only cf2 of chain u and no link of it: the chain is in B's profile for that fact.
	p, err := Ask(t, facts).Profile(ctx, query.ProfileRequest{Region: "cn-990200"})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(p.Chains, func(c graph.ChainProfile) bool { return c.Chain.ID == "u" })
	if i < 0 || len(p.Chains[i].Present) != 1 || p.Chains[i].Present[0].Link.ID != "u-ore" || len(p.Chains[i].ChainFacts) != 1 {
		t.Errorf("B's profile chains %v: want u with its u-ore (p7 at B2) and cf2", p.Chains)
	}
}
