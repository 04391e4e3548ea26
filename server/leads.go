package server

import (
	"context"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
)

// FindInvestmentLeads implements the RPC.
func (s *Server) FindInvestmentLeads(ctx context.Context, req *pb.FindInvestmentLeadsRequest) (*pb.FindInvestmentLeadsResponse, error) {
	var c check
	size := c.pageSize(req.GetPageSize(), maxAnalysisPage)
	maxPres := c.maxPresences(req.GetMaxPresences())
	view := c.view(req.GetView(), pb.AnswerView_ANSWER_VIEW_BASIC)
	c.name("region", req.GetRegion(), true, "the region looking for investment, e.g. 武汉市")
	c.name("link", req.GetLink(), true, "the link it wants, e.g. 电池材料")
	c.name("chain", req.GetChain(), false, "")
	facts := c.facts(req.GetFacts())
	params := paramsHash("FindInvestmentLeads", req.GetRegion(), req.GetLink(), req.GetChain(), facts.String())
	after := c.pageToken(req.GetPageToken(), params)
	if err := c.err(); err != nil {
		return nil, err
	}
	v, err := s.pagedView(ctx, &c)
	if err != nil {
		return nil, err
	}
	a, err := v.Leads(ctx, query.LeadsRequest{Region: req.GetRegion(), Link: req.GetLink(), Chain: req.GetChain(), MaxPresences: readPresences(view, maxPres),
		Offset: atoiSafe(after), Limit: size, Facts: facts})
	if err != nil {
		return nil, err
	}
	_, _, next := page(a.Total, after, size, c.tokens.scope)
	ans := newAnswer(view, maxPres, len(a.Feeds)+len(a.Leads))
	resp := &pb.FindInvestmentLeadsResponse{
		NextPageToken: next, Region: namedRegionRef(a.Region), Link: linkRef(a.Link), RegionHasLink: a.RegionHasLink,
		TotalSize: int32(a.Total), View: view,
	}
	for _, d := range a.Feeds {
		resp.RegionFeeds = append(resp.RegionFeeds, ans.demand(d))
	}
	for _, l := range a.Leads {
		place := l.Supplier
		place.Presences = nil // the lead's own presence is below
		pl := &pb.Lead{Holder: l.Holder, HolderKind: l.HolderKind, Place: ans.supplier(place), Clusters: l.Clusters,
			OtherLinkCount: int32(len(l.OtherLinks))}
		if ps := ans.presences([]graph.PresenceFact{l.Presence}); len(ps) > 0 {
			pl.Presence = ps[0]
		}
		for _, o := range l.OtherLinks[:min(maxOtherLinksListed, len(l.OtherLinks))] {
			pl.OtherLinks = append(pl.OtherLinks, linkRef(o))
		}
		resp.Leads = append(resp.Leads, pl)
	}
	resp.Dictionary, resp.EvidenceTruncated = ans.dictionary(), ans.truncated
	return resp, nil
}
