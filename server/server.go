package server

import (
	"context"
	"log/slog"
	"strings"
	"sync/atomic"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/graph"
)

// Server implements chaingraph.v1.ChainGraphService over a graph.Reader.
type Server struct {
	pb.UnimplementedChainGraphServiceServer
	store graph.Reader
	log   *slog.Logger
	cache atomic.Pointer[derived] // see derived
}

var _ pb.ChainGraphServiceServer = (*Server)(nil)

// New returns a Server reading from store.
func New(store graph.Reader, log *slog.Logger) *Server {
	return &Server{store: store, log: log}
}

// resolve resolves a required or optional request field; errors are statuses naming the field.
func (s *Server) resolve(ctx context.Context, res *graph.Resolver, field string, kind graph.NamedKind, input string, keep func(graph.Named) bool) (graph.Named, error) {
	n, err := res.Resolve(kind, input, keep)
	if err != nil {
		return n, s.toStatus(ctx, field, err)
	}
	return n, nil
}

// ListChains implements the RPC.
func (s *Server) ListChains(ctx context.Context, req *pb.ListChainsRequest) (*pb.ListChainsResponse, error) {
	var v violations
	size := pageSize(&v, req.GetPageSize(), maxChainPage)
	params := paramsHash("ListChains")
	after := decodeToken(&v, req.GetPageToken(), params)
	if err := v.err(); err != nil {
		return nil, err
	}
	chains, err := s.store.ListChains(ctx, graph.ListQuery{After: after, Limit: size + 1})
	if err != nil {
		return nil, s.toStatus(ctx, "", err)
	}
	resp := &pb.ListChainsResponse{}
	if len(chains) > size {
		chains = chains[:size]
		resp.NextPageToken = encodeToken(chains[size-1].ID, params)
	}
	for _, c := range chains {
		resp.Chains = append(resp.Chains, chainToProto(c))
	}
	return resp, nil
}

// GetChain implements the RPC.
func (s *Server) GetChain(ctx context.Context, req *pb.GetChainRequest) (*pb.GetChainResponse, error) {
	if strings.TrimSpace(req.GetChain()) == "" {
		var v violations
		v.add("chain", "required: a chain id or name, e.g. nev or 新能源汽车")
		return nil, v.err()
	}
	res, err := s.resolver(ctx)
	if err != nil {
		return nil, err
	}
	chain, err := s.resolve(ctx, res, "chain", graph.NamedChain, req.GetChain(), nil)
	if err != nil {
		return nil, err
	}
	d, err := s.store.GetChain(ctx, chain.ID)
	if err != nil {
		return nil, s.toStatus(ctx, "chain", err)
	}
	resp := &pb.GetChainResponse{Chain: chainToProto(d.Chain)}
	links := map[string]graph.Link{}
	for _, l := range d.Outside {
		links[l.ID] = l
	}
	for _, l := range d.Links {
		links[l.ID] = l
		resp.Links = append(resp.Links, linkToProto(l))
	}
	for _, f := range d.Feeds {
		resp.Feeds = append(resp.Feeds, &pb.Feed{From: linkRef(links[f.From]), To: linkRef(links[f.To]), Evidence: evidenceToProto(f.Evidence)})
	}
	return resp, nil
}
