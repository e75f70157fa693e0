#!/usr/bin/env bash
# Ensures the test venv (clients/python/requirements-test.txt installed) exists in the shared tools
# cache and prints its python path. The venv is keyed by the requirements file's hash, so editing
# the file builds a fresh one; a finished venv is marked with a stamp file.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
REQ="$ROOT/clients/python/requirements-test.txt"
CACHE="${SYNTHSTREAM_TOOLS:-$HOME/.cache/synthstream-tools}"
PY="${PYTHON:-python3}"
KEY="$(sha256sum "$REQ" | cut -c1-12)"
VENV="$CACHE/venv-test"
STAMP="$VENV/.synthstream-$KEY"

if [[ ! -f "$STAMP" ]]; then
  echo "ensure-python: building $VENV from $REQ (may take several minutes)" >&2
  rm -rf "$VENV"
  mkdir -p "$CACHE"
  "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQ" >&2
  touch "$STAMP"
fi
echo "$VENV/bin/python"
