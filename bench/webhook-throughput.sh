#!/usr/bin/env bash
# Issue 3's numbers: webhook acknowledgement p50/p99 at a steady rate, refunds applied per second
# at saturation through webhooks + Temporal, and the same ledger work without Temporal.
# bench/summary.sh runs the same pieces among all the others.
#   bench/webhook-throughput.sh [rate per second] [seconds] [orders]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/classpath.sh
java -cp "$BENCH_CP" io.pointsaga.local.bench.WebhookThroughputBenchmark \
  "${1:-100}" "${2:-60}" "${3:-300}" 2>&1 | grep -E '^(webhook|refunds|the same)'
