// Package seeds holds the data chaingraph starts from, embedded in the binary: the plan
// document, Hubei's regions and borders, and the industry chains with their evidence. It is
// data, not logic: loaders parses it.
package seeds

import "embed"

// FS is the seed data. Paths inside it are relative to this directory.
//
//go:embed *
var FS embed.FS
