package graphtest

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
)

// NewStore returns an empty store for one test; the suite loads the data it needs.
type NewStore func(t *testing.T) graph.Store

// Run runs the conformance suite against stores made by newStore: one test per function, in
// files by question (reads, coverage, leads, lacking, replace).
func Run(t *testing.T, newStore NewStore) {
	for _, tc := range []struct {
		name string
		run  func(*testing.T, NewStore)
	}{
		{"Version", testVersion},
		{"ListChains", testListChains},
		{"GetChain", testGetChain},
		{"ListRegions", testListRegions},
		{"GetRegion", testGetRegion},
		{"Names", testNames},
		{"NamesPeopleType", testNamesPeopleType},
		{"Belts", testBelts},
		{"Targets", testTargets},
		{"Coverage", testCoverage},
		{"HasMergesUnits", testHasMergesUnits},
		{"CoverageWithoutPresences", testCoverageWithoutPresences},
		{"CoverageCountsCertainFacts", testCoverageCountsCertainFacts},
		{"WeakLinks", testWeakLinks},
		{"Extensions", testExtensions},
		{"Profile", testProfile},
		{"SuppliersAndLeads", testSuppliersAndLeads},
		{"EnterpriseCounts", testEnterpriseCounts},
		{"UnitLQ", testUnitLQ},
		{"Feeds", testFeeds},
		{"LackingRegions", testLackingRegions},
		{"SnapshotOutlivesReplace", testSnapshotOutlivesReplace},
		{"LackingRegionsFollowReplace", testLackingRegionsFollowReplace},
		{"LackingRegionsCarriesEvidence", testLackingRegionsCarriesEvidence},
		{"LackingRegionsErrors", testLackingRegionsErrors},
		{"LackingRegionsRankSuppliersForAPage", testLackingRegionsRankSuppliersForAPage},
		{"LackingRegionsListPresencesForAPage", testLackingRegionsListPresencesForAPage},
		{"LackingRegionsListFewerPresences", testLackingRegionsListFewerPresences},
		{"ChainFacts", testChainFacts},
		{"FilteredCoverage", testFilteredCoverage},
		{"FilteredLacking", testFilteredLacking},
		{"FilteredChainFacts", testFilteredChainFacts},
		{"PlanGaps", testPlanGaps},
		{"CompareLacking", testCompareLacking},
		{"ClusterCounts", testClusterCounts},
		{"SameBeltIsTheLinksChain", testSameBeltIsTheLinksChain},
		{"ChainFactsHoldTheChain", testChainFactsHoldTheChain},
		{"LinkMap", testLinkMap},
		{"FeedCycles", testFeedCycles},
		{"ReplaceIsIdempotentAndWhole", testReplaceIsIdempotentAndWhole},
		{"ReplaceRejectsInvalidAndKeepsOld", testReplaceRejectsInvalidAndKeepsOld},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, newStore) })
	}
}

// loaded returns a new store holding Fixture.
func loaded(t *testing.T, newStore NewStore) graph.Store {
	t.Helper()
	s := newStore(t)
	if err := s.Replace(context.Background(), Fixture()); err != nil {
		t.Fatalf("Replace(fixture): %v", err)
	}
	return s
}

// SummarizeCoverage renders a coverage table compactly, for comparing answers in tests.
func SummarizeCoverage(c *graph.Coverage) []string {
	var links []string
	for _, l := range c.Links {
		links = append(links, l.ID)
	}
	out := []string{"links " + strings.Join(links, ",")}
	for _, u := range c.Units {
		var cells []string
		for _, l := range c.Links {
			if cell := c.Cells[u.ID][l.ID]; cell.Count > 0 {
				cells = append(cells, fmt.Sprintf("%s[%s]%d/%g", l.ID, presenceIDs(cell.Presences), cell.Count, cell.Strength))
			}
		}
		sort.Strings(cells)
		out = append(out, u.Code+":"+strings.Join(cells, ","))
	}
	return out
}

// Summarize renders lacking rows compactly, for comparing answers in tests.
func Summarize(rows []graph.LackingRegion) []string {
	var out []string
	for _, r := range rows {
		var demands, suppliers []string
		for _, d := range r.Demands {
			var path []string
			for _, l := range d.Path {
				path = append(path, l.ID)
			}
			demands = append(demands, fmt.Sprintf("%s<%s[%s]", d.Downstream.ID, strings.Join(path, ","), presenceIDs(d.Presences)))
		}
		for _, s := range r.Suppliers {
			suppliers = append(suppliers, fmt.Sprintf("%s/%d/%.1f[%s]", s.Region.Code, s.BorderHops, s.DistanceKM, presenceIDs(s.Presences)))
		}
		out = append(out, fmt.Sprintf("%s | %s | %s", r.Region.Code, strings.Join(demands, "; "), strings.Join(suppliers, ", ")))
	}
	return out
}

func presenceIDs(ps []graph.PresenceFact) string {
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.Presence.ID
	}
	return strings.Join(ids, ",")
}

func chainIDs(cs []graph.Chain) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func regionCodes(rs []graph.Region) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Code)
	}
	return out
}

// View returns a snapshot of what s holds now.
func View(t *testing.T, s graph.Reader) graph.Snapshot {
	t.Helper()
	snap, err := s.View(context.Background())
	if err != nil {
		t.Fatalf("View: %v", err)
	}
	return snap
}

// Ask returns the query layer's view of what s holds now: how the suite asks every question,
// as the service does.
func Ask(t *testing.T, s graph.Reader) *query.View {
	t.Helper()
	v, err := query.New(s).View(context.Background())
	if err != nil {
		t.Fatalf("View: %v", err)
	}
	return v
}

// scopeInput is a scope as a user would name it: its region's or belt's id.
func scopeInput(sc graph.Scope) string {
	if sc.BeltID != "" {
		return sc.BeltID
	}
	return sc.RegionID
}
