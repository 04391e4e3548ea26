package neo4jstore_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/graphtest"
	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/graph/neo4jstore/neo4jtest"
	"github.com/chaingraph/chaingraph/graph/query"
	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/seeds"
)

// TestSeedsAgreeWithMemstore asks both stores every read and every lacking question over the
// seed data — each link, at both levels, in the province and in each prefecture — and requires
// identical answers. memstore is the oracle.
func TestSeedsAgreeWithMemstore(t *testing.T) {
	ctx := context.Background()
	ds, err := loaders.Build(loaders.Source{Name: "seeds", FS: seeds.FS})
	if err != nil {
		t.Fatal(err)
	}
	neoStore := neo4jtest.Open(t)
	memStore := memstore.New()
	for _, s := range []graph.Store{neoStore, memStore, neoStore} { // the second Neo4j load proves loading twice changes nothing
		if err := s.Replace(ctx, ds); err != nil {
			t.Fatal(err)
		}
	}
	neo, mem := graphtest.View(t, neoStore), graphtest.View(t, memStore)
	same := sameAsMemstore(t)
	memNames, _ := mem.Names(ctx)
	neoNames, err := neo.Names(ctx)
	if err != nil {
		t.Fatal(err)
	}
	same("Names", memNames, neoNames)
	all := graph.RegionQuery{ListQuery: graph.ListQuery{Limit: 1000}}
	memRegions, _ := mem.ListRegions(ctx, all)
	neoRegions, err := neo.ListRegions(ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	same("ListRegions", memRegions, neoRegions)
	for _, r := range memRegions {
		m, _ := mem.GetRegion(ctx, r.ID)
		n, err := neo.GetRegion(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		same("GetRegion "+r.Code, m, n)
		mc, _ := mem.ClusterCounts(ctx, r.ID)
		nc, err := neo.ClusterCounts(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		same("ClusterCounts "+r.Code, mc, nc)
	}
	beltQuery := graph.BeltQuery{ListQuery: graph.ListQuery{Limit: 1000}}
	memBelts, _ := mem.ListBelts(ctx, beltQuery)
	neoBelts, err := neo.ListBelts(ctx, beltQuery)
	if err != nil {
		t.Fatal(err)
	}
	same("ListBelts", memBelts, neoBelts)
	for _, b := range memBelts {
		m, _ := mem.GetBelt(ctx, b.ID)
		n, err := neo.GetBelt(ctx, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		same("GetBelt "+b.ID, m, n)
	}
	memTargets, _ := mem.ListTargets(ctx, graph.ListQuery{Limit: 1000})
	neoTargets, err := neo.ListTargets(ctx, graph.ListQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	same("ListTargets", memTargets, neoTargets)
	scopes := []graph.Region{}
	for _, r := range memRegions {
		if r.Level != graph.LevelCounty {
			scopes = append(scopes, r)
		}
	}
	questions := 0
	for _, c := range ds.Chains {
		m, _ := mem.GetChain(ctx, c.ID)
		n, err := neo.GetChain(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		same("GetChain "+c.ID, m, n)
		for _, l := range m.Links {
			for _, scope := range scopes {
				for _, level := range []graph.Level{graph.LevelPrefecture, graph.LevelCounty} {
					if scope.Level == graph.LevelPrefecture && level == graph.LevelPrefecture {
						continue
					}
					q := graph.LackingQuery{LinkID: l.ID, Scope: graph.Scope{RegionID: scope.ID, Level: level}, MaxDepth: 4, MaxSuppliers: 3}
					want, _ := mem.LackingRegions(ctx, q)
					got, err := neo.LackingRegions(ctx, q)
					if err != nil {
						t.Fatalf("%+v: %v", q, err)
					}
					same(graphtestName(q), want, got)
					questions++
				}
			}
		}
	}
	for _, b := range memBelts {
		if b.Kind != "emerging_belt" && b.Kind != "traditional_belt" {
			continue
		}
		for _, l := range ds.Links {
			q := graph.LackingQuery{LinkID: l.ID, Scope: graph.Scope{BeltID: b.ID, Level: graph.LevelPrefecture}, MaxDepth: 4, MaxSuppliers: 3}
			want, _ := mem.LackingRegions(ctx, q)
			got, err := neo.LackingRegions(ctx, q)
			if err != nil {
				t.Fatalf("%+v: %v", q, err)
			}
			same(graphtestName(q), want, got)
			questions++
		}
	}
	t.Logf("%d lacking questions answered identically", questions)
	coverages := 0
	var chainIDs []string
	for _, c := range ds.Chains {
		chainIDs = append(chainIDs, c.ID)
	}
	for _, chainID := range append(chainIDs, "") {
		var scopesToAsk []graph.Scope
		for _, scope := range scopes {
			scopesToAsk = append(scopesToAsk, graph.Scope{RegionID: scope.ID, Level: graph.LevelCounty})
			if scope.Level == graph.LevelProvince {
				scopesToAsk = append(scopesToAsk, graph.Scope{RegionID: scope.ID, Level: graph.LevelPrefecture})
			}
		}
		for _, b := range memBelts {
			scopesToAsk = append(scopesToAsk, graph.Scope{BeltID: b.ID, Level: graph.LevelCounty}, graph.Scope{BeltID: b.ID, Level: graph.LevelPrefecture})
		}
		for _, sc := range scopesToAsk {
			for _, max := range []int{0, 2} { // every presence, and the first two of each cell
				q := graph.CoverageQuery{ChainID: chainID, Scope: sc, MaxPresences: max}
				want, _ := mem.Coverage(ctx, q)
				got, err := neo.Coverage(ctx, q)
				if err != nil {
					t.Fatalf("%+v: %v", q, err)
				}
				same(fmt.Sprintf("Coverage %+v", q), want, got)
				coverages++
			}
		}
	}
	t.Logf("%d coverage tables identical", coverages)
	enterpriseCounts := 0
	for _, scope := range scopes {
		want, _ := mem.EnterpriseCounts(ctx, scope.ID)
		got, err := neo.EnterpriseCounts(ctx, scope.ID)
		if err != nil {
			t.Fatalf("EnterpriseCounts(%s): %v", scope.ID, err)
		}
		same("EnterpriseCounts "+scope.ID, want, got)
		enterpriseCounts += len(want)
	}
	t.Logf("%d counties' enterprise counts identical (the seeds have no enterprises: the conformance suite covers the counting)", enterpriseCounts)
	suppliers := 0
	for _, r := range memRegions {
		if !r.PrefectureUnit {
			continue
		}
		for _, l := range ds.Links {
			if l.ChainID != "nev" && l.ChainID != "textile" && l.ChainID != "agrifood" {
				continue
			}
			q := graph.SupplierQuery{RegionID: r.ID, LinkID: l.ID}
			want, _ := mem.Suppliers(ctx, q)
			got, err := neo.Suppliers(ctx, q)
			if err != nil {
				t.Fatalf("%+v: %v", q, err)
			}
			same(fmt.Sprintf("Suppliers %+v", q), want, got)
			suppliers++
		}
	}
	t.Logf("%d supplier lists identical", suppliers)
	// The fact filters, chain facts and the questions built on them.
	filters := []graph.FactFilter{
		{Picture: graph.PictureExisting}, {Picture: graph.PicturePlanned}, {CertainOnly: true}, {Kind: graph.EvidencePlan},
		{Kind: graph.EvidenceSource}, {Programme: "湖北省重点成长型产业集群"}, {AsOf: 2013}, {AsOf: 2020},
	}
	filtered := 0
	province := graph.Scope{RegionID: "cn-420000"}
	for _, f := range filters {
		for _, level := range []graph.Level{graph.LevelPrefecture, graph.LevelCounty} {
			sc := province
			sc.Level = level
			for _, l := range ds.Links {
				q := graph.LackingQuery{LinkID: l.ID, Scope: sc, MaxDepth: 4, MaxSuppliers: 3, Facts: f}
				want, _ := mem.LackingRegions(ctx, q)
				got, err := neo.LackingRegions(ctx, q)
				if err != nil {
					t.Fatalf("%+v: %v", q, err)
				}
				same(fmt.Sprintf("%s, %v", graphtestName(q), f), want, got)
				filtered++
			}
			for _, max := range []int{0, 2} {
				q := graph.CoverageQuery{Scope: sc, MaxPresences: max, Facts: f}
				want, _ := mem.Coverage(ctx, q)
				got, err := neo.Coverage(ctx, q)
				if err != nil {
					t.Fatalf("%+v: %v", q, err)
				}
				same(fmt.Sprintf("Coverage %+v", q), want, got)
				filtered++
			}
		}
		q := graph.ChainFactQuery{Facts: f}
		want, _ := mem.ChainFacts(ctx, q)
		got, err := neo.ChainFacts(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		same(fmt.Sprintf("ChainFacts %v", f), want, got)
	}
	t.Logf("%d filtered questions answered identically", filtered)
	memAsk, neoAsk := graphtest.Ask(t, memStore), graphtest.Ask(t, neoStore)
	for _, level := range []graph.Level{graph.LevelPrefecture, graph.LevelCounty} {
		q := query.PlanGapsRequest{Level: level, MaxSuppliers: 3, MaxPresences: 5}
		want, _ := memAsk.PlanGaps(ctx, q)
		got, err := neoAsk.PlanGaps(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		same(fmt.Sprintf("PlanGaps %v", level), want, got)
		for _, l := range ds.Links {
			q := query.CompareRequest{Lacking: query.LackingRequest{Link: l.ID, Level: level, MaxDepth: 4, MaxSuppliers: 3, MaxPresences: 5}, From: 2013, To: 2024}
			want, _ := memAsk.CompareLacking(ctx, q)
			got, err := neoAsk.CompareLacking(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			same(fmt.Sprintf("CompareLacking %s %v", l.ID, level), want, got)
		}
	}
	memFeeds, _ := mem.Feeds(ctx)
	neoFeeds, err := neo.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	same("Feeds", memFeeds, neoFeeds)
	// The differential test must not pass vacuously.
	rows, _ := mem.LackingRegions(ctx, graph.LackingQuery{LinkID: "nev-battery-materials", Scope: graph.Scope{RegionID: "cn-420000", Level: graph.LevelPrefecture}, MaxDepth: 4, MaxSuppliers: 3})
	if len(rows) == 0 {
		t.Fatal("no region lacks nev-battery-materials in the seeds; the comparison above proved little")
	}
}

// sameAsMemstore returns a check that Neo4j's answer (got) equals memstore's (want).
func sameAsMemstore(t *testing.T) func(what string, want, got any) {
	return func(what string, want, got any) {
		t.Helper()
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: neo4j differs from memstore (-mem +neo4j):\n%s", what, diff)
		}
	}
}

func graphtestName(q graph.LackingQuery) string {
	return fmt.Sprintf("LackingRegions %s in %+v", q.LinkID, q.Scope)
}
