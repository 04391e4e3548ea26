// Package web is chaingraph's browser page: a county map of the province coloured by the 补链
// answer for one link, a region's profile on click with the plan's sentences behind each fact,
// investment leads, weak links, the belt overlay and download links, in simplified Chinese.
//
// It is static files only (HTML, hand-written JS and CSS, embedded in the binary: intranets have
// no CDN) and the handler that serves them. The page reads everything through the service's
// JSON over HTTP (the Connect protocol), /map/regions.geojson and /export/*, which the server
// package serves; this package holds no API, no data and no domain logic.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed static
var embedded embed.FS

// asset is one embedded file ready to serve.
type asset struct {
	body        []byte
	contentType string
	etag        string // strong validator: a hash of body
	version     string // short hash that index.html puts in the asset's URL (?v=)
}

// contentTypes are set explicitly: mime.TypeByExtension reads the host's tables, which differ
// between machines (some map .js to application/x-javascript).
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
}

// site is the page and its assets, read once from the embedded files.
type site struct {
	index  asset
	assets map[string]asset // by URL path, e.g. /static/app.js
}

// Handler serves the page at / and its assets under /static/. Assets are cached for a year
// when asked for by the versioned URL the page uses (the version is a hash of the content, so
// a new binary's page asks for new URLs); the page itself and unversioned URLs are revalidated
// on every load (ETag). Anything else is 404, so Handler can sit at the root of a mux behind
// the API's own routes.
func Handler() http.Handler {
	s, err := load(embedded)
	if err != nil {
		panic("web: embedded assets: " + err.Error()) // the files are compiled in; a failure is a build defect
	}
	return s
}

func load(files fs.FS) (*site, error) {
	s := &site{assets: map[string]asset{}}
	err := fs.WalkDir(files, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || name == "static/index.html" {
			return err
		}
		body, err := fs.ReadFile(files, name)
		if err != nil {
			return err
		}
		s.assets["/"+name] = newAsset(body, name)
		return nil
	})
	if err != nil {
		return nil, err
	}
	page, err := fs.ReadFile(files, "static/index.html")
	if err != nil {
		return nil, err
	}
	// Point the page at the versioned URLs of its assets. The page names them relatively
	// ("static/app.js") so it also works behind a reverse proxy that adds a path prefix.
	for urlPath, a := range s.assets {
		rel := strings.TrimPrefix(urlPath, "/")
		page = bytes.ReplaceAll(page, []byte(`"`+rel+`"`), []byte(`"`+rel+"?v="+a.version+`"`))
	}
	s.index = newAsset(page, "index.html")
	return s, nil
}

func newAsset(body []byte, name string) asset {
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	ct, ok := contentTypes[path.Ext(name)]
	if !ok {
		ct = "application/octet-stream"
	}
	return asset{body: body, contentType: ct, etag: `"` + hash[:32] + `"`, version: hash[:12]}
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var a asset
	cache := "no-cache" // revalidate with the ETag each time
	switch p := r.URL.Path; {
	case p == "/" || p == "/index.html":
		a = s.index
	case strings.HasPrefix(p, "/static/"):
		var ok bool
		if a, ok = s.assets[p]; !ok {
			http.Error(w, "404 未找到: "+p, http.StatusNotFound)
			return
		}
		if r.URL.Query().Get("v") == a.version {
			cache = "public, max-age=31536000, immutable"
		}
	default:
		http.Error(w, "404 未找到: "+p, http.StatusNotFound)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 只支持 GET", http.StatusMethodNotAllowed)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	h.Set("Cache-Control", cache)
	h.Set("ETag", a.etag)
	h.Set("X-Content-Type-Options", "nosniff")
	// ServeContent answers If-None-Match with 304, HEAD and ranges.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.body))
}
