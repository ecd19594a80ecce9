#!/usr/bin/env bash
# Container health checks for the PointSaga images (copied to /app/healthcheck.sh). They need only
# bash, grep and timeout: eclipse-temurin:17-jre also ships curl and wget, but the HTTP check
# talks through bash's /dev/tcp so that it depends on nothing else in the base image.
#
#   healthcheck.sh http [PATH]   the starter: GET PATH (default /actuator/health) on
#                                MANAGEMENT_SERVER_PORT, else SERVER_PORT, else 8080, through
#                                bash's /dev/tcp; healthy when the answer is 200 with "UP"
#   healthcheck.sh temporal      the worker: its web port (8081) serves only the actuator, whose
#                                health does not say whether Temporal is reachable, so healthy
#                                means its JVM holds an established TCP connection to the Temporal frontend
#                                (port of SPRING_TEMPORAL_CONNECTION_TARGET), which its pollers
#                                keep open while they long-poll the task queue
set -uo pipefail

http_check() {
  local path=${1:-/actuator/health}
  local port=${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8080}}
  local response
  { exec 3<>"/dev/tcp/127.0.0.1/${port}"; } 2>/dev/null || { echo "nothing listens on ${port}"; return 1; }
  printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nAccept: application/json\r\n\r\n' "$path" >&3
  response=$(timeout 5 cat <&3)
  exec 3<&-
  if [[ ${response} == "HTTP/1."?" 200"* && ${response} == *'"status":"UP"'* ]]; then
    return 0
  fi
  echo "${path} on ${port}: ${response:0:300}"
  return 1
}

temporal_check() {
  local target=${SPRING_TEMPORAL_CONNECTION_TARGET:-127.0.0.1:7233}
  local port hex
  port=${target##*:}
  [[ ${port} =~ ^[0-9]+$ ]] || { echo "no port in SPRING_TEMPORAL_CONNECTION_TARGET=${target}"; return 1; }
  printf -v hex '%04X' "${port}"
  # /proc/net/tcp{,6}: "sl local_address rem_address st ...", st 01 = ESTABLISHED.
  if grep -qE "^ *[0-9]+: [0-9A-F]+:[0-9A-F]{4} [0-9A-F]+:${hex} 01 " /proc/net/tcp /proc/net/tcp6 2>/dev/null; then
    return 0
  fi
  echo "no established connection to Temporal port ${port}"
  return 1
}

case ${1:-} in
  http) http_check "${2:-}" ;;
  temporal) temporal_check ;;
  *) echo "usage: healthcheck.sh http [PATH] | temporal" >&2; exit 2 ;;
esac
