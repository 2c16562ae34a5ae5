#!/usr/bin/env bash
# Server benchmark: seeds the large preset (1M dialogs, an accountant with 15,000 organisations)
# once per backend, serves it with the release build and runs the bench_search example against it.
# Prints Markdown; `make bench` puts it in docs/benchmarks.md. Sizes: BENCH_DIALOGS, BENCH_PARTIES.
set -euo pipefail
cd "$(dirname "$0")/.."
dialogs=${BENCH_DIALOGS:-1000000}
parties=${BENCH_PARTIES:-15000}
requests=${BENCH_REQUESTS:-1000}
seconds=${BENCH_SECONDS:-10}
port=18181
state=.make/bench
mkdir -p "$state"
server=target/release/inbox-server
bench=target/release/examples/bench_search
soak_bin=target/release/examples/soak
soak_seconds=${BENCH_SOAK_SECONDS:-600}
soak_failed=0

seed() { # backend url
  local marker="$state/$1-$dialogs-$parties.seeded"
  if [ -f "$marker" ]; then echo "reusing the seeded $1 database" >&2; return; fi
  echo "seeding $dialogs dialogs / $parties parties into $1 (once)" >&2
  local start=$SECONDS
  "$server" seed --database-url "$2" --preset large --dialogs "$dialogs" --parties "$parties" >&2
  # A freshly loaded PostgreSQL table has no planner statistics yet: measure a settled database.
  if [ "$1" = postgres ]; then psql "$2" -qc "VACUUM ANALYZE" >&2; fi
  echo "$((SECONDS - start))" > "$marker"
}

# Starts a server on port $2 over database $1 in the background (its pid in $started) and waits
# (at most 20 s) until it answers.
serve() { # url port
  "$server" serve --addr 127.0.0.1:$2 --database-url "$1" --dev-login --search-rate 0 --write-rate 0 --owner-write-rate 0 --anonymous-rate 0 >/dev/null 2>&1 &
  started=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$2/api/v1/metadata/limits" >/dev/null 2>&1 && break; sleep 0.2; done
}

run() { # backend url
  serve "$2" $port
  local pid=$started
  trap 'kill $pid 2>/dev/null || true' RETURN
  echo
  echo "### $1 ($dialogs dialogs, $parties organisations for one person; seeded in $(cat "$state/$1-$dialogs-$parties.seeded") s)"
  echo
  "$bench" "http://127.0.0.1:$port" "$requests" "$seconds"
  echo "server RSS after the run: $(( $(ps -o rss= -p $pid) / 1024 )) MB"
  kill $pid; wait $pid 2>/dev/null || true
}

# Mixed load for BENCH_SOAK_SECONDS (server/examples/soak.rs) on port $4: on SQLite one instance;
# on PostgreSQL two, written through the first while the live streams listen at the second.
soak() { # backend url instances port
  serve "$2" $4
  local pids=$started a=$started b="" status=0
  local streams="http://127.0.0.1:$4"
  if [ "$3" = 2 ]; then
    serve "$2" $(($4 + 1))
    b=$started; pids="$pids,$b"; streams="http://127.0.0.1:$(($4 + 1))"
  fi
  trap 'kill $a $b 2>/dev/null || true' RETURN
  echo
  echo "### Soak, $1 ($3 instance$([ "$3" = 2 ] && echo s), $soak_seconds s of mixed load, both soaks at once)"
  echo
  "$soak_bin" "http://127.0.0.1:$4" "$streams" "$soak_seconds" "$pids" || status=1
  kill $a $b 2>/dev/null || true; wait $a $b 2>/dev/null || true
  return $status
}

sqlite_url="sqlite://$state/large-$dialogs-$parties.db"
pg_admin=$(.ci/postgres.sh)
pg_db="inbox_bench_${dialogs}_${parties}"
pg_url="${pg_admin%/*}/$pg_db"
if [ ! -f "$state/postgres-$dialogs-$parties.seeded" ]; then
  psql "$pg_admin" -qc "DROP DATABASE IF EXISTS $pg_db" >&2
  psql "$pg_admin" -qc "CREATE DATABASE $pg_db" >&2
fi
[ -f "$state/sqlite-$dialogs-$parties.seeded" ] || rm -f "$state/large-$dialogs-$parties.db"*
# Both seeds at once: each is mostly one process's work, and the machine has two cores.
seed sqlite "$sqlite_url" &
seeding=$!
seed postgres "$pg_url"
wait $seeding

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); $(date -u +%Y-%m-%d)"
echo "Command: \`make bench\` (.ci/bench-server.sh; $requests sequential searches per row, dialog by id for $seconds s from 16 clients)"
run sqlite "$sqlite_url"
run postgres "$pg_url"
echo
.ci/bench-partitioned.sh "$pg_admin" "$pg_db" $port

echo
echo "### Storage per dialog ($dialogs dialogs; .ci/bench-storage.sh)"
echo
echo "#### sqlite"
echo
.ci/bench-storage.sh sqlite "$sqlite_url"
echo
echo "#### postgres"
echo
.ci/bench-storage.sh postgres "$pg_url"

# Both soaks at once (ten minutes, not twenty): they look for errors, lost writes and memory
# growth, not for speed, which the runs above measure alone.
soak sqlite "$sqlite_url" 1 $port >"$state/soak-sqlite.md" &
soaking=$!
soak postgres "$pg_url" 2 $((port + 2)) >"$state/soak-postgres.md" || soak_failed=1
wait $soaking || soak_failed=1
cat "$state/soak-sqlite.md" "$state/soak-postgres.md"
exit $soak_failed
