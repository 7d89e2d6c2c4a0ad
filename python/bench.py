"""Speed of salesim from Python against the command line, on the same machine, side by side.

* One baseline run: ``salesim.run`` (the run and its five Arrow tables handed to pyarrow) against
  ``salesim bench`` (the same run's set-up, weeks and output rows on one thread, no file written),
  best of ``--repeat`` alternating rounds.
* A batch: ``salesim.batch`` against ``salesim batch --design`` (process start and files
  included) for the same design, on 1 and 2 jobs.

    python python/bench.py --repeat 5 --salesim target/release/salesim

The machine may be shared: rounds alternate the two sides so a busy spell hits both, and the
best of each is reported along with the spread.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Callable

import pandas as pd

import salesim

ROOT = Path(__file__).resolve().parent.parent


def timed(f: Callable[[], object]) -> float:
    """Wall time of one call, in seconds."""
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


def cli_bench(binary: str, scenario: str) -> float:
    """Best of 1 of `salesim bench` (one thread, no files), in seconds."""
    out = subprocess.run([binary, "bench", scenario, "--repeat", "1"], capture_output=True, text=True, check=True)
    m = re.search(r"([0-9.]+) s best of", out.stdout)
    if not m:
        raise RuntimeError(f"unexpected `salesim bench` output: {out.stdout}")
    return float(m.group(1))


def py_run(scenario: salesim.Scenario) -> None:
    """One run from Python, every table materialised as a pyarrow Table."""
    r = salesim.run(scenario)
    for t in (r.timeseries, r.events, r.reps, r.accounts, r.deals):
        assert t.num_rows > 0
    assert r.summary["weeks"] == scenario.weeks


def spread(xs: list[float]) -> str:
    """`best (best–worst)` in seconds."""
    return f"{min(xs):.3f} s ({min(xs):.3f}–{max(xs):.3f})"


def main() -> None:
    """Measure and print a Markdown table."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--salesim", default=str(ROOT / "target" / "release" / "salesim"))
    p.add_argument("--scenario", default=str(ROOT / "scenarios" / "baseline.ron"))
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--points", type=int, default=4)
    p.add_argument("--replicates", type=int, default=10)
    a = p.parse_args()
    s = salesim.Scenario.load(a.scenario)

    py_times, cli_times = [], []
    py_run(s)  # warm-up (pyarrow import, page cache)
    for _ in range(a.repeat):
        cli_times.append(cli_bench(a.salesim, a.scenario))
        py_times.append(timed(lambda: py_run(s)))
    ratio = min(py_times) / min(cli_times)

    design = pd.DataFrame({"pay.commission_rate": [0.03 + 0.02 * i for i in range(a.points)]})
    runs = a.points * a.replicates
    rows: dict[tuple[str, int], list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        design.to_csv(Path(tmp) / "design.csv", index=False)
        for _ in range(a.repeat):
            for jobs in (1, 2):
                rows.setdefault(("python", jobs), []).append(
                    timed(lambda: salesim.batch(s, design, replicates=a.replicates, jobs=jobs))
                )
                cmd = [a.salesim, "batch", a.scenario, "--design", f"{tmp}/design.csv", "--replicates",
                       str(a.replicates), "--jobs", str(jobs), "--out", f"{tmp}/out", "--force"]
                rows.setdefault(("cli", jobs), []).append(
                    timed(lambda: subprocess.run(cmd, capture_output=True, check=True))
                )

    print(f"scenario `{s.name}`, {s.weeks} weeks; best of {a.repeat} alternating rounds (range)\n")
    print("| what | time |")
    print("|---|---|")
    print(f"| one run, `salesim bench` (no files) | {spread(cli_times)} |")
    print(f"| one run, `salesim.run` + five pyarrow tables | {spread(py_times)} |")
    print(f"| Python / CLI (best) | {ratio:.3f} (median {statistics.median(py_times) / statistics.median(cli_times):.3f}) |")
    for side, label in (("cli", "`salesim batch --design`"), ("python", "`salesim.batch`")):
        one, two = min(rows[(side, 1)]), min(rows[(side, 2)])
        print(f"| {runs} runs, {label}, 1 job | {spread(rows[(side, 1)])} |")
        print(f"| {runs} runs, {label}, 2 jobs | {spread(rows[(side, 2)])}; speed-up {one / two:.2f}× |")


if __name__ == "__main__":
    main()
