// Package server adapts a graph.Reader to the chaingraph.v1.ChainGraphService gRPC API: it
// validates requests, resolves names to ids, pages results, maps graph errors to gRPC status
// codes with details, and runs the gRPC server with health and reflection.
//
// It holds no domain logic (that is graph) and no storage (that is graph/memstore and
// graph/neo4jstore).
package server
