# chaingraph build and test entry points. `make test` is the whole suite, real Neo4j included.
SHELL := /bin/bash
BUF_VERSION := v1.75.0
NEO4J := graph/neo4jstore/testserver/neo4j.sh

.PHONY: run test test-short proto lint vet bench fuzz

run:
	go run . serve

# The whole suite: starts a throwaway Neo4j (Maven-built launcher, Java 17), runs every test
# with it, and stops it whatever the outcome.
# -p 1: Neo4j Community has one database, which the Neo4j tests of several packages share.
# Screenshots of the page and the exported files land in test-artefacts/ for a person to open.
ARTEFACTS ?= $(CURDIR)/test-artefacts
test:
	go vet ./...
	@set -eo pipefail; uri=$$($(NEO4J) start | tail -n 1); \
	trap '$(NEO4J) stop' EXIT; \
	CHAINGRAPH_ARTEFACTS=$(ARTEFACTS) CHAINGRAPH_TEST_NEO4J_URI=$$uri go test -race -count=1 -p 1 -timeout 30m -v ./... 2>&1 | tee test.log \
	  | grep -E '^(--- |ok|FAIL|panic)|^\s+(--- FAIL|--- SKIP|[a-z_]+_test\.go)' \
	  || { echo "tests failed; the whole output is in test.log"; exit 1; }

# Unit tests only (Neo4j tests skip with a reason).
test-short:
	go test -race ./...

vet:
	go vet ./...

# Every fuzz target (FuzzXxx in any package, found by .ci/fuzz) for FUZZTIME each, one after
# another (about 3-4 minutes at the default on two cores); fails when one finds a failing input,
# which Go keeps in the package's testdata/fuzz/ as a regression case for go test. Ends with a
# summary line per target: seconds, executions, new interesting inputs.
FUZZTIME ?= 20s
fuzz:
	FUZZTIME=$(FUZZTIME) .ci/fuzz

# Regenerate proto/chaingraph/v1/*.pb.go; needs only Go (buf and the plugins run via go run).
proto:
	go run github.com/bufbuild/buf/cmd/buf@$(BUF_VERSION) lint
	go run github.com/bufbuild/buf/cmd/buf@$(BUF_VERSION) generate

lint:
	go run github.com/bufbuild/buf/cmd/buf@$(BUF_VERSION) lint

# National-scale benchmark behind BENCHMARKS.md: SCALE=0.01, 0.1 or 1 (default 0.01). Set
# CHAINGRAPH_BENCH_NEO4J_URI to a running Neo4j to measure the Neo4j store too (its data is
# replaced). Needs ghz: go install github.com/bojand/ghz/cmd/ghz@v0.93.0
SCALE ?= 0.01
bench:
	go run ./server/bench --scale $(SCALE) $(if $(CHAINGRAPH_BENCH_NEO4J_URI),--neo4j-uri $(CHAINGRAPH_BENCH_NEO4J_URI))
