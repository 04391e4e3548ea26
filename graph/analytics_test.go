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
		if lq, ok := base.UnitLQ(tc.unit, tc.chain); !ok || lq != tc.wantLQ {
			t.Errorf("UnitLQ(%s, %s) = %v, %v; want %v", tc.unit, tc.chain, lq, ok, tc.wantLQ)
		}
	}
	if _, ok := base.UnitLQ("nowhere", "a"); ok {
		t.Errorf("UnitLQ of a unit without enterprises is known, want unknown")
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
