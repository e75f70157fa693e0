#!/usr/bin/env bash
# Installs every tool the test suite needs, from the registries only, into a cache outside the
# repo (${SYNTHSTREAM_TOOLS:-$HOME/.cache/synthstream-tools}) so a clean clone on the same machine
# reuses it: the Python venv (pyarrow, grpcio, duckdb, ray, pyspark), helm, k6 and grpcurl (go install),
# and Prometheus, Java 17 (for Spark) and PostgreSQL (Debian packages). Idempotent; each step prints
# what it built.
set -euo pipefail
cd "$(dirname "$0")"
for step in ensure-python.sh ensure-java.sh ensure-helm.sh ensure-k6.sh ensure-grpcurl.sh ensure-prometheus.sh "ensure-postgres.sh --install-only"; do
  if [[ -f "${step%% *}" ]]; then
    echo "== $step" >&2
    start=$SECONDS
    # shellcheck disable=SC2086 # a step may carry its flag
    bash $step >/dev/null
    echo "   ok in $((SECONDS - start)) s" >&2
  fi
done
