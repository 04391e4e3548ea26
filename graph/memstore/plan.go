package memstore

import (
	"context"
	"fmt"
	"sort"

	"github.com/chaingraph/chaingraph/graph"
)

// ListBelts implements graph.Snapshot.
func (snap *snapshot) ListBelts(ctx context.Context, q graph.BeltQuery) ([]graph.Belt, error) {
	var out []graph.Belt
	for _, b := range snap.belts {
		if b.ID > q.After && (q.Kind == "" || b.Kind == q.Kind) && len(out) < q.Limit {
			out = append(out, b)
		}
	}
	return out, nil
}

// GetBelt implements graph.Snapshot.
func (snap *snapshot) GetBelt(ctx context.Context, id string) (graph.BeltDetail, error) {
	i := sort.Search(len(snap.belts), func(i int) bool { return snap.belts[i].ID >= id })
	if i == len(snap.belts) || snap.belts[i].ID != id {
		return graph.BeltDetail{}, fmt.Errorf("belt %q: %w", id, graph.ErrNotFound)
	}
	d := graph.BeltDetail{Belt: snap.belts[i]}
	for _, m := range snap.members[id] {
		md := graph.BeltMemberDetail{Region: snap.regions[m.RegionID], Evidence: m.Evidence}
		for _, a := range m.Alternatives {
			md.Alternatives = append(md.Alternatives, snap.regions[a])
		}
		sort.Slice(md.Alternatives, func(i, j int) bool { return md.Alternatives[i].Code < md.Alternatives[j].Code })
		d.Members = append(d.Members, md)
	}
	sort.Slice(d.Members, func(i, j int) bool { return d.Members[i].Region.Code < d.Members[j].Region.Code })
	return d, nil
}

// ListTargets implements graph.Snapshot.
func (snap *snapshot) ListTargets(ctx context.Context, q graph.ListQuery) ([]graph.Target, error) {
	var out []graph.Target
	for _, t := range snap.targets {
		if t.ID > q.After && len(out) < q.Limit {
			out = append(out, t)
		}
	}
	return out, nil
}
