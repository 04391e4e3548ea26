package cli_test

import (
	"os"
	"strings"
	"testing"
)

// registryExport is a registry export as a 招商 team gets one: a GBK CSV named 企业名录.csv and
// an .xlsx, through a manifest, with Chinese headers, extra columns, codes, business scopes,
// addresses, one wrong credit-code check character, one repeated firm, two firms in development
// zones and one that nothing attaches (fixture firms, not real ones).
const registryExport = "../../loaders/testdata/registry"

// check reports exactly the expected warnings and notices, and places and attaches every firm
// as expected, with its method and confidence.
func TestCheckRegistryExport(t *testing.T) {
	code, out, errOut := run(t, "check", "--data", registryExport, "--firms")
	if code != 0 {
		t.Fatalf("check: exit %d\n%s%s", code, out, errOut)
	}
	d := registryExport + "/"
	for _, want := range []string{
		"4 warning(s):",
		d + `企业名录.csv:5:3: credit code "91429005MA4AT7E858": character 18: check character is 8; for 91429005MA4AT7E85 it should be 7`,
		d + "企业名录.csv:6:3: enterprise 91420600MA48T5E61C: the same as " + d + "企业名录.csv:4; merged into it",
		d + "企业名录.csv:7:7: 仙桃某物业服务有限公司: attached to no link",
		d + "企业名录.csv: 1 of 5 firm(s) hold no link",
		"2 notice(s):",
		d + "企业名录.csv:1: 3 column(s) no format reads, kept as the firms' attributes (answers show them with the firm): A 序号, D 法定代表人, L 联系电话",
		d + "园区企业.xlsx:1: 1 column(s) no format reads, kept as the firms' attributes (answers show them with the firm): H 备注",
		// 7 firms of the export and the seeds' own (seeds/firms/enterprises.csv), read the same way.
		"8 firm(s):",
		"湖北回天新材料股份有限公司 (seeds/firms/enterprises.csv:2): at 420606 by address",
		// No county column: the address, through the zone table (which records the zone's other county).
		"武汉某锂电池科技有限公司 (" + d + "企业名录.csv:2): at 420111 by address (read 湖北省 武汉市 东湖新技术开发区 → 洪山区 (zone 武汉东湖新技术开发区); the zone also spans 江夏区); ict-lithium-battery by industry_code, confident",
		"| nev-battery by industry_code, probable",
		// No industry code: the words of its business scope.
		"宜都某新能源材料有限公司 (" + d + "企业名录.csv:3): at 420581 by county; nev-battery-materials by keyword, probable [经营范围: 正极材料",
		"襄阳某汽车零部件有限公司 (" + d + "企业名录.csv:4): at 420607 by county; auto-parts by industry_code, confident",
		"仙桃某物业服务有限公司 (" + d + "企业名录.csv:7): at 429004 by county; no link",
		"武汉经开某新能源汽车有限公司 (" + d + "园区企业.xlsx:2): at 420114 by address (read 湖北省 武汉市 武汉经济技术开发区 → 蔡甸区 (zone 武汉经济技术开发区); the zone also spans 汉南区); auto-vehicle by industry_code, confident",
		"孝感某电子电路有限公司 (" + d + "园区企业.xlsx:3): at 420902 by address (read 湖北省 孝感市 孝南区 → 孝南区); ict-pcb by industry_code, confident",
		"8 enterprises read, 1 of them attached to no link",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check does not say %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "\n  "+d); n != 6 {
		t.Errorf("%d warning and notice lines about the export; want exactly the 4 warnings and 2 notices:\n%s", n, out)
	}

	// Errors: nothing would load, exit 1, each named with its place.
	bad := t.TempDir()
	writeFile(t, bad+"/enterprises.csv", "企业名称,所属区县\n甲,不存在县\n")
	code, out, errOut = run(t, "check", "--data", bad)
	if code != 1 || !strings.Contains(out, "1 error(s): nothing would load") || !strings.Contains(out, "enterprises.csv:2") || !strings.Contains(errOut, "would not load") {
		t.Errorf("bad data: exit %d\n%s%s; want 1 with the error at enterprises.csv:2", code, out, errOut)
	}
}

// --no-seeds keeps Hubei's geography, so a user's list still names its counties; --no-geography
// leaves that out too.
func TestNoSeedsKeepsTheGeography(t *testing.T) {
	code, out, errOut := run(t, "check", "--no-seeds", "--data", registryExport)
	if code != 0 || !strings.Contains(out, "would load: 117 regions, 0 chains, 0 links") || !strings.Contains(out, "no links are loaded: with --no-seeds") {
		t.Errorf("--no-seeds: exit %d\n%s%s; want Hubei's 117 regions, no links, and the firms said to be in none because of it", code, out, errOut)
	}
	code, out, _ = run(t, "check", "--no-seeds", "--no-geography", "--data", registryExport)
	if code != 1 || !strings.Contains(out, `region "宜都市" not found`) {
		t.Errorf("--no-seeds --no-geography: exit %d\n%s; want the counties unknown", code, out)
	}
}

// --encoding forces the tables' encoding (gbk read as GB18030, which contains it); the manifest
// is detected whatever it says.
func TestCheckEncoding(t *testing.T) {
	if code, out, errOut := run(t, "check", "--data", registryExport, "--encoding", "gbk"); code != 0 || !strings.Contains(out, "8 enterprises read") {
		t.Errorf("--encoding gbk: exit %d\n%s%s; want the export read", code, out, errOut)
	}
	if code, out, _ := run(t, "check", "--data", registryExport, "--encoding", "utf-8"); code != 1 || !strings.Contains(out, "企业名录.csv:1: byte 0xd0 is not UTF-8, the encoding asked for") {
		t.Errorf("--encoding utf-8 on a GBK file: exit %d\n%s; want an error at line 1 naming gb18030", code, out)
	}
	if code, _, errOut := run(t, "check", "--data", registryExport, "--encoding", "latin1"); code != 2 || !strings.Contains(errOut, "want utf-8 or gb18030") {
		t.Errorf("--encoding latin1: exit %d %q; want a usage error", code, errOut)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
