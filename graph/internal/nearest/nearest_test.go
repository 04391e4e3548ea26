package nearest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/chaingraph/chaingraph/graph"
)

// TopSuppliers must give exactly the head of RankSuppliers' order, ties and unknowns included.
func TestTopSuppliersIsTheHeadOfTheRanking(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n := rng.IntN(40)
		all := make([]graph.Supplier, n)
		for i := range all {
			all[i] = graph.Supplier{
				Region:         graph.Region{Code: fmt.Sprintf("%06d", rng.IntN(30))},
				BorderHops:     rng.IntN(5) - 1, // -1 is unknown
				DistanceKM:     float64(rng.IntN(4)) - 1,
				SamePrefecture: rng.IntN(4) == 0,
				SameBelt:       rng.IntN(3) == 0,
			}
		}
		k := 1 + rng.IntN(6)
		ranked := slices.Clone(all)
		RankSuppliers(ranked)
		top := TopSuppliers(slices.Clone(all), k)
		want := ranked[:min(k, n)]
		if len(top) != len(want) {
			t.Fatalf("trial %d: %d suppliers, k %d: got %d", trial, n, k, len(top))
		}
		for i := range want {
			a, b := top[i], want[i]
			if supplierLess(&a, &b) || supplierLess(&b, &a) {
				t.Fatalf("trial %d: position %d is %+v, want one ranked like %+v", trial, i, a, b)
			}
		}
	}
}
