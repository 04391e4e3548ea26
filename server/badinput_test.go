package server_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/chaingraph/chaingraph/server"
)

// The bad-input table: every field of every request of the service (nested messages too), found
// by walking the descriptor, gets every kind of bad value that fits its kind, on the seeds in
// memory and on Neo4j. A call may answer, refuse the request (INVALID_ARGUMENT naming the field
// broken), not find what it names, or run out of time; nothing else. Its error stays small, and
// the graph is the same after the whole table.

const (
	badInputDeadline = 5 * time.Second
	maxErrorBytes    = 8 << 10 // status (message and details) and metadata of one answer
	hugeString       = 4_000_000
	repeatedItems    = 10_000
	badInputWorkers  = 4
)

// badCase is one call of the table: a request of method whose field (a dotted path from the
// request) has a bad value, sent as raw bytes.
type badCase struct {
	method protoreflect.MethodDescriptor
	field  string
	class  string
	req    rawRequest
	// fieldNamed: when the call is INVALID_ARGUMENT, its BadRequest must name field.
	fieldNamed bool
	// twin is, for a bad value sent on the method's empty request, the index of the case that
	// sent it on the valid one (-1 for the others).
	twin int
}

// badResult is what a case's call answered.
type badResult struct {
	code  codes.Code
	names bool // its BadRequest names the field broken
}

// badValue is one bad value of a field: its wire bytes (tag included) for field number num.
type badValue struct {
	class string
	wire  func(num protowire.Number) []byte
}

func TestBadInput(t *testing.T) {
	eachStore(t, func(t *testing.T, s storeUnderTest) {
		start := time.Now()
		lis := serve(t, s.store, server.DefaultConfig())
		c, conn := connect(t, lis)
		before := fingerprint(t, s.store, c)
		methods := serviceMethods(t)
		tokens := pageTokens(t, conn, methods)
		cases, fields := badCases(t, methods, tokens)
		if len(fields) == 0 || len(cases) == 0 {
			t.Fatalf("the walk found %d fields and %d cases: nothing would be tested", len(fields), len(cases))
		}
		perMethod := map[string]int{}
		for _, bc := range cases {
			perMethod[string(bc.method.Name())]++
		}
		for _, m := range methods {
			if perMethod[string(m.Name())] == 0 {
				t.Errorf("%s: no bad-input case", m.Name())
			}
		}

		var (
			mu       sync.Mutex
			seen     = map[codes.Code]int{}
			problems []string
			named    int // INVALID_ARGUMENT naming the broken field
			byClass  = map[string]map[codes.Code]int{}
			echoes   int // errors whose text carries a control or bidi character of the request
			slow     []string
			results  = make([]badResult, len(cases))
			onEmpty  = map[codes.Code]int{}
			next     atomic.Int64
			wg       sync.WaitGroup
		)
		for range badInputWorkers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1)) - 1
					if i >= len(cases) {
						return
					}
					res, took, echo, problem := runBadCase(conn, cases[i])
					code := res.code
					mu.Lock()
					results[i] = res
					seen[code]++
					if cases[i].twin >= 0 {
						onEmpty[code]++
					} else {
						if byClass[cases[i].class] == nil {
							byClass[cases[i].class] = map[codes.Code]int{}
						}
						byClass[cases[i].class][code]++
					}
					echoes += echo
					if code == codes.InvalidArgument && cases[i].fieldNamed && problem == "" {
						named++
					}
					slow = append(slow, fmt.Sprintf("%09.3fs %s %s (%s)", took.Seconds(), cases[i].method.Name(), cases[i].field, cases[i].class))
					if problem != "" {
						problems = append(problems, problem)
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		slices.Sort(problems)
		for i, p := range problems {
			if i == 60 {
				t.Errorf("... and %d more", len(problems)-i)
				break
			}
			t.Error(p)
		}
		// A value refused on the valid request should be listed on the empty one too, beside the
		// required fields it lacks ("one INVALID_ARGUMENT lists every bad field", validate.go).
		// Where it is not, it is logged: the service checks some ranges only once the required
		// fields are there.
		notListed := map[string]bool{}
		for i, bc := range cases {
			if bc.twin < 0 || results[bc.twin].code != codes.InvalidArgument || !results[bc.twin].names {
				continue
			}
			if results[i].code == codes.InvalidArgument && !results[i].names {
				notListed[string(bc.method.Name())+"."+bc.field] = true
			}
		}
		var unlisted []string
		for f := range notListed {
			unlisted = append(unlisted, f)
		}
		slices.Sort(unlisted)
		malformed := malformedRequests(t, conn, methods)
		sameFingerprint(t, before, fingerprint(t, s.store, c))
		slices.Sort(slow)
		slices.Reverse(slow)
		t.Logf("bad-input cases: %d methods, %d fields, %d calls, codes: %s; %d INVALID_ARGUMENT of the valid requests, each naming the field broken; %v in all",
			len(methods), len(fields), len(cases), codeCounts(seen), named, time.Since(start).Round(100*time.Millisecond))
		var classes []string
		for class, cs := range byClass {
			classes = append(classes, fmt.Sprintf("%s: %s", class, codeCounts(cs)))
		}
		slices.Sort(classes)
		t.Logf("codes by class of bad value:\n  %s", strings.Join(classes, "\n  "))
		repeated := 0
		for _, f := range fields {
			if f.repeated {
				repeated++
			}
		}
		t.Logf("the same bad values on each method's empty request: %s; refused on the valid request but not listed beside a missing required field: %d fields %v",
			codeCounts(onEmpty), len(unlisted), unlisted)
		if len(unlisted) > 0 { // one INVALID_ARGUMENT lists every bad field (server/validate.go)
			t.Errorf("refused on the valid request but not listed beside a missing required field: %v", unlisted)
		}
		t.Logf("repeated fields walked: %d; errors echoing a control, NUL or bidi character: %d", repeated, echoes)
		t.Logf("slowest calls:\n%s", strings.Join(slow[:min(8, len(slow))], "\n"))
		t.Logf("malformed request bytes: %s", codeCounts(malformed))
		if len(malformed) != 1 || malformed[codes.InvalidArgument] != 2*len(methods) {
			t.Errorf("malformed request bytes: %s; want INVALID_ARGUMENT for all %d", codeCounts(malformed), 2*len(methods))
		}
	})
}

// runBadCase calls one case with the table's deadline and returns its code, its time, 1 when
// its error's text carries a control or bidi character (logged, not asserted), and what is
// wrong with its answer ("" when nothing).
func runBadCase(conn *grpc.ClientConn, bc badCase) (badResult, time.Duration, int, string) {
	ctx, cancel := context.WithTimeout(context.Background(), badInputDeadline)
	defer cancel()
	start := time.Now()
	_, mdBytes, err := invoke(ctx, conn, bc.method, bc.req)
	took := time.Since(start)
	st := status.Convert(err)
	res := badResult{code: st.Code()}
	name := fmt.Sprintf("%s %s (%s)", bc.method.Name(), bc.field, bc.class)
	var problems []string
	switch st.Code() {
	case codes.OK, codes.NotFound, codes.DeadlineExceeded:
	case codes.InvalidArgument:
		fields := violationFields(err)
		res.names = slices.Contains(fields, bc.field)
		if bc.fieldNamed && !res.names {
			problems = append(problems, fmt.Sprintf("BadRequest names %v, not %s: %s", fields, bc.field, excerpt(st.Message())))
		}
	default:
		problems = append(problems, fmt.Sprintf("code %v: %s", st.Code(), excerpt(st.Message())))
	}
	if took > badInputDeadline+2*time.Second {
		problems = append(problems, fmt.Sprintf("answered after %v, past its %v deadline", took.Round(time.Millisecond), badInputDeadline))
	}
	if n := proto.Size(st.Proto()); n > maxErrorBytes {
		problems = append(problems, fmt.Sprintf("status of %d bytes", n))
	}
	if mdBytes > maxErrorBytes {
		problems = append(problems, fmt.Sprintf("%d bytes of metadata", mdBytes))
	}
	echo := 0
	if strings.ContainsFunc(st.Message(), func(r rune) bool {
		return r < 0x20 || r == 0x7f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
	}) {
		echo = 1
	}
	if len(problems) == 0 {
		return res, took, echo, ""
	}
	return res, took, echo, name + ": " + strings.Join(problems, "; ")
}

// violationFields is the fields a status's BadRequest details name.
func violationFields(err error) []string {
	var out []string
	for _, d := range status.Convert(err).Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				out = append(out, v.GetField())
			}
		}
	}
	return out
}

func excerpt(s string) string {
	if len(s) <= 200 {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q… (%d bytes)", strings.ToValidUTF8(s[:200], ""), len(s))
}

// pageTokens asks every method that pages for a first page of one item, on its valid request
// and on its empty one, and returns the tokens it answered, by method and request.
func pageTokens(t *testing.T, conn *grpc.ClientConn, methods []protoreflect.MethodDescriptor) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	for _, m := range methods {
		in, resp := m.Input().Fields(), m.Output().Fields()
		size, nextField := in.ByName("page_size"), resp.ByName("next_page_token")
		if in.ByName("page_token") == nil || size == nil || nextField == nil {
			continue
		}
		for base, req := range map[string]proto.Message{"valid": baseRequest(m), "empty": messageOf(m.Input())} {
			req.ProtoReflect().Set(size, protoreflect.ValueOfInt32(1))
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			msgs, _, err := invoke(ctx, conn, m, req)
			cancel()
			if err != nil || len(msgs) == 0 {
				continue // the empty request of a method with required fields is refused
			}
			if tok := msgs[0].ProtoReflect().Get(nextField).String(); tok != "" {
				if out[string(m.Name())] == nil {
					out[string(m.Name())] = map[string]string{}
				}
				out[string(m.Name())][base] = tok
			}
		}
	}
	if len(out) < 2 {
		t.Fatalf("only %d methods answered a page token; the token cases need two or more", len(out))
	}
	return out
}

// badCases builds the table: for every method, every field of its request (recursively), every
// bad value that fits the field's kind, appended to the method's valid request (a later value
// of a field wins on the wire, and a nested message merges, so only the broken field differs),
// and alone, as the whole request (then with the required fields missing too).
// It returns the cases and the fields walked.
func badCases(t *testing.T, methods []protoreflect.MethodDescriptor, tokens map[string]map[string]string) ([]badCase, []walkedField) {
	t.Helper()
	var cases []badCase
	var fields []walkedField
	for _, m := range methods {
		base := baseRequest(m)
		baseBytes, err := proto.Marshal(base)
		if err != nil {
			t.Fatal(err)
		}
		emptyBytes := []byte{}
		walkFields(m.Input(), nil, func(path []protoreflect.FieldDescriptor) {
			dotted := fieldPath(path)
			leaf := path[len(path)-1]
			fields = append(fields, walkedField{string(m.Name()) + "." + dotted, leaf.IsList() || leaf.IsMap()})
			baseValue := valueAt(base.ProtoReflect(), path)
			for _, bv := range badValuesFor(leaf, baseValue) {
				wire := wrapPath(path, bv.wire(leaf.Number()))
				cases = append(cases, badCase{method: m, field: dotted, class: bv.class, fieldNamed: true, twin: -1,
					req: rawRequest(slices.Concat(baseBytes, wire))})
				if !proto.Equal(base, messageOf(m.Input())) && bv.class != "4 MB" { // 4 MB once a field is plenty
					cases = append(cases, badCase{method: m, field: dotted, class: bv.class, twin: len(cases) - 1, req: rawRequest(wire)})
				}
			}
			if leaf.Name() != "page_token" || leaf.Kind() != protoreflect.StringKind || len(path) != 1 {
				return
			}
			str := func(s string) func(protowire.Number) []byte {
				return func(num protowire.Number) []byte { return appendString(nil, num, s) }
			}
			add := func(class string, on []byte, tok string) {
				cases = append(cases, badCase{method: m, field: dotted, class: class, fieldNamed: true, twin: -1,
					req: rawRequest(slices.Concat(on, wrapPath(path, str(tok)(leaf.Number()))))})
			}
			add("token: garbage", baseBytes, "!!not*a*token~~")
			add("token: base64url of junk", baseBytes, base64.RawURLEncoding.EncodeToString([]byte("\x00\x01junk\xff{not json")))
			add("token: base64 of junk", baseBytes, base64.StdEncoding.EncodeToString([]byte("junk junk junk junk")))
			add("token: base64url of a JSON object", baseBytes, base64.RawURLEncoding.EncodeToString([]byte(`{"a":"zz","p":1,"v":-1}`)))
			for other, toks := range tokens {
				if other != string(m.Name()) && toks["valid"] != "" {
					add("token of "+other, baseBytes, toks["valid"])
				}
			}
			own := tokens[string(m.Name())]
			if !proto.Equal(base, messageOf(m.Input())) {
				// Ask with a token of this method issued for other parameters, both ways round.
				if own["empty"] != "" {
					add("token of the empty request, on the valid one", baseBytes, own["empty"])
				}
				if own["valid"] != "" {
					add("token of the valid request, on the empty one", emptyBytes, own["valid"])
				}
			}
		})
		// A field the service does not know is ignored (proto3), never an error.
		cases = append(cases, badCase{method: m, field: "(field 9999)", class: "unknown field", twin: -1,
			req: rawRequest(protowire.AppendVarint(protowire.AppendTag(slices.Clone(baseBytes), 9999, protowire.VarintType), 1))})
	}
	return cases, fields
}

// walkedField is a field the walk found: method.path, and whether it is repeated.
type walkedField struct {
	name     string
	repeated bool
}

// walkFields calls visit with the path of every field of md, recursing into message fields
// (each message type once per path, so recursive types end).
func walkFields(md protoreflect.MessageDescriptor, path []protoreflect.FieldDescriptor, visit func([]protoreflect.FieldDescriptor)) {
	fs := md.Fields()
	for i := range fs.Len() {
		fd := fs.Get(i)
		p := append(slices.Clone(path), fd)
		visit(p)
		if fd.Kind() != protoreflect.MessageKind && fd.Kind() != protoreflect.GroupKind || fd.IsMap() {
			continue
		}
		recursive := false
		for _, up := range path {
			if up.Message() != nil && up.Message().FullName() == fd.Message().FullName() {
				recursive = true
			}
		}
		if !recursive && fd.Message().FullName() != md.FullName() {
			walkFields(fd.Message(), p, visit)
		}
	}
}

func fieldPath(path []protoreflect.FieldDescriptor) string {
	var parts []string
	for _, fd := range path {
		parts = append(parts, string(fd.Name()))
	}
	return strings.Join(parts, ".")
}

// valueAt is the value at path in m (the zero value when a message on the way is unset).
func valueAt(m protoreflect.Message, path []protoreflect.FieldDescriptor) protoreflect.Value {
	for _, fd := range path[:len(path)-1] {
		if !m.Has(fd) || fd.IsList() || fd.IsMap() {
			return path[len(path)-1].Default()
		}
		m = m.Get(fd).Message()
	}
	return m.Get(path[len(path)-1])
}

// wrapPath nests a leaf field's wire bytes in the messages of path, outermost first.
func wrapPath(path []protoreflect.FieldDescriptor, leaf []byte) []byte {
	b := leaf
	for i := len(path) - 2; i >= 0; i-- {
		b = protowire.AppendBytes(protowire.AppendTag(nil, path[i].Number(), protowire.BytesType), b)
	}
	return b
}

func appendString(b []byte, num protowire.Number, s string) []byte {
	return protowire.AppendString(protowire.AppendTag(b, num, protowire.BytesType), s)
}

// badValuesFor is every bad value that fits fd's kind; base is the valid request's value of it
// (for a near miss of a real name).
func badValuesFor(fd protoreflect.FieldDescriptor, base protoreflect.Value) []badValue {
	if fd.IsList() || fd.IsMap() {
		one := singleValues(fd, base)
		if len(one) == 0 {
			return nil
		}
		item := one[0].wire // the first bad value of the kind (an empty string, -1…)
		if fd.Kind() == protoreflect.StringKind {
			item = func(num protowire.Number) []byte { return appendString(nil, num, "x") }
		}
		return []badValue{{fmt.Sprintf("%d items", repeatedItems), func(num protowire.Number) []byte {
			var b []byte
			for range repeatedItems {
				b = append(b, item(num)...)
			}
			return b
		}}}
	}
	return singleValues(fd, base)
}

func singleValues(fd protoreflect.FieldDescriptor, base protoreflect.Value) []badValue {
	varints := func(vs ...int64) []badValue {
		var out []badValue
		for _, v := range vs {
			out = append(out, badValue{fmt.Sprint(v), func(num protowire.Number) []byte {
				return protowire.AppendVarint(protowire.AppendTag(nil, num, protowire.VarintType), uint64(v))
			}})
		}
		return out
	}
	strs := func(pairs ...string) []badValue {
		var out []badValue
		for i := 0; i < len(pairs); i += 2 {
			v := pairs[i+1]
			out = append(out, badValue{pairs[i], func(num protowire.Number) []byte { return appendString(nil, num, v) }})
		}
		return out
	}
	switch fd.Kind() {
	case protoreflect.StringKind, protoreflect.BytesKind:
		real := ""
		if fd.Kind() == protoreflect.StringKind {
			real = base.String()
		}
		if real == "" {
			real = "新能源汽车"
		}
		return strs(
			"empty", "",
			"whitespace only", " \t\n\u3000 ",
			"4 MB", strings.Repeat("x", hugeString),
			"257 bytes", strings.Repeat("x", 257),
			"invalid UTF-8", "新能\xff\xfe源", // sent raw: the client does not check it
			"NUL", "nev\x00",
			"control characters", "\x01\x07\x1b[2J\x7fnev",
			"bidi override", "\u202enev\u202c\u2066x\u2069",
			"cypher injection", "x'}) MATCH (n) DETACH DELETE n //",
			"cypher injection, double quotes", `" OR 1=1 WITH 1 AS x MATCH (n) DETACH DELETE n //`,
			"cypher parameter", "$param",
			"unknown id", "zz-no-such-id-0000",
			"near miss: last rune dropped", nearMiss(real, false),
			"near miss: last rune changed", nearMiss(real, true),
		)
	case protoreflect.EnumKind:
		return varints(999, -5)
	case protoreflect.BoolKind:
		return varints(1, 0, 2) // 2: a bool's varint that is not 0 or 1
	case protoreflect.Int32Kind, protoreflect.Int64Kind, protoreflect.Uint32Kind, protoreflect.Uint64Kind:
		vs := []int64{-1, 0, 1, math.MaxInt32, math.MinInt32}
		if fd.Kind() == protoreflect.Int64Kind || fd.Kind() == protoreflect.Uint64Kind {
			vs = append(vs, math.MaxInt64, math.MinInt64)
		}
		return varints(vs...)
	case protoreflect.Sint32Kind, protoreflect.Sint64Kind:
		var out []badValue
		vs := []int64{-1, 0, 1, math.MaxInt32, math.MinInt32}
		if fd.Kind() == protoreflect.Sint64Kind {
			vs = append(vs, math.MaxInt64, math.MinInt64)
		}
		for _, v := range vs {
			out = append(out, badValue{fmt.Sprint(v), func(num protowire.Number) []byte {
				return protowire.AppendVarint(protowire.AppendTag(nil, num, protowire.VarintType), protowire.EncodeZigZag(v))
			}})
		}
		return out
	case protoreflect.Fixed32Kind, protoreflect.Sfixed32Kind:
		var out []badValue
		for _, v := range []int32{-1, 0, 1, math.MaxInt32, math.MinInt32} {
			out = append(out, badValue{fmt.Sprint(v), func(num protowire.Number) []byte {
				return protowire.AppendFixed32(protowire.AppendTag(nil, num, protowire.Fixed32Type), uint32(v))
			}})
		}
		return out
	case protoreflect.Fixed64Kind, protoreflect.Sfixed64Kind:
		var out []badValue
		for _, v := range []int64{-1, 0, 1, math.MaxInt64, math.MinInt64} {
			out = append(out, badValue{fmt.Sprint(v), func(num protowire.Number) []byte {
				return protowire.AppendFixed64(protowire.AppendTag(nil, num, protowire.Fixed64Type), uint64(v))
			}})
		}
		return out
	case protoreflect.FloatKind, protoreflect.DoubleKind:
		var out []badValue
		for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), -1, 0, math.MaxFloat32} {
			out = append(out, badValue{fmt.Sprint(v), func(num protowire.Number) []byte {
				if fd.Kind() == protoreflect.FloatKind {
					return protowire.AppendFixed32(protowire.AppendTag(nil, num, protowire.Fixed32Type), math.Float32bits(float32(v)))
				}
				return protowire.AppendFixed64(protowire.AppendTag(nil, num, protowire.Fixed64Type), math.Float64bits(v))
			}})
		}
		return out
	case protoreflect.MessageKind:
		return []badValue{
			{"empty message", func(num protowire.Number) []byte {
				return protowire.AppendBytes(protowire.AppendTag(nil, num, protowire.BytesType), nil)
			}},
			{"message with an unknown field", func(num protowire.Number) []byte {
				inner := protowire.AppendVarint(protowire.AppendTag(nil, 9999, protowire.VarintType), 7)
				return protowire.AppendBytes(protowire.AppendTag(nil, num, protowire.BytesType), inner)
			}},
		}
	}
	return nil
}

// nearMiss is a real name with its last rune dropped, or changed.
func nearMiss(real string, change bool) string {
	r, size := utf8.DecodeLastRuneInString(real)
	rest := real[:len(real)-size]
	if !change {
		if rest == "" {
			return real + real
		}
		return rest
	}
	switch {
	case r < utf8.RuneSelf && r != 'q':
		return rest + "q"
	case r < utf8.RuneSelf:
		return rest + "z"
	case r != '吃':
		return rest + "吃"
	}
	return rest + "喝"
}

// malformedRequests sends every method bytes that are no protobuf message (a truncated field, a
// tag that overflows) and counts the codes: the service's codec and interceptors make them
// INVALID_ARGUMENT (gRPC itself would answer INTERNAL).
func malformedRequests(t *testing.T, conn *grpc.ClientConn, methods []protoreflect.MethodDescriptor) map[codes.Code]int {
	t.Helper()
	out := map[codes.Code]int{}
	for _, m := range methods {
		for _, b := range [][]byte{
			{0x0a, 0x7f, 'x'}, // field 1, length 127, one byte
			{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, // a tag that overflows
		} {
			ctx, cancel := context.WithTimeout(context.Background(), badInputDeadline)
			_, _, err := invoke(ctx, conn, m, rawRequest(b))
			cancel()
			out[status.Code(err)]++
		}
	}
	return out
}
