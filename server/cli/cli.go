// Package cli is the chaingraph command: `serve` (the gRPC service), `load` (seeds and users'
// data into Neo4j) and `gaps` (a client that asks the service gap questions and prints tables,
// CSV or JSON). main.go only calls Main.
//
// It wires flags to the packages that do the work; it holds no domain logic.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/graph/neo4jstore"
	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/loaders/synth"
	"github.com/chaingraph/chaingraph/seeds"
	"github.com/chaingraph/chaingraph/server"
)

const usage = `chaingraph: Hubei's industry chains as a graph, and the gaps in them.

Usage:
  chaingraph serve [--addr 127.0.0.1:50051] [--data DIR]... [--neo4j-uri URI]
  chaingraph load  --neo4j-uri URI [--data DIR]...
  chaingraph gaps lacking|weak|extend|profile|matrix|leads|plan|compare [flags] [--addr ADDR] [--format table|csv|json]
  chaingraph version
  chaingraph gen   --scale F --out DIR      (synthetic China-sized data for benchmarks; F=1 is full size)

Run "chaingraph COMMAND -h" for a command's flags.
`

// Main runs the command line and returns the process exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = serve(ctx, args[1:], stderr)
	case "load":
		err = load(ctx, args[1:], stdout, stderr)
	case "gaps":
		err = gaps(ctx, args[1:], stdout, stderr)
	case "gen":
		err = generate(args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, version())
		return 0
	default:
		fmt.Fprintf(stderr, "chaingraph: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintf(stderr, "chaingraph %s: %v\n", args[0], err)
	return 1
}

// errUsage means the flag package already printed what was wrong.
var errUsage = errors.New("usage")

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected arguments: %s\n", strings.Join(fs.Args(), " "))
		return errUsage
	}
	return nil
}

// dataDirs is the repeatable --data flag.
type dataDirs []string

func (d *dataDirs) String() string     { return strings.Join(*d, ",") }
func (d *dataDirs) Set(v string) error { *d = append(*d, v); return nil }

// neo4jFlags are the --neo4j-* flags, with CHAINGRAPH_NEO4J_* environment fallbacks.
type neo4jFlags struct{ uri, user, password, database string }

func (n *neo4jFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&n.uri, "neo4j-uri", os.Getenv("CHAINGRAPH_NEO4J_URI"), "Neo4j Bolt URI, e.g. bolt://127.0.0.1:7687 (env CHAINGRAPH_NEO4J_URI)")
	fs.StringVar(&n.user, "neo4j-user", os.Getenv("CHAINGRAPH_NEO4J_USER"), "Neo4j user; empty for no authentication (env CHAINGRAPH_NEO4J_USER)")
	fs.StringVar(&n.password, "neo4j-password", os.Getenv("CHAINGRAPH_NEO4J_PASSWORD"), "Neo4j password (env CHAINGRAPH_NEO4J_PASSWORD)")
	fs.StringVar(&n.database, "neo4j-database", os.Getenv("CHAINGRAPH_NEO4J_DATABASE"), "Neo4j database; empty for the server default (env CHAINGRAPH_NEO4J_DATABASE)")
}

func (n *neo4jFlags) open(ctx context.Context) (*neo4jstore.Store, error) {
	return neo4jstore.Open(ctx, neo4jstore.Config{URI: n.uri, User: n.user, Password: n.password, Database: n.database})
}

// buildDataset reads the embedded seeds (unless noSeeds) and every --data directory.
func buildDataset(dirs []string, noSeeds bool) (*graph.Dataset, error) {
	var sources []loaders.Source
	if !noSeeds {
		sources = append(sources, loaders.Source{Name: "seeds", FS: seeds.FS})
	}
	for _, d := range dirs {
		st, err := os.Stat(d)
		if err != nil {
			return nil, fmt.Errorf("--data %s: %w", d, err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("--data %s: not a directory", d)
		}
		sources = append(sources, loaders.Source{Name: filepath.Clean(d), FS: os.DirFS(d)})
	}
	return loaders.Build(sources...)
}

func newLogger(w io.Writer, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l})), nil
}

func serve(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := server.DefaultConfig()
	var dirs dataDirs
	var n4j neo4jFlags
	fs.StringVar(&cfg.Addr, "addr", envOr("CHAINGRAPH_ADDR", cfg.Addr), "listen address (env CHAINGRAPH_ADDR)")
	fs.Var(&dirs, "data", "a directory of data in the seeds' formats, added to the embedded seeds (repeatable; in-memory store only)")
	noSeeds := fs.Bool("no-seeds", false, "serve only the --data directories, without the embedded seeds (e.g. synthetic data from `chaingraph gen`)")
	fs.DurationVar(&cfg.RequestTimeout, "request-timeout", cfg.RequestTimeout, "cap on each request, streams included; 0 for no cap")
	fs.IntVar(&cfg.HeavyRequests, "heavy-requests", cfg.HeavyRequests, "profiles, matrices, weak links, extensions and leads run at once; more wait (default: the CPUs Go uses)")
	fs.DurationVar(&cfg.ShutdownGrace, "shutdown-grace", cfg.ShutdownGrace, "time in-flight requests get on shutdown")
	logLevel := fs.String("log-level", envOr("CHAINGRAPH_LOG_LEVEL", "info"), "debug, info, warn or error (env CHAINGRAPH_LOG_LEVEL)")
	n4j.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	log, err := newLogger(stderr, *logLevel)
	if err != nil {
		return err
	}
	var store graph.Reader
	if n4j.uri != "" {
		if len(dirs) > 0 {
			return errors.New("--data loads into the in-memory store; with --neo4j-uri, run `chaingraph load --data ...` first")
		}
		s, err := n4j.open(ctx)
		if err != nil {
			return err
		}
		defer s.Close(context.WithoutCancel(ctx))
		store = s
		log.Info("store", "kind", "neo4j", "uri", n4j.uri)
	} else {
		ds, err := buildDataset(dirs, *noSeeds)
		if err != nil {
			return err
		}
		s := memstore.New()
		if err := s.Replace(ctx, ds); err != nil {
			return err
		}
		store = s
		log.Info("store", "kind", "memory", "regions", len(ds.Regions), "chains", len(ds.Chains), "links", len(ds.Links), "presences", len(ds.Presences))
		// The parsed files and the dataset are garbage now; at national scale they are about
		// as big as the store, and the runtime would hand their pages back to the OS only slowly.
		ds = nil
		debug.FreeOSMemory()
	}
	return server.Run(ctx, cfg, store, log, nil)
}

func load(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var dirs dataDirs
	var n4j neo4jFlags
	fs.Var(&dirs, "data", "a directory of data in the seeds' formats, loaded with the embedded seeds (repeatable)")
	noSeeds := fs.Bool("no-seeds", false, "load only the --data directories, without the embedded seeds")
	batchSize := fs.Int("batch-size", neo4jstore.DefaultBatchSize, "rows written per transaction (1 is the naive loader, the benchmark's baseline)")
	workers := fs.Int("workers", neo4jstore.DefaultWorkers, "write transactions at once (the naive loader always uses one)")
	n4j.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *batchSize < 1 {
		return fmt.Errorf("--batch-size must be at least 1, got %d", *batchSize)
	}
	if *workers < 1 {
		return fmt.Errorf("--workers must be at least 1, got %d", *workers)
	}
	if n4j.uri == "" {
		return errors.New("--neo4j-uri (or CHAINGRAPH_NEO4J_URI) is required: load writes to Neo4j")
	}
	ds, err := buildDataset(dirs, *noSeeds)
	if err != nil {
		return err
	}
	s, err := n4j.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close(context.WithoutCancel(ctx))
	bar := newProgressBar(stderr)
	start := time.Now()
	err = s.Load(ctx, ds, neo4jstore.LoadOptions{BatchSize: *batchSize, Workers: *workers, Progress: bar.update})
	bar.finish()
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	fmt.Fprintf(stdout, "loaded in %.1fs (%.0f rows/s, %d rows per transaction): ", elapsed.Seconds(), float64(bar.rows)/elapsed.Seconds(), *batchSize)
	fmt.Fprintf(stdout, "%d regions, %d borders, %d chains, %d links, %d FEEDS edges, %d presences into %s\n",
		len(ds.Regions), len(ds.Borders), len(ds.Chains), len(ds.Links), len(ds.Feeds), len(ds.Presences), n4j.uri)
	return nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func generate(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	scale := fs.Float64("scale", 0.01, "size as a share of the full China-sized dataset (2,850 counties, 1,000,000 enterprises): 0.01, 0.1, 1")
	out := fs.String("out", "", "directory to write the CSV files into (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("--out DIR is required")
	}
	sz, err := synth.Write(*out, *scale)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d counties in %d prefectures, %d chains of %d links, %d clusters, %d enterprises to %s\n",
		sz.Counties, sz.Prefectures, synth.Chains, synth.LinksPerChain, sz.Clusters, sz.Enterprises, *out)
	fmt.Fprintf(stdout, "serve them alone: chaingraph serve --no-seeds --data %s\n", *out)
	return nil
}

// version is the binary's module version and the commit it was built from, as Go records them.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "chaingraph (no build information)"
	}
	v := "chaingraph " + info.Main.Version
	var rev, at, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = ", with uncommitted changes"
			}
		}
	}
	if rev != "" {
		v += " (commit " + rev[:min(12, len(rev))] + ", " + at + dirty + ")"
	}
	return v + ", " + info.GoVersion
}
