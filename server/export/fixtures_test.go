package export

import (
	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"
)

// A small NEV chain: 正极材料 → 电池 → 整车, and 钢材 (another chain's link) → 整车.
var (
	cathode = &pb.LinkRef{Id: "nev-cathode", Name: "正极材料", ChainId: "nev", Stage: pb.Stage_STAGE_UPSTREAM}
	battery = &pb.LinkRef{Id: "nev-battery", Name: "电池", ChainId: "nev", Stage: pb.Stage_STAGE_MIDSTREAM}
	vehicle = &pb.LinkRef{Id: "nev-vehicle", Name: "整车", ChainId: "nev", Stage: pb.Stage_STAGE_DOWNSTREAM}
	steel   = &pb.LinkRef{Id: "steel-plate", Name: "钢材", ChainId: "steel", Stage: pb.Stage_STAGE_MIDSTREAM}

	suizhou = &pb.RegionRef{Id: "cn-421300", Code: "421300", Name: "随州市", Level: pb.RegionLevel_REGION_LEVEL_PREFECTURE}
	xiaogan = &pb.RegionRef{Id: "cn-420900", Code: "420900", Name: "孝感市", Level: pb.RegionLevel_REGION_LEVEL_PREFECTURE}
	wuhan   = &pb.RegionRef{Id: "cn-420100", Code: "420100", Name: "武汉市", Level: pb.RegionLevel_REGION_LEVEL_PREFECTURE}
	shiyan  = &pb.RegionRef{Id: "cn-420300", Code: "420300", Name: "十堰市", Level: pb.RegionLevel_REGION_LEVEL_PREFECTURE}
)

func planEvidence(section, quote string) *pb.Evidence {
	return &pb.Evidence{Kind: pb.EvidenceKind_EVIDENCE_KIND_PLAN, Section: section, Quote: quote + "(繁)", QuoteSimplified: quote}
}

func chainFixture() *pb.GetChainResponse {
	link := func(r *pb.LinkRef, segments ...string) *pb.Link {
		return &pb.Link{Id: r.Id, Name: r.Name, ChainId: r.ChainId, Stage: r.Stage, Segments: segments,
			Evidence: &pb.Evidence{Kind: pb.EvidenceKind_EVIDENCE_KIND_DOMAIN, Reason: r.Name + "是新能源汽车的环节"}}
	}
	return &pb.GetChainResponse{
		Chain: &pb.Chain{Id: "nev", Name: "新能源汽车", Category: "emerging", Aliases: []string{"新能源车"}, Evidence: planEvidence("二(一)2", "新能源汽车产业")},
		Links: []*pb.Link{link(cathode, "三元", "磷酸铁锂"), link(battery), link(vehicle)},
		Feeds: []*pb.Feed{
			{From: cathode, To: battery, Evidence: &pb.Evidence{Kind: pb.EvidenceKind_EVIDENCE_KIND_DOMAIN, Reason: "正极是电芯的材料"}},
			{From: battery, To: vehicle, Evidence: &pb.Evidence{Kind: pb.EvidenceKind_EVIDENCE_KIND_DOMAIN, Reason: "电池装车"}},
			{From: steel, To: vehicle, Evidence: &pb.Evidence{Kind: pb.EvidenceKind_EVIDENCE_KIND_DOMAIN, Reason: "车身用钢"}},
		},
	}
}

// lackingFixture: 随州 and 孝感 lack 正极材料, which feeds their 整车 through 电池; 武汉 supplies both,
// 十堰 supplies 孝感 with no known distance or border path.
func lackingFixture() *pb.FindLackingRegionsResponse {
	return &pb.FindLackingRegionsResponse{
		Link: cathode, Chain: &pb.ChainRef{Id: "nev", Name: "新能源汽车"}, Level: pb.RegionLevel_REGION_LEVEL_PREFECTURE, MaxDepth: 4, TotalSize: 2,
		Dictionary: &pb.Dictionary{Links: []*pb.LinkRef{battery, cathode, vehicle}, Regions: []*pb.RegionRef{suizhou, wuhan, xiaogan}},
		LackingRegions: []*pb.LackingRegion{
			{
				Region: suizhou, DemandCount: 1,
				Demands: []*pb.Demand{{Downstream: vehicle, PathLinkIds: []string{"nev-cathode", "nev-battery", "nev-vehicle"}, PresenceCount: 2, CertainPresenceCount: 2,
					Presences: []*pb.Presence{{Id: "p1", RegionId: suizhou.Id, LinkId: vehicle.Id, Strength: 1, Evidence: planEvidence("二(二)2", "随州专用车")}}}},
				NearestSuppliers: []*pb.Supplier{{Region: wuhan, BorderHops: 2, DistanceKm: 155.3, SameBelt: true, PresenceCount: 1, CertainPresenceCount: 1}},
			},
			{
				Region: xiaogan, DemandCount: 1,
				Demands: []*pb.Demand{{Downstream: vehicle, PathLinkIds: []string{"nev-cathode", "nev-battery", "nev-vehicle"}, PresenceCount: 1,
					Presences: []*pb.Presence{{Id: "p2", RegionId: xiaogan.Id, LinkId: vehicle.Id, Strength: 3, Holder: "孝感汽车零部件产业集群", HolderKind: "cluster", Year: 2018,
						Evidence: &pb.Evidence{Kind: pb.EvidenceKind_EVIDENCE_KIND_SOURCE, Source: "湖北省重点成长型产业集群 2018"}}}}},
				NearestSuppliers: []*pb.Supplier{
					{Region: shiyan, BorderHops: -1, DistanceKm: -1, PresenceCount: 1, CertainPresenceCount: 0},
					{Region: wuhan, BorderHops: 1, DistanceKm: 60, SamePrefecture: false, SameBelt: true, PresenceCount: 1, CertainPresenceCount: 1},
				},
			},
		},
	}
}

// weakFixture: 正极材料 held by nobody (HHI -1), 电池 by 武汉 alone, on one reading.
func weakFixture() *pb.FindWeakLinksResponse {
	return &pb.FindWeakLinksResponse{Chain: &pb.ChainRef{Id: "nev"}, WeakLinks: []*pb.WeakLink{
		{Link: cathode, Hhi: -1},
		{Link: battery, Hhi: 1, HolderCount: 1, CertainHolderCount: 0, Holders: []*pb.Holding{{Region: wuhan, Strength: 2, PresenceCount: 1,
			Presences: []*pb.Presence{{Evidence: planEvidence("二(一)2", "武汉电池")}}}}},
	}}
}
