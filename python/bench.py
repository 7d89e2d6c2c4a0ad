"""Speed of salesim from Python against the command line, on the same machine, side by side.

* One baseline run: ``salesim.run`` (the run and its five Arrow tables handed to pyarrow) against
  ``salesim bench`` (the same run's set-up, weeks and output rows on one thread, no file written),
  best of ``--repeat`` alternating rounds, in wall time and in CPU time (all threads; the CLI's
  includes starting the process).
* A batch: ``salesim.batch`` against ``salesim batch --design`` (process start and files
  included) for the same design, on 1 and 2 jobs.

    python python/bench.py --repeat 5 --salesim target/release/salesim

The machine may be shared: rounds alternate the two sides so a busy spell hits both, and the
best of each is reported along with the spread.
"""

from __future__ import annotations

import argparse
import re
import resource
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


def cli_bench(binary: str, scenario: str) -> tuple[float, float]:
    """`salesim bench --repeat 1` (one thread, no files): its own wall time and the process's CPU
    time, in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([binary, "bench", scenario, "--repeat", "1"], capture_output=True, text=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    m = re.search(r"([0-9.]+) s best of", out.stdout)
    if not m:
        raise RuntimeError(f"unexpected `salesim bench` output: {out.stdout}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return float(m.group(1)), cpu


def py_timed(scenario: salesim.Scenario) -> tuple[float, float]:
    """Wall and CPU time (all threads) of one :func:`py_run`, in seconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    py_run(scenario)
    return time.perf_counter() - wall, time.process_time() - cpu


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

    py_times, cli_times, py_cpu, cli_cpu = [], [], [], []
    py_run(s)  # warm-up (pyarrow import, page cache)
    for _ in range(a.repeat):
        wall, cpu = cli_bench(a.salesim, a.scenario)
        cli_times.append(wall)
        cli_cpu.append(cpu)
        wall, cpu = py_timed(s)
        py_times.append(wall)
        py_cpu.append(cpu)
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
    print(f"| one run, `salesim bench` (no files), wall | {spread(cli_times)} |")
    print(f"| one run, `salesim.run` + five pyarrow tables, wall | {spread(py_times)} |")
    median = statistics.median(py_times) / statistics.median(cli_times)
    print(f"| Python / CLI, wall | {ratio:.3f} best, {median:.3f} median |")
    print(f"| one run, `salesim bench`, CPU (process) | {spread(cli_cpu)} |")
    print(f"| one run, `salesim.run` + tables, CPU (all threads) | {spread(py_cpu)} |")
    print(f"| Python / CLI, CPU | {min(py_cpu) / min(cli_cpu):.3f} best |")
    for side, label in (("cli", "`salesim batch --design`"), ("python", "`salesim.batch`")):
        one, two = min(rows[(side, 1)]), min(rows[(side, 2)])
        print(f"| {runs} runs, {label}, 1 job | {spread(rows[(side, 1)])} |")
        print(f"| {runs} runs, {label}, 2 jobs | {spread(rows[(side, 2)])}; speed-up {one / two:.2f}× |")


if __name__ == "__main__":
    main()
