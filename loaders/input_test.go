package loaders_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/loaders"
)

func rawData(files map[string][]byte) loaders.Source {
	fs := fstest.MapFS{}
	for name, body := range files {
		fs[name] = &fstest.MapFile{Data: body}
	}
	return loaders.Source{Name: "mydata", FS: fs}
}

func gbk(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wantProblems checks that err lists exactly these problems, each given by its start.
func wantProblems(t *testing.T, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("loaded; want %d problem(s): %s", len(want), strings.Join(want, "\n"))
	}
	got := messages(t, err)
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d:\n got %s\nwant %s…", i, got[i], want[i])
		}
	}
}

func firmsFrom(rep loaders.Report, file string) map[string]loaders.Enterprise {
	out := map[string]loaders.Enterprise{}
	for _, e := range rep.Enterprises {
		if strings.HasPrefix(e.Origin, file) {
			out[e.Name] = e
		}
	}
	return out
}

// registryCSV is an export as a registry gives it: Chinese headers, columns the loader does not
// read, 、 between links, a firm listed twice, a unit in a header.
const registryCSV = "序号,企业名称,统一社会信用代码,法定代表人,所属区县,注册地址,国民经济行业代码,经营范围,主营产品,注册资本（万元）,成立日期,环节,联系电话\r\n" +
	"1,武汉某电池有限公司,91420100MA4K0000XX,张三,江夏区,武汉市江夏区某路1号,C3841,锂离子电池制造；电池材料销售,动力电池,5000,2019-05-01,电池、电机,027-0000\r\n" +
	"2,潜江某材料有限公司,,李四,潜江市,潜江市某路2号,C2613,化工材料,正极材料,1200,2020/1/2,电池材料,\r\n" +
	"3,武汉某电池有限公司,91420100MA4K0000XX,张三,江夏区,武汉市江夏区某路1号,C3841,锂离子电池制造；电池材料销售,动力电池,5000,2019-05-01,电池、电机,027-0000\r\n" +
	"4,仙桃某公司,,王五,仙桃市,仙桃市某路4号,C3670,汽车零部件,,100,2021-03-03,,\r\n"

// A GBK CSV named 企业名录.csv, as Excel on Chinese Windows saves one, loads through a manifest;
// the repeated row is merged with a warning naming both lines, the README.txt is a notice.
func TestGBKRegistryExportLoads(t *testing.T) {
	ds, rep, err := loaders.BuildReport(seedSource(), rawData(map[string][]byte{
		"manifest.csv":               []byte("file,kind\n企业名录.csv,enterprises\n"),
		"企业名录.csv":                   gbk(t, registryCSV),
		"README.txt":                 gbk(t, "数据说明"),
		"classification/gbt4754.csv": []byte("not read here"),
		"places/zones.csv":           []byte("not read here"),
	}))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ds.Presences {
		if strings.HasPrefix(p.Evidence.Origin, "mydata/") {
			got = append(got, p.RegionID+" "+p.LinkID+" "+p.Holder+" "+p.Evidence.Origin)
		}
	}
	want := []string{
		"cn-420115 nev-battery 武汉某电池有限公司 mydata/企业名录.csv:2",
		"cn-420115 nev-motor 武汉某电池有限公司 mydata/企业名录.csv:2",
		"cn-429005 nev-battery-materials 潜江某材料有限公司 mydata/企业名录.csv:3",
		// No links named: 挂链 by its industry code 3670 (汽车零部件及配件制造): wholly auto parts,
		// and the part of it that is NEV controls, which its words do not confirm (one reading).
		"cn-429004 auto-parts 仙桃某公司 mydata/企业名录.csv:5",
		"cn-429004 nev-control 仙桃某公司 mydata/企业名录.csv:5",
	}
	if !slices.Equal(got, want) {
		t.Errorf("presences:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	firms := firmsFrom(rep, "mydata/企业名录.csv")
	if len(firms) != 3 {
		t.Fatalf("%d firms, want 3 (the repeated row merged): %+v", len(firms), firms)
	}
	w := firms["武汉某电池有限公司"]
	if w.IndustryCode != "C3841" || w.RegisteredCapital != "5000" || w.Founded != "2019-05-01" || w.Products != "动力电池" || w.Address != "武汉市江夏区某路1号" {
		t.Errorf("firm read as %+v", w)
	}
	if !slices.Equal(w.Attributes, []loaders.Attribute{{Column: "序号", Value: "1"}, {Column: "法定代表人", Value: "张三"}, {Column: "联系电话", Value: "027-0000"}}) {
		t.Errorf("attributes %+v, want 序号, 法定代表人, 联系电话 as written", w.Attributes)
	}
	if x := firms["仙桃某公司"]; x.CountyID != "cn-429004" || len(x.Attached) != 2 ||
		x.Attached[0].Confidence != "confident" || x.Attached[1].Confidence != "probable" {
		t.Errorf("a firm without links: %+v; want it at 仙桃市, attached by its code to auto-parts (confident) and nev-control (probable)", x)
	}
	for _, p := range ds.Presences {
		certain := p.Certain()
		if p.Holder == "仙桃某公司" && (certain != (p.LinkID == "auto-parts") || !strings.Contains(p.Evidence.Reason, "挂链 by industry code")) {
			t.Errorf("%s: certain %v, reason %q; want only the confident attachment certain, both saying how they were attached", p.ID, certain, p.Evidence.Reason)
		}
	}
	warnings := strings.Join(rep.Warnings.Lines(20), "\n")
	for _, want := range []string{
		"mydata/企业名录.csv:4:3: enterprise 91420100MA4K0000XX: the same as mydata/企业名录.csv:2; merged",
		// 91420100MA4K0000XX: its organisation code fails GB 11714, and its check character too.
		"mydata/企业名录.csv:2:3: credit code \"91420100MA4K0000XX\": character 17:",
	} {
		if !strings.Contains(warnings, want) {
			t.Errorf("warnings do not say %q:\n%s", want, warnings)
		}
	}
	notices := strings.Join(rep.Notices.Lines(20), "\n")
	for _, want := range []string{
		"mydata/README.txt: not a data file by its name; ignored",
		"mydata/企业名录.csv:1: 3 column(s) no format reads, kept as the firms' attributes (answers show them with the firm): A 序号, D 法定代表人, M 联系电话",
	} {
		if !strings.Contains(notices, want) {
			t.Errorf("notices do not say %q:\n%s", want, notices)
		}
	}
	if strings.Contains(notices, "classification") || strings.Contains(notices, "zones") || len(rep.Notices) != 2 {
		t.Errorf("notices name files other packages read, or more than two:\n%s", notices)
	}
}

// The same firm twice with different content is refused at the second row, naming the first.
func TestConflictingFirmRowsNameBothLines(t *testing.T) {
	_, err := loaders.Build(seedSource(), rawData(map[string][]byte{
		"enterprises.csv": gbk(t, "企业名称,统一社会信用代码,所属区县,环节\n"+
			"武汉某电池有限公司,91420100MA4K0000XX,江夏区,电池\n"+
			"武汉某电池有限公司,91420100MA4K0000XX,洪山区,电池\n"+
			"潜江某公司,,潜江市,电池\n"+
			"潜江某公司,,潜江市,电机\n"),
	}))
	wantProblems(t, err,
		"mydata/enterprises.csv:3:2: enterprise 91420100MA4K0000XX is already defined at mydata/enterprises.csv:2, differently",
		"mydata/enterprises.csv:5:1: enterprise 潜江某公司 in 潜江市 is already defined at mydata/enterprises.csv:4, differently",
	)
}

func TestEncodings(t *testing.T) {
	header := "企业名称,所属区县,环节\n"
	for _, tc := range []struct {
		name     string
		body     []byte
		encoding string
		want     string // "" for loads
	}{
		{"utf-8", []byte(header + "某公司,江夏区,电池\n"), "", ""},
		{"utf-8 with BOM", []byte("\ufeff" + header + "某公司,江夏区,电池\n"), "", ""},
		{"gbk", gbk(t, header+"某公司,江夏区,电池\n"), "", ""},
		{"gbk asked for", gbk(t, header+"某公司,江夏区,电池\n"), "gb18030", ""},
		{"gbk read as utf-8", gbk(t, header+"某公司,江夏区,电池\n"), "utf-8", "mydata/enterprises.csv:1: byte 0xc6 is not UTF-8, the encoding asked for; if Excel on Chinese Windows saved it, its encoding is gb18030"},
		{"neither", append([]byte(header+"某公司,江夏区,电池\n"), 0xff, '\n'), "", "mydata/enterprises.csv:3: neither UTF-8 (byte 0xff here) nor GB18030/GBK (first bad byte at line 1)"},
		{"bom then not utf-8", append([]byte("\ufeff"+header), gbk(t, "某公司,江夏区,电池\n")...), "", "mydata/enterprises.csv:2: begins with a UTF-8 BOM but byte 0xb9 is not UTF-8"},
		{"utf-16", []byte{0xff, 0xfe, 'a', 0}, "", `mydata/enterprises.csv: UTF-16 text`},
		{"unknown encoding", []byte(header), "big5", `mydata/enterprises.csv: encoding "big5"; want "" (detect), utf-8 or gb18030`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := rawData(map[string][]byte{"enterprises.csv": tc.body})
			src.Encoding = tc.encoding
			ds, rep, err := loaders.BuildReport(seedSource(), src)
			if tc.want != "" {
				wantProblems(t, err, tc.want)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			f := firmsFrom(rep, "mydata/")["某公司"]
			if f.CountyID != "cn-420115" || !slices.Equal(f.LinkIDs, []string{"nev-battery"}) {
				t.Errorf("firm %+v", f)
			}
			for _, p := range ds.Presences {
				if !utf8Valid(p.Holder) {
					t.Errorf("invalid UTF-8 in the dataset: %q", p.Holder)
				}
			}
		})
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

// An .xlsx export: the sheet named as the table (not the first, a 说明 sheet), rows at their
// sheet row numbers (a blank row between), numbers and dates as displayed.
func TestXLSXRegistryExport(t *testing.T) {
	x := excelize.NewFile()
	defer x.Close()
	x.SetSheetName("Sheet1", "说明")
	x.SetCellValue("说明", "A1", "本表由某平台导出")
	if _, err := x.NewSheet("enterprises"); err != nil {
		t.Fatal(err)
	}
	dateStyle, err := x.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")})
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"企业名称", "统一社会信用代码", "所属区县", "产业链环节", "注册资本(万元)", "成立日期", "备注"},
		{"武汉某电池有限公司", "91420100MA4K0000XX", "江夏区", "电池；电机", 5000, 43586}, // 43586 is 2019-05-01; no 备注
		{},
		{"荆州某电机有限公司", "", "沙市去", "电机", 80.5, 44000, "待核实"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("enterprises", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	x.SetCellStyle("enterprises", "F2", "F4", dateStyle)
	buf, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	_, err = loaders.Build(seedSource(), rawData(map[string][]byte{"enterprises.xlsx": buf.Bytes()}))
	wantProblems(t, err, `mydata/enterprises.xlsx:4:3: region "沙市去" not found; did you mean 沙市区`)

	x.SetCellValue("enterprises", "C4", "沙市区")
	buf, _ = x.WriteToBuffer()
	ds, rep, err := loaders.BuildReport(seedSource(), rawData(map[string][]byte{"企业名录.xlsx": buf.Bytes(), "manifest.csv": []byte("文件,类型\n企业名录.xlsx,enterprises\n")}))
	if err != nil {
		t.Fatal(err)
	}
	firms := firmsFrom(rep, "mydata/企业名录.xlsx")
	if f := firms["武汉某电池有限公司"]; f.Founded != "2019-05-01" || f.RegisteredCapital != "5000" || !slices.Equal(f.LinkIDs, []string{"nev-battery", "nev-motor"}) || f.Origin != "mydata/企业名录.xlsx:2" {
		t.Errorf("row 2 read as %+v", f)
	}
	if f := firms["荆州某电机有限公司"]; f.RegisteredCapital != "80.5" || f.Origin != "mydata/企业名录.xlsx:4" || !slices.Equal(f.Attributes, []loaders.Attribute{{Column: "备注", Value: "待核实"}}) {
		t.Errorf("row 4 read as %+v", f)
	}
	n := 0
	for _, p := range ds.Presences {
		if strings.HasPrefix(p.Evidence.Origin, "mydata/") {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d presences from the workbook, want 3", n)
	}
}

func ptr[T any](v T) *T { return &v }

// Headers match whatever their case, spacing and width; two cells naming one column are refused.
func TestHeaders(t *testing.T) {
	ds, err := loaders.Build(seedSource(), userData(map[string]string{
		"enterprises.csv": "ＮＡＭＥ, County ,Links,Credit Code\n某公司,江夏区,电池,\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if !hasHolder(ds, "某公司") {
		t.Errorf("no presence of 某公司")
	}
	_, err = loaders.Build(seedSource(), userData(map[string]string{
		"enterprises.csv": "企业名称,name,所属区县,环节,县区\n甲,乙,江夏区,电池,江夏区\n",
	}))
	wantProblems(t, err,
		`mydata/enterprises.csv:1:2: columns A "企业名称" and B "name" are both name; keep one`,
		`mydata/enterprises.csv:1:5: columns C "所属区县" and E "县区" are both county; keep one`,
	)
	// No county column: the address places the firm; nothing says what it makes.
	ds, rep, err := loaders.BuildReport(seedSource(), userData(map[string]string{
		"enterprises.csv": "企业名称,注册地址\n甲,武汉市江夏区某路1号\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	firms := firmsFrom(rep, "mydata/enterprises.csv")
	if f := firms["甲"]; f.CountyID != "cn-420115" || f.Placed.Method != "address" || hasHolder(ds, "甲") {
		t.Errorf("address-only firm: %+v; want it placed at 江夏区 by its address, in no link", f)
	}
	if w := strings.Join(rep.Warnings.Lines(20), "\n"); !strings.Contains(w, "甲: attached to no link") {
		t.Errorf("warnings %q; want 甲 reported as attached to no link", w)
	}
}

func hasHolder(ds *graph.Dataset, holder string) bool {
	for _, p := range ds.Presences {
		if p.Holder == holder {
			return true
		}
	}
	return false
}

// Lists: ';' '；' '、' ',' '，' between links; a link whose own name holds '、' is one link.
func TestListSeparators(t *testing.T) {
	ds, err := loaders.Build(seedSource(), userData(map[string]string{
		"enterprises.csv": "name,county,links\n" +
			"甲,江夏区,电池;电机\n" +
			"乙,江夏区,电池；电机\n" +
			"丙,江夏区,电池、电机\n" +
			"丁,江夏区,\"电池,电机\"\n" +
			"戊,江夏区,电池，电机\n" +
			"己,江夏区,关键基础零部件、元器件及通用部件\n" +
			"庚,江夏区,关键基础零部件、元器件及通用部件；电机\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, p := range ds.Presences {
		if strings.HasPrefix(p.Evidence.Origin, "mydata/") {
			got[p.Holder] = append(got[p.Holder], p.LinkID)
		}
	}
	for _, h := range []string{"甲", "乙", "丙", "丁", "戊"} {
		if !slices.Equal(got[h], []string{"nev-battery", "nev-motor"}) {
			t.Errorf("%s: links %v, want nev-battery and nev-motor", h, got[h])
		}
	}
	if !slices.Equal(got["己"], []string{"equipment-components"}) || !slices.Equal(got["庚"], []string{"equipment-components", "nev-motor"}) {
		t.Errorf("a link name with 、: %v, %v", got["己"], got["庚"])
	}
	_, err = loaders.Build(seedSource(), userData(map[string]string{
		"enterprises.csv": "name,county,links\n甲,江夏区,电池、固态电池\n",
	}))
	wantProblems(t, err, `mydata/enterprises.csv:2:3: link "固态电池" not found`)
}

// A FIFO named as a data file is refused without being opened (opening one blocks until a
// writer comes), and so are a device behind a symlink and a directory named as a file.
func TestOnlyRegularFilesAreRead(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "enterprises.csv"), 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "presence.csv")); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := loaders.Build(seedSource(), loaders.Source{Name: "mydata", FS: os.DirFS(dir)})
		done <- err
	}()
	select {
	case err := <-done:
		wantProblems(t, err,
			"mydata/presence.csv: not a regular file (D", // a character device
			"mydata/enterprises.csv: not a regular file (p",
		)
	case <-time.After(10 * time.Second):
		t.Fatal("Build blocked on a FIFO")
	}
}

func TestBadValuesAreRefusedAtTheirCell(t *testing.T) {
	presence := "id,region,link,strength,evidence_kind,evidence,section,reason\n"
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"NaN strength", map[string]string{"presence.csv": presence + "my-1,潜江市,电池,NaN,source,s,,\nmy-2,潜江市,电池,+Inf,source,s,,\n"},
			[]string{`mydata/presence.csv:2:4: strength "NaN"; want a finite number`, `mydata/presence.csv:3:4: strength "+Inf"; want a finite number`}},
		{"NaN centroid", map[string]string{"centroids.csv": "code,lon,lat\n429005,NaN,30.4\n"},
			[]string{`mydata/centroids.csv:2:2: lon "NaN"; want a finite number`}},
		{"NUL in a name", map[string]string{"enterprises.csv": "name,county,links\n武汉\x00公司,江夏区,电池\n"},
			[]string{"mydata/enterprises.csv:2:1: name: control character U+0000 in the field"}},
		{"line break in an id", map[string]string{"presence.csv": presence + "\"my-\n1\",潜江市,电池,1,source,s,,\n"},
			[]string{"mydata/presence.csv:2:1: id: a line break inside the field"}},
		{"field over 64 KiB", map[string]string{"enterprises.csv": "name,county,links,business_scope\n甲,江夏区,电池," + strings.Repeat("x", 65<<10) + "\n"},
			[]string{"mydata/enterprises.csv:2:4: business_scope: a field of 66560 bytes; the limit is 64 KiB per field"}},
		{"quote opened on line 2", map[string]string{"presence.csv": presence + "my-1,\"潜江市,电池,1,source,s,,\nmy-2,潜江市,电池,1,source,s,,\n"},
			[]string{`mydata/presence.csv:2: extraneous or missing " in quoted-field`}},
		{"bare quote", map[string]string{"presence.csv": presence + "my-1,潜\"江市,电池,1,source,s,,\n"},
			[]string{`mydata/presence.csv:2: bare " in non-quoted-field: a field with a quote must be quoted whole`}},
		{"old .xls", map[string]string{"enterprises.xls": "\xd0\xcf\x11\xe0"},
			[]string{"mydata/enterprises.xls: .xls is an old binary spreadsheet; save it as .xlsx or as CSV"}},
		{"manifest mistakes", map[string]string{"manifest.csv": "file,kind\n企业.csv,firms\n名录.csv,enterprises\n", "企业.csv": ""},
			[]string{`mydata/manifest.csv:2:2: kind "firms"; want one of`, "mydata/manifest.csv:3: 名录.csv (enterprises) is not in the data directory"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loaders.Build(seedSource(), userData(tc.files))
			wantProblems(t, err, tc.want...)
		})
	}
}

// A duplicate chain id is one problem, not one per link of the chain: the second definition is
// refused and the links resolve to the first. The same row twice is merged with a warning.
func TestDuplicateIDsAreRootCauses(t *testing.T) {
	chains := "id,name,category,evidence_kind,evidence,section,reason\n"
	_, err := loaders.Build(seedSource(), userData(map[string]string{
		"chains.csv": chains + "nev,另一条链,emerging,domain,,,a test\n",
		"links.csv":  "id,chain,name,stage,evidence_kind,evidence,section,reason\nmy-a,nev,甲,upstream,domain,,,t\nmy-b,nev,乙,upstream,domain,,,t\n",
	}))
	wantProblems(t, err, `mydata/chains.csv:2:1: chain "nev" is already defined at seeds/chains/nev/chains.csv:2, differently`)

	_, rep, err := loaders.BuildReport(seedSource(), userData(map[string]string{
		"chains.csv": chains + "my,我的链,emerging,domain,,,a test\nmy,我的链,emerging,domain,,,a test\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if w := rep.Text(20); !strings.Contains(w, `mydata/chains.csv:3:1: chain "my": the same as mydata/chains.csv:2; merged`) {
		t.Errorf("warnings:\n%s", w)
	}
}

// One mistake down a whole column is one line naming its rows, and a long list ends with a count.
func TestProblemListIsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("name,county,links\n")
	for i := 0; i < 4328; i++ {
		b.WriteString("某公司" + strings.Repeat("甲", i%7) + string(rune('a'+i%26)) + ",江厦,电池\n")
	}
	b.WriteString("乙,江夏区,电池\n")
	for i := 0; i < 30; i++ {
		b.WriteString("丙" + string(rune('a'+i)) + ",江夏区,不存在的环节" + string(rune('a'+i)) + "\n")
	}
	_, err := loaders.Build(seedSource(), userData(map[string]string{"enterprises.csv": b.String()}))
	if err == nil {
		t.Fatal("loaded")
	}
	text := err.Error()
	lines := strings.Split(text, "\n")
	if len(lines) > loaders.ListLimit+2 {
		t.Errorf("%d lines printed, want at most %d:\n%s", len(lines), loaders.ListLimit+2, text)
	}
	for _, want := range []string{
		"4358 problem(s) in the data",
		"(and 4327 more rows like it: lines 3, 4, 5, 6, 7, …)",
		"… and 11 more",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the list does not say %q:\n%s", want, text)
		}
	}
}

// A manifest names a file's table and, when it must, its encoding; "ignore" silences a notice.
func TestManifest(t *testing.T) {
	body := gbk(t, "企业名称,所属区县,环节\n某公司,江夏区,电池\n")
	_, rep, err := loaders.BuildReport(seedSource(), rawData(map[string][]byte{
		"sub/manifest.csv": []byte("file,kind,encoding\n名录.csv,enterprises,gb18030\n导出说明.txt,ignore,\n"),
		"sub/名录.csv":       body,
		"sub/导出说明.txt":     []byte("x"),
		"~$名录.xlsx":        []byte("x"),
	}))
	if err != nil {
		t.Fatal(err)
	}
	if f := firmsFrom(rep, "mydata/sub/名录.csv")["某公司"]; f.CountyID != "cn-420115" {
		t.Errorf("firm %+v", f)
	}
	if n := strings.Join(rep.Notices.Lines(20), "\n"); n != "mydata/~$名录.xlsx: an Excel lock file (the workbook is open in Excel); ignored" {
		t.Errorf("notices:\n%s", n)
	}
	_, err = loaders.Build(seedSource(), rawData(map[string][]byte{
		"manifest.csv": []byte("file,kind,encoding\n名录.csv,enterprises,utf-8\n名录.csv,enterprises,\n"),
		"名录.csv":       body,
	}))
	wantProblems(t, err,
		"mydata/manifest.csv:3:1: 名录.csv is already listed at mydata/manifest.csv:2",
		"mydata/名录.csv:1: byte 0xc6 is not UTF-8, the encoding asked for",
	)
}

// A title above the header is skipped with a notice; rows keep their own line numbers. A header
// without a needed column names the columns it did not read (a misspelling is among them).
func TestTitleRowAndMisspeltColumn(t *testing.T) {
	_, rep, err := loaders.BuildReport(seedSource(), userData(map[string]string{
		"enterprises.csv": "湖北省企业名录（2026年3月导出）,,\n企业名称,所属区县,环节\n某公司,江夏区,电池\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if f := firmsFrom(rep, "mydata/")["某公司"]; f.Origin != "mydata/enterprises.csv:3" {
		t.Errorf("firm %+v, want it from line 3", f)
	}
	if n := strings.Join(rep.Notices.Lines(20), "\n"); !strings.Contains(n, "mydata/enterprises.csv:1: the header is row 2; the 1 row(s) above it (a title) are not read") {
		t.Errorf("notices:\n%s", n)
	}
	_, err = loaders.Build(seedSource(), userData(map[string]string{
		"links.csv": "id,chain,name,stgae,evidence_kind,evidence,section,reason\n",
	}))
	wantProblems(t, err, `mydata/links.csv:1: missing column "stage" (阶段); the header needs id,chain,name,stage,evidence_kind,evidence,section,reason; not read: D "stgae"`)
}

// A user's chain and link declared the same as the seeds' meet them: the user's names resolve
// to the seed link, its rows count there, and nothing new is added.
func TestSameAsMeetsTheSeeds(t *testing.T) {
	ds, rep, err := loaders.BuildReport(seedSource(), userData(map[string]string{
		"chains.csv":      "id,name,category,evidence_kind,evidence,section,reason,same_as\nmy-ict,电子信息,emerging,domain,,,our name for it,ict\n",
		"links.csv":       "id,chain,name,stage,evidence_kind,evidence,section,reason,same_as\nmy-li,my-ict,锂电池,midstream,domain,,,our lithium cells are the seeds' lithium batteries,ict-lithium-battery\n",
		"enterprises.csv": "企业名称,所属区县,环节\n甲电池,江夏区,锂电池\n乙电池,洪山区,my-li\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ds.Presences {
		if p.HolderKind == "enterprise" && strings.HasPrefix(p.Evidence.Origin, "mydata/") {
			got = append(got, p.Holder+" "+p.LinkID)
		}
	}
	slices.Sort(got)
	if want := []string{"乙电池 ict-lithium-battery", "甲电池 ict-lithium-battery"}; !slices.Equal(got, want) {
		t.Errorf("presences %v; want both firms on the seeds' ict-lithium-battery", got)
	}
	for _, l := range ds.Links {
		if l.ID == "my-li" {
			t.Errorf("the declared link was added as a link of its own")
		}
	}
	if n := strings.Join(rep.Notices.Lines(20), "\n"); !strings.Contains(n, "link my-li (锂电池) is the same as ict-lithium-battery") {
		t.Errorf("notices %q; want the declaration named", n)
	}
}

// A chosen column is each firm's strength: the registry's 注册资本 (万元) here; a cell that is no
// number is a warning and counts 1; a column the file lacks is an error naming the header.
func TestStrengthColumn(t *testing.T) {
	registry := loaders.Source{Name: "registry", FS: os.DirFS("testdata/registry"), StrengthColumn: "注册资本"}
	ds, _, err := loaders.BuildReport(seedSource(), registry)
	if err != nil {
		t.Fatal(err)
	}
	strengths := map[string]float64{}
	for _, p := range ds.Presences {
		if p.HolderKind == "enterprise" && strings.HasPrefix(p.Evidence.Origin, "registry/") {
			strengths[p.Holder] = p.Strength
		}
	}
	for firm, want := range map[string]float64{"襄阳某汽车零部件有限公司": 800, "武汉经开某新能源汽车有限公司": 20000, "宜都某新能源材料有限公司": 1200} {
		if strengths[firm] != want {
			t.Errorf("%s: strength %g; want its 注册资本 %g", firm, strengths[firm], want)
		}
	}
	src := userData(map[string]string{"enterprises.csv": "企业名称,所属区县,环节,从业人数\n甲,江夏区,电池,约50人\n乙,江夏区,电池,\"1,200\"\n"})
	src.StrengthColumn = "从业人数"
	ds, rep, err := loaders.BuildReport(seedSource(), src)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ds.Presences {
		if (p.Holder == "甲" && p.Strength != 1) || (p.Holder == "乙" && p.Strength != 1200) {
			t.Errorf("%s: strength %g; want 1 (not a number) and 1200", p.Holder, p.Strength)
		}
	}
	if w := strings.Join(rep.Warnings.Lines(20), "\n"); !strings.Contains(w, `mydata/enterprises.csv:2:4: strength "约50人" is not a number`) {
		t.Errorf("warnings %q; want the bad cell named", w)
	}
	src.StrengthColumn = "营业收入"
	if _, _, err := loaders.BuildReport(seedSource(), src); err == nil || !strings.Contains(err.Error(), `no column "营业收入" for the firms' strength`) {
		t.Errorf("a missing strength column: %v; want an error naming it", err)
	}
}
