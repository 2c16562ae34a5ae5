#!/usr/bin/env bash
# Runs every cargo-fuzz target (fuzz/fuzz_targets) for FUZZ_SECONDS each, starting from its
# committed corpus (fuzz/corpus/<target>, copied so a short run leaves the checkout as it was).
# A panic fails the run and leaves the input in fuzz/artifacts/<target>/. With FUZZ_KEEP=1
# (`make fuzz`), inputs that reach new code are merged back into the committed corpus.
# No sanitizer (-s none): the stable toolchain has none, and the targets are safe Rust.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-15}
cargo fuzz build -s none --fuzz-dir fuzz
total=0
for target in $(cargo fuzz list --fuzz-dir fuzz); do
  work=$(mktemp -d)
  log=$(mktemp)
  cp fuzz/corpus/"$target"/* "$work"/
  if ! cargo fuzz run -s none --fuzz-dir fuzz "$target" "$work" -- -max_total_time="$seconds" -max_len=4096 >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz: $target FAILED; the failing input is in fuzz/artifacts/$target/"
    exit 1
  fi
  runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log")
  total=$((total + runs))
  echo "fuzz: $target: $runs inputs in ${seconds} s, no failure ($(ls fuzz/corpus/"$target" | wc -l) committed seeds, corpus grew to $(ls "$work" | wc -l))"
  if [ "${FUZZ_KEEP:-0}" = 1 ]; then
    cargo fuzz run -s none --fuzz-dir fuzz "$target" fuzz/corpus/"$target" "$work" -- -merge=1 >"$log" 2>&1
    echo "fuzz: $target: corpus merged, now $(ls fuzz/corpus/"$target" | wc -l) files"
  fi
  rm -rf "$work" "$log"
done
echo "fuzz: $total inputs in all"
