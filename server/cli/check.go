package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/chaingraph/chaingraph/loaders"
)

func checkCommand() *cobra.Command {
	var dirs []string
	var sf seedFlags
	var limit int
	var firms bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check data directories without serving or loading them",
		Long: `check reads the embedded seeds and every --data directory as serve and load would, and
reports what it found: errors (nothing would load), then warnings (loaded, but look: a merged
duplicate, a FEEDS cycle in your data), then notices (files it ignored, a title row skipped).
Each kind lists its first --limit problems, root causes first, and counts the rest. Nothing is
served or written. Exit 0 when the data would load, 1 when it would not.`,
		Example: `  chaingraph check --data ./企业名录
  chaingraph check --no-seeds --no-geography --data /tmp/synth --limit 5`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if limit < 1 {
				return usagef("--limit %d: want 1 or more", limit)
			}
			sources, err := dataSources(dirs, sf)
			if err != nil {
				return err
			}
			ds, report, err := loaders.BuildReport(sources...)
			out := cmd.OutOrStdout()
			var problems loaders.Errors
			if errors.As(err, &problems) {
				fmt.Fprintf(out, "%d error(s): nothing would load\n  ", len(problems))
				for i, line := range problems.Lines(limit) {
					if i > 0 {
						fmt.Fprint(out, "\n  ")
					}
					fmt.Fprint(out, line)
				}
				fmt.Fprintln(out)
			} else if err != nil {
				return err
			}
			fmt.Fprint(out, report.Text(limit))
			if err != nil {
				return errors.New("the data would not load; fix the errors above")
			}
			unlinked := 0
			for _, e := range report.Enterprises {
				if len(e.LinkIDs) == 0 {
					unlinked++
				}
			}
			if firms {
				writeFirms(out, report.Enterprises)
			}
			fmt.Fprintf(out, "would load: %d regions, %d chains, %d links, %d FEEDS edges, %d presences, %d chain facts; %d enterprises read, %d of them attached to no link\n",
				len(ds.Regions), len(ds.Chains), len(ds.Links), len(ds.Feeds), len(ds.Presences), len(ds.ChainFacts), len(report.Enterprises), unlinked)
			return nil
		},
	}
	cmd.Flags().SortFlags = false
	cmd.Flags().StringArrayVar(&dirs, "data", nil, "a directory of data (repeatable): CSV or .xlsx in the seeds' formats, Chinese headers welcome")
	sf.register(cmd.Flags(), "check")
	cmd.Flags().IntVar(&limit, "limit", reportLimit, "problems listed per kind before the rest are counted")
	cmd.Flags().BoolVar(&firms, "firms", false, "list every firm of the enterprise lists: where it was placed and which links it was attached to, how and how surely")
	return cmd
}

// writeFirms lists each firm with how it was placed and attached (挂链), one line each.
func writeFirms(w io.Writer, firms []loaders.Enterprise) {
	fmt.Fprintf(w, "%d firm(s):\n", len(firms))
	for _, f := range firms {
		where := strings.TrimPrefix(f.CountyID, "cn-") + " by " + f.Placed.Method
		if f.Placed.Detail != "" {
			where += " (" + f.Placed.Detail + ")"
		}
		var links []string
		if len(f.Attached) == 0 {
			links = f.LinkIDs // named by the list itself
		}
		for _, a := range f.Attached {
			links = append(links, fmt.Sprintf("%s by %s, %s [%s]", a.LinkID, a.Method, a.Confidence, strings.Join(a.Matched, "; ")))
		}
		if len(links) == 0 {
			links = []string{"no link"}
		}
		fmt.Fprintf(w, "  %s (%s): at %s; %s\n", f.Name, f.Origin, where, strings.Join(links, " | "))
	}
}
