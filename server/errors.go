package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/chaingraph/chaingraph/graph"
)

// violations collects request field problems into one InvalidArgument status.
type violations []*errdetails.BadRequest_FieldViolation

func (v *violations) add(field, format string, args ...any) {
	*v = append(*v, &errdetails.BadRequest_FieldViolation{Field: field, Description: fmt.Sprintf(format, args...)})
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
	return withDetails(status.New(codes.InvalidArgument, msg), &errdetails.BadRequest{FieldViolations: v})
}

func withDetails(st *status.Status, details ...*errdetails.BadRequest) error {
	for _, d := range details {
		if ds, err := st.WithDetails(d); err == nil {
			st = ds
		}
	}
	return st.Err()
}

// toStatus maps an error from graph to a gRPC status; the one place that does so. field names
// the request field a resolution error is about ("" when none).
func (s *Server) toStatus(ctx context.Context, field string, err error) error {
	var nf *graph.NotFoundError
	var amb *graph.AmbiguousError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &nf):
		st := status.New(codes.NotFound, nf.Error())
		if ds, derr := st.WithDetails(&errdetails.ResourceInfo{ResourceType: string(nf.Kind), ResourceName: nf.Input, Description: nf.Error()}); derr == nil {
			st = ds
		}
		return st.Err()
	case errors.As(err, &amb):
		var v violations
		v.add(field, "%s", amb.Error())
		return v.err()
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return status.FromContextError(err).Err()
	case errors.Is(err, graph.ErrNotFound):
		return status.Error(codes.NotFound, err.Error())
	case errors.Is(err, graph.ErrInvalid):
		var v violations
		v.add(field, "%s", err.Error())
		return v.err()
	case errors.Is(err, graph.ErrUnavailable) && ctx.Err() != nil:
		// The driver reports a request that ran out of time as a connectivity error; the
		// store is fine, the request was too slow (or the client went away).
		return status.FromContextError(ctx.Err()).Err()
	case errors.Is(err, graph.ErrUnavailable):
		s.log.ErrorContext(ctx, "store unavailable", "error", err)
		return status.Error(codes.Unavailable, "the graph store is unavailable; retry later")
	}
	s.log.ErrorContext(ctx, "internal error", slog.String("error", err.Error()))
	return status.Error(codes.Internal, "internal error")
}
