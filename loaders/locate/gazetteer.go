package locate

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chaingraph/chaingraph/graph"
)

// Methods a Place was found by.
const (
	MethodCounty     = "county"
	MethodAddress    = "address"
	MethodCreditCode = "credit_code"
)

// Place is where a firm is.
type Place struct {
	RegionID string
	Method   string // MethodCounty, MethodAddress or MethodCreditCode
	Detail   string // what was read and how, e.g. "武汉经济技术开发区 → 蔡甸区 (zone)"
	// Alternatives are the other regions the place may be in, when it was found through a zone
	// that spans several counties; empty when the reading is certain.
	Alternatives []string
}

// formerUnit is a unit since renamed or recoded, that exports and old lists still name.
type formerUnit struct{ name, code, now, why string }

// formerUnits are built in because credit codes issued before a change keep the old division
// code for good; the aliases passed to New may repeat them.
var formerUnits = []formerUnit{
	{"监利县", "421023", "421088", "监利县 421023 became 监利市 421088 in 2020 (seeds/hubei/PROVENANCE.md)"},
	{"京山县", "420821", "420882", "京山县 420821 became 京山市 420882 in 2018 (NBS editions 2017-10-31: 420821 京山县, 2018-10-31: 420882 京山市; modood/Administrative-divisions-of-China c893e3b, 31aaa3c)"},
	{"襄阳区", "", "420607", "襄州区 was 襄阳区 until 2010 (https://drbdp.com/4-7177159.html)"},
}

type entryKind int

const (
	kindRegion entryKind = iota
	kindZone
)

// entry is one thing a name may mean.
type entry struct {
	kind  entryKind
	id    string // region id (for a zone: the region it maps to)
	zone  *Zone
	short bool   // the name is a short form (no suffix): it must not run on into a street name
	via   string // how the name leads to the region, for Detail; empty for the region's own name
}

// Gazetteer finds regions by what registry exports say.
type Gazetteer struct {
	regions map[string]graph.Region // by id
	byCode  map[string]entry        // division codes, former codes and zone codes
	names   map[string][]entry      // normalised name → what it may mean
	maxLen  int                     // longest name, in runes
}

// New builds a gazetteer over regions (the province, prefectures and counties of a
// graph.Dataset), aliases (alias → region id, e.g. from seeds/places/aliases.csv) and zones.
// Names and aliases are matched after graph.Normalize; an alias of six digits is a former code.
func New(regions []graph.Region, aliases map[string]string, zones []Zone) *Gazetteer {
	g := &Gazetteer{regions: map[string]graph.Region{}, byCode: map[string]entry{}, names: map[string][]entry{}}
	for _, r := range regions {
		g.regions[r.ID] = r
		g.byCode[r.Code] = entry{id: r.ID}
	}
	for _, f := range formerUnits {
		id := "cn-" + f.now
		if _, ok := g.regions[id]; !ok {
			continue
		}
		e := entry{id: id, via: "former unit: " + f.why}
		g.addName(f.name, e)
		if f.code != "" {
			g.byCode[f.code] = e
		}
	}
	for _, r := range regions {
		g.addName(r.Name, entry{id: r.ID})
		if s := graph.RegionShortName(r.Name); s != graph.Normalize(r.Name) {
			g.addName(s, entry{id: r.ID, short: true})
		}
		for _, a := range r.Aliases {
			g.addAlias(a, r.ID)
		}
	}
	for a, id := range aliases {
		if _, ok := g.regions[id]; ok {
			g.addAlias(a, id)
		}
	}
	zones = append([]Zone(nil), zones...) // entries point into it: the caller's slice may change
	for i := range zones {
		z := &zones[i]
		if _, ok := g.regions[z.RegionID]; !ok {
			continue
		}
		e := entry{kind: kindZone, id: z.RegionID, zone: z, via: "zone " + z.Name}
		g.addName(z.Name, e)
		for _, a := range z.Aliases {
			g.addName(a, e)
		}
		if z.Code != "" {
			g.byCode[z.Code] = e
		}
	}
	return g
}

func (g *Gazetteer) addAlias(alias, id string) {
	if isDivisionCode(alias) {
		if _, own := g.byCode[alias]; !own {
			g.byCode[alias] = entry{id: id, via: "former code " + alias}
		}
		return
	}
	g.addName(alias, entry{id: id, via: "alias " + alias})
}

func (g *Gazetteer) addName(name string, e entry) {
	key := normalize(name)
	if key == "" {
		return
	}
	for _, old := range g.names[key] {
		if old.id == e.id {
			return // the same region by another route (an alias repeating a former name)
		}
	}
	g.names[key] = append(g.names[key], e)
	if n := utf8.RuneCountInString(key); n > g.maxLen {
		g.maxLen = n
	}
}

// normalize is graph.Normalize without inner spaces, full-width ones included.
func normalize(s string) string {
	s = graph.Normalize(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// prefectureOf is the prefecture a region is in: itself for a prefecture, its parent for a
// county under a prefecture, "" for the province and the counties directly under it.
func (g *Gazetteer) prefectureOf(id string) string {
	r := g.regions[id]
	switch r.Level {
	case graph.LevelPrefecture:
		return r.ID
	case graph.LevelCounty:
		if p := g.regions[r.ParentID]; p.Level == graph.LevelPrefecture {
			return p.ID
		}
	}
	return ""
}

func (g *Gazetteer) label(id string) string {
	if r, ok := g.regions[id]; ok {
		return r.Name
	}
	return id
}

// Locate finds a firm's region from its county column, credit code and registered address,
// any of which may be empty. It reads each one it is given and takes, in order:
//
//  1. the county column: the user's own statement of where the firm is (registry exports fill it
//     from the registry's district field);
//  2. the address: where the firm is registered to be, read down to a county or zone;
//  3. the credit code: the division of the authority that registered the firm, which for a firm
//     registered by a prefecture's bureau (91420100…) is only the prefecture, and which a firm
//     keeps when it moves.
//
// A prefecture-level answer is refined by a later one that names a county inside it (武汉市 from
// the column, 江夏区 from the address). Disagreements of the others are named in Detail; only
// when none can be read is there an error, listing what each said.
func (g *Gazetteer) Locate(county, creditCode, address string) (Place, error) {
	type try struct {
		place Place
		err   error
		given bool
	}
	tries := []try{{given: strings.TrimSpace(county) != ""}, {given: strings.TrimSpace(address) != ""}, {given: strings.TrimSpace(creditCode) != ""}}
	if tries[0].given {
		tries[0].place, tries[0].err = g.ByCounty(county)
	}
	if tries[1].given {
		tries[1].place, tries[1].err = g.ByAddress(address)
	}
	if tries[2].given {
		tries[2].place, tries[2].err = g.ByCreditCode(creditCode)
	}
	best := -1
	for i, t := range tries {
		if !t.given || t.err != nil {
			continue
		}
		if best < 0 {
			best = i
			continue
		}
		b := tries[best].place
		if g.regions[b.RegionID].Level == graph.LevelPrefecture && g.regions[t.place.RegionID].Level == graph.LevelCounty && g.prefectureOf(t.place.RegionID) == b.RegionID {
			t.place.Detail += "; refines " + b.Method + " " + g.label(b.RegionID)
			tries[i] = t
			best = i
		}
	}
	if best < 0 {
		var msgs []string
		for _, t := range tries {
			if t.given {
				msgs = append(msgs, t.err.Error())
			}
		}
		if len(msgs) == 0 {
			return Place{}, fmt.Errorf("nothing to locate by: county, credit code and address are all empty")
		}
		return Place{}, fmt.Errorf("no place found: %s", strings.Join(msgs, "; "))
	}
	p := tries[best].place
	for i, t := range tries {
		if i == best || !t.given {
			continue
		}
		switch {
		case t.err != nil:
			p.Detail += "; " + t.err.Error()
		case !g.agrees(t.place, p.RegionID):
			p.Detail += fmt.Sprintf("; %s says %s", t.place.Method, g.label(t.place.RegionID))
		}
	}
	return p, nil
}

// agrees reports whether a place is region id, contains it or lies in it, counting a zone's
// alternatives (东湖高新区 agrees with 江夏区).
func (g *Gazetteer) agrees(p Place, id string) bool {
	for _, a := range append([]string{p.RegionID}, p.Alternatives...) {
		if a == id || g.prefectureOf(id) == a || g.prefectureOf(a) == id {
			return true
		}
	}
	return false
}

// ByCounty reads a county column: a division code (current or former) or a name, which may be
// prefixed with its province and prefecture (湖北省武汉市江夏区, 襄阳市襄州区) and may be old (监利县).
// The whole value must be read.
func (g *Gazetteer) ByCounty(county string) (Place, error) {
	s := normalize(county)
	if s == "" {
		return Place{}, fmt.Errorf("county is empty")
	}
	if isDivisionCode(s) {
		e, ok := g.byCode[s]
		if !ok {
			return Place{}, fmt.Errorf("county %q: %s is not the code of a Hubei region, former unit or zone", county, s)
		}
		p := g.placeOf(e, MethodCounty, "code "+s)
		return p, nil
	}
	r, err := g.parse(s)
	if err != nil {
		return Place{}, fmt.Errorf("county %q: %w", county, err)
	}
	if r.rest == "" && r.pref == "" && r.county == "" && r.zone == nil {
		return Place{}, fmt.Errorf("county %q: names only the province; a county column names a county or prefecture", county)
	}
	if r.rest != "" {
		if r.found() {
			return Place{}, fmt.Errorf("county %q: read %s, then %q is no region or zone name", county, r.read, r.rest)
		}
		return Place{}, fmt.Errorf("county %q: %w", county, r.noMatch())
	}
	return r.place(g, MethodCounty), nil
}

// ByAddress reads a registered address from its start: province, prefecture, county or zone,
// each with or without its suffix (武汉市江夏区, 武汉江夏, 江夏区). What follows the county or
// zone is the street and is not read.
func (g *Gazetteer) ByAddress(address string) (Place, error) {
	s := normalize(address)
	if s == "" {
		return Place{}, fmt.Errorf("address is empty")
	}
	r, err := g.parse(s)
	if err != nil {
		return Place{}, fmt.Errorf("address %q: %w", address, err)
	}
	if !r.found() || (r.pref == "" && r.county == "" && r.zone == nil) {
		return Place{}, fmt.Errorf("address %q: %w", address, r.noMatch())
	}
	return r.place(g, MethodAddress), nil
}

// ByCreditCode reads chars 3–8 of a credit code that passes CheckCreditCode: a county's code
// gives the county, a prefecture's (420100) or its 市辖区 code (420101) the prefecture, a former
// code (421023) today's unit, a statistics-only code (421071) its zone's region.
func (g *Gazetteer) ByCreditCode(code string) (Place, error) {
	if _, err := CheckCreditCode(code); err != nil {
		return Place{}, err
	}
	c := strings.ToUpper(strings.TrimSpace(code))
	div := c[2:8]
	if e, ok := g.byCode[div]; ok {
		if g.regions[e.id].Level == graph.LevelProvince {
			return Place{}, fmt.Errorf("credit code %s: registered by the province's authority (%s), which names no prefecture or county", c, div)
		}
		return g.placeOf(e, MethodCreditCode, "registering authority's division "+div), nil
	}
	if strings.HasSuffix(div, "01") {
		if e, ok := g.byCode[div[:4]+"00"]; ok && g.regions[e.id].Level == graph.LevelPrefecture {
			return g.placeOf(e, MethodCreditCode, "registering authority's division "+div+" (市辖区 of "+g.label(e.id)+")"), nil
		}
	}
	if !strings.HasPrefix(div, "42") {
		return Place{}, fmt.Errorf("credit code %s: registered outside Hubei (division %s)", c, div)
	}
	return Place{}, fmt.Errorf("credit code %s: division %s is no Hubei region, former unit or zone known here", c, div)
}

func (g *Gazetteer) placeOf(e entry, method, what string) Place {
	p := Place{RegionID: e.id, Method: method}
	p.Detail = what + " → " + g.label(e.id)
	if e.via != "" {
		p.Detail += " (" + e.via + ")"
	}
	if e.zone != nil {
		p.Alternatives = append([]string(nil), e.zone.Alternatives...)
	}
	return p
}

// parsed is what parse read from the start of a text.
type parsed struct {
	province     bool
	pref, county string // region ids
	zone         *Zone
	zoneVia      string
	read         string // the names read, for messages
	rest         string // what follows them
	countyVia    string
}

func (r *parsed) found() bool { return r.province || r.pref != "" || r.county != "" || r.zone != nil }

func (r *parsed) noMatch() error {
	return fmt.Errorf("no Hubei province, prefecture, county or development-zone name at its start (names are read with or without 省/市/区/县, e.g. 湖北省武汉市江夏区, 武汉江夏, 江夏区, 东湖高新区)")
}

func (r *parsed) place(g *Gazetteer, method string) Place {
	switch {
	case r.county != "":
		p := Place{RegionID: r.county, Method: method, Detail: "read " + r.read + " → " + g.label(r.county)}
		if r.countyVia != "" {
			p.Detail += " (" + r.countyVia + ")"
		}
		if r.zone != nil {
			p.Detail += "; the county named wins over zone " + r.zone.Name
		}
		return p
	case r.zone != nil:
		p := Place{RegionID: r.zone.RegionID, Method: method, Detail: "read " + r.read + " → " + g.label(r.zone.RegionID) + " (" + r.zoneVia + ")", Alternatives: append([]string(nil), r.zone.Alternatives...)}
		if len(p.Alternatives) > 0 {
			alts := make([]string, len(p.Alternatives))
			for i, a := range p.Alternatives {
				alts[i] = g.label(a)
			}
			p.Detail += "; the zone also spans " + strings.Join(alts, ", ")
		}
		return p
	case r.pref != "":
		return Place{RegionID: r.pref, Method: method, Detail: "read " + r.read + ": a prefecture only"}
	default:
		return Place{RegionID: "", Method: method, Detail: "read " + r.read}
	}
}

// streetRunes may follow a place name's short form only when the name runs on into a street,
// road or village (洪山路 is in 武昌区, not 洪山区), so a short form before one is not read.
const streetRunes = "路街道巷大桥村镇乡里湾园港一二三四五六七八九十"

// parse reads names from the start of s (normalised), longest match first.
func (g *Gazetteer) parse(s string) (parsed, error) {
	var r parsed
	rest := strings.TrimPrefix(s, "中国")
	var read []string
	for rest != "" {
		name, es := g.match(rest)
		if len(es) == 0 {
			break
		}
		// Resolve several meanings: within the prefecture read so far, or a prefecture and
		// its own county (恩施, 荆州) read as the prefecture.
		es = g.narrow(es, r.pref)
		if len(es) > 1 {
			ids := make([]string, len(es))
			for i, e := range es {
				ids[i] = g.label(e.id)
			}
			sort.Strings(ids)
			return r, fmt.Errorf("%s may be %s; say which (with its prefecture or its suffix)", name, strings.Join(ids, " or "))
		}
		e := es[0]
		reg := g.regions[e.id]
		stop := false
		switch {
		case e.kind == kindZone:
			if r.zone != nil || r.county != "" {
				stop = true
				break
			}
			if zp := g.prefectureOf(e.id); r.pref != "" && zp != r.pref {
				return r, fmt.Errorf("%s is in %s, not %s", name, g.label(zp), g.label(r.pref))
			}
			r.zone, r.zoneVia = e.zone, e.via
		case reg.Level == graph.LevelProvince:
			if r.found() {
				stop = true
				break
			}
			r.province = true
		case reg.Level == graph.LevelPrefecture:
			if r.county != "" || r.zone != nil {
				stop = true
				break
			}
			if r.pref != "" && r.pref != e.id {
				return r, fmt.Errorf("%s and %s are two prefectures", g.label(r.pref), name)
			}
			r.pref = e.id
		case reg.Level == graph.LevelCounty:
			if r.county != "" {
				stop = true
				break
			}
			if cp := g.prefectureOf(e.id); r.pref != "" && cp != r.pref {
				where := "directly under the province"
				if cp != "" {
					where = "in " + g.label(cp)
				}
				return r, fmt.Errorf("%s is %s, not %s", name, where, g.label(r.pref))
			}
			if r.zone != nil && g.prefectureOf(r.zone.RegionID) != g.prefectureOf(e.id) {
				return r, fmt.Errorf("%s is in %s, but zone %s is in %s", name, g.label(g.prefectureOf(e.id)), r.zone.Name, g.label(g.prefectureOf(r.zone.RegionID)))
			}
			r.county, r.countyVia = e.id, e.via
			if r.pref == "" {
				r.pref = g.prefectureOf(e.id)
			}
		}
		if stop {
			break
		}
		read = append(read, name)
		rest = rest[len(name):]
		if r.county != "" {
			break // the street follows
		}
	}
	r.read = strings.Join(read, " ")
	r.rest = rest
	if !r.found() {
		if other := otherProvince(s); other != "" {
			return r, fmt.Errorf("%s is not in Hubei; only Hubei's regions are known here", other)
		}
	}
	return r, nil
}

// match is the longest name at the start of s that may be read there, with its meanings.
func (g *Gazetteer) match(s string) (string, []entry) {
	runes := []rune(s)
	for n := min(g.maxLen, len(runes)); n >= 1; n-- {
		name := string(runes[:n])
		es := g.names[name]
		if len(es) == 0 {
			continue
		}
		if n < len(runes) && strings.ContainsRune(streetRunes, runes[n]) {
			var keep []entry
			for _, e := range es {
				if !e.short {
					keep = append(keep, e)
				}
			}
			if es = keep; len(es) == 0 {
				continue
			}
		}
		return name, es
	}
	return "", nil
}

// narrow drops meanings outside the prefecture read so far, and reads a prefecture and its own
// county under one short name (恩施, 荆州) as the prefecture.
func (g *Gazetteer) narrow(es []entry, pref string) []entry {
	if len(es) < 2 {
		return es
	}
	if pref != "" {
		var in []entry
		for _, e := range es {
			if g.prefectureOf(e.id) == pref && g.regions[e.id].Level == graph.LevelCounty || e.kind == kindZone && g.prefectureOf(e.id) == pref {
				in = append(in, e)
			}
		}
		if len(in) > 0 {
			es = in
		}
	}
	if len(es) == 2 {
		for i := 0; i < 2; i++ {
			a, b := es[i], es[1-i]
			if g.regions[a.id].Level == graph.LevelPrefecture && g.prefectureOf(b.id) == a.id && b.kind == kindRegion {
				return []entry{a}
			}
		}
	}
	return es
}

// otherProvinces are the province-level names outside Hubei an address may start with.
var otherProvinces = strings.Fields("北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖南 广东 广西 海南 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 台湾 香港 澳门")

func otherProvince(s string) string {
	for _, p := range otherProvinces {
		if strings.HasPrefix(s, p) {
			return p
		}
	}
	return ""
}
