package server

import (
	"encoding/base64"
	"encoding/json"
	"hash/fnv"
	"strconv"
	"strings"
)

// Page sizes (AIP-158): 0 means the default; above the maximum is coerced down.
const (
	defaultPageSize = 50
	maxChainPage    = 200
	maxRegionPage   = 500
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

// pageSize validates and normalises page_size.
func pageSize(v *violations, size int32, max int) int {
	return count(v, "page_size", size, defaultPageSize, max)
}

// Evidence per item (see max_presences in the API).
const (
	defaultMaxPresences = 5
	maxMaxPresences     = 1000
)

// maxPresences validates and normalises max_presences.
func maxPresences(v *violations, n int32) int {
	return count(v, "max_presences", n, defaultMaxPresences, maxMaxPresences)
}

// count reads a "how many" field the AIP way: negative is invalid, 0 means the default, and
// values above max are coerced to max.
func count(v *violations, field string, n int32, def, max int) int {
	switch {
	case n < 0:
		v.add(field, "must be >= 0, got %d", n)
		return 0
	case n == 0:
		return def
	case int(n) > max:
		return max
	}
	return int(n)
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
