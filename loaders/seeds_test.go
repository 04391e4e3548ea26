package loaders_test

import (
	"testing"

	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/seeds"
)

func TestSeedsLoad(t *testing.T) {
	ds, rep, err := loaders.BuildReport(loaders.Source{Name: "seeds", FS: seeds.FS})
	if err != nil {
		t.Fatal(err)
	}
	// The seeds are held stricter than users' data: a misspelt file name there is a notice
	// (the file ignored), and a merged duplicate a warning; neither may happen in the seeds.
	if len(rep.Warnings) > 0 || len(rep.Notices) > 0 {
		t.Errorf("the seeds load with warnings or notices:\n%s", rep.Text(100))
	}
	t.Logf("%d regions, %d borders, %d chains, %d links, %d feeds, %d presences", len(ds.Regions), len(ds.Borders), len(ds.Chains), len(ds.Links), len(ds.Feeds), len(ds.Presences))
}
