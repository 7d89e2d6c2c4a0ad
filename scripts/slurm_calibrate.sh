#!/usr/bin/env bash
# A calibration on Slurm, driven from the login node: rounds of a job array of $SHARDS shards
# (scripts/slurm_calibrate.sbatch, `salesim calibrate --shard`, each task one shard's runs of the
# next batch), each round waited for (`sbatch --wait`) and merged (`salesim merge $OUT`), until the
# shards report `complete`; then one job without --shard writes the posterior from the stored
# runs: the same files, byte for byte, as `salesim calibrate` on one machine (tests/slurm_calibrate.rs
# checks that identity on a one-node Slurm, tests/calibrate_shards.rs with shards as processes).
# A round that fails stops the script; run it again with the same arguments to continue from the
# runs already merged.
#
#   SHARDS=16 OUT=runs/cal SALESIM=$PWD/target/release/salesim \
#     bash scripts/slurm_calibrate.sh [SBATCH OPTIONS...] -- scenarios/baseline.ron \
#       --observed company.csv --params priors.ron --budget 5000 --population 100
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${SHARDS:?set SHARDS, the number of shards}"
export SHARDS OUT=${OUT:-runs/calibrate} SALESIM=${SALESIM:-$PWD/target/release/salesim}
opts=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do opts+=("$1"); shift; done
[ "${1:-}" = "--" ] || { echo "usage: slurm_calibrate.sh [SBATCH OPTIONS...] -- SCENARIO [calibrate arguments]" >&2; exit 2; }
shift
mkdir -p logs "$OUT"
round=0
while :; do
  round=$((round + 1))
  rm -f "$OUT"/shard-*/status
  sbatch --wait --parsable "${opts[@]}" --array="0-$((SHARDS - 1))" "$here/slurm_calibrate.sbatch" "$@" >/dev/null
  "$SALESIM" merge "$OUT"
  statuses=$(cat "$OUT"/shard-*/status | sort -u)
  echo "slurm_calibrate: round $round: $statuses"
  [ "$statuses" = complete ] && break
  [ "$statuses" = pending ] || { echo "slurm_calibrate: shards disagree or failed: $statuses" >&2; exit 1; }
done
FINAL=1 sbatch --wait --parsable "${opts[@]}" --output="logs/salesim-calibrate-final-%j.out" \
  "$here/slurm_calibrate.sbatch" "$@" >/dev/null
echo "slurm_calibrate: posterior in $OUT after $round rounds"
