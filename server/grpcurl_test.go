package server_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chaingraph/chaingraph/server"
	"github.com/chaingraph/chaingraph/server/export/toolcheck"
)

// grpcurl, the tool an IT department tries first: with the CA and a reader token it lists the
// service (reflection) and gets answers; without a token, or with an unknown one, it gets
// Unauthenticated; in plaintext against the TLS port it fails.
func TestGrpcurlWithTLSAndTokens(t *testing.T) {
	grpcurl, err := exec.LookPath("grpcurl")
	if err != nil {
		toolcheck.Missing(t, "no grpcurl: go install github.com/fullstorydev/grpcurl/cmd/grpcurl@v1.9.4")
	}
	r, dir := secured(t, nil)
	ca := filepath.Join(dir, server.DevCertFiles.CA)
	// grpcurl [flags] address [verb or method]
	run := func(flags []string, after ...string) (string, error) {
		args := append(append(append([]string{}, flags...), r.grpcAddr), after...)
		out, err := exec.Command(grpcurl, args...).CombinedOutput()
		return string(out), err
	}
	withCA := func(token string) []string {
		flags := []string{"-cacert", ca}
		if token != "" {
			flags = append(flags, "-H", "authorization: Bearer "+token)
		}
		return flags
	}
	const method = "chaingraph.v1.ChainGraphService/GetChain"
	body := []string{"-d", `{"chain": "nev"}`}

	if out, err := run(withCA(readerToken), "list"); err != nil || !strings.Contains(out, "chaingraph.v1.ChainGraphService") {
		t.Errorf("list with the CA and a reader token: %v\n%s", err, out)
	}
	if out, err := run(append(withCA(readerToken), body...), method); err != nil || !strings.Contains(out, `"name": "新能源汽车"`) {
		t.Errorf("GetChain with the CA and a reader token: %v\n%s", err, out)
	}
	for name, token := range map[string]string{"no token": "", "unknown token": "not-a-token-of-the-file-at-all"} {
		// -use-reflection=false with the proto source: reflection itself needs a token.
		flags := append(withCA(token), append([]string{"-import-path", "../proto", "-proto", "chaingraph/v1/chaingraph_service.proto"}, body...)...)
		if out, err := run(flags, method); err == nil || !strings.Contains(out, "Unauthenticated") {
			t.Errorf("%s: %v, want Unauthenticated\n%s", name, err, out)
		}
	}
	if out, err := run([]string{"-plaintext", "-H", "authorization: Bearer " + readerToken}, "list"); err == nil {
		t.Errorf("plaintext to the TLS port answered:\n%s", out)
	}
}
