#!/usr/bin/env bash
# Ensures a pinned k6 binary exists in the shared tools cache and prints its path.
# Built with go install (the Go module proxy is reachable; release downloads are not).
set -euo pipefail

K6_VERSION="${K6_VERSION:-v1.8.1}"
CACHE="${SYNTHSTREAM_TOOLS:-$HOME/.cache/synthstream-tools}"
BIN="$CACHE/bin"
TARGET="$BIN/k6-$K6_VERSION"

if [[ ! -x "$TARGET" ]]; then
  mkdir -p "$BIN"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  echo "ensure-k6: building k6 $K6_VERSION (go install, may take several minutes)" >&2
  GOBIN="$tmp" CGO_ENABLED=0 go install -ldflags "-s -w" "go.k6.io/k6@$K6_VERSION" >&2
  mv "$tmp/k6" "$TARGET"
fi
ln -sf "k6-$K6_VERSION" "$BIN/k6"
echo "$TARGET"
