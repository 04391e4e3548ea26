// Package toolcheck lets tests open exports with the tools users open them with (Python's
// openpyxl and networkx, GDAL's ogrinfo). A missing tool skips the test with a reason, except
// under CI=true, where it fails. Debian packages: python3-openpyxl, python3-networkx, gdal-bin.
// It is test support only.
package toolcheck

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Missing skips the test, or fails it under CI=true, saying which tool is missing.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true: "+format, args...)
	}
	t.Skipf(format, args...)
}

// Python finds a python3 that imports the module: the one on PATH, else the system's (a
// version manager's python on PATH does not see Debian's python3-* packages).
func Python(t testing.TB, module string) string {
	t.Helper()
	var tried []string
	candidates := []string{"/usr/bin/python3"}
	if p, err := exec.LookPath("python3"); err == nil {
		candidates = append([]string{p}, candidates...)
	}
	for _, p := range candidates {
		if err := exec.Command(p, "-c", "import "+module).Run(); err == nil {
			return p
		}
		tried = append(tried, p)
	}
	Missing(t, "no python3 with %s (tried %s): apt-get install python3-%s", module, strings.Join(tried, ", "), module)
	return ""
}

// Ogrinfo finds GDAL's ogrinfo.
func Ogrinfo(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("ogrinfo")
	if err != nil {
		Missing(t, "no ogrinfo: apt-get install gdal-bin")
	}
	return p
}

// Artefact writes a file into the test's temporary directory and, when CHAINGRAPH_ARTEFACTS
// names a directory, a copy there for a person to open. It returns the temporary path.
func Artefact(t testing.TB, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("CHAINGRAPH_ARTEFACTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// RunJSON runs a command and decodes what it prints as JSON into out.
func RunJSON(t testing.TB, out any, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, stderr.String())
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("%s printed %q: %v", name, b, err)
	}
}
