// Command genboundaries writes seeds/hubei/boundaries.geojson (WGS84, RFC 7946) from the
// shared GCJ-02 county polygons. Run it from the module root:
//
//	go run ./loaders/boundaries/cmd/genboundaries -src ../shared/data/hubei/counties.geojson
//
// It is a maintainer's tool, not part of the chaingraph binary; a test in loaders/boundaries
// checks that the committed file is what it writes.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/chaingraph/chaingraph/loaders/boundaries"
)

func main() {
	src := flag.String("src", "../shared/data/hubei/counties.geojson", "the GCJ-02 county polygons (the shared counties.geojson)")
	out := flag.String("out", "seeds/hubei/boundaries.geojson", "where to write the WGS84 boundaries (embedded with the seeds, read by package boundaries)")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genboundaries:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	in, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	b, stats, err := boundaries.Convert(in, src)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "%s: %d features, %d rings (%d turned to the right-hand rule, %d positions equal at 6 decimals dropped), %d bytes\n",
		out, stats.Features, stats.Rings, stats.ReversedRings, stats.DroppedDuplicates, len(b))
	return nil
}
