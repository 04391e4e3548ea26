package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/chaingraph/chaingraph/graph"
	"github.com/chaingraph/chaingraph/graph/query"
)

// violations collects request field problems into one InvalidArgument status.
type violations []*errdetails.BadRequest_FieldViolation

func (v *violations) add(field, format string, args ...any) {
	*v = append(*v, &errdetails.BadRequest_FieldViolation{Field: field, Description: fmt.Sprintf(format, args...)})
}

// has says whether a field already has a violation.
func (v violations) has(field string) bool {
	return slices.ContainsFunc(v, func(fv *errdetails.BadRequest_FieldViolation) bool { return fv.Field == field })
}

// err returns nil when there are no violations, else InvalidArgument with BadRequest details.
func (v violations) err() error {
	if len(v) == 0 {
		return nil
	}
	msg := "invalid request: " + v[0].Field + ": " + v[0].Description
	if len(v) > 1 {
		msg += fmt.Sprintf(" (and %d more)", len(v)-1)
	}
	st := status.New(codes.InvalidArgument, msg)
	if ds, err := st.WithDetails(&errdetails.BadRequest{FieldViolations: v}); err == nil {
		st = ds
	}
	return st.Err()
}

// toStatus maps what a handler returned to a gRPC status: the one place that does so (the
// interceptors call it for every call). A request whose deadline passed is DEADLINE_EXCEEDED
// whatever the store reported (the Neo4j driver reports a cut connection, the request was too
// slow); statuses pass through; domain errors get their code and details; anything else is
// INTERNAL, logged here with its cause and sent without it.
func (s *Server) toStatus(ctx context.Context, method string, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return status.FromContextError(ctx.Err()).Err()
	}
	if deadline, ok := ctx.Deadline(); ok && !time.Now().Before(deadline) {
		// Passed, though the context's timer has not fired yet: a socket deadline set from it
		// can end a read (a Bolt handshake) a moment earlier.
		return status.Error(codes.DeadlineExceeded, context.DeadlineExceeded.Error())
	}
	if _, ok := status.FromError(err); ok {
		return err
	}
	field := ""
	var fe *query.FieldError
	if errors.As(err, &fe) {
		field = fe.Field
	}
	var nf *graph.NotFoundError
	var amb *graph.AmbiguousError
	switch {
	case errors.As(err, &nf):
		st := status.New(codes.NotFound, nf.Error())
		info := &errdetails.ResourceInfo{ResourceType: string(nf.Kind), ResourceName: graph.Excerpt(nf.Input), Description: "request field " + field}
		if ds, derr := st.WithDetails(info); derr == nil {
			st = ds
		}
		return st.Err()
	case errors.As(err, &amb), errors.Is(err, graph.ErrInvalid):
		var v violations
		v.add(field, "%s", unwrapField(err))
		return v.err()
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return status.FromContextError(err).Err()
	case errors.Is(err, graph.ErrNotFound):
		return status.Error(codes.NotFound, err.Error())
	case errors.Is(err, graph.ErrSnapshotGone):
		return status.Error(codes.Aborted, "the data was reloaded twice while this request read it; ask again")
	case errors.Is(err, graph.ErrUnavailable):
		s.log.ErrorContext(ctx, "store unavailable", "method", method, "error", err)
		return status.Error(codes.Unavailable, "the graph store is unavailable; retry later")
	}
	s.log.ErrorContext(ctx, "internal error", "method", method, slog.String("error", err.Error()))
	return status.Error(codes.Internal, "internal error")
}

// unwrapField is an error's text without the field prefix a FieldError adds (the field is
// the violation's own).
func unwrapField(err error) string {
	var fe *query.FieldError
	if errors.As(err, &fe) {
		return fe.Err.Error()
	}
	return err.Error()
}
