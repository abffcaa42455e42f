#!/usr/bin/env bash
# `npm run start:cluster`: every app its own process on the real PostgreSQL and NATS; /health is
# 200 within 60 s and Ctrl-C leaves no process behind.
set -euo pipefail
cd "$(dirname "$0")/.."
port=3998
log=$(mktemp)
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/test NATS_URL=nats://127.0.0.1:4222 BUS_NAMESPACE="ci$RANDOM" PORT=$port ADMIN_PASSWORD=Cluster-Smoke-2026 PERSONAL_DATA_KEY=$(printf '%064d' 0)
setsid npm run start:cluster > "$log" 2>&1 &
pgid=$!
ok=""
for _ in $(seq 1 60); do
  if curl -sf "http://127.0.0.1:$port/health" > /dev/null; then ok=1; break; fi
  kill -0 "$pgid" 2>/dev/null || break
  sleep 1
done
[ -n "$ok" ] || { echo "FAIL: cluster /health was not 200 within 60 s"; tail -40 "$log"; kill -KILL -- -"$pgid" 2>/dev/null || true; exit 1; }
echo "cluster health 200 ($(grep -c '"msg":"' "$log") log lines from $(grep -o '^[a-z]* *|' "$log" | sort -u | wc -l) apps)"
kill -INT -- -"$pgid"
for _ in $(seq 1 30); do kill -0 -- -"$pgid" 2>/dev/null || break; sleep 1; done
if kill -0 -- -"$pgid" 2>/dev/null; then echo "FAIL: processes left after Ctrl-C"; ps -o pid,args -g "$pgid"; kill -KILL -- -"$pgid"; exit 1; fi
grep -q '\[cluster\] stopped' "$log" || { echo "FAIL: no clean stop"; tail -20 "$log"; exit 1; }
echo "cluster stopped cleanly"
rm -f "$log"
