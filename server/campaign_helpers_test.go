package server_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/graph/neo4jstore/neo4jtest"
)

// Helpers shared by the bad-input table (badinput_test.go) and the mixed load
// (mixedload_test.go): both walk the service descriptor rather than name methods, so an RPC
// added later is covered without editing them.

// serviceMethods is every method of every service of the chaingraph.v1 service file.
func serviceMethods(t *testing.T) []protoreflect.MethodDescriptor {
	t.Helper()
	var out []protoreflect.MethodDescriptor
	services := pb.File_chaingraph_v1_chaingraph_service_proto.Services()
	for i := range services.Len() {
		methods := services.Get(i).Methods()
		for j := range methods.Len() {
			out = append(out, methods.Get(j))
		}
	}
	if len(out) == 0 {
		t.Fatal("the service descriptor has no methods: the walk would test nothing")
	}
	return out
}

// fullMethod is a method's gRPC path, e.g. /chaingraph.v1.ChainGraphService/GetChain.
func fullMethod(m protoreflect.MethodDescriptor) string {
	return "/" + string(m.Parent().FullName()) + "/" + string(m.Name())
}

// messageOf returns a new message of a descriptor's generated type.
func messageOf(d protoreflect.MessageDescriptor) proto.Message {
	mt, err := protoregistry.GlobalTypes.FindMessageByName(d.FullName())
	if err != nil {
		panic(fmt.Sprintf("no generated type for %s: %v", d.FullName(), err))
	}
	return mt.New().Interface()
}

// baseRequest is a valid request of the method (requestsByMethod, which TestHTTPAnswersAsGRPC
// keeps complete), or the empty one when it has none (that test then fails).
func baseRequest(m protoreflect.MethodDescriptor) proto.Message {
	if req, ok := requestsByMethod()[string(m.Name())]; ok {
		return proto.Clone(req)
	}
	return messageOf(m.Input())
}

// invoke calls a method, unary or server-streaming, with req sent as it is (a proto.Message,
// or rawRequest bytes that the client does not validate), reads a stream to its end, and
// returns the answers and the size of the header and trailer metadata the call received.
func invoke(ctx context.Context, conn *grpc.ClientConn, m protoreflect.MethodDescriptor, req any) ([]proto.Message, int, error) {
	var opts []grpc.CallOption
	if _, raw := req.(rawRequest); raw {
		opts = append(opts, grpc.ForceCodec(rawCodec{}))
	}
	if !m.IsStreamingServer() && !m.IsStreamingClient() {
		var header, trailer metadata.MD
		out := messageOf(m.Output())
		err := conn.Invoke(ctx, fullMethod(m), req, out, append(opts, grpc.Header(&header), grpc.Trailer(&trailer))...)
		size := mdSize(header) + mdSize(trailer)
		if err != nil {
			return nil, size, err
		}
		return []proto.Message{out}, size, nil
	}
	st, err := conn.NewStream(ctx, &grpc.StreamDesc{ServerStreams: m.IsStreamingServer(), ClientStreams: m.IsStreamingClient()}, fullMethod(m), opts...)
	if err != nil {
		return nil, 0, err
	}
	if err := st.SendMsg(req); err != nil && err != io.EOF {
		return nil, 0, err
	}
	if err := st.CloseSend(); err != nil {
		return nil, 0, err
	}
	var msgs []proto.Message
	for {
		out := messageOf(m.Output())
		if err = st.RecvMsg(out); err != nil {
			break
		}
		msgs = append(msgs, out)
	}
	header, _ := st.Header()
	size := mdSize(header) + mdSize(st.Trailer())
	if err == io.EOF {
		err = nil
	}
	return msgs, size, err
}

func mdSize(md metadata.MD) int {
	n := 0
	for k, vs := range md {
		for _, v := range vs {
			n += len(k) + len(v)
		}
	}
	return n
}

// storeUnderTest is a served store of the seeds.
type storeUnderTest struct {
	store  graph.Reader
	reload func(context.Context) error // loads the seeds again (a new data version)
}

// eachStore runs f on the seeds in memory and on Neo4j (skipped, or failed under CI=true,
// without CHAINGRAPH_TEST_NEO4J_URI).
func eachStore(t *testing.T, f func(t *testing.T, s storeUnderTest)) {
	t.Run("memstore", func(t *testing.T) {
		s := memstore.New()
		if err := s.Replace(context.Background(), seedData(t)); err != nil {
			t.Fatal(err)
		}
		ds := seedData(t)
		f(t, storeUnderTest{store: s, reload: func(ctx context.Context) error { return s.Replace(ctx, ds) }})
	})
	t.Run("neo4j", func(t *testing.T) {
		s := neo4jtest.Open(t)
		if err := s.Replace(context.Background(), seedData(t)); err != nil {
			t.Fatal(err)
		}
		ds := seedData(t)
		f(t, storeUnderTest{store: s, reload: func(ctx context.Context) error { return s.Replace(ctx, ds) }})
	})
}

// fingerprint digests what a store holds and what the service answers from it: the data
// version, every name, every FEEDS edge, and the answers of a few reads as proto bytes. Two
// fingerprints differ when anything a bad request could have written changed.
func fingerprint(t *testing.T, store graph.Reader, c pb.ChainGraphServiceClient) map[string]string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out := map[string]string{}
	digest := func(part string, v any) {
		h := sha256.New()
		if m, ok := v.(proto.Message); ok {
			b, err := proto.MarshalOptions{Deterministic: true}.Marshal(m)
			if err != nil {
				t.Fatalf("%s: %v", part, err)
			}
			h.Write(b)
		} else {
			fmt.Fprintf(h, "%+v", v)
		}
		out[part] = hex.EncodeToString(h.Sum(nil))[:16]
	}
	snap, err := store.View(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out["version"] = fmt.Sprint(snap.Version())
	names, err := snap.Names(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(names, func(i, j int) bool {
		return names[i].Kind < names[j].Kind || names[i].Kind == names[j].Kind && names[i].ID < names[j].ID
	})
	digest("names", names)
	feeds, err := snap.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	digest("feeds", feeds)
	must := func(part string, m proto.Message, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("fingerprint %s: %v", part, err)
		}
		digest(part, m)
	}
	chains, err := c.ListChains(ctx, &pb.ListChainsRequest{PageSize: 200})
	must("ListChains", chains, err)
	var regions []string
	req := &pb.ListRegionsRequest{PageSize: 500}
	for {
		resp, err := c.ListRegions(ctx, req)
		if err != nil {
			t.Fatalf("fingerprint ListRegions: %v", err)
		}
		for _, r := range resp.Regions {
			b, _ := proto.MarshalOptions{Deterministic: true}.Marshal(r)
			regions = append(regions, string(b))
		}
		if resp.NextPageToken == "" {
			break
		}
		req.PageToken = resp.NextPageToken
	}
	digest("ListRegions", regions)
	belts, err := c.ListBelts(ctx, &pb.ListBeltsRequest{PageSize: 200})
	must("ListBelts", belts, err)
	targets, err := c.ListPlanTargets(ctx, &pb.ListPlanTargetsRequest{PageSize: 200})
	must("ListPlanTargets", targets, err)
	chain, err := c.GetChain(ctx, &pb.GetChainRequest{Chain: "nev"})
	must("GetChain nev", chain, err)
	prof, err := c.GetRegionProfile(ctx, &pb.GetRegionProfileRequest{Region: "武汉市", View: pb.AnswerView_ANSWER_VIEW_FULL})
	must("GetRegionProfile 武汉市", prof, err)
	lacking, err := c.FindLackingRegions(ctx, &pb.FindLackingRegionsRequest{Link: "电池材料", PageSize: 500, View: pb.AnswerView_ANSWER_VIEW_FULL})
	must("FindLackingRegions 电池材料", lacking, err)
	return out
}

// sameFingerprint fails the test when the graph changed between two fingerprints.
func sameFingerprint(t *testing.T, before, after map[string]string) {
	t.Helper()
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("the graph changed (-before +after):\n%s", diff)
	}
}

// codeCounts formats per-code counts in a stable order.
func codeCounts[K comparable](m map[K]int) string {
	var parts []string
	for k, n := range m {
		parts = append(parts, fmt.Sprintf("%v=%d", k, n))
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}
