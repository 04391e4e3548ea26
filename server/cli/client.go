package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"
)

// clientFlags are the flags of every command that asks the service.
type clientFlags struct {
	addr    string
	timeout time.Duration
	format  string
	output  string
	formats []string // the --format values this command writes
}

func (c *clientFlags) register(cmd *cobra.Command, formats ...string) {
	c.formats = formats
	fs := cmd.Flags()
	fs.StringVar(&c.addr, "addr", envOr("CHAINGRAPH_ADDR", "127.0.0.1:50051"), "service address (env CHAINGRAPH_ADDR)")
	fs.DurationVar(&c.timeout, "timeout", 30*time.Second, "deadline for the whole command, e.g. 2m")
	fs.StringVar(&c.format, "format", "table", strings.Join(formats, ", ")+"; with -o and no --format, the file's extension chooses")
	fs.StringVarP(&c.output, "output", "o", "", "write to this file instead of standard output")
}

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

func binaryFormat(f string) bool { return f == "xlsx" }

// answer is what a command prints: the whole response for JSON, a title and rows for tables
// and CSV.
type answer struct {
	msg       proto.Message   // --format json: the whole answer
	jsonLines []proto.Message // … or, when msg is nil, these one per line (a stream's messages)
	title     string
	header    []string // the table's header
	csvHeader []string // CSV's header (ASCII names a script can use); header when empty
	rows      [][]string
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
	conn, err := grpc.NewClient(c.addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
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
		// A byte-order mark: Excel on Chinese Windows reads a CSV without one as GBK.
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return err
		}
		header := ans.csvHeader
		if len(header) == 0 {
			header = ans.header
		}
		cw := csv.NewWriter(w)
		_ = cw.WriteAll(append([][]string{header}, ans.rows...))
		return cw.Error()
	}
	return writeTable(w, ans.title, ans.header, ans.rows, width)
}
