#!/usr/bin/env bash
# Ensures tpchgen-cli (the peer of bench:files) is built from the Rust crate registry into the
# shared tools cache and prints its path. Never committed; cargo builds it here (a few minutes).
set -euo pipefail

TPCHGEN_VERSION="${TPCHGEN_VERSION:-4.0.0}"
CACHE="${SYNTHSTREAM_TOOLS:-$HOME/.cache/synthstream-tools}"
TARGET="$CACHE/bin/tpchgen-cli"

if [[ ! -x "$TARGET" ]]; then
  echo "ensure-tpchgen: cargo install tpchgen-cli $TPCHGEN_VERSION (may take several minutes)" >&2
  cargo install --locked --quiet tpchgen-cli --version "$TPCHGEN_VERSION" --root "$CACHE" >&2
fi
echo "$TARGET"
