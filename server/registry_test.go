package server_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/graphtest"
	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/graph/neo4jstore/neo4jtest"
	"github.com/chaingraph/chaingraph/graph/query"
	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/seeds"
)

// firstMatched is the first thing 挂链 matched, as the evidence's reason names it: a code or a word.
var firstMatched = regexp.MustCompile(`挂链 by [a-z ]+ (?:行业代码|经营范围|主营产品): (\S+)`)

// A registry export (loaders/testdata/registry: a GBK CSV and an .xlsx with Chinese headers and
// no link column) loads into both stores with every firm where the loader placed it and on the
// links 挂链 attached it to: confident attachments certain, probable ones one reading, the
// method in the evidence; both stores hold exactly the same.
func TestRegistryExportOnBothStores(t *testing.T) {
	ctx := context.Background()
	ds, _, err := loaders.BuildReport(loaders.Source{Name: "seeds", FS: seeds.FS}, loaders.Source{Name: "registry", FS: os.DirFS("../loaders/testdata/registry")})
	if err != nil {
		t.Fatal(err)
	}
	// Worked from the fixture's rows and the classification tables (see server/cli's check test).
	// A firm placed through a zone that spans two counties is one reading wherever its links are
	// confident: the other reading is the zone's other county.
	want := []string{
		"420111 ict-lithium-battery 武汉某锂电池科技有限公司 one-reading 3841", // 东湖高新区: 洪山区 or 江夏区
		"420111 nev-battery 武汉某锂电池科技有限公司 one-reading 3841",
		"420114 auto-vehicle 武汉经开某新能源汽车有限公司 one-reading 3612", // 武汉经开区: 蔡甸区 or 汉南区
		"420114 nev-vehicle 武汉经开某新能源汽车有限公司 one-reading 3612",
		"420581 nev-battery-materials 宜都某新能源材料有限公司 one-reading 正极材料",
		"420607 auto-parts 襄阳某汽车零部件有限公司 certain 3670",
		"420607 nev-control 襄阳某汽车零部件有限公司 one-reading 3670",
		"420902 ict-pcb 孝感某电子电路有限公司 certain 3982",
		"429005 biomed-api 潜江某化工有限公司 one-reading 2614",
		"429005 chem-petrochemicals 潜江某化工有限公司 one-reading 2614",
	}
	for _, name := range []string{"memory", "neo4j"} {
		t.Run(name, func(t *testing.T) {
			var s graph.Store = memstore.New()
			if name == "neo4j" {
				s = neo4jtest.Open(t) // skips without a Neo4j, fails so under CI=true
			}
			if err := s.Replace(ctx, ds); err != nil {
				t.Fatal(err)
			}
			cov, err := graphtest.View(t, s).Coverage(ctx, graph.CoverageQuery{Scope: graph.Scope{RegionID: "cn-420000", Level: graph.LevelCounty}})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			var firstFirm []graph.Attribute // the GBK file's first row, as its presence of nev-battery has it
			for _, cells := range cov.Cells {
				for _, cell := range cells {
					for _, pf := range cell.Presences {
						p := pf.Presence
						if !strings.HasPrefix(p.Evidence.Origin, "registry/") {
							continue
						}
						certainty := "certain"
						if !p.Certain() {
							certainty = "one-reading"
						}
						m := firstMatched.FindStringSubmatch(p.Evidence.Reason)
						if m == nil {
							t.Errorf("%s: reason %q does not say how it was attached", p.ID, p.Evidence.Reason)
							continue
						}
						got = append(got, fmt.Sprintf("%s %s %s %s %s", strings.TrimPrefix(p.RegionID, "cn-"), p.LinkID, p.Holder, certainty, m[1]))
						if p.Holder == "武汉某锂电池科技有限公司" && p.LinkID == "nev-battery" {
							firstFirm = p.Attributes
						}
					}
				}
			}
			slices.Sort(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("the export's presences (-want +got):\n%s", diff)
			}
			// Every other column of the row stays with the firm, named as the file names it (the
			// empty 所属区县 and the columns the graph models are not repeated).
			wantFirst := []graph.Attribute{{Name: "序号", Value: "1"}, {Name: "统一社会信用代码", Value: "91420100MA4KT1E29N"}, {Name: "法定代表人", Value: "张一"},
				{Name: "注册地址", Value: "湖北省武汉市东湖新技术开发区高新大道1号"}, {Name: "国民经济行业代码", Value: "C3841"},
				{Name: "经营范围", Value: "锂离子电池、动力电池系统的研发、生产、销售"}, {Name: "主营产品", Value: "动力锂离子电池"},
				{Name: "注册资本（万元）", Value: "5000"}, {Name: "成立日期", Value: "2019-05-01"}, {Name: "联系电话", Value: "027-00000001"}}
			if diff := cmp.Diff(wantFirst, firstFirm); diff != "" {
				t.Errorf("the first firm's attributes (-want +got):\n%s", diff)
			}
			// Six firms in the province: a county's one firm in a chain is no location quotient.
			v, err := query.New(s).View(ctx)
			if err != nil {
				t.Fatal(err)
			}
			profile, err := v.Profile(ctx, query.ProfileRequest{Region: "420607"})
			if err != nil {
				t.Fatal(err)
			}
			lqs := map[string]graph.LocationQuotient{}
			for _, cp := range profile.Chains {
				lqs[cp.Chain.ID] = cp.LQ
			}
			if q := lqs["auto"]; q.Status != graph.LQTooFewFirms || q.Firms != 1 || q.Value <= 1 {
				t.Errorf("420607 in auto: location quotient %+v; want a quotient above 1 from its 1 firm, marked too few", q)
			}
		})
	}
}
