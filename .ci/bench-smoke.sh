#!/usr/bin/env bash
# The benchmark's smoke mode against the local PostgreSQL and NATS (databases benchsmoke and
# benchsmoke_ceiling, BUS_NAMESPACE benchsmoke): every path and ceiling for about a second at
# concurrency 1 and 8 on 2,000 loaded cases, so the script never rots. It fails on errors
# (a non-2xx answer, a case that never arrives, an app that dies), never on a missed target.
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_PG_URL=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432} NATS_URL=${NATS_URL:-nats://127.0.0.1:4222}
out=$(mktemp -d)
node bench/run.mjs --smoke --out "$out" > "$out/stdout.md"
ls "$out"/*-smoke.md "$out"/*-smoke.json > /dev/null
echo "bench smoke: report written ($(grep -c '^| ' "$out"/*-smoke.md) table rows)"
rm -rf "$out"
