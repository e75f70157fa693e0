#!/usr/bin/env bash
# Ensures a Java 17+ runtime for the PySpark data-source test (Spark 4 needs Java 17) and prints
# the java path. Uses the machine's java when it is new enough; otherwise installs Debian's
# openjdk-17-jre-headless (the only package route here).
set -euo pipefail

if [[ "$(id -u)" -ne 0 ]]; then SUDO=sudo; else SUDO=""; fi
major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }

if ! command -v java >/dev/null 2>&1 || [[ "$(major)" -lt 17 ]]; then
  echo "ensure-java: installing Debian package openjdk-17-jre-headless" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y --no-install-recommends openjdk-17-jre-headless >&2 \
    || { $SUDO apt-get update >&2 && $SUDO apt-get install -y --no-install-recommends openjdk-17-jre-headless >&2; }
fi
command -v java
