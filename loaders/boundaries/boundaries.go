// Package boundaries is Hubei's county boundary polygons in WGS84 (RFC 7946), as the server's
// map and the GeoJSON exports draw them, and the GCJ-02 → WGS84 conversion that made them.
//
// The polygons come from the shared counties.geojson (DataV, GCJ-02 datum); Convert turns
// that file into seeds/hubei/boundaries.geojson (cmd/genboundaries runs it;
// seeds/hubei/PROVENANCE.md says how and how accurate), and Hubei reads it from the embedded
// seeds (the seeds loader leaves map data to this package). The package does not compute geometry (areas, centroids, adjacency: those are seed files of their own)
// and does not repair the source's touching MultiPolygon parts.
package boundaries

import (
	"encoding/json"
	"fmt"
	"sync"

	"github.com/chaingraph/chaingraph/seeds"
)

// File is the WGS84 boundaries file, in the seeds.
const File = "hubei/boundaries.geojson"

var hubei struct {
	once       sync.Once
	geometries map[string]json.RawMessage
	err        error
}

// Hubei returns each county-level region's boundary, by its 6-digit code, as RFC 7946
// geometry JSON (a Polygon or MultiPolygon, WGS84), parsed once from the embedded file.
// The map is shared: callers must not modify it or the geometries.
func Hubei() (map[string]json.RawMessage, error) {
	hubei.once.Do(func() {
		b, err := seeds.FS.ReadFile(File)
		if err != nil {
			hubei.err = fmt.Errorf("seeds/%s: %w", File, err)
			return
		}
		hubei.geometries, hubei.err = parseBoundaries(b, "seeds/"+File)
	})
	return hubei.geometries, hubei.err
}

// parseBoundaries reads a boundaries file as Convert writes it.
func parseBoundaries(b []byte, source string) (map[string]json.RawMessage, error) {
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Properties struct {
				Code string `json:"code"`
			} `json:"properties"`
			Geometry json.RawMessage `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	if fc.Type != "FeatureCollection" {
		return nil, fmt.Errorf("%s: type %q, want FeatureCollection", source, fc.Type)
	}
	out := make(map[string]json.RawMessage, len(fc.Features))
	for i, f := range fc.Features {
		if !sixDigits.MatchString(f.Properties.Code) {
			return nil, fmt.Errorf("%s: feature %d: properties.code %q, want 6 digits", source, i, f.Properties.Code)
		}
		if _, dup := out[f.Properties.Code]; dup {
			return nil, fmt.Errorf("%s: feature %d: code %s twice", source, i, f.Properties.Code)
		}
		var g struct {
			Type string `json:"type"`
		}
		if err := json.Unmarshal(f.Geometry, &g); err != nil || (g.Type != "Polygon" && g.Type != "MultiPolygon") {
			return nil, fmt.Errorf("%s: feature %d (code %s): geometry is not a Polygon or MultiPolygon", source, i, f.Properties.Code)
		}
		out[f.Properties.Code] = f.Geometry
	}
	return out, nil
}
