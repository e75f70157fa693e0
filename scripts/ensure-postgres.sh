#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for tests: installs Debian's `postgresql` with apt if no server
# binaries exist, initdb's a cluster in a fresh temp dir as the non-root `postgres` user (or the
# current user when not root), and starts it on a free loopback port with trust auth.
# Prints shell assignments: PGBIN, PGDATA, PGHOST, PGPORT, PGUSER. Stop it with:
#   [runuser -u postgres --] "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop
# With --install-only it installs the server binaries and starts nothing (the test-tools step).
set -euo pipefail

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

PGBIN="$(find_bin)"
if [[ -z "$PGBIN" || ! -x "$PGBIN/initdb" ]]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  PGBIN="$(find_bin)"
fi
[[ -x "$PGBIN/initdb" ]] || { echo "ensure-postgres: no initdb found" >&2; exit 1; }
if [[ "${1:-}" == "--install-only" ]]; then
  echo "PGBIN=$PGBIN"
  exit 0
fi

as_user() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
USER_NAME=$([[ "$(id -u)" == 0 ]] && echo postgres || id -un)

PGDATA="$(mktemp -d /tmp/synthstream-pg.XXXXXX)"
chmod 755 "$PGDATA"
[[ "$(id -u)" == 0 ]] && chown postgres: "$PGDATA"
# A free loopback port: bind port 0 and read what the kernel chose.
PGPORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

as_user "$PGBIN/initdb" -D "$PGDATA/data" -U "$USER_NAME" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_user "$PGBIN/pg_ctl" -D "$PGDATA/data" -l "$PGDATA/log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c fsync=off -c synchronous_commit=off" start >/dev/null

echo "PGBIN=$PGBIN"
echo "PGDATA=$PGDATA/data"
echo "PGHOST=127.0.0.1"
echo "PGPORT=$PGPORT"
echo "PGUSER=$USER_NAME"
