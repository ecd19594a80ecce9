#!/usr/bin/env bash
# p50 / p99 of an end-to-end cancellation of an unused reward through the REST API on the
# embedded stack (issue 2's number). Builds if needed, starts the embedded mode on a free port,
# runs CancellationLatencyBenchmark against it, stops it.
#   bench/cancellation-latency.sh [runs] [warm-up runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}
warmup=${2:-30}
port=${BENCH_PORT:-18089}
mkdir -p target
[ -f local/target/local.jar ] || ./mvnw -B -q -DskipTests install
./mvnw -B -q -pl local test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
rm -rf target/bench-data
# a fresh database and the in-memory Temporal server, as the numbers in the README were measured
POINTSAGA_DATA_DIR=target/bench-data POINTSAGA_TEMPORAL_CLI=none SERVER_PORT=$port java -jar local/target/local.jar > target/bench-local.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/actuator/health" | grep -q '"UP"' && break
  sleep 0.5
done
java -cp "local/target/test-classes:$(cat local/target/bench.classpath)" \
  io.pointsaga.local.bench.CancellationLatencyBenchmark "http://127.0.0.1:$port" "$runs" "$warmup"
