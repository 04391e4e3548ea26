package graph

import (
	"fmt"
	"strconv"
)

// FactFilter selects the facts a question reads: which picture, how certain, what evidence,
// which programme, known by when. The zero value selects every fact.
//
// It is comparable (answers are memoised by query) and applies alike to presences and chain
// facts, to what a region has, to what creates demand and to who supplies.
type FactFilter struct {
	// Picture: PictureAll (the zero value), PictureExisting or PicturePlanned.
	Picture Picture
	// CertainOnly keeps only facts that rest on the only reading of their source.
	CertainOnly bool
	// Kind keeps only facts with this kind of evidence; empty for any.
	Kind EvidenceKind
	// Programme keeps only facts of this programme (a cluster list, e.g. 湖北省重点成长型产业集群);
	// empty for any. Facts without a programme (the plan's, enterprises') are then left out.
	Programme string
	// AsOf keeps only facts known by the end of that year (see KnownSince); 0 for any.
	AsOf int
}

// Picture is which facts count: the plan's picture (未来图: what is there and what the plan
// places) or what is there (现状图).
type Picture string

// Pictures.
const (
	// PictureAll counts existing and planned facts: the plan's picture, what a reader of the
	// plan checks an answer against (the zero value).
	PictureAll Picture = ""
	// PictureExisting counts facts that the industry is there (现状图).
	PictureExisting Picture = StatusExisting
	// PicturePlanned counts the plan's planned facts alone.
	PicturePlanned Picture = StatusPlanned
)

// PlanYear is the year the plan was issued (鄂經信縣域〔2019〕40號, 2019-03-23): a fact the plan
// states is known from then.
const PlanYear = 2019

// MinAsOf and MaxAsOf bound FactFilter.AsOf.
const (
	MinAsOf = 1949
	MaxAsOf = 2100
)

// IsZero reports whether the filter selects every fact.
func (f FactFilter) IsZero() bool { return f == FactFilter{} }

// Validate checks the filter's values.
func (f FactFilter) Validate() error {
	if field, problem := f.Problem(); problem != "" {
		return fmt.Errorf("%w: %s %s", ErrInvalid, field, problem)
	}
	return nil
}

// Problem names the first field with a bad value and says what is wrong ("" when none).
func (f FactFilter) Problem() (field, problem string) {
	switch f.Picture {
	case PictureAll, PictureExisting, PicturePlanned:
	default:
		return "picture", fmt.Sprintf("%q: want %s, %s or empty for both", f.Picture, PictureExisting, PicturePlanned)
	}
	switch f.Kind {
	case "", EvidencePlan, EvidenceSource, EvidenceDomain:
	default:
		return "evidence_kind", fmt.Sprintf("%q: want plan, source, domain or empty for any", f.Kind)
	}
	if f.AsOf != 0 && (f.AsOf < MinAsOf || f.AsOf > MaxAsOf) {
		return "as_of", fmt.Sprintf("%d: want a year from %d to %d, or 0 for any", f.AsOf, MinAsOf, MaxAsOf)
	}
	return "", ""
}

// KnownSince is the year a fact is known from: its Year (a cluster list's year) when set, the
// plan's year for a fact the plan states, and 0 (always known: nothing dates it) otherwise.
func KnownSince(year int, kind EvidenceKind) int {
	switch {
	case year > 0:
		return year
	case kind == EvidencePlan:
		return PlanYear
	}
	return 0
}

// Keeps reports whether the filter selects a presence (of the programme under any of its
// listings).
func (f FactFilter) Keeps(p *Presence) bool {
	programme := p.Programme
	if f.Programme != "" && p.OnProgramme(f.Programme) {
		programme = f.Programme
	}
	return f.keeps(p.Status, p.Certain(), p.Evidence.Kind, programme, KnownSince(p.Year, p.Evidence.Kind))
}

// KeepsChainFact reports whether the filter selects a chain fact.
func (f FactFilter) KeepsChainFact(c *ChainFact) bool {
	return f.keeps(c.Status, c.Certain(), c.Evidence.Kind, c.Programme, KnownSince(c.Year, c.Evidence.Kind))
}

func (f FactFilter) keeps(status string, certain bool, kind EvidenceKind, programme string, since int) bool {
	return (f.Picture == PictureAll || string(f.Picture) == status) &&
		(!f.CertainOnly || certain) &&
		(f.Kind == "" || f.Kind == kind) &&
		(f.Programme == "" || f.Programme == programme) &&
		(f.AsOf == 0 || since <= f.AsOf)
}

// Params are the filter as Cypher parameters (see the stores' fact predicate).
func (f FactFilter) Params() map[string]any {
	return map[string]any{
		"f_status": string(f.Picture), "f_certain": f.CertainOnly, "f_kind": string(f.Kind),
		"f_programme": f.Programme, "f_as_of": int64(f.AsOf), "plan_year": int64(PlanYear),
	}
}

// String is the filter in a few words, for logs and page-token hashes.
func (f FactFilter) String() string {
	return "picture=" + string(f.Picture) + " certain=" + strconv.FormatBool(f.CertainOnly) + " kind=" + string(f.Kind) +
		" programme=" + f.Programme + " as_of=" + strconv.Itoa(f.AsOf)
}
