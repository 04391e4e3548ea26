// Package neo4jstore is the graph.Store backed by Neo4j 5: the product's store of record. It is
// the only package that imports the Neo4j driver.
//
// Writes load a whole new generation of the graph in batched UNWIND transactions (constraints
// first, nodes before relationships) and then switch to it in one small transaction; every read
// is a managed read transaction pinned to the generation current when it began, so readers never
// see a half-loaded graph (see Store.Load). The load also writes, per generation, each region's
// count, strength sum and first presences of each link (Cell nodes, see buildCells), so that
// coverage and 补链 aggregate regions, not presences (lackingcells.go). What only a load changes
// (regions and their children, links, FEEDS, the county border index) is cached per generation
// in the store. All Cypher is
// constant text with parameters: nothing a user sends ever becomes query text. Driver errors
// become graph sentinels here (connectivity loss is graph.ErrUnavailable).
//
// The store, not the driver, retries failed transactions, within a budget that follows each
// call's deadline (retry.go): a call that cannot reach Neo4j fails with graph.ErrUnavailable
// at most MaxRetryTime (3 s) after its first failure, or half the time its deadline left then,
// if less; a dial into a host that does not answer adds at most 2 s. A transaction Neo4j reports
// in conflict with another (a deadlock between a load's writers) retries for up to
// MaxConflictRetryTime (30 s), within the same deadline rule. When Neo4j is back the same Store
// works again: dead pooled connections fail fast and are replaced.
//
// It is not a general Neo4j client and does not own the driver's lifetime beyond Close.
package neo4jstore
