package graph

import "testing"

// Counting the province chain by chain (as the server does, to keep one chain's presences in
// memory at a time) must give the same quotients as one coverage of every chain, with an
// enterprise that is in both chains counted once in the totals.
func TestLQBaseChainByChainEqualsAllChains(t *testing.T) {
	p := Region{ID: "p", Code: "100", Level: LevelPrefecture, ParentID: "prov"}
	c1 := Region{ID: "c1", Code: "101", Level: LevelCounty, ParentID: "p"}
	c2 := Region{ID: "c2", Code: "102", Level: LevelCounty, ParentID: "p"}
	a := Link{ID: "a1", ChainID: "a"}
	b := Link{ID: "b1", ChainID: "b"}
	fact := func(holder string, r Region, l Link) PresenceFact {
		return PresenceFact{Presence: Presence{ID: holder + l.ID, RegionID: r.ID, LinkID: l.ID, Strength: 1, Holder: holder, HolderKind: "enterprise"}, Region: r, Link: l}
	}
	cell := func(ps ...PresenceFact) Cell { return Cell{Count: len(ps), Strength: float64(len(ps)), Presences: ps} }
	e1a, e1b, e2a, e3b := fact("E1", c1, a), fact("E1", c1, b), fact("E2", c1, a), fact("E3", c2, b)
	cov := func(cells map[string]map[string]Cell) *Coverage {
		return &Coverage{Units: []Region{c1, c2}, Cells: cells}
	}
	all := cov(map[string]map[string]Cell{"c1": {"a1": cell(e1a, e2a), "b1": cell(e1b)}, "c2": {"b1": cell(e3b)}})
	chainA := cov(map[string]map[string]Cell{"c1": {"a1": cell(e1a, e2a)}})
	chainB := cov(map[string]map[string]Cell{"c1": {"b1": cell(e1b)}, "c2": {"b1": cell(e3b)}})

	for name, base := range map[string]*LQBase{"all chains": NewLQBase(all), "chain by chain": NewLQBase(chainA, chainB)} {
		// Three enterprises (E1 once), two in each chain; c1 holds E1 and E2, c2 holds E3.
		if base.total != 3 || base.perChain["a"] != 2 || base.perChain["b"] != 2 || base.unitTotals["c1"] != 2 || base.unitTotals["c2"] != 1 || base.unitTotals["p"] != 3 {
			t.Errorf("%s: total %d, per chain %v, per unit %v; want 3, a=2 b=2, c1=2 c2=1 p=3", name, base.total, base.perChain, base.unitTotals)
		}
		for _, tc := range []struct {
			unit   string
			chain  string
			wantLQ float64
		}{
			{"c1", "a", 1.5},  // (2/2) / (2/3)
			{"c1", "b", 0.75}, // (1/2) / (2/3)
			{"c2", "b", 1.5},  // (1/1) / (2/3)
			{"p", "a", 1.0},   // (2/3) / (2/3)
		} {
			if lq, ok := base.UnitLQ(tc.unit, tc.chain); !ok || lq != tc.wantLQ {
				t.Errorf("%s: UnitLQ(%s, %s) = %v, %v; want %v", name, tc.unit, tc.chain, lq, ok, tc.wantLQ)
			}
		}
		if lq, ok := base.UnitLQ("c2", "a"); !ok || lq != 0 { // c2 has enterprises, none in a: 0, not unknown
			t.Errorf("%s: UnitLQ(c2, a) unknown, want 0", name)
		}
		if _, ok := base.UnitLQ("nowhere", "a"); ok {
			t.Errorf("%s: UnitLQ of a unit without enterprises is known, want unknown", name)
		}
		perChain, total := base.placeCounts(p)
		if total != 3 || perChain["a"] != 2 || perChain["b"] != 2 {
			t.Errorf("%s: place counts of p = %v, %d; want a=2 b=2, 3", name, perChain, total)
		}
	}
}
