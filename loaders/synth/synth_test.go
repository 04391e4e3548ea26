package synth_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/loaders/synth"
	"github.com/chaingraph/chaingraph/seeds"
)

func TestDeterministicAndLoadable(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	sz, err := synth.Write(a, 0.01)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := synth.Write(b, 0.01); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(a, "*.csv"))
	if len(files) != 9 {
		t.Fatalf("%d files, want 9", len(files))
	}
	for _, f := range files {
		x, _ := os.ReadFile(f)
		y, err := os.ReadFile(filepath.Join(b, filepath.Base(f)))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", filepath.Base(f))
		}
	}
	// Loaded beside the real seeds: no id or code collides, and the counts are as stated.
	ds, err := loaders.Build(loaders.Source{Name: "seeds", FS: seeds.FS}, loaders.Source{Name: "syn", FS: os.DirFS(a)})
	if err != nil {
		t.Fatal(err)
	}
	counties, synthChains, synthLinks := 0, 0, 0
	for _, r := range ds.Regions {
		if r.Level == graph.LevelCounty && r.Code[0] == '9' {
			counties++
		}
	}
	for _, c := range ds.Chains {
		if len(c.ID) > 4 && c.ID[:4] == "syn-" {
			synthChains++
		}
	}
	for _, l := range ds.Links {
		if len(l.ID) > 4 && l.ID[:4] == "syn-" {
			synthLinks++
		}
	}
	if counties != sz.Counties || synthChains != synth.Chains || synthLinks != synth.Chains*synth.LinksPerChain {
		t.Errorf("loaded %d counties, %d chains, %d links; want %d, %d, %d", counties, synthChains, synthLinks, sz.Counties, synth.Chains, synth.Chains*synth.LinksPerChain)
	}
	for _, p := range ds.Presences {
		if p.HolderKind != "" && p.Evidence.Source == "" {
			t.Fatalf("presence %s has no source", p.ID)
		}
	}
	if _, err := synth.Write(t.TempDir(), 0); err == nil {
		t.Error("scale 0 accepted")
	}
}
