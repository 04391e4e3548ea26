package server

import (
	"context"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
)

// Demands listed per lacking region (max_demands).
const (
	defaultMaxDemands = 10
	maxMaxDemands     = 100
)

// FindLackingRegions implements the RPC.
func (s *Server) FindLackingRegions(ctx context.Context, req *pb.FindLackingRegionsRequest) (*pb.FindLackingRegionsResponse, error) {
	var c check
	size := c.pageSize(req.GetPageSize(), maxAnalysisPage)
	maxPres := c.maxPresences(req.GetMaxPresences())
	maxDemands := c.bounded("max_demands", req.GetMaxDemands(), defaultMaxDemands, maxMaxDemands)
	depth := c.ranged("max_depth", req.GetMaxDepth(), query.DefaultFeedDepth, 1, graph.MaxFeedDepth)
	suppliers := c.ranged("max_suppliers", req.GetMaxSuppliers(), query.DefaultMaxSuppliers, 1, query.MaxSuppliersLimit)
	view := c.view(req.GetView(), pb.AnswerView_ANSWER_VIEW_BASIC)
	c.name("chain", req.GetChain(), false, "")
	c.name("link", req.GetLink(), true, exampleLink)
	c.name("scope", req.GetScope(), false, "")
	level := c.level(req.GetLevel())
	facts := c.facts(req.GetFacts())
	params := paramsHash("FindLackingRegions", req.GetChain(), req.GetLink(), req.GetScope(), req.GetLevel().String(), itoa(depth), itoa(suppliers), facts.String())
	after := c.pageToken(req.GetPageToken(), params)
	if err := c.err(); err != nil {
		return nil, err
	}
	v, err := s.pagedView(ctx, &c)
	if err != nil {
		return nil, err
	}
	shown := graph.RowRange{Offset: atoiSafe(after), Limit: size} // the page: only its rows are ranked and listed
	a, err := v.Lacking(ctx, query.LackingRequest{Chain: req.GetChain(), Link: req.GetLink(), Scope: req.GetScope(), Level: level, MaxDepth: depth, MaxSuppliers: suppliers,
		MaxPresences: max(1, readPresences(view, maxPres)), // 补链 lists one at the least (0 would be all)
		SupplierRows: shown, PresenceRows: shown, ListedDemands: maxDemands, Facts: facts})
	if err != nil {
		return nil, err
	}
	start, end, next := page(len(a.Rows), after, size, c.tokens.scope)
	items := 0
	for _, r := range a.Rows[start:end] {
		items += min(maxDemands, len(r.Demands)) + len(r.Suppliers)
	}
	ans := newAnswer(view, maxPres, items)
	resp := &pb.FindLackingRegionsResponse{
		NextPageToken: next, Link: namedLinkRef(a.Link), Chain: chainRef(a.Chain), Scope: placeRef(a.Place).GetRegion(), Belt: placeRef(a.Place).GetBelt(),
		Level: levelToProto(a.Scope.Level), MaxDepth: int32(a.MaxDepth), TotalSize: int32(len(a.Rows)), View: view,
	}
	for _, r := range a.Rows[start:end] {
		row := &pb.LackingRegion{Region: regionRef(r.Region), DemandCount: int32(len(r.Demands))}
		for _, d := range r.Demands[:min(maxDemands, len(r.Demands))] {
			row.Demands = append(row.Demands, ans.demand(d))
		}
		for _, sup := range r.Suppliers {
			row.NearestSuppliers = append(row.NearestSuppliers, ans.supplier(sup))
		}
		resp.LackingRegions = append(resp.LackingRegions, row)
	}
	resp.ChainHolders = regionRefs(a.ChainHolders)
	resp.Dictionary, resp.EvidenceTruncated = ans.dictionary(), ans.truncated
	return resp, nil
}
