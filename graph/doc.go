// Package graph is chaingraph's domain: regions, industry chains and their links, FEEDS edges,
// presence facts with their evidence, and the gap questions asked of them. It defines the Store
// contract that every backend implements and the exact semantics of each gap query.
//
// It is not a database and not a wire format: graph/memstore and graph/neo4jstore implement the
// Store, server maps these types to the gRPC API, and loaders build Datasets from files.
package graph
