// Package graphtest is the conformance suite every graph.Store must pass: each store operation
// and gap query run on a small fixture graph whose answers were worked out by hand (see the
// comments on Fixture and on each case). memstore and neo4jstore both run it.
//
// It is test support, not a test double: it holds no store of its own.
package graphtest

import "github.com/chaingraph/chaingraph/graph"

// Fixture is a small made-up province (codes 99xxxx, which no real region uses):
//
//	province P 990000
//	├── prefecture A 990100: counties A1 990101, A2 990102
//	├── prefecture B 990200: counties B1 990201, B2 990202
//	└── county D 990301, directly under the province (a prefecture unit)
//
// Borders form a line A1 – A2 – B1 – B2 – D. County centroids sit on latitude 30 at longitudes
// 110, 111, 112, 113, 114; A's centroid is (110.5, 30), B's (112.5, 30), P's (112, 30).
//
// Chain t: t-mat (upstream) → t-cell (midstream) → t-car (downstream) → t-test (downstream).
// Chain u: u-steel (upstream) → t-car, an edge across chains. u-ore has no edges.
//
// Presences: p1 t-car at prefecture A (a prefecture-level fact), p2 t-cell at B1,
// p3 t-car at B2 (a cluster, strength 3), p4 t-mat at D, p5 t-test at A2; and three
// enterprises: p6 u-ore at D, p7 u-ore at B2, p8 t-mat at D, p10 t-car at B2 (beside the
// cluster p3), p11 u-ore at D; and p9 t-cell at D.
//
// Belts: b-east (chains t, u) spans D and A, where the wording could also mean B; b-pole spans B.
// Targets: gdp and clusters, both for P.
func Fixture() *graph.Dataset {
	ev := func(origin string) graph.Evidence {
		return graph.Evidence{Kind: graph.EvidenceDomain, Reason: "fixture", Origin: origin}
	}
	region := func(code, name string, level graph.Level, parent string, lon float64, unit bool) graph.Region {
		r := graph.Region{ID: "cn-" + code, Code: code, Name: name, Level: level, Lon: lon, Lat: 30, HasCentroid: true, PrefectureUnit: unit, Evidence: ev("regions:" + code)}
		if parent != "" {
			r.ParentID = "cn-" + parent
		}
		switch level {
		case graph.LevelProvince:
			r.Kind = "province"
		case graph.LevelPrefecture:
			r.Kind = "prefecture_city"
		default:
			r.Kind = "county"
		}
		return r
	}
	border := func(a, b string) graph.Border {
		return graph.Border{A: "cn-" + a, B: "cn-" + b, LengthKM: 10, Evidence: ev("borders:" + a + "-" + b)}
	}
	link := func(id, chain, name string, stage graph.Stage) graph.Link {
		return graph.Link{ID: id, ChainID: chain, Name: name, Stage: stage, Evidence: ev("links:" + id)}
	}
	feed := func(from, to string) graph.Feed {
		return graph.Feed{From: from, To: to, Evidence: ev("feeds:" + from + "-" + to)}
	}
	presence := func(id, region, link string) graph.Presence {
		return graph.Presence{ID: id, RegionID: "cn-" + region, LinkID: link, Strength: 1, Status: graph.StatusExisting, Evidence: ev("presences:" + id)}
	}
	enterprise := func(id, region, link, name string) graph.Presence {
		p := presence(id, region, link)
		p.Holder, p.HolderKind = name, "enterprise"
		return p
	}
	return &graph.Dataset{
		Regions: []graph.Region{
			region("990000", "测试省", graph.LevelProvince, "", 112, false),
			region("990100", "甲市", graph.LevelPrefecture, "990000", 110.5, true),
			region("990101", "甲一区", graph.LevelCounty, "990100", 110, false),
			region("990102", "甲二县", graph.LevelCounty, "990100", 111, false),
			region("990200", "乙市", graph.LevelPrefecture, "990000", 112.5, true),
			region("990201", "乙一区", graph.LevelCounty, "990200", 112, false),
			region("990202", "乙二县", graph.LevelCounty, "990200", 113, false),
			region("990301", "丁市", graph.LevelCounty, "990000", 114, true),
		},
		Borders: []graph.Border{
			border("990101", "990102"), border("990102", "990201"), border("990201", "990202"), border("990202", "990301"),
		},
		Chains: []graph.Chain{
			{ID: "t", Name: "测试链", Category: "emerging", Aliases: []string{"试链"}, Evidence: ev("chains:t")},
			{ID: "u", Name: "钢铁链", Category: "traditional", Evidence: ev("chains:u")},
		},
		Links: []graph.Link{
			link("t-mat", "t", "材料", graph.StageUpstream),
			link("t-cell", "t", "电池", graph.StageMidstream),
			link("t-car", "t", "整车", graph.StageDownstream),
			link("t-test", "t", "测试", graph.StageDownstream),
			link("u-steel", "u", "汽车用钢", graph.StageUpstream),
			link("u-ore", "u", "矿石", graph.StageUpstream),
		},
		Feeds: []graph.Feed{
			feed("t-mat", "t-cell"), feed("t-cell", "t-car"), feed("t-car", "t-test"), feed("u-steel", "t-car"),
		},
		Presences: []graph.Presence{
			presence("p1", "990100", "t-car"),
			presence("p2", "990201", "t-cell"),
			func() graph.Presence {
				p := presence("p3", "990202", "t-car")
				p.Holder, p.HolderKind, p.Programme, p.Year, p.Strength = "乙二县整车产业集群", "cluster", "测试名单", 2024, 3
				return p
			}(),
			presence("p4", "990301", "t-mat"),
			presence("p5", "990102", "t-test"),
			enterprise("p6", "990301", "u-ore", "丁矿业"),
			enterprise("p7", "990202", "u-ore", "乙二矿业"),
			enterprise("p8", "990301", "t-mat", "丁材料厂"),
			func() graph.Presence { // one reading of an ambiguous source
				p := presence("p9", "990301", "t-cell")
				p.Alternatives = []string{"990201 乙一区"}
				return p
			}(),
			enterprise("p10", "990202", "t-car", "乙二车厂"),
			enterprise("p11", "990301", "u-ore", "丁二矿业"),
		},
		Belts: []graph.Belt{
			{ID: "b-east", Name: "东带", Kind: "traditional_belt", ChainIDs: []string{"t", "u"}, Aliases: []string{"东部带"}, Evidence: ev("belts:b-east")},
			{ID: "b-pole", Name: "增长极", Kind: "growth_pole", Evidence: ev("belts:b-pole")}, // not a development belt: no "same belt"
		},
		Members: []graph.BeltMember{
			{BeltID: "b-east", RegionID: "cn-990301", Evidence: ev("members:b-east-D")},
			{BeltID: "b-east", RegionID: "cn-990100", Alternatives: []string{"cn-990200"}, Evidence: ev("members:b-east-A")},
			{BeltID: "b-pole", RegionID: "cn-990200", Evidence: ev("members:b-pole-B")},
		},
		Targets: []graph.Target{
			{ID: "gdp", Indicator: "生产总值", Value: 2.8, Unit: "万亿元", Year: 2020, Comparator: "about", ScopeID: "cn-990000", Evidence: ev("targets:gdp")},
			{ID: "clusters", Indicator: "重点成长型产业集群", Value: 100, Unit: "个", Year: 2020, Comparator: "exactly", ScopeID: "cn-990000", Evidence: ev("targets:clusters")},
		},
	}
}
