package server_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/testing/protocmp"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/server"
	"github.com/chaingraph/chaingraph/server/export/toolcheck"
)

// running is a served chaingraph on real TCP ports: gRPC and HTTP.
type running struct {
	conn     *grpc.ClientConn
	grpcAddr string
	httpURL  string
}

// runSeeds runs the service on the seeds (in memory) until the test ends.
func runSeeds(t *testing.T, mutate func(*server.Config)) running {
	t.Helper()
	s := memstore.New()
	if err := s.Replace(context.Background(), seedData(t)); err != nil {
		t.Fatal(err)
	}
	return runStore(t, s, mutate)
}

// runStore runs the service on store, gRPC and HTTP on free ports, until the test ends.
func runStore(t *testing.T, s graph.Reader, mutate func(*server.Config)) running {
	t.Helper()
	cfg := server.DefaultConfig()
	cfg.Addr, cfg.HTTPAddr = "127.0.0.1:0", "127.0.0.1:0"
	httpAddr := make(chan net.Addr, 1)
	cfg.HTTPReady = func(a net.Addr) { httpAddr <- a }
	if mutate != nil {
		mutate(&cfg)
	}
	grpcAddr := make(chan net.Addr, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- server.Run(ctx, cfg, s, slog.New(slog.NewTextHandler(io.Discard, nil)), func(a net.Addr) { grpcAddr <- a })
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	var r running
	select {
	case a := <-grpcAddr:
		conn, err := grpc.NewClient(a.String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Close() })
		r.conn, r.grpcAddr = conn, a.String()
	case err := <-done:
		done <- nil // the cleanup waits for it
		t.Fatalf("Run: %v", err)
	}
	r.httpURL = "http://" + (<-httpAddr).String()
	return r
}

// requestsByMethod is one request per RPC of the service; TestHTTPAnswersAsGRPC fails for an
// RPC missing here, so every RPC added later is compared too.
func requestsByMethod() map[string]proto.Message {
	return map[string]proto.Message{
		"ListChains":            &pb.ListChainsRequest{},
		"GetChain":              &pb.GetChainRequest{Chain: "新能源汽车"},
		"ListRegions":           &pb.ListRegionsRequest{Level: pb.RegionLevel_REGION_LEVEL_COUNTY, PageSize: 500},
		"GetRegion":             &pb.GetRegionRequest{Region: "宜都市"},
		"ListBelts":             &pb.ListBeltsRequest{},
		"GetBelt":               &pb.GetBeltRequest{Belt: "襄十随"},
		"ListPlanTargets":       &pb.ListPlanTargetsRequest{},
		"FindWeakLinks":         &pb.FindWeakLinksRequest{Chain: "nev", View: pb.AnswerView_ANSWER_VIEW_FULL},
		"FindExtensions":        &pb.FindExtensionsRequest{Scope: "襄阳市"},
		"GetRegionProfile":      &pb.GetRegionProfileRequest{Region: "宜都市"},
		"GetCoverageMatrix":     &pb.GetCoverageMatrixRequest{Chain: "nev", Level: pb.RegionLevel_REGION_LEVEL_COUNTY},
		"FindInvestmentLeads":   &pb.FindInvestmentLeadsRequest{Region: "孝感市", Chain: "nev", Link: "电池材料"},
		"FindLackingRegions":    &pb.FindLackingRegionsRequest{Chain: "nev", Link: "电池材料", Level: pb.RegionLevel_REGION_LEVEL_COUNTY, View: pb.AnswerView_ANSWER_VIEW_FULL},
		"FindPlanGaps":          &pb.FindPlanGapsRequest{Chain: "nev"},
		"CompareLackingRegions": &pb.CompareLackingRegionsRequest{Chain: "nev", Link: "电池材料", FromYear: 2013, ToYear: 2024},
		"GetLinkMap":            &pb.GetLinkMapRequest{Chain: "nev", Link: "电池材料", Level: pb.RegionLevel_REGION_LEVEL_COUNTY},
	}
}

// TestHTTPAnswersAsGRPC asks every RPC over gRPC and as JSON over HTTP (what curl sends) and
// compares the answers, errors included.
func TestHTTPAnswersAsGRPC(t *testing.T) {
	r := runSeeds(t, nil)
	ctx := context.Background()
	requests := requestsByMethod()
	methods := pb.File_chaingraph_v1_chaingraph_service_proto.Services().ByName("ChainGraphService").Methods()
	for i := range methods.Len() {
		m := methods.Get(i)
		name := string(m.Name())
		req, ok := requests[name]
		if !ok {
			t.Errorf("%s: no request in requestsByMethod, so HTTP is not compared with gRPC for it", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			full := "/chaingraph.v1.ChainGraphService/" + name
			if m.IsStreamingServer() {
				viaGRPC := grpcStream(t, ctx, r.conn, full, req, m.Output())
				viaHTTP := connectStream(t, r.httpURL+full, req, m.Output())
				if len(viaGRPC) == 0 {
					t.Fatal("gRPC stream answered nothing")
				}
				if diff := cmp.Diff(viaGRPC, viaHTTP, protocmp.Transform()); diff != "" {
					t.Errorf("HTTP stream differs from gRPC (-grpc +http):\n%s", diff)
				}
				return
			}
			viaGRPC := newMessage(t, m.Output())
			if err := r.conn.Invoke(ctx, full, req, viaGRPC); err != nil {
				t.Fatalf("gRPC: %v", err)
			}
			code, body := postJSON(t, r.httpURL+full, req)
			if code != http.StatusOK {
				t.Fatalf("HTTP %d: %s", code, body)
			}
			viaHTTP := newMessage(t, m.Output())
			if err := protojson.Unmarshal(body, viaHTTP); err != nil {
				t.Fatalf("HTTP answer is not a %s: %v", m.Output().FullName(), err)
			}
			if proto.Size(viaGRPC) == 0 {
				t.Fatal("gRPC answered an empty message: the request does not exercise the RPC")
			}
			if diff := cmp.Diff(viaGRPC, viaHTTP, protocmp.Transform()); diff != "" {
				t.Errorf("HTTP differs from gRPC (-grpc +http):\n%s", diff)
			}
		})
	}

	t.Run("errors", func(t *testing.T) {
		code, body := postJSON(t, r.httpURL+"/chaingraph.v1.ChainGraphService/GetRegion", &pb.GetRegionRequest{Region: "武汗市"})
		var e struct{ Code, Message string }
		if err := json.Unmarshal(body, &e); err != nil {
			t.Fatalf("error body %s: %v", body, err)
		}
		if code != http.StatusNotFound || e.Code != "not_found" || !strings.Contains(e.Message, "武汉市") {
			t.Errorf("unknown region over HTTP: %d %+v; want 404 not_found suggesting 武汉市", code, e)
		}
		code, body = postJSON(t, r.httpURL+"/chaingraph.v1.ChainGraphService/FindLackingRegions", &pb.FindLackingRegionsRequest{Chain: "nev", PageSize: -1})
		var bad struct {
			Code    string
			Details []struct{ Type, Value string }
		}
		if err := json.Unmarshal(body, &bad); err != nil {
			t.Fatalf("error body %s: %v", body, err)
		}
		var fields []string
		for _, d := range bad.Details {
			raw, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(d.Value, "="))
			var br errdetails.BadRequest
			if err != nil || d.Type != "google.rpc.BadRequest" || proto.Unmarshal(raw, &br) != nil {
				continue
			}
			for _, v := range br.GetFieldViolations() {
				fields = append(fields, v.GetField())
			}
		}
		slices.Sort(fields)
		if code != http.StatusBadRequest || bad.Code != "invalid_argument" || !slices.Equal(fields, []string{"link", "page_size"}) {
			t.Errorf("bad request over HTTP: %d %s, field violations %v; want 400 invalid_argument with BadRequest details for link and page_size", code, bad.Code, fields)
		}
	})
}

func newMessage(t *testing.T, d protoreflect.MessageDescriptor) proto.Message {
	t.Helper()
	mt, err := protoregistry.GlobalTypes.FindMessageByName(d.FullName())
	if err != nil {
		t.Fatal(err)
	}
	return mt.New().Interface()
}

func postJSON(t *testing.T, url string, req proto.Message) (int, []byte) {
	t.Helper()
	b, err := protojson.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(url, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

func grpcStream(t *testing.T, ctx context.Context, conn *grpc.ClientConn, method string, req proto.Message, out protoreflect.MessageDescriptor) []proto.Message {
	t.Helper()
	st, err := conn.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true}, method)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SendMsg(req); err != nil {
		t.Fatal(err)
	}
	if err := st.CloseSend(); err != nil {
		t.Fatal(err)
	}
	var msgs []proto.Message
	for {
		m := newMessage(t, out)
		if err := st.RecvMsg(m); err == io.EOF {
			return msgs
		} else if err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, m)
	}
}

// connectStream calls a server-streaming RPC with the Connect protocol in JSON: the request
// and every answer are enveloped (a flags byte, a 4-byte big-endian length); the last envelope
// (flags 2) ends the stream, with an error if it failed.
func connectStream(t *testing.T, url string, req proto.Message, out protoreflect.MessageDescriptor) []proto.Message {
	t.Helper()
	b, err := protojson.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	env := make([]byte, 5, 5+len(b))
	binary.BigEndian.PutUint32(env[1:], uint32(len(b)))
	resp, err := http.Post(url, "application/connect+json", bytes.NewReader(append(env, b...)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(resp.Body)
		t.Fatalf("HTTP %d: %s", resp.StatusCode, body)
	}
	var msgs []proto.Message
	for {
		head := make([]byte, 5)
		if _, err := io.ReadFull(resp.Body, head); err != nil {
			t.Fatalf("stream ended without its end envelope: %v", err)
		}
		data := make([]byte, binary.BigEndian.Uint32(head[1:]))
		if _, err := io.ReadFull(resp.Body, data); err != nil {
			t.Fatal(err)
		}
		if head[0]&2 != 0 {
			var end struct {
				Error *struct{ Code, Message string }
			}
			if err := json.Unmarshal(data, &end); err != nil {
				t.Fatalf("end envelope %s: %v", data, err)
			}
			if end.Error != nil {
				t.Fatalf("stream failed: %+v", *end.Error)
			}
			return msgs
		}
		m := newMessage(t, out)
		if err := protojson.Unmarshal(data, m); err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, m)
	}
}

// TestHTTPOperations checks what an operator reads over HTTP: health, metrics, the OpenAPI
// document, and pprof only when asked for.
func TestHTTPOperations(t *testing.T) {
	get := func(t *testing.T, url string) (int, string) {
		t.Helper()
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	r := runSeeds(t, nil)
	deadline := time.Now().Add(10 * time.Second)
	code, body := get(t, r.httpURL+"/healthz")
	for code != http.StatusOK && time.Now().Before(deadline) { // health follows the store's first ping
		time.Sleep(50 * time.Millisecond)
		code, body = get(t, r.httpURL+"/healthz")
	}
	if code != http.StatusOK || strings.TrimSpace(body) != "SERVING" {
		t.Errorf("/healthz: %d %q; want 200 SERVING", code, body)
	}

	postJSON(t, r.httpURL+"/chaingraph.v1.ChainGraphService/ListChains", &pb.ListChainsRequest{})
	postJSON(t, r.httpURL+"/chaingraph.v1.ChainGraphService/GetRegion", &pb.GetRegionRequest{Region: "no such place"})
	var got pb.ListChainsResponse
	if err := r.conn.Invoke(context.Background(), "/chaingraph.v1.ChainGraphService/ListChains", &pb.ListChainsRequest{}, &got); err != nil {
		t.Fatal(err)
	}
	_, metrics := get(t, r.httpURL+"/metrics")
	for _, want := range []string{
		`chaingraph_rpc_duration_seconds_count{code="OK",method="/chaingraph.v1.ChainGraphService/ListChains"} 2`,
		`chaingraph_rpc_duration_seconds_count{code="NotFound",method="/chaingraph.v1.ChainGraphService/GetRegion"} 1`,
		`chaingraph_store_duration_seconds_count{operation="ListChains",outcome="ok"} 2`,
		`go_goroutines`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	code, doc := get(t, r.httpURL+"/openapi.json")
	var openapi struct {
		Swagger string
		Paths   map[string]any
	}
	if err := json.Unmarshal([]byte(doc), &openapi); code != http.StatusOK || err != nil {
		t.Fatalf("/openapi.json: %d %v", code, err)
	}
	methods := pb.File_chaingraph_v1_chaingraph_service_proto.Services().ByName("ChainGraphService").Methods()
	for i := range methods.Len() {
		if p := "/chaingraph.v1.ChainGraphService/" + string(methods.Get(i).Name()); openapi.Paths[p] == nil {
			t.Errorf("/openapi.json has no path %s (make proto)", p)
		}
	}

	if code, _ := get(t, r.httpURL+"/debug/pprof/cmdline"); code == http.StatusOK {
		t.Errorf("pprof served without --pprof")
	}
	withPprof := runSeeds(t, func(c *server.Config) { c.Pprof = true })
	if code, _ := get(t, withPprof.httpURL+"/debug/pprof/cmdline"); code != http.StatusOK {
		t.Errorf("pprof with --pprof: %d", code)
	}
}

// TestCurlAsTheREADMEShows runs the README's curl call and compares it with gRPC's answer.
func TestCurlAsTheREADMEShows(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		toolcheck.Missing(t, "no curl: apt-get install curl")
	}
	r := runSeeds(t, nil)
	out, err := exec.Command(curl, "-sS", "-H", "Content-Type: application/json", "-d", `{"chain":"nev","link":"电池材料"}`,
		r.httpURL+"/chaingraph.v1.ChainGraphService/FindLackingRegions").Output()
	if err != nil {
		t.Fatalf("curl: %v", err)
	}
	var viaCurl pb.FindLackingRegionsResponse
	if err := protojson.Unmarshal(out, &viaCurl); err != nil {
		t.Fatalf("curl printed no FindLackingRegionsResponse: %v\n%.300s", err, out)
	}
	viaGRPC, err := pb.NewChainGraphServiceClient(r.conn).FindLackingRegions(context.Background(), &pb.FindLackingRegionsRequest{Chain: "nev", Link: "电池材料"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(viaGRPC, &viaCurl, protocmp.Transform()); diff != "" || len(viaGRPC.LackingRegions) == 0 {
		t.Errorf("curl's answer differs from gRPC's (-grpc +curl):\n%s", diff)
	}
}

// TestHTTPAtNationalSize: on the synthetic country (no boundaries) the page's questions answer
// over HTTP in full — a national link map is far larger than one transcoding buffer of old —
// and the base map is every county as a point at its centroid; a request body is bounded.
func TestHTTPAtNationalSize(t *testing.T) {
	r := runStore(t, synthetic(t), nil)
	req := &pb.GetLinkMapRequest{Chain: "syn-c05", Link: "syn-c05-l13", Scope: "cn-900000", Level: pb.RegionLevel_REGION_LEVEL_COUNTY}
	var viaGRPC pb.GetLinkMapResponse
	if err := r.conn.Invoke(context.Background(), "/chaingraph.v1.ChainGraphService/GetLinkMap", req, &viaGRPC); err != nil {
		t.Fatal(err)
	}
	code, body := postJSON(t, r.httpURL+"/chaingraph.v1.ChainGraphService/GetLinkMap", req)
	var viaHTTP pb.GetLinkMapResponse
	if code != http.StatusOK || protojson.Unmarshal(body, &viaHTTP) != nil {
		t.Fatalf("national link map over HTTP: %d %.200s", code, body)
	}
	if len(viaHTTP.Regions) < 250 || !proto.Equal(&viaGRPC, &viaHTTP) {
		t.Errorf("national link map: %d regions, equal to gRPC %v; want every county as gRPC answers it", len(viaHTTP.Regions), proto.Equal(&viaGRPC, &viaHTTP))
	}
	code, body = postJSON(t, r.httpURL+"/chaingraph.v1.ChainGraphService/ListRegions", &pb.ListRegionsRequest{PageSize: 500})
	if code != http.StatusOK || len(body) < 64<<10 {
		t.Errorf("every region over HTTP: %d, %d bytes; want the whole page (over 64 KiB)", code, len(body))
	}

	resp, err := http.Get(r.httpURL + "/map/regions.geojson")
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct{ Geometry struct{ Type string } }
	}
	err = json.NewDecoder(resp.Body).Decode(&fc)
	resp.Body.Close()
	if err != nil || len(fc.Features) != len(viaGRPC.Regions) {
		t.Fatalf("base map: %v, %d features; want the %d counties", err, len(fc.Features), len(viaGRPC.Regions))
	}
	for _, f := range fc.Features {
		if f.Geometry.Type != "Point" {
			t.Fatalf("a synthetic county drawn as %q; without boundaries it is a point at its centroid", f.Geometry.Type)
		}
	}

	huge := &pb.GetRegionRequest{Region: strings.Repeat("武", 40<<10)}
	if code, body := postJSON(t, r.httpURL+"/chaingraph.v1.ChainGraphService/GetRegion", huge); code != http.StatusBadRequest || !strings.Contains(string(body), "invalid_argument") {
		t.Errorf("a 120 kB request body: %d %.200s; want 400 invalid_argument", code, body)
	}
}
