package export

import (
	"fmt"
	"strconv"
	"strings"

	cg "github.com/chaingraph/chaingraph/graph"
	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/loaders/boundaries"
)

// The answer → table conversions. Each row names what it is about by id, code and name; counts
// and scores are numbers; a number the answer marks as unknown (HHI -1, distance -1, no
// location quotient, year 0) is nil; the evidence the answer carries (the plan's section and
// quote, or the named source) is in text columns. An answer asked for in the BASIC view has
// no presences, so its evidence columns are empty.

// Column names shared by several tables.
const (
	colRegionID   = "地区ID region_id"
	colRegionCode = "代码 code"
	colRegion     = "地区 region"
	colChainID    = "产业链ID chain_id"
	colChain      = "产业链 chain"
	colLinkID     = "环节ID link_id"
	colLink       = "环节 link"
	colStage      = "阶段 stage"
	colSection    = "规划章节 plan_section"
	colEvidence   = "依据 evidence"
)

// LackingTable is a 补链 answer: one row per lacking region, with its demand (the FEEDS paths
// from the link to what the region has) and its nearest suppliers; the nearest one's hops and
// distance also as numbers.
func LackingTable(a *pb.FindLackingRegionsResponse) Table {
	t := Table{Name: "补链 lacking", Header: []string{colRegionID, colRegionCode, colRegion, "层级 level", colChainID, colLinkID, colLink,
		"需求环节数 demand_count", "需求路径 demand_paths", colSection, colEvidence,
		"最近供给 nearest_suppliers", "最近供给地区 nearest_supplier", "跨县界数 border_hops", "距离km distance_km", "同市州 same_prefecture", "同发展带 same_belt"}}
	path := PathText(a.GetDictionary())
	for _, r := range a.GetLackingRegions() {
		var presences []*pb.Presence
		for _, d := range r.Demands {
			presences = append(presences, d.Presences...)
		}
		section, evidence := presenceEvidence(presences)
		row := []any{r.Region.GetId(), r.Region.GetCode(), r.Region.GetName(), levelName(r.Region.GetLevel()), a.GetChain().GetId(), a.GetLink().GetId(), a.GetLink().GetName(),
			int(r.DemandCount), JoinAll(r.Demands, path, "; "), section, evidence, JoinAll(r.NearestSuppliers, SupplierText, "; ")}
		if len(r.NearestSuppliers) > 0 {
			s := r.NearestSuppliers[0]
			row = append(row, s.Region.GetName(), hops(s.BorderHops), km(s.DistanceKm), s.SamePrefecture, s.SameBelt)
		} else {
			row = append(row, "", nil, nil, nil, nil)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// LackingAttributes is a 补链 answer as GeoJSON attributes, by region id, for the lacking
// regions only: lacking (true), demand_count, demand_paths, nearest_suppliers (text),
// supplier_count, nearest_supplier_name, nearest_distance_km (absent when unknown). Whether a
// region has the link, lacks it or has no demand is the caller's to say (GetLinkMap).
func LackingAttributes(a *pb.FindLackingRegionsResponse) map[string]map[string]any {
	out := map[string]map[string]any{}
	path := PathText(a.GetDictionary())
	for _, r := range a.GetLackingRegions() {
		attrs := map[string]any{
			"lacking":           true,
			"demand_count":      int(r.DemandCount),
			"demand_paths":      JoinAll(r.Demands, path, "; "),
			"nearest_suppliers": JoinAll(r.NearestSuppliers, SupplierText, "; "),
			"supplier_count":    len(r.NearestSuppliers),
		}
		if len(r.NearestSuppliers) > 0 {
			attrs["nearest_supplier_name"] = r.NearestSuppliers[0].Region.GetName()
			if d := r.NearestSuppliers[0].DistanceKm; d >= 0 {
				attrs["nearest_distance_km"] = d
			}
		}
		out[r.Region.GetId()] = attrs
	}
	return out
}

// LinkMapTable is a link map (GetLinkMap): every region of the scope with its standing for
// the link.
func LinkMapTable(m *pb.GetLinkMapResponse) Table {
	t := Table{Name: "地图 map", Header: []string{colRegionID, colRegionCode, colRegion, "层级 level", colChainID, colLinkID, colLink,
		"状态 status", "状态说明 status_zh", "是最近供给 nearest_supplier"}}
	for _, r := range m.GetRegions() {
		t.Rows = append(t.Rows, []any{r.Region.GetId(), r.Region.GetCode(), r.Region.GetName(), levelName(r.Region.GetLevel()),
			m.GetChain().GetId(), m.GetLink().GetId(), m.GetLink().GetName(),
			LinkStatusName(r.Status), linkStatusChinese[r.Status], r.NearestSupplier})
	}
	return t
}

// WeakLinksTable is a 强链 answer: one row per weak link, with its holders and their
// concentration (HHI; empty when nobody holds the link).
func WeakLinksTable(a *pb.FindWeakLinksResponse) Table {
	t := Table{Name: "强链 weak links", Header: []string{colLinkID, colLink, colStage, colChainID, "持有地区数 holder_count", "确定持有数 certain_holder_count",
		"集中度 HHI", "持有地区 held_by (strength)", colSection, colEvidence}}
	for _, w := range a.GetWeakLinks() {
		var hhi any
		if w.Hhi >= 0 { // -1: nobody holds the link
			hhi = w.Hhi
		}
		var presences []*pb.Presence
		for _, h := range w.Holders {
			presences = append(presences, h.Presences...)
		}
		section, evidence := presenceEvidence(presences)
		held := JoinAll(w.Holders, func(h *pb.Holding) string {
			if h.PresenceCount > 0 && h.CertainPresenceCount == 0 {
				return fmt.Sprintf("%s (%g, one reading)", h.Region.GetName(), h.Strength)
			}
			return fmt.Sprintf("%s (%g)", h.Region.GetName(), h.Strength)
		}, "; ")
		t.Rows = append(t.Rows, []any{w.Link.GetId(), w.Link.GetName(), stageName(w.Link.GetStage()), a.GetChain().GetId(),
			int(w.HolderCount), int(w.CertainHolderCount), hhi, held, section, evidence})
	}
	return t
}

// ExtensionsTable is a 延链 answer: one row per candidate link, with its relatedness density
// and the neighbours the place has (→X: the candidate feeds X; X→: X feeds the candidate).
func ExtensionsTable(a *pb.FindExtensionsResponse) Table {
	t := Table{Name: "延链 extensions", Header: []string{colLinkID, colLink, colStage, colChainID, "密度 density",
		"已有相邻数 present_neighbour_count", "相邻数 neighbour_count", "已有相邻 present_neighbours"}}
	for _, e := range a.GetExtensions() {
		near := JoinAll(e.PresentNeighbours, func(n *pb.NearLink) string {
			if n.CandidateFeedsIt {
				return "→" + n.Link.GetName()
			}
			return n.Link.GetName() + "→"
		}, " ")
		t.Rows = append(t.Rows, []any{e.Link.GetId(), e.Link.GetName(), stageName(e.Link.GetStage()), e.Link.GetChainId(), e.Density,
			int(e.PresentNeighbourCount), int(e.NeighbourCount), near})
	}
	return t
}

const colLQNote = "区位商说明 location_quotient_note"

// LocationQuotientBasis is what ChainProfile and CoverageRow say of their location quotient.
type LocationQuotientBasis interface {
	GetLocationQuotientStatus() pb.LocationQuotientStatus
	GetLocationQuotientFirms() int32
	GetLocationQuotientExpectedFirms() float64
}

// LQNote says why a location quotient is not shown ("" when it is): no enterprise data, or
// too few firms to mean something, with the counts the rule looked at.
func LQNote(q LocationQuotientBasis) string {
	switch q.GetLocationQuotientStatus() {
	case pb.LocationQuotientStatus_LOCATION_QUOTIENT_STATUS_NO_DATA:
		return "无企业数据 no enterprise data"
	case pb.LocationQuotientStatus_LOCATION_QUOTIENT_STATUS_TOO_FEW_FIRMS:
		return fmt.Sprintf("企业过少，不计：本链 %d 家，按全省比例应有 %s 家，至少需 %d 家 too few firms to be meaningful",
			q.GetLocationQuotientFirms(), strconv.FormatFloat(q.GetLocationQuotientExpectedFirms(), 'f', -1, 64), cg.MinLQFirms)
	}
	return ""
}

// ProfileTables is a region's profile as four tables: its chains (completeness, location
// quotient, whole-chain facts), the links it has (with evidence), the upstream links it
// misses, and its cluster counts.
func ProfileTables(p *pb.GetRegionProfileResponse) []Table {
	region := p.GetRegion()
	chains := Table{Name: "产业链 chains", Header: []string{colRegionCode, colRegion, colChainID, colChain, "完整度 completeness", "环节数 link_count",
		"已有环节数 present_count", "缺上游数 missing_upstream_count", "区位商 location_quotient", colLQNote, "整链依据 whole_chain_sections"}}
	present := Table{Name: "已有环节 present links", Header: []string{colRegionCode, colRegion, colChainID, colLinkID, colLink, colStage,
		"强度 strength", "事实数 presence_count", "确定事实数 certain_presence_count", colSection, colEvidence}}
	missing := Table{Name: "缺上游 missing upstream", Header: []string{colRegionCode, colRegion, colChainID, colLinkID, colLink, colStage}}
	counts := Table{Name: "集群数 cluster counts", Header: []string{colRegionCode, colRegion, "名单 programme", "年份 year", "集群数 count",
		"数据中已列 named_in_data", "来源 source"}}
	for _, c := range p.GetChains() {
		var lq any
		if c.HasLocationQuotient {
			lq = c.LocationQuotient
		}
		whole := JoinAll(c.ChainFacts, func(f *pb.ChainFact) string { return evidenceLabel(f.Evidence) }, "; ")
		chains.Rows = append(chains.Rows, []any{region.GetCode(), region.GetName(), c.Chain.GetId(), c.Chain.GetName(), c.Completeness, int(c.LinkCount),
			len(c.Present), len(c.MissingUpstream), lq, LQNote(c), whole})
		for _, l := range c.Present {
			section, evidence := presenceEvidence(l.Presences)
			present.Rows = append(present.Rows, []any{region.GetCode(), region.GetName(), c.Chain.GetId(), l.Link.GetId(), l.Link.GetName(), stageName(l.Link.GetStage()),
				l.Strength, int(l.PresenceCount), int(l.CertainPresenceCount), section, evidence})
		}
		for _, l := range c.MissingUpstream {
			missing.Rows = append(missing.Rows, []any{region.GetCode(), region.GetName(), c.Chain.GetId(), l.GetId(), l.GetName(), stageName(l.GetStage())})
		}
	}
	for _, c := range p.GetClusterCounts() {
		counts.Rows = append(counts.Rows, []any{region.GetCode(), region.GetName(), c.Programme, yearCell(c.Year), int(c.Count), int(c.NamedInData), evidenceText(c.Evidence)})
	}
	return []Table{chains, present, missing, counts}
}

// MatrixTable is a coverage matrix (the messages of the GetCoverageMatrix stream, the first
// carrying the links): a row per region, a column per link holding the summed strength of
// its presences (0 where the region does not have the link).
func MatrixTable(msgs []*pb.GetCoverageMatrixResponse) Table {
	t := Table{Name: "覆盖矩阵 matrix", Header: []string{colRegionID, colRegionCode, colRegion, "区位商 location_quotient", colLQNote}}
	if len(msgs) == 0 {
		return t
	}
	links := msgs[0].GetLinks()
	for _, l := range links {
		t.Header = append(t.Header, l.GetName()+" "+l.GetId())
	}
	for _, m := range msgs {
		r := m.GetRow()
		if r == nil {
			continue
		}
		var lq any
		if r.HasLocationQuotient {
			lq = r.LocationQuotient
		}
		row := []any{r.Region.GetId(), r.Region.GetCode(), r.Region.GetName(), lq, LQNote(r)}
		strength := map[string]float64{}
		for _, c := range r.Cells {
			strength[c.LinkId] = c.Strength
		}
		for _, l := range links { // by the columns' order, whatever the cells' order
			row = append(row, strength[l.GetId()])
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// LeadsTable is a 招商线索 answer: one row per enterprise or cluster, nearest first, with its
// place, its nearness, its list (programme, year) and source, what of the region's own it would
// feed, and for a firm from a user's list the other columns of its row (address, phone …).
func LeadsTable(a *pb.FindInvestmentLeadsResponse) Table {
	t := Table{Name: "招商线索 leads", Header: []string{"企业/集群 holder", "类型 holder_kind", colRegionID, colRegionCode, colRegion,
		"跨县界数 border_hops", "距离km distance_km", "同市州 same_prefecture", "同发展带 same_belt", "其他环节 other_links", "同地集群 clusters",
		"名单 programme", "年份 year", colSection, colEvidence, "可供给本地 would_feed", "企业信息 attributes"}}
	feeds := JoinAll(a.GetRegionFeeds(), PathText(a.GetDictionary()), "; ")
	for _, l := range a.GetLeads() {
		p := l.GetPlace()
		ev := l.GetPresence().GetEvidence()
		t.Rows = append(t.Rows, []any{l.Holder, l.HolderKind, p.GetRegion().GetId(), p.GetRegion().GetCode(), p.GetRegion().GetName(),
			hops(p.GetBorderHops()), km(p.GetDistanceKm()), p.GetSamePrefecture(), p.GetSameBelt(),
			JoinAll(l.OtherLinks, func(x *pb.LinkRef) string { return x.GetName() }, "、"), strings.Join(l.Clusters, "、"),
			l.GetPresence().GetProgramme(), yearCell(l.GetPresence().GetYear()), ev.GetSection(), evidenceText(ev), feeds,
			AttributesText(l.GetPresence().GetAttributes())})
	}
	return t
}

// AttributesText is a firm's attributes in one cell: "注册地址: …; 联系电话: …".
func AttributesText(as []*pb.Attribute) string {
	return JoinAll(as, func(a *pb.Attribute) string { return a.GetName() + ": " + a.GetValue() }, "; ")
}

// PlanGapsTable is a plan-against-data answer: one row per link (or whole chain) the plan asks
// of a region with no existing fact there, with the plan's sentence.
func PlanGapsTable(a *pb.FindPlanGapsResponse) Table {
	t := Table{Name: "规划缺口 plan gaps", Header: []string{colRegionID, colRegionCode, colRegion, colChainID, colChain, "粒度 grain", colLinkID, colLink,
		"规划事实数 planned_count", colSection, "规划原文 plan_quote", "最近已有 nearest_that_have_it"}}
	for _, g := range a.GetPlanGaps() {
		grain, linkID, linkName := "link", g.GetLink().GetId(), g.GetLink().GetName()
		var evs []*pb.Evidence
		for _, p := range g.Planned {
			evs = append(evs, p.Evidence)
		}
		for _, f := range g.ChainFacts {
			evs = append(evs, f.Evidence)
		}
		if g.Grain == pb.FactGrain_FACT_GRAIN_CHAIN {
			grain, linkName = "chain", "整链 whole chain"
		}
		section, quote := evidenceColumns(evs)
		t.Rows = append(t.Rows, []any{g.Region.GetId(), g.Region.GetCode(), g.Region.GetName(), g.Chain.GetId(), g.Chain.GetName(), grain, linkID, linkName,
			int(g.PlannedCount), section, quote, JoinAll(g.NearestSuppliers, SupplierText, "; ")})
	}
	return t
}

// CompareTable is 补链 at two years: one row per region whose gap healed, is new or persists,
// with its demand in each year and the facts that changed.
func CompareTable(a *pb.CompareLackingRegionsResponse) Table {
	from, to := strconv.Itoa(int(a.GetFromYear())), strconv.Itoa(int(a.GetToYear()))
	t := Table{Name: "补链对比 compare", Header: []string{colRegionID, colRegionCode, colRegion, colLinkID, colLink, "变化 change", "变化说明 change_zh",
		"需求 demand " + from, "需求 demand " + to, "变化的事实 facts_changed", colSection, colEvidence}}
	names := map[string]string{}
	for _, l := range a.GetDictionary().GetLinks() {
		names[l.Id] = l.Name
	}
	linkNames := func(ids []string) string {
		return JoinAll(ids, func(id string) string { return orID(names[id], id) }, "、")
	}
	changeZh := map[pb.GapChange]string{pb.GapChange_GAP_CHANGE_HEALED: "已补", pb.GapChange_GAP_CHANGE_NEW: "新缺", pb.GapChange_GAP_CHANGE_PERSISTS: "仍缺"}
	for _, c := range a.GetChanges() {
		var facts []string
		var presences []*pb.Presence
		for _, p := range append(append([]*pb.Presence(nil), c.FilledBy...), c.NewDemand...) {
			facts = append(facts, orID(names[p.LinkId], p.LinkId)+" "+presenceShort(p))
			presences = append(presences, p)
		}
		evs := evidences(presences)
		for _, f := range c.HeldBy {
			facts = append(facts, "整链 whole chain ["+evidenceLabel(f.Evidence)+"]")
			evs = append(evs, f.Evidence)
		}
		section, evidence := evidenceColumns(evs)
		t.Rows = append(t.Rows, []any{c.Region.GetId(), c.Region.GetCode(), c.Region.GetName(), a.GetLink().GetId(), a.GetLink().GetName(),
			strings.ToLower(strings.TrimPrefix(c.Change.String(), "GAP_CHANGE_")), changeZh[c.Change],
			linkNames(c.DemandLinkIdsBefore), linkNames(c.DemandLinkIdsAfter), strings.Join(facts, "; "), section, evidence})
	}
	return t
}

// ChainsTable is the list of chains (every page of ListChains).
func ChainsTable(chains []*pb.Chain) Table {
	t := Table{Name: "产业链 chains", Header: []string{colChainID, colChain, "类别 category", "别名 aliases", "依据类型 evidence_kind", colSection, colEvidence}}
	for _, c := range chains {
		t.Rows = append(t.Rows, []any{c.Id, c.Name, c.Category, strings.Join(c.Aliases, "、"), evidenceKindName(c.GetEvidence().GetKind()),
			c.GetEvidence().GetSection(), evidenceText(c.Evidence)})
	}
	return t
}

// LinksTable is a chain's links (GetChain), in its order, each with the links it feeds and is
// fed by (in any chain) and its evidence.
func LinksTable(c *pb.GetChainResponse) Table {
	t := Table{Name: "环节 links", Header: []string{colLinkID, colLink, colStage, colChainID, "细分 segments", "别名 aliases",
		"供给 feeds", "来自 fed_by", "依据类型 evidence_kind", colSection, colEvidence}}
	feeds, fedBy := map[string][]string{}, map[string][]string{}
	for _, f := range c.GetFeeds() {
		feeds[f.GetFrom().GetId()] = append(feeds[f.GetFrom().GetId()], orID(f.GetTo().GetName(), f.GetTo().GetId()))
		fedBy[f.GetTo().GetId()] = append(fedBy[f.GetTo().GetId()], orID(f.GetFrom().GetName(), f.GetFrom().GetId()))
	}
	for _, l := range c.GetLinks() {
		t.Rows = append(t.Rows, []any{l.Id, l.Name, stageName(l.Stage), l.ChainId, strings.Join(l.Segments, "、"), strings.Join(l.Aliases, "、"),
			strings.Join(feeds[l.Id], "、"), strings.Join(fedBy[l.Id], "、"),
			evidenceKindName(l.GetEvidence().GetKind()), l.GetEvidence().GetSection(), evidenceText(l.Evidence)})
	}
	return t
}

// RegionsTable is a list of regions (every page of ListRegions), with each centroid twice: as
// the service gives it (GCJ-02) and converted to WGS84 for GIS tools; empty when unknown.
func RegionsTable(regions []*pb.Region) Table {
	t := Table{Name: "地区 regions", Header: []string{colRegionID, colRegionCode, colRegion, "层级 level", "类型 kind", "上级ID parent_id",
		"经度WGS84 lon_wgs84", "纬度WGS84 lat_wgs84", "经度GCJ02 lon_gcj02", "纬度GCJ02 lat_gcj02"}}
	for _, r := range regions {
		row := []any{r.Id, r.Code, r.Name, levelName(r.Level), r.Kind, r.ParentId}
		if r.HasCentroid {
			lon, lat := boundaries.GCJ02ToWGS84(r.Longitude, r.Latitude)
			row = append(row, round6(lon), round6(lat), r.Longitude, r.Latitude)
		} else {
			row = append(row, nil, nil, nil, nil)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func round6(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 6, 64), 64)
	return v
}

// hops is a border-hop count, nil when there is no border path (-1).
func hops(n int32) any {
	if n < 0 {
		return nil
	}
	return int(n)
}

// km is a distance, nil when a centroid is unknown (-1).
func km(d float64) any {
	if d < 0 {
		return nil
	}
	return d
}

// yearCell is a list's year, nil when unknown (0).
func yearCell(y int32) any {
	if y == 0 {
		return nil
	}
	return int(y)
}

func stageName(s pb.Stage) string {
	switch s {
	case pb.Stage_STAGE_UPSTREAM:
		return "upstream"
	case pb.Stage_STAGE_MIDSTREAM:
		return "midstream"
	case pb.Stage_STAGE_DOWNSTREAM:
		return "downstream"
	}
	return ""
}

func levelName(l pb.RegionLevel) string {
	if l == pb.RegionLevel_REGION_LEVEL_UNSPECIFIED {
		return ""
	}
	return strings.ToLower(strings.TrimPrefix(l.String(), "REGION_LEVEL_"))
}

func evidenceKindName(k pb.EvidenceKind) string {
	if k == pb.EvidenceKind_EVIDENCE_KIND_UNSPECIFIED {
		return ""
	}
	return strings.ToLower(strings.TrimPrefix(k.String(), "EVIDENCE_KIND_"))
}

// evidenceText is what an evidence says: the plan's quote (simplified), the named source, or
// the reason of a domain fact.
func evidenceText(ev *pb.Evidence) string {
	switch {
	case ev.GetQuoteSimplified() != "":
		return ev.GetQuoteSimplified()
	case ev.GetQuote() != "":
		return ev.GetQuote()
	case ev.GetSource() != "":
		return ev.GetSource()
	}
	return ev.GetReason()
}

// evidenceLabel is an evidence in a few words: "规划 二(一)1", or the source.
func evidenceLabel(ev *pb.Evidence) string {
	if ev.GetSection() != "" {
		return "规划 " + ev.GetSection()
	}
	return evidenceText(ev)
}

// presenceShort is a presence in a few words: its holder (and list year), or its evidence.
func presenceShort(p *pb.Presence) string {
	if p.Holder == "" {
		return evidenceLabel(p.Evidence)
	}
	if p.Year > 0 {
		return fmt.Sprintf("%s (%d)", p.Holder, p.Year)
	}
	return p.Holder
}

func evidences(ps []*pb.Presence) []*pb.Evidence {
	out := make([]*pb.Evidence, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.Evidence)
	}
	return out
}

// presenceEvidence is the evidence columns of some presences; a holder names itself first.
func presenceEvidence(ps []*pb.Presence) (section, evidence string) {
	var sections, texts []string
	for _, p := range ps {
		text := evidenceText(p.Evidence)
		if p.Holder != "" && !strings.Contains(text, p.Holder) {
			text = strings.TrimSuffix(presenceShort(p)+": "+text, ": ")
		}
		sections, texts = appendNew(sections, p.GetEvidence().GetSection()), appendNew(texts, text)
	}
	return strings.Join(sections, "; "), strings.Join(texts, "; ")
}

// evidenceColumns is the distinct sections and texts of some evidences, "; " between them.
func evidenceColumns(evs []*pb.Evidence) (section, text string) {
	var sections, texts []string
	for _, ev := range evs {
		sections, texts = appendNew(sections, ev.GetSection()), appendNew(texts, evidenceText(ev))
	}
	return strings.Join(sections, "; "), strings.Join(texts, "; ")
}

func appendNew(xs []string, x string) []string {
	if x == "" {
		return xs
	}
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// PathText writes a demand as its FEEDS path, e.g. "电池→新能源整车", naming the links from the
// answer's dictionary (an id the dictionary lacks stays an id).
func PathText(dict *pb.Dictionary) func(*pb.Demand) string {
	names := map[string]string{}
	for _, l := range dict.GetLinks() {
		names[l.Id] = l.Name
	}
	return func(d *pb.Demand) string {
		return JoinAll(d.PathLinkIds, func(id string) string { return orID(names[id], id) }, "→")
	}
}

// SupplierText is a supplier's place and nearness, e.g. "宜都市 (5 hops, 259.7 km, same belt)",
// with ", one reading" when every fact behind it rests on one reading of its source; the CLI's
// tables write it the same way.
func SupplierText(s *pb.Supplier) string {
	n := Nearness(s)
	if s.GetPresenceCount() > 0 && s.GetCertainPresenceCount() == 0 {
		n = strings.TrimSuffix(n, ")") + ", one reading)"
	}
	return s.GetRegion().GetName() + " " + n
}

// Nearness is "(hops, km[, same prefecture | same belt])", the reasons a supplier ranks where
// it does.
func Nearness(s *pb.Supplier) string {
	parts := []string{"no border path"}
	switch {
	case s.GetBorderHops() == 1:
		parts[0] = "1 hop"
	case s.GetBorderHops() >= 0:
		parts[0] = strconv.Itoa(int(s.GetBorderHops())) + " hops"
	}
	if s.GetDistanceKm() >= 0 {
		parts = append(parts, fmt.Sprintf("%.1f km", s.GetDistanceKm()))
	}
	switch {
	case s.GetSamePrefecture():
		parts = append(parts, "same prefecture")
	case s.GetSameBelt():
		parts = append(parts, "same belt")
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// JoinAll writes each of xs with f, joined by sep.
func JoinAll[T any](xs []T, f func(T) string, sep string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = f(x)
	}
	return strings.Join(parts, sep)
}
