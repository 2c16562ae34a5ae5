#!/usr/bin/env bash
# Partitioning, measured (issue 35): a copy of the seeded PostgreSQL benchmark database whose
# dialogs table is hash-partitioned by party into $BENCH_PARTITIONS partitions with the same
# indexes (.ci/partition-dialogs.sql); then the same search benchmark against it. Prints Markdown.
#   .ci/bench-partitioned.sh ADMIN_URL SOURCE_DB PORT
set -euo pipefail
cd "$(dirname "$0")/.."
admin=$1
source_db=$2
port=$3
parts=${BENCH_PARTITIONS:-16}
copy="${source_db}_by_party"
url="${admin%/*}/$copy"
server=target/release/inbox-server
bench=target/release/examples/bench_search

start=$SECONDS
psql "$admin" -qc "DROP DATABASE IF EXISTS $copy" -c "CREATE DATABASE $copy TEMPLATE $source_db" >&2
psql "$url" -q -v ON_ERROR_STOP=1 -c "SET inbox.partitions = '$parts'" -f .ci/partition-dialogs.sql -c "VACUUM ANALYZE dialogs" >&2
built=$((SECONDS - start))

"$server" serve --addr 127.0.0.1:$port --database-url "$url" --dev-login --search-rate 0 --write-rate 0 --owner-write-rate 0 --anonymous-rate 0 >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/api/v1/metadata/limits" >/dev/null 2>&1 && break; sleep 0.2; done
echo "### postgres, dialogs hash-partitioned by party into $parts ($(psql "$url" -Atc "SELECT COUNT(*) FROM dialogs") dialogs; copied and indexed in $built s)"
echo
"$bench" "http://127.0.0.1:$port" "${BENCH_REQUESTS:-1000}" "${BENCH_SECONDS:-10}"
echo "server RSS after the run: $(( $(ps -o rss= -p $pid) / 1024 )) MB"
kill $pid; wait $pid 2>/dev/null || true
psql "$admin" -qc "DROP DATABASE $copy" >&2
