// Command bench measures chaingraph at national scale and prints the tables of BENCHMARKS.md.
// It is a benchmark driver, not part of the service: it builds the binary, generates the
// synthetic dataset, starts `chaingraph serve` on each store, drives it with ghz and reads the
// numbers back. Every query figure is also given as a ratio to the gRPC health check measured
// in the same run, at the same concurrency.
//
//	go run ./server/bench --scale 0.01 [--neo4j-uri bolt://127.0.0.1:7687] [--naive]
//
// Needs ghz on PATH or in $(go env GOPATH)/bin (go install github.com/bojand/ghz/cmd/ghz@v0.93.0)
// and, for the Neo4j rows, a running Neo4j (graph/neo4jstore/testserver/neo4j.sh start).
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/backoff"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/graph/neo4jstore"
	"github.com/chaingraph/chaingraph/loaders"
	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"
)

type options struct {
	scale    float64
	dataDir  string
	neo4jURI string
	naive    bool
	loadOnly bool
	noMemory bool
	noLoad   bool
	conc     []int
	minCalls int
	seconds  float64
	ghz      string
	bin      string
	only     *regexp.Regexp // the questions to ask (the health check always); nil for all
}

// wants reports whether a question is to be asked (see --only).
func (o options) wants(name string) bool {
	return o.only == nil || o.only.MatchString(name) || strings.HasPrefix(name, "health check")
}

func main() {
	var o options
	flag.Float64Var(&o.scale, "scale", 0.01, "dataset size: 1 is the full national size")
	flag.StringVar(&o.dataDir, "data", "", "where the generated dataset is kept (default $TMPDIR/chaingraph-bench-<scale>)")
	flag.StringVar(&o.neo4jURI, "neo4j-uri", "", "also benchmark the Neo4j store at this Bolt URI (its data is replaced)")
	flag.BoolVar(&o.naive, "naive", false, "also time the naive loader (one row per transaction) on the same data")
	flag.BoolVar(&o.loadOnly, "load-only", false, "measure Neo4j loading only (no start-up, memory or query runs)")
	flag.Float64Var(&o.seconds, "seconds", 5, "target duration of each ghz run")
	flag.BoolVar(&o.noMemory, "skip-memory", false, "skip the in-memory store (and the start-up on the seeds)")
	flag.BoolVar(&o.noLoad, "skip-load", false, "ask the Neo4j store as it is (the dataset loaded before), without timing loads")
	concurrency := flag.String("concurrency", "1,16", "comma-separated ghz concurrencies")
	flag.IntVar(&o.minCalls, "min-calls", 10, "fewest calls per ghz run, however slow the question")
	only := flag.String("only", "", "ask only the questions whose name matches this regular expression (and the health check, the floor)")
	flag.Parse()
	for _, c := range strings.Split(*concurrency, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "bench: --concurrency %q: want numbers >= 1\n", *concurrency)
			os.Exit(2)
		}
		o.conc = append(o.conc, n)
	}
	if o.dataDir == "" {
		o.dataDir = filepath.Join(os.TempDir(), fmt.Sprintf("chaingraph-bench-%g", o.scale))
	}
	if *only != "" {
		re, err := regexp.Compile(*only)
		if err != nil {
			fmt.Fprintf(os.Stderr, "bench: --only: %v\n", err)
			os.Exit(2)
		}
		o.only = re
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	var err error
	if o.ghz, err = findGhz(); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "chaingraph-bench-bin")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	o.bin = filepath.Join(tmp, "chaingraph")
	logf("building %s", o.bin)
	if err := command("go", "build", "-o", o.bin, ".").Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	if _, err := os.Stat(filepath.Join(o.dataDir, "enterprises.csv")); err != nil {
		logf("generating scale %g into %s", o.scale, o.dataDir)
		if out, err := command(o.bin, "gen", "--scale", fmt.Sprint(o.scale), "--out", o.dataDir).Output(); err != nil {
			return fmt.Errorf("gen: %v\n%s", err, out)
		}
	}
	fmt.Printf("# chaingraph benchmark, scale %g, %s\n\n", o.scale, time.Now().UTC().Format("2006-01-02 15:04 MST"))
	fmt.Printf("machine: %s; ghz %s; each ghz run aims at %gs\n\n", machine(), ghzVersion(o.ghz), o.seconds)

	if o.loadOnly {
		return loadSuite(o)
	}
	if !o.noMemory {
		if err := memorySuite(o); err != nil {
			return err
		}
	}
	if o.neo4jURI == "" {
		return nil
	}
	if !o.noLoad {
		if err := loadSuite(o); err != nil {
			return err
		}
	}
	srv, err := startServer(o, "--neo4j-uri", o.neo4jURI)
	if err != nil {
		return err
	}
	ready, err := warmUp(srv.addr)
	if err != nil {
		srv.stop()
		return err
	}
	fmt.Printf("Neo4j store: derived data (enterprise counts) ready %.1fs after health SERVING\n\n", ready.Seconds())
	neoRows, err := querySuite(o, srv.addr)
	var neoStubs []directResult
	if err == nil {
		neoStubs, err = stubSuite(o, srv.addr)
	}
	srv.stop()
	if err != nil {
		return err
	}
	neo, err := neo4jstore.Open(context.Background(), neo4jstore.Config{URI: o.neo4jURI})
	if err != nil {
		return err
	}
	defer neo.Close(context.Background())
	direct, err := directSuite(o, neo)
	if err != nil {
		return err
	}
	printQueries("Neo4j store", neoRows)
	printStubs("Neo4j store", neoStubs)
	printDirect("Neo4j store methods called directly (Cypher through the driver, no gRPC)", direct)
	return nil
}

// memorySuite measures start-up on the seeds and the in-memory store on the dataset.
func memorySuite(o options) error {
	seeds, err := startupOnSeeds(o)
	if err != nil {
		return err
	}
	fmt.Printf("serve start-up on the embedded Hubei seeds (to health SERVING), median of 5: %.2fs\n\n", seeds.Seconds())

	srv, err := startServer(o, "--no-seeds", "--no-geography", "--data", o.dataDir)
	if err != nil {
		return err
	}
	fmt.Printf("in-memory store: start-up %.1fs (parse, validate, index), RSS %s after start-up\n\n", srv.startup.Seconds(), rss(srv.cmd.Process.Pid))
	ready, err := warmUp(srv.addr)
	if err != nil {
		srv.stop()
		return err
	}
	fmt.Printf("in-memory store: derived data (enterprise counts) ready %.1fs after health SERVING, RSS %s\n\n", ready.Seconds(), rss(srv.cmd.Process.Pid))
	memRows, err := querySuite(o, srv.addr)
	var memStubs []directResult
	if err == nil {
		memStubs, err = stubSuite(o, srv.addr)
	}
	rssAfter := rss(srv.cmd.Process.Pid)
	srv.stop()
	if err != nil {
		return err
	}
	fmt.Printf("in-memory store, RSS after the queries: %s\n\n", rssAfter)
	printQueries("in-memory store", memRows)
	printStubs("in-memory store", memStubs)

	// The same store in this process, for the questions' own cost without gRPC.
	ds, err := loaders.Build(loaders.Source{Name: o.dataDir, FS: os.DirFS(o.dataDir)})
	if err != nil {
		return err
	}
	mem := memstore.New()
	if err := mem.Replace(context.Background(), ds); err != nil {
		return err
	}
	ds = nil
	runtime.GC() // the dataset's garbage is not the questions'
	direct, err := directSuite(o, mem)
	if err != nil {
		return err
	}
	printDirect("in-memory store methods called directly (in the bench's process, no gRPC)", direct)
	return nil
}

// loadSuite times `chaingraph load` of the dataset: batched, and naive too with --naive. Each
// timed load also deletes the generation its predecessor superseded, so the suite first loads
// the same data twice untimed: every timed load then deletes a generation of this size.
func loadSuite(o options) error {
	if o.naive {
		for range 2 {
			if _, _, err := load(o, neo4jstore.DefaultBatchSize); err != nil {
				return err
			}
		}
		t, rows, err := load(o, 1)
		if err != nil {
			return err
		}
		naive := float64(rows) / t.Seconds()
		fmt.Printf("naive load (one row per transaction, one writer): %d rows in %.1fs = %.0f rows/s\n", rows, t.Seconds(), naive)
		// Three batched loads, compared by their median: a few seconds each, they vary with
		// what Neo4j is doing in the background (the naive load leaves it 38,000 transactions
		// to tidy up after).
		var times []time.Duration
		for range 3 {
			if t, rows, err = load(o, neo4jstore.DefaultBatchSize); err != nil {
				return err
			}
			times = append(times, t)
		}
		slices.Sort(times)
		batched := float64(rows) / times[1].Seconds()
		fmt.Printf("batched load (%d rows per transaction, %d writers): %d rows in %.1fs, %.1fs, %.1fs; median %.1fs = %.0f rows/s = %.1f× the naive loader\n\n",
			neo4jstore.DefaultBatchSize, neo4jstore.DefaultWorkers, rows, times[0].Seconds(), times[1].Seconds(), times[2].Seconds(),
			times[1].Seconds(), batched, batched/naive)
		return nil
	}
	t, rows, err := load(o, neo4jstore.DefaultBatchSize)
	if err != nil {
		return err
	}
	fmt.Printf("batched load (%d rows per transaction, %d writers): %d rows in %.1fs = %.0f rows/s\n\n",
		neo4jstore.DefaultBatchSize, neo4jstore.DefaultWorkers, rows, t.Seconds(), float64(rows)/t.Seconds())
	return nil
}

// --- the questions -----------------------------------------------------------------------

// question is one RPC with one request; data may use ghz's template functions.
type question struct {
	name string
	call string
	data string
}

// The national scope is the default: with --no-seeds --no-geography the synthetic country is the only
// province-level root. syn-c05-l13 is a midstream link with demand in most of the country.
var questions = []question{
	{"health check (floor)", "grpc.health.v1.Health/Check", `{}`},
	// What moving an answer costs without any analysis: a stored page, no derived work.
	{"size reference: a page of up to 500 regions (ListRegions)", "chaingraph.v1.ChainGraphService/ListRegions", `{"page_size":500}`},
	{"补链 national, prefecture level, default page, BASIC", svc + "FindLackingRegions", `{"link":"syn-c05-l13"}`},
	{"补链 national, prefecture level, default page, FULL", svc + "FindLackingRegions", `{"link":"syn-c05-l13","view":"ANSWER_VIEW_FULL"}`},
	{"补链 national, prefecture level, 496 questions, BASIC", svc + "FindLackingRegions", `{"link":"syn-c{{randomInt 10 41}}-l{{randomInt 10 26}}"}`},
	{"补链 national, county level, default page, BASIC", svc + "FindLackingRegions", `{"link":"syn-c05-l13","level":"REGION_LEVEL_COUNTY"}`},
	{"profile of the largest prefecture (900100), BASIC", svc + "GetRegionProfile", `{"region":"900100","view":"ANSWER_VIEW_BASIC"}`},
	{"profile of the largest prefecture (900100), FULL", svc + "GetRegionProfile", `{"region":"900100"}`},
	{"profile of a county (900101), FULL", svc + "GetRegionProfile", `{"region":"900101"}`},
	{"coverage matrix, largest chain, national by prefecture, BASIC", svc + "GetCoverageMatrix", `{"chain":"syn-c01","view":"ANSWER_VIEW_BASIC"}`},
	{"coverage matrix, largest chain, national by prefecture, FULL", svc + "GetCoverageMatrix", `{"chain":"syn-c01"}`},
	{"weak links, largest chain, national, BASIC", svc + "FindWeakLinks", `{"chain":"syn-c01","min_holders":50}`},
	{"weak links, largest chain, national, FULL", svc + "FindWeakLinks", `{"chain":"syn-c01","min_holders":50,"view":"ANSWER_VIEW_FULL"}`},
	{"extensions of the largest prefecture (900100), BASIC", svc + "FindExtensions", `{"scope":"900100"}`},
	{"extensions of the largest prefecture (900100), FULL", svc + "FindExtensions", `{"scope":"900100","view":"ANSWER_VIEW_FULL"}`},
	{"leads for a prefecture (900100) and a link, BASIC", svc + "FindInvestmentLeads", `{"region":"900100","link":"syn-c05-l13"}`},
	{"leads for a prefecture (900100) and a link, FULL", svc + "FindInvestmentLeads", `{"region":"900100","link":"syn-c05-l13","view":"ANSWER_VIEW_FULL"}`},
	// Filtered questions read presences, not the stores' cells (which hold every fact).
	{"补链 national, prefecture level, existing and certain facts only, BASIC", svc + "FindLackingRegions", `{"link":"syn-c05-l13","facts":{"picture":"FACT_PICTURE_EXISTING","certain_only":true}}`},
	{"profile of the largest prefecture (900100), existing facts only, BASIC", svc + "GetRegionProfile", `{"region":"900100","view":"ANSWER_VIEW_BASIC","facts":{"picture":"FACT_PICTURE_EXISTING"}}`},
	{"plan against data, national, prefecture level, BASIC", svc + "FindPlanGaps", `{}`},
	{"补链 2013 against 2024, national, prefecture level", svc + "CompareLackingRegions", `{"link":"syn-c05-l13","from_year":2013,"to_year":2024}`},
	// The page's map: every unit's standing for a link (a 补链 with every row's suppliers and a coverage).
	{"link map (the page), national, prefecture level", svc + "GetLinkMap", `{"link":"syn-c05-l13"}`},
	{"link map (the page), national, county level", svc + "GetLinkMap", `{"link":"syn-c05-l13","level":"REGION_LEVEL_COUNTY"}`},
}

const svc = "chaingraph.v1.ChainGraphService/"

type result struct {
	bytes       int // size of the answer (the sum of the stream's messages), 0 when not measured
	question    string
	concurrency int
	count       int
	p50, p99    time.Duration
	rps         float64
	errors      int
}

func querySuite(o options, addr string) ([]result, error) {
	var out []result
	for _, c := range o.conc {
		for _, q := range questions {
			if !o.wants(q.name) {
				continue
			}
			r, err := ghz(o, addr, q, c)
			if err != nil {
				return nil, fmt.Errorf("%s, concurrency %d: %w", q.name, c, err)
			}
			if r.bytes, err = answerSize(addr, q); err != nil {
				return nil, fmt.Errorf("%s: %w", q.name, err)
			}
			logf("%-50s c=%-2d n=%-5d p50 %-10v p99 %-10v %.0f/s", q.name, c, r.count, r.p50, r.p99, r.rps)
			out = append(out, r)
		}
	}
	return out, nil
}

// ghz runs one question: a probe of a few calls sizes the run to about o.seconds.
func ghz(o options, addr string, q question, concurrency int) (result, error) {
	probe, err := ghzRun(o, addr, q, 1, 3, 0)
	if err != nil {
		return result{}, err
	}
	per := max(probe.p50, 50*time.Microsecond)
	n := int(o.seconds * float64(time.Second) / float64(per) * float64(concurrency))
	n = min(max(n, 2*concurrency, o.minCalls), 20000)
	return ghzRun(o, addr, q, concurrency, n, max(n/20, 1))
}

func ghzRun(o options, addr string, q question, concurrency, n, skip int) (result, error) {
	args := []string{"--insecure", "--call", q.call, "-d", q.data, "-c", strconv.Itoa(concurrency), "-n", strconv.Itoa(n),
		"--timeout", "120s", "--format", "json"}
	if skip > 0 {
		args = append(args, "--skipFirst", strconv.Itoa(skip))
	}
	out, err := command(o.ghz, append(args, addr)...).Output()
	if err != nil {
		return result{}, fmt.Errorf("ghz: %w", err)
	}
	var rep struct {
		Count   int            `json:"count"`
		RPS     float64        `json:"rps"`
		Errors  map[string]int `json:"errorDistribution"`
		Latency []struct {
			Percentage int   `json:"percentage"`
			Latency    int64 `json:"latency"`
		} `json:"latencyDistribution"`
	}
	if err := json.Unmarshal(out, &rep); err != nil {
		return result{}, fmt.Errorf("reading ghz's report: %w", err)
	}
	r := result{question: q.name, concurrency: concurrency, count: rep.Count, rps: rep.RPS}
	for _, n := range rep.Errors {
		r.errors += n
	}
	if r.errors > 0 { // reported in the table: under load a slow store runs into the request timeout
		logf("%s, c=%d: %d of %d calls failed: %v", q.name, concurrency, r.errors, rep.Count, rep.Errors)
	}
	for _, l := range rep.Latency {
		switch l.Percentage {
		case 50:
			r.p50 = time.Duration(l.Latency)
		case 99:
			r.p99 = time.Duration(l.Latency)
		}
	}
	return r, nil
}

func printQueries(store string, rows []result) {
	fmt.Printf("%s over gRPC (ghz):\n\n", store)
	fmt.Println("| question | answer | c | calls | failed | p50 | p99 | calls/s | p50 ÷ health p50 |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	floor := map[int]time.Duration{}
	for _, r := range rows {
		if r.question == questions[0].name {
			floor[r.concurrency] = r.p50
		}
	}
	for _, r := range rows {
		size := "-"
		if r.bytes > 0 {
			size = fmt.Sprintf("%.1f kB", float64(r.bytes)/1000)
		}
		fmt.Printf("| %s | %s | %d | %d | %d | %s | %s | %.0f | %.1f× |\n", r.question, size, r.concurrency, r.count, r.errors, ms(r.p50), ms(r.p99), r.rps,
			float64(r.p50)/float64(floor[r.concurrency]))
	}
	fmt.Println()
}

// answerSize asks q once with the generated client and returns the answer's size in protobuf
// bytes; 0 for questions ghz templates (their request changes from call to call).
func answerSize(addr string, q question) (int, error) {
	if strings.Contains(q.data, "{{") {
		return 0, nil
	}
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(1<<30)))
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	ctx := context.Background()
	client := pb.NewChainGraphServiceClient(conn)
	method := q.call[strings.LastIndex(q.call, "/")+1:]
	switch method {
	case "Check":
		resp, err := healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{})
		return proto.Size(resp), err
	case "FindLackingRegions":
		return askOnce(q.data, &pb.FindLackingRegionsRequest{}, func(req *pb.FindLackingRegionsRequest) (proto.Message, error) {
			return client.FindLackingRegions(ctx, req)
		})
	case "ListRegions":
		return askOnce(q.data, &pb.ListRegionsRequest{}, func(req *pb.ListRegionsRequest) (proto.Message, error) {
			return client.ListRegions(ctx, req)
		})
	case "GetRegionProfile":
		return askOnce(q.data, &pb.GetRegionProfileRequest{}, func(req *pb.GetRegionProfileRequest) (proto.Message, error) {
			return client.GetRegionProfile(ctx, req)
		})
	case "FindWeakLinks":
		return askOnce(q.data, &pb.FindWeakLinksRequest{}, func(req *pb.FindWeakLinksRequest) (proto.Message, error) {
			return client.FindWeakLinks(ctx, req)
		})
	case "FindExtensions":
		return askOnce(q.data, &pb.FindExtensionsRequest{}, func(req *pb.FindExtensionsRequest) (proto.Message, error) {
			return client.FindExtensions(ctx, req)
		})
	case "FindInvestmentLeads":
		return askOnce(q.data, &pb.FindInvestmentLeadsRequest{}, func(req *pb.FindInvestmentLeadsRequest) (proto.Message, error) {
			return client.FindInvestmentLeads(ctx, req)
		})
	case "FindPlanGaps":
		return askOnce(q.data, &pb.FindPlanGapsRequest{}, func(req *pb.FindPlanGapsRequest) (proto.Message, error) {
			return client.FindPlanGaps(ctx, req)
		})
	case "CompareLackingRegions":
		return askOnce(q.data, &pb.CompareLackingRegionsRequest{}, func(req *pb.CompareLackingRegionsRequest) (proto.Message, error) {
			return client.CompareLackingRegions(ctx, req)
		})
	case "GetLinkMap":
		return askOnce(q.data, &pb.GetLinkMapRequest{}, func(req *pb.GetLinkMapRequest) (proto.Message, error) {
			return client.GetLinkMap(ctx, req)
		})
	case "GetCoverageMatrix":
		req := &pb.GetCoverageMatrixRequest{}
		if err := protojson.Unmarshal([]byte(q.data), req); err != nil {
			return 0, err
		}
		stream, err := client.GetCoverageMatrix(ctx, req)
		if err != nil {
			return 0, err
		}
		total := 0
		for {
			msg, err := stream.Recv()
			if err == io.EOF {
				return total, nil
			}
			if err != nil {
				return 0, err
			}
			total += proto.Size(msg)
		}
	}
	return 0, fmt.Errorf("no size for %s", q.call)
}

// askOnce reads a unary request from its JSON form, sends it and returns the answer's size.
func askOnce[Req proto.Message](data string, req Req, call func(Req) (proto.Message, error)) (int, error) {
	if err := protojson.Unmarshal([]byte(data), req); err != nil {
		return 0, err
	}
	resp, err := call(req)
	if err != nil {
		return 0, err
	}
	return proto.Size(resp), nil
}

// --- store methods called directly ----------------------------------------------------------

type directResult struct {
	question string
	calls    int
	p50, p99 time.Duration
}

// directSuite asks a store's methods behind the RPCs, one at a time, without gRPC: for Neo4j
// the Cypher the service runs, through the same driver; in memory the questions' own cost.
func directSuite(o options, s graph.Reader) ([]directResult, error) {
	ctx := context.Background()
	snap, err := s.View(ctx) // one snapshot: the data does not change while the suite runs
	if err != nil {
		return nil, err
	}
	nation := graph.Scope{RegionID: "cn-900000", Level: graph.LevelPrefecture}
	county := graph.Scope{RegionID: "cn-900000", Level: graph.LevelCounty}
	links := rotatingLinks()
	// As the service asks for the default page: suppliers ranked for 50 rows, one presence listed
	// for each of their first 10 demands.
	firstPage := graph.RowRange{Limit: 50}
	var turn int
	rotating := func(sc graph.Scope) func() error {
		return func() error {
			turn++
			_, err := snap.LackingRegions(ctx, graph.LackingQuery{LinkID: links[turn%len(links)], Scope: sc, MaxDepth: 4, MaxSuppliers: 3, MaxPresences: 1, SupplierRows: firstPage, PresenceRows: firstPage, ListedDemands: 10})
			return err
		}
	}
	calls := []namedCall{
		{"health check (floor)", func() error { return s.Ping(ctx) }},
		{"补链 national, prefecture level, one question (memoised)", func() error {
			_, err := snap.LackingRegions(ctx, graph.LackingQuery{LinkID: "syn-c05-l13", Scope: nation, MaxDepth: 4, MaxSuppliers: 3, MaxPresences: 1, SupplierRows: firstPage, PresenceRows: firstPage, ListedDemands: 10})
			return err
		}},
		{"补链 national, prefecture level, a new question each call (496 links in turn)", rotating(nation)},
		{"补链 national, county level, a new question each call (496 links in turn)", rotating(county)},
		// As the service asks for a profile: 5 presences listed per link, the default.
		{"profile of a prefecture (900100): its coverage", func() error {
			_, err := snap.Coverage(ctx, graph.CoverageQuery{Scope: graph.Scope{RegionID: "cn-900100", Level: graph.LevelPrefecture}, MaxPresences: 5})
			return err
		}},
		{"profile of a county (900101): its coverage", func() error {
			_, err := snap.Coverage(ctx, graph.CoverageQuery{Scope: graph.Scope{RegionID: "cn-900101", Level: graph.LevelCounty}, MaxPresences: 5})
			return err
		}},
		{"coverage matrix, one chain, national by prefecture: its coverage", func() error {
			_, err := snap.Coverage(ctx, graph.CoverageQuery{ChainID: "syn-c01", Scope: nation, MaxPresences: 5})
			return err
		}},
	}
	return timeCalls(o, "direct", calls)
}

// timeCalls calls each function about o.seconds long (at least o.minCalls times, at most
// 5,000), one at a time, after one untimed call.
func timeCalls(o options, what string, calls []namedCall) ([]directResult, error) {
	var out []directResult
	for _, c := range calls {
		if !o.wants(c.name) {
			continue
		}
		start := time.Now()
		if err := c.call(); err != nil { // warm-up, and the size of the run
			return nil, fmt.Errorf("%s: %w", c.name, err)
		}
		per := max(time.Since(start), 50*time.Microsecond)
		n := min(max(int(o.seconds*float64(time.Second)/float64(per)), o.minCalls), 5000)
		var lat []time.Duration
		for range n {
			t := time.Now()
			if err := c.call(); err != nil {
				return nil, fmt.Errorf("%s: %w", c.name, err)
			}
			lat = append(lat, time.Since(t))
		}
		slices.Sort(lat)
		r := directResult{question: c.name, calls: n, p50: lat[n/2], p99: lat[min(n*99/100, n-1)]}
		logf("%s %-50s n=%-5d p50 %-10v p99 %v", what, r.question, n, r.p50, r.p99)
		out = append(out, r)
	}
	return out, nil
}

type namedCall struct {
	name string
	call func() error
}

// rotatingLinks are the 496 links of the "496 questions" row, in a fixed order: asked in turn,
// each question is asked again only after 495 others, so the stores' memos (64 answers) never
// hold it and every call is answered from the data.
func rotatingLinks() []string {
	var out []string
	for c := 10; c <= 40; c++ {
		for l := 10; l <= 25; l++ {
			out = append(out, fmt.Sprintf("syn-c%02d-l%02d", c, l))
		}
	}
	return out
}

// stubSuite asks a few questions over gRPC with the generated Go client (static types), the
// way generated stubs and our CLI call the service; ghz decodes answers with dynamic messages,
// which costs far more per byte.
func stubSuite(o options, addr string) ([]directResult, error) {
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(1<<30)))
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	ctx := context.Background()
	client := pb.NewChainGraphServiceClient(conn)
	health := healthpb.NewHealthClient(conn)
	lacking := func(req *pb.FindLackingRegionsRequest) func() error {
		return func() error { _, err := client.FindLackingRegions(ctx, req); return err }
	}
	return timeCalls(o, "stubs", []namedCall{
		{"health check (floor)", func() error { _, err := health.Check(ctx, &healthpb.HealthCheckRequest{}); return err }},
		{"size reference: a page of up to 500 regions (ListRegions)", func() error {
			_, err := client.ListRegions(ctx, &pb.ListRegionsRequest{PageSize: 500})
			return err
		}},
		{"补链 national, prefecture level, default page, BASIC", lacking(&pb.FindLackingRegionsRequest{Link: "syn-c05-l13"})},
		{"补链 national, prefecture level, default page, FULL", lacking(&pb.FindLackingRegionsRequest{Link: "syn-c05-l13", View: pb.AnswerView_ANSWER_VIEW_FULL})},
		{"补链 national, county level, default page, BASIC", lacking(&pb.FindLackingRegionsRequest{Link: "syn-c05-l13", Level: pb.RegionLevel_REGION_LEVEL_COUNTY})},
		{"profile of the largest prefecture (900100), FULL", func() error {
			_, err := client.GetRegionProfile(ctx, &pb.GetRegionProfileRequest{Region: "900100"})
			return err
		}},
		{"profile of the largest prefecture (900100), BASIC", func() error {
			_, err := client.GetRegionProfile(ctx, &pb.GetRegionProfileRequest{Region: "900100", View: pb.AnswerView_ANSWER_VIEW_BASIC})
			return err
		}},
		{"coverage matrix, largest chain, national by prefecture, BASIC (whole stream)", func() error {
			stream, err := client.GetCoverageMatrix(ctx, &pb.GetCoverageMatrixRequest{Chain: "syn-c01", View: pb.AnswerView_ANSWER_VIEW_BASIC})
			if err != nil {
				return err
			}
			for {
				if _, err := stream.Recv(); err == io.EOF {
					return nil
				} else if err != nil {
					return err
				}
			}
		}},
		{"leads for a prefecture (900100) and a link, BASIC", func() error {
			_, err := client.FindInvestmentLeads(ctx, &pb.FindInvestmentLeadsRequest{Region: "900100", Link: "syn-c05-l13"})
			return err
		}},
	})
}

func printStubs(store string, rows []directResult) {
	fmt.Printf("%s, generated Go client over gRPC (static types), concurrency 1:\n\n", store)
	fmt.Println("| question | calls | p50 | p99 | p50 ÷ health p50 |")
	fmt.Println("|---|---:|---:|---:|---:|")
	for _, r := range rows {
		fmt.Printf("| %s | %d | %s | %s | %.1f× |\n", r.question, r.calls, ms(r.p50), ms(r.p99), float64(r.p50)/float64(rows[0].p50))
	}
	fmt.Println()
}

func printDirect(title string, rows []directResult) {
	fmt.Println(title + ", concurrency 1:")
	fmt.Println()
	fmt.Println("| store call | calls | p50 | p99 | p50 ÷ Ping p50 |")
	fmt.Println("|---|---:|---:|---:|---:|")
	for _, r := range rows {
		ratio := "-" // in memory the floor is a function call: a ratio to it says nothing
		if rows[0].p50 >= time.Microsecond {
			ratio = fmt.Sprintf("%.1f×", float64(r.p50)/float64(rows[0].p50))
		}
		fmt.Printf("| %s | %d | %s | %s | %s |\n", r.question, r.calls, ms(r.p50), ms(r.p99), ratio)
	}
	fmt.Println()
}

// warmUp waits, untimed, until the server has derived what it builds after start-up (the
// enterprise counts behind location quotients): a county profile answers once they are ready.
// Timing while they are built would measure the build. Returns how long that took.
func warmUp(addr string) (time.Duration, error) {
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(1<<30)))
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	client := pb.NewChainGraphServiceClient(conn)
	start := time.Now()
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
		_, err := client.GetRegionProfile(ctx, &pb.GetRegionProfileRequest{Region: "900101"})
		cancel()
		if err == nil {
			return time.Since(start), nil
		}
		if time.Since(start) > 30*time.Minute {
			return 0, fmt.Errorf("derived data not ready after %v: %w", time.Since(start), err)
		}
		logf("warming up: %v", err)
		time.Sleep(time.Second)
	}
}

// --- processes ---------------------------------------------------------------------------------

type server struct {
	cmd     *exec.Cmd
	addr    string
	startup time.Duration
}

func startServer(o options, args ...string) (*server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	cmd := command(o.bin, append([]string{"serve", "--addr", addr, "--http-addr", "", "--log-level", "warn"}, args...)...)
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, addr: addr}
	if err := waitServing(addr, 10*time.Minute); err != nil {
		s.stop()
		return nil, err
	}
	s.startup = time.Since(start)
	return s, nil
}

func (s *server) stop() {
	_ = s.cmd.Process.Signal(os.Interrupt)
	_ = s.cmd.Wait()
}

func waitServing(addr string, limit time.Duration) error {
	// Short reconnect backoff: the default waits a second after the first refused dial, which
	// would be most of what is measured on the seeds.
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithConnectParams(grpc.ConnectParams{Backoff: backoff.Config{BaseDelay: 10 * time.Millisecond, Multiplier: 1.2, MaxDelay: 50 * time.Millisecond}}))
	if err != nil {
		return err
	}
	defer conn.Close()
	client := healthpb.NewHealthClient(conn)
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		resp, err := client.Check(ctx, &healthpb.HealthCheckRequest{})
		cancel()
		if err == nil && resp.GetStatus() == healthpb.HealthCheckResponse_SERVING {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("the server at %s did not report SERVING within %v", addr, limit)
}

func startupOnSeeds(o options) (time.Duration, error) {
	var times []time.Duration
	for range 5 {
		s, err := startServer(o)
		if err != nil {
			return 0, err
		}
		times = append(times, s.startup)
		s.stop()
	}
	slices.Sort(times)
	return times[len(times)/2], nil
}

var loadedRows = regexp.MustCompile(`\(\d+ of (\d+) rows`)

// load runs `chaingraph load` and returns its time and the rows (nodes and edges) it wrote.
func load(o options, batchSize int) (time.Duration, int, error) {
	logf("loading into Neo4j, %d rows per transaction", batchSize)
	cmd := command(o.bin, "load", "--no-seeds", "--no-geography", "--data", o.dataDir, "--neo4j-uri", o.neo4jURI, "--batch-size", strconv.Itoa(batchSize))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	out, err := cmd.Output()
	elapsed := time.Since(start)
	if err != nil {
		return 0, 0, fmt.Errorf("load: %v\n%s%s", err, out, stderr.String())
	}
	rows := 0
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		if m := loadedRows.FindStringSubmatch(sc.Text()); m != nil {
			rows, _ = strconv.Atoi(m[1])
		}
	}
	if rows == 0 {
		return 0, 0, errors.New("load printed no progress lines")
	}
	logf("%s", strings.TrimSpace(string(out)))
	return elapsed, rows, nil
}

// --- small helpers -------------------------------------------------------------------------------

func command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Stderr = os.Stderr
	return cmd
}

func findGhz() (string, error) {
	if p, err := exec.LookPath("ghz"); err == nil {
		return p, nil
	}
	out, err := exec.Command("go", "env", "GOPATH").Output()
	if err == nil {
		p := filepath.Join(strings.TrimSpace(string(out)), "bin", "ghz")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", errors.New("ghz not found: go install github.com/bojand/ghz/cmd/ghz@v0.93.0")
}

// ghzVersion reads the module version from the binary (go install builds report "dev").
func ghzVersion(path string) string {
	out, _ := exec.Command("go", "version", "-m", path).Output()
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) >= 3 && f[0] == "mod" && f[1] == "github.com/bojand/ghz" {
			return f[2]
		}
	}
	return "?"
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func rss(pid int) string {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "?"
	}
	var now, peak int
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) == 3 {
			switch f[0] {
			case "VmRSS:":
				now, _ = strconv.Atoi(f[1])
			case "VmHWM:":
				peak, _ = strconv.Atoi(f[1])
			}
		}
	}
	return fmt.Sprintf("%d MiB (peak %d MiB)", now/1024, peak/1024)
}

func machine() string {
	cpu := "?"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, "model name") {
				cpu = strings.TrimSpace(strings.SplitN(line, ":", 2)[1])
				break
			}
		}
	}
	mem := "?"
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		if f := strings.Fields(strings.SplitN(string(data), "\n", 2)[0]); len(f) >= 2 {
			kb, _ := strconv.Atoi(f[1])
			mem = fmt.Sprintf("%.0f GiB", float64(kb)/(1<<20))
		}
	}
	out, _ := exec.Command("nproc").Output()
	return fmt.Sprintf("%s cores %s, %s RAM", strings.TrimSpace(string(out)), cpu, mem)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}
