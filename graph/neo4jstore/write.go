package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/chaingraph/chaingraph/graph"
)

// batchSize is the number of rows per UNWIND statement.
const batchSize = 1000

// Replace implements graph.Writer: delete the old graph and create the new one in a single
// managed write transaction, so readers see one or the other. The work is retry-safe: it
// starts from the delete every time.
func (s *Store) Replace(ctx context.Context, ds *graph.Dataset) error {
	if err := ds.Validate(); err != nil {
		return err
	}
	steps := buildSteps(ds)
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(context.WithoutCancel(ctx))
	_, err := neo4j.ExecuteWrite(ctx, session, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		if _, err := collect(ctx, tx, deleteAll, nil); err != nil {
			return struct{}{}, fmt.Errorf("deleting the old graph: %w", err)
		}
		for _, st := range steps {
			for start := 0; start < len(st.rows); start += batchSize {
				end := min(start+batchSize, len(st.rows))
				if _, err := collect(ctx, tx, st.cypher, map[string]any{"rows": st.rows[start:end]}); err != nil {
					return struct{}{}, fmt.Errorf("writing %s: %w", st.what, err)
				}
			}
		}
		return struct{}{}, nil
	})
	return translate(err)
}

type step struct {
	what   string
	cypher string
	rows   []any
}

// buildSteps turns a dataset into write statements: nodes before the edges that join them.
func buildSteps(ds *graph.Dataset) []step {
	var regions, partOf, borders, chains, links, feeds, presences []any
	for _, r := range ds.Regions {
		regions = append(regions, regionProps(r))
		if r.ParentID != "" {
			partOf = append(partOf, map[string]any{"id": r.ID, "parent_id": r.ParentID})
		}
	}
	for _, b := range ds.Borders {
		borders = append(borders, map[string]any{"a": b.A, "b": b.B, "props": evidenceProps(map[string]any{"km": b.LengthKM}, b.Evidence)})
	}
	for _, c := range ds.Chains {
		chains = append(chains, chainProps(c))
	}
	for _, l := range ds.Links {
		links = append(links, linkProps(l))
	}
	for _, f := range ds.Feeds {
		feeds = append(feeds, map[string]any{"from": f.From, "to": f.To, "props": evidenceProps(map[string]any{}, f.Evidence)})
	}
	for _, p := range ds.Presences {
		presences = append(presences, presenceProps(p))
	}
	var belts, members, targets []any
	for _, b := range ds.Belts {
		belts = append(belts, evidenceProps(map[string]any{"id": b.ID, "name": b.Name, "kind": b.Kind, "chain_ids": strs(b.ChainIDs), "aliases": strs(b.Aliases)}, b.Evidence))
	}
	for _, m := range ds.Members {
		members = append(members, evidenceProps(map[string]any{"belt_id": m.BeltID, "region_id": m.RegionID, "alternatives": strs(m.Alternatives)}, m.Evidence))
	}
	for _, t := range ds.Targets {
		targets = append(targets, evidenceProps(map[string]any{
			"id": t.ID, "indicator": t.Indicator, "value": t.Value, "unit": t.Unit, "year": int64(t.Year),
			"comparator": t.Comparator, "scope_id": t.ScopeID,
		}, t.Evidence))
	}
	return []step{
		{"regions", createRegions, regions},
		{"PART_OF edges", createPartOf, partOf},
		{"BORDERS edges", createBorders, borders},
		{"chains", createChains, chains},
		{"links", createLinks, links},
		{"FEEDS edges", createFeeds, feeds},
		{"presences", createPresences, presences},
		{"belts", createBelts, belts},
		{"belt members", createMembers, members},
		{"targets", createTargets, targets},
	}
}
