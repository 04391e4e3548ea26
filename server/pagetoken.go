package server

import (
	"encoding/base64"
	"encoding/json"
	"hash/fnv"
	"strconv"
	"strings"
)

// pageToken is what a next_page_token carries: where to resume, and a hash of the other request
// parameters so that a token is refused when they change.
type pageToken struct {
	After  string `json:"a"`
	Params uint64 `json:"p"`
}

func paramsHash(parts ...string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(strings.Join(parts, "\x00")))
	return h.Sum64()
}

func encodeToken(after string, params uint64) string {
	b, _ := json.Marshal(pageToken{After: after, Params: params})
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeToken returns the resume key, checking the token against the request's parameters.
func decodeToken(v *violations, token string, params uint64) string {
	if token == "" {
		return ""
	}
	raw, err := base64.RawURLEncoding.DecodeString(token)
	var t pageToken
	if err == nil {
		err = json.Unmarshal(raw, &t)
	}
	if err != nil {
		v.add("page_token", "not a token this service issued")
		return ""
	}
	if t.Params != params {
		v.add("page_token", "was issued for a request with other parameters; repeat them or start without a token")
		return ""
	}
	return t.After
}

// keyPage cuts a read of up to size+1 items (ordered by key) to the page, and returns the
// token of the next page, resuming after the last item's key (empty when there is none).
func keyPage[T any](items []T, size int, key func(T) string, params uint64) ([]T, string) {
	if len(items) <= size {
		return items, ""
	}
	items = items[:size]
	return items, encodeToken(key(items[size-1]), params)
}

// page slices rows by an offset token; it returns the page's bounds and the next token.
func page(total int, after string, size int, params uint64) (start, end int, next string) {
	start = min(atoiSafe(after), total) // 0 for the first page
	end = min(start+size, total)
	if end < total {
		next = encodeToken(itoa(end), params)
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
