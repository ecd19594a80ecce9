#!/usr/bin/env bash
# p50 / p99 of an end-to-end cancellation of an unused reward through the REST API on the
# embedded stack (issue 2's number). Builds what it needs, starts the embedded mode on a free port
# in its own JVM, runs CancellationLatencyBenchmark against it over HTTP, stops it.
# bench/summary.sh runs the same cancellations among all the others.
#   bench/cancellation-latency.sh [runs] [warm-up runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}
warmup=${2:-30}
port=${BENCH_PORT:-18089}
mkdir -p target
. bench/classpath.sh
rm -rf target/bench-data
# a fresh database and the in-memory Temporal server, as the numbers in the README were measured
POINTSAGA_DATA_DIR=target/bench-data POINTSAGA_TEMPORAL_CLI=none SERVER_PORT=$port \
  java -cp "$BENCH_CP" io.pointsaga.local.LocalApplication > target/bench-local.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$port/actuator/health" | grep -q '"UP"' && break
  sleep 0.5
done
java -cp "$BENCH_CP" io.pointsaga.local.bench.CancellationLatencyBenchmark \
  "http://127.0.0.1:$port" "$runs" "$warmup"
