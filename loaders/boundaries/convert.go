package boundaries

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// sourceCollection is the part of the shared counties.geojson that Convert reads.
type sourceCollection struct {
	Type     string `json:"type"`
	Features []struct {
		Type       string `json:"type"`
		Properties struct {
			Code string `json:"code"` // the divisions.csv code (监利's adcode is the old 421023)
			Name string `json:"name"`
		} `json:"properties"`
		Geometry *struct {
			Type        string          `json:"type"`
			Coordinates json.RawMessage `json:"coordinates"`
		} `json:"geometry"`
	} `json:"features"`
}

var sixDigits = regexp.MustCompile(`^[0-9]{6}$`)

// ConvertStats says what Convert changed beyond the datum, for the generator to report.
type ConvertStats struct {
	Features          int
	Rings             int
	ReversedRings     int // rings turned to the right-hand rule (exterior counter-clockwise)
	DroppedDuplicates int // consecutive positions that became equal at 6 decimals
}

// Convert reads a GCJ-02 FeatureCollection of county polygons (the shared counties.geojson,
// named by source in errors) and returns the RFC 7946 file this package embeds
// (seeds/hubei/boundaries.geojson): WGS84, one feature per county sorted by code, properties code and name
// only, coordinates rounded to 6 decimals (steps of about 0.1 m), exterior rings counter-clockwise and holes
// clockwise, no crs member; one feature per line so that a change shows as a readable diff.
func Convert(src []byte, source string) ([]byte, ConvertStats, error) {
	var in sourceCollection
	var stats ConvertStats
	if err := json.Unmarshal(src, &in); err != nil {
		return nil, stats, fmt.Errorf("%s: not GeoJSON: %w", source, err)
	}
	if in.Type != "FeatureCollection" {
		return nil, stats, fmt.Errorf("%s: type %q, want FeatureCollection", source, in.Type)
	}
	type feature struct {
		code, name string
		geometry   []byte
	}
	var out []feature
	seen := map[string]int{}
	for i, f := range in.Features {
		at := fmt.Sprintf("%s: feature %d", source, i)
		code := f.Properties.Code
		if !sixDigits.MatchString(code) {
			return nil, stats, fmt.Errorf("%s: properties.code %q: want the 6-digit division code as a string", at, code)
		}
		at += " (code " + code + ")"
		if j, dup := seen[code]; dup {
			return nil, stats, fmt.Errorf("%s: code also on feature %d; want one feature per county", at, j)
		}
		seen[code] = i
		if strings.TrimSpace(f.Properties.Name) == "" {
			return nil, stats, fmt.Errorf("%s: properties.name is empty", at)
		}
		if f.Geometry == nil {
			return nil, stats, fmt.Errorf("%s: geometry is null; want a Polygon or MultiPolygon", at)
		}
		var polygons [][][][2]float64
		switch f.Geometry.Type {
		case "Polygon":
			var p [][][2]float64
			if err := json.Unmarshal(f.Geometry.Coordinates, &p); err != nil {
				return nil, stats, fmt.Errorf("%s: Polygon coordinates: %w", at, err)
			}
			polygons = [][][][2]float64{p}
		case "MultiPolygon":
			if err := json.Unmarshal(f.Geometry.Coordinates, &polygons); err != nil {
				return nil, stats, fmt.Errorf("%s: MultiPolygon coordinates: %w", at, err)
			}
		default:
			return nil, stats, fmt.Errorf("%s: geometry type %q; want Polygon or MultiPolygon", at, f.Geometry.Type)
		}
		for pi, polygon := range polygons {
			if len(polygon) == 0 {
				return nil, stats, fmt.Errorf("%s: polygon %d has no rings", at, pi)
			}
			for ri, ring := range polygon {
				converted, dropped, err := convertRing(ring)
				if err != nil {
					return nil, stats, fmt.Errorf("%s: polygon %d ring %d: %w", at, pi, ri, err)
				}
				// RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise.
				if wantCCW := ri == 0; (signedArea(converted) > 0) != wantCCW {
					slices.Reverse(converted)
					stats.ReversedRings++
				}
				polygon[ri] = converted
				stats.Rings++
				stats.DroppedDuplicates += dropped
			}
		}
		geometry := encodeGeometry(f.Geometry.Type, polygons)
		out = append(out, feature{code: code, name: f.Properties.Name, geometry: geometry})
	}
	if len(out) == 0 {
		return nil, stats, fmt.Errorf("%s: no features", source)
	}
	slices.SortFunc(out, func(a, b feature) int { return strings.Compare(a.code, b.code) })
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[` + "\n")
	for i, f := range out {
		props, err := json.Marshal(struct {
			Code string `json:"code"`
			Name string `json:"name"`
		}{f.code, f.name})
		if err != nil {
			return nil, stats, err
		}
		fmt.Fprintf(&b, `{"type":"Feature","properties":%s,"geometry":%s}`, props, f.geometry)
		if i < len(out)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]}\n")
	stats.Features = len(out)
	return b.Bytes(), stats, nil
}

// convertRing moves a closed ring from GCJ-02 to WGS84 at 6 decimals, dropping positions that
// rounding made equal to the one before.
func convertRing(ring [][2]float64) ([][2]float64, int, error) {
	if len(ring) < 4 {
		return nil, 0, fmt.Errorf("%d positions; a closed ring has at least 4", len(ring))
	}
	if ring[0] != ring[len(ring)-1] {
		return nil, 0, fmt.Errorf("not closed: first position %v, last %v", ring[0], ring[len(ring)-1])
	}
	out := make([][2]float64, 0, len(ring))
	dropped := 0
	for _, p := range ring {
		lon, lat := GCJ02ToWGS84(p[0], p[1])
		q := [2]float64{round6(lon), round6(lat)}
		if len(out) > 0 && out[len(out)-1] == q {
			dropped++
			continue
		}
		out = append(out, q)
	}
	if len(out) < 4 {
		return nil, 0, fmt.Errorf("only %d distinct positions after conversion; a ring needs 4", len(out))
	}
	return out, dropped, nil
}

// round6 rounds to 6 decimals through the decimal text, so that the number written is exactly
// the 6-decimal rounding of the computed one.
func round6(x float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 6, 64), 64)
	return r
}

// signedArea is twice the ring's area in the lon/lat plane by the shoelace formula: positive
// for a counter-clockwise ring.
func signedArea(ring [][2]float64) float64 {
	var sum float64
	for i := 0; i+1 < len(ring); i++ {
		sum += ring[i][0]*ring[i+1][1] - ring[i+1][0]*ring[i][1]
	}
	return sum
}

func encodeGeometry(kind string, polygons [][][][2]float64) []byte {
	var b bytes.Buffer
	b.WriteString(`{"type":"` + kind + `","coordinates":`)
	writePolygon := func(p [][][2]float64) {
		b.WriteByte('[')
		for ri, ring := range p {
			if ri > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('[')
			for i, pos := range ring {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteByte('[')
				b.WriteString(formatCoordinate(pos[0]))
				b.WriteByte(',')
				b.WriteString(formatCoordinate(pos[1]))
				b.WriteByte(']')
			}
			b.WriteByte(']')
		}
		b.WriteByte(']')
	}
	if kind == "Polygon" {
		writePolygon(polygons[0])
	} else {
		b.WriteByte('[')
		for i, p := range polygons {
			if i > 0 {
				b.WriteByte(',')
			}
			writePolygon(p)
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	return b.Bytes()
}

// formatCoordinate writes at most 6 decimals without trailing zeros: 114.30367, not 114.303670.
func formatCoordinate(x float64) string {
	s := strconv.FormatFloat(x, 'f', 6, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
