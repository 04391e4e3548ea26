package server

import (
	"context"
	"strings"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
)

// ListRegions implements the RPC.
func (s *Server) ListRegions(ctx context.Context, req *pb.ListRegionsRequest) (*pb.ListRegionsResponse, error) {
	var v violations
	size := pageSize(&v, req.GetPageSize(), maxRegionPage)
	if _, ok := pb.RegionLevel_name[int32(req.GetLevel())]; !ok {
		v.add("level", "unknown level %d; want REGION_LEVEL_PROVINCE, REGION_LEVEL_PREFECTURE or REGION_LEVEL_COUNTY", req.GetLevel())
	}
	params := paramsHash("ListRegions", req.GetLevel().String(), strings.TrimSpace(req.GetParent()))
	after := decodeToken(&v, req.GetPageToken(), params)
	if err := v.err(); err != nil {
		return nil, err
	}
	q := graph.RegionQuery{ListQuery: graph.ListQuery{After: after, Limit: size + 1}, Level: levelFromProto(req.GetLevel())}
	if strings.TrimSpace(req.GetParent()) != "" {
		res, err := s.resolver(ctx)
		if err != nil {
			return nil, err
		}
		parent, err := s.resolve(ctx, res, "parent", graph.NamedRegion, req.GetParent(), nil)
		if err != nil {
			return nil, err
		}
		q.ParentID = parent.ID
	}
	regions, err := s.store.ListRegions(ctx, q)
	if err != nil {
		return nil, s.toStatus(ctx, "", err)
	}
	resp := &pb.ListRegionsResponse{}
	if len(regions) > size {
		regions = regions[:size]
		resp.NextPageToken = encodeToken(regions[size-1].Code, params)
	}
	for _, r := range regions {
		resp.Regions = append(resp.Regions, regionToProto(r))
	}
	return resp, nil
}

// GetRegion implements the RPC.
func (s *Server) GetRegion(ctx context.Context, req *pb.GetRegionRequest) (*pb.GetRegionResponse, error) {
	if strings.TrimSpace(req.GetRegion()) == "" {
		var v violations
		v.add("region", "required: a region id, code or name, e.g. 429005 or 潜江市")
		return nil, v.err()
	}
	res, err := s.resolver(ctx)
	if err != nil {
		return nil, err
	}
	region, err := s.resolve(ctx, res, "region", graph.NamedRegion, req.GetRegion(), nil)
	if err != nil {
		return nil, err
	}
	d, err := s.store.GetRegion(ctx, region.ID)
	if err != nil {
		return nil, s.toStatus(ctx, "region", err)
	}
	resp := &pb.GetRegionResponse{Region: regionToProto(d.Region), Children: regionRefs(d.Children), Neighbours: regionRefs(d.Neighbours)}
	if d.Parent != nil {
		resp.Parent = regionRef(*d.Parent)
	}
	return resp, nil
}
