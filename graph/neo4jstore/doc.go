// Package neo4jstore is the graph.Store backed by Neo4j 5: the product's store of record. It is
// the only package that imports the Neo4j driver.
//
// Writes replace the whole graph in one managed transaction after the uniqueness constraints
// exist, with batched UNWIND statements; reads run as managed read transactions. All Cypher is
// constant text with parameters: nothing a user sends ever becomes query text. Driver errors
// become graph sentinels here (connectivity loss is graph.ErrUnavailable).
//
// It is not a general Neo4j client and does not own the driver's lifetime beyond Close.
package neo4jstore
