package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// CellFirstPresences is how many presence ids a Cell node keeps.
const CellFirstPresences = cellFirstPresences

// RunForTest runs one statement on the store's database and returns its rows: tests alter
// and count what a load wrote with it, through the store's own driver.
func RunForTest(ctx context.Context, s *Store, cypher string, params map[string]any) ([]map[string]any, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithWritersRouting())
	if err != nil {
		return nil, err
	}
	rows := make([]map[string]any, len(res.Records))
	for i, rec := range res.Records {
		rows[i] = rec.AsMap()
	}
	return rows, nil
}

// ReadForTest runs one statement as every read of the store runs: in a read transaction of the
// current generation, retried and with its errors translated. Fault tests kill Neo4j under it.
func ReadForTest(ctx context.Context, s *Store, cypher string) ([]map[string]any, error) {
	v, err := s.View(ctx)
	if err != nil {
		return nil, err
	}
	return read(ctx, v.(*snapshot), func(tx readTx) ([]map[string]any, error) {
		recs, err := collect(ctx, tx, cypher, nil)
		if err != nil {
			return nil, err
		}
		rows := make([]map[string]any, len(recs))
		for i, rec := range recs {
			rows[i] = rec.AsMap()
		}
		return rows, nil
	})
}
