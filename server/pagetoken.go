package server

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"hash/fnv"
	"strconv"
	"strings"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/chaingraph/chaingraph/graph/query"
)

// pageToken is what a next_page_token carries: where to resume, a hash of the other request
// parameters, and the version of the data the page was read from, so that a token is refused
// when the parameters change or a load replaced the data (its offsets would skip or repeat rows).
type pageToken struct {
	After   string `json:"a"`
	Params  uint64 `json:"p"`
	Version int64  `json:"v"`
}

// tokenScope is what the tokens of one request are bound to.
type tokenScope struct {
	params  uint64
	version int64
}

// tokenCheck is the part of a request check that concerns its page token.
type tokenCheck struct {
	scope   tokenScope
	resumed bool  // the request came with a valid token
	issued  int64 // the data version that token was issued for
}

func paramsHash(parts ...string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(strings.Join(parts, "\x00")))
	return h.Sum64()
}

func encodeToken(after string, scope tokenScope) string {
	b, _ := json.Marshal(pageToken{After: after, Params: scope.params, Version: scope.version})
	return base64.RawURLEncoding.EncodeToString(b)
}

// pageToken returns the resume key, checking the token against the request's parameters. The
// data version is checked once the request has its snapshot (pagedView).
func (c *check) pageToken(token string, params uint64) string {
	c.tokens.scope.params = params
	if token == "" {
		return ""
	}
	raw, err := base64.RawURLEncoding.DecodeString(token)
	var t pageToken
	if err == nil {
		err = json.Unmarshal(raw, &t)
	}
	if err != nil {
		c.add("page_token", "not a token this service issued")
		return ""
	}
	if t.Params != params {
		c.add("page_token", "was issued for a request with other parameters; repeat them or start without a token")
		return ""
	}
	c.tokens.resumed, c.tokens.issued = true, t.Version
	return t.After
}

// pagedView takes the request's snapshot and refuses a page token issued for other data: after a
// load, an offset or key from the old data would skip or repeat rows without saying so.
func (s *Server) pagedView(ctx context.Context, c *check) (*query.View, error) {
	v, err := s.view(ctx)
	if err != nil {
		return nil, err
	}
	c.tokens.scope.version = v.Snap.Version()
	if c.tokens.resumed && c.tokens.issued != c.tokens.scope.version {
		c.add("page_token", "the data changed since this token was issued (a load replaced it); start again without a page_token")
		st := status.Convert(c.err())
		if ds, err := st.WithDetails(&errdetails.ErrorInfo{Reason: ReasonDataChanged, Domain: errorDomain}); err == nil {
			st = ds
		}
		return nil, st.Err()
	}
	return v, nil
}

// ReasonDataChanged is the google.rpc.ErrorInfo reason of a page token refused because a load
// replaced the data between pages: a client reading every page starts again from the first.
const ReasonDataChanged = "DATA_CHANGED"

const errorDomain = "chaingraph"

// DataChanged reports whether err refuses a page token because the data changed.
func DataChanged(err error) bool {
	for _, d := range status.Convert(err).Details() {
		if info, ok := d.(*errdetails.ErrorInfo); ok && info.Reason == ReasonDataChanged {
			return true
		}
	}
	return false
}

// AllPages asks for every page (fetch gets the page at a token) and merges each later page into
// the first, which it returns as the whole answer, its next_page_token cleared. A load between
// pages makes it start again (ReadAllPages), so the answer comes from one version of the data.
func AllPages[R interface {
	GetNextPageToken() string
	proto.Message
}](fetch func(token string) (R, error), merge func(all, page R)) (R, error) {
	var all R
	err := ReadAllPages(func(token string) (string, error) {
		page, err := fetch(token)
		switch {
		case err != nil:
			return "", err
		case token == "":
			all = page
		default:
			merge(all, page)
		}
		return page.GetNextPageToken(), nil
	})
	if err != nil {
		return all, err
	}
	all.ProtoReflect().Clear(all.ProtoReflect().Descriptor().Fields().ByName("next_page_token"))
	return all, nil
}

// ReadAllPages reads every page with read, given the page token ("" for the first page, where
// read drops what earlier pages gave it) and returning the next one. When a load replaces the
// data between pages it starts again from the first, so that the whole answer comes from one
// version; after a few such restarts (loads arriving faster than the pages can be read) it gives
// up with the last error.
func ReadAllPages(read func(token string) (next string, err error)) error {
	const restarts = 3
	var err error
	for range restarts + 1 {
		token := ""
		for {
			token, err = read(token)
			if err != nil || token == "" {
				break
			}
		}
		if !DataChanged(err) {
			return err
		}
	}
	return err
}

// keyPage cuts a read of up to size+1 items (ordered by key) to the page, and returns the
// token of the next page, resuming after the last item's key (empty when there is none).
func keyPage[T any](items []T, size int, key func(T) string, scope tokenScope) ([]T, string) {
	if len(items) <= size {
		return items, ""
	}
	items = items[:size]
	return items, encodeToken(key(items[size-1]), scope)
}

// page slices rows by an offset token; it returns the page's bounds and the next token.
func page(total int, after string, size int, scope tokenScope) (start, end int, next string) {
	start = min(atoiSafe(after), total) // 0 for the first page
	end = min(start+size, total)
	if end < total {
		next = encodeToken(itoa(end), scope)
	}
	return start, end, next
}

func itoa(i int) string { return strconv.Itoa(i) }

// atoiSafe parses an offset from a token this service issued; anything else is 0.
func atoiSafe(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0
	}
	return n
}
