package graph

import "testing"

// A prefecture's counts are its counties' sums; the province's are everything's; an enterprise
// in two chains is one in the totals (EnterpriseCounts counts it so, per county).
func TestLQBaseAddsCountiesUp(t *testing.T) {
	prov := Region{ID: "prov", Code: "000", Level: LevelProvince}
	p := Region{ID: "p", Code: "100", Level: LevelPrefecture, ParentID: "prov"}
	c1 := Region{ID: "c1", Code: "101", Level: LevelCounty, ParentID: "p"}
	c2 := Region{ID: "c2", Code: "102", Level: LevelCounty, ParentID: "p"}
	// c1: E1 in chains a and b, E2 in a; c2: E3 in b.
	base := NewLQBase([]CountyEnterprises{
		{County: c1, PerChain: map[string]int{"a": 2, "b": 1}, Total: 2},
		{County: c2, PerChain: map[string]int{"b": 1}, Total: 1},
	})
	if base.total != 3 || base.perChain["a"] != 2 || base.perChain["b"] != 2 || base.unitTotals["c1"] != 2 || base.unitTotals["c2"] != 1 || base.unitTotals["p"] != 3 {
		t.Errorf("total %d, per chain %v, per unit %v; want 3, a=2 b=2, c1=2 c2=1 p=3", base.total, base.perChain, base.unitTotals)
	}
	for _, tc := range []struct {
		unit   string
		chain  string
		wantLQ float64
	}{
		{"c1", "a", 1.5},  // (2/2) / (2/3)
		{"c1", "b", 0.75}, // (1/2) / (2/3)
		{"c2", "b", 1.5},  // (1/1) / (2/3)
		{"c2", "a", 0},    // c2 has enterprises, none in a: 0, not unknown
		{"p", "a", 1.0},   // (2/3) / (2/3)
	} {
		if lq := base.UnitLQ(tc.unit, tc.chain); lq.Status == LQNoData || lq.Value != tc.wantLQ {
			t.Errorf("UnitLQ(%s, %s) = %+v; want %v", tc.unit, tc.chain, lq, tc.wantLQ)
		}
	}
	if lq := base.UnitLQ("nowhere", "a"); lq.Status != LQNoData {
		t.Errorf("UnitLQ of a unit without enterprises = %+v, want no data", lq)
	}
	for _, tc := range []struct {
		place     Region
		wantA     int
		wantTotal int
	}{{p, 2, 3}, {c2, 0, 1}, {prov, 2, 3}} {
		perChain, total := base.placeCounts(tc.place)
		if total != tc.wantTotal || perChain["a"] != tc.wantA {
			t.Errorf("place counts of %s = %v, %d; want a=%d, %d", tc.place.ID, perChain, total, tc.wantA, tc.wantTotal)
		}
	}
}

// The significance rule (MinLQFirms): a quotient is meaningful when the place's firms in the
// chain, or the firms it would have at the province's share, are at least 5.
func TestLocationQuotientRule(t *testing.T) {
	for _, tc := range []struct {
		name                                                 string
		placeChain, placeTotal, provinceChain, provinceTotal int
		want                                                 LocationQuotient
	}{
		// The case: one firm in a county of one, a chain of 1 firm in 12.3 (×10).
		{"one firm makes a large quotient", 1, 1, 10, 123, LocationQuotient{Value: 12.3, Status: LQTooFewFirms, Firms: 1, Expected: 0.0813}},
		{"four firms, four expected", 4, 40, 100, 1000, LocationQuotient{Value: 1, Status: LQTooFewFirms, Firms: 4, Expected: 4}},
		{"five firms are enough", 5, 10, 10, 1000, LocationQuotient{Value: 50, Status: LQMeaningful, Firms: 5, Expected: 0.1}},
		{"none where 50 were expected is a meaningful 0", 0, 500, 100, 1000, LocationQuotient{Value: 0, Status: LQMeaningful, Firms: 0, Expected: 50}},
		{"none where 0.5 were expected is not", 0, 5, 100, 1000, LocationQuotient{Value: 0, Status: LQTooFewFirms, Firms: 0, Expected: 0.5}},
		{"a place without firms has no quotient", 0, 0, 100, 1000, LocationQuotient{Status: LQNoData}},
		{"a chain without firms has no quotient", 0, 10, 0, 1000, LocationQuotient{Status: LQNoData}},
	} {
		if got := locationQuotient(tc.placeChain, tc.placeTotal, tc.provinceChain, tc.provinceTotal); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
