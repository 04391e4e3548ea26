package neo4jstore

import (
	"encoding/json"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/chaingraph/chaingraph/graph"
)

// Property maps for writing. Evidence is flattened into ev_* properties on each node and edge.

func evidenceProps(m map[string]any, e graph.Evidence) map[string]any {
	m["ev_kind"] = string(e.Kind)
	m["ev_quote"] = e.Quote
	m["ev_section"] = e.Section
	m["ev_source"] = e.Source
	m["ev_reason"] = e.Reason
	m["ev_origin"] = e.Origin
	return m
}

func regionProps(r graph.Region) map[string]any {
	return evidenceProps(map[string]any{
		"id": r.ID, "code": r.Code, "name": r.Name, "level": r.Level.String(), "parent_id": r.ParentID,
		"kind": r.Kind, "lon": r.Lon, "lat": r.Lat, "has_centroid": r.HasCentroid,
		"prefecture_unit": r.PrefectureUnit, "aliases": strs(r.Aliases),
	}, r.Evidence)
}

func chainProps(c graph.Chain) map[string]any {
	return evidenceProps(map[string]any{"id": c.ID, "name": c.Name, "category": c.Category, "aliases": strs(c.Aliases)}, c.Evidence)
}

func linkProps(l graph.Link) map[string]any {
	return evidenceProps(map[string]any{
		"id": l.ID, "chain_id": l.ChainID, "name": l.Name, "stage": l.Stage.String(), "stage_rank": int64(l.Stage),
		"segments": strs(l.Segments), "aliases": strs(l.Aliases),
	}, l.Evidence)
}

// presenceProps leaves out empty strings and a zero year, which read back the same (see props):
// presences are most of a national graph, and most of their evidence fields are empty.
func presenceProps(p graph.Presence) map[string]any {
	m := evidenceProps(map[string]any{
		"id": p.ID, "region_id": p.RegionID, "link_id": p.LinkID, "strength": p.Strength,
		"holder": p.Holder, "holder_kind": p.HolderKind, "programme": p.Programme, "year": int64(p.Year),
		"status": p.Status,
	}, p.Evidence)
	dropEmpty(m)
	if len(p.Alternatives) > 0 {
		m["alternatives"] = strs(p.Alternatives)
	}
	if len(p.AlsoListed) > 0 { // a property holds no map: the listings as JSON, their programmes for filters
		b, _ := json.Marshal(p.AlsoListed)
		m["also_listed"] = string(b)
		var programmes []string
		for _, l := range p.AlsoListed {
			programmes = append(programmes, l.Programme)
		}
		m["also_programmes"] = strs(programmes)
	}
	if len(p.Attributes) > 0 { // as JSON too: read back whole, never queried
		b, _ := json.Marshal(p.Attributes)
		m["attributes"] = string(b)
	}
	return m
}

// dropEmpty leaves out empty strings and a zero year, which read back the same (see props).
func dropEmpty(m map[string]any) {
	for k, v := range m {
		if v == "" || v == int64(0) && k == "year" {
			delete(m, k)
		}
	}
}

func chainFactProps(f graph.ChainFact) map[string]any {
	m := evidenceProps(map[string]any{"id": f.ID, "region_id": f.RegionID, "chain_id": f.ChainID, "status": f.Status,
		"holder": f.Holder, "holder_kind": f.HolderKind, "programme": f.Programme, "year": int64(f.Year)}, f.Evidence)
	dropEmpty(m) // as for presences; factFilter tests absence too
	if len(f.Alternatives) > 0 {
		m["alternatives"] = strs(f.Alternatives)
	}
	return m
}

func toChainFact(n neo4j.Node) (graph.ChainFact, error) {
	p := &props{m: n.Props}
	f := graph.ChainFact{ID: p.str("id"), RegionID: p.str("region_id"), ChainID: p.str("chain_id"), Status: p.str("status"),
		Alternatives: p.list("alternatives"), Holder: p.str("holder"), HolderKind: p.str("holder_kind"), Programme: p.str("programme"),
		Year: int(p.float("year")), Evidence: p.evidence()}
	return f, p.err
}

// strs keeps nil slices out of Neo4j (which stores no null in lists) and gives []any for params.
func strs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// props reads typed properties, remembering the first error.
type props struct {
	m   map[string]any
	err error
}

func (p *props) str(k string) string {
	v, ok := p.m[k]
	if !ok || v == nil {
		return ""
	}
	s, ok := v.(string)
	if !ok && p.err == nil {
		p.err = fmt.Errorf("property %s: %T, want string", k, v)
	}
	return s
}

func (p *props) float(k string) float64 {
	switch v := p.m[k].(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	case nil:
		return 0
	default:
		if p.err == nil {
			p.err = fmt.Errorf("property %s: %T, want number", k, v)
		}
		return 0
	}
}

func (p *props) int(k string) int64 {
	switch v := p.m[k].(type) {
	case int64:
		return v
	case nil:
		return 0
	default:
		if p.err == nil {
			p.err = fmt.Errorf("property %s: %T, want integer", k, v)
		}
		return 0
	}
}

func (p *props) boolean(k string) bool {
	b, _ := p.m[k].(bool)
	return b
}

func (p *props) list(k string) []string {
	raw, _ := p.m[k].([]any)
	if len(raw) == 0 {
		return nil
	}
	out := make([]string, len(raw))
	for i, v := range raw {
		out[i], _ = v.(string)
	}
	return out
}

func (p *props) evidence() graph.Evidence {
	return graph.Evidence{
		Kind: graph.EvidenceKind(p.str("ev_kind")), Quote: p.str("ev_quote"), Section: p.str("ev_section"),
		Source: p.str("ev_source"), Reason: p.str("ev_reason"), Origin: p.str("ev_origin"),
	}
}

func toRegion(n neo4j.Node) (graph.Region, error) {
	p := &props{m: n.Props}
	level, err := graph.ParseLevel(p.str("level"))
	if err != nil {
		return graph.Region{}, err
	}
	r := graph.Region{
		ID: p.str("id"), Code: p.str("code"), Name: p.str("name"), Level: level, ParentID: p.str("parent_id"),
		Kind: p.str("kind"), Lon: p.float("lon"), Lat: p.float("lat"), HasCentroid: p.boolean("has_centroid"),
		PrefectureUnit: p.boolean("prefecture_unit"), Aliases: p.list("aliases"), Evidence: p.evidence(),
	}
	return r, p.err
}

func toChain(n neo4j.Node) (graph.Chain, error) {
	p := &props{m: n.Props}
	c := graph.Chain{ID: p.str("id"), Name: p.str("name"), Category: p.str("category"), Aliases: p.list("aliases"), Evidence: p.evidence()}
	return c, p.err
}

func toLink(n neo4j.Node) (graph.Link, error) {
	p := &props{m: n.Props}
	stage, err := graph.ParseStage(p.str("stage"))
	if err != nil {
		return graph.Link{}, err
	}
	l := graph.Link{
		ID: p.str("id"), ChainID: p.str("chain_id"), Name: p.str("name"), Stage: stage,
		Segments: p.list("segments"), Aliases: p.list("aliases"), Evidence: p.evidence(),
	}
	return l, p.err
}

func toPresence(n neo4j.Node) (graph.Presence, error) {
	p := &props{m: n.Props}
	pr := graph.Presence{
		ID: p.str("id"), RegionID: p.str("region_id"), LinkID: p.str("link_id"), Strength: p.float("strength"),
		Holder: p.str("holder"), HolderKind: p.str("holder_kind"), Programme: p.str("programme"), Year: int(p.float("year")),
		Status: p.str("status"), Alternatives: p.list("alternatives"), Evidence: p.evidence(),
	}
	if js := p.str("also_listed"); js != "" && p.err == nil {
		if err := json.Unmarshal([]byte(js), &pr.AlsoListed); err != nil {
			return pr, fmt.Errorf("presence %s: its listings: %w", pr.ID, err)
		}
	}
	if js := p.str("attributes"); js != "" && p.err == nil {
		if err := json.Unmarshal([]byte(js), &pr.Attributes); err != nil {
			return pr, fmt.Errorf("presence %s: its attributes: %w", pr.ID, err)
		}
	}
	return pr, p.err
}

func toFeed(from, to string, m map[string]any) graph.Feed {
	p := &props{m: m}
	return graph.Feed{From: from, To: to, Evidence: p.evidence()}
}

// get reads a typed value from a record.
func get[T neo4j.RecordValue](rec *neo4j.Record, key string) (T, error) {
	v, _, err := neo4j.GetRecordValue[T](rec, key)
	return v, err
}
