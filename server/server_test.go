package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"
	"google.golang.org/protobuf/encoding/protojson"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/graphtest"
	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/graph/neo4jstore/neo4jtest"
	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/seeds"
	"github.com/chaingraph/chaingraph/server"
)

func seedData(t *testing.T) *graph.Dataset {
	t.Helper()
	ds, err := loaders.Build(loaders.Source{Name: "seeds", FS: seeds.FS})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// dial serves store over an in-memory connection and returns a client.
func dial(t *testing.T, store graph.Reader) (pb.ChainGraphServiceClient, *grpc.ClientConn) {
	t.Helper()
	lis := serve(t, store, server.DefaultConfig())
	return connect(t, lis)
}

// serve runs a server on an in-memory listener until the test ends.
func serve(t *testing.T, store graph.Reader, cfg server.Config) *bufconn.Listener {
	t.Helper()
	lis := bufconn.Listen(1 << 20)
	gs, hs := server.NewGRPCServer(cfg, store, slog.New(slog.NewTextHandler(io.Discard, nil)))
	hs.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)
	go gs.Serve(lis)
	t.Cleanup(gs.Stop)
	return lis
}

// connect opens a client connection of its own to a served listener.
func connect(t *testing.T, lis *bufconn.Listener, opts ...grpc.DialOption) (pb.ChainGraphServiceClient, *grpc.ClientConn) {
	t.Helper()
	opts = append([]grpc.DialOption{
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials())}, opts...)
	conn, err := grpc.NewClient("passthrough:///bufnet", opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return pb.NewChainGraphServiceClient(conn), conn
}

func memClient(t *testing.T) (pb.ChainGraphServiceClient, *grpc.ClientConn) {
	t.Helper()
	s := memstore.New()
	if err := s.Replace(context.Background(), seedData(t)); err != nil {
		t.Fatal(err)
	}
	return dial(t, s)
}

func fieldViolations(t *testing.T, err error) []string {
	t.Helper()
	var fields []string
	for _, d := range status.Convert(err).Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.FieldViolations {
				fields = append(fields, v.Field)
			}
		}
	}
	return fields
}

func TestListAndGet(t *testing.T) {
	ctx := context.Background()
	c, conn := memClient(t)
	chains, err := c.ListChains(ctx, &pb.ListChainsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range chains.Chains {
		if c.Evidence.GetKind() != pb.EvidenceKind_EVIDENCE_KIND_PLAN || c.Evidence.GetQuote() == "" {
			t.Errorf("chain %s has no plan quote", c.Id)
		}
	}
	chain, err := c.GetChain(ctx, &pb.GetChainRequest{Chain: "新能源汽車"}) // traditional script
	if err != nil {
		t.Fatal(err)
	}
	inside, across := 0, 0
	for _, f := range chain.Feeds {
		if f.From.ChainId == "nev" && f.To.ChainId == "nev" {
			inside++
		} else {
			across++
			if f.From.Name == "" || f.To.Name == "" || f.From.Stage == pb.Stage_STAGE_UNSPECIFIED || f.To.Stage == pb.Stage_STAGE_UNSPECIFIED {
				t.Errorf("cross-chain edge %v -> %v lacks a name or stage", f.From, f.To)
			}
		}
	}
	if len(chain.Links) != 8 || inside != 11 || across == 0 {
		t.Errorf("GetChain: %d links, %d feeds inside, %d across chains; want 8, 11 and some", len(chain.Links), inside, across)
	}
	for _, l := range chain.Links {
		if l.Evidence.GetKind() == pb.EvidenceKind_EVIDENCE_KIND_UNSPECIFIED || l.Stage == pb.Stage_STAGE_UNSPECIFIED {
			t.Errorf("link %s lacks evidence or stage", l.Id)
		}
	}
	for _, name := range []string{"潛江市", "429005", "cn-429005", "潜江"} {
		r, err := c.GetRegion(ctx, &pb.GetRegionRequest{Region: name})
		if err != nil {
			t.Fatalf("GetRegion(%s): %v", name, err)
		}
		if r.Region.Code != "429005" {
			t.Errorf("GetRegion(%s) = %s, want 429005", name, r.Region.Code)
		}
	}
	// Counties, paged by 40: 103 in three pages, every code once.
	seen := map[string]bool{}
	req := &pb.ListRegionsRequest{Level: pb.RegionLevel_REGION_LEVEL_COUNTY, PageSize: 40}
	pages := 0
	for {
		resp, err := c.ListRegions(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, r := range resp.Regions {
			if seen[r.Code] {
				t.Errorf("region %s on two pages", r.Code)
			}
			seen[r.Code] = true
		}
		if resp.NextPageToken == "" {
			break
		}
		req.PageToken = resp.NextPageToken
	}
	if len(seen) != 103 || pages != 3 {
		t.Errorf("counties: %d in %d pages, want 103 in 3", len(seen), pages)
	}
	kids, err := c.ListRegions(ctx, &pb.ListRegionsRequest{Parent: "恩施土家族苗族自治州", PageSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	if len(kids.Regions) != 8 { // 恩施市, 利川市 and six counties
		t.Errorf("children of 恩施州: %d, want 8", len(kids.Regions))
	}
	h, err := healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{})
	if err != nil || h.Status != healthpb.HealthCheckResponse_SERVING {
		t.Errorf("health = %v, %v; want SERVING", h, err)
	}
}

func TestErrors(t *testing.T) {
	ctx := context.Background()
	c, _ := memClient(t)
	for _, tc := range []struct {
		name   string
		call   func() error
		code   codes.Code
		fields []string
		msg    string
	}{
		{"misspelt chain", func() error { _, err := c.GetChain(ctx, &pb.GetChainRequest{Chain: "新能源汽"}); return err }, codes.NotFound, nil, "did you mean 新能源汽车"},
		{"misspelt link", func() error {
			_, err := c.FindLackingRegions(ctx, &pb.FindLackingRegionsRequest{Chain: "nev", Link: "电吃"})
			return err
		}, codes.NotFound, nil, "did you mean 电池"},
		{"negative page size", func() error { _, err := c.ListRegions(ctx, &pb.ListRegionsRequest{PageSize: -5}); return err }, codes.InvalidArgument, []string{"page_size"}, "page_size"},
		{"several bad fields at once", func() error {
			_, err := c.FindLackingRegions(ctx, &pb.FindLackingRegionsRequest{PageSize: -1, MaxDepth: 99})
			return err
		}, codes.InvalidArgument, []string{"page_size", "max_depth", "link"}, "page_size"},
		{"token for other parameters", func() error {
			first, err := c.ListRegions(ctx, &pb.ListRegionsRequest{PageSize: 1})
			if err != nil {
				return err
			}
			_, err = c.ListRegions(ctx, &pb.ListRegionsRequest{PageSize: 1, Level: pb.RegionLevel_REGION_LEVEL_COUNTY, PageToken: first.NextPageToken})
			return err
		}, codes.InvalidArgument, []string{"page_token"}, "other parameters"},
		{"prefecture answer for a county scope", func() error {
			_, err := c.FindLackingRegions(ctx, &pb.FindLackingRegionsRequest{Link: "nev-battery", Scope: "郧阳区", Level: pb.RegionLevel_REGION_LEVEL_PREFECTURE})
			return err
		}, codes.InvalidArgument, []string{"level"}, "county-level"},
		{"cypher as a name", func() error {
			_, err := c.GetRegion(ctx, &pb.GetRegionRequest{Region: "x'}) MATCH (n) DETACH DELETE n //"})
			return err
		}, codes.NotFound, nil, "not found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			if status.Code(err) != tc.code {
				t.Fatalf("code = %v (%v), want %v", status.Code(err), err, tc.code)
			}
			if got := fieldViolations(t, err); strings.Join(got, ",") != strings.Join(tc.fields, ",") {
				t.Errorf("field violations = %v, want %v", got, tc.fields)
			}
			if !strings.Contains(status.Convert(err).Message(), tc.msg) {
				t.Errorf("message %q does not contain %q", status.Convert(err).Message(), tc.msg)
			}
		})
	}
}

// TestFindLackingRegions checks the plan's own data: the NEV chain's battery materials.
func TestFindLackingRegions(t *testing.T) {
	ctx := context.Background()
	c, _ := memClient(t)
	req := &pb.FindLackingRegionsRequest{Chain: "新能源汽车", Link: "电池材料", PageSize: 4, View: pb.AnswerView_ANSWER_VIEW_FULL}
	rows := map[string]*pb.LackingRegion{}
	var order []string
	named := map[string]bool{} // links the pages' dictionaries name
	pages := 0
	for {
		resp, err := c.FindLackingRegions(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, l := range resp.Dictionary.GetLinks() {
			named[l.Id] = true
		}
		if resp.Scope.Code != "420000" || resp.Level != pb.RegionLevel_REGION_LEVEL_PREFECTURE || resp.MaxDepth != 4 || resp.Link.Id != "nev-battery-materials" || resp.Chain.Id != "nev" {
			t.Errorf("echoed parameters = %v %v %v %v %v", resp.Scope, resp.Level, resp.MaxDepth, resp.Link, resp.Chain)
		}
		for _, r := range resp.LackingRegions {
			rows[r.Region.Name] = r
			order = append(order, r.Region.Name)
			if len(r.NearestSuppliers) == 0 { // 宜都市 and 安陆市 supply every page's rows
				t.Errorf("page %d: %s has no nearest supplier", pages, r.Region.Name)
			}
		}
		if int(resp.TotalSize) != len(rows) && resp.NextPageToken == "" {
			t.Errorf("total_size %d, but %d rows over all pages", resp.TotalSize, len(rows))
		}
		if resp.NextPageToken == "" {
			break
		}
		req.PageToken = resp.NextPageToken
	}
	if pages != (len(rows)+3)/4 {
		t.Errorf("%d rows came in %d pages of 4", len(rows), pages)
	}
	// 宜昌 (宜都市) and 孝感 (安陆市) host battery materials (2024 cluster list): they lack nothing.
	for _, has := range []string{"宜昌市", "孝感市"} {
		if rows[has] != nil {
			t.Errorf("%s is listed as lacking battery materials, but its county hosts them", has)
		}
	}
	// The cities the plan names as the NEV chain's drivers (發揮…產業帶動作用, 二(一)1) hold the
	// chain as a whole, not any link of it: none is told it lacks battery materials.
	for _, holder := range []string{"武汉市", "黄石市", "襄阳市", "十堰市", "荆门市"} {
		if rows[holder] != nil {
			t.Errorf("%s is listed as lacking battery materials, but the plan names it a driver of the whole NEV chain", holder)
		}
	}
	resp, err := c.FindLackingRegions(ctx, &pb.FindLackingRegionsRequest{Chain: "新能源汽车", Link: "电池材料"})
	if err != nil {
		t.Fatal(err)
	}
	var holders []string
	for _, r := range resp.ChainHolders {
		holders = append(holders, r.Name)
	}
	if strings.Join(holders, " ") != "武汉市 黄石市 十堰市 襄阳市 荆门市" {
		t.Errorf("chain holders = %v, want the plan's five NEV drivers, by code", holders)
	}
	suizhou := rows["随州市"]
	if suizhou == nil || len(suizhou.Demands) != 2 {
		t.Fatalf("随州市 = %v, want a row with two demands (NEVs and special vehicles of the 二(二)2 belt)", suizhou)
	}
	for _, d := range suizhou.Demands {
		if len(d.Presences) == 0 || d.Presences[0].Evidence.GetQuote() == "" && d.Presences[0].Evidence.GetSource() == "" {
			t.Errorf("demand %s has no evidence", d.Downstream.Id)
		}
		if p := d.PathLinkIds; len(p) < 2 || p[0] != "nev-battery-materials" || p[len(p)-1] != d.Downstream.Id {
			t.Errorf("demand path %v does not run from the missing link to %s", p, d.Downstream.Id)
		}
		for _, id := range d.PathLinkIds {
			if !named[id] {
				t.Errorf("path link %s is not named in the answer's dictionary", id)
			}
		}
	}
	// 宜都市 (宜昌) shares the NEV belt with 随州 (二(二)2), so it ranks before 安陆市 (孝感), which
	// is nearer (1 border) but shares no belt with 随州.
	var sups []string
	for _, s := range suizhou.NearestSuppliers {
		sups = append(sups, fmt.Sprintf("%s/%d/%v/%s", s.Region.Name, s.BorderHops, s.SameBelt, s.Presences[0].HolderKind))
	}
	if strings.Join(sups, " ") != "宜都市/5/true/cluster 安陆市/1/false/cluster" {
		t.Errorf("suppliers of 随州市 = %v, want 宜都市 (same belt, 5 borders) then 安陆市 (1 border)", sups)
	}
	strength := func(r *pb.LackingRegion) float64 {
		var s float64
		for _, d := range r.Demands {
			for _, p := range d.Presences {
				s += p.Strength
			}
		}
		return s
	}
	for i := 1; i < len(order); i++ {
		if strength(rows[order[i-1]]) < strength(rows[order[i]]) {
			t.Errorf("%s (demand strength %g) before %s (%g)", order[i-1], strength(rows[order[i-1]]), order[i], strength(rows[order[i]]))
		}
	}
}

// TestCypherInNamesLeavesNeo4jUnchanged sends Cypher fragments as names to a Neo4j-backed
// service: each is NotFound, and the graph has the same entities afterwards.
func TestCypherInNamesLeavesNeo4jUnchanged(t *testing.T) {
	ctx := context.Background()
	store := neo4jtest.Open(t)
	if err := store.Replace(ctx, seedData(t)); err != nil {
		t.Fatal(err)
	}
	before, err := graphtest.View(t, store).Names(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := dial(t, store)
	for _, evil := range []string{
		"nev'}) DETACH DELETE n //",
		"\" OR 1=1 WITH 1 AS x MATCH (n) DETACH DELETE n //",
		"420100}) MATCH (n) SET n.name = 'x' //",
	} {
		_, err := c.FindLackingRegions(ctx, &pb.FindLackingRegionsRequest{Chain: evil, Link: evil, Scope: evil})
		if status.Code(err) != codes.NotFound {
			t.Errorf("FindLackingRegions(%q) = %v, want NotFound", evil, err)
		}
		_, err = c.GetRegion(ctx, &pb.GetRegionRequest{Region: evil})
		if status.Code(err) != codes.NotFound {
			t.Errorf("GetRegion(%q) = %v, want NotFound", evil, err)
		}
		// A programme is a value, never query text: no fact has this one, and nothing changes.
		resp, err := c.FindLackingRegions(ctx, &pb.FindLackingRegionsRequest{Link: "电池材料", Facts: &pb.FactFilter{Programme: evil}})
		if err != nil || resp.TotalSize != 0 {
			t.Errorf("FindLackingRegions(programme %q) = %v, %v; want no region", evil, resp.GetTotalSize(), err)
		}
	}
	after, err := graphtest.View(t, store).Names(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("graph changed (-before +after):\n%s", diff)
	}
}

func TestNames(t *testing.T) {
	ctx := context.Background()
	c, _ := memClient(t)
	for name, code := range map[string]string{
		"潛江市": "429005", "潜江": "429005", "潜江市": "429005", "监利县": "421088", "監利縣": "421088",
		"仙桃": "429004", "神农架": "429021", "神农架林区": "429021", "恩施州": "422800",
		"恩施土家族苗族自治州": "422800", "421088": "421088",
	} {
		r, err := c.GetRegion(ctx, &pb.GetRegionRequest{Region: name})
		if err != nil {
			t.Errorf("GetRegion(%s): %v", name, err)
			continue
		}
		if r.Region.Code != code {
			t.Errorf("GetRegion(%s) = %s, want %s", name, r.Region.Code, code)
		}
	}
	// 恩施 is both 恩施市 and 恩施州: an error that lists both.
	_, err := c.GetRegion(ctx, &pb.GetRegionRequest{Region: "恩施"})
	if status.Code(err) != codes.InvalidArgument || !strings.Contains(err.Error(), "422801") || !strings.Contains(err.Error(), "422800") {
		t.Errorf("GetRegion(恩施) = %v, want InvalidArgument naming 恩施市 422801 and 恩施州 422800", err)
	}
	if got := fieldViolations(t, err); strings.Join(got, ",") != "region" {
		t.Errorf("field violations = %v, want [region]", got)
	}
}

// TestPlanData checks the seeds against what the plan says (issue: the whole plan as data).
func TestPlanData(t *testing.T) {
	ctx := context.Background()
	c, _ := memClient(t)
	chains, err := c.ListChains(ctx, &pb.ListChainsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, ch := range chains.Chains {
		ids = append(ids, ch.Id)
	}
	if strings.Join(ids, ",") != "agrifood,auto,biomed,buildmat,chem,equipment,ict,metal,nev,newmat,textile,tourism" {
		t.Errorf("chains = %v, want the plan's 11 and tourism (its two tourism belts, 二(二)2)", ids)
	}
	// 神农架 and 恩施州 are on the 十堰-宜昌-恩施-林区 tourism belt: each holds the tourism chain.
	for _, region := range []string{"神农架林区", "恩施州"} {
		prof, err := c.GetRegionProfile(ctx, &pb.GetRegionProfileRequest{Region: region})
		if err != nil {
			t.Fatal(err)
		}
		if len(prof.Chains) == 0 || prof.Chains[len(prof.Chains)-1].Chain.Id != "tourism" || len(prof.Chains[len(prof.Chains)-1].ChainFacts) != 1 {
			t.Errorf("%s: chains %v, want tourism held by the belt's chain fact", region, prof.Chains)
		}
	}
	// The plan spells 农产品加工 out as a sequence (产购储加销); the FEEDS edges follow it. Its
	// textile sentence is a list of links, not a supply chain: no textile edge cites it, and
	// design does not feed new materials, nor fabric buttons (issue 11).
	textile, err := c.GetChain(ctx, &pb.GetChainRequest{Chain: "纺织服装"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range textile.Feeds {
		inside := f.From.ChainId == "textile" && f.To.ChainId == "textile" // edges to auto and biomed cite their own sentences
		if inside && f.Evidence.GetKind() == pb.EvidenceKind_EVIDENCE_KIND_PLAN {
			t.Errorf("纺织服装: edge %s -> %s cites the plan's list as a supply", f.From.Id, f.To.Id)
		}
		if e := f.From.Id + ">" + f.To.Id; e == "textile-design>textile-new-materials" || e == "textile-fabric>textile-buttons" {
			t.Errorf("纺织服装: false edge %s", e)
		}
	}
	for chain, order := range map[string][][2]string{
		"农产品加工": {{"agrifood-production", "agrifood-purchasing"}, {"agrifood-purchasing", "agrifood-storage"},
			{"agrifood-storage", "agrifood-processing"}, {"agrifood-processing", "agrifood-sales"}},
	} {
		d, err := c.GetChain(ctx, &pb.GetChainRequest{Chain: chain})
		if err != nil {
			t.Fatal(err)
		}
		feeds := map[[2]string]*pb.Feed{}
		for _, f := range d.Feeds {
			feeds[[2]string{f.From.Id, f.To.Id}] = f
		}
		for _, e := range order {
			f, ok := feeds[e]
			if !ok {
				t.Errorf("%s: no FEEDS edge %s -> %s", chain, e[0], e[1])
				continue
			}
			if f.Evidence.GetKind() != pb.EvidenceKind_EVIDENCE_KIND_PLAN {
				t.Errorf("%s: edge %s -> %s should cite the plan's ordering, has %v", chain, e[0], e[1], f.Evidence.GetKind())
			}
		}
	}
	belts, err := c.ListBelts(ctx, &pb.ListBeltsRequest{PageSize: 200})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, b := range belts.Belts {
		kinds[b.Kind]++
	}
	if kinds["emerging_belt"] != 3 || kinds["traditional_belt"] != 6 {
		t.Errorf("belt kinds = %v, want the 3+6 belts", kinds)
	}
	for _, b := range belts.Belts {
		if !strings.HasSuffix(b.Kind, "_belt") {
			continue
		}
		d, err := c.GetBelt(ctx, &pb.GetBeltRequest{Belt: b.Name})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Members) < 3 {
			t.Errorf("belt %s has %d members, want at least 3", b.Name, len(d.Members))
		}
	}
	// 宜襄黄孝咸: 黄 is ambiguous, and the data says so.
	ict, err := c.GetBelt(ctx, &pb.GetBeltRequest{Belt: "宜襄黃孝咸"}) // a part of its name, traditional script
	if err != nil {
		t.Fatal(err)
	}
	ambiguous := 0
	for _, m := range ict.Members {
		if len(m.Alternatives) > 0 {
			ambiguous++
			if m.Evidence.GetReason() == "" {
				t.Errorf("ambiguous member %s has no reason", m.Region.Name)
			}
		}
	}
	if ambiguous == 0 {
		t.Error("宜襄黄孝咸: no member records the 黄石/黄冈 ambiguity")
	}
	targets, err := c.ListPlanTargets(ctx, &pb.ListPlanTargetsRequest{PageSize: 200})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, tg := range targets.Targets {
		if tg.Id == "county-gdp-total" && tg.Value == 2.8 && tg.Unit == "万亿元" && tg.Year == 2020 && tg.Evidence.GetQuote() != "" {
			found = true
		}
	}
	if !found {
		t.Errorf("targets lack 县域生产总值 2.8万亿元 (2020) with its quote: %v", targets.Targets)
	}
}

// TestAnalytics asks the questions of the plan's own data; the expected answers can be
// read off the plan (sections cited).
func TestAnalytics(t *testing.T) {
	ctx := context.Background()
	c, _ := memClient(t)

	// 强链: the plan names places for NEV vehicles and special vehicles, but none for batteries,
	// motors, controls, fuel cells or testing: nobody holds those. Battery materials have two
	// holders (宜昌 and 孝感, through the 2024 cluster list), so they are weak at k=3.
	weak, err := c.FindWeakLinks(ctx, &pb.FindWeakLinksRequest{Chain: "新能源汽车", MinHolders: 3})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, w := range weak.WeakLinks {
		got[w.Link.Id] = len(w.Holders)
		if len(w.Holders) == 0 && w.Hhi != -1 || len(w.Holders) > 0 && (w.Hhi <= 0 || w.Hhi > 1) {
			t.Errorf("%s: hhi %v with %d holders", w.Link.Id, w.Hhi, len(w.Holders))
		}
	}
	// 测试示范 has one holder: 武汉's planned 智能网联汽车示范区 (二(一)1).
	want := map[string]int{"nev-battery": 0, "nev-motor": 0, "nev-control": 0, "nev-fuel-cell": 0, "nev-testing": 1, "nev-battery-materials": 2}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("weak NEV links (-want +got):\n%s", diff)
	}
	if weak.WeakLinks[0].Link.Id != "nev-testing" || weak.WeakLinks[1].Link.Id != "nev-battery-materials" {
		t.Errorf("first weak links = %s, %s; want the single-source one, then the one with two holders", weak.WeakLinks[0].Link.Id, weak.WeakLinks[1].Link.Id)
	}
	for _, w := range weak.WeakLinks {
		if w.CertainHolderCount != w.HolderCount { // every NEV fact of the seeds reads one way
			t.Errorf("%s: %d of %d holders certain", w.Link.Id, w.CertainHolderCount, w.HolderCount)
		}
	}

	// 延链 for 襄阳: it has vehicles, parts (襄十随, 二(二)2) and NEVs; 改装车 is fed by both.
	ext, err := c.FindExtensions(ctx, &pb.FindExtensionsRequest{Scope: "襄阳市", View: pb.AnswerView_ANSWER_VIEW_FULL})
	if err != nil {
		t.Fatal(err)
	}
	basic, err := c.FindExtensions(ctx, &pb.FindExtensionsRequest{Scope: "襄阳市"})
	if err != nil {
		t.Fatal(err)
	}
	if basic.View != pb.AnswerView_ANSWER_VIEW_BASIC || len(basic.Extensions) != len(ext.Extensions) {
		t.Errorf("default view %v with %d extensions; want BASIC with the %d of FULL", basic.View, len(basic.Extensions), len(ext.Extensions))
	}
	for i, e := range basic.Extensions {
		for j, n := range e.PresentNeighbours {
			if full := ext.Extensions[i].PresentNeighbours[j]; len(n.Presences) != 0 || n.PresenceCount != full.PresenceCount || n.Link.Id != full.Link.Id {
				t.Errorf("BASIC %s/%s: %d presences listed, count %d; want none listed and FULL's count %d", e.Link.Id, n.Link.Id, len(n.Presences), n.PresenceCount, full.PresenceCount)
			}
		}
	}
	if len(ext.Extensions) == 0 || ext.Extensions[0].Density < ext.Extensions[len(ext.Extensions)-1].Density {
		t.Fatalf("extensions not ordered by density: %v", ext.Extensions)
	}
	found := false
	for _, e := range ext.Extensions {
		if e.Link.Id == "auto-modified" && e.Density == 1 {
			found = true
		}
		for _, n := range e.PresentNeighbours {
			if len(n.Presences) == 0 {
				t.Errorf("%s: neighbour %s without presences", e.Link.Id, n.Link.Id)
			}
		}
	}
	if !found {
		t.Error("襄阳: 改装车 (fed by vehicles and parts, which it has) is not a density-1 extension")
	}

	// 仙桃: the plan's electronics base (二(一)1), 仙天潜 aquatic products (二(二)2), and its
	// non-woven cluster.
	prof, err := c.GetRegionProfile(ctx, &pb.GetRegionProfileRequest{Region: "仙桃"})
	if err != nil {
		t.Fatal(err)
	}
	chains := map[string]*pb.ChainProfile{}
	for _, cp := range prof.Chains {
		chains[cp.Chain.Id] = cp
		if cp.Completeness < 0 || cp.Completeness > 1 || cp.Completeness == 0 && len(cp.Present) > 0 {
			t.Errorf("%s: completeness %v", cp.Chain.Id, cp.Completeness)
		}
	}
	for id, link := range map[string]string{"agrifood": "agrifood-aquatic", "textile": "textile-industrial"} {
		cp := chains[id]
		if cp == nil || len(cp.Present) == 0 || cp.Present[0].Link.Id != link {
			t.Errorf("仙桃 %s: %v, want %s present", id, cp, link)
		}
	}
	// 仙桃's nonwoven cluster is on the 2013 list and again about 2020: one holder, two evidences.
	if tx := chains["textile"]; tx != nil && len(tx.Present) > 0 {
		p := tx.Present[0]
		if p.PresenceCount != 1 || p.Strength != 1 || len(p.Presences) != 1 || p.Presences[0].Year != 2013 ||
			len(p.Presences[0].AlsoListed) != 1 || p.Presences[0].AlsoListed[0].Year != 2020 || p.Presences[0].AlsoListed[0].Name != "仙桃市非织造布产业集群" {
			t.Errorf("仙桃 textile-industrial: %v, want one presence (2013) also listed in 2020", p)
		}
	}
	// 依托仙桃市、潛江市等電子信息產業基礎 names the chain, not a product: 仙桃 holds it as a whole,
	// no link of it, and is told of no missing upstream link of it.
	if ict := chains["ict"]; ict == nil || len(ict.Present) != 0 || len(ict.MissingUpstream) != 0 || len(ict.ChainFacts) != 1 ||
		ict.ChainFacts[0].Id != "plan-ict-base-429004" || ict.ChainFacts[0].Status != pb.FactStatus_FACT_STATUS_EXISTING ||
		!strings.Contains(ict.ChainFacts[0].Evidence.GetQuote(), "電子信息產業基礎") {
		t.Errorf("仙桃 ict: %v, want the chain held by the plan's 电子信息产业基础 fact and no link", ict)
	}
	if len(chains) != 3 {
		t.Errorf("仙桃 has %d chains, want 3", len(chains))
	}

	// The coverage matrix of the 襄十随 belt: three prefectures, NEV vehicles and special vehicles.
	var rows []string
	var cols int
	for _, msg := range matrixMessages(t, c, &pb.GetCoverageMatrixRequest{Chain: "nev", Scope: "襄十随"}) {
		if len(msg.Links) > 0 {
			cols = len(msg.Links)
		}
		var cells []string
		for _, cell := range msg.Row.Cells {
			if cell.Present {
				cells = append(cells, cell.LinkId)
			}
		}
		rows = append(rows, msg.Row.Region.Name+":"+strings.Join(cells, ","))
	}
	wantRows := []string{"十堰市:nev-special-vehicle,nev-vehicle", "襄阳市:nev-special-vehicle,nev-vehicle", "随州市:nev-special-vehicle,nev-vehicle"}
	if cols != 8 || strings.Join(rows, " ") != strings.Join(wantRows, " ") {
		t.Errorf("matrix: %d columns, rows %v; want 8 and %v", cols, rows, wantRows)
	}
}

func TestFindInvestmentLeads(t *testing.T) {
	ctx := context.Background()
	c, _ := memClient(t)
	resp, err := c.FindInvestmentLeads(ctx, &pb.FindInvestmentLeadsRequest{Region: "武汉", Link: "电池材料", View: pb.AnswerView_ANSWER_VIEW_FULL})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.RegionFeeds) == 0 {
		t.Errorf("武汉 has NEVs, which battery materials feed, but the answer lists nothing they would feed")
	}
	// The two battery-material clusters of the 2024 list: 宜都 (same NEV belt as 武汉) first.
	var got []string
	for _, l := range resp.Leads {
		got = append(got, fmt.Sprintf("%s/%s/%d", l.Holder, l.Place.Region.Name, l.Place.BorderHops))
		if l.Presence.Evidence.GetSource() == "" || l.Presence.Year != 2024 || len(l.Feeds) != 0 {
			t.Errorf("lead %s: evidence %v, year %d, feeds %v (want them once, in region_feeds)", l.Holder, l.Presence.Evidence, l.Presence.Year, l.Feeds)
		}
		if name := dictionaryRegion(resp.Dictionary, l.Presence.RegionId); name != l.Place.Region.Name {
			t.Errorf("lead %s: the dictionary names its presence's region %q, want %q", l.Holder, name, l.Place.Region.Name)
		}
	}
	if strings.Join(got, " ") != "宜都市新能源材料产业集群/宜都市/6 安陆市铜箔及印制电路制造产业集群/安陆市/2" || resp.RegionHasLink {
		t.Errorf("leads = %v (region has link: %v)", got, resp.RegionHasLink)
	}
	if _, err := c.FindInvestmentLeads(ctx, &pb.FindInvestmentLeadsRequest{Region: "武汉"}); status.Code(err) != codes.InvalidArgument {
		t.Errorf("no link: %v, want InvalidArgument", err)
	}
}

func dictionaryRegion(d *pb.Dictionary, id string) string {
	for _, r := range d.GetRegions() {
		if r.Id == id {
			return r.Name
		}
	}
	return ""
}

// max_presences caps the evidence listed per item; presence_count keeps the whole count.
func TestMaxPresencesCapsEvidence(t *testing.T) {
	c, _ := memClient(t)
	ctx := context.Background()
	count := func(maxPres int32) (listed, counted, capped int) {
		t.Helper()
		resp, err := c.GetRegionProfile(ctx, &pb.GetRegionProfileRequest{Region: "武汉市", MaxPresences: maxPres})
		if err != nil {
			t.Fatal(err)
		}
		for _, ch := range resp.GetChains() {
			for _, p := range ch.GetPresent() {
				listed += len(p.GetPresences())
				counted += int(p.GetPresenceCount())
				if int(p.GetPresenceCount()) > len(p.GetPresences()) {
					capped++
				}
				if maxPres > 0 && len(p.GetPresences()) > int(maxPres) {
					t.Errorf("%s: %d presences listed, max_presences %d", p.GetLink().GetId(), len(p.GetPresences()), maxPres)
				}
			}
		}
		return listed, counted, capped
	}
	allListed, allCounted, allCapped := count(1000)
	if allListed != allCounted || allCapped != 0 {
		t.Fatalf("max_presences 1000: listed %d of %d (%d items capped); want all", allListed, allCounted, allCapped)
	}
	oneListed, oneCounted, oneCapped := count(1)
	if oneCounted != allCounted {
		t.Errorf("presence_count sums to %d with max_presences 1, %d without a cap", oneCounted, allCounted)
	}
	if oneCapped == 0 || oneListed >= allListed {
		t.Errorf("max_presences 1 capped no item (listed %d of %d): the test needs a link with two presences in 武汉市", oneListed, allListed)
	}
	_, err := c.FindLackingRegions(ctx, &pb.FindLackingRegionsRequest{Link: "电池材料", MaxPresences: -1})
	if status.Code(err) != codes.InvalidArgument || !strings.Contains(err.Error(), "max_presences") {
		t.Errorf("max_presences -1: %v, want InvalidArgument naming max_presences", err)
	}

	// The coverage matrix lists presence ids the same way.
	matrix := func(maxPres int32) (listed, counted, capped int) {
		t.Helper()
		for _, msg := range matrixMessages(t, c, &pb.GetCoverageMatrixRequest{Chain: "nev", MaxPresences: maxPres}) {
			for _, cell := range msg.GetRow().GetCells() {
				listed += len(cell.GetPresenceIds())
				counted += int(cell.GetPresenceCount())
				if int(cell.GetPresenceCount()) > len(cell.GetPresenceIds()) {
					capped++
				}
				if cell.GetPresent() != (cell.GetPresenceCount() > 0) || (maxPres > 0 && len(cell.GetPresenceIds()) > int(maxPres)) {
					t.Errorf("%s/%s: present %v, %d of %d ids listed, max_presences %d", msg.GetRow().GetRegion().GetName(), cell.GetLinkId(),
						cell.GetPresent(), len(cell.GetPresenceIds()), cell.GetPresenceCount(), maxPres)
				}
			}
		}
		return listed, counted, capped
	}
	allListed, allCounted, allCapped = matrix(1000)
	if allListed != allCounted || allCapped != 0 || allCounted == 0 {
		t.Fatalf("matrix, max_presences 1000: listed %d of %d ids (%d cells capped); want all, and some", allListed, allCounted, allCapped)
	}
	oneListed, oneCounted, oneCapped = matrix(1)
	if oneCounted != allCounted || oneCapped == 0 || oneListed >= allListed {
		t.Errorf("matrix, max_presences 1: listed %d, counted %d, %d cells capped; want %d counted and some cells capped", oneListed, oneCounted, oneCapped, allCounted)
	}
	stream, err := c.GetCoverageMatrix(ctx, &pb.GetCoverageMatrixRequest{Chain: "nev", MaxPresences: -1})
	if err == nil {
		_, err = stream.Recv()
	}
	if status.Code(err) != codes.InvalidArgument || !strings.Contains(err.Error(), "max_presences") {
		t.Errorf("matrix, max_presences -1: %v, want InvalidArgument naming max_presences", err)
	}
}

// The server caches what it derives from the data (names, location-quotient base) by the
// store's version: a reload must be visible to the very next request.
func TestReloadIsSeenByTheNextRequest(t *testing.T) {
	ctx := context.Background()
	// First without 潜江市: a stale name cache would then keep failing to resolve it.
	ds := seedData(t)
	ds.Presences, ds.ChainFacts, ds.ClusterCounts, ds.Belts, ds.Members, ds.Targets = nil, nil, nil, nil, nil, nil
	var kept []graph.Region
	for _, r := range ds.Regions {
		if r.Code != "429005" {
			kept = append(kept, r)
		}
	}
	ds.Regions = kept
	var borders []graph.Border
	for _, b := range ds.Borders {
		if b.A != "cn-429005" && b.B != "cn-429005" {
			borders = append(borders, b)
		}
	}
	ds.Borders = borders
	store := memstore.New()
	if err := store.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	c, _ := dial(t, store)
	if _, err := c.GetRegion(ctx, &pb.GetRegionRequest{Region: "潜江"}); status.Code(err) != codes.NotFound {
		t.Fatalf("before the reload: %v, want NotFound", err)
	}
	if err := store.Replace(ctx, seedData(t)); err != nil {
		t.Fatal(err)
	}
	resp, err := c.GetRegion(ctx, &pb.GetRegionRequest{Region: "潜江"})
	if err != nil {
		t.Fatalf("after reloading the seeds: %v (a stale name cache?)", err)
	}
	if got := resp.GetRegion().GetCode(); got != "429005" {
		t.Errorf("潜江 resolved to %s after the reload, want 429005", got)
	}
}

// lockedBuffer is a log sink that the server's goroutines and the test can share.
type lockedBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Run prepares the enterprise counts behind location quotients at start-up, before any request
// asks for a profile.
func TestRunPreparesDerivedDataWithoutARequest(t *testing.T) {
	s := memstore.New()
	if err := s.Replace(context.Background(), seedData(t)); err != nil {
		t.Fatal(err)
	}
	var logs lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	cfg := server.DefaultConfig()
	cfg.Addr, cfg.HTTPAddr = "127.0.0.1:0", "127.0.0.1:0"
	go func() { done <- server.Run(ctx, cfg, s, slog.New(slog.NewTextHandler(&logs, nil)), nil) }()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(logs.String(), "derived data ready") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "derived data ready") {
		t.Errorf("no \"derived data ready\" within 20 s of start-up; logs:\n%s", logs.String())
	}
}

// matrixMessages asks for a coverage matrix and reads the whole stream.
func matrixMessages(t *testing.T, c pb.ChainGraphServiceClient, req *pb.GetCoverageMatrixRequest) []*pb.GetCoverageMatrixResponse {
	t.Helper()
	stream, err := c.GetCoverageMatrix(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	var out []*pb.GetCoverageMatrixResponse
	for {
		msg, err := stream.Recv()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, msg)
	}
}

// The plan's only metallurgy place: 二(一)2 builds 冶金 on the 鄂东 metallurgy and nonferrous
// cluster (以…为依托, existing), so 黄石 holds steel and is not sent elsewhere for it (issue 11).
func TestHuangshiHoldsMetallurgy(t *testing.T) {
	ctx := context.Background()
	c, _ := memClient(t)
	resp, err := c.FindLackingRegions(ctx, &pb.FindLackingRegionsRequest{Chain: "冶金", Link: "钢铁", PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range resp.LackingRegions {
		if r.Region.Name == "黄石市" {
			t.Errorf("黄石市 is listed as lacking steel")
		}
	}
	m, err := c.GetCoverageMatrix(ctx, &pb.GetCoverageMatrixRequest{Chain: "冶金", View: pb.AnswerView_ANSWER_VIEW_FULL})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for {
		row, err := m.Recv()
		if err != nil {
			break
		}
		if row.GetRow().GetRegion().GetName() != "黄石市" {
			continue
		}
		for _, cell := range row.GetRow().GetCells() {
			if cell.LinkId == "metal-steel" {
				found = cell.Present && cell.CertainPresenceCount == cell.PresenceCount
			}
		}
	}
	if !found {
		t.Errorf("黄石市 does not hold 钢铁 on a certain fact in the 冶金 matrix")
	}
	prof, err := c.GetRegionProfile(ctx, &pb.GetRegionProfileRequest{Region: "黄石市"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(protojson.Format(prof), "FACT_STATUS_EXISTING") || !strings.Contains(protojson.Format(prof), "以鄂東地區冶金及有色金屬新材料產業集群為依托") {
		t.Errorf("黄石市's profile does not show the existing 鄂东 metallurgy fact")
	}
}

// TestPlanAgainstData: on the seeds, the plan's one planned link with no existing fact is
// 武汉's 智能网联汽车示范区 (二(一)1); asked for certain facts of the plan's evidence only, it
// stays; a picture is refused.
func TestPlanAgainstData(t *testing.T) {
	ctx := context.Background()
	c, _ := memClient(t)
	resp, err := c.FindPlanGaps(ctx, &pb.FindPlanGapsRequest{View: pb.AnswerView_ANSWER_VIEW_FULL})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.PlanGaps) != 1 || resp.TotalSize != 1 {
		t.Fatalf("plan gaps = %v, want one (武汉's testing)", resp.PlanGaps)
	}
	g := resp.PlanGaps[0]
	if g.Region.Code != "420100" || g.Link.GetId() != "nev-testing" || g.Grain != pb.FactGrain_FACT_GRAIN_LINK || len(g.Planned) != 1 ||
		g.Planned[0].Status != pb.FactStatus_FACT_STATUS_PLANNED || g.Planned[0].Evidence.GetQuoteSimplified() != "利用武汉打造中国智能网联汽车示范区" {
		t.Errorf("plan gap = %v, want 武汉 测试示范 from 利用武汉打造中国智能网联汽车示范区", g)
	}
	only, err := c.FindPlanGaps(ctx, &pb.FindPlanGapsRequest{Chain: "汽车及零部件"})
	if err != nil || only.TotalSize != 0 {
		t.Errorf("auto's plan gaps = %v, %v; want none", only.GetPlanGaps(), err)
	}
	_, err = c.FindPlanGaps(ctx, &pb.FindPlanGapsRequest{Facts: &pb.FactFilter{Picture: pb.FactPicture_FACT_PICTURE_EXISTING}})
	if status.Code(err) != codes.InvalidArgument || !slices.Contains(fieldViolations(t, err), "facts.picture") {
		t.Errorf("a picture: %v, want INVALID_ARGUMENT on facts.picture", err)
	}
}

// TestGapsOverTime: 化工新材料 at county level between the 2013 list and the 2024 one. 枝江's
// gap (its 2013 medical-textile cluster needs new materials) healed with its 2024 化工新材料
// cluster; 曾都's is new, made by its 2024 special-vehicle cluster; pages keep the counts.
func TestGapsOverTime(t *testing.T) {
	ctx := context.Background()
	c, _ := memClient(t)
	req := &pb.CompareLackingRegionsRequest{Link: "化工新材料", Level: pb.RegionLevel_REGION_LEVEL_COUNTY, FromYear: 2013, ToYear: 2024, PageSize: 2}
	var changes []*pb.LackingChange
	for {
		resp, err := c.CompareLackingRegions(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.HealedCount != 1 || resp.NewCount != 4 || resp.PersistingCount != 10 || resp.TotalSize != 15 {
			t.Fatalf("counts healed %d, new %d, persisting %d of %d; want 1, 4, 10 of 15", resp.HealedCount, resp.NewCount, resp.PersistingCount, resp.TotalSize)
		}
		changes = append(changes, resp.Changes...)
		if resp.NextPageToken == "" {
			break
		}
		req.PageToken = resp.NextPageToken
	}
	byName := map[string]*pb.LackingChange{}
	for i, ch := range changes {
		byName[ch.Region.Name] = ch
		if i > 0 && ch.Change < changes[i-1].Change {
			t.Errorf("%s (%v) after %s (%v): want healed, then new, then persisting", ch.Region.Name, ch.Change, changes[i-1].Region.Name, changes[i-1].Change)
		}
	}
	zj := byName["枝江市"]
	if zj == nil || zj.Change != pb.GapChange_GAP_CHANGE_HEALED || len(zj.FilledBy) != 1 || zj.FilledBy[0].Holder != "枝江市化工新材料产业集群" || zj.FilledBy[0].Year != 2024 ||
		!slices.Equal(zj.DemandLinkIdsBefore, []string{"textile-industrial"}) || len(zj.DemandLinkIdsAfter) != 0 {
		t.Errorf("枝江市 = %v, want healed by its 2024 化工新材料 cluster, demand 产业用纺织品 before", zj)
	}
	zd := byName["曾都区"]
	if zd == nil || zd.Change != pb.GapChange_GAP_CHANGE_NEW || len(zd.NewDemand) != 1 || zd.NewDemand[0].Holder != "曾都区新能智能专用车产业集群" {
		t.Errorf("曾都区 = %v, want a new gap made by its 2024 special-vehicle cluster", zd)
	}
	if _, err := c.CompareLackingRegions(ctx, &pb.CompareLackingRegionsRequest{Link: "化工新材料", FromYear: 2024, ToYear: 2013}); status.Code(err) != codes.InvalidArgument {
		t.Errorf("years the wrong way round: %v, want INVALID_ARGUMENT", err)
	}
}

// TestClusterCountsInProfiles: the 2018 list gives 荆州 11 clusters and 鄂州 5, none of which the
// data names; 天门's 2 are both named (医药, and 棉花 listed in 2013 and again in 2018).
func TestClusterCountsInProfiles(t *testing.T) {
	ctx := context.Background()
	c, _ := memClient(t)
	for _, tc := range []struct {
		region       string
		count, named int32
	}{{"荆州市", 11, 0}, {"鄂州市", 5, 0}, {"天门市", 2, 2}} {
		p, err := c.GetRegionProfile(ctx, &pb.GetRegionProfileRequest{Region: tc.region, View: pb.AnswerView_ANSWER_VIEW_BASIC})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.ClusterCounts) != 1 || p.ClusterCounts[0].Year != 2018 || p.ClusterCounts[0].Count != tc.count || p.ClusterCounts[0].NamedInData != tc.named ||
			!strings.Contains(p.ClusterCounts[0].Evidence.GetSource(), "nokia-fans.cn") {
			t.Errorf("%s: cluster counts %v, want 2018: %d, %d named", tc.region, p.ClusterCounts, tc.count, tc.named)
		}
	}
}

// TestPlanReaderWouldSign: issue 11's defects, each as the answer a reader of the plan checks.
func TestPlanReaderWouldSign(t *testing.T) {
	ctx := context.Background()
	c, _ := memClient(t)
	lacking := func(t *testing.T, req *pb.FindLackingRegionsRequest) []*pb.LackingRegion {
		t.Helper()
		req.PageSize, req.View = 500, pb.AnswerView_ANSWER_VIEW_FULL
		resp, err := c.FindLackingRegions(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		return resp.LackingRegions
	}
	t.Run("the NEV drivers are not told they lack batteries", func(t *testing.T) {
		for _, level := range []pb.RegionLevel{pb.RegionLevel_REGION_LEVEL_PREFECTURE, pb.RegionLevel_REGION_LEVEL_COUNTY} {
			for _, r := range lacking(t, &pb.FindLackingRegionsRequest{Link: "电池", Level: level}) {
				if r.Region.Name == "荆门市" || r.Region.Name == "黄石市" {
					t.Errorf("%s is told it lacks 电池; the plan names it a driver of the whole NEV chain (二(一)1)", r.Region.Name)
				}
			}
		}
	})
	t.Run("nobody needs garment design through new textile materials", func(t *testing.T) {
		for _, r := range lacking(t, &pb.FindLackingRegionsRequest{Link: "纺织服装设计", MaxDepth: 8}) {
			for _, d := range r.Demands {
				if len(d.PathLinkIds) > 1 && d.PathLinkIds[1] == "textile-new-materials" {
					t.Errorf("%s needs design through %v", r.Region.Name, d.PathLinkIds)
				}
			}
		}
	})
	t.Run("same belt is a belt of the link's chain", func(t *testing.T) {
		belts, err := c.ListBelts(ctx, &pb.ListBeltsRequest{PageSize: 200})
		if err != nil {
			t.Fatal(err)
		}
		// region code → the chains of the development belts it is in (or below a member of)
		beltChains := map[string]map[string]bool{}
		for _, b := range belts.Belts {
			if !strings.HasSuffix(b.Kind, "_belt") {
				continue
			}
			d, err := c.GetBelt(ctx, &pb.GetBeltRequest{Belt: b.Id})
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range d.Members {
				in := []string{m.Region.Code}
				kids, err := c.ListRegions(ctx, &pb.ListRegionsRequest{Parent: m.Region.Id, PageSize: 200})
				if err != nil {
					t.Fatal(err)
				}
				for _, k := range kids.Regions {
					in = append(in, k.Code)
				}
				for _, code := range in {
					if beltChains[code] == nil {
						beltChains[code] = map[string]bool{}
					}
					for _, ch := range b.Chains {
						beltChains[code][b.Id+"/"+ch.Id] = true
					}
				}
			}
		}
		shares := func(a, b, chain string) bool {
			for key := range beltChains[a] {
				if strings.HasSuffix(key, "/"+chain) && beltChains[b][key] {
					return true
				}
			}
			return false
		}
		checked := 0
		for _, link := range []string{"印制电路板", "电池材料", "化工新材料", "乡村旅游", "磷化工"} {
			for _, level := range []pb.RegionLevel{pb.RegionLevel_REGION_LEVEL_PREFECTURE, pb.RegionLevel_REGION_LEVEL_COUNTY} {
				resp, err := c.FindLackingRegions(ctx, &pb.FindLackingRegionsRequest{Link: link, Level: level, PageSize: 500, MaxSuppliers: 20})
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range resp.LackingRegions {
					for _, s := range r.NearestSuppliers {
						if want := shares(r.Region.Code, s.Region.Code, resp.Chain.Id); s.SameBelt != want {
							t.Errorf("%s ← %s for %s: same_belt %v, but a shared belt of chain %s: %v", r.Region.Name, s.Region.Name, link, s.SameBelt, resp.Chain.Id, want)
						}
						checked++
					}
				}
			}
		}
		if checked < 20 {
			t.Errorf("only %d suppliers checked", checked)
		}
	})
	t.Run("a special area the plan gives no county says so", func(t *testing.T) {
		_, err := c.FindLackingRegions(ctx, &pb.FindLackingRegionsRequest{Link: "中药原料", Scope: "鄂东大别山区中药原料和产业基地"})
		if status.Code(err) != codes.InvalidArgument || !strings.Contains(status.Convert(err).Message(), "the plan names the area but no county") {
			t.Errorf("scope 鄂东大别山区: %v, want INVALID_ARGUMENT saying the plan names no county", err)
		}
	})
	t.Run("the dubious edges are gone and the missing ones there", func(t *testing.T) {
		edges := map[string]bool{}
		for _, chain := range []string{"metal", "newmat", "ict", "equipment", "agrifood", "nev", "chem", "auto"} {
			d, err := c.GetChain(ctx, &pb.GetChainRequest{Chain: chain})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range d.Feeds {
				edges[f.From.Id+">"+f.To.Id] = true
			}
		}
		for _, e := range []string{"metal-steel>buildmat-cement", "metal-coke>chem-coal", "ict-chips>ict-pv", "equipment-beidou>equipment-rail", "agrifood-storage>agrifood-aquatic"} {
			if edges[e] {
				t.Errorf("edge %s is still there", e)
			}
		}
		for _, e := range []string{"agrifood-production>agrifood-aquatic", "nev-fuel-cell>nev-special-vehicle", "chem-fine-chemicals>nev-battery-materials",
			"equipment-machine-tools>auto-parts", "equipment-machine-tools>auto-equipment", "ict-pcb>nev-control"} {
			if !edges[e] {
				t.Errorf("edge %s is missing", e)
			}
		}
	})
}
