package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/server/export"
)

// invoke calls one RPC in process through the gRPC side's unary interceptor, so that an
// export is capped, admitted, recovered, mapped and counted as the same call over gRPC is.
func invoke[Req, Resp any](ctx context.Context, s *Server, method string, req Req, handler func(context.Context, Req) (Resp, error)) (Resp, error) {
	var zero Resp
	out, err := s.unary(ctx, req, &grpc.UnaryServerInfo{Server: s, FullMethod: method}, func(ctx context.Context, r any) (any, error) {
		return handler(ctx, r.(Req))
	})
	if err != nil {
		return zero, err
	}
	return out.(Resp), nil
}

// exportFormats are the download formats, by file extension.
var exportFormats = map[string]string{
	"csv":     "text/csv; charset=utf-8",
	"xlsx":    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"geojson": "application/geo+json",
	"graphml": "application/graphml+xml",
}

// exporter writes one download for a request, in the format asked for.
type exporter func(ctx context.Context, q url.Values, format string) (name string, body []byte, err error)

// registerExports adds /export/<question>.<format> for every question the page offers. Each
// takes the page's own query parameters (chain, link, scope, level, region).
func (s *Server) registerExports(mux *http.ServeMux) {
	exports := map[string]struct {
		formats []string
		run     exporter
	}{
		"lacking": {[]string{"csv", "xlsx", "graphml", "geojson"}, s.exportLacking},
		"map":     {[]string{"geojson", "csv", "xlsx"}, s.exportMap},
		"weak":    {[]string{"csv", "xlsx"}, s.exportWeak},
		"chain":   {[]string{"graphml", "csv", "xlsx"}, s.exportChain},
		"profile": {[]string{"xlsx"}, s.exportProfile}, // several tables: no CSV
		"leads":   {[]string{"csv", "xlsx"}, s.exportLeads},
	}
	mux.HandleFunc("GET /export/{file}", func(w http.ResponseWriter, r *http.Request) {
		question, format, _ := strings.Cut(r.PathValue("file"), ".")
		e, ok := exports[question]
		if !ok || !slices.Contains(e.formats, format) {
			var offered []string
			for q, e := range exports {
				for _, f := range e.formats {
					offered = append(offered, q+"."+f)
				}
			}
			slices.Sort(offered)
			http.Error(w, fmt.Sprintf("no export %q; offered: %s", r.PathValue("file"), strings.Join(offered, ", ")), http.StatusNotFound)
			return
		}
		name, body, err := e.run(r.Context(), r.URL.Query(), format)
		if err != nil {
			writeHTTPError(w, err)
			return
		}
		w.Header().Set("Content-Type", exportFormats[format])
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q; filename*=UTF-8''%s", asciiName(name), url.PathEscape(name)))
		_, _ = w.Write(body)
	})
}

// writeHTTPError answers a failed export with the status's message in plain words.
func writeHTTPError(w http.ResponseWriter, err error) {
	code := http.StatusInternalServerError
	switch status.Code(err) {
	case codes.InvalidArgument, codes.OutOfRange, codes.FailedPrecondition:
		code = http.StatusBadRequest
	case codes.NotFound:
		code = http.StatusNotFound
	case codes.DeadlineExceeded:
		code = http.StatusGatewayTimeout
	case codes.Unavailable:
		code = http.StatusServiceUnavailable
	case codes.ResourceExhausted:
		code = http.StatusTooManyRequests
	}
	msg := err.Error()
	if st, ok := status.FromError(err); ok {
		msg = st.Message()
	}
	http.Error(w, msg, code)
}

// queryLevel reads ?level= (county, prefecture or empty).
func queryLevel(q url.Values) (pb.RegionLevel, error) {
	switch strings.ToLower(q.Get("level")) {
	case "":
		return pb.RegionLevel_REGION_LEVEL_UNSPECIFIED, nil
	case "county", "region_level_county":
		return pb.RegionLevel_REGION_LEVEL_COUNTY, nil
	case "prefecture", "region_level_prefecture":
		return pb.RegionLevel_REGION_LEVEL_PREFECTURE, nil
	}
	return 0, status.Errorf(codes.InvalidArgument, "level %q: want county or prefecture (or empty for one level below the scope)", q.Get("level"))
}

// allLacking reads every page of a 补链 answer.
func (s *Server) allLacking(ctx context.Context, q url.Values) (*pb.FindLackingRegionsResponse, error) {
	level, err := queryLevel(q)
	if err != nil {
		return nil, err
	}
	req := &pb.FindLackingRegionsRequest{Chain: q.Get("chain"), Link: q.Get("link"), Scope: q.Get("scope"), Level: level, PageSize: maxAnalysisPage}
	return AllPages(func(token string) (*pb.FindLackingRegionsResponse, error) {
		req.PageToken = token
		return invoke(ctx, s, pb.ChainGraphService_FindLackingRegions_FullMethodName, req, s.FindLackingRegions)
	}, func(all, page *pb.FindLackingRegionsResponse) {
		all.LackingRegions = append(all.LackingRegions, page.LackingRegions...)
		all.Dictionary = export.MergeDictionaries(all.Dictionary, page.Dictionary)
	})
}

func (s *Server) chain(ctx context.Context, chain string) (*pb.GetChainResponse, error) {
	return invoke(ctx, s, pb.ChainGraphService_GetChain_FullMethodName, &pb.GetChainRequest{Chain: chain}, s.GetChain)
}

func (s *Server) exportLacking(ctx context.Context, q url.Values, format string) (string, []byte, error) {
	a, err := s.allLacking(ctx, q)
	if err != nil {
		return "", nil, err
	}
	name := fmt.Sprintf("补链-%s-%s.%s", a.GetChain().GetName(), a.GetLink().GetName(), format)
	switch format {
	case "graphml":
		c, err := s.chain(ctx, a.GetChain().GetId())
		if err != nil {
			return "", nil, err
		}
		return write(name, func(b *bytes.Buffer) error { return export.WriteLackingGraphML(b, c, a) })
	case "geojson":
		return s.exportMap(ctx, q, format)
	}
	return writeTables(name, format, export.LackingTable(a))
}

// exportMap is every region of the scope with its standing for the link, the 补链 attributes of
// the lacking ones, and its boundary (a point at its centroid when none is known).
func (s *Server) exportMap(ctx context.Context, q url.Values, format string) (string, []byte, error) {
	level, err := queryLevel(q)
	if err != nil {
		return "", nil, err
	}
	m, err := invoke(ctx, s, pb.ChainGraphService_GetLinkMap_FullMethodName,
		&pb.GetLinkMapRequest{Chain: q.Get("chain"), Link: q.Get("link"), Scope: q.Get("scope"), Level: level}, s.GetLinkMap)
	if err != nil {
		return "", nil, err
	}
	name := fmt.Sprintf("地图-%s-%s.%s", m.GetChain().GetName(), m.GetLink().GetName(), format)
	if format != "geojson" {
		return writeTables(name, format, export.LinkMapTable(m))
	}
	a, err := s.allLacking(ctx, q)
	if err != nil {
		return "", nil, err
	}
	regions, err := s.regionsByID(ctx, m.GetLevel())
	if err != nil {
		return "", nil, err
	}
	features, err := export.LinkMapFeatures(m, a, regions)
	if err != nil {
		return "", nil, err
	}
	return write(name, func(b *bytes.Buffer) error { return export.WriteGeoJSON(b, features) })
}

// regionsByID reads every region of a level (all pages of ListRegions).
func (s *Server) regionsByID(ctx context.Context, level pb.RegionLevel) (map[string]*pb.Region, error) {
	req := &pb.ListRegionsRequest{Level: level, PageSize: maxRegionPage}
	all, err := AllPages(func(token string) (*pb.ListRegionsResponse, error) {
		req.PageToken = token
		return invoke(ctx, s, pb.ChainGraphService_ListRegions_FullMethodName, req, s.ListRegions)
	}, func(all, page *pb.ListRegionsResponse) { all.Regions = append(all.Regions, page.Regions...) })
	if err != nil {
		return nil, err
	}
	out := map[string]*pb.Region{}
	for _, r := range all.GetRegions() {
		out[r.GetId()] = r
	}
	return out, nil
}

// serveRegionsGeoJSON is the page's base map: every region of ?level= (county by default) with
// id, code, name, level and parent_id.
func (s *Server) serveRegionsGeoJSON(w http.ResponseWriter, r *http.Request) {
	level := pb.RegionLevel_REGION_LEVEL_COUNTY
	if r.URL.Query().Get("level") != "" {
		l, err := queryLevel(r.URL.Query())
		if err != nil {
			writeHTTPError(w, err)
			return
		}
		level = l
	}
	regions, err := s.regionsByID(r.Context(), level)
	if err != nil {
		writeHTTPError(w, err)
		return
	}
	var features []export.Feature
	for _, reg := range sortedRegions(regions) {
		ref := &pb.RegionRef{Id: reg.GetId(), Code: reg.GetCode(), Name: reg.GetName(), Level: reg.GetLevel()}
		f, err := export.RegionFeature(ref, reg, map[string]any{"level": strings.ToLower(strings.TrimPrefix(reg.GetLevel().String(), "REGION_LEVEL_")), "parent_id": reg.GetParentId()})
		if err != nil {
			writeHTTPError(w, err)
			return
		}
		features = append(features, f)
	}
	var b bytes.Buffer
	if err := export.WriteGeoJSON(&b, features); err != nil {
		writeHTTPError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/geo+json")
	_, _ = w.Write(b.Bytes())
}

func (s *Server) exportWeak(ctx context.Context, q url.Values, format string) (string, []byte, error) {
	level, err := queryLevel(q)
	if err != nil {
		return "", nil, err
	}
	a, err := invoke(ctx, s, pb.ChainGraphService_FindWeakLinks_FullMethodName,
		&pb.FindWeakLinksRequest{Chain: q.Get("chain"), Scope: q.Get("scope"), Level: level, PageSize: maxAnalysisPage}, s.FindWeakLinks)
	if err != nil {
		return "", nil, err
	}
	return writeTables(fmt.Sprintf("强链-%s.%s", a.GetChain().GetName(), format), format, export.WeakLinksTable(a))
}

func (s *Server) exportChain(ctx context.Context, q url.Values, format string) (string, []byte, error) {
	c, err := s.chain(ctx, q.Get("chain"))
	if err != nil {
		return "", nil, err
	}
	name := fmt.Sprintf("产业链-%s.%s", c.GetChain().GetName(), format)
	if format == "graphml" {
		return write(name, func(b *bytes.Buffer) error { return export.WriteChainGraphML(b, c) })
	}
	return writeTables(name, format, export.LinksTable(c))
}

func (s *Server) exportProfile(ctx context.Context, q url.Values, format string) (string, []byte, error) {
	p, err := invoke(ctx, s, pb.ChainGraphService_GetRegionProfile_FullMethodName, &pb.GetRegionProfileRequest{Region: q.Get("region")}, s.GetRegionProfile)
	if err != nil {
		return "", nil, err
	}
	return writeTables(fmt.Sprintf("画像-%s.%s", p.GetRegion().GetName(), format), format, export.ProfileTables(p)...)
}

func (s *Server) exportLeads(ctx context.Context, q url.Values, format string) (string, []byte, error) {
	a, err := invoke(ctx, s, pb.ChainGraphService_FindInvestmentLeads_FullMethodName,
		&pb.FindInvestmentLeadsRequest{Region: q.Get("region"), Chain: q.Get("chain"), Link: q.Get("link"), PageSize: maxAnalysisPage, View: pb.AnswerView_ANSWER_VIEW_FULL}, s.FindInvestmentLeads)
	if err != nil {
		return "", nil, err
	}
	return writeTables(fmt.Sprintf("招商线索-%s-%s.%s", a.GetRegion().GetName(), a.GetLink().GetName(), format), format, export.LeadsTable(a))
}

// writeTables writes tables as CSV (the first table only: CSV has one) or .xlsx.
func writeTables(name, format string, tables ...export.Table) (string, []byte, error) {
	if len(tables) == 0 {
		return "", nil, errors.New("nothing to export")
	}
	if format == "csv" {
		return write(name, func(b *bytes.Buffer) error { return export.WriteCSV(b, tables[0]) })
	}
	return write(name, func(b *bytes.Buffer) error { return export.WriteXLSX(b, tables...) })
}

func write(name string, f func(*bytes.Buffer) error) (string, []byte, error) {
	var b bytes.Buffer
	if err := f(&b); err != nil {
		return "", nil, err
	}
	return name, b.Bytes(), nil
}

// sortedRegions orders regions by code.
func sortedRegions(m map[string]*pb.Region) []*pb.Region {
	out := make([]*pb.Region, 0, len(m))
	for _, r := range m {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *pb.Region) int { return strings.Compare(a.GetCode(), b.GetCode()) })
	return out
}

// asciiName is a file name for clients that do not read filename* (RFC 6266): the non-ASCII
// characters dropped.
func asciiName(name string) string {
	var b strings.Builder
	for _, r := range name {
		if r < 0x80 && r != '"' && r != '\\' {
			b.WriteRune(r)
		}
	}
	return strings.Trim(b.String(), "-")
}
