#!/usr/bin/env bash
# Test/dev Neo4j Community 5.26 (embedded, Bolt only) for chaingraph. Not for production.
#
#   neo4j.sh build    build the launcher (mvn), skipped when up to date
#   neo4j.sh start    (re)start on a fresh data dir; prints the Bolt URI as the last stdout line
#   neo4j.sh resume   start on the data dir a stopped or killed server left (Neo4j recovers it
#                     from its transaction log); prints the URI like start
#   neo4j.sh stop     stop the server and delete its data dir
#   neo4j.sh status   exit 0 if running, 3 if not
#
# Env: CHAINGRAPH_NEO4J_STATE (state dir, default ${TMPDIR:-/tmp}/chaingraph-neo4j),
#      CHAINGRAPH_NEO4J_PORT (default 7687), CHAINGRAPH_NEO4J_START_TIMEOUT (s, default 180),
#      CHAINGRAPH_NEO4J_STOP_TIMEOUT (s, default 60), CHAINGRAPH_NEO4J_JAVA_OPTS (extra JVM flags, e.g.
#      "-Xmx4g -Dchaingraph.pagecache.mb=4096" for the national-scale benchmark).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${CHAINGRAPH_NEO4J_STATE:-${TMPDIR:-/tmp}/chaingraph-neo4j}"
[[ "$STATE" == /* ]] || STATE="$PWD/$STATE" # absolute, so stop/status work from any cwd
PORT="${CHAINGRAPH_NEO4J_PORT:-7687}"
START_TIMEOUT="${CHAINGRAPH_NEO4J_START_TIMEOUT:-180}"
STOP_TIMEOUT="${CHAINGRAPH_NEO4J_STOP_TIMEOUT:-60}"
DATA="$STATE/data"
LOG="$STATE/neo4j.log"
PIDFILE="$STATE/neo4j.pid"
PORTFILE="$STATE/neo4j.port"
MAIN=dev.chaingraph.testserver.Launcher
SRC="$HERE/src/main/java/dev/chaingraph/testserver/Launcher.java"

# JVM flags. Without the three --add-opens Neo4j 5.26 still starts on JDK 17, but logs
# "Reflection access to java.nio.DirectByteBuffer is not available, using fallback mode"
# (java.nio) and falls back from native file I/O ("Incorrect file descriptor" warnings,
# needs both java.io and sun.nio.ch). The netty property is what Neo4j's own build uses.
JVM_FLAGS=(
  -Xms512m -Xmx1g
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  -Dio.netty.tryReflectionSetAccessible=true
)

log() { echo "neo4j.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# --- build -----------------------------------------------------------------------------

is_built() {
  local t
  [[ -f "$HERE/target/classes/dev/chaingraph/testserver/Launcher.class" ]] || return 1
  compgen -G "$HERE/target/dependency/neo4j-bolt-*.jar" >/dev/null || return 1
  for t in "$HERE/target/classes" "$HERE/target/dependency"; do
    [[ "$t" -nt "$HERE/pom.xml" && "$t" -nt "$SRC" ]] || return 1
  done
}

build() {
  if is_built; then
    log "build is up to date"
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found (need Maven 3.8+ and JDK 17)"
  log "building launcher with Maven (first run downloads ~120 MB from Maven Central)"
  rm -rf "$HERE/target/dependency" # drop jars of an older pinned version
  # Maven output goes to stderr: stdout of 'start' is reserved for the Bolt URI.
  # (Debian's Maven 3.8.7 prints stray ESC[0m even with -B; strip them.)
  (cd "$HERE" && mvn -q -B package dependency:copy-dependencies -DincludeScope=runtime 2>&1) \
    | sed $'s/\e\\[0m//g' >&2 || die "maven build failed"
  touch "$HERE/target/classes" "$HERE/target/dependency"
}

# --- process helpers -------------------------------------------------------------------

# proc_live PID: true if PID exists and is not a zombie.
proc_live() {
  local pid="$1" st
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/stat" ]] || return 1
  st="$(sed -E 's/^.*\) ([A-Z]).*/\1/' "/proc/$pid/stat" 2>/dev/null)" || return 1
  [[ -n "$st" && "$st" != Z ]]
}

# alive PID: true if PID is a live launcher process of this state dir.
alive() {
  local pid="$1"
  proc_live "$pid" || return 1
  # Guard against pid reuse: must be our launcher on our data dir.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$MAIN $DATA " || return 1
}

running_pid() {
  local pid
  [[ -f "$PIDFILE" ]] || return 1
  pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  alive "$pid" || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

now() { date +%s.%N; }

# --- commands --------------------------------------------------------------------------

stop() {
  local pid i
  if ! pid="$(running_pid)"; then
    log "not running (state dir $STATE)"
    rm -f "$PIDFILE"
    return 0
  fi
  log "stopping pid $pid (SIGTERM, waiting up to ${STOP_TIMEOUT}s)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT * 4; i++)); do
    alive "$pid" || break
    sleep 0.25
  done
  if alive "$pid"; then
    log "pid $pid still alive after ${STOP_TIMEOUT}s: sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 40; i++)); do alive "$pid" || break; sleep 0.25; done
    alive "$pid" && die "pid $pid survived SIGKILL"
  fi
  rm -f "$PIDFILE" "$PORTFILE"
  rm -rf "$DATA"
  log "stopped; removed $DATA"
}

# start [keep]: with "keep", on the data dir already there.
start() {
  local keep="${1:-}" pid t0 deadline elapsed
  [[ "$PORT" =~ ^[0-9]+$ ]] || die "CHAINGRAPH_NEO4J_PORT is not a number: $PORT"
  [[ "$START_TIMEOUT" =~ ^[0-9]+$ ]] || die "CHAINGRAPH_NEO4J_START_TIMEOUT is not a number"
  command -v java >/dev/null || die "java not found (need JDK 17 or 21)"
  build
  if running_pid >/dev/null; then
    [[ -n "$keep" ]] && die "a server from $STATE is still running: nothing to resume"
    log "a server from $STATE is still running; stopping it first"
    stop
  fi
  if port_open "$PORT"; then
    die "port $PORT on 127.0.0.1 is already in use (set CHAINGRAPH_NEO4J_PORT)"
  fi

  if [[ -n "$keep" ]]; then
    [[ -d "$DATA" ]] || die "no data dir to resume from ($DATA)"
  else
    mkdir -p "$STATE"
    rm -rf "$DATA"
    mkdir -p "$DATA"
  fi
  echo "$PORT" >"$PORTFILE"

  : >"$LOG"
  t0="$(now)"
  # setsid: detach from the caller's process group so a Ctrl-C there does not kill the
  # server mid-test; 'neo4j.sh stop' (or the next start) ends it.
  # shellcheck disable=SC2086 # CHAINGRAPH_NEO4J_JAVA_OPTS is a word list on purpose
  setsid java "${JVM_FLAGS[@]}" ${CHAINGRAPH_NEO4J_JAVA_OPTS:-} \
    -cp "$HERE/target/classes:$HERE/target/dependency/*" \
    "$MAIN" "$DATA" "$PORT" </dev/null >"$LOG" 2>&1 &
  pid=$!
  echo "$pid" >"$PIDFILE"

  deadline=$(($(date +%s) + START_TIMEOUT))
  while :; do
    if grep -q '^NEO4J_READY ' "$LOG" && port_open "$PORT"; then
      break
    fi
    if ! proc_live "$pid"; then # not alive(): cmdline may predate exec
      log "server process $pid died during startup; last log lines ($LOG):"
      tail -n 40 "$LOG" >&2 || true
      rm -f "$PIDFILE"
      exit 1
    fi
    if (($(date +%s) >= deadline)); then
      log "timed out after ${START_TIMEOUT}s waiting for Neo4j; last log lines ($LOG):"
      tail -n 40 "$LOG" >&2 || true
      [[ -f "$DATA/logs/debug.log" ]] && { log "tail of $DATA/logs/debug.log:"; tail -n 20 "$DATA/logs/debug.log" >&2; }
      stop || true
      exit 1
    fi
    sleep 0.25
  done
  elapsed="$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')"
  log "started in ${elapsed}s (pid $pid, log $LOG)"
  echo "bolt://127.0.0.1:$PORT"
}

status() {
  local pid port
  if pid="$(running_pid)"; then
    port="$(cat "$PORTFILE" 2>/dev/null || echo "$PORT")"
    echo "running: pid $pid, bolt://127.0.0.1:$port, state $STATE"
  else
    echo "not running (state dir $STATE)"
    return 3
  fi
}

usage() {
  echo "usage: $0 {build|start|resume|stop|status}" >&2
  exit 2
}

[[ $# -eq 1 ]] || usage
case "$1" in
  build) build ;;
  start) start ;;
  resume) start keep ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
