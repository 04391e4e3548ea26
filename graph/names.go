package graph

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// NotFoundError says that a name matched nothing, with close matches. It wraps ErrNotFound.
type NotFoundError struct {
	Kind        NamedKind
	Input       string
	Suggestions []Named
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("%s %q not found", e.Kind, Excerpt(e.Input))
	if len(e.Suggestions) > 0 {
		msg += "; did you mean " + describeAll(e.Suggestions) + "?"
	}
	return msg
}

// Unwrap lets errors.Is(err, ErrNotFound) hold.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// AmbiguousError says that a name matched several entities. It wraps ErrInvalid.
type AmbiguousError struct {
	Kind       NamedKind
	Input      string
	Candidates []Named
	By         MatchedBy // how the input matched them
}

// MatchedBy says which of an entity's names an input matched.
type MatchedBy string

// The ways an input can match, in the order Resolve tries them.
const (
	ByName    MatchedBy = ""        // id, code, name, alias, or a region's name without its suffix
	BySegment MatchedBy = "segment" // one of a link's segments (正极材料 of 电池材料)
	ByPinyin  MatchedBy = "pinyin"  // the toneless pinyin of a name (xiangyang)
)

func (e *AmbiguousError) Error() string {
	switch e.By {
	case BySegment:
		return fmt.Sprintf("%s %q is ambiguous: it is a segment of %s; use the link's name or id", e.Kind, Excerpt(e.Input), describeAll(e.Candidates))
	case ByPinyin:
		return fmt.Sprintf("%s %q is ambiguous: read as pinyin it could be %s; use the full Chinese name or an id", e.Kind, Excerpt(e.Input), describeAll(e.Candidates))
	}
	return fmt.Sprintf("%s %q is ambiguous: it could be %s; use an id", e.Kind, Excerpt(e.Input), describeAll(e.Candidates))
}

// ExcerptRunes is how much of a user's input an error message quotes.
const ExcerptRunes = 64

// Excerpt is s as an error quotes it: whole when short, else its first ExcerptRunes characters
// and its length, so that an error stays small whatever was sent.
func Excerpt(s string) string {
	if utf8.RuneCountInString(s) <= ExcerptRunes {
		return s
	}
	end := 0
	for range ExcerptRunes {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	return fmt.Sprintf("%s… (%d bytes)", s[:end], len(s))
}

// Unwrap lets errors.Is(err, ErrInvalid) hold.
func (e *AmbiguousError) Unwrap() error { return ErrInvalid }

func describeAll(ns []Named) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = n.describe()
	}
	return strings.Join(parts, ", ")
}

func (n Named) describe() string {
	if n.Code != "" {
		return fmt.Sprintf("%s (%s, id %s)", n.Name, n.Code, n.ID)
	}
	return fmt.Sprintf("%s (id %s)", n.Name, n.ID)
}

// Resolver turns what a user typed into an entity: its id, its code (regions), or its name or
// an alias in simplified or traditional script. Region names also resolve without their
// administrative suffix (仙桃 for 仙桃市), links by one of their segments (正极材料 for 电池材料),
// regions, chains and links by their toneless pinyin (xiangyang, Xiang Yang, xiantao), and belt
// names by a part of them (襄十随), each only when unambiguous.
type Resolver struct {
	entries   []Named
	norm      []string                       // Normalize(entries[i].Name)
	spellings [][]string                     // what suggestions compare an input with, per entry
	pinyin    [][]string                     // pinyin keys of each entry
	exact     map[NamedKind]map[string][]int // normalized id, code, name or alias → entries
	short     map[string][]int               // regions: name without its suffix → entries
	segments  map[string][]int               // links: normalized segment → entries
	byPinyin  map[NamedKind]map[string][]int // pinyin key → entries
	byKind    map[NamedKind][]Named          // entries of each kind, in the order given
	byID      map[NamedKind]map[string]int   // id → entry
}

// pinyinKinds are the kinds that resolve by pinyin. Belts do not: their names are long
// compounds of place abbreviations (宜襄黄孝咸…产业发展带) that nobody spells out in pinyin.
// Links' segments are not read in pinyin either: 146 product words in the seeds, typed in
// Chinese by people who know them, would mostly add collisions.
var pinyinKinds = map[NamedKind]bool{NamedRegion: true, NamedChain: true, NamedLink: true}

// NewResolver indexes the candidates.
func NewResolver(entries []Named) *Resolver {
	r := &Resolver{entries: entries, norm: make([]string, len(entries)), spellings: make([][]string, len(entries)), pinyin: make([][]string, len(entries)),
		exact: map[NamedKind]map[string][]int{}, short: map[string][]int{}, segments: map[string][]int{}, byPinyin: map[NamedKind]map[string][]int{},
		byKind: map[NamedKind][]Named{}, byID: map[NamedKind]map[string]int{}}
	add := func(index map[string][]int, key string, i int) {
		if key != "" && !slices.Contains(index[key], i) {
			index[key] = append(index[key], i)
		}
	}
	for i, n := range entries {
		r.byKind[n.Kind] = append(r.byKind[n.Kind], n)
		if r.byID[n.Kind] == nil {
			r.byID[n.Kind] = map[string]int{}
			r.exact[n.Kind] = map[string][]int{}
			r.byPinyin[n.Kind] = map[string][]int{}
		}
		r.byID[n.Kind][n.ID] = i
		r.norm[i] = Normalize(n.Name)
		names := []string{r.norm[i]}
		for _, a := range n.Aliases {
			names = append(names, Normalize(a))
		}
		for _, k := range append([]string{strings.ToLower(n.ID), n.Code}, names...) {
			add(r.exact[n.Kind], k, i)
		}
		short := ""
		if n.Kind == NamedRegion {
			short = stripRegionSuffix(r.norm[i])
			add(r.short, short, i)
		}
		var segments []string
		if n.Kind == NamedLink {
			for _, s := range n.Segments {
				segments = append(segments, Normalize(s))
				add(r.segments, Normalize(s), i)
			}
		}
		if pinyinKinds[n.Kind] {
			for _, name := range append(names, short) {
				for _, key := range pinyinSpellings(name) {
					add(r.byPinyin[n.Kind], key, i)
					if !slices.Contains(r.pinyin[i], key) {
						r.pinyin[i] = append(r.pinyin[i], key)
					}
				}
			}
		}
		spell := append(append([]string{r.norm[i], strings.ToLower(n.ID), stripRegionSuffix(r.norm[i])}, names[1:]...), segments...)
		slices.Sort(spell)
		r.spellings[i] = slices.Compact(spell)
	}
	return r
}

// Entries returns the candidates of a kind, in the order given to NewResolver. The slice is the
// resolver's own (servers share one resolver across requests): do not modify it.
func (r *Resolver) Entries(kind NamedKind) []Named {
	return r.byKind[kind]
}

// ByID returns the entity of a kind with exactly this id, or the zero Named.
func (r *Resolver) ByID(kind NamedKind, id string) Named {
	if i, ok := r.byID[kind][id]; ok {
		return r.entries[i]
	}
	return Named{}
}

// Resolve finds the one entity of the kind that input names, among those accepted by keep (nil
// keeps all). It tries, in order: id, code, name or alias; a region's name without its suffix;
// a link's segment; pinyin; a part of a belt's name. The first way that matches decides: one
// match is the answer, several are an *AmbiguousError (homophones in pinyin, a segment two links
// share). Nothing matching is a *NotFoundError with suggestions; the suggestion search stops
// when ctx ends (returning ctx's error) and is skipped for inputs longer than MaxSuggestRunes.
func (r *Resolver) Resolve(ctx context.Context, kind NamedKind, input string, keep func(Named) bool) (Named, error) {
	in := Normalize(input)
	pick := func(idx []int) []Named {
		var out []Named
		for _, i := range idx {
			if n := r.entries[i]; n.Kind == kind && (keep == nil || keep(n)) {
				out = append(out, n)
			}
		}
		return out
	}
	if m := pick(r.exact[kind][in]); len(m) > 0 {
		return one(kind, input, m, ByName)
	}
	if kind == NamedRegion && in != "" {
		if m := pick(r.short[stripRegionSuffix(in)]); len(m) > 0 {
			return one(kind, input, m, ByName)
		}
	}
	if kind == NamedLink {
		if m := pick(r.segments[in]); len(m) > 0 {
			return one(kind, input, m, BySegment)
		}
	}
	key, isPinyin := pinyinInput(in)
	if isPinyin && pinyinKinds[kind] {
		if m := pick(r.byPinyin[kind][key]); len(m) > 0 {
			return one(kind, input, m, ByPinyin)
		}
	}
	var pool []int
	for i, n := range r.entries {
		if n.Kind == kind && (keep == nil || keep(n)) {
			pool = append(pool, i)
		}
	}
	if kind == NamedBelt && utf8.RuneCountInString(in) >= 2 {
		// Belts have long names that people shorten to their place part: 宜襄黄孝咸, 襄十随.
		var m []Named
		for _, i := range pool {
			if strings.Contains(r.norm[i], in) {
				m = append(m, r.entries[i])
			}
		}
		if len(m) > 0 {
			return one(kind, input, m, ByName)
		}
	}
	if !isPinyin {
		key = ""
	}
	suggestions, err := r.suggest(ctx, pool, in, key)
	if err != nil {
		return Named{}, err
	}
	return Named{}, &NotFoundError{Kind: kind, Input: input, Suggestions: suggestions}
}

func one(kind NamedKind, input string, m []Named, by MatchedBy) (Named, error) {
	if len(m) == 1 {
		return m[0], nil
	}
	sort.Slice(m, func(i, j int) bool { return m[i].ID < m[j].ID })
	return Named{}, &AmbiguousError{Kind: kind, Input: input, Candidates: m, By: by}
}

// regionSuffixes are administrative suffixes dropped for short forms, longest first.
var regionSuffixes = []string{"土家族苗族自治州", "土家族自治县", "自治州", "自治县", "林区", "新区", "市", "县", "区", "州", "省"}

// RegionShortName is a region's name without its administrative suffix, as the resolver accepts
// it (仙桃 for 仙桃市, 长阳 for 长阳土家族自治县). A name without a suffix, or one that would
// leave a single character (随县), is its own short name.
func RegionShortName(name string) string {
	return stripRegionSuffix(Normalize(name))
}

func stripRegionSuffix(s string) string {
	for _, suf := range regionSuffixes {
		if t := strings.TrimSuffix(s, suf); t != s && utf8.RuneCountInString(t) >= 2 {
			return t
		}
	}
	return s
}

// MaxSuggestRunes is the longest input that gets suggestions: nothing longer is a misspelt
// name, and the edit distance costs its length times each candidate's.
const MaxSuggestRunes = 64

// suggest returns up to three entries of the pool whose name, id, alias or segment is close to
// in, or, when the input reads as pinyin (key), whose pinyin is close to key. Closeness is the
// edit distance with transpositions (wuhna → wuhan is one edit): at most half the input's
// length for names and ids, a third of it for pinyin.
func (r *Resolver) suggest(ctx context.Context, pool []int, in, key string) ([]Named, error) {
	type scored struct {
		n    Named
		dist int
	}
	if utf8.RuneCountInString(in) > MaxSuggestRunes {
		return nil, nil
	}
	var all []scored
	inRunes, keyRunes := []rune(in), []rune(key)
	limit := max(1, len(inRunes)/2)
	pinyinLimit := max(1, len(keyRunes)/3) // a letter says less than a character: xiangyan is 襄阳, not 江岸 (jiangan)
	for count, i := range pool {
		if count%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		best := -1
		closer := func(d, limit int) {
			if d <= limit && (best < 0 || d < best) {
				best = d
			}
		}
		for _, cand := range r.spellings[i] {
			closer(editDistance(inRunes, []rune(cand)), limit)
		}
		if key != "" {
			for _, cand := range r.pinyin[i] {
				closer(editDistance(keyRunes, []rune(cand)), pinyinLimit)
			}
		}
		if best >= 0 {
			all = append(all, scored{r.entries[i], best})
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].dist != all[j].dist {
			return all[i].dist < all[j].dist
		}
		return all[i].n.ID < all[j].n.ID
	})
	var out []Named
	for i := 0; i < len(all) && i < 3; i++ {
		out = append(out, all[i].n)
	}
	return out, nil
}

// editDistance is the optimal-string-alignment distance: insertions, deletions, substitutions
// and swaps of two neighbours each cost one.
func editDistance(a, b []rune) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

var (
	t2sOnce sync.Once
	t2s     *opencc.OpenCC
	t2sErr  error
)

// Normalize trims s, lower-cases ASCII and converts traditional Chinese to simplified, so that
// names compare across scripts.
func Normalize(s string) string {
	return ToSimplified(strings.ToLower(strings.TrimSpace(s)))
}

// ToSimplified converts traditional Chinese to simplified with OpenCC's t2s tables (a maintained
// port, not a hand-made table), leaving everything else as it is.
func ToSimplified(s string) string {
	if isASCII(s) { // ids and codes: most lookups in bulk data, and OpenCC would leave them alone
		return s
	}
	t2sOnce.Do(func() { t2s, t2sErr = opencc.New("t2s") })
	if t2sErr != nil {
		panic("opencc t2s tables are embedded and must load: " + t2sErr.Error())
	}
	out, err := t2s.Convert(s)
	if err != nil {
		return s
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
