package cli_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"

	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/seeds"
	"github.com/chaingraph/chaingraph/server"
	"github.com/chaingraph/chaingraph/server/cli"
)

// serveSeeds runs the service on a loopback port with the seeds in memory.
func serveSeeds(t *testing.T) string {
	t.Helper()
	ds, err := loaders.Build(loaders.Source{Name: "seeds", FS: seeds.FS})
	if err != nil {
		t.Fatal(err)
	}
	store := memstore.New()
	if err := store.Replace(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cfg := server.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.HTTPAddr = "" // gRPC only: tests run side by side, and 8080 may be taken
	addrs := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() {
		done <- server.Run(ctx, cfg, store, slog.New(slog.NewTextHandler(io.Discard, nil)), func(a net.Addr) { addrs <- a })
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server: %v", err)
		}
	})
	select {
	case a := <-addrs:
		return a.String()
	case err := <-done:
		t.Fatalf("server did not start: %v", err)
	}
	return ""
}

func TestGapsCommands(t *testing.T) {
	addr := serveSeeds(t)
	for _, tc := range []struct {
		args []string
		want []string // substrings of the output
	}{
		{[]string{"lacking", "--chain", "新能源汽車", "--link", "电池材料"}, []string{"1 region in 湖北省 lacks it", "as a whole (the plan names no link of it there): 武汉市、黄石市、十堰市、襄阳市、荆门市", "随州市       421300", "安陆市 (1 hop, 52.0 km)"}},
		{[]string{"lacking", "--link", "nev-battery-materials", "--format", "csv"}, []string{"\uFEFF地区ID region_id,代码 code,地区 region,层级 level,", "\r\ncn-421300,421300,随州市,prefecture,nev,nev-battery-materials,电池材料,"}},
		{[]string{"weak", "--chain", "nev", "--k", "3"}, []string{"6 links held by fewer than 3", "电池材料   upstream    2             2             0.5000  宜昌市 (1); 孝感市 (1)"}},
		// 宜荆黄石化 reads 荆州 or 荆门, 黄石 or 黄冈: four of 石化's five holders rest on one reading.
		{[]string{"weak", "--chain", "化工", "--k", "6"}, []string{"石化            midstream   5             1", "黄石市 (1, one reading); 宜昌市 (1); 荆门市 (1, one reading)"}},
		{[]string{"plan"}, []string{"1 thing the plan asks for", "武汉市       新能源汽车    测试示范   [二(一)1] 利用武汉打造中国智能网联汽车示范区"}},
		{[]string{"compare", "--link", "chem-new-materials", "--level", "county", "--from", "2013", "--to", "2024"}, []string{
			"1 healed, 4 new, 10 persisting",
			"枝江市       healed       产业用纺织品 → -                 化工新材料 枝江市化工新材料产业集群 (2024)",
			"曾都区       new          - → 新能源专用车                 新能源专用车 曾都区新能智能专用车产业集群 (2024)"}},
		{[]string{"lacking", "--link", "电池材料", "--picture", "existing", "--format", "csv"}, []string{"cn-421300,421300,随州市,"}},
		{[]string{"extend", "--scope", "襄阳市", "--chain", "auto"}, []string{"改装车", "1.0000"}},
		{[]string{"profile", "--region", "仙桃"}, []string{"仙桃市 (429004): 3 chains", "水产品精深加工 [规划 二(二)2]", "整链 whole chain [规划 二(一)1]"}},
		{[]string{"matrix", "--chain", "nev", "--scope", "襄十随"}, []string{"十堰市", "●"}},
		{[]string{"matrix", "--chain", "nev", "--scope", "襄十随", "--format", "json"}, []string{`"links":[`, `"row":{"region":{"id":"cn-420300"`}},
		{[]string{"leads", "--region", "武汉市", "--link", "电池材料", "--format", "json"}, []string{`"holder": "宜都市新能源材料产业集群"`, `"sameBelt": true`}},
	} {
		var out, errOut bytes.Buffer
		code := cli.Main(context.Background(), append(append([]string{"gaps"}, tc.args...), "--addr", addr), &out, &errOut)
		if code != 0 {
			t.Errorf("gaps %v: exit %d: %s", tc.args, code, errOut.String())
			continue
		}
		// protojson varies its spacing on purpose: compare JSON without whitespace.
		squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
		for _, w := range tc.want {
			if !strings.Contains(out.String(), w) && !(strings.Contains(w, `"`) && strings.Contains(squash(out.String()), squash(w))) {
				t.Errorf("gaps %v: output lacks %q:\n%s", tc.args, w, out.String())
			}
		}
	}
	var out, errOut bytes.Buffer
	if code := cli.Main(context.Background(), []string{"gaps", "weak", "--chain", "新能源汽", "--addr", addr}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "did you mean 新能源汽车") {
		t.Errorf("misspelt chain: exit %d, stderr %q", code, errOut.String())
	}
	// CSV for Excel on Chinese Windows: a UTF-8 byte-order mark first, missing numbers empty;
	// of the profile's four tables, the chains, and a note that .xlsx has them all.
	out.Reset()
	errOut.Reset()
	if code := cli.Main(context.Background(), []string{"gaps", "profile", "--region", "仙桃", "--format", "csv", "--addr", addr}, &out, &errOut); code != 0 {
		t.Fatalf("profile csv: exit %d: %s", code, errOut.String())
	}
	if !strings.HasPrefix(out.String(), "\uFEFF代码 code,地区 region,产业链ID chain_id,产业链 chain,完整度 completeness,") {
		t.Errorf("profile csv: want a BOM and the chains' header:\n%q", out.String())
	}
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	agrifood := -1
	for i, r := range records {
		if r[2] == "agrifood" {
			agrifood = i
		}
	}
	if agrifood < 0 || records[0][8] != "区位商 location_quotient" || records[agrifood][8] != "" {
		t.Errorf("profile csv: want 农产品加工 with an empty location quotient:\n%q", records)
	}
	if !strings.Contains(errOut.String(), "CSV holds one table, 产业链 chains; -o FILE.xlsx has all 4") {
		t.Errorf("profile csv: stderr %q, want a note that the other tables are in .xlsx", errOut.String())
	}
	out.Reset()
	if code := cli.Main(context.Background(), []string{"--version"}, &out, &errOut); code != 0 || !strings.HasPrefix(out.String(), "chaingraph ") || !strings.Contains(out.String(), "go1.") {
		t.Errorf("--version: exit %d, %q", code, out.String())
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"gaps", "plan", "--picture", "existing"}, "facts.picture"},
		{[]string{"gaps", "lacking", "--link", "电池", "--picture", "sometimes"}, "--picture \"sometimes\": want both, existing or planned"},
		{[]string{"gaps", "compare", "--link", "电池", "--from", "2024", "--to", "2013"}, "to_year"},
		{[]string{"gaps", "matrix", "--chain", "nev", "--as-of", "12"}, "facts.as_of"},
	} {
		out.Reset()
		errOut.Reset()
		if code := cli.Main(context.Background(), append(tc.args, "--addr", addr), &out, &errOut); code == 0 || !strings.Contains(errOut.String(), tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want an error naming %s", tc.args, code, errOut.String(), tc.want)
		}
	}
}
