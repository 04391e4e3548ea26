package server_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/graph/neo4jstore/neo4jtest"
	"github.com/chaingraph/chaingraph/server"
)

// replacer is a store whose data a test can replace, as `load` does.
type replacer interface {
	graph.Reader
	Replace(ctx context.Context, ds *graph.Dataset) error
}

// A page token is bound to the data it was read from: after a load, resuming by key or offset
// would skip or repeat rows without saying so, so the token is refused and the client starts again.
func TestPageTokensFromOtherDataAreRefused(t *testing.T) {
	for _, tc := range []struct {
		name  string
		store func(t *testing.T) replacer
	}{
		{"memstore", func(*testing.T) replacer { return memstore.New() }},
		{"neo4j", func(t *testing.T) replacer { return neo4jtest.Open(t) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			store := tc.store(t)
			ds := seedData(t)
			if err := store.Replace(ctx, ds); err != nil {
				t.Fatal(err)
			}
			c, _ := dial(t, store)

			// Two kinds of token: a key (regions) and an offset into an analysis answer (补链).
			regions := &pb.ListRegionsRequest{PageSize: 10, Level: pb.RegionLevel_REGION_LEVEL_COUNTY}
			lacking := &pb.FindLackingRegionsRequest{Chain: "新能源汽车", Link: "电池材料", Level: pb.RegionLevel_REGION_LEVEL_COUNTY, PageSize: 1}
			firstRegions, err := c.ListRegions(ctx, regions)
			if err != nil {
				t.Fatal(err)
			}
			firstLacking, err := c.FindLackingRegions(ctx, lacking)
			if err != nil {
				t.Fatal(err)
			}
			if firstRegions.NextPageToken == "" || firstLacking.NextPageToken == "" {
				t.Fatalf("want a second page of both: tokens %q %q", firstRegions.NextPageToken, firstLacking.NextPageToken)
			}
			regions.PageToken, lacking.PageToken = firstRegions.NextPageToken, firstLacking.NextPageToken
			second := func() (errRegions, errLacking error) {
				_, errRegions = c.ListRegions(ctx, regions)
				_, errLacking = c.FindLackingRegions(ctx, lacking)
				return
			}
			if e1, e2 := second(); e1 != nil || e2 != nil {
				t.Fatalf("second pages on the same data: %v; %v", e1, e2)
			}

			// The same data loaded again is another version: the tokens no longer apply.
			if err := store.Replace(ctx, ds); err != nil {
				t.Fatal(err)
			}
			e1, e2 := second()
			for _, err := range []error{e1, e2} {
				if status.Code(err) != codes.InvalidArgument || !strings.Contains(status.Convert(err).Message(), "data changed") || !server.DataChanged(err) {
					t.Errorf("a token from before the load: %v, want INVALID_ARGUMENT saying the data changed", err)
				}
				if f := fieldViolations(t, err); len(f) != 1 || f[0] != "page_token" {
					t.Errorf("violations name %v, want [page_token]", f)
				}
			}

			// Starting again works, and its token resumes on the new data.
			regions.PageToken, lacking.PageToken = "", ""
			again, err := c.ListRegions(ctx, regions)
			if err != nil {
				t.Fatal(err)
			}
			regions.PageToken = again.NextPageToken
			resumed, err := c.ListRegions(ctx, regions)
			if err != nil {
				t.Fatalf("a token from the new data: %v", err)
			}
			if got, want := resumed.Regions[0].Code, firstRegions.Regions[len(firstRegions.Regions)-1].Code; got <= want {
				t.Errorf("the second page starts at %s, want after %s", got, want)
			}

			// A client reading every page starts again when a load lands between its pages.
			var read []string
			firsts, loads := 0, 0
			err = server.ReadAllPages(func(token string) (string, error) {
				if token == "" {
					read, firsts = nil, firsts+1
				} else if loads < 2 {
					loads++ // a load after the first page, twice
					if err := store.Replace(ctx, ds); err != nil {
						t.Fatal(err)
					}
				}
				page, err := c.ListRegions(ctx, &pb.ListRegionsRequest{PageSize: 10, Level: pb.RegionLevel_REGION_LEVEL_COUNTY, PageToken: token})
				for _, r := range page.GetRegions() {
					read = append(read, r.Code)
				}
				return page.GetNextPageToken(), err
			})
			if err != nil {
				t.Fatal(err)
			}
			if firsts != 3 || len(read) != 103 || len(slices.Compact(slices.Clone(read))) != 103 {
				t.Errorf("read from the first page %d times (want 3: two loads between pages); %d codes, want Hubei's 103 once each", firsts, len(read))
			}
		})
	}
}
