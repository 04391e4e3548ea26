package loaders_test

import (
	"testing"

	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/seeds"
)

func TestSeedsLoad(t *testing.T) {
	ds, err := loaders.Build(loaders.Source{Name: "seeds", FS: seeds.FS})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d regions, %d borders, %d chains, %d links, %d feeds, %d presences", len(ds.Regions), len(ds.Borders), len(ds.Chains), len(ds.Links), len(ds.Feeds), len(ds.Presences))
}
