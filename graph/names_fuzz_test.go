package graph_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/graph/query"
	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/seeds"
)

// fuzzResolver is the resolver the service builds over the seeds, built once for all inputs.
var fuzzResolver = sync.OnceValues(func() (*graph.Resolver, error) {
	ctx := context.Background()
	ds, err := loaders.Build(loaders.Source{Name: "seeds", FS: seeds.FS})
	if err != nil {
		return nil, err
	}
	s := memstore.New()
	if err := s.Replace(ctx, ds); err != nil {
		return nil, err
	}
	v, err := query.New(s).View(ctx)
	if err != nil {
		return nil, err
	}
	return v.Resolver(ctx)
})

var fuzzNamedKinds = []graph.NamedKind{graph.NamedRegion, graph.NamedChain, graph.NamedLink, graph.NamedBelt}

// fuzzResolveTimeout bounds one Resolve: the suggestion search must stop when its context ends.
const fuzzResolveTimeout = 2 * time.Second

// fuzzKeep is a keep filter as the service passes them: none, links of one chain, counties.
func fuzzKeep(mode uint8) func(graph.Named) bool {
	switch mode % 4 {
	case 1:
		return func(n graph.Named) bool { return n.ChainID == "nev" }
	case 2:
		return func(n graph.Named) bool { return n.Level == graph.LevelCounty }
	case 3:
		return func(n graph.Named) bool { return false }
	}
	return nil
}

// FuzzResolve: whatever a user types (any length, invalid UTF-8), Resolve returns within its
// context; a match is a real entity of the kind asked for that keep accepts, and its id resolves
// back to it; a miss is a NotFoundError with at most three real suggestions, or an
// AmbiguousError between at least two real candidates; the message stays small; and spaces
// around the input change nothing. With an ended context, no suggestion search runs.
func FuzzResolve(f *testing.F) {
	for _, in := range []string{
		"wuhan", "wuhna", "Xiāngyáng", "xiang yang", "XIANG-YANG", "仙姚市", "仙桃", "潛江市", "429005", "cn-429005",
		"新能源汽車", "xinnengyuanqice", "nev-battery", "正极材料", "正极才料", "隔膜", "襄十随", "宜襄黄孝咸", "长阳", "zhangyang",
		"lvyou", "luyou", "", " ", "\xff\xfe\xfd", "武汉\x00市", strings.Repeat("武汉", 40), strings.Repeat("wuhan", 14),
		strings.Repeat("a", 70), "ｗｕｈａｎ", "xi'an", "3D打印", "\u200b武汉市",
	} {
		for kind := range fuzzNamedKinds {
			f.Add(uint8(kind), in, uint8(0))
		}
	}
	f.Add(uint8(2), "电池", uint8(1))
	f.Add(uint8(0), "江夏", uint8(2))
	f.Add(uint8(0), "武汉市", uint8(3))
	f.Fuzz(func(t *testing.T, k uint8, input string, mode uint8) {
		r, err := fuzzResolver()
		if err != nil {
			t.Fatal(err)
		}
		kind := fuzzNamedKinds[int(k)%len(fuzzNamedKinds)]
		keep := fuzzKeep(mode)
		ctx, cancel := context.WithTimeout(context.Background(), fuzzResolveTimeout)
		defer cancel()
		start := time.Now()
		n, err := r.Resolve(ctx, kind, input, keep)
		if d := time.Since(start); d > fuzzResolveTimeout+time.Second {
			t.Errorf("Resolve(%s, %d bytes) took %v, past its %v context", kind, len(input), d, fuzzResolveTimeout)
		}
		checkResolved(t, r, kind, input, keep, n, err)

		// Surrounding spaces are trimmed: the same answer.
		n2, err2 := r.Resolve(ctx, kind, " "+input+"\t", keep)
		if ctx.Err() == nil && (n2.ID != n.ID || (err == nil) != (err2 == nil) || errors.Is(err, graph.ErrNotFound) != errors.Is(err2, graph.ErrNotFound)) {
			t.Errorf("Resolve(%s, %q) = %q, %v; with spaces around it %q, %v", kind, input, n.ID, err, n2.ID, err2)
		}

		ended, stop := context.WithCancel(context.Background())
		stop()
		n3, err3 := r.Resolve(ended, kind, input, keep)
		var nf *graph.NotFoundError
		if errors.As(err3, &nf) && len(nf.Suggestions) > 0 {
			t.Errorf("Resolve(%s, %q) with an ended context searched suggestions: %v", kind, input, err3)
		}
		if err3 == nil && n3.ID != n.ID {
			t.Errorf("Resolve(%s, %q) = %q, but %q with an ended context", kind, input, n.ID, n3.ID)
		}
	})
}

func checkResolved(t *testing.T, r *graph.Resolver, kind graph.NamedKind, input string, keep func(graph.Named) bool, n graph.Named, err error) {
	t.Helper()
	real := func(what string, c graph.Named) {
		t.Helper()
		if c.Kind != kind {
			t.Errorf("Resolve(%s, %q): %s %q is a %s", kind, input, what, c.ID, c.Kind)
		}
		if got := r.ByID(kind, c.ID); !reflect.DeepEqual(got, c) {
			t.Errorf("Resolve(%s, %q): %s %+v is not the resolver's entity %+v", kind, input, what, c, got)
		}
		if keep != nil && !keep(c) {
			t.Errorf("Resolve(%s, %q): %s %q is one keep refuses", kind, input, what, c.ID)
		}
	}
	if err == nil {
		real("the match", n)
		if back, err := r.Resolve(context.Background(), kind, n.ID, keep); err != nil || back.ID != n.ID {
			t.Errorf("Resolve(%s, %q) = %q, but its id resolves to %q, %v", kind, input, n.ID, back.ID, err)
		}
		return
	}
	if n.ID != "" {
		t.Errorf("Resolve(%s, %q) = %q with error %v", kind, input, n.ID, err)
	}
	msg := err.Error()
	var nf *graph.NotFoundError
	var amb *graph.AmbiguousError
	switch {
	case errors.As(err, &nf):
		if !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("a NotFoundError that is not ErrNotFound: %v", err)
		}
		if len(nf.Suggestions) > 3 {
			t.Errorf("Resolve(%s, %q): %d suggestions, want at most 3", kind, input, len(nf.Suggestions))
		}
		seen := map[string]bool{}
		for _, s := range nf.Suggestions {
			real("suggestion", s)
			if seen[s.ID] {
				t.Errorf("Resolve(%s, %q) suggests %q twice", kind, input, s.ID)
			}
			seen[s.ID] = true
		}
		if len(msg) > 512+200*len(nf.Suggestions) {
			t.Errorf("Resolve(%s, %d bytes): a %d-byte message", kind, len(input), len(msg))
		}
	case errors.As(err, &amb):
		if !errors.Is(err, graph.ErrInvalid) || len(amb.Candidates) < 2 {
			t.Errorf("Resolve(%s, %q): ambiguous among %d: %v", kind, input, len(amb.Candidates), err)
		}
		for _, c := range amb.Candidates {
			real("candidate", c)
		}
		if len(msg) > 512+200*len(amb.Candidates) {
			t.Errorf("Resolve(%s, %d bytes): a %d-byte message", kind, len(input), len(msg))
		}
	case errors.Is(err, context.DeadlineExceeded):
	default:
		t.Errorf("Resolve(%s, %q) = %T %v; want a match, NotFoundError, AmbiguousError or the context's error", kind, input, err, err)
	}
}

// FuzzPinyinOf: a reading is lower-case ASCII letters and digits only, empty for a name without
// a Chinese character, and the same for the name with spaces and punctuation around it.
func FuzzPinyinOf(f *testing.F) {
	for _, s := range []string{"武汉市", "黄陂区", "长阳土家族自治县", "宜都市", "曾都区", "3D打印", "旅游", "女装", "Wuhan", "", "\xff", "新能源汽車", strings.Repeat("襄阳", 50)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		py := graph.PinyinOf(s)
		for _, r := range py {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
				t.Fatalf("PinyinOf(%q) = %q: %q is not a lower-case letter or digit", s, py, r)
			}
		}
		han := strings.ContainsFunc(graph.Normalize(s), func(r rune) bool { return unicode.Is(unicode.Han, r) })
		if py != "" && !han {
			t.Errorf("PinyinOf(%q) = %q for a name without a Chinese character", s, py)
		}
		if got := graph.PinyinOf(" " + s + "，"); got != py {
			t.Errorf("PinyinOf(%q) = %q, but %q with a space and a comma around it", s, py, got)
		}
	})
}
