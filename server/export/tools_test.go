package export

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/chaingraph/chaingraph/loaders/boundaries"
	"github.com/chaingraph/chaingraph/server/export/toolcheck"
)

// These tests open the files with the tools users open them with (see toolcheck).

func TestXLSXInOpenpyxl(t *testing.T) {
	py := toolcheck.Python(t, "openpyxl")
	lacking := LackingTable(lackingFixture())
	weak := WeakLinksTable(weakFixture())
	var b bytes.Buffer
	if err := WriteXLSX(&b, lacking, weak); err != nil {
		t.Fatal(err)
	}
	path := toolcheck.Artefact(t, "补链.xlsx", b.Bytes())
	const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames, "panes": {}, "cells": {}, "bold": {}, "widths": {}}
for ws in wb.worksheets:
    out["panes"][ws.title] = ws.freeze_panes
    out["bold"][ws.title] = all(c.font.b for c in ws[1])
    out["cells"][ws.title] = [[[type(c.value).__name__, c.value] for c in row] for row in ws.iter_rows()]
    out["widths"][ws.title] = {k: d.width for k, d in ws.column_dimensions.items()}
print(json.dumps(out, ensure_ascii=False))
`
	var got struct {
		Sheets []string
		Panes  map[string]string
		Bold   map[string]bool
		Cells  map[string][][][2]any
		Widths map[string]map[string]float64
	}
	toolcheck.RunJSON(t, &got, py, "-c", script, path)
	if len(got.Sheets) != 2 || got.Sheets[0] != "补链 lacking" || got.Sheets[1] != "强链 weak links" {
		t.Fatalf("sheets %q", got.Sheets)
	}
	for _, s := range got.Sheets {
		if got.Panes[s] != "A2" {
			t.Errorf("%s: frozen pane %q; want A2 (header row frozen)", s, got.Panes[s])
		}
		if !got.Bold[s] {
			t.Errorf("%s: header row not bold", s)
		}
	}
	cells := got.Cells["补链 lacking"]
	col := columns(t, lacking)
	cell := func(row int, name string) [2]any { return cells[row][col[name]] }
	if h := cell(0, colRegion); h[0] != "str" || h[1] != "地区 region" {
		t.Errorf("header cell %v; want the CJK text intact", h)
	}
	if c := cell(1, colRegion); c[1] != "随州市" {
		t.Errorf("region cell %v", c)
	}
	if c := cell(1, "需求环节数 demand_count"); c[0] != "int" || c[1] != 1.0 {
		t.Errorf("demand_count cell %v; want the int 1", c)
	}
	if c := cell(1, "距离km distance_km"); c[0] != "float" || c[1] != 155.3 {
		t.Errorf("distance cell %v; want the float 155.3", c)
	}
	if c := cell(2, "距离km distance_km"); c[0] != "NoneType" {
		t.Errorf("unknown distance cell %v; want empty", c)
	}
	if c := cell(1, "同发展带 same_belt"); c[0] != "bool" || c[1] != true {
		t.Errorf("same_belt cell %v; want a boolean", c)
	}
	// 最近供给 holds the longest text: its column is wider than the code column.
	widths := got.Widths["补链 lacking"]
	if widths["I"] <= widths["B"] || widths["B"] < minColumnWidth {
		t.Errorf("column widths %v: want the suppliers column (I) wider than the code column (B)", widths)
	}
	if c := got.Cells["强链 weak links"][1][columns(t, weak)["集中度 HHI"]]; c[0] != "NoneType" {
		t.Errorf("HHI of a link nobody holds: %v; want empty", c)
	}
}

func TestGraphMLInNetworkx(t *testing.T) {
	py := toolcheck.Python(t, "networkx")
	var b bytes.Buffer
	if err := WriteLackingGraphML(&b, chainFixture(), lackingFixture()); err != nil {
		t.Fatal(err)
	}
	path := toolcheck.Artefact(t, "补链.graphml", b.Bytes())
	const script = `
import json, sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
e = g.edges["cn-420100", "cn-421300"]
print(json.dumps({
  "directed": g.is_directed(), "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
  "suizhou": g.nodes["cn-421300"], "cathode": g.nodes["nev-cathode"],
  "supplies": {k: [type(v).__name__, v] for k, v in e.items()},
  "relations": sorted(d["relation"] for _, _, d in g.edges(data=True)),
}, ensure_ascii=False))
`
	var got struct {
		Directed  bool
		Nodes     int
		Edges     int
		Suizhou   map[string]any
		Cathode   map[string]any
		Supplies  map[string][2]any
		Relations []string
	}
	toolcheck.RunJSON(t, &got, py, "-c", script, path)
	if !got.Directed || got.Nodes != 8 || got.Edges != 10 {
		t.Errorf("networkx read directed=%v, %d nodes, %d edges; want directed, 8, 10", got.Directed, got.Nodes, got.Edges)
	}
	if got.Suizhou["label"] != "随州市" || got.Suizhou["role"] != "lacking" || got.Suizhou["demand_count"] != 1.0 {
		t.Errorf("随州 %v", got.Suizhou)
	}
	if got.Cathode["stage"] != "upstream" || got.Cathode["in_chain"] != true || got.Cathode["segments"] != "三元、磷酸铁锂" {
		t.Errorf("正极材料 %v", got.Cathode)
	}
	if d := got.Supplies["distance_km"]; d[0] != "float" || d[1] != 155.3 {
		t.Errorf("distance_km %v; want the float 155.3", d)
	}
	if h := got.Supplies["border_hops"]; h[0] != "int" || h[1] != 2.0 {
		t.Errorf("border_hops %v; want the int 2", h)
	}
	if s := got.Supplies["same_belt"]; s[0] != "bool" || s[1] != true {
		t.Errorf("same_belt %v; want the boolean true", s)
	}
	want := "FEEDS FEEDS FEEDS HAS HAS LACKS LACKS SUPPLIES SUPPLIES SUPPLIES"
	if strings.Join(got.Relations, " ") != want {
		t.Errorf("relations %v; want %s", got.Relations, want)
	}
}

func TestHubeiGeoJSONInOgrinfo(t *testing.T) {
	ogrinfo := toolcheck.Ogrinfo(t)
	shapes, err := boundaries.Hubei()
	if err != nil {
		t.Fatal(err)
	}
	attrs := LackingAttributes(lackingFixture())
	var features []Feature
	for code, g := range shapes {
		id := "cn-" + code
		props := map[string]any{"status": "none"}
		for k, v := range attrs[id] {
			props[k] = v
		}
		features = append(features, Feature{ID: id, Code: code, Name: code, Geometry: g, Properties: props})
	}
	// The fixture's lacking regions are prefectures; give two counties their attributes too.
	for i, code := range []string{"421303", "420902"} {
		for j := range features {
			if features[j].Code == code {
				for k, v := range attrs[[]string{"cn-421300", "cn-420900"}[i]] {
					features[j].Properties[k] = v
				}
			}
		}
	}
	var b bytes.Buffer
	if err := WriteGeoJSON(&b, features); err != nil {
		t.Fatal(err)
	}
	path := toolcheck.Artefact(t, "hubei-counties.geojson", b.Bytes())
	out, err := exec.Command(ogrinfo, "-ro", "-al", "-so", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	text := string(out)
	for _, want := range []string{"Feature Count: 103", "Geometry: Multi Polygon", `ID["EPSG",4326]`,
		"id: String", "code: String", "name: String", "status: String", "lacking: Integer(Boolean)",
		"demand_count: Integer", "demand_paths: String", "supplier_count: Integer", "nearest_distance_km: Real"} {
		if !strings.Contains(text, want) {
			t.Errorf("ogrinfo does not report %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"Warning", "ERROR"} {
		if strings.Contains(text, bad) {
			t.Errorf("ogrinfo reports a %s:\n%s", bad, text)
		}
	}
}
