package loaders

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/loaders/attach"
	"github.com/chaingraph/chaingraph/loaders/locate"
)

func init() {
	formats["aliases"] = format{required: with("alias", "region"), load: (*builder).alias}
	formats["clusters"] = format{required: []string{"name", "county", "chain", "links", "source"}, optional: []string{"id", "programme", "year", "note", "same_as"}, load: (*builder).cluster}
	formats["enterprises"] = format{required: []string{"name"}, optional: []string{"county", "links", "credit_code", "source",
		"address", "province", "city", "industry_code", "industry", "business_scope", "products", "registered_capital", "founded"}, load: (*builder).enterprise, keepsExtra: true}
	formats["belts"] = format{required: with("id", "name", "kind", "chains"), optional: []string{"aliases"}, load: (*builder).belt}
	formats["belt_members"] = format{required: with("belt", "region"), optional: []string{"alternatives"}, load: (*builder).beltMember}
	formats["targets"] = format{required: with("id", "indicator", "value", "unit", "year", "comparator", "scope"), load: (*builder).target}
}

// alias adds another name for a region, e.g. the plan's 监利县 for today's 监利市. The row's
// evidence is checked; the region keeps its own record's evidence.
func (b *builder) alias(r row) {
	_, okEv := b.evidence(r)
	region, ok := b.resolve(r, "region", graph.NamedRegion)
	alias := r.get("alias")
	if alias == "" {
		b.errs = append(b.errs, r.errorAt("alias", "alias is empty"))
		return
	}
	if !ok || !okEv {
		return
	}
	reg, _ := b.region(region.Code)
	reg.Aliases = append(reg.Aliases, alias)
}

// resolveList resolves a list of names in a cell: items are separated by ';' or '；', and by
// '、', ',' or '，' when the item they are in is not itself a name (关键基础零部件、元器件及通用部件
// is one link). It records an error for each unknown item.
func (b *builder) resolveList(r row, col string, kind graph.NamedKind) ([]graph.Named, bool) {
	items := list(r.get(col))
	if len(items) == 0 {
		b.errs = append(b.errs, r.errorAt(col, "%s is empty; want one or more %s ids or names separated by ';' or '、'", col, kind))
		return nil, false
	}
	ok := true
	var out []graph.Named
	resolve := func(s string) (graph.Named, error) {
		return b.names.Resolve(context.Background(), kind, s, nil)
	}
	for _, item := range items {
		n, err := resolve(item)
		if err == nil {
			out = append(out, n)
			continue
		}
		if parts := splitAny(item, nameSeps); len(parts) > 1 {
			var ns []graph.Named
			var errs []error
			for _, p := range parts {
				n, perr := resolve(p)
				if perr != nil {
					errs = append(errs, perr)
				}
				ns = append(ns, n)
			}
			if len(errs) == 0 {
				out = append(out, ns...)
				continue
			}
			for _, e := range errs {
				b.errs = append(b.errs, r.errorAt(col, "%v", e))
			}
			ok = false
			continue
		}
		b.errs = append(b.errs, r.errorAt(col, "%v", err))
		ok = false
	}
	return out, ok
}

// cluster turns a cluster row into one presence per region and link, with the row's source as
// evidence and the cluster's programme and year kept.
func (b *builder) cluster(r row) {
	name := r.get("name")
	if name == "" {
		b.errs = append(b.errs, r.errorAt("name", "name is empty"))
	}
	regions, okRegions := b.resolveList(r, "county", graph.NamedRegion)
	chain, okChain := b.resolve(r, "chain", graph.NamedChain)
	wholeChain := r.get("links") == "" // the name covers the chain, no link (高端装备制造产业集群)
	var links []graph.Named
	okLinks := true
	if !wholeChain {
		links, okLinks = b.resolveList(r, "links", graph.NamedLink)
	}
	year := 0
	if y := r.get("year"); y != "" {
		v, err := strconv.Atoi(y)
		if err != nil || v < 1949 || v > 2100 {
			b.errs = append(b.errs, r.errorAt("year", "year %q; want a year like 2018", y))
			return
		}
		year = v
	}
	if okChain && okLinks {
		for _, l := range links {
			if l.ChainID != chain.ID {
				b.errs = append(b.errs, r.errorAt("links", "link %s (%s) is in chain %s, not in the cluster's chain %s", l.Name, l.ID, l.ChainID, chain.ID))
				okLinks = false
			}
		}
	}
	source := r.get("source")
	if source == "" {
		b.errs = append(b.errs, r.errorAt("source", "source is empty; name the list or survey the cluster comes from"))
	}
	if name == "" || source == "" || !okRegions || !okChain || !okLinks {
		return
	}
	id := r.get("id")
	if id == "" {
		id = "cluster-" + shortHash(name, strconv.Itoa(year), r.get("programme"))
	} else if !idRE.MatchString(id) {
		b.errs = append(b.errs, r.errorAt("id", "id %q; want lower-case ASCII letters, digits and '-'", id))
		return
	}
	ev := graph.Evidence{Kind: graph.EvidenceSource, Source: source, Reason: r.get("note"), Origin: r.origin()}
	if wholeChain {
		if r.get("same_as") != "" {
			b.errs = append(b.errs, r.errorAt("same_as", "same_as on a whole-chain row (links empty): list the chain's links, or leave same_as empty"))
			return
		}
		for _, reg := range regions {
			b.ds.ChainFacts = append(b.ds.ChainFacts, graph.ChainFact{
				ID: id + "-" + strings.TrimPrefix(reg.ID, "cn-") + "-" + chain.ID, RegionID: reg.ID, ChainID: chain.ID, Status: graph.StatusExisting,
				Holder: name, HolderKind: "cluster", Programme: r.get("programme"), Year: year, Evidence: ev,
			})
		}
		return
	}
	if b.clusterRows == nil {
		b.clusterRows = map[string]clusterRow{}
	}
	if prev, dup := b.clusterRows[id]; dup {
		b.errs = append(b.errs, r.errorAt("id", "cluster id %q is already used at %s", id, prev.origin))
		return
	}
	b.clusterRows[id] = clusterRow{origin: r.origin(), year: year, first: len(b.ds.Presences), n: len(regions) * len(links)}
	if target := r.get("same_as"); target != "" {
		b.sameAs = append(b.sameAs, sameAs{id: id, target: target, at: r.errorAt("same_as", "")})
	}
	for _, reg := range regions {
		for _, l := range links {
			b.ds.Presences = append(b.ds.Presences, graph.Presence{
				ID: id + "-" + strings.TrimPrefix(reg.ID, "cn-") + "-" + l.ID, RegionID: reg.ID, LinkID: l.ID, Strength: 1,
				Holder: name, HolderKind: "cluster", Programme: r.get("programme"), Year: year, Status: graph.StatusExisting, Evidence: ev,
			})
		}
	}
}

// creditCodeRE is the shape of a 统一社会信用代码 (GB 32100-2015): 18 characters of digits and
// upper-case letters other than I, O, Z, S, V.
var creditCodeRE = regexp.MustCompile(`^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$`)

// enterprise turns an enterprise row into a firm of the report and one presence per link it
// makes, at its county. A firm is one row: by its credit code, else by name and county.
//
// Where it is: the county column; else its registered address or its credit code's division
// (loaders/locate). What it makes: the links column; else 挂链 by its industry code (confident)
// or the words of its products and business scope (probable: the presence is then one reading,
// which --certain leaves out), loaders/attach. A firm that cannot be placed at a county is a
// warning saying what was tried (it is not in the graph); one attached to no link is a warning
// naming the nearest candidates, and stays in the report.
func (b *builder) enterprise(r row) {
	name := r.get("name")
	if name == "" {
		b.errs = append(b.errs, r.errorAt("name", "name is empty"))
	}
	code := strings.ToUpper(strings.TrimSpace(r.get("credit_code")))
	if code != "" && !creditCodeRE.MatchString(code) {
		b.errs = append(b.errs, r.errorAt("credit_code", "credit_code %q is not an 18-character 统一社会信用代码", code))
		code = ""
		name = "" // do not add the row
	}
	if code != "" {
		if _, err := locate.CheckCreditCode(code); err != nil { // the error names the right character
			b.warns = append(b.warns, r.errorAt("credit_code", "%v (GB 32100-2015; a typing error? the code is kept as written)", err))
		}
	}
	county, place, okCounty := b.enterprisePlace(r, code)
	var links []graph.Named
	okLinks := true
	if r.get("links") != "" {
		links, okLinks = b.resolveList(r, "links", graph.NamedLink)
	}
	if name == "" || !okCounty || !okLinks {
		return
	}
	var linkIDs []string
	for _, l := range links {
		linkIDs = append(linkIDs, l.ID)
	}
	linkIDs = sortedUnique(linkIDs)
	var attached []attach.Attachment
	if len(links) == 0 {
		attached = b.attachFirm(r, name)
		for _, a := range attached {
			linkIDs = append(linkIDs, a.LinkID)
		}
	}
	key, col, label := code, "credit_code", code
	if key == "" {
		key, col, label = shortHash(name, county.Code), "name", name+" in "+county.Name
	}
	if !b.claim(r, col, "enterprise", key, label, strings.Join(append([]string{name, county.ID}, linkIDs...), "\x00")) {
		return
	}
	origin := r.origin()
	b.firms = append(b.firms, Enterprise{
		Name: name, CreditCode: code, CountyID: county.ID, LinkIDs: linkIDs,
		Address: r.get("address"), Province: r.get("province"), City: r.get("city"), IndustryCode: r.get("industry_code"), Industry: r.get("industry"),
		BusinessScope: r.get("business_scope"), Products: r.get("products"), RegisteredCapital: r.get("registered_capital"), Founded: r.get("founded"),
		Attributes: r.attributes(), Origin: origin, Placed: place, Attached: attached,
	})
	if len(linkIDs) == 0 {
		b.unlinked++
		return
	}
	source := r.get("source")
	if source == "" {
		source = "enterprise list " + r.file
	}
	ev := graph.Evidence{Kind: graph.EvidenceSource, Source: source, Origin: origin}
	if place.Method != locate.MethodCounty {
		ev.Reason = "located by " + place.Detail
	}
	strength := b.firmStrength(r)
	attrs := r.firmAttributes("name", "county", "links", "source")
	newPresence := func(link string) graph.Presence {
		return graph.Presence{ID: "ent-" + strings.ToLower(key) + "-" + link, RegionID: county.ID, LinkID: link, Strength: strength,
			Holder: name, HolderKind: "enterprise", Status: graph.StatusExisting, Evidence: ev, Alternatives: place.Alternatives, Attributes: attrs}
	}
	if len(attached) == 0 {
		for _, l := range linkIDs {
			b.ds.Presences = append(b.ds.Presences, newPresence(l))
		}
		return
	}
	for _, a := range attached {
		p := newPresence(a.LinkID)
		p.Evidence.Reason = strings.TrimPrefix(p.Evidence.Reason+"; ", "; ") + attachmentReason(a)
		if a.Confidence != attach.Confident {
			// One reading of the firm's words: the other is that it does not make the link.
			p.Alternatives = append(slices.Clone(p.Alternatives), "not "+a.LinkID+": the words may describe another product or trade, not production")
		}
		b.ds.Presences = append(b.ds.Presences, p)
	}
}

// firmStrength is the firm's number in the list's strength column (--strength), 1 without one.
// A cell that is no finite number of at least 0 is a warning, and the firm counts 1.
func (b *builder) firmStrength(r row) float64 {
	if b.strength < 0 || b.strength >= len(r.fields) {
		return 1
	}
	cell := strings.TrimSpace(r.fields[b.strength])
	v, err := strconv.ParseFloat(strings.NewReplacer(",", "", "，", "").Replace(cell), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		b.warns = append(b.warns, Error{File: r.file, Line: r.line, Column: b.strength + 1, Message: fmt.Sprintf("strength %q is not a number of at least 0; the firm counts 1", cell)})
		return 1
	}
	return v
}

// attachmentReason says how a firm was attached, e.g. "挂链 by industry code 3841 (…), confident".
func attachmentReason(a attach.Attachment) string {
	how := "industry code"
	if a.Method != attach.MethodCode {
		how = "words"
	}
	return fmt.Sprintf("挂链 by %s %s: %s", how, strings.Join(a.Matched, ", "), a.Confidence)
}

// enterprisePlace is the county-level unit a firm is in: the county column when there is one,
// else what its address or credit code says. A firm that cannot be placed at a county is a
// warning (it is kept in the report) and ok is false.
func (b *builder) enterprisePlace(r row, code string) (graph.Named, locate.Place, bool) {
	if r.get("county") != "" {
		county, ok := b.resolve(r, "county", graph.NamedRegion)
		if ok && county.Level != graph.LevelCounty {
			b.errs = append(b.errs, r.errorAt("county", "%s is not a county-level unit; an enterprise is located in a county", county.Name))
			ok = false
		}
		return county, locate.Place{RegionID: county.ID, Method: locate.MethodCounty}, ok
	}
	if r.get("address") == "" && code == "" {
		b.errs = append(b.errs, r.errorAt("name", "no county, address or credit code: nothing says where the firm is; add a 所属区县 (county) column"))
		return graph.Named{}, locate.Place{}, false
	}
	g, err := b.gazetteer()
	if err != nil {
		b.errs = append(b.errs, r.errorAt("address", "%v", err))
		return graph.Named{}, locate.Place{}, false
	}
	place, err := g.Locate("", code, r.get("address"))
	col := "address"
	if r.get("address") == "" {
		col = "credit_code"
	}
	if err != nil {
		b.warns = append(b.warns, r.errorAt(col, "not placed, so not in the graph: %v", err))
		return graph.Named{}, locate.Place{}, false
	}
	reg, ok := b.region(strings.TrimPrefix(place.RegionID, "cn-"))
	if !ok || reg.Level != graph.LevelCounty {
		b.warns = append(b.warns, r.errorAt(col, "placed only as far as %s (%s), not at a county, so not in the graph; add a 所属区县 (county) column", place.RegionID, place.Detail))
		return graph.Named{}, locate.Place{}, false
	}
	return graph.Named{Kind: graph.NamedRegion, ID: reg.ID, Code: reg.Code, Name: reg.Name, Level: reg.Level}, place, true
}

// gazetteer is built once, over the regions, aliases and the seeds' development zones.
func (b *builder) gazetteer() (*locate.Gazetteer, error) {
	if b.places == nil {
		zones, err := locate.SeedZones()
		if err != nil {
			return nil, err
		}
		aliases := map[string]string{}
		for _, reg := range b.ds.Regions {
			for _, a := range reg.Aliases {
				aliases[a] = reg.ID
			}
		}
		b.places = locate.New(b.ds.Regions, aliases, zones)
	}
	return b.places, nil
}

// attachFirm attaches a firm whose list names no links, by its industry code and words; a firm
// attached nowhere is a warning naming the nearest candidates.
func (b *builder) attachFirm(r row, name string) []attach.Attachment {
	if b.classes == nil {
		t, err := attach.Seeds()
		if err != nil {
			b.errs = append(b.errs, Error{File: "seeds/" + attach.Dir, Message: err.Error()})
			return nil
		}
		b.classes = t
	}
	if b.loadedLinks == nil { // links are read before enterprises (dataFiles)
		b.loadedLinks = map[string]bool{}
		for _, l := range b.ds.Links {
			b.loadedLinks[l.ID] = true
		}
	}
	res := b.classes.Match(attach.Firm{IndustryCode: r.get("industry_code"), Industry: r.get("industry"), Products: r.get("products"), BusinessScope: r.get("business_scope")})
	// Only links this load holds (--no-seeds leaves the seeds' links out).
	res.Attachments = slices.DeleteFunc(res.Attachments, func(a attach.Attachment) bool { return !b.loadedLinks[a.LinkID] })
	for _, p := range res.Problems {
		b.warns = append(b.warns, r.errorAt("industry_code", "%s", p))
	}
	if len(res.Attachments) == 0 {
		var near []string
		for _, c := range res.Nearest {
			near = append(near, fmt.Sprintf("%s (%s)", c.LinkID, c.Why))
		}
		msg := "attached to no link by its industry code, products or business scope"
		if len(b.loadedLinks) == 0 {
			msg += " (no links are loaded: with --no-seeds, add chains.csv and links.csv, or keep the seeds)"
		} else if len(near) > 0 {
			msg += "; nearest: " + strings.Join(near, ", ")
		}
		b.warns = append(b.warns, r.errorAt("industry_code", "%s: %s", name, msg))
	}
	return res.Attachments
}

func shortHash(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:6])
}

func (b *builder) belt(r row) {
	id, okID := b.checkID(r)
	ev, okEv := b.evidence(r)
	var chainIDs []string
	okChains := true
	if r.get("chains") != "" {
		chains, ok := b.resolveList(r, "chains", graph.NamedChain)
		okChains = ok
		for _, c := range chains {
			chainIDs = append(chainIDs, c.ID)
		}
	}
	kind := r.get("kind")
	if !contains(graph.BeltKinds, kind) {
		b.errs = append(b.errs, r.errorAt("kind", "kind %q; want one of %s", kind, strings.Join(graph.BeltKinds, ", ")))
		return
	}
	if okID && okEv && okChains && r.get("name") != "" && b.claimID(r, "belt", id) {
		b.ds.Belts = append(b.ds.Belts, graph.Belt{ID: id, Name: graph.ToSimplified(r.get("name")), Kind: kind, ChainIDs: sortedUnique(chainIDs), Aliases: list(r.get("aliases")), Evidence: ev})
	}
}

func (b *builder) beltMember(r row) {
	ev, okEv := b.evidence(r)
	belt, okBelt := b.resolve(r, "belt", graph.NamedBelt)
	region, okRegion := b.resolve(r, "region", graph.NamedRegion)
	var alts []string
	okAlts := true
	if r.get("alternatives") != "" {
		ns, ok := b.resolveList(r, "alternatives", graph.NamedRegion)
		okAlts = ok
		for _, n := range ns {
			alts = append(alts, n.ID)
		}
	}
	if okEv && okBelt && okRegion && okAlts {
		b.ds.Members = append(b.ds.Members, graph.BeltMember{BeltID: belt.ID, RegionID: region.ID, Alternatives: sortedUnique(alts), Evidence: ev})
	}
}

func (b *builder) target(r row) {
	id, okID := b.checkID(r)
	ev, okEv := b.evidence(r)
	value, okValue := b.number(r, "value", 0)
	year, err := strconv.Atoi(r.get("year"))
	if err != nil {
		b.errs = append(b.errs, r.errorAt("year", "year %q; want a year like 2020", r.get("year")))
	}
	comparator := r.get("comparator")
	if !contains(graph.Comparators, comparator) {
		b.errs = append(b.errs, r.errorAt("comparator", "comparator %q; want one of %s", comparator, strings.Join(graph.Comparators, ", ")))
		return
	}
	scope, okScope := b.resolve(r, "scope", graph.NamedRegion)
	if okID && okEv && okValue && err == nil && okScope && r.get("indicator") != "" && b.claimID(r, "target", id) {
		b.ds.Targets = append(b.ds.Targets, graph.Target{
			ID: id, Indicator: graph.ToSimplified(r.get("indicator")), Value: value, Unit: graph.ToSimplified(r.get("unit")),
			Year: year, Comparator: comparator, ScopeID: scope.ID, Evidence: ev,
		})
	}
}

// clusterRow is where a clusters.csv row's presences are in the dataset.
type clusterRow struct {
	origin   string
	year     int
	first, n int // ds.Presences[first : first+n]
}

// sameAs is a clusters.csv row that lists, on a later list, the cluster of the row target.
type sameAs struct {
	id, target string
	at         Error // the row's same_as cell, for problems
}

// mergeClusters makes a cluster on two lists one holder: each presence of a same_as row that
// its earlier row has too (same region and link) becomes a listing of that presence instead of
// a second presence (strength 2 for one cluster); the others stay, under the earlier row's name.
func (b *builder) mergeClusters() {
	drop := map[int]bool{}
	for _, m := range b.sameAs {
		later := b.clusterRows[m.id]
		target, found := b.clusterRows[m.target]
		problem := func(format string, args ...any) {
			e := m.at
			e.Message = fmt.Sprintf(format, args...)
			b.errs = append(b.errs, e)
		}
		switch {
		case !found:
			problem("same_as %q: no cluster row has that id", m.target)
			continue
		case m.target == m.id:
			problem("same_as %q: a row cannot be the same cluster as itself", m.target)
			continue
		case target.year > later.year:
			problem("same_as %q: that listing is from %d, after this row's %d; put same_as on the later row", m.target, target.year, later.year)
			continue
		case b.isSameAsRow(m.target):
			problem("same_as %q: that row is itself a later listing; name the cluster's first row", m.target)
			continue
		}
		earlier := b.ds.Presences[target.first : target.first+target.n]
		for i := later.first; i < later.first+later.n; i++ {
			p := b.ds.Presences[i]
			merged := false
			for k := range earlier {
				if earlier[k].RegionID == p.RegionID && earlier[k].LinkID == p.LinkID {
					earlier[k].AlsoListed = append(earlier[k].AlsoListed, graph.Listing{Name: p.Holder, Programme: p.Programme, Year: p.Year, Evidence: p.Evidence})
					merged = true
				}
			}
			if merged {
				drop[i] = true
			} else if len(earlier) > 0 {
				b.ds.Presences[i].Holder = earlier[0].Holder
			}
		}
	}
	if len(drop) == 0 {
		return
	}
	kept := b.ds.Presences[:0]
	for i, p := range b.ds.Presences {
		if !drop[i] {
			kept = append(kept, p)
		}
	}
	b.ds.Presences = kept
}

func (b *builder) isSameAsRow(id string) bool {
	for _, m := range b.sameAs {
		if m.id == id {
			return true
		}
	}
	return false
}
