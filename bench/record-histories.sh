#!/usr/bin/env bash
# Re-records the workflow histories replayed by workflows' HistoryReplayTest
# (workflows/src/test/resources/histories/*.json) from real runs on the embedded stack: real
# PostgreSQL, real activities, the simulated Shopify platform over HTTP, the Temporal test server.
# Run it after an intended, compatible change to a workflow (or a versioned one, with
# Workflow.getVersion) and commit the new fixtures with the change. Keep the old fixtures too if
# workflows recorded with the old code may still be running somewhere.
#   bench/record-histories.sh [output dir]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-workflows/src/test/resources/histories}
./mvnw -B -q install -DskipTests
./mvnw -B -q -pl local test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
java -cp "local/target/test-classes:local/target/classes:$(cat local/target/bench.classpath)" \
  io.pointsaga.local.HistoryRecorder "$out"
