package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/chaingraph/chaingraph/graph"
)

func toBelt(n neo4j.Node) (graph.Belt, error) {
	p := &props{m: n.Props}
	b := graph.Belt{ID: p.str("id"), Name: p.str("name"), Kind: p.str("kind"), ChainIDs: p.list("chain_ids"), Aliases: p.list("aliases"), Evidence: p.evidence()}
	return b, p.err
}

// ListBelts implements graph.Snapshot.
func (v *snapshot) ListBelts(ctx context.Context, q graph.BeltQuery) ([]graph.Belt, error) {
	return read(ctx, v, func(tx readTx) ([]graph.Belt, error) {
		recs, err := collect(ctx, tx, listBelts, map[string]any{"after": q.After, "limit": int64(q.Limit), "kind": q.Kind})
		if err != nil {
			return nil, err
		}
		var out []graph.Belt
		for _, rec := range recs {
			n, err := get[neo4j.Node](rec, "b")
			if err != nil {
				return nil, err
			}
			b, err := toBelt(n)
			if err != nil {
				return nil, err
			}
			out = append(out, b)
		}
		return out, nil
	})
}

// GetBelt implements graph.Snapshot.
func (v *snapshot) GetBelt(ctx context.Context, id string) (graph.BeltDetail, error) {
	return read(ctx, v, func(tx readTx) (graph.BeltDetail, error) {
		var d graph.BeltDetail
		recs, err := collect(ctx, tx, getBelt, map[string]any{"id": id})
		if err != nil {
			return d, err
		}
		if len(recs) == 0 {
			return d, fmt.Errorf("belt %q: %w", id, graph.ErrNotFound)
		}
		n, err := get[neo4j.Node](recs[0], "b")
		if err != nil {
			return d, err
		}
		if d.Belt, err = toBelt(n); err != nil {
			return d, err
		}
		members, err := get[[]any](recs[0], "members")
		if err != nil {
			return d, err
		}
		for _, v := range members {
			m := v.(map[string]any)
			var md graph.BeltMemberDetail
			if md.Region, err = toRegion(m["region"].(neo4j.Node)); err != nil {
				return d, err
			}
			edge := &props{m: m["edge"].(map[string]any)}
			md.Evidence = edge.evidence()
			alts, _ := m["alternatives"].([]any)
			if md.Alternatives, err = regionList(alts); err != nil {
				return d, err
			}
			d.Members = append(d.Members, md)
		}
		return d, nil
	})
}

// ListTargets implements graph.Snapshot.
func (v *snapshot) ListTargets(ctx context.Context, q graph.ListQuery) ([]graph.Target, error) {
	return read(ctx, v, func(tx readTx) ([]graph.Target, error) {
		recs, err := collect(ctx, tx, listTargets, map[string]any{"after": q.After, "limit": int64(q.Limit)})
		if err != nil {
			return nil, err
		}
		var out []graph.Target
		for _, rec := range recs {
			n, err := get[neo4j.Node](rec, "t")
			if err != nil {
				return nil, err
			}
			p := &props{m: n.Props}
			t := graph.Target{
				ID: p.str("id"), Indicator: p.str("indicator"), Value: p.float("value"), Unit: p.str("unit"),
				Year: int(p.float("year")), Comparator: p.str("comparator"), ScopeID: p.str("scope_id"), Evidence: p.evidence(),
			}
			if p.err != nil {
				return nil, p.err
			}
			out = append(out, t)
		}
		return out, nil
	})
}
