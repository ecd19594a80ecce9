#!/usr/bin/env bash
# Issue 3's numbers: webhook acknowledgement p50/p99 at a steady rate, refunds applied per second
# at saturation through webhooks + Temporal, and the same ledger work without Temporal.
#   bench/webhook-throughput.sh [rate per second] [seconds] [orders]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f local/target/local.jar ] || ./mvnw -B -q -DskipTests install
./mvnw -B -q -pl local test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
java -Dpointsaga.test.temporal-proxy=false -cp "local/target/test-classes:local/target/classes:$(cat local/target/bench.classpath)" \
  io.pointsaga.local.WebhookThroughputBenchmark "${1:-100}" "${2:-60}" "${3:-300}" 2>&1 \
  | grep -E '^(webhook|refunds|the same)'
