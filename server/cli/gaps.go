package cli

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"google.golang.org/protobuf/proto"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"
	"github.com/chaingraph/chaingraph/server"
	"github.com/chaingraph/chaingraph/server/export"
)

// gapsFlags are the flags every `gaps` subcommand shares.
type gapsFlags struct {
	clientFlags
	view string
	// The fact filter (see FactFilter in the API).
	picture, evidence, programme string
	certain                      bool
	asOf                         int
}

func (g *gapsFlags) register(cmd *cobra.Command, formats ...string) {
	g.clientFlags.register(cmd, formats...)
	fs := cmd.Flags()
	fs.StringVar(&g.view, "view", "", "basic (counts and scores) or full (with the evidence); default the service's (basic for lacking, weak and extend, full for profile and matrix), and full for leads, whose table shows each lead's source")
	fs.StringVar(&g.picture, "picture", "", "which facts count: both (the plan's picture, the default), existing (what is there) or planned (what the plan asks for)")
	fs.BoolVar(&g.certain, "certain", false, "count only facts that rest on the only reading of their source")
	fs.StringVar(&g.evidence, "evidence", "", "count only facts with this evidence: plan, source or domain")
	fs.StringVar(&g.programme, "programme", "", "count only facts of this programme (a cluster list, e.g. 湖北省重点成长型产业集群)")
	fs.IntVar(&g.asOf, "as-of", 0, "count only facts known by the end of this year (clusters by their list's year, the plan's from 2019)")
}

// facts turns the filter flags into the API's FactFilter (nil when none is set).
func (g *gapsFlags) facts() (*pb.FactFilter, error) {
	f := &pb.FactFilter{CertainOnly: g.certain, Programme: g.programme, AsOf: int32(g.asOf)}
	switch strings.ToLower(g.picture) {
	case "", "both":
	case "existing":
		f.Picture = pb.FactPicture_FACT_PICTURE_EXISTING
	case "planned":
		f.Picture = pb.FactPicture_FACT_PICTURE_PLANNED
	default:
		return nil, usagef("--picture %q: want both, existing or planned", g.picture)
	}
	switch strings.ToLower(g.evidence) {
	case "":
	case "plan":
		f.EvidenceKind = pb.EvidenceKind_EVIDENCE_KIND_PLAN
	case "source":
		f.EvidenceKind = pb.EvidenceKind_EVIDENCE_KIND_SOURCE
	case "domain":
		f.EvidenceKind = pb.EvidenceKind_EVIDENCE_KIND_DOMAIN
	default:
		return nil, usagef("--evidence %q: want plan, source or domain", g.evidence)
	}
	if proto.Equal(f, &pb.FactFilter{}) {
		return nil, nil
	}
	return f, nil
}

// answerView turns --view into the API's enum.
func (g *gapsFlags) answerView() (pb.AnswerView, error) {
	switch strings.ToLower(g.view) {
	case "":
		return pb.AnswerView_ANSWER_VIEW_UNSPECIFIED, nil
	case "basic":
		return pb.AnswerView_ANSWER_VIEW_BASIC, nil
	case "full":
		return pb.AnswerView_ANSWER_VIEW_FULL, nil
	}
	return 0, usagef("--view %q: want basic or full", g.view)
}

// parseLevel turns --level into the API's enum.
func parseLevel(s string) (pb.RegionLevel, error) {
	switch strings.ToLower(s) {
	case "":
		return pb.RegionLevel_REGION_LEVEL_UNSPECIFIED, nil
	case "county":
		return pb.RegionLevel_REGION_LEVEL_COUNTY, nil
	case "prefecture":
		return pb.RegionLevel_REGION_LEVEL_PREFECTURE, nil
	}
	return 0, usagef("--level %q: want county or prefecture", s)
}

// required refuses an empty flag, showing a value that would do.
func required(name, value, example string) error {
	if strings.TrimSpace(value) == "" {
		return usagef("--%s is required, e.g. --%s %s", name, name, example)
	}
	return nil
}

func gapsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "gaps",
		Short: "Ask the service gap questions: 补链, 强链, 延链, profiles, matrices, leads",
		Long: `gaps asks a running service (chaingraph serve) one question and prints the answer as a table
that fits the terminal, or writes it with --format: csv (UTF-8 with a byte-order mark, for
Excel), xlsx, json (the whole answer), or graphml (lacking only: the 补链 graph, for Gephi).
-o FILE writes to a file, and its extension (.csv, .xlsx, .json) chooses the format.

Every question takes the fact filter: --picture both|existing|planned, --certain,
--evidence plan|source|domain, --programme NAME, --as-of YEAR.`,
		Example: `  chaingraph gaps lacking --chain nev --link 电池材料
  chaingraph gaps weak --chain 新能源汽车 --k 3
  chaingraph gaps extend --scope 襄阳市 --chain auto
  chaingraph gaps profile --region 仙桃市 --format csv -o 仙桃.csv
  chaingraph gaps compare --link 化工新材料 --level county --from 2013 --to 2024`,
	}
	groupCommand(cmd)
	cmd.AddCommand(lackingCommand(), weakCommand(), extendCommand(), profileCommand(), matrixCommand(),
		leadsCommand(), planCommand(), compareCommand())
	return cmd
}

// gapsQuestion builds a gaps subcommand: setup registers the question's own flags (listed
// first in its help) and returns the question; the shared flags follow.
func gapsQuestion(cmd *cobra.Command, setup func(fs *pflag.FlagSet, g *gapsFlags) ask, formats ...string) *cobra.Command {
	if len(formats) == 0 {
		formats = fileFormats
	}
	g := &gapsFlags{}
	cmd.Flags().SortFlags = false
	question := setup(cmd.Flags(), g)
	g.register(cmd, formats...)
	cmd.Args = noArgs
	cmd.RunE = func(cmd *cobra.Command, _ []string) error { return g.run(cmd, question) }
	return cmd
}

func lackingCommand() *cobra.Command {
	return gapsQuestion(&cobra.Command{
		Use:   "lacking",
		Short: "补链: regions that need a link and lack it, with the nearest that have it",
		Long: `lacking finds the regions in scope that need a link (they hold a link it FEEDS, within --depth
steps) and do not hold it, each with the demand (the FEEDS path) and the nearest regions that
have it: by border hops, then distance, same prefecture or belt first. Regions that hold the
link's chain as a whole (the plan names no link of it there) are listed apart, not judged.`,
		Example: `  chaingraph gaps lacking --chain nev --link 电池材料
  chaingraph gaps lacking --link nev-battery-materials --level county --scope 襄十随
  chaingraph gaps lacking --link 电池材料 --picture existing --format csv -o 补链.csv`,
	}, func(fs *pflag.FlagSet, g *gapsFlags) ask {
		chain := fs.String("chain", "", "chain id or name, e.g. nev or 新能源汽车 (optional when the link is unambiguous)")
		link := fs.String("link", "", "link id or name, e.g. nev-battery or 电池 (required)")
		scope := fs.String("scope", "", "region or belt to search in; default the province")
		level := fs.String("level", "", "county or prefecture; default one level below the scope")
		depth := fs.Int("depth", 0, "longest FEEDS path from the link to a demanding link; 0 for the service default (4)")
		suppliers := fs.Int("suppliers", 0, "nearest suppliers per region; 0 for the service default (3)")
		return func(ctx context.Context, c pb.ChainGraphServiceClient) (answer, error) {
			if err := required("link", *link, "电池材料"); err != nil {
				return answer{}, err
			}
			lv, err := parseLevel(*level)
			if err != nil {
				return answer{}, err
			}
			view, err := g.answerView()
			if err != nil {
				return answer{}, err
			}
			facts, err := g.facts()
			if err != nil {
				return answer{}, err
			}
			req := &pb.FindLackingRegionsRequest{Chain: *chain, Link: *link, Scope: *scope, Level: lv, MaxDepth: int32(*depth), MaxSuppliers: int32(*suppliers), PageSize: pageSize, View: view, Facts: facts}
			all, err := server.AllPages(func(token string) (*pb.FindLackingRegionsResponse, error) {
				req.PageToken = token
				return c.FindLackingRegions(ctx, req)
			}, func(all, page *pb.FindLackingRegionsResponse) {
				all.LackingRegions = append(all.LackingRegions, page.LackingRegions...)
				all.Dictionary = export.MergeDictionaries(all.Dictionary, page.Dictionary)
			})
			if err != nil {
				return answer{}, err
			}
			out := answer{
				msg: all,
				title: fmt.Sprintf("补链 %s / %s (%s): %s in %s %s it (level %s, FEEDS depth ≤ %d)", all.Chain.Name, all.Link.Name, all.Link.Id, plural(int(all.TotalSize), "region"), scopeName(all.Scope, all.Belt), verb(int(all.TotalSize), "lack"), levelName(all.Level), all.MaxDepth) +
					holdersText(all.ChainHolders, all.Chain.Name),
				header: []string{"地区 region", "代码 code", "需求 demand (FEEDS path)", "最近供给 nearest suppliers"},
			}
			demandText := export.PathText(all.Dictionary)
			for _, r := range all.LackingRegions {
				out.rows = append(out.rows, []string{r.Region.Name, r.Region.Code, export.JoinAll(r.Demands, demandText, "; "), export.JoinAll(r.NearestSuppliers, export.SupplierText, "; ")})
			}
			out.tables = []export.Table{export.LackingTable(all)}
			if g.format == "graphml" { // the 补链 graph is drawn over the link's chain
				chain, err := c.GetChain(ctx, &pb.GetChainRequest{Chain: all.Chain.GetId()})
				if err != nil {
					return answer{}, err
				}
				out.graphml = func(w io.Writer) error { return export.WriteLackingGraphML(w, chain, all) }
			}
			if g.format == "geojson" { // every region of the scope, coloured by the link map
				m, err := c.GetLinkMap(ctx, &pb.GetLinkMapRequest{Chain: *chain, Link: *link, Scope: *scope, Level: lv, MaxDepth: int32(*depth), MaxSuppliers: int32(*suppliers), Facts: facts})
				if err != nil {
					return answer{}, err
				}
				regions, err := allRegions(ctx, c, &pb.ListRegionsRequest{Level: m.GetLevel()})
				if err != nil {
					return answer{}, err
				}
				features, err := export.LinkMapFeatures(m, all, regionsByID(regions))
				if err != nil {
					return answer{}, err
				}
				out.geojson = func(w io.Writer) error { return export.WriteGeoJSON(w, features) }
			}
			return out, nil
		}
	}, slices.Concat(fileFormats, []string{"graphml", "geojson"})...)
}

func weakCommand() *cobra.Command {
	return gapsQuestion(&cobra.Command{
		Use:   "weak",
		Short: "强链: links of a chain held by few regions, with concentration (HHI)",
		Long: `weak lists the links of a chain that fewer than --k regions in scope hold, with each holder's
strength, how many holders rest on a certain reading of their source, and the Herfindahl
index of concentration (1 is one region holding it all).`,
		Example: `  chaingraph gaps weak --chain 新能源汽车 --k 3
  chaingraph gaps weak --chain 化工 --k 6 --certain
  chaingraph gaps weak --chain nev --scope 武汉市 --level county`,
	}, func(fs *pflag.FlagSet, g *gapsFlags) ask {
		chain := fs.String("chain", "", "chain id or name (required)")
		scope := fs.String("scope", "", "region or belt; default the province")
		level := fs.String("level", "", "county or prefecture; default one level below the scope")
		k := fs.Int("k", 0, "a link is weak when fewer than k regions hold it; 0 for the service default (2)")
		return func(ctx context.Context, c pb.ChainGraphServiceClient) (answer, error) {
			if err := required("chain", *chain, "nev"); err != nil {
				return answer{}, err
			}
			lv, err := parseLevel(*level)
			if err != nil {
				return answer{}, err
			}
			view, err := g.answerView()
			if err != nil {
				return answer{}, err
			}
			facts, err := g.facts()
			if err != nil {
				return answer{}, err
			}
			req := &pb.FindWeakLinksRequest{Chain: *chain, Scope: *scope, Level: lv, MinHolders: int32(*k), PageSize: pageSize, View: view, Facts: facts}
			resp, err := server.AllPages(func(token string) (*pb.FindWeakLinksResponse, error) {
				req.PageToken = token
				return c.FindWeakLinks(ctx, req)
			}, func(all, page *pb.FindWeakLinksResponse) {
				all.WeakLinks = append(all.WeakLinks, page.WeakLinks...)
				all.Dictionary = export.MergeDictionaries(all.Dictionary, page.Dictionary)
				all.EvidenceTruncated = all.EvidenceTruncated || page.EvidenceTruncated
			})
			if err != nil {
				return answer{}, err
			}
			out := answer{
				msg:    resp,
				title:  fmt.Sprintf("强链 %s: %d links held by fewer than %d regions of %s (level %s)", resp.Chain.Name, resp.TotalSize, resp.MinHolders, scopeName(resp.Scope.GetRegion(), resp.Scope.GetBelt()), levelName(resp.Level)),
				header: []string{"环节 link", "阶段 stage", "持有 holders", "确定 certain", "HHI", "持有地区 held by (strength; one reading: the fact rests on one reading of an ambiguous source)"},
			}
			for _, w := range resp.WeakLinks {
				hhi := "-"
				if w.Hhi >= 0 {
					hhi = strconv.FormatFloat(w.Hhi, 'f', 4, 64)
				}
				held := export.JoinAll(w.Holders, func(h *pb.Holding) string {
					if h.CertainPresenceCount == 0 {
						return fmt.Sprintf("%s (%g, one reading)", h.Region.Name, h.Strength)
					}
					return fmt.Sprintf("%s (%g)", h.Region.Name, h.Strength)
				}, "; ")
				row := []string{w.Link.Name, stageName(w.Link.Stage), strconv.Itoa(len(w.Holders)), strconv.Itoa(int(w.CertainHolderCount)), hhi, held}
				out.rows = append(out.rows, row)
			}
			out.tables = []export.Table{export.WeakLinksTable(resp)}
			return out, nil
		}
	})
}

func extendCommand() *cobra.Command {
	return gapsQuestion(&cobra.Command{
		Use:   "extend",
		Short: "延链: links a region or belt could add, by relatedness density",
		Long: `extend ranks the links a region or belt does not hold by relatedness density: the share of
a link's FEEDS neighbours (suppliers and customers) that the region already holds.`,
		Example: `  chaingraph gaps extend --scope 襄阳市 --chain auto
  chaingraph gaps extend --scope 襄十随 --view full --format json`,
	}, func(fs *pflag.FlagSet, g *gapsFlags) ask {
		scope := fs.String("scope", "", "region or belt (required)")
		chain := fs.String("chain", "", "only candidate links of this chain")
		return func(ctx context.Context, c pb.ChainGraphServiceClient) (answer, error) {
			if err := required("scope", *scope, "襄阳市"); err != nil {
				return answer{}, err
			}
			view, err := g.answerView()
			if err != nil {
				return answer{}, err
			}
			facts, err := g.facts()
			if err != nil {
				return answer{}, err
			}
			req := &pb.FindExtensionsRequest{Scope: *scope, Chain: *chain, PageSize: pageSize, View: view, Facts: facts}
			resp, err := server.AllPages(func(token string) (*pb.FindExtensionsResponse, error) {
				req.PageToken = token
				return c.FindExtensions(ctx, req)
			}, func(all, page *pb.FindExtensionsResponse) {
				all.Extensions = append(all.Extensions, page.Extensions...)
				all.Dictionary = export.MergeDictionaries(all.Dictionary, page.Dictionary)
				all.EvidenceTruncated = all.EvidenceTruncated || page.EvidenceTruncated
			})
			if err != nil {
				return answer{}, err
			}
			out := answer{
				msg:    resp,
				title:  fmt.Sprintf("延链 %s: %d links it could add, by relatedness density", scopeName(resp.Scope.GetRegion(), resp.Scope.GetBelt()), resp.TotalSize),
				header: []string{"环节 link", "产业链 chain", "密度 density", "相邻 near (present / all)"},
			}
			for _, e := range resp.Extensions {
				near := export.JoinAll(e.PresentNeighbours, func(n *pb.NearLink) string {
					if n.CandidateFeedsIt {
						return "→" + n.Link.Name
					}
					return n.Link.Name + "→"
				}, " ")
				row := []string{e.Link.Name, e.Link.ChainId, strconv.FormatFloat(e.Density, 'f', 4, 64), fmt.Sprintf("%s (%d/%d)", near, len(e.PresentNeighbours), e.NeighbourCount)}
				out.rows = append(out.rows, row)
			}
			out.tables = []export.Table{export.ExtensionsTable(resp)}
			return out, nil
		}
	})
}

func profileCommand() *cobra.Command {
	return gapsQuestion(&cobra.Command{
		Use:   "profile",
		Short: "a region's chains, links, missing upstream links, completeness and LQ",
		Long: `profile shows, for each chain a region takes part in, the links it holds (with the evidence),
the upstream links it lacks, the chain's completeness there and its location quotient.`,
		Example: `  chaingraph gaps profile --region 仙桃市
  chaingraph gaps profile --region 420600 --picture existing
  chaingraph gaps profile --region 仙桃 --format csv -o 仙桃.csv`,
	}, func(fs *pflag.FlagSet, g *gapsFlags) ask {
		region := fs.String("region", "", "region id, code or name (required)")
		return func(ctx context.Context, c pb.ChainGraphServiceClient) (answer, error) {
			if err := required("region", *region, "仙桃市"); err != nil {
				return answer{}, err
			}
			view, err := g.answerView()
			if err != nil {
				return answer{}, err
			}
			facts, err := g.facts()
			if err != nil {
				return answer{}, err
			}
			resp, err := c.GetRegionProfile(ctx, &pb.GetRegionProfileRequest{Region: *region, View: view, Facts: facts})
			if err != nil {
				return answer{}, err
			}
			out := answer{
				msg:    resp,
				title:  fmt.Sprintf("%s (%s): %d chains", resp.Region.Name, resp.Region.Code, len(resp.Chains)) + countsText(resp.ClusterCounts),
				header: []string{"产业链 chain", "完整度 completeness", "LQ", "已有环节 present (evidence)", "缺上游 missing upstream"},
			}
			for _, cp := range resp.Chains {
				lq := lqCell(cp)
				present := export.JoinAll(cp.Present, func(p *pb.PresentLink) string {
					return p.Link.Name + " [" + export.JoinAll(p.Presences, evidenceShort, "; ") + "]"
				}, "; ")
				if len(cp.ChainFacts) > 0 { // the plan names the place for the chain as a whole
					whole := "整链 whole chain [" + export.JoinAll(cp.ChainFacts, func(f *pb.ChainFact) string { return "规划 " + f.Evidence.GetSection() }, "; ") + "]"
					present = strings.TrimPrefix(present+"; "+whole, "; ")
				}
				missing := export.JoinAll(cp.MissingUpstream, func(l *pb.LinkRef) string { return l.Name }, "、")
				row := []string{cp.Chain.Name, strconv.FormatFloat(cp.Completeness, 'f', 4, 64), lq, present, missing}
				out.rows = append(out.rows, row)
			}
			out.tables = export.ProfileTables(resp)
			return out, nil
		}
	})
}

// evidenceShort is a presence's evidence in a few words: the holder, or the plan section.
func evidenceShort(p *pb.Presence) string {
	switch {
	case p.Holder != "":
		return p.Holder
	case p.Evidence.GetSection() != "":
		return "规划 " + p.Evidence.GetSection()
	}
	return p.Evidence.GetSource()
}

func matrixCommand() *cobra.Command {
	return gapsQuestion(&cobra.Command{
		Use:   "matrix",
		Short: "regions × links of a chain: a heat map's data",
		Long: `matrix prints one row per region in scope and one column per link of the chain: ● and the
strength where the region holds the link, · where it does not. --format json writes the
stream as the service sends it, one message per line (NDJSON).`,
		Example: `  chaingraph gaps matrix --chain nev --scope 襄十随
  chaingraph gaps matrix --chain 纺织服装 --level county --format csv -o 纺织矩阵.csv`,
	}, func(fs *pflag.FlagSet, g *gapsFlags) ask {
		chain := fs.String("chain", "", "chain id or name (required)")
		scope := fs.String("scope", "", "region or belt; default the province")
		level := fs.String("level", "", "county or prefecture; default one level below the scope")
		return func(ctx context.Context, c pb.ChainGraphServiceClient) (answer, error) {
			if err := required("chain", *chain, "nev"); err != nil {
				return answer{}, err
			}
			lv, err := parseLevel(*level)
			if err != nil {
				return answer{}, err
			}
			view, err := g.answerView()
			if err != nil {
				return answer{}, err
			}
			facts, err := g.facts()
			if err != nil {
				return answer{}, err
			}
			stream, err := c.GetCoverageMatrix(ctx, &pb.GetCoverageMatrixRequest{Chain: *chain, Scope: *scope, Level: lv, View: view, Facts: facts})
			if err != nil {
				return answer{}, err
			}
			var first *pb.GetCoverageMatrixResponse
			var rows []*pb.CoverageRow
			var msgs []*pb.GetCoverageMatrixResponse // as the stream sent them
			for {
				msg, err := stream.Recv()
				if err == io.EOF {
					break
				}
				if err != nil {
					return answer{}, err
				}
				msgs = append(msgs, msg)
				if first == nil {
					first = msg
				}
				if msg.Row != nil {
					rows = append(rows, msg.Row)
				}
			}
			if first == nil {
				return answer{}, fmt.Errorf("the service sent an empty matrix stream (no chain, no rows)")
			}
			out := answer{
				title:  fmt.Sprintf("%s × %s (level %s): ● present (strength), · absent", first.Chain.Name, scopeName(first.Scope.GetRegion(), first.Scope.GetBelt()), levelName(first.Level)),
				header: []string{"地区 region", "LQ"},
			}
			for _, l := range first.Links {
				out.header = append(out.header, l.Name)
			}
			for _, r := range rows {
				lq := lqCell(r)
				row := []string{r.Region.Name, lq}
				for _, cell := range r.Cells {
					switch {
					case cell.Present:
						row = append(row, fmt.Sprintf("●%g", cell.Strength))
					default:
						row = append(row, "·")
					}
				}
				out.rows = append(out.rows, row)
			}
			// JSON: the messages as the stream sent them, one per line (NDJSON).
			for _, m := range msgs {
				out.jsonLines = append(out.jsonLines, m)
			}
			out.tables = []export.Table{export.MatrixTable(msgs)}
			return out, nil
		}
	})
}

func leadsCommand() *cobra.Command {
	return gapsQuestion(&cobra.Command{
		Use:   "leads",
		Short: "招商线索: enterprises and clusters elsewhere that make a link a region wants",
		Long: `leads lists the enterprises and clusters outside a region that make a link it wants, nearest
first, with the other links they make and the region's links they would feed.`,
		Example: `  chaingraph gaps leads --region 随州市 --link 电池材料
  chaingraph gaps leads --region 武汉市 --link 电池材料 --format json`,
	}, func(fs *pflag.FlagSet, g *gapsFlags) ask {
		region := fs.String("region", "", "the region looking for investment (required)")
		link := fs.String("link", "", "the link it wants (required)")
		chain := fs.String("chain", "", "the link's chain, when the link name is ambiguous")
		return func(ctx context.Context, c pb.ChainGraphServiceClient) (answer, error) {
			if err := required("region", *region, "随州市"); err != nil {
				return answer{}, err
			}
			if err := required("link", *link, "电池材料"); err != nil {
				return answer{}, err
			}
			view, err := g.answerView()
			if err != nil {
				return answer{}, err
			}
			facts, err := g.facts()
			if err != nil {
				return answer{}, err
			}
			if view == pb.AnswerView_ANSWER_VIEW_UNSPECIFIED {
				view = pb.AnswerView_ANSWER_VIEW_FULL // the table shows each lead's source
			}
			req := &pb.FindInvestmentLeadsRequest{Region: *region, Link: *link, Chain: *chain, PageSize: pageSize, View: view, MaxPresences: 1, Facts: facts}
			resp, err := server.AllPages(func(token string) (*pb.FindInvestmentLeadsResponse, error) {
				req.PageToken = token
				return c.FindInvestmentLeads(ctx, req)
			}, func(all, page *pb.FindInvestmentLeadsResponse) {
				all.Leads = append(all.Leads, page.Leads...)
				all.Dictionary = export.MergeDictionaries(all.Dictionary, page.Dictionary)
				all.EvidenceTruncated = all.EvidenceTruncated || page.EvidenceTruncated
			})
			if err != nil {
				return answer{}, err
			}
			out := answer{
				msg:    resp,
				title:  fmt.Sprintf("招商线索 %s ← %s (%s): %d leads, nearest first", resp.Region.Name, resp.Link.Name, resp.Link.Id, resp.TotalSize),
				header: []string{"企业/集群 holder", "类型 kind", "所在地 place", "距离 distance", "其他环节 other links", "可供给 would feed", "来源 evidence"},
			}
			demandText := export.PathText(resp.Dictionary)
			withAttributes := slices.ContainsFunc(resp.Leads, func(l *pb.Lead) bool { return len(l.GetPresence().GetAttributes()) > 0 })
			if withAttributes { // firms from a user's list: their address, phone … as the file has them
				out.header = append(out.header, "企业信息 attributes")
			}
			for _, l := range resp.Leads {
				other := export.JoinAll(l.OtherLinks, func(x *pb.LinkRef) string { return x.Name }, "、")
				feeds := export.JoinAll(resp.RegionFeeds, demandText, "; ")
				src := l.GetPresence().GetEvidence().GetSource()
				if l.GetPresence().GetProgramme() != "" {
					src = fmt.Sprintf("%s %d", l.Presence.Programme, l.Presence.Year)
				}
				row := []string{l.Holder, l.HolderKind, l.Place.Region.Name, export.Nearness(l.Place), other, feeds, src}
				if withAttributes {
					row = append(row, export.AttributesText(l.GetPresence().GetAttributes()))
				}
				out.rows = append(out.rows, row)
			}
			out.tables = []export.Table{export.LeadsTable(resp)}
			return out, nil
		}
	})
}

func scopeName(r *pb.RegionRef, b *pb.BeltRef) string {
	if b != nil {
		return b.Name
	}
	return r.GetName()
}

func levelName(l pb.RegionLevel) string { return strings.TrimPrefix(l.String(), "REGION_LEVEL_") }

func stageName(s pb.Stage) string { return strings.ToLower(strings.TrimPrefix(s.String(), "STAGE_")) }

// plural is "1 region", "2 regions".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// verb agrees with n things: "lacks" for one, "lack" for more.
func verb(n int, v string) string {
	if n == 1 {
		return v + "s"
	}
	return v
}

// countsText is a profile's cluster counts for its title: "; 2018 list: 11 clusters, 0 named in
// the data".
func countsText(cs []*pb.ClusterCount) string {
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "; %d %s: %s, %d named in the data", c.Year, c.Programme, plural(int(c.Count), "cluster"), c.NamedInData)
	}
	return b.String()
}

// holdersText says which regions were not judged because they hold the chain as a whole.
func holdersText(rs []*pb.RegionRef, chain string) string {
	if len(rs) == 0 {
		return ""
	}
	return "\nnot judged, holding " + chain + " as a whole (the plan names no link of it there): " + export.JoinAll(rs, func(r *pb.RegionRef) string { return r.Name }, "、")
}

// lqCell is a location quotient as a table shows it: the figure, or why there is none.
func lqCell(q interface {
	export.LocationQuotientBasis
	GetHasLocationQuotient() bool
	GetLocationQuotient() float64
}) string {
	switch {
	case q.GetHasLocationQuotient():
		return strconv.FormatFloat(q.GetLocationQuotient(), 'f', 2, 64)
	case q.GetLocationQuotientStatus() == pb.LocationQuotientStatus_LOCATION_QUOTIENT_STATUS_TOO_FEW_FIRMS:
		return fmt.Sprintf("- (企业过少 %d few firms)", q.GetLocationQuotientFirms())
	}
	return "-"
}
