#!/usr/bin/env bash
# Migration benchmark: simulates BENCH_ITEMS (default 1M) Altinn 2/3 source items once, then runs
# `inbox-server migrate history` into a fresh demo database per backend, and again with --again
# (every item compared, nothing written). Prints Markdown; `make bench` puts it in
# docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
items=${BENCH_ITEMS:-1000000}
batch=${BENCH_BATCH:-1000}
state=.make/bench
mkdir -p "$state"
server=target/release/inbox-server
[ -x /usr/bin/time ] || { echo "installing time (for peak memory)" >&2; ${SUDO:-} apt-get install -y time >&2; }
sources="$state/sources-$items.db"
target="$state/migration-target.db"

# The sources need a register to belong to: the demo's.
rm -f "$target" "$target"-wal "$target"-shm
"$server" seed --database-url "sqlite://$target" >&2
if [ ! -f "$sources.done" ]; then
  echo "simulating $items source items (once)" >&2
  rm -f "$sources" "$sources"-wal "$sources"-shm
  "$server" simulate-sources --store "$sources" --database-url "sqlite://$target" --items "$items" --years 20 >&2
  touch "$sources.done"
fi

# Prints "seconds items/s peak-RSS-MB" for one migrate command.
measure() {
  local log
  log=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$log.time" "$server" migrate --store "$sources" --database-url "$1" --batch "$batch" history "${@:2}" >"$log"
  read -r secs rss <"$log.time"
  awk -v s="$secs" -v n="$items" -v r="$rss" 'BEGIN { printf "%.0f s | %.0f items/s | %.0f MB", s, n / s, r / 1024 }'
  rm -f "$log" "$log.time"
}

echo "| backend | run over $items items (batches of $batch) | time | items/s | peak memory |"
echo "|---|---|---|---|---|"
echo "| SQLite | history | $(measure "sqlite://$target") |"
echo "| SQLite | history --again (nothing to write) | $(measure "sqlite://$target" --again) |"
pg_url=$(.ci/postgres.sh)
# Both runs into a fresh demo database on PostgreSQL; with "partitioned", its dialogs table first
# hash-partitioned by party (.ci/partition-dialogs.sql), as docs/scale.md plans past one table.
postgres_rows() { # label [partitioned]
  local db="inbox_bench_migration"
  psql "$pg_url" -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >&2
  local pg="${pg_url%/*}/$db"
  "$server" seed --database-url "$pg" >&2
  if [ "${2:-}" = partitioned ]; then psql "$pg" -q -v ON_ERROR_STOP=1 -f .ci/partition-dialogs.sql >&2; fi
  echo "| $1 | history | $(measure "$pg") |"
  echo "| $1 | history --again (nothing to write) | $(measure "$pg" --again) |"
  psql "$pg_url" -qc "DROP DATABASE $db" >&2
}
postgres_rows "PostgreSQL 15"
postgres_rows "PostgreSQL 15, dialogs in 16 partitions by party" partitioned
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); \`make bench\` on $(date -u +%Y-%m-%d) (\`.ci/bench-migration.sh\`)."
