#!/usr/bin/env bash
# Simulation-based calibration on the baseline at a larger budget than the test suite's (issue 27):
# COMPANIES synthetic companies (default 100), each the baseline run with the six parameters of
# scripts/calibrate_baseline/priors.ron drawn from their priors (company c's draw and run seed are
# keyed by c), described by the twelve measures of scripts/calibrate_baseline/measures.txt
# (`salesim kpis`), then calibrated with `salesim calibrate`. Writes WORK/coverage.csv (per
# parameter: companies, the share whose 90% interval holds the truth, the share judged identified
# or weakly identified and the coverage among those), WORK/ranks.csv (each truth's rank among its
# posterior's weighted quantiles) and WORK/sbc.svg (the coverage per parameter against the nominal
# 90%), and prints the coverage table. A company already calibrated in WORK is kept, so a killed
# run continues where it stopped.
#
# Settings (environment): COMPANIES (100), BUDGET (2000), POPULATION (100), JOBS (2), WEEKS (520),
# SALESIM_BIN (target/release/salesim), WORK (out/sbc-baseline). Needs the Python venv of
# scripts/setup_tests.sh (salesim's Python package writes each company's scenario, matplotlib
# draws the figure). At 0.35 s a run on one core, 100 companies of 2,000 runs on 2 jobs are about
# ten hours: a job for a cluster node or a night, not for the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
export SALESIM_BIN=${SALESIM_BIN:-target/release/salesim}
export COMPANIES=${COMPANIES:-100} BUDGET=${BUDGET:-2000} POPULATION=${POPULATION:-100} JOBS=${JOBS:-2}
export WEEKS=${WEEKS:-520} WORK=${WORK:-out/sbc-baseline}
python=${SALESIM_VENV:-$HOME/.cache/salesim-venv}/bin/python
[ -x "$SALESIM_BIN" ] || { echo "sbc_baseline: $SALESIM_BIN not found: cargo build --release first" >&2; exit 2; }
exec "$python" - <<'PY'
import csv, os, random, re, subprocess
from pathlib import Path

import salesim

bin_, work = os.environ["SALESIM_BIN"], Path(os.environ["WORK"])
companies, weeks = int(os.environ["COMPANIES"]), int(os.environ["WEEKS"])
defs = Path("scripts/calibrate_baseline")
priors_text = (defs / "priors.ron").read_text()
priors = [(p, float(lo), float(hi)) for p, lo, hi in
          re.findall(r'path: "([^"]+)", prior: Uniform\(([^,]+), ([^)]+)\)', priors_text)]
measures = (defs / "measures.txt").read_text().split()
work.mkdir(parents=True, exist_ok=True)
results = []
for c in range(companies):
    d = work / f"company-{c:03d}"
    rng = random.Random(2027_000 + c)
    truth = {p: lo + (hi - lo) * rng.random() for p, lo, hi in priors}
    if not (d / "calibration" / "summary.csv").exists():
        d.mkdir(exist_ok=True)
        s = salesim.Scenario.load("scenarios/baseline.ron")
        for p, v in truth.items():
            s.set(p, v)
        (d / "company.ron").write_text(s.to_ron())
        subprocess.run([bin_, "run", d / "company.ron", "--seed", str(500 + c), "--weeks", str(weeks),
                        "--out", d / "run"], check=True, capture_output=True)
        kpis = subprocess.run([bin_, "kpis", d / "run"], check=True, capture_output=True, text=True).stdout
        lines = [l for l in kpis.splitlines()[1:] if l.split(",")[0] in measures]
        (d / "observed.csv").write_text("measure,value\n" + "\n".join(lines) + "\n")
        subprocess.run([bin_, "calibrate", "scenarios/baseline.ron", "--observed", d / "observed.csv",
                        "--params", defs / "priors.ron", "--budget", os.environ["BUDGET"], "--population",
                        os.environ["POPULATION"], "--jobs", os.environ["JOBS"], "--seed", str(c + 1),
                        "--weeks", str(weeks), "--out", d / "calibration", "--force"],
                       check=True, capture_output=True)
    with open(d / "calibration" / "summary.csv") as f:
        for r in csv.DictReader(f):
            t = truth[r["parameter"]]
            results.append((c, r["parameter"], t, float(r["q05"]), float(r["q95"]), r["verdict"]))
    print(f"company {c + 1}/{companies} done", flush=True)

with open(work / "ranks.csv", "w") as f:
    f.write("company,parameter,truth,q05,q95,verdict\n")
    for row in results:
        f.write(",".join(map(str, row)) + "\n")
table = []
for p, _, _ in priors:
    rows = [r for r in results if r[1] == p]
    hit = [r[3] <= r[2] <= r[4] for r in rows]
    informed = [h for r, h in zip(rows, hit) if r[5] != "not identified"]
    table.append((p, len(rows), sum(hit) / len(rows), len(informed) / len(rows),
                  sum(informed) / len(informed) if informed else float("nan")))
with open(work / "coverage.csv", "w") as f:
    f.write("parameter,companies,coverage_90,identified_share,coverage_90_identified\n")
    for row in table:
        f.write(",".join(str(x) for x in row) + "\n")
print(f"\n{'parameter':<30} {'companies':>9} {'90% coverage':>12} {'identified':>10} {'coverage there':>14}")
for p, n, cov, ident, cov_i in table:
    print(f"{p:<30} {n:>9} {cov:>12.3f} {ident:>10.3f} {cov_i:>14.3f}")

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.barh([t[0] for t in table], [t[2] for t in table], color="#4a7ab5")
ax.axvline(0.9, color="black", linestyle="--", label="nominal 90%")
ax.set_xlim(0, 1)
ax.set_xlabel(f"share of {companies} companies whose 90% interval holds the truth")
ax.legend(loc="lower right")
fig.tight_layout()
fig.savefig(work / "sbc.svg")
print(f"\n{work / 'coverage.csv'}, {work / 'ranks.csv'}, {work / 'sbc.svg'}")
PY
