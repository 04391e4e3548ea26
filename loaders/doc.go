// Package loaders turns data directories — the embedded seeds and users' own — into a
// graph.Dataset: it parses the CSV files, resolves region names, checks every plan quote
// against the plan document, and reports every problem at once with file:line:column.
//
// It does not write to a store: callers pass the Dataset to graph.Writer.Replace, which writes
// all of it or nothing. The file formats are documented in the README.
package loaders
