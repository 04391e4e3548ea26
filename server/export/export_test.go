package export

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"
)

func TestWriteCSV(t *testing.T) {
	tab := Table{Name: "t", Header: []string{"地区 region", "数 n", "值 value", "是 ok"},
		Rows: [][]any{{"随州市", 3, 1234567.5, true}, {"孝感,市", int64(-2), nil, false}, {`引"号`, int32(7), 1e21, nil}}}
	var b bytes.Buffer
	if err := WriteCSV(&b, tab); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFF地区 region,数 n,值 value,是 ok\r\n随州市,3,1234567.5,TRUE\r\n\"孝感,市\",-2,,FALSE\r\n\"引\"\"号\",7,1000000000000000000000,\r\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("CSV (-want +got):\n%s", diff)
	}
}

// Text from users' files that Excel would run as a formula stays text; numbers stay numbers.
func TestWriteCSVKeepsFormulasInert(t *testing.T) {
	tab := Table{Name: "t", Header: []string{"企业 firm", "数 n"}, Rows: [][]any{
		{`=HYPERLINK("http://example.com","点击")`, -3}, {"+86 27 1234", 1.5}, {"-2+3", nil}, {"@SUM(A1)", 0}, {"\t=1", 0}, {"武重 =1", 0}}}
	var b bytes.Buffer
	if err := WriteCSV(&b, tab); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFF企业 firm,数 n\r\n\"'=HYPERLINK(\"\"http://example.com\"\",\"\"点击\"\")\",-3\r\n'+86 27 1234,1.5\r\n'-2+3,\r\n'@SUM(A1),0\r\n'\t=1,0\r\n武重 =1,0\r\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("CSV (-want +got):\n%s", diff)
	}
}

func TestWritersRejectBadTables(t *testing.T) {
	cases := []struct {
		name string
		tab  Table
		want string
	}{
		{"short row", Table{Name: "a", Header: []string{"x", "y"}, Rows: [][]any{{1}}}, "row 1 has 1 cells; the header has 2"},
		{"odd cell", Table{Name: "a", Header: []string{"x"}, Rows: [][]any{{[]string{"no"}}}}, `column "x": cell of type []string`},
		{"no header", Table{Name: "a"}, "no header"},
	}
	for _, tc := range cases {
		if err := WriteCSV(&bytes.Buffer{}, tc.tab); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: WriteCSV error %v; want %q", tc.name, err, tc.want)
		}
		if err := WriteXLSX(&bytes.Buffer{}, tc.tab); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: WriteXLSX error %v; want %q", tc.name, err, tc.want)
		}
	}
	ok := Table{Header: []string{"x"}}
	for _, name := range []string{"", "a/b", "[x]", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二", "'q"} {
		ok.Name = name
		if err := WriteXLSX(&bytes.Buffer{}, ok); err == nil {
			t.Errorf("sheet name %q accepted", name)
		}
	}
	ok.Name = "Same"
	other := ok
	other.Name = "same"
	if err := WriteXLSX(&bytes.Buffer{}, ok, other); err == nil || !strings.Contains(err.Error(), "used twice") {
		t.Errorf("two sheets named same/Same: error %v", err)
	}
}

func TestLackingTable(t *testing.T) {
	tab := LackingTable(lackingFixture())
	col := columns(t, tab)
	if len(tab.Rows) != 2 {
		t.Fatalf("%d rows; want 2", len(tab.Rows))
	}
	sui, xiao := tab.Rows[0], tab.Rows[1]
	checks := []struct {
		row  []any
		col  string
		want any
	}{
		{sui, colRegionID, "cn-421300"},
		{sui, colRegion, "随州市"},
		{sui, "需求环节数 demand_count", 1},
		{sui, "需求路径 demand_paths", "正极材料→电池→整车"},
		{sui, colSection, "二(二)2"},
		{sui, colEvidence, "随州专用车"},
		{sui, "最近供给 nearest_suppliers", "武汉市 (2 hops, 155.3 km, same belt)"},
		{sui, "跨县界数 border_hops", 2},
		{sui, "距离km distance_km", 155.3},
		{sui, "同发展带 same_belt", true},
		// 孝感's nearest supplier has no border path and no distance: missing numbers.
		{xiao, "跨县界数 border_hops", nil},
		{xiao, "距离km distance_km", nil},
		{xiao, "最近供给 nearest_suppliers", "十堰市 (no border path, one reading); 武汉市 (1 hop, 60.0 km, same belt)"},
		{xiao, colEvidence, "孝感汽车零部件产业集群 (2018): 湖北省重点成长型产业集群 2018"},
		{xiao, colSection, ""},
	}
	for _, c := range checks {
		if got := c.row[col[c.col]]; got != c.want {
			t.Errorf("%s %s = %#v; want %#v", c.row[col[colRegion]], c.col, got, c.want)
		}
	}
}

func TestLackingAttributes(t *testing.T) {
	got := LackingAttributes(lackingFixture())
	want := map[string]map[string]any{
		"cn-421300": {"lacking": true, "demand_count": 1, "demand_paths": "正极材料→电池→整车", "supplier_count": 1,
			"nearest_suppliers": "武汉市 (2 hops, 155.3 km, same belt)", "nearest_supplier_name": "武汉市", "nearest_distance_km": 155.3},
		"cn-420900": {"lacking": true, "demand_count": 1, "demand_paths": "正极材料→电池→整车", "supplier_count": 2,
			"nearest_suppliers": "十堰市 (no border path, one reading); 武汉市 (1 hop, 60.0 km, same belt)", "nearest_supplier_name": "十堰市"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("LackingAttributes (-want +got):\n%s", diff)
	}
}

func TestWeakLinksAndMatrix(t *testing.T) {
	weak := WeakLinksTable(weakFixture())
	col := columns(t, weak)
	if got := weak.Rows[0][col["集中度 HHI"]]; got != nil {
		t.Errorf("HHI of a link nobody holds = %v; want nil (missing)", got)
	}
	if got := weak.Rows[1][col["集中度 HHI"]]; got != 1.0 {
		t.Errorf("HHI of a single source = %v; want 1", got)
	}
	if got := weak.Rows[1][col["持有地区 held_by (strength)"]]; got != "武汉市 (2, one reading)" {
		t.Errorf("held_by = %q", got)
	}
	if got := weak.Rows[1][col[colStage]]; got != "midstream" {
		t.Errorf("stage = %q", got)
	}

	// Cells in another order than the columns land under their own link.
	m := MatrixTable([]*pb.GetCoverageMatrixResponse{
		{Links: []*pb.LinkRef{cathode, battery}, Row: &pb.CoverageRow{Region: wuhan, HasLocationQuotient: true, LocationQuotient: 1.5,
			Cells: []*pb.CoverageCell{{LinkId: battery.Id, Present: true, Strength: 4}, {LinkId: cathode.Id}}}},
		{Row: &pb.CoverageRow{Region: suizhou, LocationQuotientStatus: pb.LocationQuotientStatus_LOCATION_QUOTIENT_STATUS_TOO_FEW_FIRMS,
			LocationQuotientFirms: 1, LocationQuotientExpectedFirms: 0.0813, Cells: []*pb.CoverageCell{{LinkId: cathode.Id, Present: true, Strength: 1}, {LinkId: battery.Id}}}},
	})
	want := [][]any{{"cn-420100", "420100", "武汉市", 1.5, "", 0.0, 4.0},
		{"cn-421300", "421300", "随州市", nil, "企业过少，不计：本链 1 家，按全省比例应有 0.0813 家，至少需 5 家 too few firms to be meaningful", 1.0, 0.0}}
	if diff := cmp.Diff(want, m.Rows); diff != "" {
		t.Errorf("matrix rows (-want +got):\n%s", diff)
	}
	if m.Header[5] != "正极材料 nev-cathode" {
		t.Errorf("matrix header %v", m.Header)
	}
}

func TestProfileTables(t *testing.T) {
	tabs := ProfileTables(&pb.GetRegionProfileResponse{
		Region: &pb.Region{Id: wuhan.Id, Code: wuhan.Code, Name: wuhan.Name},
		Chains: []*pb.ChainProfile{{
			Chain: &pb.ChainRef{Id: "nev", Name: "新能源汽车"}, Completeness: 0.6667, LinkCount: 3,
			Present:         []*pb.PresentLink{{Link: battery, Strength: 2, PresenceCount: 1, CertainPresenceCount: 1, Presences: []*pb.Presence{{Evidence: planEvidence("二(一)2", "武汉电池")}}}},
			MissingUpstream: []*pb.LinkRef{cathode},
			ChainFacts:      []*pb.ChainFact{{Evidence: planEvidence("二(二)1", "发挥武汉市带动作用")}},
		}},
		ClusterCounts: []*pb.ClusterCount{{Programme: "湖北省重点成长型产业集群", Year: 2018, Count: 4, NamedInData: 1, Evidence: &pb.Evidence{Source: "nokia-fans"}}},
	})
	if len(tabs) != 4 {
		t.Fatalf("%d tables; want chains, present, missing upstream, cluster counts", len(tabs))
	}
	var b bytes.Buffer
	if err := WriteXLSX(&b, tabs...); err != nil { // names are valid and distinct
		t.Fatal(err)
	}
	chains := tabs[0]
	col := columns(t, chains)
	row := chains.Rows[0]
	if row[col["区位商 location_quotient"]] != nil {
		t.Errorf("location quotient without has_location_quotient = %v; want nil", row[col["区位商 location_quotient"]])
	}
	if row[col["完整度 completeness"]] != 0.6667 || row[col["已有环节数 present_count"]] != 1 || row[col["整链依据 whole_chain_sections"]] != "规划 二(二)1" {
		t.Errorf("chains row %v", row)
	}
	if got := tabs[1].Rows[0][columns(t, tabs[1])[colEvidence]]; got != "武汉电池" {
		t.Errorf("present link evidence %q", got)
	}
	if got := tabs[2].Rows[0][columns(t, tabs[2])[colLinkID]]; got != "nev-cathode" {
		t.Errorf("missing upstream %v", got)
	}
	if got := tabs[3].Rows[0]; got[3] != 2018 || got[4] != 4 || got[5] != 1 {
		t.Errorf("cluster counts row %v", got)
	}
}

func TestRegionsTableConvertsCentroids(t *testing.T) {
	tab := RegionsTable([]*pb.Region{
		{Id: "cn-420102", Code: "420102", Name: "江岸区", Level: pb.RegionLevel_REGION_LEVEL_COUNTY, HasCentroid: true, Longitude: 114.320896, Latitude: 30.642672},
		{Id: "cn-420000", Code: "420000", Name: "湖北省", Level: pb.RegionLevel_REGION_LEVEL_PROVINCE},
	})
	col := columns(t, tab)
	lon := tab.Rows[0][col["经度WGS84 lon_wgs84"]].(float64)
	if d := 114.320896 - lon; d < 0.004 || d > 0.007 { // GCJ-02 sits ~0.005° east in Hubei
		t.Errorf("WGS84 longitude %v: GCJ-02 − WGS84 = %v°, want about 0.005", lon, d)
	}
	if tab.Rows[1][col["经度WGS84 lon_wgs84"]] != nil || tab.Rows[1][col["层级 level"]] != "province" {
		t.Errorf("province row %v", tab.Rows[1])
	}
}

func TestPlanGapsAndCompare(t *testing.T) {
	gaps := PlanGapsTable(&pb.FindPlanGapsResponse{PlanGaps: []*pb.PlanGap{
		{Region: suizhou, Chain: &pb.ChainRef{Id: "nev", Name: "新能源汽车"}, Link: battery, Grain: pb.FactGrain_FACT_GRAIN_LINK, PlannedCount: 1,
			Planned: []*pb.Presence{{Evidence: planEvidence("二(二)2", "培育随州电池")}}},
		{Region: xiaogan, Chain: &pb.ChainRef{Id: "nev", Name: "新能源汽车"}, Grain: pb.FactGrain_FACT_GRAIN_CHAIN,
			ChainFacts: []*pb.ChainFact{{Evidence: planEvidence("二(二)3", "打造孝感新能源汽车")}}},
	}})
	col := columns(t, gaps)
	if r := gaps.Rows[0]; r[col["规划原文 plan_quote"]] != "培育随州电池" || r[col[colSection]] != "二(二)2" || r[col["粒度 grain"]] != "link" {
		t.Errorf("link gap row %v", r)
	}
	if r := gaps.Rows[1]; r[col[colLink]] != "整链 whole chain" || r[col[colLinkID]] != "" || r[col["规划原文 plan_quote"]] != "打造孝感新能源汽车" {
		t.Errorf("chain gap row %v", r)
	}
	cmpTab := CompareTable(&pb.CompareLackingRegionsResponse{Link: cathode, FromYear: 2013, ToYear: 2024,
		Dictionary: &pb.Dictionary{Links: []*pb.LinkRef{cathode, vehicle}},
		Changes: []*pb.LackingChange{{Region: suizhou, Change: pb.GapChange_GAP_CHANGE_HEALED, DemandLinkIdsBefore: []string{"nev-vehicle"},
			FilledBy: []*pb.Presence{{LinkId: "nev-cathode", Holder: "随州正极集群", Year: 2024, Evidence: &pb.Evidence{Source: "2024 list"}}}}}})
	col = columns(t, cmpTab)
	r := cmpTab.Rows[0]
	if r[col["变化 change"]] != "healed" || r[col["需求 demand 2013"]] != "整车" || r[col["需求 demand 2024"]] != "" || r[col["变化的事实 facts_changed"]] != "正极材料 随州正极集群 (2024)" {
		t.Errorf("compare row %v", r)
	}
}

func TestWriteGeoJSON(t *testing.T) {
	square := json.RawMessage(`{"type": "Polygon", "coordinates": [[[114,30],[115,30],[115,31],[114,30]]]}`)
	var b bytes.Buffer
	err := WriteGeoJSON(&b, []Feature{
		{ID: "cn-420102", Code: "420102", Name: "江岸区", Geometry: square, Properties: map[string]any{"lacking": true, "demand_count": 2}},
		{ID: "cn-429021", Code: "429021", Name: "神农架林区", Lon: 110.6754321, Lat: 31.7441234, HasPoint: true},
		{ID: "cn-x", Code: "x", Name: "无"},
	})
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string
		CRS      any `json:"crs"`
		Features []struct {
			Type       string
			ID         string
			Properties map[string]any
			Geometry   *struct {
				Type        string
				Coordinates json.RawMessage
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &fc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b.String())
	}
	if fc.Type != "FeatureCollection" || fc.CRS != nil || len(fc.Features) != 3 {
		t.Fatalf("collection %s, crs %v, %d features", fc.Type, fc.CRS, len(fc.Features))
	}
	f0 := fc.Features[0]
	if f0.ID != "cn-420102" || f0.Properties["code"] != "420102" || f0.Properties["name"] != "江岸区" || f0.Properties["lacking"] != true || f0.Properties["demand_count"] != 2.0 {
		t.Errorf("first feature %+v", f0)
	}
	if f0.Geometry.Type != "Polygon" || string(f0.Geometry.Coordinates) != "[[[114,30],[115,30],[115,31],[114,30]]]" {
		t.Errorf("first geometry %s %s", f0.Geometry.Type, f0.Geometry.Coordinates)
	}
	if g := fc.Features[1].Geometry; g.Type != "Point" || string(g.Coordinates) != "[110.675432,31.744123]" {
		t.Errorf("point %s %s; want the lon/lat at 6 decimals", g.Type, g.Coordinates)
	}
	if fc.Features[2].Geometry != nil {
		t.Errorf("a feature with neither geometry nor point has geometry %v; want null", fc.Features[2].Geometry)
	}
	for _, bad := range []Feature{
		{ID: "a", Properties: map[string]any{"name": "x"}},
		{ID: "a", Geometry: json.RawMessage(`{"type":"Circle"}`)},
		{ID: "a", HasPoint: true, Lon: 200},
	} {
		if err := WriteGeoJSON(&bytes.Buffer{}, []Feature{bad}); err == nil {
			t.Errorf("feature %+v accepted", bad)
		}
	}
}

// graphmlDoc is what the tests read back of a GraphML file.
type graphmlDoc struct {
	Keys []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string `xml:"id,attr"`
			Data []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			Source string `xml:"source,attr"`
			Target string `xml:"target,attr"`
			Data   []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

func readGraphML(t *testing.T, b []byte) (doc graphmlDoc, nodes map[string]map[string]string, edges map[string]map[string]string) {
	t.Helper()
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("GraphML is not XML: %v", err)
	}
	nodes, edges = map[string]map[string]string{}, map[string]map[string]string{}
	for _, n := range doc.Graph.Nodes {
		nodes[n.ID] = map[string]string{}
		for _, d := range n.Data {
			nodes[n.ID][d.Key] = d.Value
		}
	}
	for _, e := range doc.Graph.Edges {
		attrs := map[string]string{}
		for _, d := range e.Data {
			attrs[d.Key] = d.Value
		}
		edges[attrs["e_relation"]+" "+e.Source+"→"+e.Target] = attrs
	}
	return doc, nodes, edges
}

func TestChainGraphML(t *testing.T) {
	var b bytes.Buffer
	if err := WriteChainGraphML(&b, chainFixture()); err != nil {
		t.Fatal(err)
	}
	doc, nodes, edges := readGraphML(t, b.Bytes())
	if doc.Graph.EdgeDefault != "directed" {
		t.Errorf("edgedefault %q", doc.Graph.EdgeDefault)
	}
	if len(nodes) != 4 || len(edges) != 3 {
		t.Errorf("%d nodes, %d edges; want 4 (3 links and 钢材 across chains), 3 FEEDS", len(nodes), len(edges))
	}
	if n := nodes["nev-cathode"]; n["n_label"] != "正极材料" || n["n_stage"] != "upstream" || n["n_segments"] != "三元、磷酸铁锂" || n["n_in_chain"] != "true" || n["n_evidence_kind"] != "domain" {
		t.Errorf("cathode node %v", n)
	}
	if n := nodes["steel-plate"]; n["n_in_chain"] != "false" || n["n_chain"] != "steel" {
		t.Errorf("cross-chain node %v", n)
	}
	if e := edges["FEEDS nev-battery→nev-vehicle"]; e["e_evidence"] != "电池装车" {
		t.Errorf("FEEDS edge %v", e)
	}
}

func TestLackingGraphML(t *testing.T) {
	var b bytes.Buffer
	if err := WriteLackingGraphML(&b, chainFixture(), lackingFixture()); err != nil {
		t.Fatal(err)
	}
	_, nodes, edges := readGraphML(t, b.Bytes())
	// 4 links + 随州, 孝感 (lacking), 武汉, 十堰 (suppliers).
	if len(nodes) != 8 {
		t.Errorf("%d nodes; want 8", len(nodes))
	}
	if n := nodes["cn-421300"]; n["n_role"] != "lacking" || n["n_kind"] != "region" || n["n_demand_count"] != "1" || n["n_code"] != "421300" {
		t.Errorf("随州 node %v", n)
	}
	if nodes["cn-420100"]["n_role"] != "supplier" || nodes["nev-cathode"]["n_role"] != "missing" {
		t.Errorf("武汉 %v, 正极材料 %v", nodes["cn-420100"], nodes["nev-cathode"])
	}
	for _, want := range []string{"LACKS cn-421300→nev-cathode", "LACKS cn-420900→nev-cathode", "HAS cn-421300→nev-vehicle",
		"SUPPLIES cn-420100→cn-421300", "SUPPLIES cn-420100→cn-420900", "SUPPLIES cn-420300→cn-420900"} {
		if _, ok := edges[want]; !ok {
			t.Errorf("no edge %s", want)
		}
	}
	if e := edges["SUPPLIES cn-420100→cn-421300"]; e["e_distance_km"] != "155.3" || e["e_border_hops"] != "2" || e["e_same_belt"] != "true" {
		t.Errorf("武汉→随州 %v", e)
	}
	if e := edges["SUPPLIES cn-420300→cn-420900"]; e["e_distance_km"] != "" || e["e_border_hops"] != "" {
		t.Errorf("十堰→孝感 has unknown distance/hops written: %v", e)
	}
	if edges["FEEDS nev-cathode→nev-battery"]["e_on_demand_path"] != "true" || edges["FEEDS steel-plate→nev-vehicle"]["e_on_demand_path"] != "false" {
		t.Errorf("on_demand_path: %v / %v", edges["FEEDS nev-cathode→nev-battery"], edges["FEEDS steel-plate→nev-vehicle"])
	}
	if len(edges) != 3+2+2+3 { // FEEDS, LACKS, HAS, SUPPLIES
		t.Errorf("%d edges; want 10", len(edges))
	}
	other := chainFixture()
	other.Chain.Id = "steel"
	if err := WriteLackingGraphML(&bytes.Buffer{}, other, lackingFixture()); err == nil {
		t.Error("a chain graph of another chain than the answer's was accepted")
	}
}

// columns maps a table's header to column indexes, failing on duplicates.
func columns(t *testing.T, tab Table) map[string]int {
	t.Helper()
	out := map[string]int{}
	for i, h := range tab.Header {
		if _, dup := out[h]; dup {
			t.Fatalf("table %q: column %q twice", tab.Name, h)
		}
		out[h] = i
	}
	for i, r := range tab.Rows {
		if len(r) != len(tab.Header) {
			t.Fatalf("table %q row %d: %d cells for %d columns", tab.Name, i, len(r), len(tab.Header))
		}
	}
	return out
}
