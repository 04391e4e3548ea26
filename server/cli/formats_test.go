package cli_test

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// graphML is the part of a GraphML file the tests read: its nodes and edges.
type graphML struct {
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
		} `xml:"edge"`
	} `xml:"graph"`
}

func (g graphML) hasNodeText(s string) bool {
	for _, n := range g.Graph.Nodes {
		if strings.Contains(n.ID, s) {
			return true
		}
		for _, d := range n.Data {
			if d.Value == s {
				return true
			}
		}
	}
	return false
}

func TestExcelWorkbooks(t *testing.T) {
	addr := serveSeeds(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		args   []string
		sheets []string
		cell   string // a value some sheet holds
	}{
		// -o FILE.xlsx alone chooses the format.
		{[]string{"gaps", "profile", "--region", "仙桃", "-o", filepath.Join(dir, "仙桃.xlsx")}, []string{"产业链 chains", "已有环节 present links", "缺上游 missing upstream", "集群数 cluster counts"}, "农产品加工"},
		{[]string{"gaps", "lacking", "--link", "电池材料", "--format", "xlsx", "--output", filepath.Join(dir, "补链.xlsx")}, []string{"补链 lacking"}, "随州市"},
		{[]string{"regions", "--level", "prefecture", "-o", filepath.Join(dir, "市州.xlsx")}, nil, "襄阳市"},
		{[]string{"gaps", "matrix", "--chain", "nev", "--scope", "襄十随", "-o", filepath.Join(dir, "矩阵.xlsx")}, nil, "十堰市"},
	} {
		file := tc.args[len(tc.args)-1]
		code, out, errOut := run(t, append(tc.args, "--addr", addr)...)
		if code != 0 || out != "" || !strings.Contains(errOut, "wrote "+file+" (xlsx") {
			t.Errorf("%v: exit %d, stdout %d bytes, stderr %q; want the workbook written and said so", tc.args, code, len(out), errOut)
			continue
		}
		f, err := excelize.OpenFile(file)
		if err != nil {
			t.Errorf("%v: %v", tc.args, err)
			continue
		}
		sheets := f.GetSheetList()
		if tc.sheets != nil && strings.Join(sheets, "|") != strings.Join(tc.sheets, "|") {
			t.Errorf("%v: sheets %q, want %q", tc.args, sheets, tc.sheets)
		}
		found := false
		for _, sh := range sheets {
			if cells, _ := f.SearchSheet(sh, tc.cell); len(cells) > 0 {
				found = true
			}
		}
		if !found {
			t.Errorf("%v: no sheet holds %q", tc.args, tc.cell)
		}
		f.Close()
	}
}

func TestGraphMLForGephi(t *testing.T) {
	addr := serveSeeds(t)
	read := func(args ...string) graphML {
		t.Helper()
		code, out, errOut := run(t, append(args, "--format", "graphml", "--addr", addr)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		var g graphML
		if err := xml.Unmarshal([]byte(out), &g); err != nil {
			t.Fatalf("%v: not GraphML: %v\n%s", args, err, out)
		}
		return g
	}
	chain := read("links", "--chain", "nev")
	if chain.Graph.EdgeDefault != "directed" || len(chain.Graph.Edges) == 0 || !chain.hasNodeText("电池材料") || !chain.hasNodeText("新能源整车") {
		t.Errorf("links --chain nev: want a directed graph of the chain's links with FEEDS edges, got %d nodes, %d edges", len(chain.Graph.Nodes), len(chain.Graph.Edges))
	}
	lacking := read("gaps", "lacking", "--link", "电池材料")
	if !lacking.hasNodeText("随州市") || !lacking.hasNodeText("电池材料") || len(lacking.Graph.Edges) <= len(chain.Graph.Edges)/2 {
		t.Errorf("gaps lacking: want the chain's graph with the lacking region 随州市, got %d nodes, %d edges", len(lacking.Graph.Nodes), len(lacking.Graph.Edges))
	}
	// Only the chain and 补链 answers are graphs.
	if code, _, errOut := run(t, "gaps", "weak", "--chain", "nev", "--format", "graphml", "--addr", addr); code != 2 || !strings.Contains(errOut, `--format "graphml": want table, csv, json, xlsx`) {
		t.Errorf("weak --format graphml: exit %d, stderr %q; want a usage error listing the formats", code, errOut)
	}
}

// A failed question leaves no file behind.
func TestFailedQuestionWritesNoFile(t *testing.T) {
	addr := serveSeeds(t)
	file := filepath.Join(t.TempDir(), "x.csv")
	if code, _, _ := run(t, "gaps", "weak", "--chain", "新能源汽", "-o", file, "--addr", addr); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Errorf("%s exists after a failed question (%v)", file, err)
	}
}

// gaps lacking --format geojson maps every region of the scope with its standing (the
// service's own GetLinkMap), for QGIS; regions --format geojson is the base map.
func TestGeoJSONForQGIS(t *testing.T) {
	addr := serveSeeds(t)
	read := func(args ...string) []map[string]any {
		t.Helper()
		code, out, errOut := run(t, append(args, "--format", "geojson", "--addr", addr)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		var fc struct {
			Type     string
			Features []struct {
				Geometry   struct{ Type string }
				Properties map[string]any
			}
		}
		if err := json.Unmarshal([]byte(out), &fc); err != nil || fc.Type != "FeatureCollection" {
			t.Fatalf("%v: not a FeatureCollection (%v): %.200s", args, err, out)
		}
		var props []map[string]any
		for _, f := range fc.Features {
			if !strings.HasSuffix(f.Geometry.Type, "Polygon") {
				t.Errorf("%v: %v has geometry %q; want its boundary", args, f.Properties["name"], f.Geometry.Type)
			}
			props = append(props, f.Properties)
		}
		return props
	}
	counties := read("gaps", "lacking", "--link", "电池材料", "--level", "county")
	statuses := map[string]int{}
	for _, p := range counties {
		statuses[p["status"].(string)]++
		if p["status"] == "lacks" && (p["lacking"] != true || p["demand_paths"] == "") {
			t.Errorf("%v lacks the link but has no 补链 attributes: %v", p["name"], p)
		}
	}
	if len(counties) != 103 || statuses["lacks"] == 0 || statuses["has"] == 0 || statuses["no_demand"] == 0 {
		t.Errorf("%d counties with statuses %v; want Hubei's 103, some having, some lacking, some without demand", len(counties), statuses)
	}
	if base := read("regions", "--level", "county"); len(base) != 103 || base[0]["parent_id"] == "" {
		t.Errorf("regions --level county: %d features, first %v; want 103 with their parents", len(base), base[0])
	}
}
