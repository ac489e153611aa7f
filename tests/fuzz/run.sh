#!/usr/bin/env bash
# Runs every fuzz target built in BUILD_DIR for SECONDS each, starting from its seed corpus in
# tests/fuzz/corpus/<target without fuzz_>. Exits non-zero on the first crash, sanitizer report,
# leak, timeout or out-of-memory; the reproducer is left in WORK_DIR (default BUILD_DIR/fuzz-work).
# Usage: tests/fuzz/run.sh BUILD_DIR [SECONDS] [WORK_DIR]
set -euo pipefail
build=$1
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
work=${3:-$build/fuzz-work}
mkdir -p "$work"
status=0
for target in "$build"/tests/fuzz/fuzz_*; do
  [ -x "$target" ] || continue
  name=$(basename "$target")
  seeds="$here/corpus/${name#fuzz_}"
  corpus="$work/$name/corpus"
  mkdir -p "$corpus" "$work/$name/findings"
  printf '%s: %ss\n' "$name" "$seconds"
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: a blow-up in memory is a finding.
  if ! "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -print_final_stats=1 -artifact_prefix="$work/$name/findings/" "$corpus" "$seeds" \
       >"$work/$name/log" 2>&1; then
    printf '%s FAILED; log: %s\n' "$name" "$work/$name/log"
    tail -n 40 "$work/$name/log"
    status=1
  else
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$work/$name/log" | sed 's/^/  /'
  fi
done
exit $status
