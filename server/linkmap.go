package server

import (
	"context"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
)

var linkStatusToProto = map[query.LinkStatus]pb.LinkStatus{
	query.LinkHas:         pb.LinkStatus_LINK_STATUS_HAS,
	query.LinkLacks:       pb.LinkStatus_LINK_STATUS_LACKS,
	query.LinkNoDemand:    pb.LinkStatus_LINK_STATUS_NO_DEMAND,
	query.LinkChainHolder: pb.LinkStatus_LINK_STATUS_CHAIN_HOLDER,
}

// GetLinkMap implements the RPC.
func (s *Server) GetLinkMap(ctx context.Context, req *pb.GetLinkMapRequest) (*pb.GetLinkMapResponse, error) {
	var c check
	depth := c.ranged("max_depth", req.GetMaxDepth(), query.DefaultFeedDepth, 1, graph.MaxFeedDepth)
	suppliers := c.ranged("max_suppliers", req.GetMaxSuppliers(), query.DefaultMaxSuppliers, 1, query.MaxSuppliersLimit)
	c.name("chain", req.GetChain(), false, "")
	c.name("link", req.GetLink(), true, exampleLink)
	c.name("scope", req.GetScope(), false, "")
	level := c.level(req.GetLevel())
	facts := c.facts(req.GetFacts())
	if err := c.err(); err != nil {
		return nil, err
	}
	v, err := s.view(ctx)
	if err != nil {
		return nil, err
	}
	a, err := v.LinkMap(ctx, query.LinkMapRequest{Chain: req.GetChain(), Link: req.GetLink(), Scope: req.GetScope(), Level: level, MaxDepth: depth, MaxSuppliers: suppliers, Facts: facts})
	if err != nil {
		return nil, err
	}
	resp := &pb.GetLinkMapResponse{Link: namedLinkRef(a.Link), Chain: chainRef(a.Chain), Scope: placeRef(a.Place).GetRegion(), Belt: placeRef(a.Place).GetBelt(),
		Level: levelToProto(a.Scope.Level), MaxDepth: int32(a.MaxDepth), NearestSuppliers: regionRefs(a.NearestSuppliers)}
	for _, u := range a.Units {
		resp.Regions = append(resp.Regions, &pb.MappedRegion{Region: regionRef(u.Region), Status: linkStatusToProto[u.Status], NearestSupplier: u.NearestSupplier})
	}
	return resp, nil
}
