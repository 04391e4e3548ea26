package server_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/server"
)

// The mixed load: sixteen clients, each on its own connection, call every RPC of the service
// (walked from the descriptor) with valid requests made of the seeds' real chains, links,
// regions and belts, while the data is reloaded under them. Some calls follow their pages, some
// have deadlines of 1–50 ms, some are abandoned midway (a stream after its first message, a
// unary call cancelled in flight). Bounded by a number of calls and a time cap, not timed: the
// figures are logged. It asserts that no call ends with a code it should not, and that the
// goroutines return to their number before the load.

type loadPlan struct {
	clients    int
	calls      int64         // stop after this many calls…
	duration   time.Duration // …or this long, whichever comes first
	candidates int           // requests tried per method before the load (the OK ones are used)
	reloads    int           // data reloads spread over the load (0: none)
}

func TestMixedLoad(t *testing.T) {
	eachStore(t, func(t *testing.T, s storeUnderTest) {
		plan := loadPlan{clients: 16, calls: 12000, duration: 15 * time.Second, candidates: 24, reloads: 10}
		if strings.HasSuffix(t.Name(), "neo4j") {
			// A Neo4j load replaces the whole graph (seconds): two reloads, one after the other
			// has been read for a while; a snapshot stays readable until the second load after it.
			plan = loadPlan{clients: 16, calls: 2500, duration: 25 * time.Second, candidates: 10, reloads: 2}
		}
		mixedLoad(t, s, plan)
	})
}

// loadRequest is a valid request of a method, with what its probe took.
type loadRequest struct {
	req  proto.Message
	took time.Duration
}

// loadMethod is a method under load with the requests it is called with.
type loadMethod struct {
	m        protoreflect.MethodDescriptor
	requests []loadRequest
	weight   int
	paged    bool
}

func mixedLoad(t *testing.T, s storeUnderTest, plan loadPlan) {
	cfg := server.DefaultConfig()
	lis := serve(t, s.store, cfg)
	c, conn := connect(t, lis)
	ids := seedIDs(t, c)
	rng := rand.New(rand.NewPCG(14, 7))
	var methods []*loadMethod
	total := 0
	for _, m := range serviceMethods(t) {
		lm := &loadMethod{m: m, paged: m.Input().Fields().ByName("page_token") != nil && m.Output().Fields().ByName("next_page_token") != nil}
		for i := range plan.candidates + 1 {
			req := baseRequest(m)
			if i > 0 {
				ids.vary(rng, req)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			start := time.Now()
			_, _, err := invoke(ctx, conn, m, req)
			took := time.Since(start)
			cancel()
			if err == nil {
				lm.requests = append(lm.requests, loadRequest{req, took})
			} else if i == 0 {
				t.Errorf("%s: the valid request fails: %v", m.Name(), err)
			}
		}
		if len(lm.requests) == 0 {
			continue
		}
		// Cheap methods are called more often: weight 1 to 4, by the median probe's time.
		med := lm.requests[len(lm.requests)/2].took
		lm.weight = max(1, min(4, int(20*time.Millisecond/max(med, time.Millisecond))))
		total += lm.weight
		methods = append(methods, lm)
	}
	if len(methods) == 0 {
		t.Fatal("no method has a valid request to load the server with")
	}
	pick := func(r *rand.Rand) *loadMethod {
		n := r.IntN(total)
		for _, lm := range methods {
			if n -= lm.weight; n < 0 {
				return lm
			}
		}
		return methods[len(methods)-1]
	}

	clients := make([]*grpc.ClientConn, plan.clients)
	for i := range clients {
		_, clients[i] = connect(t, lis)
		if _, _, err := invoke(context.Background(), clients[i], methods[0].m, methods[0].requests[0].req); err != nil {
			t.Fatal(err)
		}
	}
	before := fingerprint(t, s.store, c)
	runtime.GC()
	baseline := runtime.NumGoroutine()

	var (
		stats     = newLoadStats()
		calls     atomic.Int64
		reloading atomic.Int64 // reloads begun and ended; a page token issued before either may be refused
		wg        sync.WaitGroup
		start     = time.Now()
	)
	done := func() bool {
		return calls.Load() >= plan.calls || time.Since(start) > plan.duration
	}
	reloadsDone := 0
	var reloadTimes []time.Duration
	reloadErr := make(chan error, 1)
	if plan.reloads > 0 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Reload k begins when k/(reloads+1) of the calls or of the time has passed.
			for k := 1; k <= plan.reloads; k++ {
				for !done() && calls.Load() < int64(k)*plan.calls/int64(plan.reloads+1) &&
					time.Since(start) < time.Duration(k)*plan.duration/time.Duration(plan.reloads+1) {
					time.Sleep(5 * time.Millisecond)
				}
				if done() {
					return
				}
				reloading.Add(1)
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
				rs := time.Now()
				err := s.reload(ctx)
				cancel()
				reloading.Add(1) // its end too: a page read before it ended may be of the old data
				if err != nil {
					reloadErr <- err
					return
				}
				reloadTimes = append(reloadTimes, time.Since(rs))
				reloadsDone++
			}
		}()
	}
	for i := range plan.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(i), 2026))
			for !done() {
				calls.Add(1)
				lm := pick(r)
				req := lm.requests[r.IntN(len(lm.requests))].req
				x := r.Float64()
				if lm.m.IsStreamingServer() && r.IntN(3) == 0 {
					x = 1 // abandon a third of the streams, to have a few hundred
				}
				switch {
				case x < 0.65:
					fullCall(clients[i], lm, req, r, &reloading, stats)
				case x < 0.85:
					ms := 1 + r.IntN(50)
					ctx, cancel := context.WithTimeout(context.Background(), time.Duration(ms)*time.Millisecond)
					_, _, err := invoke(ctx, clients[i], lm.m, req)
					cancel()
					stats.record("short deadline", lm.m, err, 0, codes.OK, codes.DeadlineExceeded)
				default:
					abandon(clients[i], lm, req, r, stats)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	select {
	case err := <-reloadErr:
		t.Errorf("reload during the load: %v", err)
	default:
	}

	for _, u := range stats.unexpected() {
		t.Error(u)
	}
	for _, lm := range methods {
		if len(stats.byMethod[string(lm.m.Name())]) == 0 {
			t.Errorf("%s: no call of the load completed", lm.m.Name())
		}
	}
	if plan.reloads > 0 && reloadsDone == 0 {
		t.Errorf("no reload finished during the load")
	}
	// Every call has ended: the goroutines the load started must end too (the server's, for
	// abandoned streams, included).
	after := runtime.NumGoroutine()
	for deadline := time.Now().Add(10 * time.Second); after > baseline+5 && time.Now().Before(deadline); after = runtime.NumGoroutine() {
		time.Sleep(50 * time.Millisecond)
	}
	if after > baseline+5 {
		var b strings.Builder
		pprof.Lookup("goroutine").WriteTo(&b, 1)
		dump := b.String()
		t.Errorf("%d goroutines 10 s after the load, %d before it; now:\n%s", after, baseline, dump[:min(len(dump), 6000)])
	}
	// The reloads loaded the same seeds: every answer is as before, under a new version.
	afterLoad := fingerprint(t, s.store, c)
	if reloadsDone > 0 && afterLoad["version"] == before["version"] {
		t.Errorf("data version %s before and after %d reloads", before["version"], reloadsDone)
	}
	delete(before, "version")
	delete(afterLoad, "version")
	sameFingerprint(t, before, afterLoad)
	t.Logf("mixed load: %d clients, %d calls in %v (%.0f/s), %d reloads %v; goroutines %d before, %d after",
		plan.clients, calls.Load(), elapsed.Round(100*time.Millisecond), float64(calls.Load())/elapsed.Seconds(), reloadsDone, roundAll(reloadTimes), baseline, after)
	stats.log(t)
}

// fullCall calls with time to spare, reads a stream to its end, and follows up to two more
// pages; a page token issued before a reload began may be refused (INVALID_ARGUMENT on
// page_token, ABORTED or FAILED_PRECONDITION: ask again from the first page).
func fullCall(conn *grpc.ClientConn, lm *loadMethod, req proto.Message, r *rand.Rand, reloading *atomic.Int64, stats *loadStats) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	gen := reloading.Load()
	start := time.Now()
	msgs, _, err := invoke(ctx, conn, lm.m, req)
	stats.record("full", lm.m, err, time.Since(start), codes.OK, codes.DeadlineExceeded)
	if err != nil || !lm.paged || len(msgs) == 0 || r.IntN(2) == 0 {
		return
	}
	tokenField := lm.m.Input().Fields().ByName("page_token")
	nextField := lm.m.Output().Fields().ByName("next_page_token")
	for range 2 {
		tok := msgs[0].ProtoReflect().Get(nextField).String()
		if tok == "" {
			return
		}
		next := proto.Clone(req)
		next.ProtoReflect().Set(tokenField, protoreflect.ValueOfString(tok))
		start := time.Now()
		msgs, _, err = invoke(ctx, conn, lm.m, next)
		code := status.Code(err)
		if reloading.Load() != gen && code == codes.InvalidArgument && server.DataChanged(err) &&
			slices.Equal(violationFields(err), []string{"page_token"}) { // the token's data was replaced
			stats.record("next page after a reload", lm.m, err, 0, code)
			return
		}
		stats.record("next page", lm.m, err, time.Since(start), codes.OK, codes.DeadlineExceeded)
		if err != nil {
			return
		}
	}
}

// abandon leaves a call midway: a stream once it is sent, or after its first message; a unary
// call 0–3 ms after it began.
func abandon(conn *grpc.ClientConn, lm *loadMethod, req proto.Message, r *rand.Rand, stats *loadStats) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if !lm.m.IsStreamingServer() {
		time.AfterFunc(time.Duration(r.IntN(3000))*time.Microsecond, cancel)
		_, _, err := invoke(ctx, conn, lm.m, req)
		stats.record("unary cancelled in flight", lm.m, err, 0, codes.OK, codes.Canceled)
		return
	}
	st, err := conn.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true}, fullMethod(lm.m))
	if err == nil {
		err = st.SendMsg(req)
	}
	if err == nil {
		err = st.CloseSend()
	}
	kind := "stream abandoned before its first message"
	if err == nil && r.IntN(2) == 0 {
		kind = "stream abandoned after its first message"
		err = st.RecvMsg(messageOf(lm.m.Output()))
	}
	if err != nil { // a stream whose first message already failed
		stats.record(kind, lm.m, err, 0, codes.OK)
		return
	}
	cancel()
	for err == nil {
		err = st.RecvMsg(messageOf(lm.m.Output()))
	}
	if errors.Is(err, io.EOF) { // it had ended before the cancel
		err = nil
	}
	stats.record(kind, lm.m, err, 0, codes.OK, codes.Canceled)
}

// loadStats counts the load's calls by kind and code, and keeps the completed calls' times.
type loadStats struct {
	mu         sync.Mutex
	codes      map[string]map[codes.Code]int
	bad        map[string]int // kind/method/code → count, for the codes a kind does not allow
	example    map[string]string
	latency    []time.Duration
	byMethod   map[string][]time.Duration
	callsTotal int
}

func newLoadStats() *loadStats {
	return &loadStats{codes: map[string]map[codes.Code]int{}, bad: map[string]int{}, example: map[string]string{}, byMethod: map[string][]time.Duration{}}
}

func (s *loadStats) record(kind string, m protoreflect.MethodDescriptor, err error, took time.Duration, allowed ...codes.Code) {
	code := status.Code(err)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.callsTotal++
	if s.codes[kind] == nil {
		s.codes[kind] = map[codes.Code]int{}
	}
	s.codes[kind][code]++
	if !slices.Contains(allowed, code) {
		key := fmt.Sprintf("%s %s: %v", kind, m.Name(), code)
		s.bad[key]++
		s.example[key] = status.Convert(err).Message()
	}
	if took > 0 && code == codes.OK {
		s.latency = append(s.latency, took)
		s.byMethod[string(m.Name())] = append(s.byMethod[string(m.Name())], took)
	}
}

func (s *loadStats) unexpected() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for key, n := range s.bad {
		out = append(out, fmt.Sprintf("%s ×%d (e.g. %s)", key, n, excerpt(s.example[key])))
	}
	sort.Strings(out)
	return out
}

func (s *loadStats) log(t *testing.T) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	var kinds []string
	for kind, cs := range s.codes {
		kinds = append(kinds, fmt.Sprintf("%s: %s", kind, codeCounts(cs)))
	}
	sort.Strings(kinds)
	t.Logf("codes by kind of call (%d calls and pages):\n  %s", s.callsTotal, strings.Join(kinds, "\n  "))
	p50, p99 := percentiles(s.latency)
	t.Logf("latency of the %d completed calls: p50 %v, p99 %v", len(s.latency), p50, p99)
	var ms []string
	for name, ds := range s.byMethod {
		p50, p99 := percentiles(ds)
		ms = append(ms, fmt.Sprintf("%s n=%d p50=%v p99=%v", name, len(ds), p50, p99))
	}
	sort.Strings(ms)
	t.Logf("by method:\n  %s", strings.Join(ms, "\n  "))
}

func percentiles(ds []time.Duration) (p50, p99 time.Duration) {
	if len(ds) == 0 {
		return 0, 0
	}
	ds = slices.Clone(ds)
	slices.Sort(ds)
	at := func(q float64) time.Duration {
		return ds[min(len(ds)-1, int(q*float64(len(ds))))].Round(100 * time.Microsecond)
	}
	return at(0.50), at(0.99)
}

func roundAll(ds []time.Duration) []time.Duration {
	out := make([]time.Duration, len(ds))
	for i, d := range ds {
		out[i] = d.Round(10 * time.Millisecond)
	}
	return out
}

// seedSet is the seeds' real ids, as the service lists them.
type seedSet struct {
	links       [][2]string // chain id, link id
	chains      []string
	prefectures []string
	counties    []string
	belts       []string
}

func seedIDs(t *testing.T, c pb.ChainGraphServiceClient) *seedSet {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var s seedSet
	chains, err := c.ListChains(ctx, &pb.ListChainsRequest{PageSize: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range chains.Chains {
		s.chains = append(s.chains, ch.Id)
		d, err := c.GetChain(ctx, &pb.GetChainRequest{Chain: ch.Id})
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range d.Links {
			s.links = append(s.links, [2]string{ch.Id, l.Id})
		}
	}
	for level, into := range map[pb.RegionLevel]*[]string{pb.RegionLevel_REGION_LEVEL_PREFECTURE: &s.prefectures, pb.RegionLevel_REGION_LEVEL_COUNTY: &s.counties} {
		regions, err := c.ListRegions(ctx, &pb.ListRegionsRequest{Level: level, PageSize: 500})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range regions.Regions {
			*into = append(*into, r.Id)
		}
	}
	belts, err := c.ListBelts(ctx, &pb.ListBeltsRequest{PageSize: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range belts.Belts {
		s.belts = append(s.belts, b.Id)
	}
	if len(s.links) == 0 || len(s.prefectures) == 0 || len(s.counties) == 0 || len(s.belts) == 0 {
		t.Fatalf("the seeds list %d links, %d prefectures, %d counties, %d belts", len(s.links), len(s.prefectures), len(s.counties), len(s.belts))
	}
	slices.Sort(s.prefectures) // map order above
	slices.Sort(s.counties)
	return &s
}

// vary sets the fields of req that the service's vocabulary names (chain, link, region, scope,
// parent, belt, level, view and the "how many" fields) to random real values; fields it does
// not know keep the valid request's value. A variation may still be refused (a county scope
// with a prefecture level): the load uses the ones its probe found OK.
func (s *seedSet) vary(r *rand.Rand, req proto.Message) {
	m := req.ProtoReflect()
	fields := m.Descriptor().Fields()
	setString := func(name, v string) {
		if fd := fields.ByName(protoreflect.Name(name)); fd != nil && fd.Kind() == protoreflect.StringKind && !fd.IsList() {
			m.Set(fd, protoreflect.ValueOfString(v))
		}
	}
	setInt := func(name string, v int32) {
		if fd := fields.ByName(protoreflect.Name(name)); fd != nil && fd.Kind() == protoreflect.Int32Kind && !fd.IsList() {
			m.Set(fd, protoreflect.ValueOfInt32(v))
		}
	}
	setEnum := func(name string, n int) {
		if fd := fields.ByName(protoreflect.Name(name)); fd != nil && fd.Kind() == protoreflect.EnumKind && !fd.IsList() {
			values := fd.Enum().Values()
			m.Set(fd, protoreflect.ValueOfEnum(values.Get(r.IntN(min(n, values.Len()))).Number()))
		}
	}
	region := func() string {
		if r.IntN(2) == 0 {
			return s.prefectures[r.IntN(len(s.prefectures))]
		}
		return s.counties[r.IntN(len(s.counties))]
	}
	cl := s.links[r.IntN(len(s.links))]
	if fields.ByName("link") != nil {
		setString("link", cl[1])
		if r.IntN(3) == 0 {
			setString("chain", "")
		} else {
			setString("chain", cl[0])
		}
	} else {
		setString("chain", s.chains[r.IntN(len(s.chains))])
	}
	setString("region", region())
	switch r.IntN(4) {
	case 0:
		setString("scope", "")
	case 1:
		setString("scope", s.prefectures[r.IntN(len(s.prefectures))])
	case 2:
		setString("scope", s.belts[r.IntN(len(s.belts))])
	}
	setString("parent", s.prefectures[r.IntN(len(s.prefectures))])
	setString("belt", s.belts[r.IntN(len(s.belts))])
	setEnum("level", 3) // UNSPECIFIED, PREFECTURE, COUNTY
	setEnum("view", 3)  // UNSPECIFIED, BASIC, FULL
	setInt("page_size", int32(1+r.IntN(60)))
	setInt("max_presences", int32(r.IntN(8)))
	setInt("max_depth", int32(r.IntN(6)))
	setInt("max_suppliers", int32(r.IntN(5)))
	setInt("min_holders", int32(r.IntN(5)))
	setInt("max_demands", int32(r.IntN(5)))
	if fd := fields.ByName("facts"); fd != nil && fd.Kind() == protoreflect.MessageKind && r.IntN(3) == 0 {
		f := m.Mutable(fd).Message()
		if c := f.Descriptor().Fields().ByName("certain_only"); c != nil {
			f.Set(c, protoreflect.ValueOfBool(true))
		}
	}
}
