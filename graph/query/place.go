package query

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/chaingraph/chaingraph/graph"
)

// MaxNameBytes bounds every name a request passes in (a region, chain, link or belt, as typed).
// The longest name in the data is a few dozen characters; a bound keeps resolution and the
// suggestion search cheap whatever arrives.
const MaxNameBytes = 256

// CheckName returns the problem with a name field's value, or "" when there is none: too long,
// or not text — invalid UTF-8, or U+FFFD, which the server's codec puts where a client sent
// invalid UTF-8 and which no name contains.
func CheckName(value string) string {
	switch {
	case len(value) > MaxNameBytes:
		return "too long: at most " + strconv.Itoa(MaxNameBytes) + " bytes, got " + strconv.Itoa(len(value))
	case !utf8.ValidString(value) || strings.ContainsRune(value, utf8.RuneError):
		return "not valid UTF-8 text"
	}
	return ""
}

// resolve finds the one entity of a kind that a request field names.
func (v *View) resolve(ctx context.Context, field string, kind graph.NamedKind, input string, keep func(graph.Named) bool) (graph.Named, error) {
	if problem := CheckName(input); problem != "" {
		return graph.Named{}, invalid(field, "%s", problem)
	}
	res, err := v.Resolver(ctx)
	if err != nil {
		return graph.Named{}, err
	}
	n, err := res.Resolve(ctx, kind, input, keep)
	return n, fieldErr(field, err)
}

// required resolves a field that must be set; example is shown when it is empty.
func (v *View) required(ctx context.Context, field string, kind graph.NamedKind, input, example string) (graph.Named, error) {
	if strings.TrimSpace(input) == "" {
		return graph.Named{}, invalid(field, "required: %s", example)
	}
	return v.resolve(ctx, field, kind, input, nil)
}

// optional resolves a field that may be empty (the zero Named).
func (v *View) optional(ctx context.Context, field string, kind graph.NamedKind, input string) (graph.Named, error) {
	if strings.TrimSpace(input) == "" {
		return graph.Named{}, nil
	}
	return v.resolve(ctx, field, kind, input, nil)
}

// province returns the province: the default scope, when the data holds exactly one.
func (v *View) province(ctx context.Context, field string) (graph.Named, error) {
	res, err := v.Resolver(ctx)
	if err != nil {
		return graph.Named{}, err
	}
	var provinces []graph.Named
	for _, n := range res.Entries(graph.NamedRegion) {
		if n.Level == graph.LevelProvince {
			provinces = append(provinces, n)
		}
	}
	if len(provinces) != 1 {
		return graph.Named{}, invalid(field, "required here: the data holds %d provinces, so there is no default scope", len(provinces))
	}
	return provinces[0], nil
}

// Place is a resolved scope field: a region or a belt.
type Place struct {
	Region graph.Named // set for a region
	Belt   graph.Named // set for a belt
}

// place resolves a field that names a region or a belt; empty means the province when
// allowEmpty.
func (v *View) place(ctx context.Context, field, input string, allowEmpty bool) (Place, error) {
	if strings.TrimSpace(input) == "" {
		if !allowEmpty {
			return Place{}, invalid(field, "required: a region (id, code or name) or a belt (id or name)")
		}
		r, err := v.province(ctx, field)
		return Place{Region: r}, err
	}
	if problem := CheckName(input); problem != "" {
		return Place{}, invalid(field, "%s", problem)
	}
	res, err := v.Resolver(ctx)
	if err != nil {
		return Place{}, err
	}
	r, errRegion := res.Resolve(ctx, graph.NamedRegion, input, nil)
	if errRegion == nil {
		return Place{Region: r}, nil
	}
	b, errBelt := res.Resolve(ctx, graph.NamedBelt, input, nil)
	if errBelt == nil {
		// A belt without members has no units: an empty answer would say nobody lacks anything.
		d, err := v.Snap.GetBelt(ctx, b.ID)
		if err != nil {
			return Place{}, fieldErr(field, err)
		}
		if len(d.Members) == 0 {
			return Place{}, invalid(field, "%s has no member regions: the plan names the area but no county in it, and no source could be checked for one (see the belt's evidence); ask about a region instead", b.Name)
		}
		return Place{Belt: b}, nil
	}
	var nfRegion, nfBelt *graph.NotFoundError
	if errors.As(errRegion, &nfRegion) && errors.As(errBelt, &nfBelt) {
		return Place{}, fieldErr(field, &graph.NotFoundError{Kind: "region or belt", Input: input, Suggestions: append(nfRegion.Suggestions, nfBelt.Suggestions...)})
	}
	if !errors.As(errRegion, &nfRegion) {
		return Place{}, fieldErr(field, errRegion)
	}
	return Place{}, fieldErr(field, errBelt)
}

// scope turns a place and a requested level into a graph.Scope: LevelUnspecified is one level
// below a region (prefecture for the province) and prefecture for a belt.
func scope(p Place, level graph.Level) (graph.Scope, error) {
	if level != graph.LevelUnspecified && level != graph.LevelPrefecture && level != graph.LevelCounty {
		return graph.Scope{}, invalid("level", "must be PREFECTURE or COUNTY, got %v", level)
	}
	if p.Belt.ID != "" {
		if level == graph.LevelUnspecified {
			level = graph.LevelPrefecture
		}
		return graph.Scope{BeltID: p.Belt.ID, Level: level}, nil
	}
	if level == graph.LevelUnspecified {
		level = graph.LevelCounty
		if p.Region.Level == graph.LevelProvince {
			level = graph.LevelPrefecture
		}
	}
	if p.Region.Level == graph.LevelCounty && level == graph.LevelPrefecture {
		return graph.Scope{}, invalid("level", "scope %s is a county-level unit; a prefecture-level answer needs a province, prefecture or belt scope", p.Region.Name)
	}
	return graph.Scope{RegionID: p.Region.ID, Level: level}, nil
}

// whole is the scope whose units together make up the place itself: a county alone, a
// prefecture (with its counties) alone, the province's or a belt's prefecture units.
func whole(p Place) graph.Scope {
	if p.Belt.ID != "" {
		return graph.Scope{BeltID: p.Belt.ID, Level: graph.LevelPrefecture}
	}
	if p.Region.Level == graph.LevelCounty {
		return graph.Scope{RegionID: p.Region.ID, Level: graph.LevelCounty}
	}
	return graph.Scope{RegionID: p.Region.ID, Level: graph.LevelPrefecture}
}
