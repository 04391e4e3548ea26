package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/chaingraph/chaingraph/graph/graphtest"
	"github.com/chaingraph/chaingraph/graph/neo4jstore/neo4jtest"
	"github.com/chaingraph/chaingraph/server/cli"
)

// A load whose data has mistakes reports them all, with file and line, and writes nothing.
func TestLoadRejectsBadDataAndLeavesNeo4jUnchanged(t *testing.T) {
	ctx := context.Background()
	store := neo4jtest.Open(t)
	uri := os.Getenv("CHAINGRAPH_TEST_NEO4J_URI")
	var out, errOut bytes.Buffer
	if code := cli.Main(ctx, []string{"load", "--neo4j-uri", uri}, &out, &errOut); code != 0 {
		t.Fatalf("load of the seeds: exit %d: %s", code, errOut.String())
	}
	before, err := graphtest.View(t, store).Names(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bad := "name,credit_code,county,links,source\n" +
		"荆州某电机有限公司,,沙市去,电机,2026 招商台账\n" +
		"仙桃某科技有限公司,,仙桃市,固态电池,2026 招商台账\n"
	if err := os.WriteFile(filepath.Join(dir, "enterprises.csv"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	errOut.Reset()
	code := cli.Main(ctx, []string{"load", "--neo4j-uri", uri, "--data", dir}, &out, &errOut)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	msg := errOut.String()
	for _, want := range []string{"enterprises.csv:2:3: region \"沙市去\" not found; did you mean 沙市区", "enterprises.csv:3:4: link \"固态电池\" not found", "nothing was loaded"} {
		if !strings.Contains(msg, want) {
			t.Errorf("stderr does not contain %q:\n%s", want, msg)
		}
	}
	after, err := graphtest.View(t, store).Names(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("the graph changed (-before +after):\n%s", diff)
	}
}

// A serve flag out of range is refused before anything starts, naming the flag.
func TestServeRejectsNoHeavyRequests(t *testing.T) {
	var out, errOut bytes.Buffer
	code := cli.Main(context.Background(), []string{"serve", "--heavy-requests", "0"}, &out, &errOut)
	if code == 0 || !strings.Contains(errOut.String(), "--heavy-requests: must be >= 1") {
		t.Errorf("serve --heavy-requests 0: exit %d, stderr %q; want a refusal naming the flag", code, errOut.String())
	}
}
