package boundaries

import "math"

// The GCJ-02 ("Mars") datum is WGS84 shifted by a published, non-linear offset of a few hundred
// metres. The forward formula below is the one in public circulation since the official code
// leaked (eviltransform, coordtransform, PRCoords and geoChina all carry it): an offset in
// metres from a sum of sines of (lon-105, lat-35), turned into degrees on the Krasovsky
// ellipsoid. There is no closed-form inverse; GCJ02ToWGS84 iterates the forward formula.
//
// Accuracy, as far as public sources go:
//   - Against the forward formula, the iterated inverse is exact to its stopping rule: the
//     forward transform of its result lies within 1e-7° (about 1 cm) of the input, in each
//     coordinate. eviltransform's README gives 1–2 m for the one-step inverse (subtract the
//     offset at the GCJ-02 point) and under 0.5 m for its iterated one.
//   - The formula against the official transform: no authoritative figure exists (the official
//     code is secret). An empirical check (leifgehrmann/gcj02-distortion-map) of eviltransform
//     against offsets read off Google Maps and OpenStreetMap by hand found differences of 0.9
//     to 8 m (6 m at Wuhan) on offsets of 220 to 660 m, which includes the error of reading
//     the points off the maps; the original code is said to add a small pseudo-random term
//     that the public versions leave out (PRCoords' notes). Read it as metre-level, a few metres
//     at worst — far below the generalisation of a county boundary drawn for a web map.

const (
	krasovskyA  = 6378245.0              // semi-major axis the formula uses, metres
	krasovskyEE = 0.00669342162296594323 // first eccentricity squared
	// inverseTolerance is how close, in degrees, the forward transform of GCJ02ToWGS84's result
	// comes to its input.
	inverseTolerance = 1e-7
	maxIterations    = 30 // the offset changes by millimetres per metre, so 3–4 suffice
)

// WGS84ToGCJ02 is the published forward transform: WGS84 longitude and latitude (degrees) to
// GCJ-02. Points outside the rough bounding box of China the formula is defined for
// (longitude 72.004–137.8347, latitude 0.8293–55.8271) are returned unchanged, as every public
// implementation does.
func WGS84ToGCJ02(lon, lat float64) (float64, float64) {
	if outOfChina(lon, lat) {
		return lon, lat
	}
	dLon, dLat := gcjOffset(lon, lat)
	return lon + dLon, lat + dLat
}

// GCJ02ToWGS84 is the inverse of WGS84ToGCJ02, by fixed-point iteration: start at the GCJ-02
// point, and move the guess by the amount its forward transform misses the input, until it
// misses by less than 1e-7° in both coordinates (see the notes above for what that means in
// metres against the official transform). Points outside China are returned unchanged.
func GCJ02ToWGS84(lon, lat float64) (float64, float64) {
	if outOfChina(lon, lat) {
		return lon, lat
	}
	wLon, wLat := lon, lat
	for range maxIterations {
		gLon, gLat := WGS84ToGCJ02(wLon, wLat)
		missLon, missLat := gLon-lon, gLat-lat
		if math.Abs(missLon) < inverseTolerance && math.Abs(missLat) < inverseTolerance {
			break
		}
		wLon -= missLon
		wLat -= missLat
	}
	return wLon, wLat
}

func outOfChina(lon, lat float64) bool {
	return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271
}

// gcjOffset is the GCJ-02 offset at a WGS84 point, in degrees.
func gcjOffset(lon, lat float64) (dLon, dLat float64) {
	x, y := lon-105.0, lat-35.0
	// Offsets in metres-like units along latitude and longitude.
	mLat := -100.0 + 2.0*x + 3.0*y + 0.2*y*y + 0.1*x*y + 0.2*math.Sqrt(math.Abs(x))
	mLat += (20.0*math.Sin(6.0*x*math.Pi) + 20.0*math.Sin(2.0*x*math.Pi)) * 2.0 / 3.0
	mLat += (20.0*math.Sin(y*math.Pi) + 40.0*math.Sin(y/3.0*math.Pi)) * 2.0 / 3.0
	mLat += (160.0*math.Sin(y/12.0*math.Pi) + 320.0*math.Sin(y*math.Pi/30.0)) * 2.0 / 3.0
	mLon := 300.0 + x + 2.0*y + 0.1*x*x + 0.1*x*y + 0.1*math.Sqrt(math.Abs(x))
	mLon += (20.0*math.Sin(6.0*x*math.Pi) + 20.0*math.Sin(2.0*x*math.Pi)) * 2.0 / 3.0
	mLon += (20.0*math.Sin(x*math.Pi) + 40.0*math.Sin(x/3.0*math.Pi)) * 2.0 / 3.0
	mLon += (150.0*math.Sin(x/12.0*math.Pi) + 300.0*math.Sin(x/30.0*math.Pi)) * 2.0 / 3.0
	// Metres to degrees on the Krasovsky ellipsoid: meridian and parallel radii of curvature.
	radLat := lat / 180.0 * math.Pi
	magic := 1 - krasovskyEE*math.Sin(radLat)*math.Sin(radLat)
	sqrtMagic := math.Sqrt(magic)
	dLat = (mLat * 180.0) / ((krasovskyA * (1 - krasovskyEE)) / (magic * sqrtMagic) * math.Pi)
	dLon = (mLon * 180.0) / (krasovskyA / sqrtMagic * math.Cos(radLat) * math.Pi)
	return dLon, dLat
}
