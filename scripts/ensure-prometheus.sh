#!/usr/bin/env bash
# Ensures `prometheus` and `promtool` are on this machine (Debian package) and prints
# promtool's path. Tests use promtool to check rules and, later, a throwaway Prometheus
# they start themselves, so the Debian service must NOT keep running in the background.
set -euo pipefail

if [[ "$(id -u)" -ne 0 ]]; then SUDO=sudo; else SUDO=""; fi
have() { command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; }

if ! have; then
  echo "ensure-prometheus: installing Debian package prometheus" >&2
  # policy-rc.d exit 101 tells invoke-rc.d not to start services during the install.
  policy=/usr/sbin/policy-rc.d
  created_policy=0
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod +x "$policy"
    created_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  # A stale package list is the usual cause of a failed install: update once, then retry.
  $SUDO apt-get install -y --no-install-recommends prometheus >&2 \
    || { $SUDO apt-get update >&2 && $SUDO apt-get install -y --no-install-recommends prometheus >&2; }
  if [[ "$created_policy" -eq 1 ]]; then $SUDO rm -f "$policy"; fi
fi

# Belt and braces: if a service was started anyway (systemd or sysvinit), stop it. With no
# init system here, fall back to the pid the Debian init script writes, never a name match.
if command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
  systemctl stop prometheus >/dev/null 2>&1 || true
  systemctl disable prometheus >/dev/null 2>&1 || true
else
  for pidfile in /run/prometheus/prometheus.pid /run/prometheus.pid; do
    if [[ -f "$pidfile" ]]; then
      $SUDO kill "$(cat "$pidfile")" 2>/dev/null || true
      $SUDO rm -f "$pidfile"
    fi
  done
fi

command -v promtool
