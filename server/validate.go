package server

import (
	"strings"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
)

// check collects what is wrong with a request before any of it is answered, so that one
// INVALID_ARGUMENT lists every bad field.
type check struct {
	violations
	tokens tokenCheck
}

// name checks a name field; required ones must be set (example shows what to send).
func (c *check) name(field, value string, required bool, example string) {
	if problem := query.CheckName(value); problem != "" {
		c.add(field, "%s", problem)
		return
	}
	if required && strings.TrimSpace(value) == "" {
		c.add(field, "required: %s", example)
	}
}

// level checks a level field: unspecified, or one that a scope can be answered at.
func (c *check) level(l pb.RegionLevel) graph.Level {
	if _, ok := pb.RegionLevel_name[int32(l)]; !ok {
		c.add("level", "unknown level %d; want REGION_LEVEL_PREFECTURE or REGION_LEVEL_COUNTY", l)
	}
	return levelFromProto(l)
}

// view reads a view field; UNSPECIFIED is the method's default.
func (c *check) view(v pb.AnswerView, def pb.AnswerView) pb.AnswerView {
	switch v {
	case pb.AnswerView_ANSWER_VIEW_UNSPECIFIED:
		return def
	case pb.AnswerView_ANSWER_VIEW_BASIC, pb.AnswerView_ANSWER_VIEW_FULL:
		return v
	}
	c.add("view", "unknown view %d; want ANSWER_VIEW_BASIC or ANSWER_VIEW_FULL", v)
	return def
}

// bounded reads a "how many" field the AIP way: negative is invalid, 0 means the default, and
// values above max are coerced to max.
func (c *check) bounded(field string, n int32, def, max int) int {
	switch {
	case n < 0:
		c.add(field, "must be >= 0, got %d", n)
		return 0
	case n == 0:
		return def
	case int(n) > max:
		return max
	}
	return int(n)
}

// ranged reads a field with a default (0) and an allowed range.
func (c *check) ranged(field string, n int32, def, lo, hi int) int {
	switch {
	case n == 0:
		return def
	case int(n) < lo || int(n) > hi:
		c.add(field, "must be %d to %d (0 for the default %d), got %d", lo, hi, def, n)
	}
	return int(n)
}

// Page sizes (AIP-158): 0 means the default; above the maximum is coerced down.
const (
	defaultPageSize = 50
	maxChainPage    = 200
	maxRegionPage   = 500
	maxBeltPage     = 200
	maxAnalysisPage = 500
)

func (c *check) pageSize(n int32, max int) int {
	return c.bounded("page_size", n, defaultPageSize, max)
}

// Evidence per item (see max_presences in the API).
const (
	defaultMaxPresences = 5
	maxMaxPresences     = 1000
)

// readPresences is how many presences per item to read for an answer: none for a BASIC one.
func readPresences(view pb.AnswerView, maxPresences int) int {
	if view == pb.AnswerView_ANSWER_VIEW_BASIC {
		return graph.NoPresences
	}
	return maxPresences
}

func (c *check) maxPresences(n int32) int {
	return c.bounded("max_presences", n, defaultMaxPresences, maxMaxPresences)
}

// Examples of what a required name field takes, for its message.
const (
	exampleChain  = "a chain id or name, e.g. nev or 新能源汽车"
	exampleLink   = "a link id or name, e.g. nev-battery or 电池"
	exampleRegion = "a region id, code or name, e.g. 仙桃市"
	exampleBelt   = "a belt id or name, e.g. 襄十随汽车及零部件"
	examplePlace  = "a region (id, code or name) or a belt (id or name)"
)

// facts checks a FactFilter field (unset: every fact).
func (c *check) facts(f *pb.FactFilter) graph.FactFilter {
	var out graph.FactFilter
	switch f.GetPicture() {
	case pb.FactPicture_FACT_PICTURE_UNSPECIFIED, pb.FactPicture_FACT_PICTURE_BOTH:
	case pb.FactPicture_FACT_PICTURE_EXISTING:
		out.Picture = graph.PictureExisting
	case pb.FactPicture_FACT_PICTURE_PLANNED:
		out.Picture = graph.PicturePlanned
	default:
		c.add("facts.picture", "unknown picture %d; want FACT_PICTURE_BOTH, FACT_PICTURE_EXISTING or FACT_PICTURE_PLANNED", f.GetPicture())
	}
	out.CertainOnly = f.GetCertainOnly()
	switch f.GetEvidenceKind() {
	case pb.EvidenceKind_EVIDENCE_KIND_UNSPECIFIED:
	case pb.EvidenceKind_EVIDENCE_KIND_PLAN:
		out.Kind = graph.EvidencePlan
	case pb.EvidenceKind_EVIDENCE_KIND_SOURCE:
		out.Kind = graph.EvidenceSource
	case pb.EvidenceKind_EVIDENCE_KIND_DOMAIN:
		out.Kind = graph.EvidenceDomain
	default:
		c.add("facts.evidence_kind", "unknown evidence kind %d; want EVIDENCE_KIND_PLAN, _SOURCE or _DOMAIN, or unset for any", f.GetEvidenceKind())
	}
	if problem := query.CheckName(f.GetProgramme()); problem != "" {
		c.add("facts.programme", "%s", problem)
	} else {
		out.Programme = strings.TrimSpace(f.GetProgramme())
	}
	out.AsOf = int(f.GetAsOf())
	if field, problem := out.Problem(); field == "as_of" { // picture and evidence kind are checked above
		c.add("facts.as_of", "%s", problem)
	}
	return out
}
