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

func testSuppliersAndLeads(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
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
		return graph.Presence{ID: id, RegionID: region, LinkID: link, Strength: 1, Status: graph.StatusExisting, Holder: "丁材料厂", HolderKind: "enterprise", Evidence: more.Presences[0].Evidence}
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
}
