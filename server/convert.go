package server

import (
	"maps"
	"slices"
	"sync"
	"unicode/utf8"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
)

func levelToProto(l graph.Level) pb.RegionLevel {
	switch l {
	case graph.LevelProvince:
		return pb.RegionLevel_REGION_LEVEL_PROVINCE
	case graph.LevelPrefecture:
		return pb.RegionLevel_REGION_LEVEL_PREFECTURE
	case graph.LevelCounty:
		return pb.RegionLevel_REGION_LEVEL_COUNTY
	}
	return pb.RegionLevel_REGION_LEVEL_UNSPECIFIED
}

func levelFromProto(l pb.RegionLevel) graph.Level {
	switch l {
	case pb.RegionLevel_REGION_LEVEL_PROVINCE:
		return graph.LevelProvince
	case pb.RegionLevel_REGION_LEVEL_PREFECTURE:
		return graph.LevelPrefecture
	case pb.RegionLevel_REGION_LEVEL_COUNTY:
		return graph.LevelCounty
	}
	return graph.LevelUnspecified
}

func stageToProto(s graph.Stage) pb.Stage {
	switch s {
	case graph.StageUpstream:
		return pb.Stage_STAGE_UPSTREAM
	case graph.StageMidstream:
		return pb.Stage_STAGE_MIDSTREAM
	case graph.StageDownstream:
		return pb.Stage_STAGE_DOWNSTREAM
	}
	return pb.Stage_STAGE_UNSPECIFIED
}

func evidenceToProto(e graph.Evidence) *pb.Evidence {
	kind := pb.EvidenceKind_EVIDENCE_KIND_UNSPECIFIED
	switch e.Kind {
	case graph.EvidencePlan:
		kind = pb.EvidenceKind_EVIDENCE_KIND_PLAN
	case graph.EvidenceSource:
		kind = pb.EvidenceKind_EVIDENCE_KIND_SOURCE
	case graph.EvidenceDomain:
		kind = pb.EvidenceKind_EVIDENCE_KIND_DOMAIN
	}
	out := &pb.Evidence{Kind: kind, Quote: e.Quote, Section: e.Section, Source: e.Source, Reason: e.Reason, Origin: e.Origin}
	if e.Kind == graph.EvidencePlan && e.Quote != "" {
		out.QuoteSimplified = simplifiedQuote(e.Quote)
	}
	return out
}

// simplifiedQuotes caches each plan quote's simplified form: quotes are checked against the
// plan, so there are at most as many as the plan has sentences, and answers repeat them.
var simplifiedQuotes sync.Map

func simplifiedQuote(q string) string {
	if s, ok := simplifiedQuotes.Load(q); ok {
		return s.(string)
	}
	s := graph.ToSimplified(q)
	simplifiedQuotes.Store(q, s)
	return s
}

func statusToProto(s string) pb.FactStatus {
	switch s {
	case graph.StatusExisting:
		return pb.FactStatus_FACT_STATUS_EXISTING
	case graph.StatusPlanned:
		return pb.FactStatus_FACT_STATUS_PLANNED
	}
	return pb.FactStatus_FACT_STATUS_UNSPECIFIED
}

func chainFactToProto(f graph.ChainFact) *pb.ChainFact {
	return &pb.ChainFact{Id: f.ID, RegionId: f.RegionID, ChainId: f.ChainID, Status: statusToProto(f.Status),
		Certainty: certainty(f.Certain()), Alternatives: f.Alternatives, Evidence: evidenceToProto(f.Evidence),
		Holder: f.Holder, HolderKind: f.HolderKind, Programme: f.Programme, Year: int32(f.Year)}
}

func certaintyToProto(p graph.Presence) pb.Certainty { return certainty(p.Certain()) }

func certainty(certain bool) pb.Certainty {
	if certain {
		return pb.Certainty_CERTAINTY_CERTAIN
	}
	return pb.Certainty_CERTAINTY_ONE_READING
}

func regionToProto(r graph.Region) *pb.Region {
	return &pb.Region{
		Id: r.ID, Code: r.Code, Name: r.Name, Level: levelToProto(r.Level), ParentId: r.ParentID, Kind: r.Kind,
		Longitude: r.Lon, Latitude: r.Lat, HasCentroid: r.HasCentroid, Evidence: evidenceToProto(r.Evidence),
	}
}

func regionRef(r graph.Region) *pb.RegionRef {
	return &pb.RegionRef{Id: r.ID, Code: r.Code, Name: r.Name, Level: levelToProto(r.Level)}
}

func regionRefs(rs []graph.Region) []*pb.RegionRef {
	out := make([]*pb.RegionRef, len(rs))
	for i, r := range rs {
		out[i] = regionRef(r)
	}
	return out
}

func chainToProto(c graph.Chain) *pb.Chain {
	return &pb.Chain{Id: c.ID, Name: c.Name, Category: c.Category, Evidence: evidenceToProto(c.Evidence), Aliases: c.Aliases}
}

func linkToProto(l graph.Link) *pb.Link {
	return &pb.Link{Id: l.ID, Name: l.Name, ChainId: l.ChainID, Stage: stageToProto(l.Stage), Segments: l.Segments, Aliases: l.Aliases, Evidence: evidenceToProto(l.Evidence)}
}

func linkRef(l graph.Link) *pb.LinkRef {
	return &pb.LinkRef{Id: l.ID, Name: l.Name, ChainId: l.ChainID, Stage: stageToProto(l.Stage)}
}

// evidenceBudget is how many presences one answer lists in all (about 100–200 kB of evidence):
// page_size × max_presences × items per row could otherwise multiply into tens of megabytes
// (500 leads × 1000 presences was 46.8 MB). The budget is shared fairly: each item lists
// min(max_presences, max(1, evidenceBudget / items)); past the budget items list none. Counts
// are never cut, and the answer says when its evidence was (evidence_truncated).
const evidenceBudget = 500

// answer builds one analysis answer's repeated parts: presences as the view asks (FULL lists up
// to perItem per item within the evidence budget; BASIC none), named by id with one dictionary
// of the regions and links they mention.
type answer struct {
	view         pb.AnswerView
	maxPresences int // what the request asked for per item
	perItem      int // what each item lists: maxPresences, or its fair share of the budget
	budget       int
	truncated    bool
	regions      map[string]graph.Region
	links        map[string]graph.Link
}

// newAnswer prepares an answer whose page has items evidence-bearing items.
func newAnswer(view pb.AnswerView, maxPresences, items int) *answer {
	perItem := maxPresences
	if items > 0 {
		perItem = min(maxPresences, max(1, evidenceBudget/items))
	}
	return &answer{view: view, maxPresences: maxPresences, perItem: perItem, budget: evidenceBudget,
		regions: map[string]graph.Region{}, links: map[string]graph.Link{}}
}

// presences lists an item's presences.
func (a *answer) presences(ps []graph.PresenceFact) []*pb.Presence {
	if a.view != pb.AnswerView_ANSWER_VIEW_FULL || len(ps) == 0 {
		return nil
	}
	n := min(a.perItem, len(ps), a.budget)
	if n < min(a.maxPresences, len(ps)) {
		a.truncated = true
	}
	a.budget -= n
	out := make([]*pb.Presence, n)
	for i, p := range ps[:n] {
		a.regions[p.Region.ID] = p.Region
		a.links[p.Link.ID] = p.Link
		out[i] = &pb.Presence{
			Id: p.Presence.ID, RegionId: p.Region.ID, LinkId: p.Link.ID, Strength: p.Presence.Strength,
			Evidence: evidenceToProto(p.Presence.Evidence), Holder: p.Presence.Holder, HolderKind: p.Presence.HolderKind,
			Programme: p.Presence.Programme, Year: int32(p.Presence.Year),
			Status: statusToProto(p.Presence.Status), Certainty: certaintyToProto(p.Presence), Alternatives: p.Presence.Alternatives,
			AlsoListed: listingsToProto(p.Presence.AlsoListed), Attributes: attributesToProto(p.Presence.Attributes),
		}
	}
	return out
}

// dictionary names every region and link the listed presences mention, by id.
func (a *answer) dictionary() *pb.Dictionary {
	d := &pb.Dictionary{}
	for _, id := range slices.Sorted(maps.Keys(a.regions)) {
		d.Regions = append(d.Regions, regionRef(a.regions[id]))
	}
	for _, id := range slices.Sorted(maps.Keys(a.links)) {
		d.Links = append(d.Links, linkRef(a.links[id]))
	}
	return d
}

// demand names its path's links in the dictionary: rows of one answer share most of them.
func (a *answer) demand(d graph.Demand) *pb.Demand {
	path := make([]string, len(d.Path))
	for i, l := range d.Path {
		a.links[l.ID] = l
		path[i] = l.ID
	}
	return &pb.Demand{Downstream: linkRef(d.Downstream), PathLinkIds: path, Presences: a.presences(d.Presences), PresenceCount: int32(d.Count),
		CertainPresenceCount: int32(d.Certain)}
}

func (a *answer) supplier(s graph.Supplier) *pb.Supplier {
	return &pb.Supplier{
		Region: regionRef(s.Region), BorderHops: int32(s.BorderHops), DistanceKm: s.DistanceKM,
		Presences: a.presences(s.Presences), PresenceCount: int32(s.Count), CertainPresenceCount: int32(s.Certain),
		SamePrefecture: s.SamePrefecture, SameBelt: s.SameBelt,
	}
}

func (a *answer) holdings(hs []graph.Holding) []*pb.Holding {
	out := make([]*pb.Holding, len(hs))
	for i, h := range hs {
		out[i] = &pb.Holding{Region: regionRef(h.Region), Strength: h.Strength, Presences: a.presences(h.Presences), PresenceCount: int32(h.Count),
			CertainPresenceCount: int32(h.Certain)}
	}
	return out
}

// A firm's attributes in an answer: a registry export may have dozens of columns and a 经营范围
// of kilobytes; the person reading needs the first lines (the file has the rest).
const (
	maxAttributes     = 30
	maxAttributeRunes = 200
)

func attributesToProto(as []graph.Attribute) []*pb.Attribute {
	var out []*pb.Attribute
	for _, a := range as[:min(len(as), maxAttributes)] {
		out = append(out, &pb.Attribute{Name: cutRunes(a.Name, maxAttributeRunes), Value: cutRunes(a.Value, maxAttributeRunes)})
	}
	return out
}

// cutRunes keeps the first n characters of s, marking a cut with "…" (a 经营范围 may be 64 KiB:
// it walks the first n characters only, and copies nothing it keeps whole).
func cutRunes(s string, n int) string {
	end := 0
	for i := 0; i < n-1 && end < len(s); i++ {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	if _, size := utf8.DecodeRuneInString(s[end:]); end+size == len(s) { // n characters at most
		return s
	}
	return s[:end] + "…"
}

func listingsToProto(ls []graph.Listing) []*pb.Listing {
	var out []*pb.Listing
	for _, l := range ls {
		out = append(out, &pb.Listing{Name: l.Name, Programme: l.Programme, Year: int32(l.Year), Evidence: evidenceToProto(l.Evidence)})
	}
	return out
}
