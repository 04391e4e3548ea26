package boundaries

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io/fs"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/chaingraph/chaingraph/seeds"
)

// hubeiPoints span the province: its corners and its cities.
var hubeiPoints = []struct {
	name     string
	lon, lat float64
}{
	{"武汉 Wuhan", 114.305, 30.593},
	{"十堰 Shiyan", 110.798, 32.629},
	{"恩施 Enshi", 109.488, 30.272},
	{"宜昌 Yichang", 111.286, 30.692},
	{"黄梅 Huangmei", 115.944, 30.070},
	{"随州 Suizhou", 113.383, 31.690},
	{"south-west corner", 108.36, 29.03},
	{"north-east corner", 116.13, 33.28},
}

// A forward value published with wandergis/coordtransform (README: wgs84togcj02(116.404,
// 39.915)), an independent implementation of the same formula.
func TestForwardMatchesPublishedValue(t *testing.T) {
	lon, lat := WGS84ToGCJ02(116.404, 39.915)
	if math.Abs(lon-116.41024449916938) > 1e-9 || math.Abs(lat-39.91640428150164) > 1e-9 {
		t.Errorf("WGS84ToGCJ02(116.404, 39.915) = %.14f, %.14f; want 116.41024449916938, 39.91640428150164", lon, lat)
	}
}

func TestInverseAtHubeiPoints(t *testing.T) {
	for _, p := range hubeiPoints {
		wLon, wLat := GCJ02ToWGS84(p.lon, p.lat)
		gLon, gLat := WGS84ToGCJ02(wLon, wLat)
		if math.Abs(gLon-p.lon) > inverseTolerance || math.Abs(gLat-p.lat) > inverseTolerance {
			t.Errorf("%s: forward(inverse(%v, %v)) = %.9f, %.9f: misses by more than %g°", p.name, p.lon, p.lat, gLon, gLat, inverseTolerance)
		}
		// GCJ-02 moves Hubei a few hundred metres east (and a little south): WGS84 lies west.
		offset := metres(p.lon, p.lat, wLon, wLat)
		t.Logf("%s: offset %.1f m (lon %+.6f°, lat %+.6f°)", p.name, offset, wLon-p.lon, wLat-p.lat)
		if offset < 100 || offset > 800 {
			t.Errorf("%s: GCJ-02 offset %.0f m; want a few hundred metres", p.name, offset)
		}
		if wLon >= p.lon {
			t.Errorf("%s: WGS84 longitude %.6f not west of GCJ-02 %.6f", p.name, wLon, p.lon)
		}
		// And the other way round: inverse(forward(w)) = w.
		fLon, fLat := WGS84ToGCJ02(p.lon, p.lat)
		bLon, bLat := GCJ02ToWGS84(fLon, fLat)
		if d := metres(p.lon, p.lat, bLon, bLat); d > 0.02 {
			t.Errorf("%s: inverse(forward(p)) is %.3f m from p; want under 2 cm", p.name, d)
		}
	}
	// Wuhan's offset from eviltransform in leifgehrmann/gcj02-distortion-map: 586 m.
	wLon, wLat := GCJ02ToWGS84(114.305, 30.593)
	if d := metres(114.305, 30.593, wLon, wLat); math.Abs(d-586) > 30 {
		t.Errorf("Wuhan offset %.0f m; published 586 m at a nearby point", d)
	}
}

func TestOutsideChinaUnchanged(t *testing.T) {
	for _, p := range [][2]float64{{2.35, 48.85}, {-74, 40.7}, {140, 35.7}} {
		if lon, lat := GCJ02ToWGS84(p[0], p[1]); lon != p[0] || lat != p[1] {
			t.Errorf("GCJ02ToWGS84(%v) = %v, %v; want it unchanged outside China", p, lon, lat)
		}
	}
}

// metres is the great-circle distance on a sphere of the WGS84 semi-major axis.
func metres(lon1, lat1, lon2, lat2 float64) float64 {
	const r = 6378137.0
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

func TestConvertSmallCollection(t *testing.T) {
	// A clockwise square with a counter-clockwise hole (both wrong for RFC 7946), a second
	// county first (output is by code), and properties that must not survive.
	src := `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"x"}},"features":[
	 {"type":"Feature","properties":{"code":"420200","name":"乙","adcode":420200},"geometry":{"type":"MultiPolygon","coordinates":[[[[114,30],[114.1,30],[114.1,30.1],[114,30]]]]}},
	 {"type":"Feature","properties":{"code":"420100","name":"甲","center":[1,2]},"geometry":{"type":"Polygon","coordinates":[
	   [[114,30],[114,31],[115,31],[115,30],[114,30]],
	   [[114.2,30.2],[114.8,30.2],[114.8,30.8],[114.2,30.8],[114.2,30.2]]]}}]}`
	out, stats, err := Convert([]byte(src), "test.geojson")
	if err != nil {
		t.Fatal(err)
	}
	if stats.Features != 2 || stats.Rings != 3 || stats.ReversedRings != 2 {
		t.Errorf("stats %+v; want 2 features, 3 rings, 2 reversed", stats)
	}
	if bytes.Contains(out, []byte("crs")) || bytes.Contains(out, []byte("adcode")) || bytes.Contains(out, []byte("center")) {
		t.Errorf("output keeps source members:\n%s", out)
	}
	var fc struct {
		Type     string
		Features []struct {
			Properties map[string]any
			Geometry   struct {
				Type        string
				Coordinates json.RawMessage
			}
		}
	}
	if err := json.Unmarshal(out, &fc); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 2 {
		t.Fatalf("got %s with %d features", fc.Type, len(fc.Features))
	}
	first := fc.Features[0]
	if first.Properties["code"] != "420100" || first.Properties["name"] != "甲" || len(first.Properties) != 2 {
		t.Errorf("first feature's properties %v; want code 420100 and name 甲 only", first.Properties)
	}
	var rings [][][2]float64
	if err := json.Unmarshal(first.Geometry.Coordinates, &rings); err != nil || first.Geometry.Type != "Polygon" {
		t.Fatalf("first geometry %s %s: %v", first.Geometry.Type, first.Geometry.Coordinates, err)
	}
	if signedArea(rings[0]) <= 0 {
		t.Errorf("exterior ring is clockwise: %v", rings[0])
	}
	if signedArea(rings[1]) >= 0 {
		t.Errorf("hole is counter-clockwise: %v", rings[1])
	}
	wantLon, wantLat := GCJ02ToWGS84(114, 30)
	if rings[0][0] != [2]float64{round6(wantLon), round6(wantLat)} {
		t.Errorf("first position %v; want the WGS84 of (114, 30) at 6 decimals, %.6f, %.6f", rings[0][0], wantLon, wantLat)
	}
	for _, ring := range rings {
		for _, p := range ring {
			for _, x := range p {
				if x != round6(x) {
					t.Errorf("coordinate %v has more than 6 decimals", x)
				}
			}
		}
	}
	if !strings.Contains(string(out), "\n") || bytes.Count(out, []byte("\n")) != 4 {
		t.Errorf("want one feature per line:\n%s", out)
	}
}

func TestConvertRejectsBadInput(t *testing.T) {
	feature := func(props, geometry string) string {
		return `{"type":"FeatureCollection","features":[{"type":"Feature","properties":` + props + `,"geometry":` + geometry + `}]}`
	}
	square := `{"type":"Polygon","coordinates":[[[114,30],[115,30],[115,31],[114,30]]]}`
	cases := []struct{ name, src, want string }{
		{"not a collection", `{"type":"Feature"}`, "want FeatureCollection"},
		{"numeric code", feature(`{"code":420100,"name":"甲"}`, square), "not GeoJSON"},
		{"short code", feature(`{"code":"4201","name":"甲"}`, square), "properties.code \"4201\""},
		{"no name", feature(`{"code":"420100"}`, square), "properties.name is empty"},
		{"null geometry", feature(`{"code":"420100","name":"甲"}`, `null`), "geometry is null"},
		{"point", feature(`{"code":"420100","name":"甲"}`, `{"type":"Point","coordinates":[114,30]}`), `geometry type "Point"`},
		{"open ring", feature(`{"code":"420100","name":"甲"}`, `{"type":"Polygon","coordinates":[[[114,30],[115,30],[115,31],[114,31]]]}`), "not closed"},
		{"short ring", feature(`{"code":"420100","name":"甲"}`, `{"type":"Polygon","coordinates":[[[114,30],[115,30],[114,30]]]}`), "at least 4"},
		{"duplicate", `{"type":"FeatureCollection","features":[
			{"type":"Feature","properties":{"code":"420100","name":"甲"},"geometry":` + square + `},
			{"type":"Feature","properties":{"code":"420100","name":"乙"},"geometry":` + square + `}]}`, "also on feature 0"},
	}
	for _, tc := range cases {
		_, _, err := Convert([]byte(tc.src), "in.geojson")
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "in.geojson") {
			t.Errorf("%s: error %v; want one naming in.geojson and saying %q", tc.name, err, tc.want)
		}
	}
}

// sharedCounties is the shared GCJ-02 source, relative to this package's directory (the
// module is /work/main, the shared data /work/shared).
const sharedCounties = "../../../shared/data/hubei/counties.geojson"

func TestCommittedFileIsGenerated(t *testing.T) {
	src, err := os.ReadFile(sharedCounties)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s is absent (a clone without the shared data): cannot regenerate the boundaries", sharedCounties)
	}
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := Convert(src, sharedCounties)
	if err != nil {
		t.Fatal(err)
	}
	got, err := seeds.FS.ReadFile(File)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("seeds/%s differs from what genboundaries writes (%d bytes committed, %d generated): run\n\tgo run ./loaders/boundaries/cmd/genboundaries -src ../shared/data/hubei/counties.geojson", File, len(got), len(want))
	}
}

func TestHubeiMatchesDivisions(t *testing.T) {
	geometries, err := Hubei()
	if err != nil {
		t.Fatal(err)
	}
	f, err := seeds.FS.Open("hubei/divisions.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, r := range rows[1:] { // code,name,parent_code,parent_name,kind
		names[r[0]] = r[1]
	}
	if len(geometries) != 103 || len(names) != 103 {
		t.Errorf("%d boundaries, %d divisions; want 103 of each", len(geometries), len(names))
	}
	for code, g := range geometries {
		if _, ok := names[code]; !ok {
			t.Errorf("boundary %s is not in divisions.csv", code)
		}
		var geometry struct {
			Type        string
			Coordinates json.RawMessage
		}
		if err := json.Unmarshal(g, &geometry); err != nil {
			t.Fatalf("%s: %v", code, err)
		}
		var polygons [][][][2]float64
		switch geometry.Type {
		case "Polygon":
			var p [][][2]float64
			err = json.Unmarshal(geometry.Coordinates, &p)
			polygons = append(polygons, p)
		case "MultiPolygon":
			err = json.Unmarshal(geometry.Coordinates, &polygons)
		default:
			t.Errorf("%s: geometry %s; want Polygon or MultiPolygon", code, geometry.Type)
		}
		if err != nil {
			t.Fatalf("%s: %v", code, err)
		}
		for _, p := range polygons {
			if signedArea(p[0]) <= 0 {
				t.Errorf("%s: an exterior ring is not counter-clockwise", code)
			}
			for _, ring := range p {
				for _, pos := range ring { // Hubei's extent, WGS84
					if pos[0] < 108.3 || pos[0] > 116.2 || pos[1] < 29.0 || pos[1] > 33.3 {
						t.Fatalf("%s: position %v outside Hubei", code, pos)
					}
				}
			}
		}
	}
	for code := range names {
		if _, ok := geometries[code]; !ok {
			t.Errorf("division %s %s has no boundary", code, names[code])
		}
	}
	// The file's names are the divisions' names, and it has no crs member (RFC 7946 §4).
	b, err := seeds.FS.ReadFile(File)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		CRS      json.RawMessage `json:"crs"`
		Features []struct{ Properties struct{ Code, Name string } }
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	if fc.CRS != nil {
		t.Errorf("boundaries have a crs member: %s", fc.CRS)
	}
	for _, f := range fc.Features {
		if names[f.Properties.Code] != f.Properties.Name {
			t.Errorf("%s is named %q; divisions.csv says %q", f.Properties.Code, f.Properties.Name, names[f.Properties.Code])
		}
	}
	// 监利 is keyed by its new code, not the source's old adcode.
	if _, ok := geometries["421088"]; !ok {
		t.Error("no boundary for 421088 监利市")
	}
}
