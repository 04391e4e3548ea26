package loaders_test

import (
	"slices"
	"testing"

	"github.com/chaingraph/chaingraph/loaders"
)

// A user's file names a link the way the service's resolver does: by one of its segments too
// (正极材料 is listed under 电池材料). Ambiguous segments are the resolver's (graph/names_test.go).
func TestUserFilesNameLinksBySegment(t *testing.T) {
	ds, err := loaders.Build(seedSource(), userData(map[string]string{
		"enterprises.csv": "name,county,links,source\n" +
			"潜江某正极材料有限公司,潜江市,正极材料,2026 招商台账\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	var links []string
	for _, p := range ds.Presences {
		if p.Holder == "潜江某正极材料有限公司" {
			links = append(links, p.LinkID)
		}
	}
	if !slices.Equal(links, []string{"nev-battery-materials"}) {
		t.Errorf("正极材料 attached the firm to %v, want [nev-battery-materials]", links)
	}
}
