package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/seeds"
)

// A firm's other columns reach the answers that list its presence (FULL view), within a size a
// person reads: at most 30, each value at most 200 characters.
func TestFirmAttributesInAnswers(t *testing.T) {
	ctx := context.Background()
	header, cells := []string{"name", "county", "links", "source", "注册地址", "经营范围"}, []string{"宜都某电池有限公司", "宜都市", "电池", "2026 招商台账", "宜都市某路 1 号", strings.Repeat("锂", 500)}
	for i := range 40 {
		header, cells = append(header, fmt.Sprintf("备注%02d", i)), append(cells, fmt.Sprint(i))
	}
	files := fstest.MapFS{"enterprises.csv": {Data: []byte(strings.Join(header, ",") + "\n" + strings.Join(cells, ",") + "\n")}}
	ds, err := loaders.Build(loaders.Source{Name: "seeds", FS: seeds.FS}, loaders.Source{Name: "mydata", FS: files})
	if err != nil {
		t.Fatal(err)
	}
	store := memstore.New()
	if err := store.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	c, _ := dial(t, store)

	var found []*pb.Presence
	for _, view := range []pb.AnswerView{pb.AnswerView_ANSWER_VIEW_BASIC, pb.AnswerView_ANSWER_VIEW_FULL} {
		resp, err := c.GetRegionProfile(ctx, &pb.GetRegionProfileRequest{Region: "宜都市", View: view})
		if err != nil {
			t.Fatal(err)
		}
		found = presencesOf(resp.ProtoReflect(), "宜都某电池有限公司", nil)
		if view == pb.AnswerView_ANSWER_VIEW_BASIC && len(found) > 0 {
			t.Errorf("BASIC lists the firm's presence: %v", found)
		}
	}
	if len(found) == 0 {
		t.Fatal("the FULL profile of 宜都市 does not list the firm's presence")
	}
	attrs := found[0].GetAttributes()
	if len(attrs) != 30 || attrs[0].GetName() != "注册地址" || attrs[0].GetValue() != "宜都市某路 1 号" || attrs[29].GetName() != "备注27" {
		t.Errorf("attributes: %d, first %v, last %v; want 30 from 注册地址 to 备注27", len(attrs), attrs[0], attrs[len(attrs)-1])
	}
	if v := attrs[1].GetValue(); utf8.RuneCountInString(v) != 200 || !strings.HasSuffix(v, "…") {
		t.Errorf("经营范围 of 500 characters shows %d, want 200 ending in …", utf8.RuneCountInString(v))
	}
}

// presencesOf collects the presences of a holder anywhere in a message.
func presencesOf(m protoreflect.Message, holder string, out []*pb.Presence) []*pb.Presence {
	if p, ok := m.Interface().(*pb.Presence); ok && p.GetHolder() == holder {
		return append(out, proto.Clone(p).(*pb.Presence))
	}
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.Message() == nil:
		case fd.IsList():
			for i := range v.List().Len() {
				out = presencesOf(v.List().Get(i).Message(), holder, out)
			}
		case fd.IsMap():
		default:
			out = presencesOf(v.Message(), holder, out)
		}
		return true
	})
	return out
}
