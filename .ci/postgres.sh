#!/usr/bin/env bash
# Prints the URL of a PostgreSQL server for the test suite, on stdout; messages go to stderr.
# Uses the project machines' server on 127.0.0.1:5432 when it answers; otherwise installs Debian's
# postgresql and starts a private cluster on a free loopback port. Fails loudly rather than skip.
set -euo pipefail

# INBOX_PG_SHARED_URL overrides where the shared server is looked for (e.g. to exercise the fallback).
shared_url="${INBOX_PG_SHARED_URL:-postgres://postgres@127.0.0.1:5432/test}"
if command -v psql >/dev/null && psql "$shared_url" -Atqc 'select 1' >/dev/null 2>&1; then
  echo "PostgreSQL: using the server on 127.0.0.1:5432" >&2
  echo "$shared_url"
  exit 0
fi

state=/tmp/inbox-pg
if [ -f "$state/url" ] && psql "$(cat "$state/url")" -Atqc 'select 1' >/dev/null 2>&1; then
  echo "PostgreSQL: reusing the private cluster in $state" >&2
  cat "$state/url"
  exit 0
fi

sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "PostgreSQL: installing Debian's postgresql package" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
rm -rf "$state"; mkdir -p "$state"
run_as=""; [ "$(id -u)" -eq 0 ] && { chown postgres "$state"; run_as="runuser -u postgres --"; }
$run_as "$bin/initdb" -D "$state/data" -U postgres --auth=trust >/dev/null
$run_as "$bin/pg_ctl" -D "$state/data" -o "-k $state -c listen_addresses=127.0.0.1 -p $port" -l "$state/log" -w start >&2
url="postgres://postgres@127.0.0.1:$port/postgres"
echo "$url" > "$state/url"
echo "PostgreSQL: started a private cluster on 127.0.0.1:$port" >&2
echo "$url"
