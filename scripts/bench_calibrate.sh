#!/usr/bin/env bash
# The calibration benchmark of issue 27: six parameters (scripts/calibrate_baseline/priors.ron)
# fitted to twelve measures (scripts/calibrate_baseline/measures.txt) of one baseline run (seed 9,
# 520 weeks, its parameters the baseline's own), `--budget 5000 --population 100 --jobs 2`.
# Prints the wall time, the peak memory and whether each true value lies in its 90% interval.
# Settings (environment): BUDGET (5000), POPULATION (100), JOBS (2), SALESIM_BIN
# (target/release/salesim), WORK (out/bench-calibrate).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${SALESIM_BIN:-target/release/salesim}
budget=${BUDGET:-5000}
population=${POPULATION:-100}
jobs=${JOBS:-2}
work=${WORK:-out/bench-calibrate}
defs=scripts/calibrate_baseline
[ -x "$bin" ] || { echo "bench_calibrate: $bin not found: cargo build --release first" >&2; exit 2; }
mkdir -p "$work"
"$bin" run scenarios/baseline.ron --seed 9 --out "$work/company" >/dev/null
"$bin" kpis "$work/company" | awk -F, 'NR == FNR { keep[$1] = 1; next } FNR == 1 || keep[$1]' \
  "$defs/measures.txt" - >"$work/observed.csv"
/usr/bin/time -v "$bin" calibrate scenarios/baseline.ron --observed "$work/observed.csv" \
  --params "$defs/priors.ron" --budget "$budget" --population "$population" --jobs "$jobs" --seed 1 \
  --out "$work/calibration" --force >"$work/calibration.txt" 2>"$work/time.txt"
grep -E "Elapsed \(wall|Maximum resident" "$work/time.txt"
# The truth is the baseline's own value of each parameter.
while IFS=, read -r parameter _ _ _ _ q05 _ _ q95 _ verdict; do
  [ "$parameter" = parameter ] && continue
  truth=$("$bin" params scenarios/baseline.ron | awk -v p="$parameter" '$1 == p { print $3 }')
  inside=$(awk -v t="$truth" -v lo="$q05" -v hi="$q95" 'BEGIN { print (lo <= t && t <= hi) ? "inside" : "OUTSIDE" }')
  echo "$parameter: truth $truth, 90% interval [$q05, $q95] $inside ($verdict)"
done <"$work/calibration/summary.csv"
