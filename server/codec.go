package server

import (
	"strings"
	"unicode/utf8"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/encoding/proto"
	"google.golang.org/grpc/mem"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
	protov2 "google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// lenientCodec is gRPC's proto codec with two changes on the way in, because gRPC turns any
// decoding failure into INTERNAL while a bad request is the client's mistake:
//   - a request string that is not UTF-8 decodes with U+FFFD where the bad bytes were, so the
//     handler's check of name fields refuses it as INVALID_ARGUMENT naming the field
//     (query.CheckName);
//   - bytes that are no well-formed message (a truncated field) decode into an empty request
//     holding them as its unknown fields, which the interceptors refuse as INVALID_ARGUMENT
//     (malformed) before any handler runs.
type lenientCodec struct{ encoding.CodecV2 }

func newLenientCodec() lenientCodec { return lenientCodec{encoding.GetCodecV2(proto.Name)} }

func (c lenientCodec) Unmarshal(data mem.BufferSlice, v any) error {
	err := c.CodecV2.Unmarshal(data, v)
	m, ok := v.(protov2.Message)
	if err == nil || !ok {
		return err
	}
	raw := data.Materialize()
	if strings.Contains(err.Error(), "invalid UTF-8") {
		if fixed, ok := replaceInvalidUTF8(raw, m.ProtoReflect().Descriptor()); ok {
			protov2.Reset(m)
			// The text mended, the bytes may still be no message (a field of the wrong wire
			// type after the bad text): then they are malformed, as below.
			if protov2.Unmarshal(fixed, m) == nil {
				return nil
			}
		}
	}
	protov2.Reset(m)
	m.ProtoReflect().SetUnknown(raw)
	return nil
}

// malformed refuses a request whose bytes were no well-formed message (see lenientCodec): its
// unknown fields do not parse. Unknown fields from a newer client's well-formed request parse,
// and are ignored as before.
func malformed(req any) error {
	m, ok := req.(protov2.Message)
	if !ok {
		return nil
	}
	unknown := m.ProtoReflect().GetUnknown()
	if len(unknown) == 0 {
		return nil
	}
	if err := protov2.Unmarshal(unknown, m.ProtoReflect().New().Interface()); err != nil {
		return status.Errorf(codes.InvalidArgument, "the request is not a well-formed %s message (%v); send one its .proto describes",
			m.ProtoReflect().Descriptor().FullName(), err)
	}
	return nil
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
