package server

import (
	"context"
	"strings"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
)

// ListChains implements the RPC.
func (s *Server) ListChains(ctx context.Context, req *pb.ListChainsRequest) (*pb.ListChainsResponse, error) {
	var c check
	size := c.pageSize(req.GetPageSize(), maxChainPage)
	params := paramsHash("ListChains")
	after := c.pageToken(req.GetPageToken(), params)
	if err := c.err(); err != nil {
		return nil, err
	}
	v, err := s.pagedView(ctx, &c)
	if err != nil {
		return nil, err
	}
	chains, err := v.Snap.ListChains(ctx, graph.ListQuery{After: after, Limit: size + 1})
	if err != nil {
		return nil, err
	}
	resp := &pb.ListChainsResponse{}
	chains, resp.NextPageToken = keyPage(chains, size, func(x graph.Chain) string { return x.ID }, c.tokens.scope)
	for _, ch := range chains {
		resp.Chains = append(resp.Chains, chainToProto(ch))
	}
	return resp, nil
}

// GetChain implements the RPC.
func (s *Server) GetChain(ctx context.Context, req *pb.GetChainRequest) (*pb.GetChainResponse, error) {
	var c check
	c.name("chain", req.GetChain(), true, exampleChain)
	if err := c.err(); err != nil {
		return nil, err
	}
	v, err := s.view(ctx)
	if err != nil {
		return nil, err
	}
	d, err := v.Chain(ctx, req.GetChain())
	if err != nil {
		return nil, err
	}
	resp := &pb.GetChainResponse{Chain: chainToProto(d.Chain)}
	links := map[string]graph.Link{}
	for _, l := range d.Outside {
		links[l.ID] = l
	}
	for _, l := range d.Links {
		links[l.ID] = l
		resp.Links = append(resp.Links, linkToProto(l))
	}
	for _, f := range d.Feeds {
		resp.Feeds = append(resp.Feeds, &pb.Feed{From: linkRef(links[f.From]), To: linkRef(links[f.To]), Evidence: evidenceToProto(f.Evidence)})
	}
	return resp, nil
}

// ListRegions implements the RPC.
func (s *Server) ListRegions(ctx context.Context, req *pb.ListRegionsRequest) (*pb.ListRegionsResponse, error) {
	var c check
	size := c.pageSize(req.GetPageSize(), maxRegionPage)
	level := c.level(req.GetLevel())
	c.name("parent", req.GetParent(), false, "")
	params := paramsHash("ListRegions", req.GetLevel().String(), strings.TrimSpace(req.GetParent()))
	after := c.pageToken(req.GetPageToken(), params)
	if err := c.err(); err != nil {
		return nil, err
	}
	v, err := s.pagedView(ctx, &c)
	if err != nil {
		return nil, err
	}
	regions, err := v.Regions(ctx, query.RegionsRequest{Parent: req.GetParent(), Level: level, After: after, Limit: size + 1})
	if err != nil {
		return nil, err
	}
	resp := &pb.ListRegionsResponse{}
	regions, resp.NextPageToken = keyPage(regions, size, func(x graph.Region) string { return x.Code }, c.tokens.scope)
	for _, r := range regions {
		resp.Regions = append(resp.Regions, regionToProto(r))
	}
	return resp, nil
}

// GetRegion implements the RPC.
func (s *Server) GetRegion(ctx context.Context, req *pb.GetRegionRequest) (*pb.GetRegionResponse, error) {
	var c check
	c.name("region", req.GetRegion(), true, "a region id, code or name, e.g. 429005 or 潜江市")
	if err := c.err(); err != nil {
		return nil, err
	}
	v, err := s.view(ctx)
	if err != nil {
		return nil, err
	}
	d, err := v.Region(ctx, req.GetRegion())
	if err != nil {
		return nil, err
	}
	resp := &pb.GetRegionResponse{Region: regionToProto(d.Region), Children: regionRefs(d.Children), Neighbours: regionRefs(d.Neighbours)}
	if d.Parent != nil {
		resp.Parent = regionRef(*d.Parent)
	}
	return resp, nil
}

// ListBelts implements the RPC.
func (s *Server) ListBelts(ctx context.Context, req *pb.ListBeltsRequest) (*pb.ListBeltsResponse, error) {
	var c check
	size := c.pageSize(req.GetPageSize(), maxBeltPage)
	c.name("kind", req.GetKind(), false, "")
	params := paramsHash("ListBelts", strings.TrimSpace(req.GetKind()))
	after := c.pageToken(req.GetPageToken(), params)
	if err := c.err(); err != nil {
		return nil, err
	}
	v, err := s.pagedView(ctx, &c)
	if err != nil {
		return nil, err
	}
	belts, err := v.Belts(ctx, req.GetKind(), graph.ListQuery{After: after, Limit: size + 1})
	if err != nil {
		return nil, err
	}
	resp := &pb.ListBeltsResponse{}
	belts, resp.NextPageToken = keyPage(belts, size, func(x graph.Belt) string { return x.ID }, c.tokens.scope)
	for _, b := range belts {
		resp.Belts = append(resp.Belts, s.beltToProto(ctx, v, b))
	}
	return resp, nil
}

// GetBelt implements the RPC.
func (s *Server) GetBelt(ctx context.Context, req *pb.GetBeltRequest) (*pb.GetBeltResponse, error) {
	var c check
	c.name("belt", req.GetBelt(), true, exampleBelt)
	if err := c.err(); err != nil {
		return nil, err
	}
	v, err := s.view(ctx)
	if err != nil {
		return nil, err
	}
	d, err := v.Belt(ctx, req.GetBelt())
	if err != nil {
		return nil, err
	}
	resp := &pb.GetBeltResponse{Belt: s.beltToProto(ctx, v, d.Belt)}
	for _, m := range d.Members {
		resp.Members = append(resp.Members, &pb.BeltMember{Region: regionRef(m.Region), Alternatives: regionRefs(m.Alternatives), Evidence: evidenceToProto(m.Evidence)})
		if len(m.Alternatives) == 0 {
			resp.CertainMemberCount++
		}
	}
	return resp, nil
}

// beltToProto names the belt's chains as the view's resolver knows them.
func (s *Server) beltToProto(ctx context.Context, v *query.View, b graph.Belt) *pb.Belt {
	out := &pb.Belt{Id: b.ID, Name: b.Name, Kind: b.Kind, Aliases: b.Aliases, Evidence: evidenceToProto(b.Evidence)}
	for _, id := range b.ChainIDs {
		chain, _ := v.Named(ctx, graph.NamedChain, id)
		out.Chains = append(out.Chains, &pb.ChainRef{Id: id, Name: chain.Name})
	}
	return out
}

// ListPlanTargets implements the RPC.
func (s *Server) ListPlanTargets(ctx context.Context, req *pb.ListPlanTargetsRequest) (*pb.ListPlanTargetsResponse, error) {
	var c check
	size := c.pageSize(req.GetPageSize(), maxBeltPage)
	params := paramsHash("ListPlanTargets")
	after := c.pageToken(req.GetPageToken(), params)
	if err := c.err(); err != nil {
		return nil, err
	}
	v, err := s.pagedView(ctx, &c)
	if err != nil {
		return nil, err
	}
	targets, err := v.Snap.ListTargets(ctx, graph.ListQuery{After: after, Limit: size + 1})
	if err != nil {
		return nil, err
	}
	resp := &pb.ListPlanTargetsResponse{}
	targets, resp.NextPageToken = keyPage(targets, size, func(x graph.Target) string { return x.ID }, c.tokens.scope)
	for _, t := range targets {
		r, _ := v.Named(ctx, graph.NamedRegion, t.ScopeID)
		resp.Targets = append(resp.Targets, &pb.PlanTarget{
			Id: t.ID, Indicator: t.Indicator, Value: t.Value, Unit: t.Unit, Year: int32(t.Year), Comparator: t.Comparator,
			Scope: namedRegionRef(r), Evidence: evidenceToProto(t.Evidence),
		})
	}
	return resp, nil
}
