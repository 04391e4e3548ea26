package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

func get(t *testing.T, h http.Handler, method, target string, header http.Header) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The page names its assets by versioned URLs, and each of them serves with its type and a
// year's caching; the page itself is revalidated each time.
func TestPageAndAssets(t *testing.T) {
	h := Handler()
	res := get(t, h, http.MethodGet, "/", nil)
	page := body(t, res)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /: %d", res.StatusCode)
	}
	if got := res.Header.Get("Content-Type"); got != "text/html; charset=utf-8" {
		t.Errorf("GET /: Content-Type %q", got)
	}
	if got := res.Header.Get("Cache-Control"); got != "no-cache" {
		t.Errorf("GET /: Cache-Control %q, want no-cache", got)
	}
	if !strings.Contains(page, `lang="zh-CN"`) || !strings.Contains(page, "产业链") {
		t.Errorf("GET /: not the Chinese page:\n%.300s", page)
	}
	refs := regexp.MustCompile(`"(static/[^"?]+)\?v=([0-9a-f]{12})"`).FindAllStringSubmatch(page, -1)
	wantTypes := map[string]string{"static/app.js": "text/javascript; charset=utf-8", "static/style.css": "text/css; charset=utf-8"}
	seen := map[string]bool{}
	for _, ref := range refs {
		name, version := ref[1], ref[2]
		seen[name] = true
		res := get(t, h, http.MethodGet, "/"+name+"?v="+version, nil)
		b := body(t, res)
		if res.StatusCode != http.StatusOK || len(b) == 0 {
			t.Errorf("GET /%s: %d, %d bytes", name, res.StatusCode, len(b))
		}
		if want, ok := wantTypes[name]; ok && res.Header.Get("Content-Type") != want {
			t.Errorf("GET /%s: Content-Type %q, want %q", name, res.Header.Get("Content-Type"), want)
		}
		if got := res.Header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
			t.Errorf("GET /%s?v=%s: Cache-Control %q, want a year", name, version, got)
		}
		// An old or missing version must not be cached for a year: it may be another build's.
		stale := get(t, h, http.MethodGet, "/"+name+"?v=000000000000", nil)
		if got := stale.Header.Get("Cache-Control"); got != "no-cache" {
			t.Errorf("GET /%s with a stale version: Cache-Control %q, want no-cache", name, got)
		}
	}
	for name := range wantTypes {
		if !seen[name] {
			t.Errorf("the page does not reference %s by a versioned URL", name)
		}
	}
	if remote := regexp.MustCompile(`(src|href)="(https?:)?//`).FindString(page); remote != "" {
		t.Errorf("the page loads %s… from another host; intranets have no internet", remote)
	}
}

func TestRevalidation(t *testing.T) {
	h := Handler()
	first := get(t, h, http.MethodGet, "/static/app.js", nil)
	etag := first.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag on /static/app.js")
	}
	again := get(t, h, http.MethodGet, "/static/app.js", http.Header{"If-None-Match": {etag}})
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match with the current ETag: %d, want 304", again.StatusCode)
	}
	changed := get(t, h, http.MethodGet, "/static/app.js", http.Header{"If-None-Match": {`"other"`}})
	if changed.StatusCode != http.StatusOK {
		t.Errorf("If-None-Match with another ETag: %d, want 200", changed.StatusCode)
	}
	head := get(t, h, http.MethodHead, "/", nil)
	if head.StatusCode != http.StatusOK || body(t, head) != "" {
		t.Errorf("HEAD /: %d", head.StatusCode)
	}
}

func TestNotFoundAndMethods(t *testing.T) {
	h := Handler()
	for _, target := range []string{"/static/missing.js", "/nothing", "/static/", "/static/../web.go"} {
		if res := get(t, h, http.MethodGet, target, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", target, res.StatusCode)
		}
	}
	res := get(t, h, http.MethodPost, "/", nil)
	if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST /: %d Allow %q, want 405 with GET, HEAD", res.StatusCode, res.Header.Get("Allow"))
	}
}
