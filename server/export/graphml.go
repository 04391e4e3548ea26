package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"
)

// graphKey is one declared GraphML attribute. Node and edge keys are separate (ids n_… and
// e_…), as Gephi and networkx read them per domain.
type graphKey struct {
	id, domain, name, typ string // typ: string, int, double or boolean
}

var (
	nodeKeys = []graphKey{
		{"n_label", "node", "label", "string"}, // Gephi shows this
		{"n_kind", "node", "kind", "string"},   // link or region
		{"n_name", "node", "name", "string"},
		{"n_stage", "node", "stage", "string"},
		{"n_chain", "node", "chain", "string"},
		{"n_in_chain", "node", "in_chain", "boolean"},
		{"n_segments", "node", "segments", "string"},
		{"n_evidence_kind", "node", "evidence_kind", "string"},
		{"n_evidence", "node", "evidence", "string"},
		{"n_section", "node", "section", "string"},
		{"n_code", "node", "code", "string"},
		{"n_level", "node", "level", "string"},
		{"n_role", "node", "role", "string"}, // lacking, supplier, or the asked link: missing
		{"n_demand_count", "node", "demand_count", "int"},
	}
	edgeKeys = []graphKey{
		{"e_label", "edge", "label", "string"},
		{"e_relation", "edge", "relation", "string"}, // FEEDS, LACKS, HAS, SUPPLIES
		{"e_evidence_kind", "edge", "evidence_kind", "string"},
		{"e_evidence", "edge", "evidence", "string"},
		{"e_section", "edge", "section", "string"},
		{"e_on_demand_path", "edge", "on_demand_path", "boolean"},
		{"e_distance_km", "edge", "distance_km", "double"},
		{"e_border_hops", "edge", "border_hops", "int"},
		{"e_same_prefecture", "edge", "same_prefecture", "boolean"},
		{"e_same_belt", "edge", "same_belt", "boolean"},
		{"e_presence_count", "edge", "presence_count", "int"},
	}
)

// graphElement is a node or an edge with its attributes by key id; absent keys are left out
// (a missing number stays missing).
type graphElement struct {
	id, source, target string // source and target for edges
	data               map[string]string
}

type graph struct {
	id     string
	nodes  []*graphElement
	byID   map[string]*graphElement
	edges  []*graphElement
	edgeAt map[string]*graphElement // relation|source|target
}

func newGraph(id string) *graph {
	return &graph{id: id, byID: map[string]*graphElement{}, edgeAt: map[string]*graphElement{}}
}

// node returns the node with the id, adding it when new.
func (g *graph) node(id string) *graphElement {
	if n, ok := g.byID[id]; ok {
		return n
	}
	n := &graphElement{id: id, data: map[string]string{}}
	g.byID[id] = n
	g.nodes = append(g.nodes, n)
	return n
}

// edge returns the relation's edge from source to target, adding it when new.
func (g *graph) edge(relation, source, target string) *graphElement {
	key := relation + "|" + source + "|" + target
	if e, ok := g.edgeAt[key]; ok {
		return e
	}
	e := &graphElement{id: "e" + strconv.Itoa(len(g.edges)), source: source, target: target,
		data: map[string]string{"e_relation": relation, "e_label": relation}}
	g.edgeAt[key] = e
	g.edges = append(g.edges, e)
	return e
}

func (g *graph) write(w io.Writer) error {
	for _, e := range g.edges { // every edge's ends are declared nodes
		for _, end := range []string{e.source, e.target} {
			if _, ok := g.byID[end]; !ok {
				return fmt.Errorf("graph %s: edge %s→%s names node %q, which is not in the graph", g.id, e.source, e.target, end)
			}
		}
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, k := range append(slices.Clone(nodeKeys), edgeKeys...) {
		fmt.Fprintf(bw, `  <key id="%s" for="%s" attr.name="%s" attr.type="%s"/>`+"\n", k.id, k.domain, k.name, k.typ)
	}
	fmt.Fprintf(bw, `  <graph id="%s" edgedefault="directed">`+"\n", escape(g.id))
	writeData := func(keys []graphKey, data map[string]string) {
		for _, k := range keys {
			if v, ok := data[k.id]; ok {
				fmt.Fprintf(bw, `      <data key="%s">%s</data>`+"\n", k.id, escape(v))
			}
		}
	}
	for _, n := range g.nodes {
		fmt.Fprintf(bw, `    <node id="%s">`+"\n", escape(n.id))
		writeData(nodeKeys, n.data)
		bw.WriteString("    </node>\n")
	}
	for _, e := range g.edges {
		fmt.Fprintf(bw, `    <edge id="%s" source="%s" target="%s">`+"\n", e.id, escape(e.source), escape(e.target))
		writeData(edgeKeys, e.data)
		bw.WriteString("    </edge>\n")
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}

func escape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // also replaces characters XML cannot hold
	return b.String()
}

func setEvidence(data map[string]string, prefix string, ev *pb.Evidence) {
	if ev == nil {
		return
	}
	if k := evidenceKindName(ev.Kind); k != "" {
		data[prefix+"evidence_kind"] = k
	}
	if t := evidenceText(ev); t != "" {
		data[prefix+"evidence"] = t
	}
	if ev.Section != "" {
		data[prefix+"section"] = ev.Section
	}
}

func boolText(b bool) string { return strconv.FormatBool(b) }

// addLink adds a link node; chainID is the chain the graph is about.
func (g *graph) addLink(l *pb.LinkRef, chainID string) *graphElement {
	n := g.node(l.GetId())
	n.data["n_kind"] = "link"
	n.data["n_label"], n.data["n_name"] = orID(l.GetName(), l.GetId()), orID(l.GetName(), l.GetId())
	if s := stageName(l.GetStage()); s != "" {
		n.data["n_stage"] = s
	}
	n.data["n_chain"] = l.GetChainId()
	n.data["n_in_chain"] = boolText(l.GetChainId() == chainID)
	return n
}

func orID(name, id string) string {
	if name == "" {
		return id
	}
	return name
}

// chainGraph is a chain's links and the FEEDS edges touching them (their other ends, links
// of other chains, are nodes too, with in_chain false).
func chainGraph(c *pb.GetChainResponse) (*graph, error) {
	if c.GetChain() == nil {
		return nil, fmt.Errorf("GetChainResponse.chain is unset; want the chain the graph is of")
	}
	chainID := c.GetChain().GetId()
	g := newGraph(chainID)
	for _, l := range c.GetLinks() {
		n := g.addLink(&pb.LinkRef{Id: l.Id, Name: l.Name, ChainId: l.ChainId, Stage: l.Stage}, chainID)
		if len(l.Segments) > 0 {
			n.data["n_segments"] = strings.Join(l.Segments, "、")
		}
		setEvidence(n.data, "n_", l.Evidence)
	}
	for i, f := range c.GetFeeds() {
		if f.GetFrom().GetId() == "" || f.GetTo().GetId() == "" {
			return nil, fmt.Errorf("GetChainResponse.feeds[%d]: from and to need link ids", i)
		}
		for _, end := range []*pb.LinkRef{f.From, f.To} {
			if _, ok := g.byID[end.Id]; !ok {
				g.addLink(end, chainID)
			}
		}
		e := g.edge("FEEDS", f.From.Id, f.To.Id)
		setEvidence(e.data, "e_", f.Evidence)
	}
	return g, nil
}

// WriteChainGraphML writes a chain as a directed GraphML graph: its links (label, stage,
// chain, segments, evidence and plan section) and the FEEDS edges touching them, each with
// its evidence. Links of other chains at the far end of a FEEDS edge are nodes with in_chain
// false.
func WriteChainGraphML(w io.Writer, c *pb.GetChainResponse) error {
	g, err := chainGraph(c)
	if err != nil {
		return err
	}
	return g.write(w)
}

// WriteLackingGraphML writes a 补链 answer over its chain's graph: the chain's links and FEEDS
// edges as in WriteChainGraphML (the FEEDS edges of the demand paths marked on_demand_path,
// and added when they lie outside the chain), plus region nodes — the lacking regions (role
// lacking, demand_count) and their nearest suppliers (role supplier) — with edges
// region -LACKS-> the link, region -HAS-> each demanding link (presence_count), and
// supplier -SUPPLIES-> region (distance_km, border_hops, same_prefecture, same_belt; a
// distance or hop count the answer does not know is left out).
func WriteLackingGraphML(w io.Writer, chain *pb.GetChainResponse, a *pb.FindLackingRegionsResponse) error {
	if a.GetLink().GetId() == "" {
		return fmt.Errorf("FindLackingRegionsResponse.link is unset; want the link asked about")
	}
	if chain.GetChain().GetId() != a.GetChain().GetId() {
		return fmt.Errorf("GetChainResponse is chain %q but the 补链 answer is about chain %q", chain.GetChain().GetId(), a.GetChain().GetId())
	}
	g, err := chainGraph(chain)
	if err != nil {
		return err
	}
	chainID := chain.GetChain().GetId()
	links := map[string]*pb.LinkRef{}
	for _, l := range a.GetDictionary().GetLinks() {
		links[l.Id] = l
	}
	linkNode := func(id string) {
		if _, ok := g.byID[id]; !ok {
			l := links[id]
			if l == nil {
				l = &pb.LinkRef{Id: id}
			}
			g.addLink(l, chainID)
		}
	}
	linkNode(a.Link.Id)
	g.byID[a.Link.Id].data["n_role"] = "missing"
	regionNode := func(r *pb.RegionRef, role string) *graphElement {
		n := g.node(r.GetId())
		n.data["n_kind"] = "region"
		n.data["n_label"], n.data["n_name"] = orID(r.GetName(), r.GetId()), orID(r.GetName(), r.GetId())
		n.data["n_code"] = r.GetCode()
		if l := levelName(r.GetLevel()); l != "" {
			n.data["n_level"] = l
		}
		if n.data["n_role"] != "lacking" { // a region that lacks the link is that first
			n.data["n_role"] = role
		}
		return n
	}
	for i, lr := range a.GetLackingRegions() {
		if lr.GetRegion().GetId() == "" {
			return fmt.Errorf("FindLackingRegionsResponse.lacking_regions[%d].region has no id", i)
		}
		rn := regionNode(lr.Region, "lacking")
		rn.data["n_demand_count"] = strconv.Itoa(int(lr.DemandCount))
		g.edge("LACKS", lr.Region.Id, a.Link.Id)
		for _, d := range lr.GetDemands() {
			for _, id := range d.PathLinkIds {
				linkNode(id)
			}
			for j := 0; j+1 < len(d.PathLinkIds); j++ {
				g.edge("FEEDS", d.PathLinkIds[j], d.PathLinkIds[j+1]).data["e_on_demand_path"] = "true"
			}
			if down := d.GetDownstream().GetId(); down != "" {
				linkNode(down)
				g.edge("HAS", lr.Region.Id, down).data["e_presence_count"] = strconv.Itoa(int(d.PresenceCount))
			}
		}
		for _, s := range lr.GetNearestSuppliers() {
			if s.GetRegion().GetId() == "" {
				return fmt.Errorf("FindLackingRegionsResponse.lacking_regions[%d]: a nearest supplier has no region id", i)
			}
			regionNode(s.Region, "supplier")
			e := g.edge("SUPPLIES", s.Region.Id, lr.Region.Id)
			if s.DistanceKm >= 0 { // -1: a centroid is unknown
				e.data["e_distance_km"] = strconv.FormatFloat(s.DistanceKm, 'f', -1, 64)
			}
			if s.BorderHops >= 0 { // -1: no border path
				e.data["e_border_hops"] = strconv.Itoa(int(s.BorderHops))
			}
			e.data["e_same_prefecture"] = boolText(s.SamePrefecture)
			e.data["e_same_belt"] = boolText(s.SameBelt)
		}
	}
	for _, e := range g.edges {
		if e.data["e_relation"] == "FEEDS" {
			if _, ok := e.data["e_on_demand_path"]; !ok {
				e.data["e_on_demand_path"] = "false"
			}
		}
	}
	return g.write(w)
}
