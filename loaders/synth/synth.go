// Package synth writes a deterministic synthetic China-sized dataset in the seeds' file formats,
// for load and query benchmarks: counties on a grid with border adjacency, prefectures of
// contiguous counties under one synthetic national root, chains of links with FEEDS edges
// (within a chain stage by stage, and from one chain into the next), and clusters and
// enterprises placed with a Zipf-like skew.
//
// It is not real data and says so in every row's evidence. Its codes (9xxxxx) and ids (syn-…)
// never collide with the real seeds'.
package synth

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/loaders"
)

// Full-size (scale 1) counts, close to China's.
const (
	FullCounties    = 2850
	FullPrefectures = 330
	FullClusters    = 100_000
	FullEnterprises = 1_000_000
	Chains          = 40
	LinksPerChain   = 25
)

// Sizes are the counts a scale gives.
type Sizes struct {
	Counties, Prefectures, Clusters, Enterprises int
}

// SizesFor scales the full counts by f (0 < f <= 1), keeping a usable minimum.
func SizesFor(f float64) Sizes {
	n := func(full, least int) int { return max(least, int(math.Round(float64(full)*f))) }
	return Sizes{Counties: n(FullCounties, 20), Prefectures: n(FullPrefectures, 2), Clusters: n(FullClusters, 10), Enterprises: n(FullEnterprises, 100)}
}

// RootCode is the code of the synthetic national root region.
const RootCode = "900000"

const evidence = "synthetic benchmark data (chaingraph gen); not real"

// Dataset generates the dataset for scale f in a temporary directory and builds it as `serve
// --no-seeds --data DIR` would: for tests that want the data, not the files.
func Dataset(f float64) (*graph.Dataset, error) {
	dir, err := os.MkdirTemp("", "chaingraph-synth-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if _, err := Write(dir, f); err != nil {
		return nil, err
	}
	return loaders.Build(loaders.Source{Name: "synthetic", FS: os.DirFS(dir)})
}

// Write generates the dataset for scale f into dir (created if missing) and returns its sizes.
// The same f gives the same files, byte for byte.
func Write(dir string, f float64) (Sizes, error) {
	if f <= 0 || f > 1 {
		return Sizes{}, fmt.Errorf("scale %v: want 0 < scale <= 1", f)
	}
	sz := SizesFor(f)
	if sz.Prefectures > 999 || sz.Counties > sz.Prefectures*99 {
		return Sizes{}, fmt.Errorf("scale %v: %d prefectures of %d counties do not fit 6-digit codes", f, sz.Prefectures, sz.Counties)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Sizes{}, err
	}
	g := &gen{dir: dir, sz: sz, rng: rand.New(rand.NewPCG(2026, uint64(sz.Counties)))}
	for _, step := range []func() error{g.regions, g.chains, g.clusters, g.enterprises} {
		if err := step(); err != nil {
			return Sizes{}, err
		}
	}
	return sz, nil
}

type gen struct {
	dir      string
	sz       Sizes
	rng      *rand.Rand
	counties []string // codes, in grid order
}

// table writes one CSV file.
func (g *gen) table(name string, header []string, rows func(w func(...string)) error) error {
	f, err := os.Create(filepath.Join(g.dir, name))
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	cw := csv.NewWriter(bw)
	if err := cw.Write(header); err != nil {
		f.Close()
		return err
	}
	if err := rows(func(fields ...string) { _ = cw.Write(fields) }); err != nil {
		f.Close()
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// regions lays the counties on a square-ish grid (rows of `cols`), cuts the grid in reading
// order into prefectures of consecutive counties, and makes grid neighbours share a border.
func (g *gen) regions() error {
	n, p := g.sz.Counties, g.sz.Prefectures
	cols := int(math.Ceil(math.Sqrt(float64(n))))
	per := (n + p - 1) / p
	prefOf := func(i int) int { return i/per + 1 }
	p = prefOf(n - 1) // rounding may leave fewer prefectures
	g.counties = make([]string, n)
	countyNo := map[int]int{}
	for i := range n {
		pref := prefOf(i)
		countyNo[pref]++
		g.counties[i] = fmt.Sprintf("9%03d%02d", pref, countyNo[pref])
	}
	lonLat := func(i int) (float64, float64) {
		// 0.5° apart, from 75°E 18°N: about China's extent at full size.
		return 75 + 0.5*float64(i%cols), 18 + 0.5*float64(i/cols)
	}
	if err := g.table("prefectures.csv", []string{"code", "name", "kind", "parent_code"}, func(w func(...string)) error {
		w(RootCode, "合成全国", "province", "")
		for pref := 1; pref <= p; pref++ {
			w(fmt.Sprintf("9%03d00", pref), fmt.Sprintf("合成%03d市", pref), "prefecture_city", RootCode)
		}
		return nil
	}); err != nil {
		return err
	}
	if err := g.table("divisions.csv", []string{"code", "name", "parent_code", "kind"}, func(w func(...string)) error {
		for i, c := range g.counties {
			w(c, fmt.Sprintf("合成%s县", c[1:]), fmt.Sprintf("9%03d00", prefOf(i)), "county")
		}
		return nil
	}); err != nil {
		return err
	}
	if err := g.table("centroids.csv", []string{"code", "lon", "lat"}, func(w func(...string)) error {
		for i, c := range g.counties {
			lon, lat := lonLat(i)
			w(c, strconv.FormatFloat(lon, 'f', 2, 64), strconv.FormatFloat(lat, 'f', 2, 64))
		}
		return nil
	}); err != nil {
		return err
	}
	return g.table("adjacency.csv", []string{"code_a", "code_b", "shared_border_km"}, func(w func(...string)) error {
		for i := range n {
			if (i+1)%cols != 0 && i+1 < n {
				w(g.counties[i], g.counties[i+1], "40")
			}
			if i+cols < n {
				w(g.counties[i], g.counties[i+cols], "40")
			}
		}
		return nil
	})
}

func chainID(c int) string   { return fmt.Sprintf("syn-c%02d", c) }
func linkID(c, l int) string { return fmt.Sprintf("syn-c%02d-l%02d", c, l) }

// stage of link l (1-based): the first third upstream, the last third downstream.
func stage(l int) string {
	switch {
	case l <= LinksPerChain/3:
		return "upstream"
	case l > 2*LinksPerChain/3:
		return "downstream"
	}
	return "midstream"
}

// chains writes 40 chains of 25 links. Inside a chain each link feeds one or two links of a
// later index (so no cycle); the first upstream links of each chain also feed a midstream link of
// the next chain (chain order again rules out cycles).
func (g *gen) chains() error {
	if err := g.table("chains.csv", []string{"id", "name", "category", "evidence_kind", "evidence", "section", "reason"}, func(w func(...string)) error {
		for c := 1; c <= Chains; c++ {
			w(chainID(c), fmt.Sprintf("合成产业链%02d", c), "emerging", "domain", "", "", evidence)
		}
		return nil
	}); err != nil {
		return err
	}
	if err := g.table("links.csv", []string{"id", "chain", "name", "stage", "evidence_kind", "evidence", "section", "reason"}, func(w func(...string)) error {
		for c := 1; c <= Chains; c++ {
			for l := 1; l <= LinksPerChain; l++ {
				w(linkID(c, l), chainID(c), fmt.Sprintf("合成环节%02d-%02d", c, l), stage(l), "domain", "", "", evidence)
			}
		}
		return nil
	}); err != nil {
		return err
	}
	return g.table("feeds.csv", []string{"from", "to", "evidence_kind", "evidence", "section", "reason"}, func(w func(...string)) error {
		for c := 1; c <= Chains; c++ {
			for l := 1; l < LinksPerChain; l++ {
				first := l + 1 + g.rng.IntN(min(3, LinksPerChain-l))
				w(linkID(c, l), linkID(c, first), "domain", "", "", evidence)
				if second := l + 1; second != first && g.rng.IntN(2) == 0 {
					w(linkID(c, l), linkID(c, second), "domain", "", "", evidence)
				}
			}
			if c < Chains {
				for l := 1; l <= 2; l++ {
					w(linkID(c, l), linkID(c+1, LinksPerChain/2), "domain", "", "", evidence)
				}
			}
		}
		return nil
	})
}

// zipf draws skewed indexes in [0, n): a few places and chains get most of the firms.
func (g *gen) zipf(n int) *rand.Zipf {
	return rand.NewZipf(g.rng, 1.2, 4, uint64(n-1))
}

func (g *gen) clusters() error {
	place, chain := g.zipf(len(g.counties)), g.zipf(Chains)
	return g.table("clusters.csv", []string{"id", "name", "county", "chain", "links", "source", "programme", "year"}, func(w func(...string)) error {
		for i := 1; i <= g.sz.Clusters; i++ {
			c := int(chain.Uint64()) + 1
			l := 1 + g.rng.IntN(LinksPerChain-1)
			links := linkID(c, l)
			if g.rng.IntN(2) == 0 {
				links += ";" + linkID(c, l+1)
			}
			w(fmt.Sprintf("syn-cl%06d", i), fmt.Sprintf("合成集群%06d", i), g.counties[place.Uint64()], chainID(c), links, evidence, "synthetic", "2020")
		}
		return nil
	})
}

func (g *gen) enterprises() error {
	place, chain := g.zipf(len(g.counties)), g.zipf(Chains)
	return g.table("enterprises.csv", []string{"name", "credit_code", "county", "links", "source"}, func(w func(...string)) error {
		for i := 1; i <= g.sz.Enterprises; i++ {
			c := int(chain.Uint64()) + 1
			l := 1 + g.rng.IntN(LinksPerChain)
			w(fmt.Sprintf("合成企业%07d", i), "", g.counties[place.Uint64()], linkID(c, l), evidence)
		}
		return nil
	})
}
