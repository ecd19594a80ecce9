#!/bin/sh
# Entry point of the prometheus service (prom/prometheus, busybox sh): the operator token goes into
# the credentials file that prometheus.yml names (Prometheus reads no environment variables in its
# configuration), readable by Prometheus only, then Prometheus replaces this shell.
set -eu
if [ -z "${POINTSAGA_OPERATOR_TOKEN:-}" ]; then
  echo "prometheus: POINTSAGA_OPERATOR_TOKEN is empty; the starter and the workers will answer 403" >&2
fi
umask 077
printf '%s' "${POINTSAGA_OPERATOR_TOKEN:-}" > /prometheus/operator-token
exec /bin/prometheus \
  --config.file=/etc/prometheus/prometheus.yml \
  --storage.tsdb.path=/prometheus \
  --storage.tsdb.retention.time="${PROMETHEUS_RETENTION:-15d}" \
  --web.console.libraries=/usr/share/prometheus/console_libraries \
  --web.console.templates=/usr/share/prometheus/consoles
