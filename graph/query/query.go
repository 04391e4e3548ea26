// Package query answers chaingraph's questions — 补链 (lacking regions), 强链 (weak links), 延链
// (extensions), a region's profile, a coverage matrix, investment leads, and the plain reads —
// each from one snapshot of a store, so that one question never mixes two versions of the data.
// It resolves what a user typed (ids, codes, names, aliases) into entities and reports problems
// as errors that name the request field they concern (see FieldError).
//
// It is not a wire format and not a store: server maps its answers to the API, and the stores
// behind graph.Reader do the reading. Paging and evidence caps that only shape an answer on the
// wire are the server's; what an answer contains is decided here.
package query

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/chaingraph/chaingraph/graph"
)

// Engine answers questions over a store. It keeps what it derives from a version of the data
// (the name resolver, the province's enterprise counts) until the store serves another.
type Engine struct {
	store graph.Reader
	cache atomic.Pointer[derived]
}

// New returns an Engine reading from store.
func New(store graph.Reader) *Engine { return &Engine{store: store} }

// FieldError is a problem with one request field: a name that resolves to nothing
// (graph.NotFoundError), to several things (graph.AmbiguousError), or a value the domain
// refuses (graph.ErrInvalid).
type FieldError struct {
	Field string // the request field, as the API names it, e.g. "link" or "max_depth"
	Err   error
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Err.Error() }
func (e *FieldError) Unwrap() error { return e.Err }

func fieldErr(field string, err error) error {
	if err == nil {
		return nil
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		return err
	}
	return &FieldError{Field: field, Err: err}
}

func invalid(field, format string, args ...any) error {
	return &FieldError{Field: field, Err: fmt.Errorf("%w: %s", graph.ErrInvalid, fmt.Sprintf(format, args...))}
}

// View is one request's read of the data: a snapshot and what is derived from its version.
type View struct {
	Snap graph.Snapshot
	d    *derived
}

// View takes a snapshot of the store and the resolver of its version (built under ctx when the
// version is new to the engine).
func (e *Engine) View(ctx context.Context) (*View, error) {
	snap, err := e.store.View(ctx)
	if err != nil {
		return nil, err
	}
	v := &View{Snap: snap, d: e.derivedFor(snap.Version())}
	if _, err := v.Resolver(ctx); err != nil {
		return nil, err
	}
	return v, nil
}

// derivedFor returns the cache of a version: the engine keeps the newest version's; a request
// still reading an older snapshot gets one of its own.
func (e *Engine) derivedFor(version int64) *derived {
	for {
		old := e.cache.Load()
		switch {
		case old != nil && old.version == version:
			return old
		case old != nil && old.version > version:
			return newDerived(version)
		}
		fresh := newDerived(version)
		if e.cache.CompareAndSwap(old, fresh) {
			return fresh
		}
	}
}

// Resolver returns the name resolver of the view's version.
func (v *View) Resolver(ctx context.Context) (*graph.Resolver, error) {
	return v.d.resolver.get(ctx, func(ctx context.Context) (*graph.Resolver, error) {
		names, err := v.Snap.Names(ctx)
		if err != nil {
			return nil, err
		}
		return graph.NewResolver(names), nil
	})
}

// LQBase returns the province's enterprise counts for location quotients, counted once per
// version under the deadline of the request that needs them first.
func (v *View) LQBase(ctx context.Context) (*graph.LQBase, error) {
	return v.d.lqBase.get(ctx, func(ctx context.Context) (*graph.LQBase, error) {
		prov, err := v.province(ctx, "scope")
		if err != nil {
			return nil, err
		}
		counties, err := v.Snap.EnterpriseCounts(ctx, prov.ID)
		if err != nil {
			return nil, err
		}
		return graph.NewLQBase(counties), nil
	})
}

// Warm derives what a version needs before the first question asks for it (at national scale
// the enterprise counts take seconds), so that start-up, not a user, waits for it.
func (e *Engine) Warm(ctx context.Context) error {
	v, err := e.View(ctx)
	if err != nil {
		return err
	}
	_, err = v.LQBase(ctx)
	return err
}

// derived is what the engine computes once per version.
type derived struct {
	version  int64
	resolver *once[*graph.Resolver]
	lqBase   *once[*graph.LQBase]
}

func newDerived(version int64) *derived {
	return &derived{version: version, resolver: newOnce[*graph.Resolver](), lqBase: newOnce[*graph.LQBase]()}
}

// once builds a value at most once at a time and keeps it when the build succeeds. A build runs
// under the context of the request that started it; requests that wait for it wait within their
// own deadlines, and a failed or cancelled build is not kept, so the next request tries again.
type once[T any] struct {
	turn chan struct{} // holds one token: whoever has it may build
	val  atomic.Pointer[T]
}

func newOnce[T any]() *once[T] {
	o := &once[T]{turn: make(chan struct{}, 1)}
	o.turn <- struct{}{}
	return o
}

func (o *once[T]) get(ctx context.Context, build func(context.Context) (T, error)) (T, error) {
	if v := o.val.Load(); v != nil {
		return *v, nil
	}
	var zero T
	select {
	case <-o.turn:
	case <-ctx.Done():
		return zero, ctx.Err()
	}
	defer func() { o.turn <- struct{}{} }()
	if v := o.val.Load(); v != nil {
		return *v, nil
	}
	v, err := build(ctx)
	if err != nil {
		return zero, err
	}
	o.val.Store(&v)
	return v, nil
}
