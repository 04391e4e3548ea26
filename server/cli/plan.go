package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"
	"github.com/chaingraph/chaingraph/server"
	"github.com/chaingraph/chaingraph/server/export"
)

func planCommand() *cobra.Command {
	return gapsQuestion(&cobra.Command{
		Use:   "plan",
		Short: "未来图 against 现状图: what the plan asks of a region that no existing fact shows",
		Long: `plan lists what the plan asks for in a region (打造, 培育, 布局 …) that no existing fact shows
there, with the plan's sentence and the nearest regions that already have it.`,
		Example: `  chaingraph gaps plan
  chaingraph gaps plan --chain nev --level county
  chaingraph gaps plan --scope 武汉市 --format csv -o 规划缺口.csv`,
	}, func(fs *pflag.FlagSet, g *gapsFlags) ask {
		chain := fs.String("chain", "", "one chain (id or name); default every chain")
		scope := fs.String("scope", "", "region or belt to search in; default the province")
		level := fs.String("level", "", "county or prefecture; default one level below the scope")
		suppliers := fs.Int("suppliers", 0, "nearest regions that have it, per row; 0 for the service default (3)")
		return func(ctx context.Context, c pb.ChainGraphServiceClient) (answer, error) {
			lv, err := parseLevel(*level)
			if err != nil {
				return answer{}, err
			}
			facts, err := g.facts()
			if err != nil {
				return answer{}, err
			}
			// The plan's sentence is what a row is for: always the full view.
			req := &pb.FindPlanGapsRequest{Chain: *chain, Scope: *scope, Level: lv, MaxSuppliers: int32(*suppliers), PageSize: pageSize, MaxPresences: 1,
				View: pb.AnswerView_ANSWER_VIEW_FULL, Facts: facts}
			all, err := server.AllPages(func(token string) (*pb.FindPlanGapsResponse, error) {
				req.PageToken = token
				return c.FindPlanGaps(ctx, req)
			}, func(all, page *pb.FindPlanGapsResponse) {
				all.PlanGaps = append(all.PlanGaps, page.PlanGaps...)
				all.Dictionary = export.MergeDictionaries(all.Dictionary, page.Dictionary)
			})
			if err != nil {
				return answer{}, err
			}
			out := answer{
				msg: all,
				title: fmt.Sprintf("规划 vs 现状 (plan against data) in %s: %s the plan asks for that no existing fact shows (level %s)",
					scopeName(all.Scope, all.Belt), plural(int(all.TotalSize), "thing"), levelName(all.Level)),
				header: []string{"地区 region", "产业链 chain", "环节 link", "规划 the plan says", "最近已有 nearest that have it"},
			}
			for _, r := range all.PlanGaps {
				link := "整链 whole chain"
				if r.Link != nil {
					link = r.Link.Name
				}
				section, quote := planSentence(r)
				nearest := export.JoinAll(r.NearestSuppliers, export.SupplierText, "; ")
				out.rows = append(out.rows, []string{r.Region.Name, r.Chain.Name, link, "[" + section + "] " + quote, nearest})
			}
			out.tables = []export.Table{export.PlanGapsTable(all)}
			return out, nil
		}
	})
}

// planSentence is a plan gap's first planned fact's section and quote, in simplified script.
func planSentence(r *pb.PlanGap) (section, quote string) {
	var ev *pb.Evidence
	switch {
	case len(r.Planned) > 0:
		ev = r.Planned[0].Evidence
	case len(r.ChainFacts) > 0:
		ev = r.ChainFacts[0].Evidence
	}
	if ev.GetQuoteSimplified() != "" {
		return ev.GetSection(), ev.GetQuoteSimplified()
	}
	return ev.GetSection(), ev.GetQuote() + ev.GetSource()
}

func compareCommand() *cobra.Command {
	return gapsQuestion(&cobra.Command{
		Use:   "compare",
		Short: "补链 at two years (--from, --to): which gaps healed, which are new, which persist",
		Long: `compare asks 补链 twice, with the facts known by the end of --from and of --to, and lists
each region whose gap changed or persisted, with the facts that changed it.`,
		Example: `  chaingraph gaps compare --link 化工新材料 --level county --from 2013 --to 2024
  chaingraph gaps compare --chain nev --link 电池材料 --from 2018 --to 2024 --format csv`,
	}, func(fs *pflag.FlagSet, g *gapsFlags) ask {
		chain := fs.String("chain", "", "chain id or name (optional when the link is unambiguous)")
		link := fs.String("link", "", "link id or name (required)")
		scope := fs.String("scope", "", "region or belt to search in; default the province")
		level := fs.String("level", "", "county or prefecture; default one level below the scope")
		depth := fs.Int("depth", 0, "longest FEEDS path; 0 for the service default (4)")
		from := fs.Int("from", 0, "the first year: facts known by its end (required, e.g. 2013)")
		to := fs.Int("to", 0, "the second year (required, e.g. 2024)")
		return func(ctx context.Context, c pb.ChainGraphServiceClient) (answer, error) {
			if err := required("link", *link, "化工新材料"); err != nil {
				return answer{}, err
			}
			if *from == 0 || *to == 0 {
				return answer{}, usagef("--from and --to are both required: the two years to compare, e.g. --from 2013 --to 2024")
			}
			lv, err := parseLevel(*level)
			if err != nil {
				return answer{}, err
			}
			facts, err := g.facts()
			if err != nil {
				return answer{}, err
			}
			req := &pb.CompareLackingRegionsRequest{Chain: *chain, Link: *link, Scope: *scope, Level: lv, MaxDepth: int32(*depth),
				FromYear: int32(*from), ToYear: int32(*to), PageSize: pageSize, MaxPresences: 5, Facts: facts}
			all, err := server.AllPages(func(token string) (*pb.CompareLackingRegionsResponse, error) {
				req.PageToken = token
				return c.CompareLackingRegions(ctx, req)
			}, func(all, page *pb.CompareLackingRegionsResponse) {
				all.Changes = append(all.Changes, page.Changes...)
				all.Dictionary = export.MergeDictionaries(all.Dictionary, page.Dictionary)
			})
			if err != nil {
				return answer{}, err
			}
			out := answer{
				msg: all,
				title: fmt.Sprintf("补链 %s / %s (%s) in %s, %d against %d: %d healed, %d new, %d persisting (level %s)",
					all.Chain.GetName(), all.Link.GetName(), all.Link.GetId(), scopeName(all.Scope, all.Belt), all.FromYear, all.ToYear,
					all.HealedCount, all.NewCount, all.PersistingCount, levelName(all.Level)),
				header: []string{"地区 region", "变化 change", "需求 demand " + strconv.Itoa(int(all.FromYear)) + " → " + strconv.Itoa(int(all.ToYear)), "变化的事实 facts that changed"},
			}
			names := linkNames(all.Dictionary)
			for _, ch := range all.Changes {
				change := strings.ToLower(strings.TrimPrefix(ch.Change.String(), "GAP_CHANGE_"))
				before, after := idNames(ch.DemandLinkIdsBefore, names), idNames(ch.DemandLinkIdsAfter, names)
				var facts []string
				for _, p := range append(append([]*pb.Presence(nil), ch.FilledBy...), ch.NewDemand...) {
					facts = append(facts, names[p.LinkId]+" "+evidenceShort(p)+yearText(p))
				}
				for _, f := range ch.HeldBy {
					facts = append(facts, "整链 whole chain [规划 "+f.Evidence.GetSection()+"]")
				}
				out.rows = append(out.rows, []string{ch.Region.Name, change, orDash(before) + " → " + orDash(after), strings.Join(facts, "; ")})
			}
			out.tables = []export.Table{export.CompareTable(all)}
			return out, nil
		}
	})
}

func linkNames(d *pb.Dictionary) map[string]string {
	out := map[string]string{}
	for _, l := range d.GetLinks() {
		out[l.Id] = l.Name
	}
	return out
}

// idNames names link ids from the dictionary ("、" between them); an unnamed id stays an id.
func idNames(ids []string, names map[string]string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		if parts[i] = names[id]; parts[i] == "" {
			parts[i] = id
		}
	}
	return strings.Join(parts, "、")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// yearText dates a fact: its list's year, or "undated"; a statement of the plan is dated by
// its section (evidenceShort) already.
func yearText(p *pb.Presence) string {
	switch {
	case p.Year > 0:
		return " (" + strconv.Itoa(int(p.Year)) + ")"
	case p.Evidence.GetKind() == pb.EvidenceKind_EVIDENCE_KIND_PLAN:
		return ""
	}
	return " (undated)"
}
