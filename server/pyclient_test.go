package server_test

import (
	"context"
	"os/exec"
	"testing"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/testing/protocmp"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/server/export/toolcheck"
)

// TestPythonClient runs the README's Python example (proto/python/example.py, on the committed
// stubs) against a running service and compares its answer with Go's.
func TestPythonClient(t *testing.T) {
	py := toolcheck.Python(t, "grpc")
	r := runSeeds(t, nil)
	out, err := exec.Command(py, "../proto/python/example.py", "--addr", r.grpcAddr, "--json").Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("example.py: %v\n%s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	var viaPython pb.FindLackingRegionsResponse
	if err := protojson.Unmarshal(out, &viaPython); err != nil {
		t.Fatalf("example.py printed no FindLackingRegionsResponse: %v\n%.300s", err, out)
	}
	viaGo, err := pb.NewChainGraphServiceClient(r.conn).FindLackingRegions(context.Background(), &pb.FindLackingRegionsRequest{Chain: "nev", Link: "电池材料", PageSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	if len(viaGo.LackingRegions) == 0 {
		t.Fatal("the example's question has no lacking regions")
	}
	if diff := cmp.Diff(viaGo, &viaPython, protocmp.Transform()); diff != "" {
		t.Errorf("Python's answer differs from Go's (-go +python):\n%s", diff)
	}
	plain, err := exec.Command(py, "../proto/python/example.py", "--addr", r.grpcAddr).Output()
	if err != nil || len(plain) == 0 {
		t.Errorf("example.py without --json: %v", err)
	}
}
