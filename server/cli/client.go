package cli

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"
	"github.com/chaingraph/chaingraph/server"
	"github.com/chaingraph/chaingraph/server/export"
)

// clientFlags are the flags of every command that asks the service.
type clientFlags struct {
	addr    string
	timeout time.Duration
	format  string
	output  string
	tlsCA   string    // --tls-ca: dial with TLS, trusting this CA
	useTLS  bool      // --tls: dial with TLS, trusting the system's CAs
	token   string    // --token or CHAINGRAPH_TOKEN: sent as "authorization: Bearer …"
	formats []string  // the --format values this command writes
	stderr  io.Writer // for notes beside the answer
}

func (c *clientFlags) register(cmd *cobra.Command, formats ...string) {
	c.formats = formats
	fs := cmd.Flags()
	fs.StringVar(&c.addr, "addr", envOr("CHAINGRAPH_ADDR", "127.0.0.1:50051"), "service address (env CHAINGRAPH_ADDR)")
	fs.DurationVar(&c.timeout, "timeout", 30*time.Second, "deadline for the whole command, e.g. 2m")
	fs.StringVar(&c.format, "format", "table", strings.Join(formats, ", ")+"; with -o and no --format, the file's extension chooses")
	fs.StringVarP(&c.output, "output", "o", "", "write to this file instead of standard output")
	fs.StringVar(&c.tlsCA, "tls-ca", os.Getenv("CHAINGRAPH_TLS_CA"), "PEM CA that signed the service's certificate: dial with TLS (env CHAINGRAPH_TLS_CA)")
	fs.BoolVar(&c.useTLS, "tls", false, "dial with TLS, trusting the system's CAs")
	fs.StringVar(&c.token, "token", "", "bearer token for a service with --auth-tokens (better: env CHAINGRAPH_TOKEN, which ps does not show)")
}

// dialOptions are the transport and token --tls-ca, --tls and --token ask for.
func (c *clientFlags) dialOptions() ([]grpc.DialOption, error) {
	creds := insecure.NewCredentials()
	if c.tlsCA != "" || c.useTLS {
		tc := &tls.Config{MinVersion: tls.VersionTLS12}
		if c.tlsCA != "" {
			pool, err := server.LoadCertPool(c.tlsCA)
			if err != nil {
				return nil, usagef("--tls-ca: %v", err)
			}
			tc.RootCAs = pool
		}
		creds = credentials.NewTLS(tc)
	}
	opts := []grpc.DialOption{grpc.WithTransportCredentials(creds)}
	token := c.token
	if token == "" {
		token = os.Getenv("CHAINGRAPH_TOKEN")
	}
	if token != "" {
		opts = append(opts, grpc.WithPerRPCCredentials(bearerToken(token)))
	}
	return opts, nil
}

// bearerToken sends "authorization: Bearer TOKEN" with every call. It allows plaintext, which
// the server only serves on loopback unless told --insecure.
type bearerToken string

func (t bearerToken) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + string(t)}, nil
}

func (bearerToken) RequireTransportSecurity() bool { return false }

// resolveFormat checks --format and -o before anything is asked: an unknown format, or a
// binary one bound for a terminal, is a usage error.
func (c *clientFlags) resolveFormat(cmd *cobra.Command) error {
	if !cmd.Flags().Changed("format") && c.output != "" {
		if ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(c.output)), "."); slices.Contains(c.formats, ext) {
			c.format = ext
		}
	}
	c.format = strings.ToLower(c.format)
	if !slices.Contains(c.formats, c.format) {
		return usagef("--format %q: want %s", c.format, strings.Join(c.formats, ", "))
	}
	if binaryFormat(c.format) && c.output == "" && isTerminal(cmd.OutOrStdout()) {
		return usagef("--format %s is a binary file and would garble the terminal: write it with -o FILE, e.g. -o answer.%s", c.format, c.format)
	}
	return nil
}

// fileFormats are the --format values of every command; lacking and links add graphml,
// lacking and regions geojson.
var fileFormats = []string{"table", "csv", "json", "xlsx"}

func binaryFormat(f string) bool { return f == "xlsx" }

// answer is what a command prints: the whole response for JSON, a title and rows for the
// terminal's table, export's tables for CSV and Excel, and a graph for GraphML.
type answer struct {
	msg       proto.Message   // --format json: the whole answer
	jsonLines []proto.Message // … or, when msg is nil, these one per line (a stream's messages)
	title     string
	header    []string // the terminal table's header
	rows      [][]string
	tables    []export.Table          // --format csv (the first) and xlsx (a sheet each)
	graphml   func(w io.Writer) error // --format graphml, where the command has it
	geojson   func(w io.Writer) error // --format geojson, where the command has it
}

// pageSize is how many rows each page of a paged answer asks for (the service's largest page);
// every command asks for all the pages. A variable so tests can page through small pages.
var pageSize int32 = 500

// ask is a command's question: it asks the service and returns what to print.
type ask func(ctx context.Context, c pb.ChainGraphServiceClient) (answer, error)

// run asks the question and writes the answer in the chosen format, to -o or standard output.
func (c *clientFlags) run(cmd *cobra.Command, question ask) error {
	if err := c.resolveFormat(cmd); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(cmd.Context(), c.timeout)
	defer cancel()
	opts, err := c.dialOptions()
	if err != nil {
		return err
	}
	conn, err := grpc.NewClient(c.addr, opts...)
	if err != nil {
		return usagef("--addr %q: %v", c.addr, err)
	}
	defer conn.Close()
	start := time.Now()
	ans, err := question(ctx, pb.NewChainGraphServiceClient(conn))
	if err != nil {
		return explain(err, call{addr: c.addr, timeout: c.timeout, elapsed: time.Since(start), flags: cmd.Flags()})
	}
	out := cmd.OutOrStdout()
	c.stderr = cmd.ErrOrStderr()
	width := terminalWidth(out)
	if c.output != "" {
		width = 0 // a file keeps whole lines
	}
	// Written whole to memory first, so a failure leaves no half-written file.
	var buf bytes.Buffer
	if err := c.write(&buf, ans, width); err != nil {
		return err
	}
	if c.output == "" {
		_, err := out.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(c.output, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (%s, %d rows)\n", c.output, c.format, len(ans.rows))
	return nil
}

func (c *clientFlags) write(w io.Writer, ans answer, width int) error {
	switch c.format {
	case "json":
		if ans.msg == nil {
			for _, m := range ans.jsonLines {
				b, err := protojson.Marshal(m)
				if err != nil {
					return err
				}
				fmt.Fprintln(w, string(b))
			}
			return nil
		}
		b, err := protojson.MarshalOptions{Multiline: true, Indent: "  "}.Marshal(ans.msg)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(w, string(b))
		return err
	case "csv":
		if len(ans.tables) > 1 {
			names := make([]string, len(ans.tables)-1)
			for i, t := range ans.tables[1:] {
				names[i] = t.Name
			}
			fmt.Fprintf(c.stderr, "CSV holds one table, %s; -o FILE.xlsx has all %d (also %s)\n", ans.tables[0].Name, len(ans.tables), strings.Join(names, ", "))
		}
		return export.WriteCSV(w, ans.tables[0])
	case "xlsx":
		return export.WriteXLSX(w, ans.tables...)
	case "graphml":
		return ans.graphml(w)
	case "geojson":
		return ans.geojson(w)
	}
	return writeTable(w, ans.title, ans.header, ans.rows, width)
}
