package neo4jstore

// All query text is constant. Values always travel as parameters.

// Every node of the graph carries the generation it was loaded in (gen); the Dataset node says
// which generation is current (see Store.Load). Keys are unique per generation.
var schema = []string{
	// The single-property constraints of earlier versions would stop a second generation.
	`DROP CONSTRAINT region_id IF EXISTS`,
	`DROP CONSTRAINT region_code IF EXISTS`,
	`DROP CONSTRAINT chain_id IF EXISTS`,
	`DROP CONSTRAINT link_id IF EXISTS`,
	`DROP CONSTRAINT presence_id IF EXISTS`,
	`DROP CONSTRAINT belt_id IF EXISTS`,
	`DROP CONSTRAINT target_id IF EXISTS`,
	// gen first: the same index finds one node by (gen, id) and a whole generation by gen.
	`CREATE CONSTRAINT region_gen_id IF NOT EXISTS FOR (n:Region) REQUIRE (n.gen, n.id) IS UNIQUE`,
	`CREATE CONSTRAINT region_gen_code IF NOT EXISTS FOR (n:Region) REQUIRE (n.gen, n.code) IS UNIQUE`,
	`CREATE CONSTRAINT chain_gen_id IF NOT EXISTS FOR (n:Chain) REQUIRE (n.gen, n.id) IS UNIQUE`,
	`CREATE CONSTRAINT link_gen_id IF NOT EXISTS FOR (n:Link) REQUIRE (n.gen, n.id) IS UNIQUE`,
	`CREATE CONSTRAINT presence_gen_id IF NOT EXISTS FOR (n:Presence) REQUIRE (n.gen, n.id) IS UNIQUE`,
	`CREATE CONSTRAINT belt_gen_id IF NOT EXISTS FOR (n:Belt) REQUIRE (n.gen, n.id) IS UNIQUE`,
	`CREATE CONSTRAINT chain_fact_gen_id IF NOT EXISTS FOR (n:ChainFact) REQUIRE (n.gen, n.id) IS UNIQUE`,
	`CREATE CONSTRAINT cluster_count_gen_id IF NOT EXISTS FOR (n:ClusterCount) REQUIRE (n.gen, n.id) IS UNIQUE`,
	`CREATE INDEX cluster_count_gen_region IF NOT EXISTS FOR (n:ClusterCount) ON (n.gen, n.region_id)`,
	`CREATE CONSTRAINT target_gen_id IF NOT EXISTS FOR (n:Target) REQUIRE (n.gen, n.id) IS UNIQUE`,
	`CREATE CONSTRAINT dataset_name IF NOT EXISTS FOR (n:Dataset) REQUIRE n.name IS UNIQUE`,
	// One index serves every read of cells: a unit's (gen and unit equal, the rest existing)
	// and a unit's of one chain (gen, unit and chain equal); and the load's MERGE.
	`CREATE CONSTRAINT cell_gen_unit_chain_link IF NOT EXISTS FOR (n:Cell) REQUIRE (n.gen, n.unit, n.chain, n.link) IS UNIQUE`,
	// Leads read a holder's other links by its name.
	`CREATE INDEX presence_gen_holder IF NOT EXISTS FOR (n:Presence) ON (n.gen, n.holder)`,
	// 补链 reads the cells of one link across the country: who has it, who supplies it, who needs it.
	`CREATE INDEX cell_gen_link IF NOT EXISTS FOR (n:Cell) ON (n.gen, n.link)`,
}

// Generations (see Store.Load).
const (
	claimGeneration = `MERGE (d:Dataset {name: 'chaingraph'})
ON CREATE SET d.current = 0, d.last = 0
SET d.last = d.last + 1
RETURN d.last AS gen, d.current AS current`

	// Succeeds (one row) only if no load claimed a generation after $gen.
	switchGeneration = `MATCH (d:Dataset {name: 'chaingraph'}) WHERE d.last = $gen
SET d.previous = d.current, d.current = $gen
RETURN d.current AS current`

	currentGeneration = `OPTIONAL MATCH (d:Dataset {name: 'chaingraph'}) RETURN coalesce(d.current, 0) AS gen`
	// What a snapshot's read checks first: whether its generation is still whole.
	generationState = `OPTIONAL MATCH (d:Dataset {name: 'chaingraph'})
RETURN coalesce(d.current, 0) AS current, coalesce(d.previous, -1) AS previous, coalesce(d.last, 0) AS last`

	// Every generation that has nodes. Regions are written first and pruned last, so a
	// generation with any node has a region.
	staleGenerations = `MATCH (n:Region) WHERE n.gen IS NOT NULL AND n.gen <> $current AND n.gen <> $keep
RETURN DISTINCT n.gen AS gen`

	listGenerations = `OPTIONAL MATCH (d:Dataset {name: 'chaingraph'})
RETURN coalesce(d.current, 0) AS current,
  COLLECT { MATCH (n:Region) WHERE n.gen IS NOT NULL RETURN DISTINCT n.gen AS gen ORDER BY gen } AS present`

	countGeneration = `CALL () {
  MATCH (n:Region) WHERE n.gen = $gen RETURN 'regions' AS what, count(n) AS n
  UNION ALL MATCH (n:Chain) WHERE n.gen = $gen RETURN 'chains' AS what, count(n) AS n
  UNION ALL MATCH (n:Link) WHERE n.gen = $gen RETURN 'links' AS what, count(n) AS n
  UNION ALL MATCH (n:Presence) WHERE n.gen = $gen RETURN 'presences' AS what, count(n) AS n
  UNION ALL MATCH (n:ChainFact) WHERE n.gen = $gen RETURN 'chain facts' AS what, count(n) AS n
  UNION ALL MATCH (n:ClusterCount) WHERE n.gen = $gen RETURN 'cluster counts' AS what, count(n) AS n
  UNION ALL MATCH (n:Belt) WHERE n.gen = $gen RETURN 'belts' AS what, count(n) AS n
  UNION ALL MATCH (n:Target) WHERE n.gen = $gen RETURN 'targets' AS what, count(n) AS n
  UNION ALL MATCH (n:Cell) WHERE n.gen = $gen RETURN 'cells' AS what, count(n) AS n
  UNION ALL MATCH (n:Region)-[e:PART_OF]->() WHERE n.gen = $gen RETURN 'PART_OF edges' AS what, count(e) AS n
  UNION ALL MATCH (n:Region)-[e:BORDERS]->() WHERE n.gen = $gen RETURN 'BORDERS edges' AS what, count(e) AS n
  UNION ALL MATCH (n:Chain)-[e:HAS_LINK]->() WHERE n.gen = $gen RETURN 'HAS_LINK edges' AS what, count(e) AS n
  UNION ALL MATCH (n:Link)-[e:FEEDS]->() WHERE n.gen = $gen RETURN 'FEEDS edges' AS what, count(e) AS n
  UNION ALL MATCH (n:Presence)-[e:AT]->() WHERE n.gen = $gen RETURN 'AT edges' AS what, count(e) AS n
  UNION ALL MATCH (n:Presence)-[e:OF]->() WHERE n.gen = $gen RETURN 'OF edges' AS what, count(e) AS n
  UNION ALL MATCH (n:ChainFact)-[e:AT]->() WHERE n.gen = $gen RETURN 'chain fact AT edges' AS what, count(e) AS n
  UNION ALL MATCH (n:ChainFact)-[e:OF]->() WHERE n.gen = $gen RETURN 'chain fact OF edges' AS what, count(e) AS n
  UNION ALL MATCH (n:Belt)-[e:FOCUSES_ON]->() WHERE n.gen = $gen RETURN 'FOCUSES_ON edges' AS what, count(e) AS n
  UNION ALL MATCH (n:Belt)-[e:SPANS]->() WHERE n.gen = $gen RETURN 'SPANS edges' AS what, count(e) AS n
  UNION ALL MATCH (n:Target)-[e:FOR]->() WHERE n.gen = $gen RETURN 'FOR edges' AS what, count(e) AS n
}
RETURN what, n`
)

// Node labels in pruning order: regions last (see staleGenerations).
var nodeLabels = []string{"Cell", "Target", "Belt", "ClusterCount", "ChainFact", "Presence", "Link", "Chain", "Region"}

// One statement per label, because a label cannot be a parameter.
var pruneStatements = map[string]string{
	"Cell":         `MATCH (n:Cell) WHERE n.gen = $stale AND n.unit IS NOT NULL AND n.chain IS NOT NULL AND n.link IS NOT NULL WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted`,
	"Target":       `MATCH (n:Target) WHERE n.gen = $stale AND n.id IS NOT NULL WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted`,
	"Belt":         `MATCH (n:Belt) WHERE n.gen = $stale AND n.id IS NOT NULL WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted`,
	"ClusterCount": `MATCH (n:ClusterCount) WHERE n.gen = $stale AND n.id IS NOT NULL WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted`,
	"ChainFact":    `MATCH (n:ChainFact) WHERE n.gen = $stale AND n.id IS NOT NULL WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted`,
	"Presence":     `MATCH (n:Presence) WHERE n.gen = $stale AND n.id IS NOT NULL WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted`,
	"Link":         `MATCH (n:Link) WHERE n.gen = $stale AND n.id IS NOT NULL WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted`,
	"Chain":        `MATCH (n:Chain) WHERE n.gen = $stale AND n.id IS NOT NULL WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted`,
	"Region":       `MATCH (n:Region) WHERE n.gen = $stale AND n.id IS NOT NULL WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted`,
}

// Writes of one generation ($gen): nodes are MERGEd on (gen, id) and edges between matched
// nodes, so a retried batch writes nothing twice.
const (
	createRegions = `UNWIND $rows AS row
MERGE (r:Region {gen: $gen, id: row.id}) SET r += row
FOREACH (_ IN CASE WHEN row.level = 'PROVINCE' THEN [1] ELSE [] END | SET r:Province)
FOREACH (_ IN CASE WHEN row.level = 'PREFECTURE' THEN [1] ELSE [] END | SET r:Prefecture)
FOREACH (_ IN CASE WHEN row.level = 'COUNTY' THEN [1] ELSE [] END | SET r:County)`

	createChains = `UNWIND $rows AS row MERGE (c:Chain {gen: $gen, id: row.id}) SET c += row`

	createLinks = `UNWIND $rows AS row MERGE (l:Link {gen: $gen, id: row.id}) SET l += row`

	createPresences = `UNWIND $rows AS row MERGE (p:Presence {gen: $gen, id: row.id}) SET p += row`

	createChainFacts = `UNWIND $rows AS row MERGE (f:ChainFact {gen: $gen, id: row.id}) SET f += row`

	// A cluster count is a property of its region, found by region_id: no edge.
	createClusterCounts = `UNWIND $rows AS row MERGE (c:ClusterCount {gen: $gen, id: row.id}) SET c += row`

	createBelts = `UNWIND $rows AS row MERGE (b:Belt {gen: $gen, id: row.id}) SET b += row`

	createTargets = `UNWIND $rows AS row MERGE (t:Target {gen: $gen, id: row.id}) SET t += row`

	// Cells are computed by the load (see buildCells); they have no edges.
	createCells = `UNWIND $rows AS row
MERGE (c:Cell {gen: $gen, unit: row.unit, chain: row.chain, link: row.link}) SET c += row`

	createPartOf = `UNWIND $rows AS row
MATCH (c:Region {gen: $gen, id: row.id}), (p:Region {gen: $gen, id: row.parent_id})
MERGE (c)-[:PART_OF]->(p)`

	createBorders = `UNWIND $rows AS row
MATCH (a:Region {gen: $gen, id: row.a}), (b:Region {gen: $gen, id: row.b})
MERGE (a)-[e:BORDERS]->(b) SET e = row.props`

	createHasLink = `UNWIND $rows AS row
MATCH (c:Chain {gen: $gen, id: row.chain_id}), (l:Link {gen: $gen, id: row.id})
MERGE (c)-[:HAS_LINK]->(l)`

	createFeeds = `UNWIND $rows AS row
MATCH (a:Link {gen: $gen, id: row.from}), (b:Link {gen: $gen, id: row.to})
MERGE (a)-[e:FEEDS]->(b) SET e = row.props`

	createAt = `UNWIND $rows AS row
MATCH (p:Presence {gen: $gen, id: row.id}), (r:Region {gen: $gen, id: row.region_id})
MERGE (p)-[:AT]->(r)`

	createOf = `UNWIND $rows AS row
MATCH (p:Presence {gen: $gen, id: row.id}), (l:Link {gen: $gen, id: row.link_id})
MERGE (p)-[:OF]->(l)`

	createChainFactAt = `UNWIND $rows AS row
MATCH (f:ChainFact {gen: $gen, id: row.id}), (r:Region {gen: $gen, id: row.region_id})
MERGE (f)-[:AT]->(r)`

	createChainFactOf = `UNWIND $rows AS row
MATCH (f:ChainFact {gen: $gen, id: row.id}), (c:Chain {gen: $gen, id: row.chain_id})
MERGE (f)-[:OF]->(c)`

	createFocus = `UNWIND $rows AS row
MATCH (b:Belt {gen: $gen, id: row.belt_id}), (c:Chain {gen: $gen, id: row.chain_id})
MERGE (b)-[:FOCUSES_ON]->(c)`

	// Members carry their alternatives' ids as a property: the SPANS edge is the chosen reading.
	createMembers = `UNWIND $rows AS row
MATCH (b:Belt {gen: $gen, id: row.belt_id}), (r:Region {gen: $gen, id: row.region_id})
MERGE (b)-[e:SPANS]->(r) SET e = row`

	createTargetFor = `UNWIND $rows AS row
MATCH (t:Target {gen: $gen, id: row.id}), (r:Region {gen: $gen, id: row.scope_id})
MERGE (t)-[:FOR]->(r)`
)

// Reads.
const (
	listChains = `MATCH (c:Chain) WHERE c.gen = $gen AND c.id > $after
RETURN c ORDER BY c.id LIMIT $limit`

	getChain = `MATCH (c:Chain {gen: $gen, id: $id})
OPTIONAL MATCH (c)-[:HAS_LINK]->(l:Link)
WITH c, l ORDER BY l.stage_rank, l.id
RETURN c, collect(l) AS links`

	chainFeeds = `MATCH (:Chain {gen: $gen, id: $id})-[:HAS_LINK]->(:Link)-[:FEEDS]-(:Link)
WITH DISTINCT 1 AS any
MATCH (a:Link)-[e:FEEDS]->(b:Link)
WHERE exists { (:Chain {gen: $gen, id: $id})-[:HAS_LINK]->(a) } OR exists { (:Chain {gen: $gen, id: $id})-[:HAS_LINK]->(b) }
RETURN a, b, properties(e) AS props
ORDER BY a.id, b.id`

	listRegions = `MATCH (r:Region)
WHERE r.gen = $gen AND r.code > $after AND ($level = '' OR r.level = $level) AND ($parent = '' OR r.parent_id = $parent)
RETURN r ORDER BY r.code LIMIT $limit`

	getRegion = `MATCH (r:Region {gen: $gen, id: $id})
OPTIONAL MATCH (r)-[:PART_OF]->(p:Region)
CALL (r) { OPTIONAL MATCH (c:Region)-[:PART_OF]->(r) WITH c ORDER BY c.code RETURN collect(c) AS children }
CALL (r) { OPTIONAL MATCH (r)-[:BORDERS]-(n:Region) WITH n ORDER BY n.code RETURN collect(n) AS neighbours }
RETURN r, p, children, neighbours`

	listBelts = `MATCH (b:Belt) WHERE b.gen = $gen AND b.id > $after AND ($kind = '' OR b.kind = $kind)
RETURN b ORDER BY b.id LIMIT $limit`

	getBelt = `MATCH (b:Belt {gen: $gen, id: $id})
OPTIONAL MATCH (b)-[e:SPANS]->(r:Region)
WITH b, e, r ORDER BY r.code
RETURN b, collect(CASE WHEN r IS NULL THEN NULL ELSE {edge: properties(e), region: r,
  alternatives: COLLECT { MATCH (a:Region) WHERE a.gen = $gen AND a.id IN e.alternatives RETURN a ORDER BY a.code }} END) AS members`

	listTargets = `MATCH (t:Target) WHERE t.gen = $gen AND t.id > $after RETURN t ORDER BY t.id LIMIT $limit`

	names = `CALL () {
  MATCH (c:Chain) WHERE c.gen = $gen RETURN 'chain' AS kind, c.id AS id, '' AS code, c.name AS name, c.aliases AS aliases, '' AS chain, '' AS stage, '' AS level, [] AS segments, 0 AS rank
  UNION ALL
  MATCH (l:Link) WHERE l.gen = $gen RETURN 'link' AS kind, l.id AS id, '' AS code, l.name AS name, l.aliases AS aliases, l.chain_id AS chain, l.stage AS stage, '' AS level, l.segments AS segments, 1 AS rank
  UNION ALL
  MATCH (b:Belt) WHERE b.gen = $gen RETURN 'belt' AS kind, b.id AS id, '' AS code, b.name AS name, b.aliases AS aliases, '' AS chain, '' AS stage, '' AS level, [] AS segments, 2 AS rank
  UNION ALL
  MATCH (r:Region) WHERE r.gen = $gen RETURN 'region' AS kind, r.id AS id, r.code AS code, r.name AS name, r.aliases AS aliases, '' AS chain, '' AS stage, r.level AS level, [] AS segments, 3 AS rank
}
RETURN kind, id, code, name, aliases, chain, stage, level, segments ORDER BY rank, code, id`
)

// factFilter is graph.FactFilter's test of a presence or chain fact p, on the parameters of
// FactFilter.Params (a generation loaded before status was recorded counts every fact
// existing, as it then served them; an undated fact not from the plan is always known).
const factFilter = `($f_status = '' OR coalesce(p.status, 'existing') = $f_status)
  AND (NOT $f_certain OR p.alternatives IS NULL)
  AND ($f_kind = '' OR p.ev_kind = $f_kind)
  AND ($f_programme = '' OR p.programme = $f_programme OR $f_programme IN coalesce(p.also_programmes, []))
  AND ($f_as_of = 0 OR coalesce(p.year, CASE WHEN p.ev_kind = 'plan' THEN $plan_year ELSE 0 END) <= $f_as_of)`

// 补链 (see graph.LackingQuery for the semantics these implement).
const (
	lackingExists = `OPTIONAL MATCH (l:Link {gen: $gen, id: $link})
OPTIONAL MATCH (r:Region {gen: $gen, id: $region})
OPTIONAL MATCH (b:Belt {gen: $gen, id: $belt})
RETURN l IS NOT NULL AS link, r IS NOT NULL AS region, b IS NOT NULL AS belt`

	// Every region that has the link (where a presence of it is located, and above) or holds its
	// chain by a chain fact (likewise): neither is lacking.
	lackingHave = `CALL () {
  MATCH (:Link {gen: $gen, id: $link})<-[:OF]-(p:Presence)-[:AT]->(:Region)-[:PART_OF]->{0,3}(h:Region)
  WHERE ` + factFilter + ` RETURN h
  UNION
  MATCH (:Link {gen: $gen, id: $link})<-[:HAS_LINK]-(:Chain)<-[:OF]-(p:ChainFact)-[:AT]->(:Region)-[:PART_OF]->{0,3}(h:Region)
  WHERE ` + factFilter + ` RETURN h
}
RETURN collect(DISTINCT h.id) AS have`

	// Units of the scope ($units, from coverageUnits) without the link ($have), with the
	// count, summed strength and first $max (all when 0) of the presences (in or below them) of
	// the links that create demand. It starts from those links'
	// presences and walks up to the units, so it reads the presences of a few links, not every
	// presence of every unit (that was 70 ms for a national question at 10% scale, and grew
	// with all the data).
	//
	// One record per unit and downstream link: a record costs the driver about as much as the
	// node in it, and a national answer has thousands of presences (see presenceItems). Not one
	// record per unit: a list of a large unit's every presence strains Neo4j's heap.
	lackingUnits = `UNWIND $downstream AS downstream
MATCH (:Link {gen: $gen, id: downstream})<-[:OF]-(p:Presence)-[:AT]->(pr:Region)-[:PART_OF]->{0,3}(u:Region)
WHERE u.id IN $units AND NOT u.id IN $have AND ` + factFilter + `
WITH u, downstream, p, pr.id AS region_id ORDER BY u.code, downstream, p.id
WITH u.id AS unit_id, u.code AS code, downstream, collect([downstream, p, region_id]) AS items, collect(coalesce(p.strength, 0.0)) AS strengths,
  sum(CASE WHEN p.alternatives IS NULL THEN 1 ELSE 0 END) AS certain
RETURN unit_id, size(items) AS n, certain, reduce(s = 0.0, x IN strengths | s + x) AS strength,
  CASE WHEN $max > 0 THEN items[..$max] ELSE items END AS items ORDER BY code, downstream`

	// Regions where a presence of the link is located, except $exclude and what lies below it,
	// each with how many and the first $max by id (all when 0).
	lackingSuppliers = `MATCH (s:Region)<-[:AT]-(p:Presence)-[:OF]->(:Link {gen: $gen, id: $link})
WHERE ($exclude = '' OR NOT exists { (s)-[:PART_OF]->{0,3}(:Region {gen: $gen, id: $exclude}) }) AND ` + factFilter + `
WITH s, p ORDER BY s.code, p.id
WITH s.id AS supplier_id, s.code AS code, collect(p) AS presences, sum(CASE WHEN p.alternatives IS NULL THEN 1 ELSE 0 END) AS certain
RETURN supplier_id, size(presences) AS n, certain, CASE WHEN $max > 0 THEN presences[..$max] ELSE presences END AS presences ORDER BY code`

	// The cells of one link (the regions that have it, see buildCells) as [unit, count, certain
	// count]: for 补链 from cells, who has the link and, by difference with the cells of their
	// children, where its presences are located.
	linkCells = `MATCH (c:Cell) WHERE c.gen = $gen AND c.link = $link
RETURN collect([c.unit, c.n, coalesce(c.certain, c.n)]) AS cells`

	// The regions holding the link's chain by a chain fact located at them or below: none of
	// them lacks the link (for questions without a fact filter; lackingHave has it).
	lackingChainHolders = `MATCH (:Link {gen: $gen, id: $link})<-[:HAS_LINK]-(:Chain)<-[:OF]-(:ChainFact)-[:AT]->(:Region)-[:PART_OF]->{0,3}(h:Region)
RETURN collect(DISTINCT h.id) AS holders`

	// The cells of the downstream links at the units of the scope that are not in $have, one
	// record per downstream link with its cells as [unit, count, certain count, strength, first
	// presence ids]: demand read from aggregates, a cell per unit, not a presence per firm.
	lackingDemandCells = `UNWIND $downstream AS downstream
MATCH (c:Cell) WHERE c.gen = $gen AND c.link = downstream AND c.unit IN $units AND NOT c.unit IN $have
RETURN downstream, collect([c.unit, c.n, coalesce(c.certain, c.n), c.strength, c.first]) AS cells`

	// The first $max presences by id (all when 0) of the link located at each of $suppliers.
	supplierPresences = `MATCH (:Link {gen: $gen, id: $link})<-[:OF]-(p:Presence)-[:AT]->(s:Region)
WHERE s.id IN $suppliers
WITH s.id AS supplier_id, p ORDER BY p.id
WITH supplier_id, collect(p) AS presences
RETURN supplier_id, CASE WHEN $max > 0 THEN presences[..$max] ELSE presences END AS presences`

	// Every region with where it sits: its prefecture unit and the development belts it is in
	// (see nearest.Placement; $development_kinds is graph.DevelopmentBeltKinds).
	geographyRegions = `MATCH (r:Region) WHERE r.gen = $gen
OPTIONAL MATCH (r)-[:PART_OF]->{0,3}(p:Region WHERE p.prefecture_unit)
WITH r, p ORDER BY p.code
WITH r, head(collect(p.id)) AS pref
RETURN r, pref, COLLECT {
  MATCH (r)-[:PART_OF]->{0,3}(:Region)<-[:SPANS]-(b:Belt WHERE b.kind IN $development_kinds)
  RETURN DISTINCT b.id AS belt ORDER BY belt } AS belts`

	geographyLinks = `MATCH (l:Link) WHERE l.gen = $gen RETURN l`

	// The development belts with the chains they focus on ("same belt" counts a belt of the
	// link's chain only).
	geographyBelts = `MATCH (b:Belt) WHERE b.gen = $gen AND b.kind IN $development_kinds RETURN b.id AS id, b.chain_ids AS chains`

	geographyBorders = `MATCH (a:Region)-[:BORDERS]->(b:Region) WHERE a.gen = $gen RETURN a.id AS a, b.id AS b`
)

// Coverage (see graph.Scope for the semantics of units).
const (
	coverageExists = `OPTIONAL MATCH (c:Chain {gen: $gen, id: $chain})
OPTIONAL MATCH (r:Region {gen: $gen, id: $region})
OPTIONAL MATCH (b:Belt {gen: $gen, id: $belt})
RETURN c IS NOT NULL AS chain, r IS NOT NULL AS region, b IS NOT NULL AS belt`

	// The scope's units: walking down from the scope region (or the belt's members) is one
	// expansion; testing every region for an upward path to the scope was ~45 µs a region.
	coverageUnits = `CALL () {
  MATCH (:Region {gen: $gen, id: $region})<-[:PART_OF]-{0,3}(u:Region) RETURN u
  UNION
  MATCH (:Belt {gen: $gen, id: $belt})-[:SPANS]->(:Region)<-[:PART_OF]-{0,3}(u:Region) RETURN u
}
WITH u WHERE CASE $level WHEN 'COUNTY' THEN u.level = 'COUNTY' ELSE u.prefecture_unit END
RETURN u.id AS id ORDER BY u.code`

	// For coverages listing every presence or more than the cells keep (see unitCells), and
	// generations without cells. One record per cell (unit and link): how many presences, their
	// strengths summed in id order (as memstore adds them), and the first $max of them (all
	// when 0, none when negative: graph.NoPresences) as [link id, presence, region id] in id
	// order (see presenceItems and lackingUnits). Only the listed presences cross the wire: a
	// large prefecture has hundreds of thousands.
	coverageCells = `UNWIND $units AS uid
MATCH (:Region {gen: $gen, id: uid})<-[:PART_OF]-{0,3}(pr:Region)<-[:AT]-(p:Presence)-[:OF]->(l:Link)
WHERE ($chain = '' OR l.chain_id = $chain) AND ` + factFilter + `
WITH uid, l.id AS link_id, p, pr.id AS region_id ORDER BY uid, link_id, p.id
` + coverageCell

	// One chain: from its links' presences up to the units, rather than through every presence
	// of every unit (a national matrix of one chain read all 1.15M presences at 100% scale).
	coverageCellsOfChain = `MATCH (l:Link)<-[:OF]-(p:Presence)-[:AT]->(pr:Region)-[:PART_OF]->{0,3}(u:Region)
WHERE l.gen = $gen AND l.chain_id = $chain AND u.id IN $units AND ` + factFilter + `
WITH u.id AS uid, l.id AS link_id, p, pr.id AS region_id ORDER BY uid, link_id, p.id
` + coverageCell

	coverageCell = `WITH uid, link_id, collect([link_id, p, region_id]) AS items, collect(coalesce(p.strength, 0.0)) AS strengths,
  sum(CASE WHEN p.alternatives IS NULL THEN 1 ELSE 0 END) AS certain
RETURN uid, link_id, size(items) AS n, certain, reduce(s = 0.0, x IN strengths | s + x) AS strength,
  CASE WHEN $max < 0 THEN [] WHEN $max > 0 THEN items[..$max] ELSE items END AS items`

	// The links each holder has by a presence located exactly at its region (leads' other links),
	// found by holder (presence_gen_holder): from the region it walked every presence there, a
	// million for a page of 50 national leads (1.1 s; 7 ms by holder).
	holderLinks = `UNWIND $holders AS h
MATCH (p:Presence {gen: $gen, holder: h.holder})
WHERE p.region_id = h.region
WITH h, p.link_id AS link ORDER BY link
RETURN h.region AS region, h.holder AS holder, collect(DISTINCT link) AS links`
	// Each county's enterprises (distinct holders of enterprise presences located there) in all
	// and per chain: one record per county instead of every enterprise presence of the country.
	countyEnterprises = `MATCH (:Region {gen: $gen, id: $region})<-[:PART_OF]-{0,3}(c:Region)<-[:AT]-(p:Presence)-[:OF]->(l:Link)
WHERE c.level = 'COUNTY' AND p.holder_kind = 'enterprise'
WITH c, p.holder AS holder, collect(DISTINCT l.chain_id) AS chains
WITH c, count(holder) AS total, collect(chains) AS chain_lists
UNWIND chain_lists AS chains
UNWIND chains AS chain
WITH c, total, chain, count(*) AS n ORDER BY chain
WITH c, total, collect([chain, n]) AS per_chain
RETURN c.id AS id, total, per_chain ORDER BY c.code`

	// How many presence ids the generation's cells keep: 0 when it has no cells (it has no
	// presences, or an older loader wrote it), and coverage then reads the presences.
	generationCells = `OPTIONAL MATCH (c:Cell) WHERE c.gen = $gen AND c.unit IS NOT NULL AND c.chain IS NOT NULL AND c.link IS NOT NULL
WITH c LIMIT 1
RETURN coalesce(c.first_max, 0) AS first_max`

	// The cells of the units (one chain's in the second form): one record per unit with its
	// cells as [link id, count, strength, first presence ids, certain count] (a generation loaded
	// before certainty was recorded counts every fact certain, as it then served them). The IS NOT NULL predicates let
	// the (gen, unit, chain, link) index seek on its prefix.
	unitCells = `UNWIND $units AS uid
MATCH (c:Cell) WHERE c.gen = $gen AND c.unit = uid AND c.chain IS NOT NULL AND c.link IS NOT NULL
RETURN uid, collect([c.link, c.n, c.strength, c.first, coalesce(c.certain, c.n)]) AS cells`

	unitCellsOfChain = `UNWIND $units AS uid
MATCH (c:Cell) WHERE c.gen = $gen AND c.unit = uid AND c.chain = $chain AND c.link IS NOT NULL
RETURN uid, collect([c.link, c.n, c.strength, c.first, coalesce(c.certain, c.n)]) AS cells`

	// The presences the cells list, by id, in one record (a record costs the driver about as
	// much as a node; see lackingUnits).
	presencesByID = `UNWIND $ids AS id
MATCH (p:Presence {gen: $gen, id: id})
RETURN collect(p) AS presences`

	// Chain facts located at $region or below it ('' for anywhere), of $chain ('' for any).
	chainFacts = `MATCH (p:ChainFact)-[:AT]->(r:Region)
WHERE p.gen = $gen AND ($chain = '' OR p.chain_id = $chain)
  AND ($region = '' OR exists { (r)-[:PART_OF]->{0,3}(:Region {gen: $gen, id: $region}) }) AND ` + factFilter + `
RETURN p ORDER BY p.id`

	regionAndChainExist = `OPTIONAL MATCH (r:Region {gen: $gen, id: $region})
OPTIONAL MATCH (c:Chain {gen: $gen, id: $chain})
RETURN r IS NOT NULL AS region, c IS NOT NULL AS chain`

	clusterCounts = `MATCH (c:ClusterCount) WHERE c.gen = $gen AND c.region_id = $region
RETURN c ORDER BY c.year, c.programme`

	allFeeds = `MATCH (a:Link)-[e:FEEDS]->(b:Link) WHERE a.gen = $gen RETURN a.id AS from, b.id AS to, properties(e) AS props ORDER BY from, to`
)
