package loaders

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/seeds"
)

// The loader fuzzers write the fuzz bytes as one file of a table format into a data directory
// beside the seeds, and load both through BuildReport, the entry `chaingraph check --data DIR`
// and `serve --data DIR` use. Whatever the bytes, the load must return within fuzzLoadTimeout,
// every problem it reports must name a file (and a line of it when it names a column), and the
// load either fails with Errors or gives a dataset that validates, whose facts from the user's
// file name lines of that file.
//
// The seeds are a part of the real seeds (the regions, the plan and the NEV chain), not all of
// them: a load of the whole seeds takes ~0.2 s (a resolver is built after every file), which
// would leave a fuzzer a few executions a second; the part takes the same code paths.

const fuzzLoadTimeout = 20 * time.Second

// fuzzUserSource is the name of the fuzzed data directory, as --data would give it.
const fuzzUserSource = "mydata"

// fuzzSeedDirs are the files and folders of seeds/ the fuzzers load beside the fuzzed file.
var fuzzSeedDirs = []string{"hubei/prefectures.csv", "hubei/divisions.csv", "places/", "plan/", "chains/nev/"}

var fuzzSeeds = sync.OnceValue(func() fstest.MapFS {
	m := fstest.MapFS{}
	_ = fs.WalkDir(seeds.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Base(p) == MapFile || !slices.ContainsFunc(fuzzSeedDirs, func(dir string) bool { return strings.HasPrefix(p, dir) }) {
			return nil
		}
		data, err := fs.ReadFile(seeds.FS, p)
		if err != nil {
			panic(err)
		}
		m[p] = &fstest.MapFile{Data: data}
		return nil
	})
	return m
})

// fuzzKinds are the table formats and the manifest, sorted: a fuzz input picks one by its first
// argument, so a format added to formats is fuzzed without a change here.
var fuzzKinds = sync.OnceValue(func() []string {
	ks := []string{strings.TrimSuffix(ManifestFile, ".csv")}
	for k := range formats {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
})

func fuzzKind(k uint8) string { ks := fuzzKinds(); return ks[int(k)%len(ks)] }

func fuzzKindIndex(t testing.TB, name string) uint8 {
	i := slices.Index(fuzzKinds(), name)
	if i < 0 {
		t.Fatalf("no format %q", name)
	}
	return uint8(i)
}

// seedTables are, per format, the head of a real file of that format from the seeds (header and
// a few rows), and some hand-written rows of users' lists.
func seedTables(t testing.TB) map[string][]string {
	out := map[string][]string{}
	_ = fs.WalkDir(seeds.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".csv" {
			return nil
		}
		kind := strings.TrimSuffix(path.Base(p), ".csv")
		if _, ok := formats[kind]; !ok || len(out[kind]) >= 1 {
			return nil
		}
		data, err := fs.ReadFile(seeds.FS, p)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(string(data), "\n")
		out[kind] = append(out[kind], strings.Join(lines[:min(len(lines), 6)], ""))
		return nil
	})
	out["enterprises"] = append(out["enterprises"],
		"企业名称,统一社会信用代码,所属区县,注册地址,国民经济行业代码,经营范围,主营产品\n"+
			"武汉某锂电科技有限公司,91420100MA4KT1E29N,,湖北省武汉市东湖新技术开发区高新大道1号,C3841,锂离子电池研发、生产、销售,动力锂离子电池\n"+
			"宜都某新能源材料有限公司,91420581MA49T3E406,宜都市,,,正极材料生产,\n"+
			"襄阳某汽车零部件有限公司,,,襄阳市襄州区航空路2号,3670,汽车零部件制造,\n",
		"湖北省企业名录 2026年3月\nname,county,links,source\n某电池厂,潜江市,nev-battery,our survey\n某整车厂,420115,新能源整车;电池,our survey\n")
	out["presence"] = append(out["presence"], "id,region,link,strength,evidence_kind,evidence,section,reason\nmy-1,仙桃市,nev-battery,2,source,our 2026 survey,,\nmy-2,潜江,电池,1,domain,,,a reason\n")
	out["clusters"] = append(out["clusters"], "name,county,chain,links,source,year,id,same_as\n潜江电池集群,潜江市,nev,nev-battery,a list,2024,c-1,\n潜江电池集群,潜江市,nev,nev-battery,a later list,2025,c-2,c-1\n")
	out["chains"] = append(out["chains"], "id,name,category,aliases,same_as,evidence_kind,evidence,section,reason\nmy-li,锂电池,emerging,,nev,source,ours,,\n")
	return out
}

// fuzzLoad writes data as dir/name in a fresh directory and loads it beside the seed part, with
// the source's encoding. It fails the test when the load does not return in time.
func fuzzLoad(t *testing.T, name string, data []byte, encoding string) (*graph.Dataset, Report, error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	type result struct {
		ds  *graph.Dataset
		rep Report
		err error
	}
	done := make(chan result, 1)
	go func() {
		ds, rep, err := BuildReport(Source{Name: "seeds", FS: fuzzSeeds()}, Source{Name: fuzzUserSource, FS: os.DirFS(dir), Encoding: encoding})
		done <- result{ds, rep, err}
	}()
	select {
	case r := <-done:
		return r.ds, r.rep, r.err
	case <-time.After(fuzzLoadTimeout):
		t.Fatalf("BuildReport of a %d-byte %s did not return in %v", len(data), name, fuzzLoadTimeout)
	}
	return nil, Report{}, nil
}

// checkLoad asserts what every load must hold: lines is the number of lines of the user's file
// (0 when not known, as for a workbook).
func checkLoad(t *testing.T, userFile string, lines int, ds *graph.Dataset, rep Report, err error) {
	t.Helper()
	var errs Errors
	if err != nil && !errors.As(err, &errs) {
		t.Fatalf("err = %T %v; want loaders.Errors", err, err)
	}
	if err != nil && !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("errors.Is(err, graph.ErrInvalid) = false for %v", err)
	}
	if err != nil && len(errs) == 0 {
		t.Errorf("a failed load with an empty list of errors")
	}
	for _, part := range []struct {
		what string
		es   Errors
	}{{"error", errs}, {"warning", rep.Warnings}, {"notice", rep.Notices}} {
		for _, e := range part.es {
			checkProblem(t, part.what, userFile, lines, e)
		}
	}
	if err != nil {
		if ds != nil {
			t.Errorf("a failed load returned a dataset")
		}
		return
	}
	if ds == nil {
		t.Fatal("no error and no dataset")
	}
	if verr := ds.Validate(); verr != nil {
		t.Errorf("the loaded dataset does not validate: %v", verr)
	}
	for _, o := range origins(ds) {
		if rest, ok := strings.CutPrefix(o, userFile+":"); ok {
			if n, err := strconv.Atoi(rest); err != nil || n < 1 || (lines > 0 && n > lines) {
				t.Errorf("a fact from %s has origin %q; want a line from 1 to %d", userFile, o, lines)
			}
		} else if !strings.HasPrefix(o, "seeds/") {
			t.Errorf("a fact has origin %q, in neither the seeds nor %s", o, userFile)
		}
	}
	for _, e := range rep.Enterprises {
		if !strings.HasPrefix(e.Origin, userFile+":") {
			t.Errorf("firm %q has origin %q, not in %s", e.Name, e.Origin, userFile)
		}
	}
}

// checkProblem: a problem names a file the load read (the user's, a seed file, or "dataset"
// for a problem of no one fact), a row problem names a line of it, and says something.
func checkProblem(t *testing.T, what, userFile string, lines int, e Error) {
	t.Helper()
	switch {
	case strings.TrimSpace(e.Message) == "":
		t.Errorf("%s with no message: %#v", what, e)
	case e.File == userFile:
		if e.Line < 0 || (lines > 0 && e.Line > lines) {
			t.Errorf("%s at line %d of a %d-line file: %v", what, e.Line, lines, e)
		}
	case e.File == "dataset":
	case strings.HasPrefix(e.File, "seeds/"):
		p := strings.TrimPrefix(e.File, "seeds/")
		if _, err := fs.Stat(seeds.FS, p); err != nil {
			t.Errorf("%s names %s, which is not a seed file: %v", what, e.File, e)
		}
	default:
		t.Errorf("%s names file %q, neither %s nor a seed file: %v", what, e.File, userFile, e)
	}
	if e.Column > 0 && e.Line < 1 {
		t.Errorf("%s names column %d but line %d: %v", what, e.Column, e.Line, e)
	}
	if e.Column < 0 || e.Line < 0 {
		t.Errorf("%s at a negative place: %#v", what, e)
	}
}

// origins are the origins of every fact of the dataset.
func origins(ds *graph.Dataset) []string {
	var out []string
	add := func(ev graph.Evidence) { out = append(out, ev.Origin) }
	for _, x := range ds.Regions {
		add(x.Evidence)
	}
	for _, x := range ds.Borders {
		add(x.Evidence)
	}
	for _, x := range ds.Chains {
		add(x.Evidence)
	}
	for _, x := range ds.Links {
		add(x.Evidence)
	}
	for _, x := range ds.Feeds {
		add(x.Evidence)
	}
	for _, x := range ds.Presences {
		add(x.Evidence)
		for _, l := range x.AlsoListed {
			add(l.Evidence)
		}
	}
	for _, x := range ds.ChainFacts {
		add(x.Evidence)
	}
	for _, x := range ds.ClusterCounts {
		add(x.Evidence)
	}
	for _, x := range ds.Belts {
		add(x.Evidence)
	}
	for _, x := range ds.Members {
		add(x.Evidence)
	}
	for _, x := range ds.Targets {
		add(x.Evidence)
	}
	return out
}

func lineCount(data []byte) int { return bytes.Count(data, []byte{'\n'}) + 1 }

// FuzzLoadCSV: arbitrary bytes as a CSV file of any format (kind picks it), read with encoding
// detection (UTF-8, else GB18030), load the same way twice.
func FuzzLoadCSV(f *testing.F) {
	for kind, tables := range seedTables(f) {
		for _, s := range tables {
			f.Add(fuzzKindIndex(f, kind), []byte(s))
		}
	}
	registry, err := os.ReadFile("testdata/registry/企业名录.csv") // a GBK export
	if err != nil {
		f.Fatal(err)
	}
	f.Add(fuzzKindIndex(f, "enterprises"), registry)
	manifest, err := os.ReadFile("testdata/registry/" + ManifestFile) // names files not beside it
	if err != nil {
		f.Fatal(err)
	}
	f.Add(fuzzKindIndex(f, "manifest"), manifest)
	f.Add(fuzzKindIndex(f, "manifest"), []byte("file,kind,encoding\nmanifest.csv,ignore,\n../x.csv,enterprises,gbk\n"))
	f.Add(fuzzKindIndex(f, "presence"), []byte("\xef\xbb\xbfid,region,link\n\"a,b\n"))
	f.Fuzz(func(t *testing.T, k uint8, data []byte) {
		name := fuzzKind(k) + ".csv"
		ds, rep, err := fuzzLoad(t, name, data, EncodingAuto)
		checkLoad(t, fuzzUserSource+"/"+name, lineCount(data), ds, rep, err)
		// The same bytes load the same way again: problems in the same order (check prints
		// them as they come), the same dataset.
		ds2, rep2, err2 := fuzzLoad(t, name, data, EncodingAuto)
		sameLoad(t, "a second load", ds, rep, err, ds2, rep2, err2)
	})
}

// FuzzLoadGB18030: text saved as GB18030 (Excel on Chinese Windows) loads exactly as the same
// text saved as UTF-8: the same dataset, firms, errors, warnings and notices. Read with
// detection, GB18030 bytes that are not UTF-8 load the same way too.
func FuzzLoadGB18030(f *testing.F) {
	// Each input is loaded three times: a few formats of Chinese text, not all of them.
	tables := seedTables(f)
	for _, kind := range []string{"enterprises", "presence", "clusters", "chains", "aliases", "divisions"} {
		f.Add(fuzzKindIndex(f, kind), tables[kind][len(tables[kind])-1])
	}
	registry, err := os.ReadFile("testdata/registry/企业名录.csv")
	if err != nil {
		f.Fatal(err)
	}
	text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(registry)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(fuzzKindIndex(f, "enterprises"), string(text))
	f.Fuzz(func(t *testing.T, k uint8, text string) {
		// Text GB18030 carries as it is: UTF-8 without U+FFFD (the loader refuses it as a bad
		// byte) and without a leading BOM (UTF-8's own).
		text = strings.TrimLeft(strings.ReplaceAll(strings.ToValidUTF8(text, ""), "\ufffd", ""), "\ufeff")
		gb, err := simplifiedchinese.GB18030.NewEncoder().String(text)
		if err != nil {
			t.Fatalf("GB18030 cannot encode %q: %v", text, err)
		}
		name := fuzzKind(k) + ".csv"
		file := fuzzUserSource + "/" + name
		lines := lineCount([]byte(text))
		dsU, repU, errU := fuzzLoad(t, name, []byte(text), EncodingUTF8)
		checkLoad(t, file, lines, dsU, repU, errU)
		dsG, repG, errG := fuzzLoad(t, name, []byte(gb), EncodingGB18030)
		checkLoad(t, file, lines, dsG, repG, errG)
		if name == ManifestFile && utf8.ValidString(gb) && gb != text {
			return // the manifest is read by detection whatever the encoding named: these bytes are UTF-8
		}
		sameLoad(t, "GB18030 (named)", dsU, repU, errU, dsG, repG, errG)
		if !utf8.ValidString(gb) {
			dsA, repA, errA := fuzzLoad(t, name, []byte(gb), EncodingAuto)
			sameLoad(t, "GB18030 (detected)", dsU, repU, errU, dsA, repA, errA)
		}
	})
}

func sameLoad(t *testing.T, what string, ds1 *graph.Dataset, rep1 Report, err1 error, ds2 *graph.Dataset, rep2 Report, err2 error) {
	t.Helper()
	if !reflect.DeepEqual(err1, err2) {
		t.Fatalf("%s loads differently from the first:\nfirst: %v\n%s: %v", what, err1, what, err2)
	}
	if !reflect.DeepEqual(rep1, rep2) {
		t.Fatalf("%s gives another report than the first:\nfirst: %s\n%s: %s", what, rep1.Text(100), what, rep2.Text(100))
	}
	if !reflect.DeepEqual(ds1, ds2) {
		t.Fatalf("%s gives another dataset than the first", what)
	}
}

// FuzzLoadXLSX: arbitrary bytes as an .xlsx workbook of any format. The corpus starts from the
// registry export in testdata and from workbooks made of the seeds' rows.
func FuzzLoadXLSX(f *testing.F) {
	registry, err := os.ReadFile("testdata/registry/园区企业.xlsx")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(fuzzKindIndex(f, "enterprises"), registry)
	tables := seedTables(f)
	for _, kind := range []string{"enterprises", "presence", "links", "divisions"} {
		recs, errs := readCSV("seed", tables[kind][0])
		if len(errs) > 0 {
			f.Fatal(errs)
		}
		x := excelize.NewFile()
		sheet := x.GetSheetName(0)
		for _, r := range recs {
			cells := make([]any, len(r.fields))
			for i, v := range r.fields {
				cells[i] = v
			}
			if err := x.SetSheetRow(sheet, "A"+strconv.Itoa(r.line), &cells); err != nil {
				f.Fatal(err)
			}
		}
		var b bytes.Buffer
		if err := x.Write(&b); err != nil {
			f.Fatal(err)
		}
		f.Add(fuzzKindIndex(f, kind), b.Bytes())
	}
	f.Fuzz(func(t *testing.T, k uint8, data []byte) {
		name := fuzzKind(k) + ".xlsx"
		ds, rep, err := fuzzLoad(t, name, data, EncodingAuto)
		checkLoad(t, fuzzUserSource+"/"+name, 0, ds, rep, err)
	})
}

// The seed part the fuzzers load beside their file loads by itself, and the hand-written
// presence rows load beside it: the fuzzers start from loads that succeed, not only from ones
// that fail.
func TestFuzzSeedPartLoads(t *testing.T) {
	if _, _, err := BuildReport(Source{Name: "seeds", FS: fuzzSeeds()}); err != nil {
		t.Fatal(err)
	}
	tables := seedTables(t)["presence"]
	body := []byte(tables[len(tables)-1])
	ds, rep, err := fuzzLoad(t, "presence.csv", body, EncodingAuto)
	checkLoad(t, fuzzUserSource+"/presence.csv", lineCount(body), ds, rep, err)
	if err != nil {
		t.Fatal(err)
	}
}
