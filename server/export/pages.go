package export

import (
	"slices"
	"strings"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"
)

// MergeDictionaries is the dictionary of two pages of one answer: each entry once, by id. An
// answer read page by page (the CLI's, an export's) names the ids of every page with it.
func MergeDictionaries(a, b *pb.Dictionary) *pb.Dictionary {
	out := &pb.Dictionary{}
	regions := map[string]bool{}
	for _, r := range append(append([]*pb.RegionRef{}, a.GetRegions()...), b.GetRegions()...) {
		if !regions[r.GetId()] {
			regions[r.GetId()] = true
			out.Regions = append(out.Regions, r)
		}
	}
	links := map[string]bool{}
	for _, l := range append(append([]*pb.LinkRef{}, a.GetLinks()...), b.GetLinks()...) {
		if !links[l.GetId()] {
			links[l.GetId()] = true
			out.Links = append(out.Links, l)
		}
	}
	slices.SortFunc(out.Regions, func(x, y *pb.RegionRef) int { return strings.Compare(x.GetId(), y.GetId()) })
	slices.SortFunc(out.Links, func(x, y *pb.LinkRef) int { return strings.Compare(x.GetId(), y.GetId()) })
	return out
}
