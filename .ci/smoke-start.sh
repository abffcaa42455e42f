#!/usr/bin/env bash
# `npm start` with no DATABASE_URL/NATS_URL: /health is 200 within 60 s, Ctrl-C (SIGINT to the
# process group, as a terminal sends it) stops everything with no process left behind, and a
# second start reuses the embedded database.
set -euo pipefail
cd "$(dirname "$0")/.."
port=3999
log=$(mktemp)
unset DATABASE_URL NATS_URL
# As root the embedded PostgreSQL runs as "postgres"; if this clone sits somewhere that user cannot
# enter, use a data folder it can (npm start would say the same, plainly).
if [ "$(id -u)" = 0 ] && ! su -s /bin/sh postgres -c "test -x '$(pwd)'" 2>/dev/null; then
  export EMBEDDED_PG_DIR="/var/tmp/service-network-smoke-$$"
  echo "note: postgres cannot enter $(pwd); using EMBEDDED_PG_DIR=$EMBEDDED_PG_DIR"
fi
pgdir="${EMBEDDED_PG_DIR:-$(pwd)/data/postgres}"

run_once() {
  local expect="$1"
  : > "$log"
  PORT=$port setsid npm start > "$log" 2>&1 &
  local pgid=$!
  local ok=""
  for _ in $(seq 1 60); do
    if curl -sf "http://127.0.0.1:$port/health" > /dev/null; then ok=1; break; fi
    if ! kill -0 "$pgid" 2>/dev/null; then break; fi
    sleep 1
  done
  if [ -z "$ok" ]; then
    echo "FAIL: /health was not 200 within 60 s"; tail -50 "$log"; kill -KILL -- -"$pgid" 2>/dev/null || true; exit 1
  fi
  grep -q "$expect" "$log" || { echo "FAIL: expected \"$expect\" in the start log"; grep -i database "$log"; kill -KILL -- -"$pgid"; exit 1; }
  echo "health 200; log says: $expect"
  kill -INT -- -"$pgid"
  for _ in $(seq 1 30); do kill -0 -- -"$pgid" 2>/dev/null || break; sleep 1; done
  if kill -0 -- -"$pgid" 2>/dev/null; then
    echo "FAIL: processes left 30 s after Ctrl-C:"; ps -o pid,args -g "$pgid"; kill -KILL -- -"$pgid"; exit 1
  fi
  if pgrep -f "postgres -D $pgdir" > /dev/null; then echo "FAIL: the embedded PostgreSQL is still running"; exit 1; fi
  grep -q '"msg":"stopped"' "$log" || { echo "FAIL: no clean stop in the log"; tail -20 "$log"; exit 1; }
  echo "stopped cleanly, nothing left behind"
}

rm -rf "$pgdir"
run_once "embedded PostgreSQL initialised"
run_once "embedded PostgreSQL reusing the data"
rm -f "$log"
[ "$pgdir" = "$(pwd)/data/postgres" ] || rm -rf "$pgdir"
