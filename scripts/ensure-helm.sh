#!/usr/bin/env bash
# Ensures a pinned Helm v3 binary exists in the shared tools cache and prints its path.
# Why go install: the only network here is the Go module proxy (no get.helm.sh), and a
# cache outside the repo lets a clean CI clone reuse the build (~minutes on 2 cores).
set -euo pipefail

HELM_VERSION="${HELM_VERSION:-v3.21.4}"
# The Kubernetes minor of helm's k8s.io modules (v0.36 for helm v3.21): the default
# .Capabilities.KubeVersion. Without it a go-installed helm reports v1.20 and fails our
# chart's kubeVersion constraint unless --kube-version is passed.
HELM_K8S_MINOR="${HELM_K8S_MINOR:-36}"
CACHE="${SYNTHSTREAM_TOOLS:-$HOME/.cache/synthstream-tools}"
BIN="$CACHE/bin"
TARGET="$BIN/helm-$HELM_VERSION"

if [[ ! -x "$TARGET" ]]; then
  mkdir -p "$BIN"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  echo "ensure-helm: building helm $HELM_VERSION (go install, may take minutes)" >&2
  # Build into a temp GOBIN then rename, so an interrupted build never leaves a half binary.
  # -ldflags stamps what helm's Makefile stamps: its version and the default k8s version.
  GOBIN="$tmp" CGO_ENABLED=0 go install \
    -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION \
      -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$HELM_K8S_MINOR \
      -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$HELM_K8S_MINOR" \
    "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >&2
  mv "$tmp/helm" "$TARGET"
fi
ln -sf "helm-$HELM_VERSION" "$BIN/helm"
echo "$TARGET"
