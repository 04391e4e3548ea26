package loaders_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/loaders/attach"
	"github.com/chaingraph/chaingraph/loaders/locate"
	"github.com/chaingraph/chaingraph/seeds"
)

// seedFirm is what the seeds' named firms (seeds/firms/enterprises.csv) must come out as: placed
// and attached by the same rules as a user's firm, with their sources on every presence.
type seedFirm struct {
	county       string   // county id
	method       string   // locate method
	alternatives []string // other counties the place may be in
	attached     []attach.Attachment
	sources      []string // URLs the source column must name
}

var wantSeedFirms = map[string]seedFirm{
	"湖北回天新材料股份有限公司": {
		county: "cn-420606", method: locate.MethodAddress, alternatives: []string{"cn-420607"},
		attached: []attach.Attachment{{LinkID: "chem-fine-chemicals", Method: attach.MethodKeyword, Confidence: attach.Probable,
			Matched: []string{"主营产品: 胶粘剂 (“太阳能用单、双组分有机硅胶粘剂”)"}}},
		sources: []string{
			"http://pomelofruit.com/content/2021-01/04/content_13541798.html", // 湖北日报 2021-01-04: firm and product
			"https://q.stock.sohu.com/cn,gg,300041,6458227403.shtml",          // 2020-12-16 listing notice: address
		},
	},
}

func TestSeedFirms(t *testing.T) {
	ds, rep, err := loaders.BuildReport(loaders.Source{Name: "seeds", FS: seeds.FS})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range rep.Enterprises {
		if !strings.HasPrefix(f.Origin, "seeds/firms/") {
			continue
		}
		seen[f.Name] = true
		want, ok := wantSeedFirms[f.Name]
		if !ok {
			t.Errorf("%s: seeded firm %s has no expectation here; add one", f.Origin, f.Name)
			continue
		}
		if f.CountyID != want.county || f.Placed.Method != want.method || !slices.Equal(f.Placed.Alternatives, want.alternatives) {
			t.Errorf("%s placed at %s by %s (alternatives %v; %s); want %s by %s (alternatives %v)", f.Name, f.CountyID, f.Placed.Method, f.Placed.Alternatives, f.Placed.Detail, want.county, want.method, want.alternatives)
		}
		if diff := cmp.Diff(want.attached, f.Attached); diff != "" {
			t.Errorf("%s attachments (-want +got):\n%s", f.Name, diff)
		}
		var links []string
		for _, a := range want.attached {
			links = append(links, a.LinkID)
		}
		var got []string
		for _, p := range ds.Presences {
			if p.HolderKind != "enterprise" || p.Holder != f.Name {
				continue
			}
			got = append(got, p.LinkID)
			if p.RegionID != want.county || p.Status != graph.StatusExisting || p.Evidence.Kind != graph.EvidenceSource {
				t.Errorf("%s: presence %s is at %s, %s, evidence %s; want %s, existing, a named source", f.Name, p.ID, p.RegionID, p.Status, p.Evidence.Kind, want.county)
			}
			for _, u := range want.sources {
				if !strings.Contains(p.Evidence.Source, u) {
					t.Errorf("%s: presence %s's source does not name %s: %q", f.Name, p.ID, u, p.Evidence.Source)
				}
			}
			if !strings.Contains(p.Evidence.Reason, "located by") || !strings.Contains(p.Evidence.Reason, "挂链 by words") {
				t.Errorf("%s: presence %s's reason does not say how it was placed and attached: %q", f.Name, p.ID, p.Evidence.Reason)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, links) {
			t.Errorf("%s: presences on %v; want %v", f.Name, got, links)
		}
	}
	for name := range wantSeedFirms {
		if !seen[name] {
			t.Errorf("%s is not among the seeded firms", name)
		}
	}
}

// TestSeedFirmUnplaced is the rule the seeds follow for a firm whose county no source names
// (seeds/firms/README.md): such a row, if added, is a warning and nothing of it is in the
// graph, so it cannot pass TestSeedsLoad; the firm is left out of the seeds instead.
func TestSeedFirmUnplaced(t *testing.T) {
	user := fstest.MapFS{"enterprises.csv": {Data: []byte("name,address,products,source\n" +
		"大冶特殊钢有限公司,湖北省黄石市,工程机械用特殊钢,湖北日报 2021-01-04\n")}}
	ds, rep, err := loaders.BuildReport(loaders.Source{Name: "seeds", FS: seeds.FS}, loaders.Source{Name: "user", FS: user})
	if err != nil {
		t.Fatal(err)
	}
	warned := false
	for _, w := range rep.Warnings {
		if strings.Contains(w.Error(), "placed only as far as cn-420200") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning that the firm is placed only at 黄石市:\n%s", rep.Text(20))
	}
	for _, f := range rep.Enterprises {
		if f.Name == "大冶特殊钢有限公司" {
			t.Errorf("the unplaced firm is in the report's firms: %+v", f)
		}
	}
	for _, p := range ds.Presences {
		if p.Holder == "大冶特殊钢有限公司" {
			t.Errorf("the unplaced firm has a presence: %+v", p)
		}
	}
}
