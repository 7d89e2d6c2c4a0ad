#!/usr/bin/env bash
# Batch benchmarks for docs/SPEED.md: parallel efficiency of 200 baseline runs on 1 and 2 jobs, and
# peak memory of a 100-run and a 10,000-run batch (short runs: memory is the batch machinery's).
# Usage: bash scripts/bench_batch.sh [path/to/salesim]
set -euo pipefail
bin=${1:-target/release/salesim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
measure() { # label, then the batch arguments
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" batch "$@" >/dev/null 2>&1
  read -r secs kib < "$tmp/time"
  echo "$label: ${secs} s, peak $((kib / 1024)) MiB"
  echo "$secs" > "$tmp/$label"
}
measure "200 runs, 1 job" scenarios/baseline.ron --replicates 200 --jobs 1 --out "$tmp/j1"
measure "200 runs, 2 jobs" scenarios/baseline.ron --replicates 200 --jobs 2 --out "$tmp/j2"
awk -v a="$(cat "$tmp/200 runs, 1 job")" -v b="$(cat "$tmp/200 runs, 2 jobs")" 'BEGIN { printf "speed-up on 2 jobs: %.2fx (efficiency %.0f%%)\n", a / b, 50 * a / b }' 
measure "100 runs" scenarios/baseline.ron --weeks 13 --replicates 100 --jobs 2 --out "$tmp/m100"
measure "10000 runs" scenarios/baseline.ron --weeks 13 --replicates 10000 --jobs 2 --out "$tmp/m10000"
