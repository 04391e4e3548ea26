package cli

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing/fstest"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/memstore"
	"github.com/chaingraph/chaingraph/graph/neo4jstore"
	"github.com/chaingraph/chaingraph/loaders"
	"github.com/chaingraph/chaingraph/loaders/synth"
	"github.com/chaingraph/chaingraph/seeds"
	"github.com/chaingraph/chaingraph/server"
)

// neo4jFlags are the --neo4j-* flags, with CHAINGRAPH_NEO4J_* environment fallbacks.
type neo4jFlags struct{ uri, user, passwordFile, database string }

func (n *neo4jFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&n.uri, "neo4j-uri", os.Getenv("CHAINGRAPH_NEO4J_URI"), "Neo4j Bolt URI, e.g. bolt://127.0.0.1:7687 (env CHAINGRAPH_NEO4J_URI)")
	fs.StringVar(&n.user, "neo4j-user", os.Getenv("CHAINGRAPH_NEO4J_USER"), "Neo4j user; empty for no authentication (env CHAINGRAPH_NEO4J_USER)")
	fs.StringVar(&n.passwordFile, "neo4j-password-file", os.Getenv("CHAINGRAPH_NEO4J_PASSWORD_FILE"), "file holding the Neo4j password (env CHAINGRAPH_NEO4J_PASSWORD_FILE, or the password itself in CHAINGRAPH_NEO4J_PASSWORD); never on the command line, where ps shows it")
	fs.StringVar(&n.database, "neo4j-database", os.Getenv("CHAINGRAPH_NEO4J_DATABASE"), "Neo4j database; empty for the server default (env CHAINGRAPH_NEO4J_DATABASE)")
}

func (n *neo4jFlags) open(ctx context.Context) (*neo4jstore.Store, error) {
	password := os.Getenv("CHAINGRAPH_NEO4J_PASSWORD")
	if n.passwordFile != "" {
		b, err := os.ReadFile(n.passwordFile)
		if err != nil {
			return nil, usagef("--neo4j-password-file: %v", err)
		}
		password = strings.TrimRight(string(b), "\r\n")
	}
	return neo4jstore.Open(ctx, neo4jstore.Config{URI: n.uri, User: n.user, Password: password, Database: n.database})
}

// seedFlags say how much of the embedded seeds a command reads.
type seedFlags struct {
	noSeeds     bool   // only Hubei's geography (unless noGeography) and the --data directories
	noGeography bool   // with noSeeds: not even the geography
	encoding    string // of the --data directories' CSV files: "" detects, or utf-8, gb18030
	strength    string // the enterprise lists' column that is each firm's strength
}

func (sf *seedFlags) register(fs *pflag.FlagSet, verb string) {
	fs.BoolVar(&sf.noSeeds, "no-seeds", false, verb+" the --data directories without the seeds' chains, clusters, belts and targets; Hubei's regions, borders and aliases stay, so your data can name them (see --no-geography)")
	fs.StringVar(&sf.encoding, "encoding", "", "the --data CSV files' encoding: utf-8 or gb18030 (GBK, as Excel on Chinese Windows saves CSV); default detects each file (a manifest.csv row can name one per file)")
	fs.StringVar(&sf.strength, "strength", "", "the enterprise lists' column whose number is each firm's strength, e.g. 注册资本, 从业人数 or 营业收入; default 1 per firm")
	fs.BoolVar(&sf.noGeography, "no-geography", false, "with --no-seeds, leave out Hubei's regions too: for data that brings its own (e.g. the synthetic country of `chaingraph gen`)")
}

// geographyFiles are the seeds a --no-seeds run keeps: Hubei's regions, borders, centroids and
// other names (and the plan, which one alias quotes).
var geographyFiles = []string{"hubei/prefectures.csv", "hubei/divisions.csv", "hubei/centroids.csv", "hubei/adjacency.csv", "places/aliases.csv", "plan/" + loaders.PlanFile}

// geography is the part of the seeds geographyFiles names, as a file system of its own.
func geography() (fs.FS, error) {
	m := fstest.MapFS{}
	for _, p := range geographyFiles {
		b, err := fs.ReadFile(seeds.FS, p)
		if err != nil {
			return nil, fmt.Errorf("seeds: %w", err)
		}
		m[p] = &fstest.MapFile{Data: b, Mode: 0o444}
	}
	return m, nil
}

// dataSources are the embedded seeds (or only their geography, or nothing: seedFlags) and every
// --data directory.
func dataSources(dirs []string, sf seedFlags) ([]loaders.Source, error) {
	encoding := strings.ToLower(sf.encoding)
	switch encoding {
	case loaders.EncodingAuto, loaders.EncodingUTF8, loaders.EncodingGB18030:
	case "utf8":
		encoding = loaders.EncodingUTF8
	case "gbk", "gb2312", "cp936":
		encoding = loaders.EncodingGB18030 // GB18030 contains them
	default:
		return nil, usagef("--encoding %q: want %s or %s, or leave it out to detect", sf.encoding, loaders.EncodingUTF8, loaders.EncodingGB18030)
	}
	var sources []loaders.Source
	switch {
	case !sf.noSeeds:
		sources = append(sources, loaders.Source{Name: "seeds", FS: seeds.FS})
	case !sf.noGeography:
		g, err := geography()
		if err != nil {
			return nil, err
		}
		sources = append(sources, loaders.Source{Name: "seeds", FS: g})
	}
	for _, d := range dirs {
		st, err := os.Stat(d)
		if err != nil {
			return nil, fmt.Errorf("--data %s: %w", d, err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("--data %s: not a directory", d)
		}
		sources = append(sources, loaders.Source{Name: filepath.Clean(d), FS: os.DirFS(d), Encoding: encoding, StrengthColumn: sf.strength})
	}
	return sources, nil
}

// reportLimit is how many problems of one kind are printed before "and N more like it".
const reportLimit = 20

// buildDataset reads the sources into one dataset; warnings and notices (ignored files, merged
// duplicates, FEEDS cycles in users' data) go to w, bounded.
func buildDataset(dirs []string, sf seedFlags, w io.Writer) (*graph.Dataset, error) {
	sources, err := dataSources(dirs, sf)
	if err != nil {
		return nil, err
	}
	ds, report, err := loaders.BuildReport(sources...)
	if text := report.Text(reportLimit); text != "" && w != nil {
		fmt.Fprint(w, text)
	}
	return ds, err
}

func newLogger(w io.Writer, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, usagef("--log-level %q: want debug, info, warn or error", level)
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l})), nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func serveCommand() *cobra.Command {
	cfg := server.DefaultConfig()
	var dirs []string
	var n4j neo4jFlags
	var sf seedFlags
	var logLevel string
	cmd := &cobra.Command{
		Use:        "serve",
		Short:      "Run the service: gRPC, and the page, JSON and /metrics over HTTP",
		SuggestFor: []string{"server", "start", "run"},
		Long: `serve answers gap questions over gRPC (--addr) and serves the browser page, JSON over HTTP,
/metrics and /healthz on --http-addr. With no --neo4j-uri it holds the embedded seeds (and any
--data directories) in memory, so it works on a fresh machine with Go alone.`,
		Example: `  chaingraph serve                                     # 127.0.0.1:50051 and http://127.0.0.1:8080/
  chaingraph serve --data ./我的企业名录                  # the seeds plus your own CSV files
  chaingraph serve --neo4j-uri bolt://127.0.0.1:7687   # after chaingraph load
  chaingraph serve --addr 0.0.0.0:50051 --http-addr ""  # gRPC for the whole network, no HTTP
  chaingraph serve --pprof                             # profiles under http://127.0.0.1:8080/debug/pprof/`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := cfg.Validate(); err != nil {
				return &usageError{msg: err.Error()}
			}
			log, err := newLogger(cmd.ErrOrStderr(), logLevel)
			if err != nil {
				return err
			}
			cfg.HTTPReady = func(a net.Addr) {
				url := pageURL(a)
				if cfg.TLSCert != "" {
					url = "https" + strings.TrimPrefix(url, "http")
				}
				log.Info("打开 "+url+" in a browser", "url", url)
			}
			return serve(cmd.Context(), cfg, dirs, sf, n4j, log)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&cfg.Addr, "addr", envOr("CHAINGRAPH_ADDR", cfg.Addr), "gRPC listen address (env CHAINGRAPH_ADDR)")
	httpAddr := cfg.HTTPAddr
	if v, ok := os.LookupEnv("CHAINGRAPH_HTTP_ADDR"); ok { // set but empty disables HTTP, as --http-addr "" does
		httpAddr = v
	}
	fs.StringVar(&cfg.HTTPAddr, "http-addr", httpAddr, `HTTP listen address for the page, JSON, /metrics and /healthz; "" for no HTTP (env CHAINGRAPH_HTTP_ADDR)`)
	fs.BoolVar(&cfg.Pprof, "pprof", false, "serve Go's profiles under /debug/pprof/ on the HTTP listener")
	fs.StringArrayVar(&dirs, "data", nil, "a directory of data in the seeds' formats, added to the embedded seeds (repeatable; in-memory store only)")
	sf.register(fs, "serve")
	fs.DurationVar(&cfg.RequestTimeout, "request-timeout", cfg.RequestTimeout, "cap on each request, streams included; 0 for no cap")
	fs.IntVar(&cfg.HeavyRequests, "heavy-requests", cfg.HeavyRequests, "profiles, matrices, weak links, extensions and leads run at once; more wait (default: the CPUs Go uses)")
	fs.DurationVar(&cfg.ShutdownGrace, "shutdown-grace", cfg.ShutdownGrace, "time in-flight requests get on shutdown")
	fs.StringVar(&logLevel, "log-level", envOr("CHAINGRAPH_LOG_LEVEL", "info"), "debug, info, warn or error (env CHAINGRAPH_LOG_LEVEL)")
	fs.StringVar(&cfg.TLSCert, "tls-cert", os.Getenv("CHAINGRAPH_TLS_CERT"), "PEM certificate: serve gRPC and HTTP over TLS, with --tls-key (env CHAINGRAPH_TLS_CERT; chaingraph dev-cert makes a trial pair)")
	fs.StringVar(&cfg.TLSKey, "tls-key", os.Getenv("CHAINGRAPH_TLS_KEY"), "PEM private key of --tls-cert (env CHAINGRAPH_TLS_KEY)")
	fs.StringVar(&cfg.TLSClientCA, "tls-client-ca", os.Getenv("CHAINGRAPH_TLS_CLIENT_CA"), "PEM CA: require client certificates it signed (mutual TLS; env CHAINGRAPH_TLS_CLIENT_CA)")
	fs.BoolVar(&cfg.Insecure, "insecure", false, "allow plaintext on a non-loopback --addr or --http-addr")
	fs.StringVar(&cfg.AuthTokens, "auth-tokens", os.Getenv("CHAINGRAPH_AUTH_TOKENS"), `file of bearer tokens, one "TOKEN ROLE" a line (reader or admin), re-read on SIGHUP; empty for no auth (env CHAINGRAPH_AUTH_TOKENS)`)
	fs.IntVar(&cfg.MaxConnections, "max-connections", cfg.MaxConnections, "open connections on each listener; more wait to be accepted (0 for no cap)")
	fs.Uint32Var(&cfg.MaxConcurrentStreams, "max-streams", cfg.MaxConcurrentStreams, "concurrent calls on one gRPC connection")
	fs.DurationVar(&cfg.KeepaliveMinTime, "keepalive-min-time", cfg.KeepaliveMinTime, "shortest keepalive ping interval a client may use; faster pingers are cut off")
	fs.DurationVar(&cfg.IdleTimeout, "idle-timeout", cfg.IdleTimeout, "close a connection idle this long (gRPC and HTTP)")
	n4j.register(fs)
	return cmd
}

func devCertCommand() *cobra.Command {
	var out string
	var hosts []string
	cmd := &cobra.Command{
		Use:   "dev-cert",
		Short: "Write a development CA, server and client certificate for trying TLS",
		Long: `dev-cert writes ca.pem, server.pem, server-key.pem, client.pem and client-key.pem into --out,
valid for a year. For trials only: a bureau's service should use its own CA's certificates.`,
		Example: `  chaingraph dev-cert --out ./tls
  chaingraph serve --tls-cert tls/server.pem --tls-key tls/server-key.pem
  chaingraph chains --tls-ca tls/ca.pem`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return usagef("--out DIR is required")
			}
			if err := server.WriteDevCert(out, hosts); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s/{ca,server,server-key,client,client-key}.pem for %s\n", out, strings.Join(hosts, ", "))
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "directory to write the PEM files into (required)")
	cmd.Flags().StringSliceVar(&hosts, "host", []string{"localhost", "127.0.0.1", "::1"}, "names and IPs the server certificate is valid for")
	return cmd
}

// pageURL is the address a browser opens for a listener: a wildcard host (0.0.0.0, ::) is
// reachable as 127.0.0.1 from the machine itself.
func pageURL(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return "http://" + a.String() + "/"
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

func serve(ctx context.Context, cfg server.Config, dirs []string, sf seedFlags, n4j neo4jFlags, log *slog.Logger) error {
	var store graph.Reader
	if n4j.uri != "" {
		if len(dirs) > 0 {
			return usagef("--data loads into the in-memory store; with --neo4j-uri, run `chaingraph load --data ...` first")
		}
		s, err := n4j.open(ctx)
		if err != nil {
			return err
		}
		defer s.Close(context.WithoutCancel(ctx))
		store = s
		log.Info("store", "kind", "neo4j", "uri", neo4jstore.RedactURI(n4j.uri))
	} else {
		ds, err := buildDataset(dirs, sf, os.Stderr)
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

func loadCommand() *cobra.Command {
	var dirs []string
	var n4j neo4jFlags
	var sf seedFlags
	var batchSize, workers int
	cmd := &cobra.Command{
		Use:        "load",
		Short:      "Load the seeds and your data into Neo4j, all or nothing",
		SuggestFor: []string{"import"},
		Long: `load checks every file first (the seeds and each --data directory) and reports every mistake
with its file and line; only data without mistakes is written, replacing what Neo4j held.`,
		Example: `  chaingraph load --neo4j-uri bolt://127.0.0.1:7687
  chaingraph load --neo4j-uri bolt://127.0.0.1:7687 --data ./我的企业名录
  CHAINGRAPH_NEO4J_URI=bolt://127.0.0.1:7687 chaingraph load --no-seeds --no-geography --data /tmp/synth`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if batchSize < 1 {
				return usagef("--batch-size must be at least 1, got %d", batchSize)
			}
			if workers < 1 {
				return usagef("--workers must be at least 1, got %d", workers)
			}
			if n4j.uri == "" {
				return usagef("--neo4j-uri (or CHAINGRAPH_NEO4J_URI) is required: load writes to Neo4j")
			}
			return load(cmd.Context(), dirs, sf, batchSize, workers, n4j, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	fs := cmd.Flags()
	fs.StringArrayVar(&dirs, "data", nil, "a directory of data in the seeds' formats, loaded with the embedded seeds (repeatable)")
	sf.register(fs, "load")
	fs.IntVar(&batchSize, "batch-size", neo4jstore.DefaultBatchSize, "rows written per transaction (1 is the naive loader, the benchmark's baseline)")
	fs.IntVar(&workers, "workers", neo4jstore.DefaultWorkers, "write transactions at once (the naive loader always uses one)")
	n4j.register(fs)
	return cmd
}

func load(ctx context.Context, dirs []string, sf seedFlags, batchSize, workers int, n4j neo4jFlags, stdout, stderr io.Writer) error {
	ds, err := buildDataset(dirs, sf, stderr)
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
	err = s.Load(ctx, ds, neo4jstore.LoadOptions{BatchSize: batchSize, Workers: workers, Progress: bar.update})
	bar.finish()
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	fmt.Fprintf(stdout, "loaded in %.1fs (%.0f rows/s, %d rows per transaction): ", elapsed.Seconds(), float64(bar.rows)/elapsed.Seconds(), batchSize)
	fmt.Fprintf(stdout, "%d regions, %d borders, %d chains, %d links, %d FEEDS edges, %d presences into %s\n",
		len(ds.Regions), len(ds.Borders), len(ds.Chains), len(ds.Links), len(ds.Feeds), len(ds.Presences), neo4jstore.RedactURI(n4j.uri))
	return nil
}

func genCommand() *cobra.Command {
	var scale float64
	var out string
	cmd := &cobra.Command{
		Use:   "gen",
		Short: "Write synthetic China-sized data for benchmarks",
		Long: `gen writes deterministic synthetic data in the seeds' formats: scale 1 is 2,850 counties and
1,000,000 enterprises. Its codes (9xxxxx) and ids (syn-…) never collide with the seeds.`,
		Example: `  chaingraph gen --scale 0.01 --out /tmp/synth
  chaingraph serve --no-seeds --no-geography --data /tmp/synth`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return usagef("--out DIR is required")
			}
			if scale <= 0 || scale > 1 {
				return usagef("--scale %g: want above 0 and at most 1 (0.01, 0.1 or 1)", scale)
			}
			sz, err := synth.Write(out, scale)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "wrote %d counties in %d prefectures, %d chains of %d links, %d clusters, %d enterprises to %s\n",
				sz.Counties, sz.Prefectures, synth.Chains, synth.LinksPerChain, sz.Clusters, sz.Enterprises, out)
			fmt.Fprintf(w, "serve them alone: chaingraph serve --no-seeds --no-geography --data %s\n", out)
			return nil
		},
	}
	cmd.Flags().Float64Var(&scale, "scale", 0.01, "size as a share of the full China-sized dataset (2,850 counties, 1,000,000 enterprises): 0.01, 0.1, 1")
	cmd.Flags().StringVar(&out, "out", "", "directory to write the CSV files into (required)")
	return cmd
}
