package cli

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"
	"github.com/chaingraph/chaingraph/server"
	"github.com/chaingraph/chaingraph/server/export"
)

// The discovery commands say what there is to ask about: chains, a chain's links, regions.

func chainsCommand() *cobra.Command {
	var cf clientFlags
	cmd := &cobra.Command{
		Use:        "chains",
		Short:      "List the industry chains (产业链), with their ids and other names",
		SuggestFor: []string{"chain", "industries"},
		Long: `chains lists every chain the service knows: its id (what --chain takes, as does its name or
any alias), its category as the plan groups it, and the evidence it rests on.`,
		Example: `  chaingraph chains
  chaingraph chains --format csv -o 产业链.csv`,
		Args: noArgs,
	}
	cmd.Flags().SortFlags = false
	cf.register(cmd, fileFormats...)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		return cf.run(cmd, func(ctx context.Context, c pb.ChainGraphServiceClient) (answer, error) {
			req := &pb.ListChainsRequest{PageSize: pageSize}
			all, err := server.AllPages(func(token string) (*pb.ListChainsResponse, error) {
				req.PageToken = token
				return c.ListChains(ctx, req)
			}, func(all, page *pb.ListChainsResponse) { all.Chains = append(all.Chains, page.Chains...) })
			if err != nil {
				return answer{}, err
			}
			out := answer{
				msg:    all,
				title:  fmt.Sprintf("%s; a chain's links: chaingraph links --chain ID", plural(len(all.Chains), "chain")),
				header: []string{"代码 id", "产业链 chain", "类别 category", "别名 aliases", "依据 evidence"},
			}
			for _, ch := range all.Chains {
				out.rows = append(out.rows, []string{ch.Id, ch.Name, ch.Category, strings.Join(ch.Aliases, "、"), evidenceBrief(ch.Evidence)})
			}
			out.tables = []export.Table{export.ChainsTable(all.Chains)}
			return out, nil
		})
	}
	return cmd
}

func linksCommand() *cobra.Command {
	var cf clientFlags
	var chain string
	cmd := &cobra.Command{
		Use:        "links",
		Short:      "List a chain's links (环节), upstream first, with their segments",
		SuggestFor: []string{"link", "segments"},
		Long: `links lists the links of one chain, upstream first: the id (what --link takes, as does its
name or any alias), the stage, the products or segments it groups, and its evidence. The title
counts the chain's FEEDS edges; --format json has them all.`,
		Example: `  chaingraph links --chain nev
  chaingraph links --chain 纺织服装 --format csv -o 纺织环节.csv`,
		Args: noArgs,
	}
	cmd.Flags().SortFlags = false
	cmd.Flags().StringVar(&chain, "chain", "", "chain id or name, e.g. nev or 新能源汽车 (required; chaingraph chains lists them)")
	cf.register(cmd, slices.Concat(fileFormats, []string{"graphml"})...)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		return cf.run(cmd, func(ctx context.Context, c pb.ChainGraphServiceClient) (answer, error) {
			if err := required("chain", chain, "nev"); err != nil {
				return answer{}, err
			}
			resp, err := c.GetChain(ctx, &pb.GetChainRequest{Chain: chain})
			if err != nil {
				return answer{}, err
			}
			out := answer{
				msg:    resp,
				title:  fmt.Sprintf("%s (%s): %s, upstream first; %s", resp.Chain.Name, resp.Chain.Id, plural(len(resp.Links), "link"), plural(len(resp.Feeds), "FEEDS edge")),
				header: []string{"环节 link", "代码 id", "阶段 stage", "细分 segments", "依据 evidence"},
			}
			for _, l := range resp.Links {
				out.rows = append(out.rows, []string{l.Name, l.Id, stageName(l.Stage), strings.Join(l.Segments, "、"), evidenceBrief(l.Evidence)})
			}
			out.tables = []export.Table{export.LinksTable(resp)}
			out.graphml = func(w io.Writer) error { return export.WriteChainGraphML(w, resp) }
			return out, nil
		})
	}
	return cmd
}

func regionsCommand() *cobra.Command {
	var cf clientFlags
	var parent, level string
	cmd := &cobra.Command{
		Use:        "regions",
		Short:      "List regions: the province, its prefectures (市州) and county-level units (县域)",
		SuggestFor: []string{"region", "counties", "prefectures"},
		Long: `regions lists regions by GB/T 2260 code: all of them, one level (--level), or the direct
children of one region (--parent). --region and --scope take a region's name, code or id.`,
		Example: `  chaingraph regions --level prefecture
  chaingraph regions --parent 襄阳市
  chaingraph regions --level county --format csv -o 县域.csv`,
		Args: noArgs,
	}
	cmd.Flags().SortFlags = false
	cmd.Flags().StringVar(&parent, "parent", "", "only the direct children of this region (id, code or name), e.g. 襄阳市")
	cmd.Flags().StringVar(&level, "level", "", "only this level: county or prefecture")
	cf.register(cmd, slices.Concat(fileFormats, []string{"geojson"})...)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		return cf.run(cmd, func(ctx context.Context, c pb.ChainGraphServiceClient) (answer, error) {
			lv, err := parseLevel(level)
			if err != nil {
				return answer{}, err
			}
			list := func(req *pb.ListRegionsRequest) (*pb.ListRegionsResponse, error) {
				regions, err := allRegions(ctx, c, req)
				return &pb.ListRegionsResponse{Regions: regions}, err
			}
			all, err := list(&pb.ListRegionsRequest{PageSize: pageSize, Parent: parent, Level: lv})
			if err != nil {
				return answer{}, err
			}
			names := map[string]string{}
			for _, r := range all.Regions {
				names[r.Id] = r.Name
			}
			for _, r := range all.Regions {
				if r.ParentId != "" && names[r.ParentId] == "" { // a filtered list: name the parents from the whole one
					whole, err := list(&pb.ListRegionsRequest{PageSize: pageSize})
					if err != nil {
						return answer{}, err
					}
					for _, p := range whole.Regions {
						names[p.Id] = p.Name
					}
					break
				}
			}
			title := plural(len(all.Regions), "region")
			if parent != "" {
				title += " directly under " + parent
			}
			if lv != pb.RegionLevel_REGION_LEVEL_UNSPECIFIED {
				title += ", level " + levelName(lv)
			}
			out := answer{
				msg:    all,
				title:  title,
				header: []string{"地区 region", "代码 code", "级别 level", "类型 kind", "上级 parent"},
			}
			for _, r := range all.Regions {
				out.rows = append(out.rows, []string{r.Name, r.Code, strings.ToLower(levelName(r.Level)), r.Kind, orDash(names[r.ParentId])})
			}
			out.tables = []export.Table{export.RegionsTable(all.Regions)}
			features, err := regionFeatures(all.Regions)
			if err != nil {
				return answer{}, err
			}
			out.geojson = func(w io.Writer) error { return export.WriteGeoJSON(w, features) }
			return out, nil
		})
	}
	return cmd
}

// evidenceBrief is a chain's or link's evidence in a few words: the plan's section, the named
// source, or the domain reasoning.
func evidenceBrief(e *pb.Evidence) string {
	switch e.GetKind() {
	case pb.EvidenceKind_EVIDENCE_KIND_PLAN:
		return "规划 " + e.GetSection()
	case pb.EvidenceKind_EVIDENCE_KIND_SOURCE:
		return e.GetSource()
	case pb.EvidenceKind_EVIDENCE_KIND_DOMAIN:
		return "domain: " + e.GetReason()
	}
	return ""
}

// allRegions reads every page of a region list.
func allRegions(ctx context.Context, c pb.ChainGraphServiceClient, req *pb.ListRegionsRequest) ([]*pb.Region, error) {
	req.PageSize = pageSize
	all, err := server.AllPages(func(token string) (*pb.ListRegionsResponse, error) {
		req.PageToken = token
		return c.ListRegions(ctx, req)
	}, func(all, page *pb.ListRegionsResponse) { all.Regions = append(all.Regions, page.Regions...) })
	return all.GetRegions(), err
}

func regionsByID(regions []*pb.Region) map[string]*pb.Region {
	out := make(map[string]*pb.Region, len(regions))
	for _, r := range regions {
		out[r.GetId()] = r
	}
	return out
}

// regionFeatures are regions as map features (boundaries where the seeds have them, else
// centroids), with their level and parent.
func regionFeatures(regions []*pb.Region) ([]export.Feature, error) {
	var out []export.Feature
	for _, r := range regions {
		f, err := export.RegionFeature(&pb.RegionRef{Id: r.GetId(), Code: r.GetCode(), Name: r.GetName(), Level: r.GetLevel()}, r,
			map[string]any{"level": levelName(r.GetLevel()), "parent_id": r.GetParentId(), "kind": r.GetKind()})
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}
