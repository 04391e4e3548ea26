package loaders

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/loaders/attach"
	"github.com/chaingraph/chaingraph/loaders/locate"
)

// Source is one data directory: the embedded seeds or a directory given with --data.
type Source struct {
	Name string // shown in error messages and evidence origins, e.g. "seeds" or "/home/me/data"
	FS   fs.FS
	// Encoding of its CSV files: EncodingAuto (""; UTF-8, else GB18030), EncodingUTF8 or
	// EncodingGB18030. .xlsx files carry their own.
	Encoding string
	// StrengthColumn, when set, is the column of its enterprise lists whose number is each
	// firm's presence strength (e.g. registered_capital, or an extra column such as 从业人数 or
	// 营业收入); empty gives every firm strength 1.
	StrengthColumn string
}

// PlanFile is the plan document's file name; a data directory holding it supplies the text that
// plan quotes are checked against.
const PlanFile = "plan-2018-2020.txt"

// MapFile is the boundaries file a data directory may hold beside its tables (the seeds' is
// hubei/boundaries.geojson): map data the loader leaves to loaders/boundaries.
const MapFile = "boundaries.geojson"

// ManifestFile, in any folder of a data directory, names the table of files whose names do not
// say it (企业名录.xlsx,enterprises), with paths relative to its folder. Kind "ignore" silences a
// file's notice.
const ManifestFile = "manifest.csv"

// dataFiles are the tables a data directory may hold, in load order: a table's rows may name
// what earlier tables define, so a broken file is reported before the rows it breaks.
var dataFiles = []string{
	"prefectures", "divisions", "centroids", "adjacency", "aliases",
	"chains", "links", "feeds", "presence", "clusters", "enterprises",
	"belts", "belt_members", "targets", "cluster_counts",
}

// Errors is every problem found while loading. It wraps graph.ErrInvalid.
type Errors []Error

// ListLimit is how many entries of a kind (problems, warnings, notices) Error and Report.Text
// print; the rest are counted. Rows with the same message at the same column are one entry.
const ListLimit = 20

func (es Errors) Error() string {
	return fmt.Sprintf("%d problem(s) in the data; nothing was loaded:\n  %s", len(es), strings.Join(es.Lines(ListLimit), "\n  "))
}

// Lines prints the list for a reader: the same message at the same file and column (a whole
// column with one mistake) is one line naming its rows, and at most limit lines are printed,
// then how many more there are.
func (es Errors) Lines(limit int) []string {
	type group struct {
		first Error
		lines []int
	}
	var order []string
	groups := map[string]*group{}
	for _, e := range es {
		key := fmt.Sprintf("%s\x00%d\x00%s", e.File, e.Column, e.Message)
		if e.Line == 0 {
			key += "\x00file" // a file's own problem is never folded into a row's
		}
		g := groups[key]
		if g == nil {
			g = &group{first: e}
			groups[key] = g
			order = append(order, key)
		}
		g.lines = append(g.lines, e.Line)
	}
	var out []string
	for i, key := range order {
		if i == limit {
			rest := 0
			for _, k := range order[limit:] {
				rest += len(groups[k].lines)
			}
			out = append(out, fmt.Sprintf("… and %d more", rest))
			break
		}
		g := groups[key]
		line := g.first.Error()
		if n := len(g.lines); n > 1 {
			shown := g.lines[1:]
			if len(shown) > 5 {
				shown = shown[:5]
			}
			var ls []string
			for _, l := range shown {
				ls = append(ls, strconv.Itoa(l))
			}
			more := ""
			if n-1 > len(shown) {
				more = ", …"
			}
			line += fmt.Sprintf(" (and %d more rows like it: lines %s%s)", n-1, strings.Join(ls, ", "), more)
		}
		out = append(out, line)
	}
	return out
}

// Unwrap lets errors.Is(err, graph.ErrInvalid) hold.
func (es Errors) Unwrap() error { return graph.ErrInvalid }

// Report is what a load found besides the dataset. Warnings are about data that loaded but
// deserves a look (duplicate rows merged, a column not read, firms without links); notices are
// about files and columns the loader left alone by design (a README.txt, a registry's 联系电话).
type Report struct {
	Warnings Errors
	Notices  Errors
	// Enterprises are the firms of every enterprise list, with the columns the graph has no
	// place for yet (Attributes). A firm whose list names no links has no presence in the dataset.
	Enterprises []Enterprise
}

// Text prints warnings and notices, each bounded by limit ("" when there are none).
func (r Report) Text(limit int) string {
	var b strings.Builder
	for _, part := range []struct {
		what string
		es   Errors
	}{{"warning", r.Warnings}, {"notice", r.Notices}} {
		if len(part.es) > 0 {
			fmt.Fprintf(&b, "%d %s(s):\n  %s\n", len(part.es), part.what, strings.Join(part.es.Lines(limit), "\n  "))
		}
	}
	return b.String()
}

// Enterprise is one firm of an enterprise list as the loader read it.
type Enterprise struct {
	Name, CreditCode                                                                                     string
	CountyID                                                                                             string   // the county-level region
	LinkIDs                                                                                              []string // empty when the list names none (to be attached by industry code and products)
	Address, Province, City, IndustryCode, Industry, BusinessScope, Products, RegisteredCapital, Founded string
	Attributes                                                                                           []Attribute // the other columns, in file order
	Origin                                                                                               string      // file:line
	// Placed is how the firm was placed (the county column, its address or its credit code).
	Placed locate.Place
	// Attached is how it was attached to links when its list names none (挂链); empty otherwise.
	Attached []attach.Attachment
}

// Attribute is a column of a user's list that no format reads, kept as written.
type Attribute struct{ Column, Value string }

type file struct {
	fsys     fs.FS
	path     string // inside fsys
	display  string // source name + path
	encoding string
	kind     string // the table, PlanFile, or "" for a file the loader leaves alone
	strength string // Source.StrengthColumn
}

// Build reads every source into one dataset. It returns Errors listing every problem in every
// file, or a dataset that has passed graph.Dataset.Validate. Warnings and notices are dropped:
// callers that show them use BuildReport.
func Build(sources ...Source) (*graph.Dataset, error) {
	ds, _, err := BuildReport(sources...)
	return ds, err
}

// BuildReport is Build that also returns the warnings, the notices and the firms read.
func BuildReport(sources ...Source) (*graph.Dataset, Report, error) {
	b := &builder{regions: map[string]int{}, ds: &graph.Dataset{}, seen: map[string]seenRow{}}
	byKind := map[string][]file{}
	for _, src := range sources {
		for _, f := range b.discover(src) {
			byKind[f.kind] = append(byKind[f.kind], f)
		}
	}
	for _, f := range byKind[PlanFile] {
		b.readPlan(f)
	}
	for _, name := range dataFiles {
		for _, f := range byKind[name] {
			b.read(name, f)
		}
	}
	b.finishRegions()
	b.mergeClusters()
	// Real supply networks loop: a FEEDS cycle through a user's edge is a warning (demand is
	// depth-limited); one of the curated seeds' edges alone stays an error.
	b.ds.AcceptUserCycles = true
	if err := b.ds.Validate(); err != nil {
		ps, _ := graph.AsProblems(err)
		for _, p := range ps {
			b.errs = append(b.errs, problemError(p))
		}
	}
	for _, p := range b.ds.Warnings() { // FEEDS cycles accepted in users' data (graph.Dataset.AcceptUserCycles)
		b.warns = append(b.warns, problemError(p))
	}
	rep := Report{Warnings: b.warns, Notices: b.notes, Enterprises: b.firms}
	if len(b.errs) > 0 {
		return nil, rep, b.errs
	}
	return b.ds, rep, nil
}

// discover lists a source's files with their tables: from a manifest, else from the name
// (enterprises.csv, enterprises.xlsx). Files it does not know are a notice, not an error, so
// a README.txt or a registry's second export beside the data does not stop a load.
func (b *builder) discover(src Source) []file {
	var files []file
	manifest := map[string]manifestEntry{} // path -> its table
	listed := map[string]string{}          // path -> the manifest row naming it
	_ = fs.WalkDir(src.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Base(p) == ManifestFile {
			b.readManifest(src, p, manifest, listed)
		}
		return nil
	})
	err := fs.WalkDir(src.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			b.errs = append(b.errs, Error{File: path.Join(src.Name, p), Message: err.Error()})
			return nil
		}
		base := path.Base(p)
		if d.IsDir() {
			switch {
			case p != "." && strings.HasPrefix(base, "."):
				return fs.SkipDir // .git and the like
			case base == "classification":
				return fs.SkipDir // industry-code tables: loaders/attach reads them
			}
			return nil
		}
		f := file{fsys: src.FS, path: p, display: path.Join(src.Name, p), encoding: src.Encoding, strength: src.StrengthColumn}
		if m, ok := manifest[p]; ok {
			delete(manifest, p)
			if m.kind != "ignore" {
				f.kind = m.kind
				if m.encoding != "" {
					f.encoding = m.encoding
				}
				files = append(files, f)
			}
			return nil
		}
		ext := strings.ToLower(path.Ext(base))
		stem := strings.TrimSuffix(base, path.Ext(base))
		switch {
		case base == PlanFile:
			f.kind = PlanFile
			files = append(files, f)
		case (ext == ".csv" || ext == ".xlsx" || ext == ".xls") && contains(dataFiles, stem):
			f.kind = stem
			files = append(files, f)
		case base == ManifestFile, base == MapFile, ext == ".md", ext == ".go", strings.HasPrefix(base, "."):
			// the manifest; map data (loaders/boundaries); documentation; the embedding package
		case p == "places/zones.csv" || strings.HasSuffix(p, "/places/zones.csv"):
			// development zones: loaders/locate reads them
		case strings.HasPrefix(base, "~$"):
			b.notes = append(b.notes, Error{File: f.display, Message: "an Excel lock file (the workbook is open in Excel); ignored"})
		default:
			b.notes = append(b.notes, Error{File: f.display, Message: fmt.Sprintf("not a data file by its name; ignored. To load it, name it as its table (%s, as .csv or .xlsx) or list it in a %s (file,kind)", strings.Join(dataFiles, ", "), ManifestFile)})
		}
		return nil
	})
	if err != nil {
		b.errs = append(b.errs, Error{File: src.Name, Message: err.Error()})
	}
	// In path order, so that a check lists them the same way every time.
	for _, p := range slices.Sorted(maps.Keys(manifest)) {
		// listed[p] is the manifest row's origin, file:line: the error's File and Line.
		b.errs = append(b.errs, problemError(graph.Problem{Origin: listed[p], Message: fmt.Sprintf("%s (%s) is not in the data directory", p, manifest[p].kind)}))
	}
	return files
}

// manifestFormat: kind is a table (enterprises), plan or ignore; encoding, when given,
// overrides the source's for that file (a folder of GBK and UTF-8 exports).
var manifestFormat = format{required: []string{"file", "kind"}, optional: []string{"encoding"}}

type manifestEntry struct{ kind, encoding string }

func (b *builder) readManifest(src Source, p string, manifest map[string]manifestEntry, listed map[string]string) {
	// The manifest is the user's own small file, read by detection whatever --encoding says of
	// the tables: a forced GB18030 would garble a UTF-8 manifest's file names.
	f := file{fsys: src.FS, path: p, display: path.Join(src.Name, p), encoding: EncodingAuto}
	t, errs, warns := readTable(f, "manifest", EncodingAuto, manifestFormat)
	b.errs = append(b.errs, errs...)
	b.warns = append(b.warns, warns...)
	for _, r := range t.rows {
		name, kind := r.get("file"), strings.TrimSuffix(strings.ToLower(r.get("kind")), ".csv")
		target := path.Clean(path.Join(path.Dir(p), name))
		switch {
		case name == "" || !fs.ValidPath(target):
			b.errs = append(b.errs, r.errorAt("file", "file %q; want a path relative to the manifest's folder", name))
		case kind != "ignore" && kind != "plan" && !contains(dataFiles, kind):
			b.errs = append(b.errs, r.errorAt("kind", "kind %q; want one of %s, plan or ignore", r.get("kind"), strings.Join(dataFiles, ", ")))
		case listed[target] != "":
			b.errs = append(b.errs, r.errorAt("file", "%s is already listed at %s", name, listed[target]))
		default:
			if kind == "plan" {
				kind = PlanFile
			}
			manifest[target], listed[target] = manifestEntry{kind, r.get("encoding")}, r.origin()
		}
	}
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
	ds           *graph.Dataset
	errs         Errors
	plan         string // whitespace-free plan text
	planFile     string
	regions      map[string]int // index in ds.Regions by code
	names        *graph.Resolver
	warns, notes Errors
	seen         map[string]seenRow // kind+id -> the row that defined it (see claim)
	firms        []Enterprise
	unlinked     int               // firms read without links
	places       *locate.Gazetteer // built at the first firm without a county column
	classes      *attach.Table     // 挂链 tables, read at the first firm without links
	strength     int               // the current enterprise list's strength column index, -1 for none
	loadedLinks  map[string]bool   // the links read, which 挂链 may attach to
	// clusters.csv rows by id, and the rows that list a cluster again (see mergeClusters).
	clusterRows map[string]clusterRow
	sameAs      []sameAs
}

func (b *builder) readPlan(f file) {
	raw, errs := readBytes(f)
	if len(errs) > 0 {
		b.errs = append(b.errs, errs...)
		return
	}
	data, line, msg := decodeText(raw, f.encoding)
	if msg != "" {
		b.errs = append(b.errs, Error{File: f.display, Line: line, Message: msg})
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
	t, errs, warns := readTable(f, name, f.encoding, spec)
	b.errs = append(b.errs, errs...)
	b.warns = append(b.warns, warns...)
	if t.skipped > 0 {
		b.notes = append(b.notes, Error{File: f.display, Line: 1, Message: fmt.Sprintf("the header is row %d; the %d row(s) above it (a title) are not read", t.skipped+1, t.skipped)})
	}
	b.ensureNames()
	if name == "enterprises" || name == "clusters" || name == "presence" {
		// At national scale these are a million rows: growing by doubling copied ~3 s of structs.
		b.ds.Presences = slices.Grow(b.ds.Presences, len(t.rows))
	}
	if name == "enterprises" {
		b.firms = slices.Grow(b.firms, len(t.rows))
	}
	firms, unlinked := len(b.firms), b.unlinked
	b.strength = -1
	if name == "enterprises" && f.strength != "" && t.h != nil {
		b.strength = t.h.index(f.strength)
		if b.strength < 0 {
			b.errs = append(b.errs, Error{File: f.display, Line: t.skipped + 1, Message: fmt.Sprintf("no column %q for the firms' strength (--strength); the header has %s", f.strength, strings.Join(t.h.names, ", "))})
		}
	}
	for _, r := range t.rows {
		spec.load(b, r)
	}
	b.names = nil // the file may have added names
	if name != "enterprises" || t.h == nil {
		return
	}
	if n := b.unlinked - unlinked; n > 0 {
		b.warns = append(b.warns, Error{File: f.display, Message: fmt.Sprintf("%d of %d firm(s) hold no link: the list names none for them and 挂链 by industry code, products and business scope found none (each is listed); they are read, but are not in the graph", n, len(b.firms)-firms)})
	}
	if len(t.h.extra) > 0 {
		var cs []string
		for _, a := range t.h.extra {
			cs = append(cs, columnLetter(a.index)+" "+a.header)
		}
		b.notes = append(b.notes, Error{File: f.display, Line: t.skipped + 1, Message: fmt.Sprintf("%d column(s) no format reads, kept as the firms' attributes (answers show them with the firm): %s", len(cs), strings.Join(cs, ", "))})
	}
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
		ns = append(ns, graph.Named{Kind: graph.NamedLink, ID: l.ID, Name: l.Name, Aliases: l.Aliases, Segments: l.Segments, ChainID: l.ChainID})
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
