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

// summarizeLinkMap is "code status[*]" per unit (* marks a nearest supplier), then the
// suppliers' codes.
func summarizeLinkMap(a *query.LinkMapAnswer) []string {
	names := map[query.LinkStatus]string{query.LinkHas: "has", query.LinkLacks: "lacks", query.LinkNoDemand: "none", query.LinkChainHolder: "holder"}
	var out []string
	for _, u := range a.Units {
		s := u.Region.Code + " " + names[u.Status]
		if u.NearestSupplier {
			s += "*"
		}
		out = append(out, s)
	}
	return append(out, fmt.Sprint("suppliers ", regionCodes(a.NearestSuppliers)))
}

// testLinkMap: every unit's standing for t-cell, worked by hand on the fixture (see
// lackingCases for who lacks it and who supplies whom).
func testLinkMap(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := newStore(t)
	for _, tc := range []struct {
		name  string
		data  *graph.Dataset
		level graph.Level
		want  []string
	}{
		{
			// A1 has nothing (p1 is prefecture A's, not its counties'); A2 (t-test) and B2 (t-car)
			// need t-cell and lack it; B1 (p2) and D (p9) have it and supply both.
			name: "county level", data: Fixture(), level: graph.LevelCounty,
			want: []string{"990101 none", "990102 lacks", "990201 has*", "990202 lacks", "990301 has*", "suppliers [990201 990301]"},
		},
		{
			// A lacks it (p1, p5); B has it through its county B1, which supplies A: B is marked;
			// D has it and supplies A.
			name: "prefecture level", data: Fixture(), level: graph.LevelPrefecture,
			want: []string{"990100 lacks", "990200 has*", "990301 has*", "suppliers [990201 990301]"},
		},
		{
			// cf1 gives A2 chain t as a whole: not judged, so a chain holder, not lacking.
			name: "chain holder", data: withChainFacts(), level: graph.LevelCounty,
			want: []string{"990101 none", "990102 holder", "990201 has*", "990202 lacks", "990301 has*", "suppliers [990201 990301]"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := s.Replace(ctx, tc.data); err != nil {
				t.Fatal(err)
			}
			a, err := Ask(t, s).LinkMap(ctx, query.LinkMapRequest{Link: "电池", Chain: "t", Level: tc.level, MaxDepth: 4, MaxSuppliers: 3})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, summarizeLinkMap(a)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if a.Link.ID != "t-cell" || a.Chain.ID != "t" {
				t.Errorf("resolved %s / %s; want t / t-cell", a.Chain.ID, a.Link.ID)
			}
		})
	}
	var fe *query.FieldError
	if _, err := Ask(t, s).LinkMap(ctx, query.LinkMapRequest{Link: "no such link", MaxDepth: 4, MaxSuppliers: 3}); !errors.As(err, &fe) || fe.Field != "link" || !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("unknown link: %v; want a NOT_FOUND on field link", err)
	}
}
