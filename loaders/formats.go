package loaders

import (
	"hash/fnv"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"

	"github.com/chaingraph/chaingraph/graph"
)

type format struct {
	required, optional []string
	load               func(b *builder, r row)
	keepsExtra         bool // other columns are the row's attributes (a registry export's many columns)
}

var evidenceCols = []string{"evidence_kind", "evidence", "section", "reason"}

func with(cols ...string) []string { return append(cols, evidenceCols...) }

// formats are the CSV files of a data directory. Region files use the columns of the shared
// Hubei reference data; the others carry evidence columns (see the README).
var formats = map[string]format{
	"prefectures":    {required: []string{"code", "name", "kind"}, optional: []string{"parent_code"}, load: (*builder).prefecture},
	"divisions":      {required: []string{"code", "name", "parent_code", "kind"}, optional: []string{"parent_name"}, load: (*builder).division},
	"centroids":      {required: []string{"code", "lon", "lat"}, optional: []string{"name"}, load: (*builder).centroid},
	"adjacency":      {required: []string{"code_a", "code_b"}, optional: []string{"shared_border_km"}, load: (*builder).adjacency},
	"chains":         {required: with("id", "name", "category"), optional: []string{"aliases", "same_as"}, load: (*builder).chain},
	"links":          {required: with("id", "chain", "name", "stage"), optional: []string{"segments", "aliases", "same_as"}, load: (*builder).link},
	"feeds":          {required: with("from", "to"), load: (*builder).feed},
	"cluster_counts": {required: []string{"unit_code", "cluster_count", "year", "programme", "source_url"}, optional: []string{"unit_name"}, load: (*builder).clusterCount},
	"presence":       {required: with("id", "region", "link"), optional: []string{"strength", "status", "alternatives", "grain", "chain"}, load: (*builder).presence},
}

var (
	codeRE = regexp.MustCompile(`^[1-9][0-9]{5}$`)
	idRE   = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
)

func regionID(code string) string { return "cn-" + code }

// region returns the region read so far with this code. The pointer is valid until the next
// region is added.
func (b *builder) region(code string) (*graph.Region, bool) {
	i, ok := b.regions[code]
	if !ok {
		return nil, false
	}
	return &b.ds.Regions[i], true
}

var countyKinds = map[string]bool{"district": true, "county_city": true, "county": true, "autonomous_county": true, "forestry_district": true}

func (b *builder) addRegion(r row, reg graph.Region) {
	if !codeRE.MatchString(reg.Code) {
		b.errs = append(b.errs, r.errorAt("code", "code %q; want a six-digit GB/T 2260 code", reg.Code))
		return
	}
	if reg.Name == "" {
		b.errs = append(b.errs, r.errorAt("name", "name is empty"))
		return
	}
	if prev, dup := b.region(reg.Code); dup {
		b.errs = append(b.errs, r.errorAt("code", "region %s is already defined at %s", reg.Code, prev.Evidence.Origin))
		return
	}
	reg.ID = regionID(reg.Code)
	reg.Evidence = fileEvidence(r)
	b.ds.Regions = append(b.ds.Regions, reg)
	b.regions[reg.Code] = len(b.ds.Regions) - 1
}

func (b *builder) prefecture(r row) {
	reg := graph.Region{Code: r.get("code"), Name: r.get("name"), Kind: r.get("kind")}
	switch reg.Kind {
	case "province":
		reg.Level = graph.LevelProvince
	case "prefecture_city", "autonomous_prefecture", "league":
		reg.Level = graph.LevelPrefecture
		reg.PrefectureUnit = true
		switch {
		case r.get("parent_code") != "":
			reg.ParentID = regionID(r.get("parent_code"))
		case len(reg.Code) == 6:
			reg.ParentID = regionID(reg.Code[:2] + "0000") // GB/T 2260: the first two digits are the province
		}
	default:
		b.errs = append(b.errs, r.errorAt("kind", "kind %q; want province, prefecture_city or autonomous_prefecture", reg.Kind))
		return
	}
	b.addRegion(r, reg)
}

func (b *builder) division(r row) {
	reg := graph.Region{Code: r.get("code"), Name: r.get("name"), Kind: r.get("kind"), Level: graph.LevelCounty}
	if !countyKinds[reg.Kind] {
		b.errs = append(b.errs, r.errorAt("kind", "kind %q; want district, county_city, county, autonomous_county or forestry_district", reg.Kind))
		return
	}
	parent, ok := b.region(r.get("parent_code"))
	if !ok {
		b.errs = append(b.errs, r.errorAt("parent_code", "parent %q is not in any prefectures.csv", r.get("parent_code")))
		return
	}
	if name := r.get("parent_name"); name != "" && name != parent.Name {
		b.errs = append(b.errs, r.errorAt("parent_name", "parent_name %q, but %s is %s", name, parent.Code, parent.Name))
		return
	}
	reg.ParentID = parent.ID
	reg.PrefectureUnit = parent.Level == graph.LevelProvince
	b.addRegion(r, reg)
}

func (b *builder) countyAt(r row, col string) (*graph.Region, bool) {
	code := r.get(col)
	reg, ok := b.region(code)
	if !ok {
		b.errs = append(b.errs, r.errorAt(col, "region %q is not in any divisions.csv", code))
		return nil, false
	}
	return reg, true
}

func (b *builder) number(r row, col string, def float64) (float64, bool) {
	s := r.get(col)
	if s == "" {
		return def, true
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		b.errs = append(b.errs, r.errorAt(col, "%s %q is not a number", col, s))
		return 0, false
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		b.errs = append(b.errs, r.errorAt(col, "%s %q; want a finite number", col, s))
		return 0, false
	}
	return v, true
}

// seenRow is the row that defined an id, and a hash of what it said: at national scale there
// are a million ids, so neither the row nor its origin string is kept.
type seenRow struct {
	file string
	line int
	fp   uint64
}

func (s seenRow) origin() string { return s.file + ":" + strconv.Itoa(s.line) }

func hash64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// claim records that a row defines an id of a kind. Another row with that id is merged with a
// warning when it says the same, and is an error naming both rows when it does not; either way
// it adds nothing, so the rows that name the id do not fail in its wake (a duplicate chain
// would otherwise make every link of it ambiguous). label names the id for a reader.
func (b *builder) claim(r row, col, kind, id, label, fingerprint string) bool {
	key := kind + "\x00" + id
	fp := hash64(fingerprint)
	if prev, dup := b.seen[key]; dup {
		if prev.fp == fp {
			b.warns = append(b.warns, r.errorAt(col, "%s %s: the same as %s; merged into it", kind, label, prev.origin()))
		} else {
			b.errs = append(b.errs, r.errorAt(col, "%s %s is already defined at %s, differently; keep one of the two rows", kind, label, prev.origin()))
		}
		return false
	}
	b.seen[key] = seenRow{r.file, r.line, fp}
	return true
}

func (b *builder) claimID(r row, kind, id string) bool {
	return b.claim(r, "id", kind, id, strconv.Quote(id), r.fingerprint())
}

func (b *builder) centroid(r row) {
	reg, ok := b.countyAt(r, "code")
	lon, okLon := b.number(r, "lon", 0)
	lat, okLat := b.number(r, "lat", 0)
	if !ok || !okLon || !okLat {
		return
	}
	if lon < -180 || lon > 180 || lat < -90 || lat > 90 {
		b.errs = append(b.errs, r.errorAt("lon", "(%v, %v) is not a longitude and latitude in degrees", lon, lat))
		return
	}
	reg.Lon, reg.Lat, reg.HasCentroid = lon, lat, true
}

func (b *builder) adjacency(r row) {
	a, okA := b.countyAt(r, "code_a")
	c, okB := b.countyAt(r, "code_b")
	km, okKM := b.number(r, "shared_border_km", 0)
	if !okA || !okB || !okKM {
		return
	}
	if a.Code > c.Code {
		a, c = c, a
	}
	b.ds.Borders = append(b.ds.Borders, graph.Border{A: a.ID, B: c.ID, LengthKM: km, Evidence: fileEvidence(r)})
}

// finishRegions gives prefectures and provinces the mean centroid of their counties.
func (b *builder) finishRegions() {
	type sum struct {
		lon, lat float64
		n        int
	}
	sums := map[string]*sum{}
	byID := map[string]*graph.Region{}
	for i := range b.ds.Regions {
		byID[b.ds.Regions[i].ID] = &b.ds.Regions[i]
	}
	for _, r := range b.ds.Regions {
		if r.Level != graph.LevelCounty || !r.HasCentroid {
			continue
		}
		for p := byID[r.ParentID]; p != nil; p = byID[p.ParentID] {
			s := sums[p.ID]
			if s == nil {
				s = &sum{}
				sums[p.ID] = s
			}
			s.lon, s.lat, s.n = s.lon+r.Lon, s.lat+r.Lat, s.n+1
		}
	}
	for id, s := range sums {
		r := byID[id]
		r.Lon, r.Lat, r.HasCentroid = s.lon/float64(s.n), s.lat/float64(s.n), true
	}
}

func (b *builder) checkID(r row) (string, bool) {
	id := r.get("id")
	if !idRE.MatchString(id) {
		b.errs = append(b.errs, r.errorAt("id", "id %q; want lower-case ASCII letters, digits and '-'", id))
		return "", false
	}
	return id, true
}

func (b *builder) chain(r row) {
	if b.declaredSame(r, graph.NamedChain) {
		return
	}
	id, ok := b.checkID(r)
	ev, okEv := b.evidence(r)
	cat := r.get("category")
	if cat != "emerging" && cat != "traditional" {
		b.errs = append(b.errs, r.errorAt("category", "category %q; want emerging or traditional", cat))
		return
	}
	if !ok || !okEv || r.get("name") == "" || !b.claimID(r, "chain", id) {
		return
	}
	b.ds.Chains = append(b.ds.Chains, graph.Chain{ID: id, Name: graph.ToSimplified(r.get("name")), Category: cat, Aliases: list(r.get("aliases")), Evidence: ev})
}

func (b *builder) link(r row) {
	if b.declaredSame(r, graph.NamedLink) {
		return
	}
	id, okID := b.checkID(r)
	ev, okEv := b.evidence(r)
	chain, okChain := b.resolve(r, "chain", graph.NamedChain)
	stage, err := graph.ParseStage(r.get("stage"))
	if err != nil {
		b.errs = append(b.errs, r.errorAt("stage", "%v", err))
	}
	if !okID || !okEv || !okChain || err != nil || r.get("name") == "" || !b.claimID(r, "link", id) {
		return
	}
	b.ds.Links = append(b.ds.Links, graph.Link{
		ID: id, ChainID: chain.ID, Name: graph.ToSimplified(r.get("name")), Stage: stage,
		Segments: list(r.get("segments")), Aliases: list(r.get("aliases")), Evidence: ev,
	})
}

func (b *builder) feed(r row) {
	ev, okEv := b.evidence(r)
	from, okFrom := b.resolve(r, "from", graph.NamedLink)
	to, okTo := b.resolve(r, "to", graph.NamedLink)
	if okEv && okFrom && okTo {
		b.ds.Feeds = append(b.ds.Feeds, graph.Feed{From: from.ID, To: to.ID, Evidence: ev})
	}
}

// presence reads a fact at link grain (a Presence) or, with grain "chain", a statement about a
// whole chain (a ChainFact: link empty, chain named).
func (b *builder) presence(r row) {
	switch grain := r.get("grain"); grain {
	case "", "link":
	case "chain":
		b.chainFact(r)
		return
	default:
		b.errs = append(b.errs, r.errorAt("grain", "grain %q; want link (a fact about one link, the default) or chain (a statement about a whole chain, with link empty and chain named)", grain))
		return
	}
	id, okID := b.checkID(r)
	ev, okEv := b.evidence(r)
	region, okRegion := b.resolve(r, "region", graph.NamedRegion)
	link, okLink := b.resolve(r, "link", graph.NamedLink)
	strength, okStrength := b.number(r, "strength", 1)
	if okStrength && strength <= 0 {
		b.errs = append(b.errs, r.errorAt("strength", "strength %v; want a number > 0", strength))
		okStrength = false
	}
	status, okStatus := b.status(r, ev)
	if okID && okEv && okRegion && okLink && okStrength && okStatus && b.claimID(r, "presence", id) {
		b.ds.Presences = append(b.ds.Presences, graph.Presence{ID: id, RegionID: region.ID, LinkID: link.ID, Strength: strength,
			Status: status, Alternatives: list(r.get("alternatives")), Evidence: ev})
	}
}

func (b *builder) chainFact(r row) {
	id, okID := b.checkID(r)
	ev, okEv := b.evidence(r)
	region, okRegion := b.resolve(r, "region", graph.NamedRegion)
	chain, okChain := b.resolve(r, "chain", graph.NamedChain)
	okLink := true
	if l := r.get("link"); l != "" {
		b.errs = append(b.errs, r.errorAt("link", "link %q on a fact of grain chain; leave link empty: the fact is about the whole chain", l))
		okLink = false
	}
	if s := r.get("strength"); s != "" && s != "1" {
		b.errs = append(b.errs, r.errorAt("strength", "strength %q on a fact of grain chain; leave it empty: a chain fact has no strength", s))
		okLink = false
	}
	status, okStatus := b.status(r, ev)
	if okID && okEv && okRegion && okChain && okLink && okStatus && b.claimID(r, "chain fact", id) {
		b.ds.ChainFacts = append(b.ds.ChainFacts, graph.ChainFact{ID: id, RegionID: region.ID, ChainID: chain.ID,
			Status: status, Alternatives: list(r.get("alternatives")), Evidence: ev})
	}
}

// status reads a presence's status column. A plan sentence may state either kind of fact, so a
// fact the plan evidences must say which; a named source or a user's row states what is there.
func (b *builder) status(r row, ev graph.Evidence) (string, bool) {
	switch st := r.get("status"); {
	case st == graph.StatusExisting || st == graph.StatusPlanned:
		return st, true
	case st == "" && ev.Kind != graph.EvidencePlan:
		return graph.StatusExisting, true
	case st == "":
		b.errs = append(b.errs, r.errorAt("status", "status is empty; a fact from the plan says whether the industry is there (%s: 依托…基础, 以…为依托) or the plan wants it there (%s: 打造, 培育, 布局, 建设)", graph.StatusExisting, graph.StatusPlanned))
	default:
		b.errs = append(b.errs, r.errorAt("status", "status %q; want %s or %s", st, graph.StatusExisting, graph.StatusPlanned))
	}
	return "", false
}

// sortedUnique returns ids sorted, without repeats (nil for none).
func sortedUnique(ids []string) []string {
	if len(ids) == 0 {
		return nil
	}
	sort.Strings(ids)
	out := ids[:1]
	for _, id := range ids[1:] {
		if id != out[len(out)-1] {
			out = append(out, id)
		}
	}
	return out
}

// clusterCount reads how many clusters a list gives a region (seeds/hubei/cluster_counts.csv).
func (b *builder) clusterCount(r row) {
	region, okRegion := b.resolve(r, "unit_code", graph.NamedRegion)
	n, err := strconv.Atoi(r.get("cluster_count"))
	if err != nil || n < 0 {
		b.errs = append(b.errs, r.errorAt("cluster_count", "cluster_count %q; want a whole number >= 0", r.get("cluster_count")))
	}
	year, errYear := strconv.Atoi(r.get("year"))
	if errYear != nil || year < graph.MinAsOf || year > graph.MaxAsOf {
		b.errs = append(b.errs, r.errorAt("year", "year %q; want a year like 2018", r.get("year")))
	}
	programme, source := r.get("programme"), r.get("source_url")
	if programme == "" {
		b.errs = append(b.errs, r.errorAt("programme", "programme is empty; name the list, as clusters.csv does"))
	}
	if source == "" {
		b.errs = append(b.errs, r.errorAt("source_url", "source_url is empty; name where the count comes from"))
	}
	if !okRegion || err != nil || n < 0 || errYear != nil || programme == "" || source == "" {
		return
	}
	b.ds.ClusterCounts = append(b.ds.ClusterCounts, graph.ClusterCount{RegionID: region.ID, Programme: programme, Year: year, Count: n,
		Evidence: graph.Evidence{Kind: graph.EvidenceSource, Source: programme + " " + strconv.Itoa(year) + ", per-city count: " + source + " (see seeds/hubei/PROVENANCE.md)", Origin: r.origin()}})
}

// declaredSame handles a chain or link row that declares itself the same as one already read (a
// seed's: a user's 锂电池 is the seeds' ict-lithium-battery), so that two graphs meet: the row
// adds no chain or link, its id, name and aliases become other names of that one, and a notice
// says so. It reports whether the row had a same_as.
func (b *builder) declaredSame(r row, kind graph.NamedKind) bool {
	if r.get("same_as") == "" {
		return false
	}
	_, okEv := b.evidence(r) // the declaration is a fact like any other
	target, ok := b.resolve(r, "same_as", kind)
	if !ok || !okEv {
		return true
	}
	names := append([]string{r.get("id"), graph.ToSimplified(r.get("name"))}, list(r.get("aliases"))...)
	switch kind {
	case graph.NamedChain:
		for i := range b.ds.Chains {
			if c := &b.ds.Chains[i]; c.ID == target.ID {
				c.Aliases = addNames(c.Aliases, c.ID, c.Name, names)
			}
		}
	case graph.NamedLink:
		for i := range b.ds.Links {
			if l := &b.ds.Links[i]; l.ID == target.ID {
				l.Aliases = addNames(l.Aliases, l.ID, l.Name, names)
				l.Segments = sortedUnique(append(l.Segments, list(r.get("segments"))...))
			}
		}
	}
	b.notes = append(b.notes, r.errorAt("same_as", "%s %s (%s) is the same as %s (%s): its rows count for %s", kind, r.get("id"), r.get("name"), target.ID, target.Name, target.ID))
	return true
}

// addNames adds the names that are not already the entity's id, name or an alias.
func addNames(aliases []string, id, name string, names []string) []string {
	for _, n := range names {
		if n != "" && n != id && n != name && !slices.Contains(aliases, n) {
			aliases = append(aliases, n)
		}
	}
	return aliases
}
