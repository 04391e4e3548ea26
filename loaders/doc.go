// Package loaders turns data directories — the embedded seeds and users' own — into a
// graph.Dataset: it reads the tables (CSV in UTF-8 or GB18030/GBK, or .xlsx), binds their
// headers through one table of English and Chinese column names, resolves region, chain and
// link names, checks every plan quote against the plan document, and reports every problem at
// once with file:line:column. Warnings (data loaded but worth a look) and notices (files and
// columns left alone) come apart from errors, through BuildReport.
//
// It reads what users bring as it comes: a registry's enterprise list with its many columns
// (those no format reads are kept as the firms' attributes in Report.Enterprises), files of any
// name through a manifest.csv, files it does not know ignored with a notice. It refuses what
// cannot be data: anything but a regular file (a FIFO, a device, a link to one), a file over
// MaxFileBytes, a field over MaxFieldBytes, NaN or infinite numbers, control characters.
//
// It does not write to a store: callers pass the Dataset to graph.Writer.Replace, which writes
// all of it or nothing. It does not read map data (boundaries.geojson: loaders/boundaries),
// industry-code tables (classification/: loaders/attach) or development zones
// (places/zones.csv: loaders/locate), and it does not attach firms to links by industry code
// or place them by address: a firm needs its county, and a links column to hold a link.
// The file formats are documented in the README.
package loaders
