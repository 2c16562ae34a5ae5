#!/usr/bin/env bash
# `cargo deny check` offline: the committed RustSec extract (docs/reference/advisory-db) becomes
# the local git repository cargo-deny reads its database from, so no clone needs the network.
# First a self-check: with one made-up advisory against a crate we build with, the advisories
# check must fail, so a database that is not read cannot pass quietly.
set -euo pipefail
cd "$(dirname "$0")/.."
src=docs/reference/advisory-db
date=$(sed -n 's/^commit [0-9a-f]* of //p' "$src/SOURCE")

# A git repository of `from` at `to` (cargo-deny names each database's directory after its URL),
# committed at the database's own date so the staleness check sees its real age.
make_db() {
  local from=$1 to=$2
  rm -rf "$to"; mkdir -p "$to"
  cp -r "$from/." "$to/"
  git -C "$to" init -q -b main
  git -C "$to" add -A
  GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date" git -C "$to" -c user.name=inbox -c user.email=inbox@localhost commit -q -m "RustSec extract"
}
name=advisory-db-3157b0e258782691
# cargo-deny reads `cargo metadata` offline, which wants every locked package (other platforms'
# too) in the local registry cache; a build alone fetches only this platform's.
cargo fetch --locked >/dev/null

selftest=target/deny-selftest
make_db "$src" "$selftest/dbs/$name"
mkdir -p "$selftest/dbs/$name/crates/serde_json"
cat > "$selftest/dbs/$name/crates/serde_json/RUSTSEC-2026-9999.md" <<'ADVISORY'
```toml
[advisory]
id = "RUSTSEC-2026-9999"
package = "serde_json"
date = "2026-01-01"

[versions]
patched = [">= 99.0.0"]
```
# Made up by .ci/deny.sh to see the check fail
ADVISORY
git -C "$selftest/dbs/$name" add -A
GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date" git -C "$selftest/dbs/$name" -c user.name=inbox -c user.email=inbox@localhost commit -q -m "self-test advisory"
if INBOX_ADVISORY_DBS="$selftest/dbs" cargo deny --offline check advisories >"$selftest/out.txt" 2>&1; then
  echo "deny: the advisories check passed with a made-up advisory against serde_json: it does not read the database" >&2
  cat "$selftest/out.txt" >&2
  exit 1
fi
grep -q RUSTSEC-2026-9999 "$selftest/out.txt" || { echo "deny: the self-check failed for another reason:" >&2; cat "$selftest/out.txt" >&2; exit 1; }
echo "deny: self-check ok (a made-up advisory is caught)"

db=target/advisory-dbs/$name
if [ ! -f "$db/.extract" ] || ! cmp -s "$src/SOURCE" "$db/.extract"; then
  make_db "$src" "$db"
  cp "$src/SOURCE" "$db/.extract"
fi
cargo deny --offline check --show-stats
