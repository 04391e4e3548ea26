package server_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/graph/neo4jstore/neo4jtest"
	"github.com/chaingraph/chaingraph/loaders/synth"
	"github.com/chaingraph/chaingraph/server"
)

// synthStore is the 10% synthetic country in memory (285 counties, 110,000 firms and clusters):
// answers of megabytes, far larger than a connection's flow-control window.
var synthStore = sync.OnceValues(func() (*memstore.Store, error) {
	ds, err := synth.Dataset(0.1)
	if err != nil {
		return nil, err
	}
	s := memstore.New()
	return s, s.Replace(context.Background(), ds)
})

func synthetic(t *testing.T) *memstore.Store {
	t.Helper()
	s, err := synthStore()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Two clients that open a coverage matrix and stop reading it hold two heavy-request places;
// when the request timeout passes, their calls end and free them, so other heavy calls run.
func TestUnreadStreamsLoseTheirPlaceAtTheDeadline(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.HeavyRequests, cfg.RequestTimeout = 2, 2*time.Second
	lis := serve(t, synthetic(t), cfg)
	ctx := context.Background()
	big := &pb.GetCoverageMatrixRequest{Chain: "syn-c01", Scope: "cn-900000", Level: pb.RegionLevel_REGION_LEVEL_COUNTY, MaxPresences: 1000}

	reader, _ := connect(t, lis)
	size := 0
	for _, msg := range matrixMessages(t, reader, big) {
		size += proto.Size(msg)
	}
	if size < 256<<10 {
		t.Fatalf("the matrix is %d bytes: the test needs one far larger than the 64 KiB flow-control windows", size)
	}
	var unread []grpc.ServerStreamingClient[pb.GetCoverageMatrixResponse]
	for range 2 {
		// A fixed window (no BDP growth): the server's sends stall once it is full.
		c, _ := connect(t, lis, grpc.WithInitialWindowSize(64<<10), grpc.WithInitialConnWindowSize(64<<10))
		stream, err := c.GetCoverageMatrix(ctx, big)
		if err != nil {
			t.Fatal(err)
		}
		unread = append(unread, stream)
	}
	time.Sleep(200 * time.Millisecond) // both streams are admitted and stalled

	profileCtx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if _, err := reader.GetRegionProfile(profileCtx, &pb.GetRegionProfileRequest{Region: "cn-900100"}); err != nil {
		t.Fatalf("a profile behind two unread streams: %v, want an answer once their time is up", err)
	}
	for i, stream := range unread {
		var err error
		for err == nil {
			_, err = stream.Recv()
		}
		if status.Code(err) != codes.DeadlineExceeded {
			t.Errorf("unread stream %d ended with %v, want DEADLINE_EXCEEDED", i, err)
		}
	}
}

// A huge name is refused at once, naming the field, and a long unknown one is NOT_FOUND with a
// short message: the error never carries the input whole.
func TestNamesAreBounded(t *testing.T) {
	c, _ := memClient(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	huge := strings.Repeat("武", 4_000_000/3)
	_, err := c.FindLackingRegions(ctx, &pb.FindLackingRegionsRequest{Link: huge})
	if status.Code(err) != codes.InvalidArgument || !strings.Contains(strings.Join(fieldViolations(t, err), ","), "link") {
		t.Errorf("a 4 MB link name: %v, want INVALID_ARGUMENT naming link", status.Code(err))
	}
	if n := proto.Size(status.Convert(err).Proto()); n > 2048 {
		t.Errorf("the error for a 4 MB name is %d bytes", n)
	}
	long := strings.Repeat("汽", 80) // 240 bytes: within the bound, past the suggestion search's
	_, err = c.GetChain(ctx, &pb.GetChainRequest{Chain: long})
	if status.Code(err) != codes.NotFound {
		t.Errorf("a long unknown chain: %v, want NOT_FOUND", err)
	}
	if n := proto.Size(status.Convert(err).Proto()); n > 1024 || strings.Count(status.Convert(err).Message(), "汽") > 64 {
		t.Errorf("NOT_FOUND for a 240-byte name is %d bytes: %q", n, status.Convert(err).Message())
	}
}

// rawCodec sends a request's bytes as they are (a client that writes invalid UTF-8) and decodes
// answers as protobuf.
type rawCodec struct{}

type rawRequest []byte

func (rawCodec) Marshal(v any) ([]byte, error)      { return v.(rawRequest), nil }
func (rawCodec) Unmarshal(data []byte, v any) error { return proto.Unmarshal(data, v.(proto.Message)) }
func (rawCodec) Name() string                       { return "proto" }

var _ encoding.Codec = rawCodec{}

// Invalid UTF-8 in a request string is the client's mistake: INVALID_ARGUMENT naming the field.
func TestInvalidUTF8IsInvalidArgument(t *testing.T) {
	_, conn := memClient(t)
	bad := protowire.AppendTag(nil, 1, protowire.BytesType)
	bad = protowire.AppendBytes(bad, []byte("新能\xff\xfe源"))
	for _, method := range []string{pb.ChainGraphService_GetChain_FullMethodName, pb.ChainGraphService_FindWeakLinks_FullMethodName} {
		var resp pb.GetChainResponse
		err := conn.Invoke(context.Background(), method, rawRequest(bad), &resp, grpc.ForceCodec(rawCodec{}))
		if status.Code(err) != codes.InvalidArgument || !strings.Contains(strings.Join(fieldViolations(t, err), ","), "chain") {
			t.Errorf("%s with invalid UTF-8 in chain: %v, want INVALID_ARGUMENT naming chain", method, err)
		}
	}
}

// However many rows and presences per item a request asks for, an answer lists at most the
// evidence budget, says when it stopped, and keeps every count.
func TestAnswersHaveAnEvidenceBudget(t *testing.T) {
	lis := serve(t, synthetic(t), server.DefaultConfig())
	c, _ := connect(t, lis)
	ctx := context.Background()
	resp, err := c.GetRegionProfile(ctx, &pb.GetRegionProfileRequest{Region: "cn-900000", MaxPresences: 1000}, grpc.MaxCallRecvMsgSize(64<<20))
	if err != nil {
		t.Fatal(err)
	}
	listed, counted := 0, 0
	for _, ch := range resp.Chains {
		for _, p := range ch.Present {
			listed += len(p.Presences)
			counted += int(p.PresenceCount)
		}
	}
	if listed != 500 || !resp.EvidenceTruncated || counted <= listed {
		t.Errorf("listed %d of %d presences, truncated %v; want the budget's 500 listed, the rest counted, and the answer saying so", listed, counted, resp.EvidenceTruncated)
	}
	if n := proto.Size(resp); n > 400<<10 {
		t.Errorf("the answer is %d bytes", n)
	}
	// Every present link lists one presence (its share of the budget is less), until the budget
	// is spent; when there are fewer items, each lists more (TestMaxPresencesCapsEvidence).
	for _, ch := range resp.Chains[:2] {
		for _, p := range ch.Present {
			if len(p.Presences) != 1 {
				t.Errorf("%s: %d presences listed, want 1 (its share of the budget)", p.Link.Id, len(p.Presences))
			}
		}
	}
	leads, err := c.FindInvestmentLeads(ctx, &pb.FindInvestmentLeadsRequest{Region: "cn-900100", Link: "syn-c05-l13", PageSize: 500, MaxPresences: 1000,
		View: pb.AnswerView_ANSWER_VIEW_FULL}, grpc.MaxCallRecvMsgSize(64<<20))
	if err != nil {
		t.Fatal(err)
	}
	if n := proto.Size(leads); len(leads.Leads) < 100 || n > 4<<20 {
		t.Errorf("%d leads in %d bytes; want a full page within 4 MB (the feeds they share are listed once)", len(leads.Leads), n)
	}
}

// A deadline that passes is DEADLINE_EXCEEDED whatever the Neo4j driver reports (a cut Bolt
// handshake, a connectivity error): calls with deadlines of 1–50 ms end OK or DEADLINE_EXCEEDED.
func TestShortDeadlinesOnNeo4jAreDeadlineExceeded(t *testing.T) {
	ctx := context.Background()
	store := neo4jtest.Open(t)
	if err := store.Replace(ctx, seedData(t)); err != nil {
		t.Fatal(err)
	}
	c, _ := dial(t, store)
	calls := map[string]func(context.Context) error{
		"GetRegionProfile": func(ctx context.Context) error {
			_, err := c.GetRegionProfile(ctx, &pb.GetRegionProfileRequest{Region: "武汉市"})
			return err
		},
		"FindLackingRegions": func(ctx context.Context) error {
			_, err := c.FindLackingRegions(ctx, &pb.FindLackingRegionsRequest{Link: "电池材料", MaxDepth: int32(1 + time.Now().UnixNano()%8)})
			return err
		},
		"FindInvestmentLeads": func(ctx context.Context) error {
			_, err := c.FindInvestmentLeads(ctx, &pb.FindInvestmentLeadsRequest{Region: "武汉", Link: "电池材料"})
			return err
		},
		"FindPlanGaps": func(ctx context.Context) error {
			_, err := c.FindPlanGaps(ctx, &pb.FindPlanGapsRequest{View: pb.AnswerView_ANSWER_VIEW_FULL})
			return err
		},
		"CompareLackingRegions": func(ctx context.Context) error {
			_, err := c.CompareLackingRegions(ctx, &pb.CompareLackingRegionsRequest{Link: "电池材料", FromYear: 2013, ToYear: 2024})
			return err
		},
		"GetChain": func(ctx context.Context) error {
			_, err := c.GetChain(ctx, &pb.GetChainRequest{Chain: "nev"})
			return err
		},
	}
	for name, call := range calls { // names and counts derived once, as a running service has them
		warm, cancel := context.WithTimeout(ctx, 30*time.Second)
		if err := call(warm); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		cancel()
	}
	codesSeen := map[codes.Code]int{}
	for try := range 150 {
		ms := 1 + try%50
		for name, call := range calls {
			callCtx, cancel := context.WithTimeout(ctx, time.Duration(ms)*time.Millisecond)
			err := call(callCtx)
			cancel()
			codesSeen[status.Code(err)]++
			if code := status.Code(err); code != codes.OK && code != codes.DeadlineExceeded {
				t.Errorf("%s with a %d ms deadline: %v, want OK or DEADLINE_EXCEEDED", name, ms, err)
			}
		}
	}
	t.Logf("codes over %d calls: %v", 150*len(calls), codesSeen)
}
