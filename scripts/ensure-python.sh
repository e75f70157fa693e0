#!/usr/bin/env bash
# Ensures the test venv (clients/python/requirements-test.txt installed) exists in the shared tools
# cache and prints its python path. Each requirements file hash gets its own venv directory, so
# checkouts with different requirements never delete each other's venv; a finished venv is marked
# with a stamp file, and a lock keeps two runs from building the same one at once.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
REQ="$ROOT/clients/python/requirements-test.txt"
CACHE="${SYNTHSTREAM_TOOLS:-$HOME/.cache/synthstream-tools}"
PY="${PYTHON:-python3}"
KEY="$(sha256sum "$REQ" | cut -c1-12)"
VENV="$CACHE/venv-test-$KEY"
STAMP="$VENV/.synthstream-$KEY"

mkdir -p "$CACHE"
exec 9>"$CACHE/venv-test.lock"
flock 9
if [[ ! -f "$STAMP" ]]; then
  echo "ensure-python: building $VENV from $REQ (may take several minutes)" >&2
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQ" >&2
  touch "$STAMP"
fi
echo "$VENV/bin/python"
