package graphtest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
)

// withFactKinds is Fixture with facts of every kind the filters tell apart: p1 (t-car at A) is
// the plan's (known from graph.PlanYear), p2 (t-cell at B1) a 2013 entry of the programme
// 测试名单 from a named source, p3 (t-car at B2) the same programme's 2024 entry (and on
// 另一名单 in 2025), p5 (t-test at A2) planned; p9 (t-cell at D) is one reading; p10 (t-car at
// B2) has a firm's attributes; the rest are existing, certain, undated and without a programme.
func withFactKinds() *graph.Dataset {
	ds := Fixture()
	for i := range ds.Presences {
		p := &ds.Presences[i]
		switch p.ID {
		case "p1":
			p.Evidence = graph.Evidence{Kind: graph.EvidencePlan, Quote: "测试引文", Section: "一", Origin: p.Evidence.Origin}
		case "p2":
			p.Programme, p.Year = "测试名单", 2013
			p.Evidence = graph.Evidence{Kind: graph.EvidenceSource, Source: "测试名单 2013", Origin: p.Evidence.Origin}
		case "p3": // listed again later, under another name
			p.AlsoListed = []graph.Listing{{Name: "乙二县整车集群", Programme: "另一名单", Year: 2025,
				Evidence: graph.Evidence{Kind: graph.EvidenceSource, Source: "另一名单 2025", Origin: "presences:p3 again"}}}
		case "p5":
			p.Status = graph.StatusPlanned
		case "p10": // a firm from a registry export: its other columns, as written
			p.Attributes = []graph.Attribute{{Name: "统一社会信用代码", Value: "91420100MA4K000001"}, {Name: "注册地址", Value: `乙二县"科技"路 1 号`},
				{Name: "联系电话", Value: "027-1234 5678"}}
		}
	}
	return ds
}

// testFilteredCoverage: the chain-t coverage of the province's prefecture units under each
// filter, worked out by hand from withFactKinds, through the cells (5 listed) and through the
// presences (all listed).
func testFilteredCoverage(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := newStore(t)
	if err := s.Replace(ctx, withFactKinds()); err != nil {
		t.Fatal(err)
	}
	all := []string{"990100 t-car[p1] t-test[p5]", "990200 t-cell[p2] t-car[p10,p3]", "990301 t-mat[p4,p8] t-cell[p9]"}
	for _, tc := range []struct {
		name  string
		facts graph.FactFilter
		want  []string
	}{
		{"every fact", graph.FactFilter{}, all},
		{"existing", graph.FactFilter{Picture: graph.PictureExisting}, []string{"990100 t-car[p1]", all[1], all[2]}},
		{"planned", graph.FactFilter{Picture: graph.PicturePlanned}, []string{"990100 t-test[p5]"}},
		{"certain", graph.FactFilter{CertainOnly: true}, []string{all[0], all[1], "990301 t-mat[p4,p8]"}},
		{"plan evidence", graph.FactFilter{Kind: graph.EvidencePlan}, []string{"990100 t-car[p1]"}},
		{"source evidence", graph.FactFilter{Kind: graph.EvidenceSource}, []string{"990200 t-cell[p2]"}},
		{"programme", graph.FactFilter{Programme: "测试名单"}, []string{"990200 t-cell[p2] t-car[p3]"}},
		{"a later listing's programme", graph.FactFilter{Programme: "另一名单"}, []string{"990200 t-car[p3]"}},
		{"as of 2013", graph.FactFilter{AsOf: 2013}, []string{"990100 t-test[p5]", "990200 t-cell[p2] t-car[p10]", all[2]}},
		{"as of 2020", graph.FactFilter{AsOf: 2020}, []string{all[0], "990200 t-cell[p2] t-car[p10]", all[2]}},
		{"existing and certain as of 2024", graph.FactFilter{Picture: graph.PictureExisting, CertainOnly: true, AsOf: 2024}, []string{"990100 t-car[p1]", all[1], "990301 t-mat[p4,p8]"}},
	} {
		for _, max := range []int{5, 0} {
			cov, err := View(t, s).Coverage(ctx, graph.CoverageQuery{ChainID: "t", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, MaxPresences: max, Facts: tc.facts})
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if diff := cmp.Diff(tc.want, cellSummary(cov), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s, max presences %d (-want +got):\n%s", tc.name, max, diff)
			}
		}
	}
	// The listings read back whole.
	cov, err := View(t, s).Coverage(ctx, graph.CoverageQuery{ChainID: "t", Scope: graph.Scope{RegionID: "cn-990202", Level: graph.LevelCounty}})
	if err != nil {
		t.Fatal(err)
	}
	ps := cov.Cells["cn-990202"]["t-car"].Presences
	if len(ps) != 2 || ps[1].Presence.ID != "p3" {
		t.Fatalf("B2's t-car presences %v, want p10 and p3", ps)
	}
	loaded := map[string]graph.Presence{}
	for _, p := range withFactKinds().Presences {
		loaded[p.ID] = p
	}
	for _, p := range ps { // p3's listings and p10's attributes
		if diff := cmp.Diff(loaded[p.Presence.ID], p.Presence); diff != "" {
			t.Errorf("%s read back (-loaded +read):\n%s", p.Presence.ID, diff)
		}
	}
	if _, err := View(t, s).Coverage(ctx, graph.CoverageQuery{ChainID: "t", Scope: graph.Scope{RegionID: "cn-990000", Level: graph.LevelPrefecture}, Facts: graph.FactFilter{AsOf: 12}}); err == nil {
		t.Error("as of year 12: no error")
	}
}

// cellSummary is each unit with cells as "code link[presence ids] ...", links in coverage order.
func cellSummary(cov *graph.Coverage) []string {
	var out []string
	for _, u := range cov.Units {
		var cells []string
		for _, l := range cov.Links {
			if c, ok := cov.Cells[u.ID][l.ID]; ok && c.Count > 0 {
				if c.Count != len(c.Presences) {
					cells = append(cells, fmt.Sprintf("%s: %d presences, %d listed", l.ID, c.Count, len(c.Presences)))
					continue
				}
				cells = append(cells, l.ID+"["+presenceIDs(c.Presences)+"]")
			}
		}
		if len(cells) > 0 {
			out = append(out, u.Code+" "+strings.Join(cells, " "))
		}
	}
	return out
}

// testFilteredLacking: 补链 of t-cell under filters, worked out by hand from withFactKinds. The
// filter decides who has the link, whose links create demand and who supplies, alike.
func testFilteredLacking(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := newStore(t)
	if err := s.Replace(ctx, withFactKinds()); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		level graph.Level
		facts graph.FactFilter
		want  []string
	}{
		// A needs t-cell for its t-car (p1) and t-test (p5); B1 (p2) and D (p9) supply it, D first:
		// it shares the belt b-east with A.
		{"every fact", graph.LevelPrefecture, graph.FactFilter{}, []string{
			"990100 t-car<t-cell,t-car[p1] t-test<t-cell,t-car,t-test[p5] | 990301/3/[p9] 990201/1/[p2]"}},
		// p5 is planned: only A's t-car creates demand.
		{"existing", graph.LevelPrefecture, graph.FactFilter{Picture: graph.PictureExisting}, []string{
			"990100 t-car<t-cell,t-car[p1] | 990301/3/[p9] 990201/1/[p2]"}},
		// p9 is one reading: D supplies nothing (and has no demand of its own).
		{"certain", graph.LevelPrefecture, graph.FactFilter{CertainOnly: true}, []string{
			"990100 t-car<t-cell,t-car[p1] t-test<t-cell,t-car,t-test[p5] | 990201/1/[p2]"}},
		// The plan's p1 is known from 2019: in 2013 A's demand is p5 alone; p2 (2013) supplies.
		{"as of 2013", graph.LevelPrefecture, graph.FactFilter{AsOf: 2013}, []string{
			"990100 t-test<t-cell,t-car,t-test[p5] | 990301/3/[p9] 990201/1/[p2]"}},
		// Only the plan's facts: A needs t-cell for p1, and nobody has a plan fact of t-cell.
		{"plan evidence", graph.LevelPrefecture, graph.FactFilter{Kind: graph.EvidencePlan}, []string{
			"990100 t-car<t-cell,t-car[p1] |"}},
		// The programme's entries: B2's t-car (p3) needs t-cell, which B1 has (p2).
		{"programme, counties", graph.LevelCounty, graph.FactFilter{Programme: "测试名单"}, []string{
			"990202 t-car<t-cell,t-car[p3] | 990201/1/[p2]"}},
	} {
		a, err := Ask(t, s).Lacking(ctx, query.LackingRequest{Link: "t-cell", Level: tc.level, MaxDepth: 4, MaxSuppliers: 3, Facts: tc.facts})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if diff := cmp.Diff(tc.want, lackingSummary(a.Rows), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	// Certain counts: D's only t-cell fact (p9) is one reading; A's demands rest on certain facts.
	a, err := Ask(t, s).Lacking(ctx, query.LackingRequest{Link: "t-cell", Level: graph.LevelPrefecture, MaxDepth: 4, MaxSuppliers: 3})
	if err != nil {
		t.Fatal(err)
	}
	var certain []string
	for _, d := range a.Rows[0].Demands {
		certain = append(certain, fmt.Sprintf("%s %d/%d", d.Downstream.ID, d.Certain, d.Count))
	}
	for _, sup := range a.Rows[0].Suppliers {
		certain = append(certain, fmt.Sprintf("%s %d/%d", sup.Region.Code, sup.Certain, sup.Count))
	}
	if got := strings.Join(certain, ", "); got != "t-car 1/1, t-test 1/1, 990301 0/1, 990201 1/1" {
		t.Errorf("certain of all: %s; want t-car 1/1, t-test 1/1, 990301 0/1, 990201 1/1", got)
	}
	if _, err := Ask(t, s).Lacking(ctx, query.LackingRequest{Link: "t-cell", MaxDepth: 4, MaxSuppliers: 3, Facts: graph.FactFilter{Picture: "maybe"}}); err == nil || !strings.Contains(err.Error(), "facts.picture") {
		t.Errorf("picture maybe: %v, want an error naming facts.picture", err)
	}
}

// lackingSummary is each row as "code demand<path[presences] ... | supplier/hops/[presences] ...".
func lackingSummary(rows []graph.LackingRegion) []string {
	var out []string
	for _, r := range rows {
		var parts []string
		for _, d := range r.Demands {
			var path []string
			for _, l := range d.Path {
				path = append(path, l.ID)
			}
			parts = append(parts, d.Downstream.ID+"<"+strings.Join(path, ",")+"["+presenceIDs(d.Presences)+"]")
		}
		parts = append(parts, "|")
		for _, s := range r.Suppliers {
			parts = append(parts, fmt.Sprintf("%s/%d/[%s]", s.Region.Code, s.BorderHops, presenceIDs(s.Presences)))
		}
		out = append(out, r.Region.Code+" "+strings.Join(parts, " "))
	}
	return out
}

// testFilteredChainFacts: the filter applies to chain facts as to presences.
func testFilteredChainFacts(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := newStore(t)
	if err := s.Replace(ctx, withChainFacts()); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		facts graph.FactFilter
		want  string
	}{
		{graph.FactFilter{}, "cf1,cf2"},
		{graph.FactFilter{Picture: graph.PictureExisting}, "cf1"},
		{graph.FactFilter{Picture: graph.PicturePlanned}, "cf2"},
		{graph.FactFilter{CertainOnly: true}, "cf1"},
		{graph.FactFilter{Programme: "测试名单"}, "cf1"},
		{graph.FactFilter{Programme: "另一名单"}, ""},
		{graph.FactFilter{Kind: graph.EvidenceDomain, AsOf: 2000}, "cf2"}, // cf1 is on a 2015 list; cf2 is undated: always known
	} {
		got, err := View(t, s).ChainFacts(ctx, graph.ChainFactQuery{Facts: tc.facts})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, f := range got {
			ids = append(ids, f.ID)
		}
		if strings.Join(ids, ",") != tc.want {
			t.Errorf("%+v: %v, want %s", tc.facts, ids, tc.want)
		}
	}
	// cf1 is certain: asked for certain facts only, county A2 still holds chain t.
	a, err := Ask(t, s).Lacking(ctx, query.LackingRequest{Link: "t-cell", Level: graph.LevelCounty, MaxDepth: 4, MaxSuppliers: 1, Facts: graph.FactFilter{CertainOnly: true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range a.Rows {
		if r.Region.Code == "990102" {
			t.Errorf("A2 holds chain t by cf1 (certain): listed as lacking t-cell")
		}
	}
}

// testClusterCounts: a region's cluster counts, and how many of each list's clusters the data
// names there (B: 测试名单 2024 lists p3's cluster at B2; its 2013 entry p2 is no cluster).
func testClusterCounts(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	ds := withFactKinds()
	ev := graph.Evidence{Kind: graph.EvidenceSource, Source: "测试名单 counts", Origin: "counts"}
	ds.ClusterCounts = []graph.ClusterCount{
		{RegionID: "cn-990200", Programme: "测试名单", Year: 2024, Count: 3, Evidence: ev},
		{RegionID: "cn-990200", Programme: "测试名单", Year: 2013, Count: 2, Evidence: ev},
	}
	s := newStore(t)
	if err := s.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	got, err := View(t, s).ClusterCounts(ctx, "cn-990200")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]graph.ClusterCount{ds.ClusterCounts[1], ds.ClusterCounts[0]}, got); diff != "" {
		t.Errorf("B's counts, by year (-want +got):\n%s", diff)
	}
	if got, err := View(t, s).ClusterCounts(ctx, "cn-990100"); err != nil || len(got) != 0 {
		t.Errorf("A's counts = %v, %v; want none", got, err)
	}
	if _, err := View(t, s).ClusterCounts(ctx, "cn-000000"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("an unknown region: %v, want ErrNotFound", err)
	}
	p, err := Ask(t, s).Profile(ctx, query.ProfileRequest{Region: "cn-990200"})
	if err != nil {
		t.Fatal(err)
	}
	var named []string
	for _, c := range p.Counts {
		named = append(named, fmt.Sprintf("%d:%d/%d", c.Year, c.Named, c.Count))
	}
	if strings.Join(named, " ") != "2013:0/2 2024:1/3" {
		t.Errorf("B's profile counts %v, want 2013: 0 of 2 named, 2024: 1 of 3", named)
	}
}
