package export

import (
	"strings"

	pb "github.com/chaingraph/chaingraph/proto/chaingraph/v1"

	"github.com/chaingraph/chaingraph/loaders/boundaries"
)

// LinkStatusName is a link map's status as an attribute: has, lacks, no_demand or chain_holder.
func LinkStatusName(st pb.LinkStatus) string {
	return strings.ToLower(strings.TrimPrefix(st.String(), "LINK_STATUS_"))
}

// linkStatusChinese is how the page and the exports say each status.
var linkStatusChinese = map[pb.LinkStatus]string{
	pb.LinkStatus_LINK_STATUS_HAS:          "有",
	pb.LinkStatus_LINK_STATUS_LACKS:        "缺（有需求）",
	pb.LinkStatus_LINK_STATUS_NO_DEMAND:    "无需求",
	pb.LinkStatus_LINK_STATUS_CHAIN_HOLDER: "整链持有（未判）",
}

// RegionFeature is a region as a map feature: its boundary in WGS84 when the seeds have one
// (Hubei's counties, loaders/boundaries), else a point at its centroid converted from GCJ-02,
// else no geometry. r may be nil (a region the caller has no record of).
func RegionFeature(ref *pb.RegionRef, r *pb.Region, props map[string]any) (Feature, error) {
	f := Feature{ID: ref.GetId(), Code: ref.GetCode(), Name: ref.GetName(), Properties: props}
	shapes, err := boundaries.Hubei()
	if err != nil {
		return f, err
	}
	if g, ok := shapes[ref.GetCode()]; ok {
		f.Geometry = g
	} else if r.GetHasCentroid() {
		f.Lon, f.Lat = boundaries.GCJ02ToWGS84(r.GetLongitude(), r.GetLatitude())
		f.HasPoint = true
	}
	return f, nil
}

// LinkMapFeatures is a link map as features: every region of the map with its status
// (status, status_zh, nearest_supplier, chain, link) and, for the lacking ones, the 补链
// answer's attributes (LackingAttributes). regions holds the regions' records by id (for
// centroids); a is the 补链 answer for the same question, every page.
func LinkMapFeatures(m *pb.GetLinkMapResponse, a *pb.FindLackingRegionsResponse, regions map[string]*pb.Region) ([]Feature, error) {
	attrs := LackingAttributes(a)
	var out []Feature
	for _, mr := range m.GetRegions() {
		props := map[string]any{"status": LinkStatusName(mr.GetStatus()), "status_zh": linkStatusChinese[mr.GetStatus()],
			"nearest_supplier": mr.GetNearestSupplier(), "chain": m.GetChain().GetId(), "link": m.GetLink().GetId(), "lacking": false}
		for k, v := range attrs[mr.GetRegion().GetId()] {
			props[k] = v
		}
		f, err := RegionFeature(mr.GetRegion(), regions[mr.GetRegion().GetId()], props)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}
