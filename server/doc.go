// Package server adapts chaingraph's query layer (graph/query) to the chaingraph.v1 gRPC API:
// each handler checks its request, calls one question of the query layer and maps the answer
// to the wire. Interceptors do what every call needs, unary or streamed, in one place: the
// time cap, admission of heavy requests, panic recovery, logging and the mapping of domain
// errors to status codes with details. Run serves it with health and reflection.
//
// It holds no domain logic (that is graph and graph/query) and no storage (graph/memstore and
// graph/neo4jstore).
package server
