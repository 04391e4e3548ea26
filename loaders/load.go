package loaders

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/chaingraph/chaingraph/graph"
)

// Source is one data directory: the embedded seeds or a directory given with --data.
type Source struct {
	Name string // shown in error messages and evidence origins, e.g. "seeds" or "/home/me/data"
	FS   fs.FS
}

// PlanFile is the plan document's file name; a data directory holding it supplies the text that
// plan quotes are checked against.
const PlanFile = "plan-2018-2020.txt"

// MapFile is the boundaries file a data directory may hold beside its tables (the seeds' is
// hubei/boundaries.geojson): map data the loader leaves to loaders/boundaries.
const MapFile = "boundaries.geojson"

// dataFiles are the CSV files a data directory may hold, in load order.
var dataFiles = []string{
	"prefectures.csv", "divisions.csv", "centroids.csv", "adjacency.csv", "aliases.csv",
	"chains.csv", "links.csv", "feeds.csv", "presence.csv", "clusters.csv", "enterprises.csv",
	"belts.csv", "belt_members.csv", "targets.csv", "cluster_counts.csv",
}

// Errors is every problem found while loading. It wraps graph.ErrInvalid.
type Errors []Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return fmt.Sprintf("%d problem(s) in the data; nothing was loaded:\n  %s", len(es), strings.Join(lines, "\n  "))
}

// Unwrap lets errors.Is(err, graph.ErrInvalid) hold.
func (es Errors) Unwrap() error { return graph.ErrInvalid }

type file struct {
	fsys    fs.FS
	path    string // inside fsys
	display string // source name + path
}

// Build reads every source into one dataset. It returns Errors listing every problem in every
// file, or a dataset that has passed graph.Dataset.Validate.
func Build(sources ...Source) (*graph.Dataset, error) {
	b := &builder{regions: map[string]int{}, ds: &graph.Dataset{}}
	byName := map[string][]file{}
	for _, src := range sources {
		err := fs.WalkDir(src.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			f := file{fsys: src.FS, path: p, display: path.Join(src.Name, p)}
			base := path.Base(p)
			switch {
			case base == PlanFile, strings.HasSuffix(base, ".csv") && contains(dataFiles, base):
				byName[base] = append(byName[base], f)
			case strings.HasSuffix(base, ".md"), strings.HasSuffix(base, ".go"):
				// documentation and the embedding package
			case base == MapFile:
				// map data: the page's and the exports' boundaries (loaders/boundaries reads it)
			default:
				b.errs = append(b.errs, Error{File: f.display, Message: fmt.Sprintf("unknown data file; a data directory holds %s, %s or README/.md files", strings.Join(dataFiles, ", "), PlanFile)})
			}
			return nil
		})
		if err != nil {
			b.errs = append(b.errs, Error{File: src.Name, Message: err.Error()})
		}
	}
	for _, f := range byName[PlanFile] {
		b.readPlan(f)
	}
	for _, name := range dataFiles {
		for _, f := range byName[name] {
			b.read(name, f)
		}
	}
	b.finishRegions()
	b.mergeClusters()
	if err := b.ds.Validate(); err != nil {
		ps, _ := graph.AsProblems(err)
		for _, p := range ps {
			b.errs = append(b.errs, problemError(p))
		}
	}
	if len(b.errs) > 0 {
		return nil, b.errs
	}
	return b.ds, nil
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

var originRE = regexp.MustCompile(`^(.*):(\d+)$`)

func problemError(p graph.Problem) Error {
	if m := originRE.FindStringSubmatch(p.Origin); m != nil {
		line, _ := strconv.Atoi(m[2])
		return Error{File: m[1], Line: line, Message: p.Message}
	}
	return Error{File: "dataset", Message: p.Message}
}

type builder struct {
	ds       *graph.Dataset
	errs     Errors
	plan     string // whitespace-free plan text
	planFile string
	regions  map[string]int // index in ds.Regions by code
	names    *graph.Resolver
	// clusters.csv rows by id, and the rows that list a cluster again (see mergeClusters).
	clusterRows map[string]clusterRow
	sameAs      []sameAs
}

func (b *builder) readPlan(f file) {
	data, err := fs.ReadFile(f.fsys, f.path)
	if err != nil {
		b.errs = append(b.errs, Error{File: f.display, Message: err.Error()})
		return
	}
	if b.planFile != "" {
		b.errs = append(b.errs, Error{File: f.display, Message: "a second copy of the plan; it is already loaded from " + b.planFile})
		return
	}
	b.plan, b.planFile = stripSpace(string(data)), f.display
}

// stripSpace removes all whitespace: the plan text has stray spaces from PDF extraction.
func stripSpace(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func (b *builder) read(name string, f file) {
	spec := formats[name]
	t, errs := readTable(f.fsys, f.path, f.display, spec.required, spec.optional)
	b.errs = append(b.errs, errs...)
	b.ensureNames()
	if name == "enterprises.csv" || name == "clusters.csv" || name == "presence.csv" {
		// At national scale these are a million rows: growing by doubling copied ~3 s of structs.
		b.ds.Presences = slices.Grow(b.ds.Presences, len(t.rows))
	}
	for _, r := range t.rows {
		spec.load(b, r)
	}
	b.names = nil // the file may have added names
}

// ensureNames builds the resolver over what has been read so far.
func (b *builder) ensureNames() {
	if b.names != nil {
		return
	}
	var ns []graph.Named
	for _, c := range b.ds.Chains {
		ns = append(ns, graph.Named{Kind: graph.NamedChain, ID: c.ID, Name: c.Name, Aliases: c.Aliases})
	}
	for _, l := range b.ds.Links {
		ns = append(ns, graph.Named{Kind: graph.NamedLink, ID: l.ID, Name: l.Name, Aliases: l.Aliases, ChainID: l.ChainID})
	}
	for _, bl := range b.ds.Belts {
		ns = append(ns, graph.Named{Kind: graph.NamedBelt, ID: bl.ID, Name: bl.Name, Aliases: bl.Aliases})
	}
	for _, r := range b.ds.Regions {
		ns = append(ns, graph.Named{Kind: graph.NamedRegion, ID: r.ID, Code: r.Code, Name: r.Name, Aliases: r.Aliases, Level: r.Level})
	}
	sort.Slice(ns, func(i, j int) bool { return ns[i].ID < ns[j].ID })
	b.names = graph.NewResolver(ns)
}

// resolve finds a named entity for a cell, recording an error at the cell when it cannot.
func (b *builder) resolve(r row, col string, kind graph.NamedKind) (graph.Named, bool) {
	v := r.get(col)
	if v == "" {
		b.errs = append(b.errs, r.errorAt(col, "%s is empty; want a %s id or name", col, kind))
		return graph.Named{}, false
	}
	n, err := b.names.Resolve(context.Background(), kind, v, nil)
	if err != nil {
		b.errs = append(b.errs, r.errorAt(col, "%v", err))
		return graph.Named{}, false
	}
	return n, true
}

// evidence reads the evidence columns of a row and checks a plan quote against the plan. ok is
// false when it recorded a problem (the row's fact is then left out, so it is reported once).
func (b *builder) evidence(r row) (ev graph.Evidence, ok bool) {
	before := len(b.errs)
	defer func() { ok = len(b.errs) == before }()
	e := graph.Evidence{Kind: graph.EvidenceKind(r.get("evidence_kind")), Section: r.get("section"), Reason: r.get("reason"), Origin: r.origin()}
	switch e.Kind {
	case graph.EvidencePlan:
		e.Quote = r.get("evidence")
		switch {
		case e.Quote == "":
			b.errs = append(b.errs, r.errorAt("evidence", "plan evidence needs the quote in the evidence column"))
		case b.planFile == "":
			b.errs = append(b.errs, r.errorAt("evidence", "plan evidence, but no data directory holds the plan (%s) to check it against", PlanFile))
		case !strings.Contains(b.plan, stripSpace(e.Quote)):
			b.errs = append(b.errs, r.errorAt("evidence", "quote not found in the plan %s (whitespace ignored): %q", b.planFile, e.Quote))
		}
	case graph.EvidenceSource:
		e.Source = r.get("evidence")
		if e.Source == "" {
			b.errs = append(b.errs, r.errorAt("evidence", "source evidence needs the named source in the evidence column"))
		}
	case graph.EvidenceDomain:
		if e.Reason == "" {
			b.errs = append(b.errs, r.errorAt("reason", "domain evidence needs a one-line reason"))
		}
	default:
		b.errs = append(b.errs, r.errorAt("evidence_kind", "evidence_kind %q; want plan, source or domain", e.Kind))
	}
	return e, false // ok is set by the deferred check
}

// fileEvidence is the evidence of rows in reference-data files, which carry no evidence
// column: the file itself, with the provenance document beside it.
func fileEvidence(r row) graph.Evidence {
	return graph.Evidence{Kind: graph.EvidenceSource, Source: r.file + " (provenance: PROVENANCE.md beside it)", Origin: r.origin()}
}
