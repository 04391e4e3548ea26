package locate

import (
	"encoding/csv"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/chaingraph/chaingraph/seeds"
)

// Zone is a development zone (开发区, 高新区) or other non-administrative unit an address may
// name instead of its county, mapped to the county-level unit it (mainly) lies in.
type Zone struct {
	Name    string
	Code    string   // its NBS statistics-only code (e.g. 421071), if it has one; credit codes may carry it
	Aliases []string // other names and short forms
	// RegionID is the county the zone (mainly) lies in, or its prefecture when no source names
	// the county. Alternatives are the other counties a zone spanning several lies in.
	RegionID     string
	Alternatives []string
	Evidence     string // the source, saying what it says
}

// LoadZones reads a zones table: columns name, code, aliases, region, alternatives, evidence;
// aliases and alternatives are ';'-separated, regions are 6-digit division codes.
func LoadZones(fsys fs.FS, path string) ([]Zone, error) {
	f, err := fsys.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	want := []string{"name", "code", "aliases", "region", "alternatives", "evidence"}
	if strings.Join(header, ",") != strings.Join(want, ",") {
		return nil, fmt.Errorf("%s: header is %q; want %q", path, strings.Join(header, ","), strings.Join(want, ","))
	}
	var zones []Zone
	var problems []string
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		bad := func(format string, args ...any) {
			problems = append(problems, fmt.Sprintf("%s:%d: %s", path, line, fmt.Sprintf(format, args...)))
		}
		z := Zone{Name: strings.TrimSpace(rec[0]), Code: strings.TrimSpace(rec[1]), Evidence: strings.TrimSpace(rec[5])}
		if z.Name == "" {
			bad("name is empty")
		}
		if z.Code != "" && !isDivisionCode(z.Code) {
			bad("code %q is not a 6-digit division code", z.Code)
		}
		if z.Evidence == "" {
			bad("evidence is empty: every zone says where its county comes from")
		}
		z.Aliases = splitList(rec[2])
		region := strings.TrimSpace(rec[3])
		if !isDivisionCode(region) {
			bad("region %q is not a 6-digit division code", region)
		}
		z.RegionID = "cn-" + region
		for _, a := range splitList(rec[4]) {
			if !isDivisionCode(a) {
				bad("alternative %q is not a 6-digit division code", a)
			}
			z.Alternatives = append(z.Alternatives, "cn-"+a)
		}
		zones = append(zones, z)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%d problem(s) in the zones table:\n  %s", len(problems), strings.Join(problems, "\n  "))
	}
	return zones, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func isDivisionCode(s string) bool {
	if len(s) != 6 {
		return false
	}
	for i := 0; i < 6; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ZonesFile is the zones table's path in the seeds (seeds.FS); the seeds loader leaves it to
// this package.
const ZonesFile = "places/zones.csv"

// SeedZones is the zones table of the embedded seeds.
func SeedZones() ([]Zone, error) { return LoadZones(seeds.FS, ZonesFile) }
