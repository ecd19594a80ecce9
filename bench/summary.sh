#!/usr/bin/env bash
# Issue 12's summary: every benchmark in one JVM on the embedded stack as shipped (PostgreSQL 17,
# Temporal test server, simulated Shopify), plus the cancellation against a real Temporal dev
# server when a `temporal` CLI is on the PATH or named by POINTSAGA_TEMPORAL_CLI. Builds what it
# needs, prints progress lines, and ends with the `name: value` table (docs/PERFORMANCE.md).
#   bench/summary.sh [--quick]     (--quick: 30 s of webhooks; within 10 minutes on 2 cores)
# The whole log is kept in target/bench-summary.log.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
. bench/classpath.sh
log=target/bench-summary.log
rm -f "$log" && : > "$log" # empty before tail starts: no line of an earlier run is shown
java -cp "$BENCH_CP" io.pointsaga.local.bench.BenchmarkSummary "$@" > "$log" 2>&1 &
bench=$!
trap 'kill $bench 2>/dev/null || true' EXIT INT TERM
tail -n +1 -f --pid=$bench "$log" | grep --line-buffered '^bench: ' || true
wait $bench || { echo "the benchmark failed; see $log" >&2; exit 1; }
sed -n '/^== summary ==$/,$p' "$log" | grep -E '^[a-z][a-z0-9_]*: '
