package cli

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/encoding/protojson"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"
)

func gaps(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "lacking" {
		fmt.Fprint(stderr, "usage: chaingraph gaps lacking --link LINK [flags]  (run with -h for the flags)\n")
		return errUsage
	}
	fs := flag.NewFlagSet("gaps lacking", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", envOr("CHAINGRAPH_ADDR", "127.0.0.1:50051"), "service address (env CHAINGRAPH_ADDR)")
	chain := fs.String("chain", "", "chain id or name, e.g. nev or 新能源汽车 (optional when the link is unambiguous)")
	link := fs.String("link", "", "link id or name, e.g. nev-battery or 电池 (required)")
	scope := fs.String("scope", "", "region to search in (id, code or name); default the province")
	level := fs.String("level", "", "county or prefecture; default one level below the scope")
	depth := fs.Int("depth", 0, "longest FEEDS path from the link to a demanding link; 0 for the service default (4)")
	suppliers := fs.Int("suppliers", 0, "nearest suppliers per region; 0 for the service default (3)")
	format := fs.String("format", "table", "table, csv or json")
	timeout := fs.Duration("timeout", 30*time.Second, "deadline for the whole command")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	req := &pb.FindLackingRegionsRequest{Chain: *chain, Link: *link, Scope: *scope, MaxDepth: int32(*depth), MaxSuppliers: int32(*suppliers)}
	switch strings.ToLower(*level) {
	case "":
	case "county":
		req.Level = pb.RegionLevel_REGION_LEVEL_COUNTY
	case "prefecture":
		req.Level = pb.RegionLevel_REGION_LEVEL_PREFECTURE
	default:
		return fmt.Errorf("--level %q: want county or prefecture", *level)
	}
	if *format != "table" && *format != "csv" && *format != "json" {
		return fmt.Errorf("--format %q: want table, csv or json", *format)
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	conn, err := grpc.NewClient(*addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	client := pb.NewChainGraphServiceClient(conn)
	var all *pb.FindLackingRegionsResponse
	for {
		resp, err := client.FindLackingRegions(ctx, req)
		if err != nil {
			return err
		}
		if all == nil {
			all = resp
		} else {
			all.LackingRegions = append(all.LackingRegions, resp.LackingRegions...)
		}
		if resp.NextPageToken == "" {
			break
		}
		req.PageToken = resp.NextPageToken
	}
	all.NextPageToken = ""
	switch *format {
	case "json":
		b, err := protojson.MarshalOptions{Multiline: true, Indent: "  "}.Marshal(all)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(stdout, string(b))
		return err
	case "csv":
		return writeLackingCSV(stdout, all)
	}
	return writeLackingTable(stdout, all)
}

func demandText(d *pb.Demand) string {
	names := make([]string, len(d.Path))
	for i, l := range d.Path {
		names[i] = l.Name
	}
	return strings.Join(names, "→")
}

func supplierText(s *pb.Supplier) string {
	hops := "no border path"
	switch {
	case s.BorderHops == 1:
		hops = "1 hop"
	case s.BorderHops >= 0:
		hops = strconv.Itoa(int(s.BorderHops)) + " hops"
	}
	km := ""
	if s.DistanceKm >= 0 {
		km = fmt.Sprintf(", %.1f km", s.DistanceKm)
	}
	return fmt.Sprintf("%s (%s%s)", s.Region.Name, hops, km)
}

func joinAll[T any](xs []T, f func(T) string, sep string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = f(x)
	}
	return strings.Join(parts, sep)
}

func writeLackingCSV(w io.Writer, r *pb.FindLackingRegionsResponse) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"region_id", "region_code", "region_name", "demand_paths", "nearest_suppliers"})
	for _, row := range r.LackingRegions {
		_ = cw.Write([]string{row.Region.Id, row.Region.Code, row.Region.Name, joinAll(row.Demands, demandText, "; "), joinAll(row.NearestSuppliers, supplierText, "; ")})
	}
	cw.Flush()
	return cw.Error()
}

func writeLackingTable(w io.Writer, r *pb.FindLackingRegionsResponse) error {
	fmt.Fprintf(w, "补链 %s / %s (%s): %d regions in %s lack it (level %s, FEEDS depth ≤ %d)\n\n",
		r.Chain.Name, r.Link.Name, r.Link.Id, r.TotalSize, r.Scope.Name, strings.TrimPrefix(r.Level.String(), "REGION_LEVEL_"), r.MaxDepth)
	rows := [][]string{{"地区 region", "代码 code", "需求 demand (FEEDS path)", "最近供给 nearest suppliers"}}
	for _, row := range r.LackingRegions {
		rows = append(rows, []string{row.Region.Name, row.Region.Code, joinAll(row.Demands, demandText, "; "), joinAll(row.NearestSuppliers, supplierText, "; ")})
	}
	return writeTable(w, rows)
}

// writeTable prints rows in aligned columns, counting East Asian wide characters as two cells.
func writeTable(w io.Writer, rows [][]string) error {
	widths := map[int]int{}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		if _, err := fmt.Fprintln(w, strings.TrimRight(b.String(), " ")); err != nil {
			return err
		}
	}
	return nil
}

func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
