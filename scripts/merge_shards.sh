#!/usr/bin/env bash
# Merge the runs.csv of every shard directory under DIR into DIR/runs.csv (rows are whole runs,
# so merging is concatenation; the header is kept once). Usage: scripts/merge_shards.sh runs/sweep
set -euo pipefail
dir=${1:?usage: merge_shards.sh DIR}
shards=("$dir"/shard-*/runs.csv)
{ head -n 1 "${shards[0]}"; for f in "${shards[@]}"; do tail -n +2 "$f"; done | sort -t, -k1,1n; } > "$dir/runs.csv.partial"
mv "$dir/runs.csv.partial" "$dir/runs.csv"
echo "merged ${#shards[@]} shards into $dir/runs.csv"
