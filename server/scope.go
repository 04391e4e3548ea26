package server

import (
	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
)

// placeRef is how an answer names the place it was about.
func placeRef(p query.Place) *pb.ScopeRef {
	if p.Belt.ID != "" {
		return &pb.ScopeRef{Belt: &pb.BeltRef{Id: p.Belt.ID, Name: p.Belt.Name}}
	}
	return &pb.ScopeRef{Region: namedRegionRef(p.Region)}
}

func namedRegionRef(r graph.Named) *pb.RegionRef {
	return &pb.RegionRef{Id: r.ID, Code: r.Code, Name: r.Name, Level: levelToProto(r.Level)}
}

func namedLinkRef(l graph.Named) *pb.LinkRef {
	return &pb.LinkRef{Id: l.ID, Name: l.Name, ChainId: l.ChainID, Stage: stageToProto(l.Stage)}
}

func chainRef(c graph.Named) *pb.ChainRef {
	if c.ID == "" {
		return nil
	}
	return &pb.ChainRef{Id: c.ID, Name: c.Name}
}
