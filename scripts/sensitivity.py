#!/usr/bin/env python3
"""Global sensitivity of a salesim KPI to four policy parameters (Sobol indices with SALib).

Makes a Saltelli/Sobol design over commission rate, base salary, CRM retention and team-pool share
with SALib, runs it through `salesim batch --design`, averages the KPI over each point's
replicates, and prints first-order (S1) and total (ST) indices with 95% intervals.

    bash scripts/setup_tests.sh     # once: a venv with SALib and numpy ($HOME/.cache/salesim-venv)
    ~/.cache/salesim-venv/bin/python scripts/sensitivity.py --n 64 --replicates 5 --kpi annual_rep_turnover

The design has n * (4 + 2) points (n a power of 2); runs.csv and runs.parquet are in --out.
"""

import argparse
import csv
import os
import subprocess
import sys

import numpy as np
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample

# The four policy parameters and their ranges.
PROBLEM = {
    "num_vars": 4,
    "names": ["pay.commission_rate", "pay.base_salary", "ownership.crm_retention", "pay.team_pool_share"],
    "bounds": [[0.02, 0.10], [40000.0, 90000.0], [0.0, 1.0], [0.0, 0.5]],
}


def arguments():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scenario", default="scenarios/baseline.ron", help="base scenario (default: %(default)s)")
    p.add_argument("--n", type=int, default=64, help="Sobol base sample size, a power of 2 (default: %(default)s)")
    p.add_argument("--replicates", type=int, default=5, help="replicates per point (default: %(default)s)")
    p.add_argument("--weeks", type=int, default=None, help="weeks per run (default: the scenario's)")
    p.add_argument("--kpi", default="annual_rep_turnover", help="runs.csv column to analyse (default: %(default)s)")
    p.add_argument("--out", default="out/sensitivity", help="batch directory (default: %(default)s)")
    p.add_argument("--salesim", default=os.environ.get("SALESIM", "target/release/salesim"), help="the salesim binary")
    p.add_argument("--jobs", type=int, default=None, help="salesim --jobs")
    p.add_argument("--seed", type=int, default=2024, help="seed of the design and of the bootstrap intervals")
    return p.parse_args()


def run_design(args, design_csv):
    cmd = [args.salesim, "batch", args.scenario, "--design", design_csv, "--replicates", str(args.replicates),
           "--out", args.out, "--force"]
    if args.weeks is not None:
        cmd += ["--weeks", str(args.weeks)]
    if args.jobs is not None:
        cmd += ["--jobs", str(args.jobs)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def point_means(runs_csv, kpi, points):
    """The KPI averaged over each point's replicates, in point order."""
    sums, counts = np.zeros(points), np.zeros(points)
    with open(runs_csv, newline="") as f:
        for row in csv.DictReader(f):
            if kpi not in row:
                sys.exit(f"sensitivity.py: runs.csv has no column `{kpi}`")
            p = int(row["point_id"])
            sums[p] += float(row[kpi]) if row[kpi] != "" else np.nan
            counts[p] += 1
    if (counts == 0).any():
        sys.exit("sensitivity.py: some design points have no runs")
    return sums / counts


def main():
    args = arguments()
    os.makedirs(args.out, exist_ok=True)
    x = sobol_sample.sample(PROBLEM, args.n, calc_second_order=False, seed=args.seed)
    design_csv = os.path.join(args.out, "design.csv")
    np.savetxt(design_csv, x, delimiter=",", header=",".join(PROBLEM["names"]), comments="", fmt="%.10g")
    run_design(args, design_csv)
    y = point_means(os.path.join(args.out, "runs.csv"), args.kpi, len(x))
    si = sobol_analyze.analyze(PROBLEM, y, calc_second_order=False, conf_level=0.95, seed=args.seed)
    print(f"Sobol indices of {args.kpi} over {len(x)} points x {args.replicates} replicates (95% intervals)")
    print(f"{'parameter':<26} {'S1':>8} {'± 95%':>8} {'ST':>8} {'± 95%':>8}")
    for i, name in enumerate(PROBLEM["names"]):
        print(f"{name:<26} {si['S1'][i]:8.3f} {si['S1_conf'][i]:8.3f} {si['ST'][i]:8.3f} {si['ST_conf'][i]:8.3f}")


if __name__ == "__main__":
    main()
