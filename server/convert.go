package server

import (
	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
)

func levelToProto(l graph.Level) pb.RegionLevel {
	switch l {
	case graph.LevelProvince:
		return pb.RegionLevel_REGION_LEVEL_PROVINCE
	case graph.LevelPrefecture:
		return pb.RegionLevel_REGION_LEVEL_PREFECTURE
	case graph.LevelCounty:
		return pb.RegionLevel_REGION_LEVEL_COUNTY
	}
	return pb.RegionLevel_REGION_LEVEL_UNSPECIFIED
}

func levelFromProto(l pb.RegionLevel) graph.Level {
	switch l {
	case pb.RegionLevel_REGION_LEVEL_PROVINCE:
		return graph.LevelProvince
	case pb.RegionLevel_REGION_LEVEL_PREFECTURE:
		return graph.LevelPrefecture
	case pb.RegionLevel_REGION_LEVEL_COUNTY:
		return graph.LevelCounty
	}
	return graph.LevelUnspecified
}

func stageToProto(s graph.Stage) pb.Stage {
	switch s {
	case graph.StageUpstream:
		return pb.Stage_STAGE_UPSTREAM
	case graph.StageMidstream:
		return pb.Stage_STAGE_MIDSTREAM
	case graph.StageDownstream:
		return pb.Stage_STAGE_DOWNSTREAM
	}
	return pb.Stage_STAGE_UNSPECIFIED
}

func evidenceToProto(e graph.Evidence) *pb.Evidence {
	kind := pb.EvidenceKind_EVIDENCE_KIND_UNSPECIFIED
	switch e.Kind {
	case graph.EvidencePlan:
		kind = pb.EvidenceKind_EVIDENCE_KIND_PLAN
	case graph.EvidenceSource:
		kind = pb.EvidenceKind_EVIDENCE_KIND_SOURCE
	case graph.EvidenceDomain:
		kind = pb.EvidenceKind_EVIDENCE_KIND_DOMAIN
	}
	return &pb.Evidence{Kind: kind, Quote: e.Quote, Section: e.Section, Source: e.Source, Reason: e.Reason, Origin: e.Origin}
}

func regionToProto(r graph.Region) *pb.Region {
	return &pb.Region{
		Id: r.ID, Code: r.Code, Name: r.Name, Level: levelToProto(r.Level), ParentId: r.ParentID, Kind: r.Kind,
		Longitude: r.Lon, Latitude: r.Lat, HasCentroid: r.HasCentroid, Evidence: evidenceToProto(r.Evidence),
	}
}

func regionRef(r graph.Region) *pb.RegionRef {
	return &pb.RegionRef{Id: r.ID, Code: r.Code, Name: r.Name, Level: levelToProto(r.Level)}
}

func regionRefs(rs []graph.Region) []*pb.RegionRef {
	out := make([]*pb.RegionRef, len(rs))
	for i, r := range rs {
		out[i] = regionRef(r)
	}
	return out
}

func chainToProto(c graph.Chain) *pb.Chain {
	return &pb.Chain{Id: c.ID, Name: c.Name, Category: c.Category, Evidence: evidenceToProto(c.Evidence), Aliases: c.Aliases}
}

func linkToProto(l graph.Link) *pb.Link {
	return &pb.Link{Id: l.ID, Name: l.Name, ChainId: l.ChainID, Stage: stageToProto(l.Stage), Segments: l.Segments, Aliases: l.Aliases, Evidence: evidenceToProto(l.Evidence)}
}

func linkRef(l graph.Link) *pb.LinkRef {
	return &pb.LinkRef{Id: l.ID, Name: l.Name, ChainId: l.ChainID, Stage: stageToProto(l.Stage)}
}

// presencesToProto converts the first limit presences; callers report len(ps) as the count.
func presencesToProto(ps []graph.PresenceFact, limit int) []*pb.Presence {
	ps = ps[:min(limit, len(ps))]
	out := make([]*pb.Presence, len(ps))
	for i, p := range ps {
		out[i] = &pb.Presence{
			Id: p.Presence.ID, Region: regionRef(p.Region), Link: linkRef(p.Link), Strength: p.Presence.Strength,
			Evidence: evidenceToProto(p.Presence.Evidence), Holder: p.Presence.Holder, HolderKind: p.Presence.HolderKind,
			Programme: p.Presence.Programme, Year: int32(p.Presence.Year),
		}
	}
	return out
}

func demandToProto(d graph.Demand, maxPresences int) *pb.Demand {
	path := make([]*pb.LinkRef, len(d.Path))
	for i, l := range d.Path {
		path[i] = linkRef(l)
	}
	return &pb.Demand{Downstream: linkRef(d.Downstream), Path: path,
		Presences: presencesToProto(d.Presences, maxPresences), PresenceCount: int32(d.Count)}
}

func supplierToProto(s graph.Supplier, maxPresences int) *pb.Supplier {
	return &pb.Supplier{
		Region: regionRef(s.Region), BorderHops: int32(s.BorderHops), DistanceKm: s.DistanceKM,
		Presences: presencesToProto(s.Presences, maxPresences), PresenceCount: int32(len(s.Presences)),
		SamePrefecture: s.SamePrefecture, SameBelt: s.SameBelt,
	}
}

func lackingToProto(r graph.LackingRegion, maxPresences int) *pb.LackingRegion {
	out := &pb.LackingRegion{Region: regionRef(r.Region)}
	for _, d := range r.Demands {
		out.Demands = append(out.Demands, demandToProto(d, maxPresences))
	}
	for _, s := range r.Suppliers {
		out.NearestSuppliers = append(out.NearestSuppliers, supplierToProto(s, maxPresences))
	}
	return out
}
