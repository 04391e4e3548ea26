package graphtest

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/chaingraph/chaingraph/graph"
)

// testSameBeltIsTheLinksChain: "same belt" counts a development belt of the supplied link's
// chain only. The fixture gets b-u, a traditional belt of chain u only, spanning A and B.
func testSameBeltIsTheLinksChain(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	ds := Fixture()
	ev := graph.Evidence{Kind: graph.EvidenceDomain, Reason: "fixture", Origin: "belts:b-u"}
	ds.Belts = append(ds.Belts, graph.Belt{ID: "b-u", Name: "钢带", Kind: "traditional_belt", ChainIDs: []string{"u"}, Evidence: ev})
	ds.Members = append(ds.Members,
		graph.BeltMember{BeltID: "b-u", RegionID: "cn-990100", Evidence: ev},
		graph.BeltMember{BeltID: "b-u", RegionID: "cn-990200", Evidence: ev})
	s := newStore(t)
	if err := s.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		link string
		want map[string]bool // supplier code → SameBelt, seen from prefecture A
	}{
		// t-cell (chain t): B1 shares only b-u with A, a belt of chain u; D shares b-east (t, u).
		{"t-cell", map[string]bool{"990201": false, "990301": true}},
		// u-ore (chain u): B2 shares b-u with A, D shares b-east.
		{"u-ore", map[string]bool{"990202": true, "990301": true}},
	} {
		sups, err := View(t, s).Suppliers(ctx, graph.SupplierQuery{RegionID: "cn-990100", LinkID: tc.link})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, sup := range sups {
			got[sup.Region.Code] = sup.SameBelt
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("suppliers of %s seen from A, same belt (-want +got):\n%s", tc.link, diff)
		}
	}
}
