package server

import (
	"context"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
)

// FindPlanGaps implements the RPC.
func (s *Server) FindPlanGaps(ctx context.Context, req *pb.FindPlanGapsRequest) (*pb.FindPlanGapsResponse, error) {
	var c check
	size := c.pageSize(req.GetPageSize(), maxAnalysisPage)
	maxPres := c.maxPresences(req.GetMaxPresences())
	suppliers := c.ranged("max_suppliers", req.GetMaxSuppliers(), query.DefaultMaxSuppliers, 1, query.MaxSuppliersLimit)
	view := c.view(req.GetView(), pb.AnswerView_ANSWER_VIEW_BASIC)
	c.name("chain", req.GetChain(), false, "")
	c.name("scope", req.GetScope(), false, "")
	level := c.level(req.GetLevel())
	facts := c.facts(req.GetFacts())
	params := paramsHash("FindPlanGaps", req.GetChain(), req.GetScope(), req.GetLevel().String(), itoa(suppliers), facts.String())
	after := c.pageToken(req.GetPageToken(), params)
	if err := c.err(); err != nil {
		return nil, err
	}
	v, err := s.pagedView(ctx, &c)
	if err != nil {
		return nil, err
	}
	a, err := v.PlanGaps(ctx, query.PlanGapsRequest{Chain: req.GetChain(), Scope: req.GetScope(), Level: level, MaxSuppliers: suppliers,
		MaxPresences: max(1, readPresences(view, maxPres)), Facts: facts, SupplierRows: graph.RowRange{Offset: atoiSafe(after), Limit: size}})
	if err != nil {
		return nil, err
	}
	start, end, next := page(len(a.Rows), after, size, c.tokens.scope)
	items := 0
	for _, r := range a.Rows[start:end] {
		items += 1 + len(r.Suppliers)
	}
	ans := newAnswer(view, maxPres, items)
	resp := &pb.FindPlanGapsResponse{
		NextPageToken: next, Chain: chainRef(a.Chain), Scope: placeRef(a.Place).GetRegion(), Belt: placeRef(a.Place).GetBelt(),
		Level: levelToProto(a.Scope.Level), TotalSize: int32(len(a.Rows)), View: view,
	}
	for _, r := range a.Rows[start:end] {
		row := &pb.PlanGap{Region: regionRef(r.Unit), Chain: &pb.ChainRef{Id: r.Chain.ID, Name: r.Chain.Name}, Grain: pb.FactGrain_FACT_GRAIN_CHAIN,
			PlannedCount: int32(r.PlannedCount)}
		if r.Link != nil {
			row.Link, row.Grain, row.Planned = linkRef(*r.Link), pb.FactGrain_FACT_GRAIN_LINK, ans.presences(r.Planned)
		}
		for _, f := range r.ChainFacts { // the plan's sentence is the point of the row: in every view
			row.ChainFacts = append(row.ChainFacts, chainFactToProto(f))
		}
		for _, sup := range r.Suppliers {
			row.NearestSuppliers = append(row.NearestSuppliers, ans.supplier(sup))
		}
		resp.PlanGaps = append(resp.PlanGaps, row)
	}
	resp.Dictionary, resp.EvidenceTruncated = ans.dictionary(), ans.truncated
	return resp, nil
}

// CompareLackingRegions implements the RPC. The changed facts are the answer: it is always
// the FULL view.
func (s *Server) CompareLackingRegions(ctx context.Context, req *pb.CompareLackingRegionsRequest) (*pb.CompareLackingRegionsResponse, error) {
	var c check
	size := c.pageSize(req.GetPageSize(), maxAnalysisPage)
	maxPres := c.maxPresences(req.GetMaxPresences())
	depth := c.ranged("max_depth", req.GetMaxDepth(), query.DefaultFeedDepth, 1, graph.MaxFeedDepth)
	c.name("chain", req.GetChain(), false, "")
	c.name("link", req.GetLink(), true, exampleLink)
	c.name("scope", req.GetScope(), false, "")
	level := c.level(req.GetLevel())
	facts := c.facts(req.GetFacts())
	for _, p := range query.CheckYears(facts.AsOf, int(req.GetFromYear()), int(req.GetToYear())) {
		if p.Field != "facts.as_of" || !c.has("facts.as_of") {
			c.add(p.Field, "%s", p.Problem)
		}
	}
	params := paramsHash("CompareLackingRegions", req.GetChain(), req.GetLink(), req.GetScope(), req.GetLevel().String(), itoa(depth),
		itoa(int(req.GetFromYear())), itoa(int(req.GetToYear())), facts.String())
	after := c.pageToken(req.GetPageToken(), params)
	if err := c.err(); err != nil {
		return nil, err
	}
	v, err := s.pagedView(ctx, &c)
	if err != nil {
		return nil, err
	}
	a, err := v.CompareLacking(ctx, query.CompareRequest{
		Lacking: query.LackingRequest{Chain: req.GetChain(), Link: req.GetLink(), Scope: req.GetScope(), Level: level, MaxDepth: depth,
			MaxSuppliers: query.DefaultMaxSuppliers, MaxPresences: maxPres, Facts: facts},
		From: int(req.GetFromYear()), To: int(req.GetToYear()), FilledRows: graph.RowRange{Offset: atoiSafe(after), Limit: size}})
	if err != nil {
		return nil, err
	}
	start, end, next := page(len(a.Changes), after, size, c.tokens.scope)
	items := 0
	for _, ch := range a.Changes[start:end] {
		items += max(1, len(ch.FilledBy)+len(ch.NewDemand))
	}
	ans := newAnswer(pb.AnswerView_ANSWER_VIEW_FULL, maxPres, items)
	resp := &pb.CompareLackingRegionsResponse{
		NextPageToken: next, Link: namedLinkRef(a.Link), Chain: chainRef(a.Chain), Scope: placeRef(a.Place).GetRegion(), Belt: placeRef(a.Place).GetBelt(),
		Level: levelToProto(a.Scope.Level), FromYear: int32(a.From), ToYear: int32(a.To), TotalSize: int32(len(a.Changes)),
	}
	for _, ch := range a.Changes {
		switch ch.Change {
		case query.ChangeHealed:
			resp.HealedCount++
		case query.ChangeNew:
			resp.NewCount++
		case query.ChangePersists:
			resp.PersistingCount++
		}
	}
	for _, ch := range a.Changes[start:end] {
		row := &pb.LackingChange{Region: regionRef(ch.Region), Change: gapChangeToProto(ch.Change),
			DemandLinkIdsBefore: ans.demandLinks(ch.Before), DemandLinkIdsAfter: ans.demandLinks(ch.After),
			FilledBy: ans.presences(ch.FilledBy), NewDemand: ans.presences(ch.NewDemand)}
		for _, f := range ch.HeldBy {
			row.HeldBy = append(row.HeldBy, chainFactToProto(f))
		}
		resp.Changes = append(resp.Changes, row)
	}
	resp.Dictionary, resp.EvidenceTruncated = ans.dictionary(), ans.truncated
	return resp, nil
}

// demandLinks are a row's demanding links as ids, named in the answer's dictionary.
func (a *answer) demandLinks(r *graph.LackingRegion) []string {
	if r == nil {
		return nil
	}
	out := make([]string, len(r.Demands))
	for i, d := range r.Demands {
		a.links[d.Downstream.ID] = d.Downstream
		out[i] = d.Downstream.ID
	}
	return out
}

func gapChangeToProto(c query.Change) pb.GapChange {
	switch c {
	case query.ChangeHealed:
		return pb.GapChange_GAP_CHANGE_HEALED
	case query.ChangeNew:
		return pb.GapChange_GAP_CHANGE_NEW
	case query.ChangePersists:
		return pb.GapChange_GAP_CHANGE_PERSISTS
	}
	return pb.GapChange_GAP_CHANGE_UNSPECIFIED
}
