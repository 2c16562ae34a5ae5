#!/usr/bin/env bash
# Storage per dialog (issue 35): every table of a seeded database with its heap, TOAST and
# indexes, and the total divided by the dialogs in it. Prints Markdown.
#   .ci/bench-storage.sh sqlite sqlite://path.db | postgres postgres://…/db
set -euo pipefail
backend=$1 url=$2
if [ "$backend" = postgres ]; then
  psql "$url" -qc "ANALYZE"
  dialogs=$(psql "$url" -Atc "SELECT COUNT(*) FROM dialogs")
  echo "| table | rows | heap MB | TOAST MB | indexes MB | total MB |"
  echo "|---|---:|---:|---:|---:|---:|"
  psql "$url" -At -F ' | ' -c "
    SELECT c.relname, c.reltuples::bigint,
           round(pg_relation_size(c.oid) / 1048576.0, 1),
           round(COALESCE(pg_total_relation_size(NULLIF(c.reltoastrelid, 0)), 0) / 1048576.0, 1),
           round(pg_indexes_size(c.oid) / 1048576.0, 1),
           round(pg_total_relation_size(c.oid) / 1048576.0, 1)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND pg_total_relation_size(c.oid) > 1048576
    ORDER BY pg_total_relation_size(c.oid) DESC" | sed 's/^/| /; s/$/ |/'
  total=$(psql "$url" -Atc "SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'")
else
  file=${url#sqlite://}
  python3 - "$file" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
# dbstat names each index and table; an index belongs to the table sqlite_schema says.
owner = dict(c.execute("SELECT name, tbl_name FROM sqlite_schema WHERE type IN ('table', 'index')"))
sizes = {}
for name, size in c.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"):
    table = owner.get(name, name)
    heap, idx = sizes.get(table, (0, 0))
    sizes[table] = (heap + size, idx) if table == name else (heap, idx + size)
print("| table | rows | table MB | indexes MB | total MB |")
print("|---|---:|---:|---:|---:|")
for table, (heap, idx) in sorted(sizes.items(), key=lambda kv: -sum(kv[1])):
    if heap + idx <= 1048576:
        continue
    rows = c.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    print(f"| {table} | {rows} | {heap / 1048576:.1f} | {idx / 1048576:.1f} | {(heap + idx) / 1048576:.1f} |")
PY
  dialogs=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM dialogs').fetchone()[0])" "$file")
  total=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT SUM(pgsize) FROM dbstat').fetchone()[0])" "$file")
fi
echo
echo "$backend: $((total / 1048576)) MB for $dialogs dialogs: **$((total / dialogs)) bytes per dialog** (every table and index; the budget is 5,000 on PostgreSQL)"
