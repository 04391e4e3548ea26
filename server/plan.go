package server

import (
	"context"
	"strings"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
)

const maxBeltPage = 200

// beltToProto names the belt's chains with the resolver's entries.
func beltToProto(b graph.Belt, chainNames map[string]string) *pb.Belt {
	out := &pb.Belt{Id: b.ID, Name: b.Name, Kind: b.Kind, Aliases: b.Aliases, Evidence: evidenceToProto(b.Evidence)}
	for _, c := range b.ChainIDs {
		out.Chains = append(out.Chains, &pb.ChainRef{Id: c, Name: chainNames[c]})
	}
	return out
}

func chainNames(res *graph.Resolver) map[string]string {
	out := map[string]string{}
	for _, n := range res.Entries(graph.NamedChain) {
		out[n.ID] = n.Name
	}
	return out
}

// ListBelts implements the RPC.
func (s *Server) ListBelts(ctx context.Context, req *pb.ListBeltsRequest) (*pb.ListBeltsResponse, error) {
	var v violations
	size := pageSize(&v, req.GetPageSize(), maxBeltPage)
	kind := strings.TrimSpace(req.GetKind())
	if kind != "" && !contains(graph.BeltKinds, kind) {
		v.add("kind", "unknown kind %q; want one of %s, or empty for all", kind, strings.Join(graph.BeltKinds, ", "))
	}
	params := paramsHash("ListBelts", kind)
	after := decodeToken(&v, req.GetPageToken(), params)
	if err := v.err(); err != nil {
		return nil, err
	}
	belts, err := s.store.ListBelts(ctx, graph.BeltQuery{ListQuery: graph.ListQuery{After: after, Limit: size + 1}, Kind: kind})
	if err != nil {
		return nil, s.toStatus(ctx, "", err)
	}
	res, err := s.resolver(ctx)
	if err != nil {
		return nil, err
	}
	names := chainNames(res)
	resp := &pb.ListBeltsResponse{}
	if len(belts) > size {
		belts = belts[:size]
		resp.NextPageToken = encodeToken(belts[size-1].ID, params)
	}
	for _, b := range belts {
		resp.Belts = append(resp.Belts, beltToProto(b, names))
	}
	return resp, nil
}

// GetBelt implements the RPC.
func (s *Server) GetBelt(ctx context.Context, req *pb.GetBeltRequest) (*pb.GetBeltResponse, error) {
	if strings.TrimSpace(req.GetBelt()) == "" {
		var v violations
		v.add("belt", "required: a belt id or name, e.g. 襄十随汽车及零部件")
		return nil, v.err()
	}
	res, err := s.resolver(ctx)
	if err != nil {
		return nil, err
	}
	belt, err := s.resolve(ctx, res, "belt", graph.NamedBelt, req.GetBelt(), nil)
	if err != nil {
		return nil, err
	}
	d, err := s.store.GetBelt(ctx, belt.ID)
	if err != nil {
		return nil, s.toStatus(ctx, "belt", err)
	}
	resp := &pb.GetBeltResponse{Belt: beltToProto(d.Belt, chainNames(res))}
	for _, m := range d.Members {
		resp.Members = append(resp.Members, &pb.BeltMember{Region: regionRef(m.Region), Alternatives: regionRefs(m.Alternatives), Evidence: evidenceToProto(m.Evidence)})
	}
	return resp, nil
}

// ListPlanTargets implements the RPC.
func (s *Server) ListPlanTargets(ctx context.Context, req *pb.ListPlanTargetsRequest) (*pb.ListPlanTargetsResponse, error) {
	var v violations
	size := pageSize(&v, req.GetPageSize(), maxBeltPage)
	params := paramsHash("ListPlanTargets")
	after := decodeToken(&v, req.GetPageToken(), params)
	if err := v.err(); err != nil {
		return nil, err
	}
	targets, err := s.store.ListTargets(ctx, graph.ListQuery{After: after, Limit: size + 1})
	if err != nil {
		return nil, s.toStatus(ctx, "", err)
	}
	res, err := s.resolver(ctx)
	if err != nil {
		return nil, err
	}
	regions := map[string]graph.Named{}
	for _, n := range res.Entries(graph.NamedRegion) {
		regions[n.ID] = n
	}
	resp := &pb.ListPlanTargetsResponse{}
	if len(targets) > size {
		targets = targets[:size]
		resp.NextPageToken = encodeToken(targets[size-1].ID, params)
	}
	for _, t := range targets {
		r := regions[t.ScopeID]
		resp.Targets = append(resp.Targets, &pb.PlanTarget{
			Id: t.ID, Indicator: t.Indicator, Value: t.Value, Unit: t.Unit, Year: int32(t.Year), Comparator: t.Comparator,
			Scope: &pb.RegionRef{Id: r.ID, Code: r.Code, Name: r.Name, Level: levelToProto(r.Level)}, Evidence: evidenceToProto(t.Evidence),
		})
	}
	return resp, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
