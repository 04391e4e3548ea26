package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
)

// Feature is one region on a map.
type Feature struct {
	// ID, Code and Name are the region's id, GB/T 2260 code and name; they become the
	// feature's id and its properties id, code and name.
	ID, Code, Name string
	// Geometry is RFC 7946 geometry JSON in WGS84 (e.g. from loaders/boundaries.Hubei). When
	// nil, the feature is a Point at Lon/Lat if HasPoint, else has a null geometry (QGIS lists
	// it in the attribute table without drawing it).
	Geometry json.RawMessage
	// Lon and Lat are WGS84 degrees, used when Geometry is nil and HasPoint is set.
	Lon, Lat float64
	HasPoint bool
	// Properties are the answer's attributes for the region; keys id, code and name are taken.
	// Values must marshal as JSON; give a key the same type on every feature, or QGIS reads
	// the column as text.
	Properties map[string]any
}

var geometryTypes = map[string]bool{"Point": true, "MultiPoint": true, "LineString": true, "MultiLineString": true,
	"Polygon": true, "MultiPolygon": true, "GeometryCollection": true}

// WriteGeoJSON writes an RFC 7946 FeatureCollection (WGS84, so no crs member), one feature
// per line, each with its region's id as the feature id and properties id, code, name and
// the feature's Properties.
func WriteGeoJSON(w io.Writer, features []Feature) error {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i, f := range features {
		at := fmt.Sprintf("feature %d (%s %s)", i, f.Code, f.Name)
		props := make(map[string]any, len(f.Properties)+3)
		for k, v := range f.Properties {
			if k == "id" || k == "code" || k == "name" {
				return fmt.Errorf("%s: property %q is the feature's own; use Feature.ID, Code or Name", at, k)
			}
			props[k] = v
		}
		props["id"], props["code"], props["name"] = f.ID, f.Code, f.Name
		propJSON, err := json.Marshal(props)
		if err != nil {
			return fmt.Errorf("%s: properties: %w", at, err)
		}
		geometry, err := featureGeometry(f)
		if err != nil {
			return fmt.Errorf("%s: %w", at, err)
		}
		id, _ := json.Marshal(f.ID)
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "\n"+`{"type":"Feature","id":%s,"properties":%s,"geometry":%s}`, id, propJSON, geometry)
	}
	b.WriteString("\n]}\n")
	_, err := w.Write(b.Bytes())
	return err
}

func featureGeometry(f Feature) ([]byte, error) {
	if f.Geometry != nil {
		var g struct {
			Type string `json:"type"`
		}
		if err := json.Unmarshal(f.Geometry, &g); err != nil {
			return nil, fmt.Errorf("geometry is not JSON: %w", err)
		}
		if !geometryTypes[g.Type] {
			return nil, fmt.Errorf("geometry type %q; want an RFC 7946 geometry (Point, Polygon, MultiPolygon, …)", g.Type)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, f.Geometry); err != nil {
			return nil, err
		}
		return compact.Bytes(), nil
	}
	if !f.HasPoint {
		return []byte("null"), nil
	}
	if math.IsNaN(f.Lon) || math.IsNaN(f.Lat) || f.Lon < -180 || f.Lon > 180 || f.Lat < -90 || f.Lat > 90 {
		return nil, fmt.Errorf("point (%v, %v): want WGS84 longitude -180..180 and latitude -90..90", f.Lon, f.Lat)
	}
	// 6 decimals is about 0.1 m: more than any centroid here is worth.
	return []byte(`{"type":"Point","coordinates":[` + strconv.FormatFloat(f.Lon, 'f', 6, 64) + "," + strconv.FormatFloat(f.Lat, 'f', 6, 64) + "]}"), nil
}
