#!/usr/bin/env bash
# Submit a salesim sweep to Slurm: a job array of $SHARDS shards (at most $THROTTLE running at
# once) and a merge job that runs `salesim merge $OUT` once every task has succeeded
# (--dependency=afterok). Creates logs/ first. Prints the array's and the merge job's ids.
#
#   SHARDS=32 THROTTLE=8 OUT=runs/sweep SALESIM=$PWD/target/release/salesim \
#     bash scripts/slurm_submit.sh [SBATCH OPTIONS...] -- scenarios/baseline.ron --replicates 100 ...
#
# Options before `--` go to the array's sbatch (e.g. -c 8 --mem=4G --partition=long); everything
# after it to `salesim batch`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${SHARDS:?set SHARDS, the number of shards}"
THROTTLE=${THROTTLE:-$SHARDS}
export SHARDS OUT=${OUT:-runs/sweep} SALESIM=${SALESIM:-$PWD/target/release/salesim}
opts=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do opts+=("$1"); shift; done
[ "${1:-}" = "--" ] || { echo "usage: slurm_submit.sh [SBATCH OPTIONS...] -- SCENARIO [batch arguments]" >&2; exit 2; }
shift
mkdir -p logs
array=$(sbatch --parsable "${opts[@]}" --array="0-$((SHARDS - 1))%$THROTTLE" "$here/slurm_batch.sbatch" "$@")
array=${array%%;*}
merge=$(sbatch --parsable --job-name=salesim-merge --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --cpus-per-task=1 --mem=1G --output="logs/salesim-merge-%j.out" --wrap "exec '$SALESIM' merge '$OUT'")
echo "$array $merge"
