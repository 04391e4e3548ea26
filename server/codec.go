package server

import (
	"strings"
	"unicode/utf8"

	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/encoding/proto"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"
	protov2 "google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// lenientCodec is gRPC's proto codec with one change on the way in: a request string that is
// not UTF-8 decodes with U+FFFD where the bad bytes were, instead of failing. gRPC turns any
// decoding failure into INTERNAL, but bad text in a request is the client's mistake: this way
// the request reaches its handler, whose check of name fields refuses U+FFFD as
// INVALID_ARGUMENT naming the field (query.CheckName).
type lenientCodec struct{ encoding.CodecV2 }

func newLenientCodec() lenientCodec { return lenientCodec{encoding.GetCodecV2(proto.Name)} }

func (c lenientCodec) Unmarshal(data mem.BufferSlice, v any) error {
	err := c.CodecV2.Unmarshal(data, v)
	m, ok := v.(protov2.Message)
	if err == nil || !ok || !strings.Contains(err.Error(), "invalid UTF-8") {
		return err
	}
	fixed, ok := replaceInvalidUTF8(data.Materialize(), m.ProtoReflect().Descriptor())
	if !ok {
		return err
	}
	protov2.Reset(m)
	return protov2.Unmarshal(fixed, m)
}

// replaceInvalidUTF8 rewrites a message's wire bytes with every string field (nested messages
// included) made valid UTF-8; ok is false when the bytes are not a well-formed message.
func replaceInvalidUTF8(b []byte, md protoreflect.MessageDescriptor) (out []byte, ok bool) {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return nil, false
		}
		m := protowire.ConsumeFieldValue(num, typ, b[n:])
		if m < 0 {
			return nil, false
		}
		field, rest := b[:n+m], b[n+m:]
		b = rest
		fd := md.Fields().ByNumber(num)
		if typ != protowire.BytesType || fd == nil {
			out = append(out, field...)
			continue
		}
		val, _ := protowire.ConsumeBytes(field[n:])
		switch {
		case fd.Kind() == protoreflect.StringKind && !utf8.Valid(val):
			val = []byte(strings.ToValidUTF8(string(val), "\uFFFD"))
		case fd.Kind() == protoreflect.MessageKind && !fd.IsMap():
			if val, ok = replaceInvalidUTF8(val, fd.Message()); !ok {
				return nil, false
			}
		default:
			out = append(out, field...)
			continue
		}
		out = protowire.AppendTag(out, num, typ)
		out = protowire.AppendBytes(out, val)
	}
	return out, true
}
