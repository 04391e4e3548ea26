package server

import (
	"context"
	"strings"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
)

// Defaults and limits of FindLackingRegions, as its request documents them.
const (
	defaultFeedDepth    = 4
	defaultMaxSuppliers = 3
	maxSuppliersLimit   = 20
	maxLackingPage      = 500
)

// FindLackingRegions implements the RPC.
func (s *Server) FindLackingRegions(ctx context.Context, req *pb.FindLackingRegionsRequest) (*pb.FindLackingRegionsResponse, error) {
	var v violations
	size := pageSize(&v, req.GetPageSize(), maxLackingPage)
	maxPres := maxPresences(&v, req.GetMaxPresences())
	depth := int(req.GetMaxDepth())
	switch {
	case depth == 0:
		depth = defaultFeedDepth
	case depth < 1 || depth > graph.MaxFeedDepth:
		v.add("max_depth", "must be 1 to %d (0 for the default %d), got %d", graph.MaxFeedDepth, defaultFeedDepth, depth)
	}
	suppliers := int(req.GetMaxSuppliers())
	switch {
	case suppliers == 0:
		suppliers = defaultMaxSuppliers
	case suppliers < 1 || suppliers > maxSuppliersLimit:
		v.add("max_suppliers", "must be 1 to %d (0 for the default %d), got %d", maxSuppliersLimit, defaultMaxSuppliers, suppliers)
	}
	if strings.TrimSpace(req.GetLink()) == "" {
		v.add("link", "required: a link id or name, e.g. nev-battery or 电池")
	}
	params := paramsHash("FindLackingRegions", req.GetChain(), req.GetLink(), req.GetScope(), req.GetLevel().String(), itoa(depth), itoa(suppliers))
	after := decodeToken(&v, req.GetPageToken(), params)
	if err := v.err(); err != nil {
		return nil, err
	}

	res, err := s.resolver(ctx)
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
	if chain.ID == "" {
		if chain, err = s.resolve(ctx, res, "link", graph.NamedChain, link.ChainID, nil); err != nil {
			return nil, err
		}
	}
	p, err := s.resolvePlace(ctx, res, "scope", req.GetScope(), true)
	if err != nil {
		return nil, err
	}
	sc, err := graphScope(p, req.GetLevel())
	if err != nil {
		return nil, err
	}

	rows, err := s.store.LackingRegions(ctx, graph.LackingQuery{LinkID: link.ID, Scope: sc, MaxDepth: depth, MaxSuppliers: suppliers})
	if err != nil {
		return nil, s.toStatus(ctx, "", err)
	}
	start, end, next := page(len(rows), after, size, params)
	resp := &pb.FindLackingRegionsResponse{
		Link:      &pb.LinkRef{Id: link.ID, Name: link.Name, ChainId: link.ChainID, Stage: stageToProto(link.Stage)},
		Chain:     &pb.ChainRef{Id: chain.ID, Name: chain.Name},
		Scope:     p.ref().GetRegion(),
		Belt:      p.ref().GetBelt(),
		Level:     levelToProto(sc.Level),
		MaxDepth:  int32(depth),
		TotalSize: int32(len(rows)),
	}
	if start < end {
		for _, r := range rows[start:end] {
			resp.LackingRegions = append(resp.LackingRegions, lackingToProto(r, maxPres))
		}
	}
	resp.NextPageToken = next
	return resp, nil
}

// province returns the province: the default scope, when the data holds exactly one.
func (s *Server) province(ctx context.Context, res *graph.Resolver) (graph.Named, error) {
	var provinces []graph.Named
	for _, n := range res.Entries(graph.NamedRegion) {
		if n.Level == graph.LevelProvince {
			provinces = append(provinces, n)
		}
	}
	if len(provinces) != 1 {
		var v violations
		v.add("scope", "required here: the data holds %d provinces, so there is no default scope", len(provinces))
		return graph.Named{}, v.err()
	}
	return provinces[0], nil
}
