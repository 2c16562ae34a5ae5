#!/usr/bin/env bash
# Copies into docs/reference/advisory-db/ the RustSec advisories (https://github.com/rustsec/advisory-db,
# CC0-1.0) of every crate named in Cargo.lock, so `make test`'s `cargo deny check advisories` runs
# offline in any clone (.ci/deny.sh). Run it after adding a dependency or to take newer advisories:
#   .ci/advisories-extract.sh /path/to/a/clone/of/advisory-db
# It writes SOURCE with the upstream commit and date.
set -euo pipefail
src="${1:?usage: $0 <advisory-db clone (a git directory or work tree)>}"
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/docs/reference/advisory-db"
git="git --git-dir=$src"
[ -d "$src/.git" ] && git="git -C $src"
commit=$($git rev-parse HEAD)
date=$($git log -1 --format=%cI HEAD)
rm -rf "$out"; mkdir -p "$out"
crates=$(sed -n 's/^name = "\(.*\)"$/\1/p' "$here/Cargo.lock" | sort -u)
n=0
for path in $($git ls-tree -r HEAD --name-only crates); do
  name=$(echo "$path" | cut -d/ -f2)
  if grep -qx -- "$name" <<<"$crates"; then
    mkdir -p "$out/$(dirname "$path")"
    $git show "HEAD:$path" > "$out/$path"
    n=$((n + 1))
  fi
done
$git show HEAD:LICENSE.txt > "$out/LICENSE.txt" 2>/dev/null || true
cat > "$out/SOURCE" <<INFO
RustSec advisory database, https://github.com/rustsec/advisory-db (CC0-1.0)
commit $commit of $date
$n advisories: those of the crates in Cargo.lock, copied by .ci/advisories-extract.sh
INFO
echo "advisory-db: $n advisories from $commit ($date)"
