package locate_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/loaders/locate"
	"github.com/chaingraph/chaingraph/seeds"
)

func seedRegions(t *testing.T) []graph.Region {
	t.Helper()
	ds, err := loaders.Build(loaders.Source{Name: "seeds", FS: seeds.FS})
	if err != nil {
		t.Fatal(err)
	}
	return ds.Regions
}

func gazetteer(t *testing.T) (*locate.Gazetteer, []graph.Region, []locate.Zone) {
	t.Helper()
	regions := seedRegions(t)
	zones, err := locate.SeedZones()
	if err != nil {
		t.Fatal(err)
	}
	return locate.New(regions, nil, zones), regions, zones
}

func TestZonesResolve(t *testing.T) {
	_, regions, zones := gazetteer(t)
	byID := map[string]graph.Region{}
	for _, r := range regions {
		byID[r.ID] = r
	}
	if len(zones) < 10 {
		t.Fatalf("%d zones; the table holds at least the ten common Hubei zones", len(zones))
	}
	for _, z := range zones {
		r, ok := byID[z.RegionID]
		if !ok {
			t.Errorf("zone %s: region %s is not in the seeds", z.Name, z.RegionID)
			continue
		}
		if r.Level == graph.LevelProvince {
			t.Errorf("zone %s: mapped to the province", z.Name)
		}
		for _, a := range z.Alternatives {
			ar, ok := byID[a]
			if !ok {
				t.Errorf("zone %s: alternative %s is not in the seeds", z.Name, a)
			} else if a == z.RegionID {
				t.Errorf("zone %s: alternative %s is its own region", z.Name, a)
			} else if ar.Level != graph.LevelCounty {
				t.Errorf("zone %s: alternative %s is not a county", z.Name, a)
			}
		}
		if !strings.Contains(z.Evidence, "http") && !strings.Contains(z.Evidence, "NBS") && !strings.Contains(z.Evidence, "PROVENANCE") {
			t.Errorf("zone %s: evidence names no source: %q", z.Name, z.Evidence)
		}
		// A zone mapped to a prefecture must say why it is not a county.
		if r.Level == graph.LevelPrefecture && !strings.Contains(z.Evidence, "prefecture") {
			t.Errorf("zone %s: mapped to prefecture %s without saying why", z.Name, r.Name)
		}
	}
}

func TestLoadZonesRejects(t *testing.T) {
	for name, body := range map[string]string{
		"bad header":      "name,region\n东湖,420111\n",
		"no evidence":     "name,code,aliases,region,alternatives,evidence\n东湖高新区,,,420111,,\n",
		"bad region":      "name,code,aliases,region,alternatives,evidence\n东湖高新区,,,洪山区,,x\n",
		"bad alternative": "name,code,aliases,region,alternatives,evidence\n东湖高新区,,,420111,江夏,x\n",
	} {
		dir := t.TempDir()
		if err := os.WriteFile(dir+"/z.csv", []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := locate.LoadZones(os.DirFS(dir), "z.csv"); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
}

func TestLocate(t *testing.T) {
	g, _, _ := gazetteer(t)
	for _, tc := range []struct {
		name                        string
		county, creditCode, address string
		want, method                string
		alternatives                []string
		detail                      string // a part of Detail
		notDetail                   string // what Detail must not say
	}{
		// county column
		{name: "county name", county: "江夏区", want: "cn-420115", method: "county"},
		{name: "county with prefecture", county: "襄阳市襄州区", want: "cn-420607", method: "county"},
		{name: "county with province and prefecture", county: "湖北省武汉市江夏区", want: "cn-420115", method: "county"},
		{name: "county code", county: "420881", want: "cn-420881", method: "county"},
		{name: "old county name 监利县", county: "监利县", want: "cn-421088", method: "county", detail: "421088"},
		{name: "old county code 421023", county: "421023", want: "cn-421088", method: "county"},
		{name: "old county name 京山县", county: "京山县", want: "cn-420882", method: "county"},
		{name: "old county code 420821", county: "420821", want: "cn-420882", method: "county"},
		{name: "old district name 襄阳区", county: "襄阳市襄阳区", want: "cn-420607", method: "county"},
		{name: "county without suffix", county: "仙桃", want: "cn-429004", method: "county"},
		{name: "autonomous county short", county: "长阳", want: "cn-420528", method: "county"},
		{name: "county traditional", county: "湖北省襄陽市樊城區", want: "cn-420606", method: "county"},
		{name: "county with spaces", county: " 武汉市 江夏区 ", want: "cn-420115", method: "county"},
		{name: "prefecture only", county: "武汉市", want: "cn-420100", method: "county"},
		{name: "恩施 read as the prefecture", county: "恩施", want: "cn-422800", method: "county"},
		{name: "恩施市 the county", county: "恩施州恩施市", want: "cn-422801", method: "county"},
		{name: "随县", county: "随州市随县", want: "cn-421321", method: "county"},
		{name: "zone in the county column", county: "东湖高新区", want: "cn-420111", method: "county", alternatives: []string{"cn-420115"}},
		// address
		{name: "address with zone", address: "湖北省武汉市东湖新技术开发区高新大道999号", want: "cn-420111", method: "address", alternatives: []string{"cn-420115"}, detail: "江夏区"},
		{name: "address 光谷", address: "武汉市光谷大道77号", want: "cn-420111", method: "address", alternatives: []string{"cn-420115"}},
		{name: "address county", address: "湖北省武汉市江夏区纸坊街道文化路1号", want: "cn-420115", method: "address"},
		{name: "address without suffixes", address: "武汉江夏纸坊街道", want: "cn-420115", method: "address"},
		{name: "address county only", address: "江夏区庙山大道", want: "cn-420115", method: "address"},
		{name: "address 经开区", address: "湖北省武汉市武汉经济技术开发区12C2地块", want: "cn-420114", method: "address", alternatives: []string{"cn-420113"}},
		{name: "address 沌口", address: "武汉市沌口街道东风大道", want: "cn-420114", method: "address"},
		{name: "address 临空港", address: "武汉临空港经济技术开发区五环大道666号", want: "cn-420112", method: "address"},
		{name: "address 襄阳高新区", address: "湖北省襄阳市高新区", want: "cn-420600", method: "address", detail: "prefecture only"},
		{name: "address 襄阳高新区 full", address: "襄阳高新技术产业开发区追日路8号", want: "cn-420606", method: "address", alternatives: []string{"cn-420607"}},
		{name: "address 宜昌高新区 at prefecture", address: "湖北省宜昌高新区发展大道57号", want: "cn-420500", method: "address"},
		{name: "address 孝感高新区", address: "湖北省孝感市孝感高新区长兴三路", want: "cn-420902", method: "address"},
		{name: "address 随州高新区", address: "随州高新区", want: "cn-421303", method: "address"},
		{name: "address old name", address: "湖北省荆州市监利县容城镇", want: "cn-421088", method: "address"},
		{name: "short name into a street is not read", address: "武汉市洪山路2号", want: "cn-420100", method: "address"},
		{name: "prefecture's own county by short name", address: "荆州市荆州区", want: "cn-421003", method: "address"},
		{name: "direct county", address: "湖北省仙桃市干河街道", want: "cn-429004", method: "address"},
		// credit code
		{name: "credit code prefecture", creditCode: "91420100MAEC200T12", want: "cn-420100", method: "credit_code"},
		{name: "credit code lower case", creditCode: "91420100maec200t12", want: "cn-420100", method: "credit_code"},
		// order and refinement
		{name: "county before address", county: "江夏区", address: "武汉市洪山区珞喻路", want: "cn-420115", method: "county", detail: "address says 洪山区"},
		{name: "address refines a prefecture column", county: "武汉市", address: "武汉市江夏区纸坊街道", want: "cn-420115", method: "address", detail: "refines county 武汉市"},
		{name: "credit code refines an address's prefecture", address: "武汉市高新大道", creditCode: withCheck("91420115MA4K0000"), want: "cn-420115", method: "credit_code", detail: "refines address 武汉市"},
		{name: "prefecture credit code does not override a county", county: "江夏区", creditCode: "91420100MAEC200T12", want: "cn-420115", method: "county"},
		{name: "address before credit code", address: "湖北省武汉市武汉经济技术开发区12C2地块", creditCode: "91420100MAEC200T12", want: "cn-420114", method: "address", alternatives: []string{"cn-420113"}},
		{name: "a zone's alternative agrees", county: "江夏区", address: "武汉市东湖高新区佛祖岭街道", want: "cn-420115", method: "county", detail: "read 江夏区 → 江夏区", notDetail: "says"},
		{name: "junk county, good address", county: "不详", address: "湖北省武汉市江夏区", want: "cn-420115", method: "address", detail: "不详"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := g.Locate(tc.county, tc.creditCode, tc.address)
			if err != nil {
				t.Fatal(err)
			}
			if p.RegionID != tc.want || p.Method != tc.method {
				t.Errorf("got %s by %s (%s); want %s by %s", p.RegionID, p.Method, p.Detail, tc.want, tc.method)
			}
			if strings.Join(p.Alternatives, ",") != strings.Join(tc.alternatives, ",") {
				t.Errorf("alternatives %v; want %v", p.Alternatives, tc.alternatives)
			}
			if !strings.Contains(p.Detail, tc.detail) {
				t.Errorf("detail %q does not say %q", p.Detail, tc.detail)
			}
			if tc.notDetail != "" && strings.Contains(p.Detail, tc.notDetail) {
				t.Errorf("detail %q says %q", p.Detail, tc.notDetail)
			}
		})
	}
}

func TestLocateErrors(t *testing.T) {
	g, _, _ := gazetteer(t)
	for _, tc := range []struct {
		name                        string
		county, creditCode, address string
		says                        []string
	}{
		{name: "county in the wrong prefecture", address: "湖北省荆州市江夏区", says: []string{"江夏区 is in 武汉市, not 荆州市"}},
		{name: "county column conflict", county: "襄阳市江夏区", says: []string{"江夏区 is in 武汉市, not 襄阳市"}},
		{name: "direct county under a prefecture", county: "武汉市仙桃市", says: []string{"仙桃市 is directly under the province, not 武汉市"}},
		{name: "zone in the wrong prefecture", address: "湖北省宜昌市东湖高新区", says: []string{"东湖高新区 is in 武汉市, not 宜昌市"}},
		{name: "two prefectures", county: "武汉市襄阳市", says: []string{"two prefectures"}},
		{name: "other province", address: "河南省郑州市金水区", says: []string{"河南 is not in Hubei"}},
		{name: "junk address", address: "高新大道999号", says: []string{"no Hubei province, prefecture, county", "武汉江夏"}},
		{name: "province only", address: "湖北省", says: []string{"no Hubei province"}},
		{name: "province only in the county column", county: "湖北省", says: []string{"names only the province"}},
		{name: "unknown code", county: "420199", says: []string{"420199 is not the code of a Hubei region"}},
		{name: "county column leftovers", county: "江夏区纸坊", says: []string{"then \"纸坊\" is no region"}},
		{name: "nothing", says: []string{"all empty"}},
		{name: "bad check character", creditCode: "91420100MAEC200T13", says: []string{"should be 2"}},
		{name: "outside Hubei", creditCode: "91310115591693856A", says: []string{"outside Hubei (division 310115)"}},
		{name: "all three fail", county: "不详", address: "某某路", creditCode: "123", says: []string{"county \"不详\"", "address \"某某路\"", "has 3 characters"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := g.Locate(tc.county, tc.creditCode, tc.address)
			if err == nil {
				t.Fatalf("located %+v", p)
			}
			for _, s := range tc.says {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
		})
	}
}

func TestAliasesGiven(t *testing.T) {
	// A hypothetical alias a user might supply (荆沙市, 荆州's name in 1994–96): New reads the map.
	g := locate.New(seedRegions(t), map[string]string{"荆沙市": "cn-421000", "429999": "cn-429004"}, nil)
	for in, want := range map[string]string{"荆沙市沙市区": "cn-421002", "429999": "cn-429004"} {
		p, err := g.ByCounty(in)
		if err != nil || p.RegionID != want {
			t.Errorf("%s: %+v, %v; want %s", in, p, err, want)
		}
	}
}

func TestCreditCodeDivisions(t *testing.T) {
	g, _, _ := gazetteer(t)
	// Codes built for the test (the check characters computed) to reach each kind of division.
	for div, want := range map[string]string{
		"420115": "cn-420115", // a county
		"420100": "cn-420100", // a prefecture
		"420101": "cn-420100", // the prefecture's 市辖区
		"421023": "cn-421088", // 监利县's old code
		"420821": "cn-420882", // 京山县's old code
		"421071": "cn-421000", // 荆州经济技术开发区, statistics only
	} {
		p, err := g.ByCreditCode(withCheck("91" + div + "MA4K0000"))
		if err != nil || p.RegionID != want {
			t.Errorf("division %s: %+v, %v; want %s", div, p, err, want)
		}
	}
	if _, err := g.ByCreditCode(withCheck("91420000MA4K0000")); err == nil || !strings.Contains(err.Error(), "province") {
		t.Errorf("province-registered code: %v", err)
	}
}

// withCheck completes 16 characters with the GB 11714 and GB 32100 check characters, using
// CheckCreditCode itself: it names the right character when it is wrong.
func withCheck(s16 string) string {
	code := s16 + "00"
	for range 2 {
		want, err := locate.CheckCreditCode(code)
		var ce *locate.CheckError
		if err == nil || !errors.As(err, &ce) {
			return code
		}
		if ce.Pos == 17 {
			code = code[:16] + orgCheckFromMessage(ce.Message) + code[17:]
			continue
		}
		code = code[:17] + string(want)
	}
	return code
}

func orgCheckFromMessage(m string) string {
	i := strings.Index(m, "character 17 should be ")
	return m[i+len("character 17 should be ") : i+len("character 17 should be ")+1]
}
