package neo4jstore

// All query text is constant. Values always travel as parameters.

var schema = []string{
	`CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE`,
	`CREATE CONSTRAINT region_code IF NOT EXISTS FOR (n:Region) REQUIRE n.code IS UNIQUE`,
	`CREATE CONSTRAINT chain_id IF NOT EXISTS FOR (n:Chain) REQUIRE n.id IS UNIQUE`,
	`CREATE CONSTRAINT link_id IF NOT EXISTS FOR (n:Link) REQUIRE n.id IS UNIQUE`,
	`CREATE CONSTRAINT presence_id IF NOT EXISTS FOR (n:Presence) REQUIRE n.id IS UNIQUE`,
	`CREATE CONSTRAINT belt_id IF NOT EXISTS FOR (n:Belt) REQUIRE n.id IS UNIQUE`,
	`CREATE CONSTRAINT target_id IF NOT EXISTS FOR (n:Target) REQUIRE n.id IS UNIQUE`,
}

// Replace: the old graph goes, the new one comes, in one transaction.
const (
	deleteAll = `MATCH (n) WHERE n:Region OR n:Chain OR n:Link OR n:Presence OR n:Belt OR n:Target
CALL (n) { DETACH DELETE n } `

	createRegions = `UNWIND $rows AS row
CREATE (r:Region) SET r = row
FOREACH (_ IN CASE WHEN row.level = 'PROVINCE' THEN [1] ELSE [] END | SET r:Province)
FOREACH (_ IN CASE WHEN row.level = 'PREFECTURE' THEN [1] ELSE [] END | SET r:Prefecture)
FOREACH (_ IN CASE WHEN row.level = 'COUNTY' THEN [1] ELSE [] END | SET r:County)`

	createPartOf = `UNWIND $rows AS row
MATCH (c:Region {id: row.id}), (p:Region {id: row.parent_id})
CREATE (c)-[:PART_OF]->(p)`

	createBorders = `UNWIND $rows AS row
MATCH (a:Region {id: row.a}), (b:Region {id: row.b})
CREATE (a)-[e:BORDERS]->(b) SET e = row.props`

	createChains = `UNWIND $rows AS row CREATE (c:Chain) SET c = row`

	createLinks = `UNWIND $rows AS row
MATCH (c:Chain {id: row.chain_id})
CREATE (c)-[:HAS_LINK]->(l:Link) SET l = row`

	createFeeds = `UNWIND $rows AS row
MATCH (a:Link {id: row.from}), (b:Link {id: row.to})
CREATE (a)-[e:FEEDS]->(b) SET e = row.props`

	createPresences = `UNWIND $rows AS row
MATCH (r:Region {id: row.region_id}), (l:Link {id: row.link_id})
CREATE (r)<-[:AT]-(p:Presence)-[:OF]->(l) SET p = row`

	createBelts = `UNWIND $rows AS row
CREATE (b:Belt) SET b = row
WITH b
UNWIND b.chain_ids AS chainID
MATCH (c:Chain {id: chainID})
CREATE (b)-[:FOCUSES_ON]->(c)`

	// Members carry their alternatives' ids as a property: the SPANS edge is the chosen reading.
	createMembers = `UNWIND $rows AS row
MATCH (b:Belt {id: row.belt_id}), (r:Region {id: row.region_id})
CREATE (b)-[e:SPANS]->(r) SET e = row`

	createTargets = `UNWIND $rows AS row
MATCH (r:Region {id: row.scope_id})
CREATE (t:Target)-[:FOR]->(r) SET t = row`
)

// Reads.
const (
	listChains = `MATCH (c:Chain) WHERE c.id > $after
RETURN c ORDER BY c.id LIMIT $limit`

	getChain = `MATCH (c:Chain {id: $id})
OPTIONAL MATCH (c)-[:HAS_LINK]->(l:Link)
WITH c, l ORDER BY l.stage_rank, l.id
RETURN c, collect(l) AS links`

	chainFeeds = `MATCH (:Chain {id: $id})-[:HAS_LINK]->(:Link)-[:FEEDS]-(:Link)
WITH DISTINCT 1 AS any
MATCH (a:Link)-[e:FEEDS]->(b:Link)
WHERE exists { (:Chain {id: $id})-[:HAS_LINK]->(a) } OR exists { (:Chain {id: $id})-[:HAS_LINK]->(b) }
RETURN a, b, properties(e) AS props
ORDER BY a.id, b.id`

	listRegions = `MATCH (r:Region)
WHERE r.code > $after AND ($level = '' OR r.level = $level) AND ($parent = '' OR r.parent_id = $parent)
RETURN r ORDER BY r.code LIMIT $limit`

	getRegion = `MATCH (r:Region {id: $id})
OPTIONAL MATCH (r)-[:PART_OF]->(p:Region)
CALL (r) { OPTIONAL MATCH (c:Region)-[:PART_OF]->(r) WITH c ORDER BY c.code RETURN collect(c) AS children }
CALL (r) { OPTIONAL MATCH (r)-[:BORDERS]-(n:Region) WITH n ORDER BY n.code RETURN collect(n) AS neighbours }
RETURN r, p, children, neighbours`

	listBelts = `MATCH (b:Belt) WHERE b.id > $after AND ($kind = '' OR b.kind = $kind)
RETURN b ORDER BY b.id LIMIT $limit`

	getBelt = `MATCH (b:Belt {id: $id})
OPTIONAL MATCH (b)-[e:SPANS]->(r:Region)
WITH b, e, r ORDER BY r.code
RETURN b, collect(CASE WHEN r IS NULL THEN NULL ELSE {edge: properties(e), region: r,
  alternatives: COLLECT { MATCH (a:Region) WHERE a.id IN e.alternatives RETURN a ORDER BY a.code }} END) AS members`

	listTargets = `MATCH (t:Target) WHERE t.id > $after RETURN t ORDER BY t.id LIMIT $limit`

	names = `CALL () {
  MATCH (c:Chain) RETURN 'chain' AS kind, c.id AS id, '' AS code, c.name AS name, c.aliases AS aliases, '' AS chain, '' AS stage, '' AS level, 0 AS rank
  UNION ALL
  MATCH (l:Link) RETURN 'link' AS kind, l.id AS id, '' AS code, l.name AS name, l.aliases AS aliases, l.chain_id AS chain, l.stage AS stage, '' AS level, 1 AS rank
  UNION ALL
  MATCH (b:Belt) RETURN 'belt' AS kind, b.id AS id, '' AS code, b.name AS name, b.aliases AS aliases, '' AS chain, '' AS stage, '' AS level, 2 AS rank
  UNION ALL
  MATCH (r:Region) RETURN 'region' AS kind, r.id AS id, r.code AS code, r.name AS name, r.aliases AS aliases, '' AS chain, '' AS stage, r.level AS level, 3 AS rank
}
RETURN kind, id, code, name, aliases, chain, stage, level ORDER BY rank, code, id`
)

// 补链 (see graph.LackingQuery for the semantics these implement).
const (
	lackingExists = `OPTIONAL MATCH (l:Link {id: $link})
OPTIONAL MATCH (r:Region {id: $region})
OPTIONAL MATCH (b:Belt {id: $belt})
RETURN l IS NOT NULL AS link, r IS NOT NULL AS region, b IS NOT NULL AS belt`

	// The links the missing link feeds within $depth edges, each with its shortest path whose id
	// sequence sorts first (lists order lexicographically in Cypher).
	lackingDownstream = `MATCH (src:Link {id: $link})
MATCH p = ALL SHORTEST (src)-[:FEEDS]->{1,8}(d:Link)
WHERE length(p) <= $depth AND d <> src
WITH d, nodes(p) AS path, [n IN nodes(p) | n.id] AS ids
ORDER BY d.id, ids
WITH d, collect(path)[0] AS path
RETURN d.id AS downstream, path`

	// Units in scope that do not have the link, with the presences (in or below them) of the
	// links that create demand.
	lackingUnits = `MATCH (u:Region)
WHERE CASE $level WHEN 'COUNTY' THEN u.level = 'COUNTY' ELSE u.prefecture_unit END
  AND (($region <> '' AND exists { (u)-[:PART_OF]->{0,3}(:Region {id: $region}) })
    OR ($belt <> '' AND exists { (u)-[:PART_OF]->{0,3}(:Region)<-[:SPANS]-(:Belt {id: $belt}) }))
  AND NOT exists { (u)<-[:PART_OF]-{0,3}(:Region)<-[:AT]-(:Presence)-[:OF]->(:Link {id: $link}) }
MATCH (u)<-[:PART_OF]-{0,3}(pr:Region)<-[:AT]-(p:Presence)-[:OF]->(d:Link)
WHERE d.id IN $downstream
RETURN u, d.id AS downstream, p, pr
ORDER BY u.code, d.id, p.id`

	// Regions where a presence of the link is located.
	// Regions where a presence of the link is located, except $exclude and what lies below it.
	lackingSuppliers = `MATCH (s:Region)<-[:AT]-(p:Presence)-[:OF]->(:Link {id: $link})
WHERE $exclude = '' OR NOT exists { (s)-[:PART_OF]->{0,3}(:Region {id: $exclude}) }
RETURN s, p ORDER BY s.code, p.id`

	supplierEnds = `OPTIONAL MATCH (r:Region {id: $region})
OPTIONAL MATCH (l:Link {id: $link})
RETURN r, l`

	// Where each region sits: its prefecture unit and the development belts it is in (see
	// graph.Placement and graph.IsDevelopmentBelt).
	placements = `UNWIND $ids AS id
MATCH (r:Region {id: id})
OPTIONAL MATCH (r)-[:PART_OF]->{0,3}(p:Region WHERE p.prefecture_unit)
WITH id, r, p ORDER BY p.code
WITH id, r, head(collect(p.id)) AS pref
RETURN id, pref, COLLECT {
  MATCH (r)-[:PART_OF]->{0,3}(:Region)<-[:SPANS]-(b:Belt WHERE b.kind IN ['emerging_belt', 'traditional_belt'])
  RETURN DISTINCT b.id AS belt ORDER BY belt } AS belts`

	// Fewest BORDERS between a county of u and a county of s. Below the province every region's
	// counties are the region itself or its direct children, so the PART_OF steps on each side
	// are a constant and the shortest path is also the one with the fewest borders. The province
	// contains every county: 0.
	lackingHops = `UNWIND $pairs AS pair
MATCH (u:Region {id: pair.u}), (s:Region {id: pair.s})
OPTIONAL MATCH path = SHORTEST 1 (u)<-[:PART_OF]-{0,1}(:County)-[:BORDERS]-*(:County)-[:PART_OF]->{0,1}(s)
WHERE u.level <> 'PROVINCE' AND s.level <> 'PROVINCE'
RETURN pair.u AS u, pair.s AS s,
  CASE WHEN u.level = 'PROVINCE' OR s.level = 'PROVINCE' THEN 0
       WHEN path IS NULL THEN -1
       ELSE size([e IN relationships(path) WHERE type(e) = 'BORDERS']) END AS hops`
)

// Coverage (see graph.Scope for the semantics of units).
const (
	coverageExists = `OPTIONAL MATCH (c:Chain {id: $chain})
OPTIONAL MATCH (r:Region {id: $region})
OPTIONAL MATCH (b:Belt {id: $belt})
RETURN c IS NOT NULL AS chain, r IS NOT NULL AS region, b IS NOT NULL AS belt`

	coverageUnits = `MATCH (u:Region)
WHERE CASE $level WHEN 'COUNTY' THEN u.level = 'COUNTY' ELSE u.prefecture_unit END
  AND (($region <> '' AND exists { (u)-[:PART_OF]->{0,3}(:Region {id: $region}) })
    OR ($belt <> '' AND exists { (u)-[:PART_OF]->{0,3}(:Region)<-[:SPANS]-(:Belt {id: $belt}) }))
RETURN u ORDER BY u.code`

	coverageLinks = `MATCH (l:Link) WHERE $chain = '' OR l.chain_id = $chain RETURN l`

	coverageCells = `UNWIND $units AS uid
MATCH (:Region {id: uid})<-[:PART_OF]-{0,3}(pr:Region)<-[:AT]-(p:Presence)-[:OF]->(l:Link)
WHERE $chain = '' OR l.chain_id = $chain
RETURN uid, l, p, pr ORDER BY uid, l.id, p.id`

	allFeeds = `MATCH (a:Link)-[e:FEEDS]->(b:Link) RETURN a.id AS from, b.id AS to, properties(e) AS props ORDER BY from, to`
)
