package server

import (
	"context"
	"errors"
	"strings"

	"google.golang.org/grpc"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
)

const (
	defaultMinHolders = 2
	maxAnalysisPage   = 500
)

// place is a resolved scope field: a region or a belt.
type place struct {
	region graph.Named // set for a region scope
	belt   graph.Named // set for a belt scope
}

func (p place) ref() *pb.ScopeRef {
	if p.belt.ID != "" {
		return &pb.ScopeRef{Belt: &pb.BeltRef{Id: p.belt.ID, Name: p.belt.Name}}
	}
	r := p.region
	return &pb.ScopeRef{Region: &pb.RegionRef{Id: r.ID, Code: r.Code, Name: r.Name, Level: levelToProto(r.Level)}}
}

// resolvePlace resolves a scope field that may name a region or a belt; empty means the
// province when allowEmpty.
func (s *Server) resolvePlace(ctx context.Context, res *graph.Resolver, field, input string, allowEmpty bool) (place, error) {
	if strings.TrimSpace(input) == "" {
		if !allowEmpty {
			var v violations
			v.add(field, "required: a region (id, code or name) or a belt (id or name)")
			return place{}, v.err()
		}
		r, err := s.province(ctx, res)
		return place{region: r}, err
	}
	r, errRegion := res.Resolve(graph.NamedRegion, input, nil)
	if errRegion == nil {
		return place{region: r}, nil
	}
	b, errBelt := res.Resolve(graph.NamedBelt, input, nil)
	if errBelt == nil {
		return place{belt: b}, nil
	}
	var nfRegion, nfBelt *graph.NotFoundError
	if errors.As(errRegion, &nfRegion) && errors.As(errBelt, &nfBelt) {
		merged := &graph.NotFoundError{Kind: "region or belt", Input: input, Suggestions: append(nfRegion.Suggestions, nfBelt.Suggestions...)}
		return place{}, s.toStatus(ctx, field, merged)
	}
	if !errors.As(errRegion, &nfRegion) {
		return place{}, s.toStatus(ctx, field, errRegion)
	}
	return place{}, s.toStatus(ctx, field, errBelt)
}

// graphScope turns a place and a requested level into a graph.Scope: UNSPECIFIED is one level
// below a region (PREFECTURE for the province) and PREFECTURE for a belt.
func graphScope(p place, level pb.RegionLevel) (graph.Scope, error) {
	lv := levelFromProto(level)
	var v violations
	if level != pb.RegionLevel_REGION_LEVEL_UNSPECIFIED && lv != graph.LevelPrefecture && lv != graph.LevelCounty {
		v.add("level", "must be REGION_LEVEL_PREFECTURE or REGION_LEVEL_COUNTY, got %v", level)
		return graph.Scope{}, v.err()
	}
	if p.belt.ID != "" {
		if lv == graph.LevelUnspecified {
			lv = graph.LevelPrefecture
		}
		return graph.Scope{BeltID: p.belt.ID, Level: lv}, nil
	}
	if lv == graph.LevelUnspecified {
		lv = graph.LevelCounty
		if p.region.Level == graph.LevelProvince {
			lv = graph.LevelPrefecture
		}
	}
	if p.region.Level == graph.LevelCounty && lv == graph.LevelPrefecture {
		v.add("level", "scope %s is a county-level unit; a prefecture-level answer needs a province, prefecture or belt scope", p.region.Name)
		return graph.Scope{}, v.err()
	}
	return graph.Scope{RegionID: p.region.ID, Level: lv}, nil
}

func holdingsToProto(hs []graph.Holding, maxPresences int) []*pb.Holding {
	out := make([]*pb.Holding, len(hs))
	for i, h := range hs {
		out[i] = &pb.Holding{Region: regionRef(h.Region), Strength: h.Strength,
			Presences: presencesToProto(h.Presences, maxPresences), PresenceCount: int32(h.Count)}
	}
	return out
}

// page slices rows by an offset token; it returns the page's bounds and the next token.
func page(total int, after string, size int, params uint64) (start, end int, next string) {
	if after != "" {
		start = min(atoiSafe(after), total)
	}
	end = min(start+size, total)
	if end < total {
		next = encodeToken(itoa(end), params)
	}
	return start, end, next
}

// FindWeakLinks implements the RPC.
func (s *Server) FindWeakLinks(ctx context.Context, req *pb.FindWeakLinksRequest) (*pb.FindWeakLinksResponse, error) {
	var v violations
	size := pageSize(&v, req.GetPageSize(), maxAnalysisPage)
	maxPres := maxPresences(&v, req.GetMaxPresences())
	k := int(req.GetMinHolders())
	switch {
	case k == 0:
		k = defaultMinHolders
	case k < 0:
		v.add("min_holders", "must be >= 1 (0 for the default %d), got %d", defaultMinHolders, k)
	}
	if strings.TrimSpace(req.GetChain()) == "" {
		v.add("chain", "required: a chain id or name, e.g. nev or 新能源汽车")
	}
	params := paramsHash("FindWeakLinks", req.GetChain(), req.GetScope(), req.GetLevel().String(), itoa(k))
	after := decodeToken(&v, req.GetPageToken(), params)
	if err := v.err(); err != nil {
		return nil, err
	}
	res, err := s.resolver(ctx)
	if err != nil {
		return nil, err
	}
	chain, err := s.resolve(ctx, res, "chain", graph.NamedChain, req.GetChain(), nil)
	if err != nil {
		return nil, err
	}
	p, err := s.resolvePlace(ctx, res, "scope", req.GetScope(), true)
	if err != nil {
		return nil, err
	}
	sc, err := graphScope(p, req.GetLevel())
	if err != nil {
		return nil, err
	}
	cov, err := s.store.Coverage(ctx, graph.CoverageQuery{ChainID: chain.ID, Scope: sc, MaxPresences: maxPres})
	if err != nil {
		return nil, s.toStatus(ctx, "", err)
	}
	weak := graph.WeakLinks(cov, k)
	start, end, next := page(len(weak), after, size, params)
	resp := &pb.FindWeakLinksResponse{
		NextPageToken: next, Chain: &pb.ChainRef{Id: chain.ID, Name: chain.Name}, Scope: p.ref(),
		Level: levelToProto(sc.Level), MinHolders: int32(k), TotalSize: int32(len(weak)),
	}
	for _, w := range weak[start:end] {
		resp.WeakLinks = append(resp.WeakLinks, &pb.WeakLink{Link: linkRef(w.Link), Holders: holdingsToProto(w.Holders, maxPres), Hhi: w.HHI})
	}
	return resp, nil
}

// FindExtensions implements the RPC.
func (s *Server) FindExtensions(ctx context.Context, req *pb.FindExtensionsRequest) (*pb.FindExtensionsResponse, error) {
	var v violations
	size := pageSize(&v, req.GetPageSize(), maxAnalysisPage)
	maxPres := maxPresences(&v, req.GetMaxPresences())
	params := paramsHash("FindExtensions", req.GetScope(), req.GetChain())
	after := decodeToken(&v, req.GetPageToken(), params)
	if err := v.err(); err != nil {
		return nil, err
	}
	res, err := s.resolver(ctx)
	if err != nil {
		return nil, err
	}
	p, err := s.resolvePlace(ctx, res, "scope", req.GetScope(), false)
	if err != nil {
		return nil, err
	}
	var chain graph.Named
	if strings.TrimSpace(req.GetChain()) != "" {
		if chain, err = s.resolve(ctx, res, "chain", graph.NamedChain, req.GetChain(), nil); err != nil {
			return nil, err
		}
	}
	sc := wholePlace(p)
	cov, err := s.store.Coverage(ctx, graph.CoverageQuery{Scope: sc, MaxPresences: maxPres})
	if err != nil {
		return nil, s.toStatus(ctx, "", err)
	}
	feeds, err := s.store.Feeds(ctx)
	if err != nil {
		return nil, s.toStatus(ctx, "", err)
	}
	byID := map[string]graph.Link{}
	var candidates []graph.Link
	for _, l := range cov.Links {
		byID[l.ID] = l
		if chain.ID == "" || l.ChainID == chain.ID {
			candidates = append(candidates, l)
		}
	}
	exts := graph.Extensions(cov.Has(), candidates, feeds, byID)
	start, end, next := page(len(exts), after, size, params)
	resp := &pb.FindExtensionsResponse{NextPageToken: next, Scope: p.ref(), TotalSize: int32(len(exts))}
	if chain.ID != "" {
		resp.Chain = &pb.ChainRef{Id: chain.ID, Name: chain.Name}
	}
	for _, e := range exts[start:end] {
		pe := &pb.Extension{Link: linkRef(e.Link), Density: e.Density, NeighbourCount: int32(e.Neighbours)}
		for _, n := range e.Present {
			pe.PresentNeighbours = append(pe.PresentNeighbours, &pb.NearLink{Link: linkRef(n.Link), CandidateFeedsIt: n.Feeds,
				Presences: presencesToProto(n.Presences, maxPres), PresenceCount: int32(n.Count)})
		}
		resp.Extensions = append(resp.Extensions, pe)
	}
	return resp, nil
}

// wholePlace is the scope whose units together make up the place itself: a county alone, a
// prefecture (with its counties) alone, the province's or a belt's prefecture units.
func wholePlace(p place) graph.Scope {
	if p.belt.ID != "" {
		return graph.Scope{BeltID: p.belt.ID, Level: graph.LevelPrefecture}
	}
	if p.region.Level == graph.LevelCounty {
		return graph.Scope{RegionID: p.region.ID, Level: graph.LevelCounty}
	}
	return graph.Scope{RegionID: p.region.ID, Level: graph.LevelPrefecture}
}

// GetRegionProfile implements the RPC.
func (s *Server) GetRegionProfile(ctx context.Context, req *pb.GetRegionProfileRequest) (*pb.GetRegionProfileResponse, error) {
	var v violations
	if strings.TrimSpace(req.GetRegion()) == "" {
		v.add("region", "required: a region id, code or name, e.g. 仙桃市")
	}
	maxPres := maxPresences(&v, req.GetMaxPresences())
	if err := v.err(); err != nil {
		return nil, err
	}
	res, err := s.resolver(ctx)
	if err != nil {
		return nil, err
	}
	named, err := s.resolve(ctx, res, "region", graph.NamedRegion, req.GetRegion(), nil)
	if err != nil {
		return nil, err
	}
	region, err := s.store.GetRegion(ctx, named.ID)
	if err != nil {
		return nil, s.toStatus(ctx, "region", err)
	}
	cov, err := s.store.Coverage(ctx, graph.CoverageQuery{Scope: wholePlace(place{region: named}), MaxPresences: maxPres})
	if err != nil {
		return nil, s.toStatus(ctx, "", err)
	}
	base, err := s.lqBase(ctx)
	if err != nil {
		return nil, err
	}
	feeds, err := s.store.Feeds(ctx)
	if err != nil {
		return nil, s.toStatus(ctx, "", err)
	}
	chains, err := s.store.ListChains(ctx, graph.ListQuery{Limit: 10000})
	if err != nil {
		return nil, s.toStatus(ctx, "", err)
	}
	resp := &pb.GetRegionProfileResponse{Region: regionToProto(region.Region)}
	for _, cp := range graph.Profile(region.Region, cov, base, chains, feeds) {
		pc := &pb.ChainProfile{
			Chain: &pb.ChainRef{Id: cp.Chain.ID, Name: cp.Chain.Name}, Completeness: cp.Completeness, LinkCount: int32(len(cp.Links)),
			LocationQuotient: cp.LQ, HasLocationQuotient: cp.HasLQ,
		}
		for _, h := range cp.Present {
			pc.Present = append(pc.Present, &pb.PresentLink{Link: linkRef(h.Presences[0].Link), Strength: h.Strength,
				Presences: presencesToProto(h.Presences, maxPres), PresenceCount: int32(h.Count)})
		}
		for _, l := range cp.MissingUpstream {
			pc.MissingUpstream = append(pc.MissingUpstream, linkRef(l))
		}
		resp.Chains = append(resp.Chains, pc)
	}
	return resp, nil
}

// GetCoverageMatrix implements the RPC.
func (s *Server) GetCoverageMatrix(req *pb.GetCoverageMatrixRequest, stream grpc.ServerStreamingServer[pb.GetCoverageMatrixResponse]) error {
	ctx := stream.Context()
	var v violations
	if strings.TrimSpace(req.GetChain()) == "" {
		v.add("chain", "required: a chain id or name, e.g. nev or 新能源汽车")
	}
	maxPres := maxPresences(&v, req.GetMaxPresences())
	if err := v.err(); err != nil {
		return err
	}
	res, err := s.resolver(ctx)
	if err != nil {
		return err
	}
	chain, err := s.resolve(ctx, res, "chain", graph.NamedChain, req.GetChain(), nil)
	if err != nil {
		return err
	}
	p, err := s.resolvePlace(ctx, res, "scope", req.GetScope(), true)
	if err != nil {
		return err
	}
	sc, err := graphScope(p, req.GetLevel())
	if err != nil {
		return err
	}
	// The chain's links alone: each unit's enterprises in all chains come from the cached base.
	cov, err := s.store.Coverage(ctx, graph.CoverageQuery{ChainID: chain.ID, Scope: sc, MaxPresences: maxPres})
	if err != nil {
		return s.toStatus(ctx, "", err)
	}
	base, err := s.lqBase(ctx)
	if err != nil {
		return err
	}
	first := &pb.GetCoverageMatrixResponse{Chain: &pb.ChainRef{Id: chain.ID, Name: chain.Name}, Scope: p.ref(), Level: levelToProto(sc.Level)}
	var links []graph.Link
	for _, l := range cov.Links {
		if l.ChainID == chain.ID {
			links = append(links, l)
			first.Links = append(first.Links, linkRef(l))
		}
	}
	if len(cov.Units) == 0 {
		return stream.Send(first)
	}
	for i, u := range cov.Units {
		row := &pb.CoverageRow{Region: regionRef(u)}
		row.LocationQuotient, row.HasLocationQuotient = base.UnitLQ(u.ID, chain.ID)
		for _, l := range links {
			c := cov.Cells[u.ID][l.ID]
			cell := &pb.CoverageCell{LinkId: l.ID, Present: c.Count > 0, Strength: c.Strength, PresenceCount: int32(c.Count)}
			for _, p := range c.Presences {
				cell.PresenceIds = append(cell.PresenceIds, p.Presence.ID)
			}
			row.Cells = append(row.Cells, cell)
		}
		msg := &pb.GetCoverageMatrixResponse{Row: row}
		if i == 0 {
			first.Row = row
			msg = first
		}
		if err := stream.Send(msg); err != nil {
			return err
		}
	}
	return nil
}

// FindInvestmentLeads implements the RPC.
func (s *Server) FindInvestmentLeads(ctx context.Context, req *pb.FindInvestmentLeadsRequest) (*pb.FindInvestmentLeadsResponse, error) {
	var v violations
	size := pageSize(&v, req.GetPageSize(), maxAnalysisPage)
	maxPres := maxPresences(&v, req.GetMaxPresences())
	if strings.TrimSpace(req.GetRegion()) == "" {
		v.add("region", "required: the region looking for investment, e.g. 武汉市")
	}
	if strings.TrimSpace(req.GetLink()) == "" {
		v.add("link", "required: the link it wants, e.g. 电池材料")
	}
	params := paramsHash("FindInvestmentLeads", req.GetRegion(), req.GetLink(), req.GetChain())
	after := decodeToken(&v, req.GetPageToken(), params)
	if err := v.err(); err != nil {
		return nil, err
	}
	res, err := s.resolver(ctx)
	if err != nil {
		return nil, err
	}
	region, err := s.resolve(ctx, res, "region", graph.NamedRegion, req.GetRegion(), nil)
	if err != nil {
		return nil, err
	}
	var chain graph.Named
	if strings.TrimSpace(req.GetChain()) != "" {
		if chain, err = s.resolve(ctx, res, "chain", graph.NamedChain, req.GetChain(), nil); err != nil {
			return nil, err
		}
	}
	link, err := s.resolve(ctx, res, "link", graph.NamedLink, req.GetLink(), func(n graph.Named) bool { return chain.ID == "" || n.ChainID == chain.ID })
	if err != nil {
		return nil, err
	}
	sups, err := s.store.Suppliers(ctx, graph.SupplierQuery{RegionID: region.ID, LinkID: link.ID})
	if err != nil {
		return nil, s.toStatus(ctx, "", err)
	}
	own, err := s.store.Coverage(ctx, graph.CoverageQuery{Scope: wholePlace(place{region: region}), MaxPresences: maxPres})
	if err != nil {
		return nil, s.toStatus(ctx, "", err)
	}
	feeds, err := s.store.Feeds(ctx)
	if err != nil {
		return nil, s.toStatus(ctx, "", err)
	}
	byID := map[string]graph.Link{}
	for _, l := range own.Links {
		byID[l.ID] = l
	}
	// The holders' other links: one coverage per supplier region, read once.
	var coverErr error
	atRegion := map[string]*graph.Coverage{}
	holderLinks := func(regionID, holder string) []graph.Link {
		cov, ok := atRegion[regionID]
		if !ok {
			var r graph.Region
			for _, sup := range sups {
				if sup.Region.ID == regionID {
					r = sup.Region
				}
			}
			cov, coverErr = s.store.Coverage(ctx, graph.CoverageQuery{Scope: wholePlace(place{region: graph.Named{ID: r.ID, Level: r.Level}})})
			atRegion[regionID] = cov
		}
		if cov == nil {
			return nil
		}
		var out []graph.Link
		for _, l := range cov.Links {
			for _, p := range cov.Cells[regionID][l.ID].Presences {
				if p.Presence.Holder == holder && p.Presence.RegionID == regionID {
					out = append(out, l)
					break
				}
			}
		}
		return out
	}
	has := own.Has()
	leads := graph.Leads(link.ID, sups, holderLinks, has, feeds, byID)
	if coverErr != nil {
		return nil, s.toStatus(ctx, "", coverErr)
	}
	start, end, next := page(len(leads), after, size, params)
	resp := &pb.FindInvestmentLeadsResponse{
		NextPageToken: next, Region: &pb.RegionRef{Id: region.ID, Code: region.Code, Name: region.Name, Level: levelToProto(region.Level)},
		Link: linkRef(byID[link.ID]), RegionHasLink: has[link.ID].Count > 0, TotalSize: int32(len(leads)),
	}
	for _, l := range leads[start:end] {
		sup := l.Supplier
		sup.Presences = nil // the lead's own presence is below
		pl := &pb.Lead{
			Holder: l.Holder, HolderKind: l.HolderKind, Presence: presencesToProto([]graph.PresenceFact{l.Presence}, 1)[0],
			Place: supplierToProto(sup, maxPres), Clusters: l.Clusters,
		}
		for _, d := range l.Feeds {
			pl.Feeds = append(pl.Feeds, demandToProto(d, maxPres))
		}
		for _, o := range l.OtherLinks {
			pl.OtherLinks = append(pl.OtherLinks, linkRef(o))
		}
		resp.Leads = append(resp.Leads, pl)
	}
	return resp, nil
}
