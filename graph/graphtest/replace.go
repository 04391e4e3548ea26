package graphtest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
)

// Stores may keep answers (memstore and Neo4j both do); a Replace must never leave an old
// one in use.
// One request reads one version: a snapshot taken before a Replace answers as before it,
// question by question, however its reads interleave with the load. After a second Replace
// a store may have deleted the snapshot's version; its reads then fail with
// ErrSnapshotGone, never with a mix.
func testSnapshotOutlivesReplace(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
	v, err := query.New(s).View(ctx)
	if err != nil {
		t.Fatal(err)
	}
	answers := func(v *query.View) []string {
		t.Helper()
		lacking, err := v.Lacking(ctx, query.LackingRequest{Link: "t-cell", Scope: "cn-990000", Level: graph.LevelCounty, MaxDepth: 4, MaxSuppliers: 3})
		if err != nil {
			t.Fatal(err)
		}
		profile, err := v.Profile(ctx, query.ProfileRequest{Region: "cn-990200"})
		if err != nil {
			t.Fatal(err)
		}
		b2, err := v.Snap.GetRegion(ctx, "cn-990202")
		if err != nil {
			t.Fatal(err)
		}
		out := append(Summarize(lacking.Rows), b2.Region.Name)
		for _, cp := range profile.Chains {
			for _, h := range cp.Present {
				out = append(out, fmt.Sprintf("%s %s=%g/%d", cp.Chain.ID, h.Presences[0].Link.ID, h.Strength, h.Count))
			}
		}
		return out
	}
	before := answers(v)
	changed := Fixture()
	changed.Presences = append(changed.Presences, graph.Presence{ID: "zz", RegionID: "cn-990201", LinkID: "t-car", Strength: 1, Status: graph.StatusExisting, Evidence: changed.Presences[0].Evidence})
	changed.Regions[6].Name = "乙二新县"
	if err := s.Replace(ctx, changed); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, answers(v)); diff != "" {
		t.Errorf("a snapshot taken before a Replace (-before +after):\n%s", diff)
	}
	if now := answers(Ask(t, s)); cmp.Equal(before, now) {
		t.Errorf("a snapshot taken after the Replace answers as before it: %v", now)
	}
	if v.Snap.Version() == View(t, s).Version() {
		t.Errorf("the snapshots before and after a Replace share version %d", v.Snap.Version())
	}
	if err := s.Replace(ctx, Fixture()); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Snap.Names(ctx); err != nil && !errors.Is(err, graph.ErrSnapshotGone) {
		t.Errorf("after two Replaces the old snapshot's read failed with %v, want its data or ErrSnapshotGone", err)
	} else if err == nil {
		if diff := cmp.Diff(before, answers(v)); diff != "" {
			t.Errorf("after two Replaces the old snapshot answers otherwise (-before +after):\n%s", diff)
		}
	}
}

func testReplaceIsIdempotentAndWhole(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
	if err := s.Replace(ctx, Fixture()); err != nil {
		t.Fatal(err)
	}
	names, err := View(t, s).Names(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 18 {
		t.Errorf("after a second Replace: %d names, want 18", len(names))
	}
	smaller := Fixture()
	smaller.Chains = smaller.Chains[:1]
	smaller.Links = smaller.Links[:4]
	smaller.Feeds = smaller.Feeds[:3]
	smaller.Presences = smaller.Presences[:2]
	smaller.Belts[0].ChainIDs = []string{"t"}
	if err := s.Replace(ctx, smaller); err != nil {
		t.Fatal(err)
	}
	chains, err := View(t, s).ListChains(ctx, graph.ListQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"t"}, chainIDs(chains)); diff != "" {
		t.Errorf("chains after a smaller Replace (-want +got):\n%s", diff)
	}
	d, err := View(t, s).GetChain(ctx, "t")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Feeds) != 3 {
		t.Errorf("feeds after a smaller Replace: %d, want 3", len(d.Feeds))
	}
}

func testReplaceRejectsInvalidAndKeepsOld(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := loaded(t, newStore)
	bad := Fixture()
	bad.Feeds = append(bad.Feeds, graph.Feed{From: "t-test", To: "t-mat", Evidence: bad.Feeds[0].Evidence})
	if err := s.Replace(ctx, bad); !errors.Is(err, graph.ErrInvalid) {
		t.Fatalf("Replace(cyclic) = %v, want ErrInvalid", err)
	}
	chains, err := View(t, s).ListChains(ctx, graph.ListQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(chains) != 2 {
		t.Errorf("after a rejected Replace: %d chains, want the old 2", len(chains))
	}
}
