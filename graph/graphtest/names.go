package graphtest

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
)

// namesFixture is Fixture with what people type beyond ids and names: segments on three links
// (隔膜 in two links of chain t, 电芯 in t-cell and in u-ore of chain u, 整车 — t-car's name —
// as a segment of u-steel) and a county 假市 990103 under A, a homophone of prefecture 甲市
// (both jiashi).
func namesFixture() *graph.Dataset {
	ds := Fixture()
	segments := map[string][]string{
		"t-mat":   {"正极材料", "隔膜"},
		"t-cell":  {"电芯", "隔膜"},
		"u-ore":   {"电芯"},
		"u-steel": {"整车"},
	}
	for i, l := range ds.Links {
		ds.Links[i].Segments = segments[l.ID]
	}
	ds.Regions = append(ds.Regions, graph.Region{ID: "cn-990103", Code: "990103", Name: "假市", Kind: "county", Level: graph.LevelCounty, ParentID: "cn-990100",
		Lon: 110.2, Lat: 30.2, HasCentroid: true, Evidence: graph.Evidence{Kind: graph.EvidenceDomain, Reason: "fixture", Origin: "regions:990103"}})
	return ds
}

// testNamesPeopleType: pinyin and segment names resolve the same in every store, since each
// store's Names feed the one graph.Resolver; ambiguity is reported, never silently picked.
func testNamesPeopleType(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := newStore(t)
	if err := s.Replace(ctx, namesFixture()); err != nil {
		t.Fatal(err)
	}
	v := Ask(t, s)
	res, err := v.Resolver(ctx)
	if err != nil {
		t.Fatal(err)
	}
	inChain := func(id string) func(graph.Named) bool { return func(n graph.Named) bool { return n.ChainID == id } }
	for _, tc := range []struct {
		kind  graph.NamedKind
		input string
		keep  func(graph.Named) bool
		want  string   // the id resolved to
		amb   []string // or the ids of an ambiguity
		by    graph.MatchedBy
	}{
		{kind: graph.NamedLink, input: "正极材料", want: "t-mat"},
		{kind: graph.NamedLink, input: "隔膜", amb: []string{"t-cell", "t-mat"}, by: graph.BySegment},
		{kind: graph.NamedLink, input: "电芯", amb: []string{"t-cell", "u-ore"}, by: graph.BySegment},
		{kind: graph.NamedLink, input: "电芯", keep: inChain("u"), want: "u-ore"},
		{kind: graph.NamedLink, input: "整车", want: "t-car"}, // its name, not u-steel's segment
		{kind: graph.NamedLink, input: "dianchi", want: "t-cell"},
		{kind: graph.NamedChain, input: "Ce Shi Lian", want: "t"},
		{kind: graph.NamedChain, input: "shilian", want: "t"}, // the alias 试链
		{kind: graph.NamedRegion, input: "yi-yi-qu", want: "cn-990201"},
		{kind: graph.NamedRegion, input: "jiaer", want: "cn-990102"}, // 甲二县 without 县
		{kind: graph.NamedRegion, input: "jiashi", amb: []string{"cn-990100", "cn-990103"}, by: graph.ByPinyin},
		{kind: graph.NamedRegion, input: "甲市", want: "cn-990100"},
	} {
		got, err := res.Resolve(ctx, tc.kind, tc.input, tc.keep)
		if tc.amb != nil {
			var amb *graph.AmbiguousError
			if !errors.As(err, &amb) {
				t.Errorf("Resolve(%s, %q) = %s, %v; want ambiguous between %v", tc.kind, tc.input, got.ID, err, tc.amb)
				continue
			}
			var ids []string
			for _, c := range amb.Candidates {
				ids = append(ids, c.ID)
			}
			if !cmp.Equal(ids, tc.amb) || amb.By != tc.by {
				t.Errorf("Resolve(%s, %q) is ambiguous between %v by %q, want %v by %q", tc.kind, tc.input, ids, amb.By, tc.amb, tc.by)
			}
			continue
		}
		if err != nil || got.ID != tc.want {
			t.Errorf("Resolve(%s, %q) = %s, %v; want %s", tc.kind, tc.input, got.ID, err, tc.want)
		}
	}
	_, err = res.Resolve(ctx, graph.NamedRegion, "dingsi", nil)
	var nf *graph.NotFoundError
	if !errors.As(err, &nf) || len(nf.Suggestions) == 0 || nf.Suggestions[0].ID != "cn-990301" {
		t.Errorf("Resolve(dingsi) = %v, want not found suggesting 丁市 first", err)
	}

	// A question asked in the words people type gets the answer asked by ids.
	ask := func(chain, link, scope string) []string {
		t.Helper()
		a, err := v.Lacking(ctx, query.LackingRequest{Chain: chain, Link: link, Scope: scope, Level: graph.LevelCounty, MaxDepth: 3, MaxSuppliers: 3})
		if err != nil {
			t.Fatalf("Lacking(%s, %s, %s): %v", chain, link, scope, err)
		}
		if a.Link.ID != "t-mat" {
			t.Fatalf("Lacking(%s, %s, %s) asked about %s, want t-mat", chain, link, scope, a.Link.ID)
		}
		return Summarize(a.Rows)
	}
	byID := ask("t", "t-mat", "cn-990200")
	if len(byID) == 0 {
		t.Fatal("no county of B lacks t-mat: the comparison below would prove nothing")
	}
	if diff := cmp.Diff(byID, ask("ceshilian", "正极材料", "yishi")); diff != "" {
		t.Errorf("lacking asked by pinyin and segment (-by id +by name):\n%s", diff)
	}
}
