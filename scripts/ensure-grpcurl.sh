#!/usr/bin/env bash
# Ensures a pinned grpcurl binary exists in the shared tools cache and prints its path.
# grpcurl is how many users first poke a gRPC service (list, describe, call with JSON), so the
# reflection test drives the real tool. go install: the Go module proxy is the only route here.
set -euo pipefail

GRPCURL_VERSION="${GRPCURL_VERSION:-v1.9.4}"
CACHE="${SYNTHSTREAM_TOOLS:-$HOME/.cache/synthstream-tools}"
BIN="$CACHE/bin"
TARGET="$BIN/grpcurl-$GRPCURL_VERSION"

if [[ ! -x "$TARGET" ]]; then
  mkdir -p "$BIN"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  echo "ensure-grpcurl: building grpcurl $GRPCURL_VERSION (go install)" >&2
  # Build into a temp GOBIN then rename, so an interrupted build never leaves a half binary.
  GOBIN="$tmp" CGO_ENABLED=0 go install -ldflags "-s -w -X main.version=$GRPCURL_VERSION" \
    "github.com/fullstorydev/grpcurl/cmd/grpcurl@$GRPCURL_VERSION" >&2
  mv "$tmp/grpcurl" "$TARGET"
fi
ln -sf "grpcurl-$GRPCURL_VERSION" "$BIN/grpcurl"
echo "$TARGET"
