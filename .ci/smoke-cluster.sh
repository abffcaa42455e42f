#!/usr/bin/env bash
# `npm run start:cluster`: every app its own process (two instances of cases and routing) on a
# 3-node NATS cluster started from the machine's nats-server, against the local PostgreSQL;
# /health is 200 within 120 s, and Ctrl-C leaves no process behind (every pid the harness recorded is gone).
set -euo pipefail
cd "$(dirname "$0")/.."
port=3998
log=$(mktemp)
dir=$(mktemp -d)
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/test PORT=$port CLUSTER_DIR="$dir" ADMIN_PASSWORD=Cluster-Smoke-2026 PERSONAL_DATA_KEY=$(printf '%064d' 0)
unset NATS_URL
setsid npm run start:cluster > "$log" 2>&1 &
pgid=$!
ok=""
for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$port/health" > /dev/null; then ok=1; break; fi
  kill -0 "$pgid" 2>/dev/null || break
  sleep 1
done
pids=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).map(p=>p.pid).join(" "))' "$dir/pids.json" 2>/dev/null || true)
[ -n "$ok" ] || { echo "FAIL: cluster /health was not 200 within 120 s"; tail -40 "$log"; kill -KILL -- -"$pgid" 2>/dev/null || true; kill -KILL $pids 2>/dev/null || true; exit 1; }
replicas=$(curl -s "http://127.0.0.1:14422/jsz?streams=true&config=true" | grep -o '"num_replicas": 3' | wc -l)
echo "cluster health 200: $(echo $pids | wc -w) processes, $(grep -o '^[a-z]*-[0-9] *|' "$log" | sort -u | wc -l) app instances logging, $replicas streams at 3 replicas"
[ "$replicas" -ge 1 ] || { echo "FAIL: no stream at 3 replicas"; kill -INT -- -"$pgid"; exit 1; }
kill -INT -- -"$pgid"
for _ in $(seq 1 40); do
  left=""; for p in $pids; do kill -0 "$p" 2>/dev/null && left="$left $p"; done
  [ -z "$left" ] && ! kill -0 -- -"$pgid" 2>/dev/null && break; sleep 1
done
if [ -n "$left" ]; then echo "FAIL: processes left after Ctrl-C:$left"; ps -o pid,args -p ${left// /,}; kill -KILL $left; exit 1; fi
grep -q '\[cluster\] stopped' "$log" || { echo "FAIL: no clean stop"; tail -20 "$log"; exit 1; }
echo "cluster stopped cleanly"
rm -rf "$log" "$dir"
