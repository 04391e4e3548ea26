package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"strings"
	"testing"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/server/export/toolcheck"
)

func download(t *testing.T, u string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// TestExportsOpenInTheirTools downloads the page's exports from a running service and opens
// them as their users do: the map in ogrinfo (QGIS's GDAL), the table in openpyxl (Excel's
// format), the chain in networkx (GraphML, as Gephi reads it).
func TestExportsOpenInTheirTools(t *testing.T) {
	r := runSeeds(t, nil)
	question := url.Values{"chain": {"nev"}, "link": {"电池材料"}, "level": {"county"}}.Encode()
	var linkMap pb.GetLinkMapResponse
	if err := r.conn.Invoke(context.Background(), "/chaingraph.v1.ChainGraphService/GetLinkMap",
		&pb.GetLinkMapRequest{Chain: "nev", Link: "电池材料", Level: pb.RegionLevel_REGION_LEVEL_COUNTY}, &linkMap); err != nil {
		t.Fatal(err)
	}
	var lacking pb.FindLackingRegionsResponse
	if err := r.conn.Invoke(context.Background(), "/chaingraph.v1.ChainGraphService/FindLackingRegions",
		&pb.FindLackingRegionsRequest{Chain: "nev", Link: "电池材料", Level: pb.RegionLevel_REGION_LEVEL_COUNTY, PageSize: 500}, &lacking); err != nil {
		t.Fatal(err)
	}
	if len(lacking.LackingRegions) == 0 {
		t.Fatal("no county lacks 电池材料: the question exercises nothing")
	}

	t.Run("geojson", func(t *testing.T) {
		resp, body := download(t, r.httpURL+"/export/map.geojson?"+question)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/geo+json" {
			t.Fatalf("%d %s: %.300s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
		var fc struct {
			Features []struct {
				Geometry   struct{ Type string }
				Properties map[string]any
			}
		}
		if err := json.Unmarshal(body, &fc); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{}
		for _, m := range linkMap.Regions {
			want[m.Region.Code] = strings.ToLower(strings.TrimPrefix(m.Status.String(), "LINK_STATUS_"))
		}
		if len(fc.Features) != 103 || len(want) != 103 {
			t.Fatalf("%d features, %d mapped regions; want Hubei's 103 counties", len(fc.Features), len(want))
		}
		for _, f := range fc.Features {
			code, _ := f.Properties["code"].(string)
			if f.Properties["status"] != want[code] || (f.Geometry.Type != "Polygon" && f.Geometry.Type != "MultiPolygon") {
				t.Errorf("%s: status %v, geometry %s; want %s and its boundary", code, f.Properties["status"], f.Geometry.Type, want[code])
			}
		}
		path := toolcheck.Artefact(t, "map-nev-battery-materials.geojson", body)
		out, err := execOutput(toolcheck.Ogrinfo(t), "-ro", "-al", "-so", path)
		if err != nil {
			t.Fatalf("ogrinfo: %v\n%s", err, out)
		}
		for _, w := range []string{"Feature Count: 103", "Geometry: Multi Polygon", `ID["EPSG",4326]`, "status: String", "status_zh: String",
			"nearest_supplier: Integer(Boolean)", "lacking: Integer(Boolean)", "demand_paths: String", "nearest_suppliers: String"} {
			if !strings.Contains(out, w) {
				t.Errorf("ogrinfo does not report %q:\n%s", w, out)
			}
		}
	})

	t.Run("xlsx", func(t *testing.T) {
		resp, body := download(t, r.httpURL+"/export/lacking.xlsx?"+question)
		if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Disposition"), "filename*=UTF-8''") {
			t.Fatalf("%d %q: %.300s", resp.StatusCode, resp.Header.Get("Content-Disposition"), body)
		}
		path := toolcheck.Artefact(t, "lacking-nev-battery-materials.xlsx", body)
		var got struct {
			Sheets []string
			Rows   int
			Frozen string
			Names  []string
			Counts []string
		}
		toolcheck.RunJSON(t, &got, toolcheck.Python(t, "openpyxl"), "-c", `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
head = [c.value for c in ws[1]]
name, count = head.index("地区 region"), head.index("需求环节数 demand_count")
rows = list(ws.iter_rows(min_row=2, values_only=True))
print(json.dumps({"sheets": wb.sheetnames, "rows": len(rows), "frozen": ws.freeze_panes,
    "names": [r[name] for r in rows], "counts": [type(r[count]).__name__ for r in rows]}, ensure_ascii=False))
`, path)
		if len(got.Sheets) != 1 || got.Frozen != "A2" || got.Rows != len(lacking.LackingRegions) {
			t.Errorf("workbook %+v; want one sheet, header frozen at A2, %d rows", got, len(lacking.LackingRegions))
		}
		for i, r := range lacking.LackingRegions {
			if i < len(got.Names) && (got.Names[i] != r.Region.Name || got.Counts[i] != "int") {
				t.Errorf("row %d: %s with a %s count; want %s with an int", i+2, got.Names[i], got.Counts[i], r.Region.Name)
			}
		}
	})

	t.Run("graphml", func(t *testing.T) {
		var chain pb.GetChainResponse
		if err := r.conn.Invoke(context.Background(), "/chaingraph.v1.ChainGraphService/GetChain", &pb.GetChainRequest{Chain: "nev"}, &chain); err != nil {
			t.Fatal(err)
		}
		resp, body := download(t, r.httpURL+"/export/chain.graphml?chain=nev")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%d: %.300s", resp.StatusCode, body)
		}
		path := toolcheck.Artefact(t, "chain-nev.graphml", body)
		var got struct {
			Links, Feeds int
			Names        []string
		}
		toolcheck.RunJSON(t, &got, toolcheck.Python(t, "networkx"), "-c", `
import json, sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
inside = [n for n, d in g.nodes(data=True) if d.get("in_chain", True)]
print(json.dumps({"links": len(inside), "feeds": g.number_of_edges(),
    "names": sorted(g.nodes[n]["name"] for n in inside)}, ensure_ascii=False))
`, path)
		if got.Links != len(chain.Links) || got.Feeds != len(chain.Feeds) {
			t.Errorf("networkx reads %d links and %d FEEDS edges; the chain has %d and %d", got.Links, got.Feeds, len(chain.Links), len(chain.Feeds))
		}
	})

	t.Run("csv and errors", func(t *testing.T) {
		resp, body := download(t, r.httpURL+"/export/lacking.csv?"+question)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(string(body), "\uFEFF") || !strings.Contains(string(body), lacking.LackingRegions[0].Region.Name) {
			t.Errorf("CSV: %d %.200q; want a BOM and the lacking regions", resp.StatusCode, body)
		}
		resp, body = download(t, r.httpURL+"/export/lacking.xlsx?chain=nev")
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "link") {
			t.Errorf("no link: %d %q; want 400 naming link", resp.StatusCode, body)
		}
		resp, body = download(t, r.httpURL+"/export/lacking.pdf?"+question)
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(body), "lacking.xlsx") {
			t.Errorf("unknown format: %d %q; want 404 listing what is offered", resp.StatusCode, body)
		}
		resp, body = download(t, r.httpURL+"/export/map.geojson?chain=nev&link=电池材料&level=town")
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "county or prefecture") {
			t.Errorf("bad level: %d %q; want 400 saying what is valid", resp.StatusCode, body)
		}
	})

	t.Run("base map", func(t *testing.T) {
		resp, body := download(t, r.httpURL+"/map/regions.geojson")
		var fc struct {
			Features []struct {
				Geometry   struct{ Type string }
				Properties struct {
					Level    string
					ParentID string `json:"parent_id"`
				}
			}
		}
		if err := json.Unmarshal(body, &fc); resp.StatusCode != http.StatusOK || err != nil {
			t.Fatalf("%d %v", resp.StatusCode, err)
		}
		for _, f := range fc.Features {
			if f.Properties.Level != "county" || f.Properties.ParentID == "" || !strings.HasSuffix(f.Geometry.Type, "Polygon") {
				t.Errorf("feature %+v; want a county with its parent and boundary", f)
			}
		}
		if len(fc.Features) != 103 {
			t.Errorf("%d counties; want 103", len(fc.Features))
		}
	})
}

func execOutput(name string, args ...string) (string, error) {
	out, err := exec.Command(name, args...).CombinedOutput()
	return string(out), err
}
