package graph

import "errors"

// Sentinel errors crossing the Store boundary. Backends wrap them with %w and context;
// callers test with errors.Is.
var (
	// ErrNotFound means a named entity does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid means the request or data breaks a rule of the domain.
	ErrInvalid = errors.New("invalid")
	// ErrUnavailable means the backend cannot be reached now; retrying later may succeed.
	ErrUnavailable = errors.New("store unavailable")
	// ErrSnapshotGone means a snapshot's version was deleted by later loads while it was read;
	// the request should be asked again.
	ErrSnapshotGone = errors.New("the data was reloaded while this request read it")
)
