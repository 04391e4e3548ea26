package cli

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// requestFlags maps a request field, as the service names it in errors, to the flag that sets
// it.
var requestFlags = map[string]string{
	"chain":               "chain",
	"link":                "link",
	"scope":               "scope",
	"level":               "level",
	"region":              "region",
	"parent":              "parent",
	"view":                "view",
	"max_depth":           "depth",
	"max_suppliers":       "suppliers",
	"min_holders":         "k",
	"from_year":           "from",
	"to_year":             "to",
	"facts.picture":       "picture",
	"facts.evidence_kind": "evidence",
	"facts.programme":     "programme",
	"facts.as_of":         "as-of",
	"facts.certain_only":  "certain",
}

// call is what explain needs to know about the request that failed.
type call struct {
	addr    string
	timeout time.Duration // the client's deadline
	elapsed time.Duration // how long the call took before it failed
	flags   *pflag.FlagSet
}

// explain turns a gRPC status into a sentence that says what happened and what to do; no
// "rpc error: code = …" reaches the user. Errors that are not statuses pass through.
func explain(err error, c call) error {
	st, ok := status.FromError(err)
	if !ok || st.Code() == codes.OK {
		return err
	}
	msg := st.Message()
	switch st.Code() {
	case codes.Unavailable:
		if notGRPC(msg) { // before transportFailure: grpc-go reports these as connection errors too
			return fmt.Errorf("something answers at %s, but not a chaingraph gRPC server (is it the HTTP port? serve's --addr, default 127.0.0.1:50051, is the one to use)", c.addr)
		}
		if transportFailure(msg) {
			return fmt.Errorf("no chaingraph server at %s — start one with `chaingraph serve` (or set --addr / CHAINGRAPH_ADDR)", c.addr)
		}
		return fmt.Errorf("the service at %s is unavailable: %s", c.addr, msg)
	case codes.NotFound:
		// The service's message names what was not found and suggests close matches.
		return errors.New(msg + c.flagHint(notFoundField(st)))
	case codes.InvalidArgument:
		return invalidArgument(st, c)
	case codes.DeadlineExceeded:
		if c.timeout > 0 && c.elapsed < c.timeout*9/10 {
			return fmt.Errorf("the service at %s gave up after %s: it caps each request (serve --request-timeout); narrow the question (--scope, --level) or raise that cap", c.addr, c.elapsed.Round(100*time.Millisecond))
		}
		return fmt.Errorf("no answer within %s — raise --timeout", c.timeout)
	case codes.Canceled:
		return errors.New("interrupted before the service answered")
	case codes.ResourceExhausted:
		return fmt.Errorf("the service at %s is too busy to answer (%s); try again in a moment", c.addr, msg)
	case codes.Unimplemented:
		return fmt.Errorf("the service at %s does not answer this question (%s); it may be an older chaingraph", c.addr, msg)
	case codes.Internal:
		return fmt.Errorf("the service at %s failed (%s); its log says why", c.addr, msg)
	case codes.Unknown:
		if notGRPC(msg) {
			return fmt.Errorf("something answers at %s, but not a chaingraph gRPC server (is it the HTTP port? serve's --addr, default 127.0.0.1:50051, is the one to use)", c.addr)
		}
	}
	return fmt.Errorf("the service at %s answered %s: %s", c.addr, codeWords(st.Code()), msg)
}

// transportFailure says whether an UNAVAILABLE status is the client's failure to reach the
// address (grpc-go reports those as "connection error: …"), not the service's own answer.
func transportFailure(msg string) bool {
	for _, s := range []string{"connection error", "while dialing", "connection refused", "no such host", "produced zero addresses"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// notGRPC says whether the peer spoke something other than gRPC (HTTP/1, TLS, …).
func notGRPC(msg string) bool {
	for _, s := range []string{"looked like an HTTP/1.1 header", "malformed header", "unexpected HTTP status", "content-type"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// notFoundField is the request field a NOT_FOUND status names in its ResourceInfo.
func notFoundField(st *status.Status) string {
	for _, d := range st.Details() {
		if info, ok := d.(*errdetails.ResourceInfo); ok {
			return strings.TrimPrefix(info.GetDescription(), "request field ")
		}
	}
	return ""
}

// invalidArgument lists each field the service refused, with the flag that sets it.
func invalidArgument(st *status.Status, c call) error {
	var lines []string
	for _, d := range st.Details() {
		br, ok := d.(*errdetails.BadRequest)
		if !ok {
			continue
		}
		for _, v := range br.GetFieldViolations() {
			line := v.GetDescription()
			if v.GetField() != "" {
				line = v.GetField() + ": " + line
			}
			lines = append(lines, line+c.flagHint(v.GetField()))
		}
	}
	switch len(lines) {
	case 0:
		return errors.New(st.Message())
	case 1:
		return errors.New("invalid request: " + lines[0])
	}
	return errors.New("invalid request:\n  " + strings.Join(lines, "\n  "))
}

// flagHint is " (--flag)" for a request field the command has a flag for, else "".
func (c call) flagHint(field string) string {
	name, ok := requestFlags[field]
	if !ok || c.flags == nil || c.flags.Lookup(name) == nil {
		return ""
	}
	return " (--" + name + ")"
}

var camelWord = regexp.MustCompile(`[A-Z][a-z]*`)

// codeWords is a status code in words: PermissionDenied is "permission denied".
func codeWords(c codes.Code) string {
	return strings.ToLower(strings.Join(camelWord.FindAllString(c.String(), -1), " "))
}
