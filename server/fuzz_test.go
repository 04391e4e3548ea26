package server_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/encoding"
	grpcproto "google.golang.org/grpc/encoding/proto"
	"google.golang.org/grpc/mem"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"
	"google.golang.org/protobuf/encoding/prototext"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/seeds"
	"github.com/chaingraph/chaingraph/server"
)

// FuzzHandlers sends every RPC of the service arbitrary requests: the first byte of an input
// picks the method (of every service in the proto file, walked from its descriptor, so an RPC
// added later is fuzzed without a change here), the rest is the request's wire bytes. A call
// (a stream read to its end) must end within its deadline with OK, INVALID_ARGUMENT, NOT_FOUND
// or DEADLINE_EXCEEDED, and leave the served data as it was: the same version, the same reads.
// Page tokens reach the handlers this way too: the corpus holds real ones.

// fuzzCallTimeout is each call's deadline; a call must have returned a little after it.
const fuzzCallTimeout = 3 * time.Second

// fuzzAllowed are the codes a request can earn. Anything else is a bug in the service: INTERNAL
// (a panic recovered, an unmapped error), UNKNOWN (a bare error), or a code the service has no
// reason to give for a request over unchanging data in memory.
var fuzzAllowed = map[codes.Code]bool{codes.OK: true, codes.InvalidArgument: true, codes.NotFound: true, codes.DeadlineExceeded: true}

type fuzzMethod struct {
	name     string // /package.Service/Method
	in, out  protoreflect.MessageType
	streamed bool
}

// fuzzMethods are the service's methods, in the proto file's order.
var fuzzMethods = sync.OnceValues(func() ([]fuzzMethod, error) {
	var out []fuzzMethod
	services := pb.File_chaingraph_v1_chaingraph_service_proto.Services()
	for i := range services.Len() {
		sd := services.Get(i)
		for j := range sd.Methods().Len() {
			md := sd.Methods().Get(j)
			in, err := protoregistry.GlobalTypes.FindMessageByName(md.Input().FullName())
			if err != nil {
				return nil, err
			}
			resp, err := protoregistry.GlobalTypes.FindMessageByName(md.Output().FullName())
			if err != nil {
				return nil, err
			}
			out = append(out, fuzzMethod{name: fmt.Sprintf("/%s/%s", sd.FullName(), md.Name()), in: in, out: resp, streamed: md.IsStreamingServer() || md.IsStreamingClient()})
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no methods in the service descriptor")
	}
	return out, nil
})

// fuzzLog is the server's log, kept so that a call with an unexpected code shows why.
type fuzzLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *fuzzLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *fuzzLog) take() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.buf.String()
	l.buf.Reset()
	return s
}

type fuzzService struct {
	store  *memstore.Store
	conn   *grpc.ClientConn
	log    *fuzzLog
	before string // fuzzFingerprint of the data before any call
}

// fuzzServed is one server over the seeds in memory for all inputs of a process (the fuzz
// engine runs each worker in a process of its own); it lives until the process ends.
var fuzzServed = sync.OnceValues(func() (*fuzzService, error) {
	ds, err := loaders.Build(loaders.Source{Name: "seeds", FS: seeds.FS})
	if err != nil {
		return nil, err
	}
	store := memstore.New()
	if err := store.Replace(context.Background(), ds); err != nil {
		return nil, err
	}
	log := &fuzzLog{}
	cfg := server.DefaultConfig()
	cfg.RequestTimeout = fuzzCallTimeout
	lis := bufconn.Listen(1 << 20)
	gs, _ := server.NewGRPCServer(cfg, store, slog.New(slog.NewTextHandler(log, &slog.HandlerOptions{Level: slog.LevelWarn})))
	go gs.Serve(lis)
	conn, err := grpc.NewClient("passthrough:///bufnet",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.ForceCodecV2(fuzzCodec{encoding.GetCodecV2(grpcproto.Name)}), grpc.MaxCallRecvMsgSize(64<<20)))
	if err != nil {
		return nil, err
	}
	svc := &fuzzService{store: store, conn: conn, log: log}
	svc.before, err = svc.fingerprint(context.Background())
	return svc, err
})

// fuzzRaw is a request sent as the bytes it is: bytes that do not unmarshal into the message (a
// string that is not UTF-8, a truncated field) are still what a client can send, and the server
// must answer them as a bad request.
type fuzzRaw []byte

// fuzzCodec is the proto codec that also sends fuzzRaw as it is.
type fuzzCodec struct{ encoding.CodecV2 }

func (c fuzzCodec) Marshal(v any) (mem.BufferSlice, error) {
	if raw, ok := v.(fuzzRaw); ok {
		return mem.BufferSlice{mem.SliceBuffer(raw)}, nil
	}
	return c.CodecV2.Marshal(v)
}

// fingerprint is a hash of what the store serves: its version and every list read. A handler
// that changed a slice or map the store handed it would change the next request's answer.
func (s *fuzzService) fingerprint(ctx context.Context) (string, error) {
	snap, err := s.store.View(ctx)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "version %d\n", snap.Version())
	names, err := snap.Names(ctx)
	if err != nil {
		return "", err
	}
	feeds, err := snap.Feeds(ctx)
	if err != nil {
		return "", err
	}
	chains, err := snap.ListChains(ctx, graph.ListQuery{Limit: 1 << 20})
	if err != nil {
		return "", err
	}
	regions, err := snap.ListRegions(ctx, graph.RegionQuery{ListQuery: graph.ListQuery{Limit: 1 << 20}})
	if err != nil {
		return "", err
	}
	belts, err := snap.ListBelts(ctx, graph.BeltQuery{ListQuery: graph.ListQuery{Limit: 1 << 20}})
	if err != nil {
		return "", err
	}
	targets, err := snap.ListTargets(ctx, graph.ListQuery{Limit: 1 << 20})
	if err != nil {
		return "", err
	}
	fmt.Fprintf(h, "%v\n%v\n%v\n%v\n%v\n%v\n", names, feeds, chains, regions, belts, targets)
	for _, c := range chains {
		d, err := snap.GetChain(ctx, c.ID)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%v\n", d)
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}

// call sends one request and reads the answer to its end; it returns the status.
func (s *fuzzService) call(m fuzzMethod, req any) error {
	ctx, cancel := context.WithTimeout(context.Background(), fuzzCallTimeout)
	defer cancel()
	if !m.streamed {
		return s.conn.Invoke(ctx, m.name, req, m.out.New().Interface())
	}
	st, err := s.conn.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true}, m.name)
	if err != nil {
		return err
	}
	if err := st.SendMsg(req); err != nil && err != io.EOF {
		return err
	}
	if err := st.CloseSend(); err != nil {
		return err
	}
	for {
		if err := st.RecvMsg(m.out.New().Interface()); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}

// fuzzValues are real values for request fields, by field name: the corpus starts from
// requests that reach the handlers' work, not only their validation.
var fuzzValues = map[protoreflect.Name][]string{
	"chain":  {"nev", "新能源汽車", "auto"},
	"link":   {"nev-battery", "电池", "auto-parts"},
	"region": {"420100", "潜江市", "cn-420115"},
	"scope":  {"420000", "武汉市", "cn-420600"},
	"parent": {"420100", "襄阳"},
	"belt":   {"belt-nev-special-vehicle", "襄十随"},
	"kind":   {"emerging_belt", ""},
}

// fuzzRequest fills a request's fields with the v-th real value of their name (strings),
// small numbers (page sizes, depths, maxima; years for year fields) and a named value of enums.
func fuzzRequest(mt protoreflect.MessageType, v int) proto.Message {
	m := mt.New()
	fields := m.Descriptor().Fields()
	for i := range fields.Len() {
		fd := fields.Get(i)
		if fd.IsList() || fd.IsMap() {
			continue
		}
		switch fd.Kind() {
		case protoreflect.StringKind:
			if vals := fuzzValues[fd.Name()]; len(vals) > 0 {
				m.Set(fd, protoreflect.ValueOfString(vals[v%len(vals)]))
			}
		case protoreflect.Int32Kind:
			n := int32(2 + v)
			if strings.Contains(string(fd.Name()), "year") || fd.Name() == "as_of" {
				n = int32(2018 + v)
			}
			m.Set(fd, protoreflect.ValueOfInt32(n))
		case protoreflect.EnumKind:
			if vals := fd.Enum().Values(); vals.Len() > 1 {
				m.Set(fd, protoreflect.ValueOfEnum(vals.Get(1+v%(vals.Len()-1)).Number()))
			}
		case protoreflect.BoolKind:
			m.Set(fd, protoreflect.ValueOfBool(v%2 == 1))
		case protoreflect.MessageKind:
			if v%2 == 1 {
				m.Set(fd, protoreflect.ValueOfMessage(fuzzRequest(dynamicMessageType{fd.Message(), m.NewField(fd).Message()}, v).ProtoReflect()))
			}
		}
	}
	return m.Interface()
}

// dynamicMessageType is the type of a nested message field, from a value of it.
type dynamicMessageType struct {
	desc protoreflect.MessageDescriptor
	zero protoreflect.Message
}

func (d dynamicMessageType) New() protoreflect.Message                  { return d.zero.New() }
func (d dynamicMessageType) Zero() protoreflect.Message                 { return d.zero.Type().Zero() }
func (d dynamicMessageType) Descriptor() protoreflect.MessageDescriptor { return d.desc }

func FuzzHandlers(f *testing.F) {
	methods, err := fuzzMethods()
	if err != nil {
		f.Fatal(err)
	}
	svc, err := fuzzServed()
	if err != nil {
		f.Fatal(err)
	}
	for i, m := range methods {
		f.Add([]byte{byte(i)})
		for v := range 3 {
			req := fuzzRequest(m.in, v)
			b, err := proto.Marshal(req)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(append([]byte{byte(i)}, b...))
			// A real page token: the second page of a list.
			tokenField := req.ProtoReflect().Descriptor().Fields().ByName("page_token")
			if tokenField == nil {
				continue
			}
			resp := m.out.New().Interface()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			err = svc.conn.Invoke(ctx, m.name, req, resp)
			cancel()
			next := resp.ProtoReflect().Descriptor().Fields().ByName("next_page_token")
			if err != nil || next == nil || resp.ProtoReflect().Get(next).String() == "" {
				continue
			}
			req.ProtoReflect().Set(tokenField, resp.ProtoReflect().Get(next))
			b, err = proto.Marshal(req)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(append([]byte{byte(i)}, b...))
		}
	}
	f.Add([]byte{1, 0x0a, 0x03, 0xe6, 0x96, 0xb0})       // GetChain: a chain name cut inside a character
	f.Add([]byte{3, 0x0a, 0x02, 0xff, 0xfe})             // GetRegion: not UTF-8
	f.Add([]byte{0, 0x08, 0xff, 0xff, 0xff, 0xff, 0x0f}) // ListChains: page size -1
	f.Add([]byte{0, 0x12, 0x04, 'e', 'y', 'J', '9'})     // ListChains: a token that is not one
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		methods, err := fuzzMethods()
		if err != nil {
			t.Fatal(err)
		}
		svc, err := fuzzServed()
		if err != nil {
			t.Fatal(err)
		}
		m := methods[int(data[0])%len(methods)]
		var req any
		msg := m.in.New().Interface()
		if err := proto.Unmarshal(data[1:], msg); err == nil {
			req = msg
		} else {
			// Not a message of this type (bad text, a truncated field, a wrong wire type): a
			// client can send it all the same, and it is the client's mistake, not the server's.
			req = fuzzRaw(data[1:])
		}
		svc.log.take()
		start := time.Now()
		err = svc.call(m, req)
		took := time.Since(start)
		code := status.Code(err)
		if !fuzzAllowed[code] {
			t.Errorf("%s(%s) = %v (%v); want OK, INVALID_ARGUMENT, NOT_FOUND or DEADLINE_EXCEEDED\nserver log:\n%s", m.name, describeRequest(req), code, err, svc.log.take())
		}
		if took > fuzzCallTimeout+2*time.Second {
			t.Errorf("%s(%s) took %v, past its %v deadline", m.name, describeRequest(req), took, fuzzCallTimeout)
		}
		after, err := svc.fingerprint(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if after != svc.before {
			t.Fatalf("%s(%s) changed the data served", m.name, describeRequest(req))
		}
	})
}

func describeRequest(req any) string {
	switch r := req.(type) {
	case proto.Message:
		return prototext.MarshalOptions{}.Format(r)
	case fuzzRaw:
		return fmt.Sprintf("raw %q", []byte(r))
	}
	return fmt.Sprint(req)
}
