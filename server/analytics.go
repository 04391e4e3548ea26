package server

import (
	"context"

	"google.golang.org/grpc"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"
)

// Caps on the repeated lists of one row; each row says how many there are in all.
const (
	maxHoldersListed    = 50
	maxNeighboursListed = 20
	maxOtherLinksListed = 20
)

// FindWeakLinks implements the RPC.
func (s *Server) FindWeakLinks(ctx context.Context, req *pb.FindWeakLinksRequest) (*pb.FindWeakLinksResponse, error) {
	var c check
	size := c.pageSize(req.GetPageSize(), maxAnalysisPage)
	maxPres := c.maxPresences(req.GetMaxPresences())
	k := c.bounded("min_holders", req.GetMinHolders(), query.DefaultMinHolders, 1<<20)
	view := c.view(req.GetView(), pb.AnswerView_ANSWER_VIEW_BASIC)
	c.name("chain", req.GetChain(), true, exampleChain)
	c.name("scope", req.GetScope(), false, "")
	level := c.level(req.GetLevel())
	facts := c.facts(req.GetFacts())
	params := paramsHash("FindWeakLinks", req.GetChain(), req.GetScope(), req.GetLevel().String(), itoa(k), facts.String())
	after := c.pageToken(req.GetPageToken(), params)
	if err := c.err(); err != nil {
		return nil, err
	}
	v, err := s.pagedView(ctx, &c)
	if err != nil {
		return nil, err
	}
	a, err := v.WeakLinks(ctx, query.WeakLinksRequest{Chain: req.GetChain(), Scope: req.GetScope(), Level: level, MinHolders: k, MaxPresences: readPresences(view, maxPres), Facts: facts})
	if err != nil {
		return nil, err
	}
	start, end, next := page(len(a.Weak), after, size, c.tokens.scope)
	items := 0
	for _, w := range a.Weak[start:end] {
		items += min(maxHoldersListed, len(w.Holders))
	}
	ans := newAnswer(view, maxPres, items)
	resp := &pb.FindWeakLinksResponse{
		NextPageToken: next, Chain: chainRef(a.Chain), Scope: placeRef(a.Place), Level: levelToProto(a.Scope.Level),
		MinHolders: int32(k), TotalSize: int32(len(a.Weak)), View: view,
	}
	for _, w := range a.Weak[start:end] {
		resp.WeakLinks = append(resp.WeakLinks, &pb.WeakLink{Link: linkRef(w.Link), Hhi: w.HHI, HolderCount: int32(len(w.Holders)), CertainHolderCount: int32(w.CertainHolders),
			Holders: ans.holdings(w.Holders[:min(maxHoldersListed, len(w.Holders))])})
	}
	resp.Dictionary, resp.EvidenceTruncated = ans.dictionary(), ans.truncated
	return resp, nil
}

// FindExtensions implements the RPC.
func (s *Server) FindExtensions(ctx context.Context, req *pb.FindExtensionsRequest) (*pb.FindExtensionsResponse, error) {
	var c check
	size := c.pageSize(req.GetPageSize(), maxAnalysisPage)
	maxPres := c.maxPresences(req.GetMaxPresences())
	view := c.view(req.GetView(), pb.AnswerView_ANSWER_VIEW_BASIC)
	c.name("scope", req.GetScope(), true, examplePlace)
	c.name("chain", req.GetChain(), false, "")
	facts := c.facts(req.GetFacts())
	params := paramsHash("FindExtensions", req.GetScope(), req.GetChain(), facts.String())
	after := c.pageToken(req.GetPageToken(), params)
	if err := c.err(); err != nil {
		return nil, err
	}
	v, err := s.pagedView(ctx, &c)
	if err != nil {
		return nil, err
	}
	a, err := v.Extensions(ctx, query.ExtensionsRequest{Scope: req.GetScope(), Chain: req.GetChain(), MaxPresences: readPresences(view, maxPres), Facts: facts})
	if err != nil {
		return nil, err
	}
	start, end, next := page(len(a.Extensions), after, size, c.tokens.scope)
	items := 0
	for _, e := range a.Extensions[start:end] {
		items += min(maxNeighboursListed, len(e.Present))
	}
	ans := newAnswer(view, maxPres, items)
	resp := &pb.FindExtensionsResponse{NextPageToken: next, Scope: placeRef(a.Place), Chain: chainRef(a.Chain), TotalSize: int32(len(a.Extensions)), View: view}
	for _, e := range a.Extensions[start:end] {
		pe := &pb.Extension{Link: linkRef(e.Link), Density: e.Density, NeighbourCount: int32(e.Neighbours), PresentNeighbourCount: int32(len(e.Present))}
		for _, n := range e.Present[:min(maxNeighboursListed, len(e.Present))] {
			pe.PresentNeighbours = append(pe.PresentNeighbours, &pb.NearLink{Link: linkRef(n.Link), CandidateFeedsIt: n.Feeds,
				Presences: ans.presences(n.Presences), PresenceCount: int32(n.Count)})
		}
		resp.Extensions = append(resp.Extensions, pe)
	}
	resp.Dictionary, resp.EvidenceTruncated = ans.dictionary(), ans.truncated
	return resp, nil
}

// GetRegionProfile implements the RPC.
func (s *Server) GetRegionProfile(ctx context.Context, req *pb.GetRegionProfileRequest) (*pb.GetRegionProfileResponse, error) {
	var c check
	c.name("region", req.GetRegion(), true, exampleRegion)
	maxPres := c.maxPresences(req.GetMaxPresences())
	view := c.view(req.GetView(), pb.AnswerView_ANSWER_VIEW_FULL)
	facts := c.facts(req.GetFacts())
	if err := c.err(); err != nil {
		return nil, err
	}
	v, err := s.view(ctx)
	if err != nil {
		return nil, err
	}
	a, err := v.Profile(ctx, query.ProfileRequest{Region: req.GetRegion(), MaxPresences: readPresences(view, maxPres), Facts: facts})
	if err != nil {
		return nil, err
	}
	items := 0
	for _, cp := range a.Chains {
		items += len(cp.Present)
	}
	ans := newAnswer(view, maxPres, items)
	resp := &pb.GetRegionProfileResponse{Region: regionToProto(a.Region), View: view}
	for _, cp := range a.Chains {
		pc := &pb.ChainProfile{
			Chain: &pb.ChainRef{Id: cp.Chain.ID, Name: cp.Chain.Name}, Completeness: cp.Completeness, LinkCount: int32(len(cp.Links)),
		}
		setLQ(cp.LQ, &pc.LocationQuotient, &pc.HasLocationQuotient, &pc.LocationQuotientStatus, &pc.LocationQuotientFirms, &pc.LocationQuotientExpectedFirms)
		for _, h := range cp.Present {
			pc.Present = append(pc.Present, &pb.PresentLink{Link: linkRef(h.Link), Strength: h.Strength,
				Presences: ans.presences(h.Presences), PresenceCount: int32(h.Count), CertainPresenceCount: int32(h.Certain)})
		}
		for _, l := range cp.MissingUpstream {
			pc.MissingUpstream = append(pc.MissingUpstream, linkRef(l))
		}
		for _, f := range cp.ChainFacts {
			pc.ChainFacts = append(pc.ChainFacts, chainFactToProto(f))
		}
		resp.Chains = append(resp.Chains, pc)
	}
	for _, c := range a.Counts {
		resp.ClusterCounts = append(resp.ClusterCounts, &pb.ClusterCount{Programme: c.Programme, Year: int32(c.Year), Count: int32(c.Count),
			NamedInData: int32(c.Named), Evidence: evidenceToProto(c.Evidence)})
	}
	resp.Dictionary, resp.EvidenceTruncated = ans.dictionary(), ans.truncated
	return resp, nil
}

// GetCoverageMatrix implements the RPC: the answer is computed first, then sent a row per
// message (the stream interceptor bounds the whole call, sends included).
func (s *Server) GetCoverageMatrix(req *pb.GetCoverageMatrixRequest, stream grpc.ServerStreamingServer[pb.GetCoverageMatrixResponse]) error {
	ctx := stream.Context()
	var c check
	c.name("chain", req.GetChain(), true, exampleChain)
	c.name("scope", req.GetScope(), false, "")
	maxPres := c.maxPresences(req.GetMaxPresences())
	view := c.view(req.GetView(), pb.AnswerView_ANSWER_VIEW_FULL)
	level := c.level(req.GetLevel())
	facts := c.facts(req.GetFacts())
	if err := c.err(); err != nil {
		return err
	}
	v, err := s.view(ctx)
	if err != nil {
		return err
	}
	a, err := v.Matrix(ctx, query.MatrixRequest{Chain: req.GetChain(), Scope: req.GetScope(), Level: level, MaxPresences: readPresences(view, maxPres), Facts: facts})
	if err != nil {
		return err
	}
	first := &pb.GetCoverageMatrixResponse{Chain: chainRef(a.Chain), Scope: placeRef(a.Place), Level: levelToProto(a.Scope.Level), View: view}
	for _, l := range a.Links {
		first.Links = append(first.Links, linkRef(l))
	}
	if len(a.Rows) == 0 {
		return stream.Send(first)
	}
	for i, r := range a.Rows {
		row := &pb.CoverageRow{Region: regionRef(r.Unit)}
		setLQ(r.LQ, &row.LocationQuotient, &row.HasLocationQuotient, &row.LocationQuotientStatus, &row.LocationQuotientFirms, &row.LocationQuotientExpectedFirms)
		for j, cell := range r.Cells {
			pc := &pb.CoverageCell{LinkId: a.Links[j].ID, Present: cell.Count > 0, Strength: cell.Strength, PresenceCount: int32(cell.Count),
				CertainPresenceCount: int32(cell.Certain)}
			if view == pb.AnswerView_ANSWER_VIEW_FULL {
				for _, p := range cell.Presences {
					pc.PresenceIds = append(pc.PresenceIds, p.Presence.ID)
				}
			}
			row.Cells = append(row.Cells, pc)
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

// setLQ writes a location quotient into the fields ChainProfile and CoverageRow share; the
// value only when it is meaningful (graph.MinLQFirms).
func setLQ(q graph.LocationQuotient, value *float64, has *bool, status *pb.LocationQuotientStatus, firms *int32, expected *float64) {
	*status = map[graph.LQStatus]pb.LocationQuotientStatus{
		graph.LQNoData:      pb.LocationQuotientStatus_LOCATION_QUOTIENT_STATUS_NO_DATA,
		graph.LQTooFewFirms: pb.LocationQuotientStatus_LOCATION_QUOTIENT_STATUS_TOO_FEW_FIRMS,
		graph.LQMeaningful:  pb.LocationQuotientStatus_LOCATION_QUOTIENT_STATUS_MEANINGFUL,
	}[q.Status]
	*firms, *expected = int32(q.Firms), q.Expected
	if q.Meaningful() {
		*value, *has = q.Value, true
	}
}
