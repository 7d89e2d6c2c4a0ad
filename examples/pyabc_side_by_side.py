"""salesim as a pyABC simulator, and salesim's own calibration, on the same problem, side by side.

A tiny world (the baseline at a fifth of its size, 10 reps and 1,000 accounts, one year) plays a
company whose customer churn rate and new-deal win rate we pretend not to know: one run with
``customers.churn_rate_annual = 0.08`` and ``deals.new_win_rate = 0.2`` gives its observed
``customer_churn`` and ``win_rate``. Both calibrations fit those two parameters, with the same
flat priors, to those two figures:

* pyABC (``pyabc.ABCSMC`` with an adaptive p-norm distance) calls ``salesim.run`` as its model and
  reads the two measures from the run's summary (``annual_customer_churn`` and
  ``new_deal_win_rate``, which is how ``salesim kpis`` computes ``customer_churn`` and
  ``win_rate`` over the whole run);
* ``salesim.calibrate`` (population Monte Carlo ABC in Rust, docs/CALIBRATION.md) runs the same
  world on the same observed file and priors.

It prints each parameter's weighted median and 90% interval under both posteriors (and the truth),
and saves a figure with the two weighted posteriors over each prior range.

    python examples/pyabc_side_by_side.py                 # population 100, about 1,000 runs each
    python examples/pyabc_side_by_side.py --small         # a tiny budget for the test (seconds)

``SALESIM_PYABC_SMALL=1`` in the environment is the same as ``--small``. ``--out DIR`` (default
``out/pyabc``) receives ``side_by_side.png`` and both posteriors as CSV.
"""

from __future__ import annotations

import argparse
import logging
import os
import tempfile
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pyabc  # noqa: E402

import salesim  # noqa: E402

logging.getLogger("ABC").setLevel(logging.WARNING)  # pyABC's progress lines, after its own set-up

ROOT = Path(__file__).resolve().parent.parent
WEEKS = 52
TRUTH = {"customers.churn_rate_annual": 0.08, "deals.new_win_rate": 0.2}
PRIORS = {"customers.churn_rate_annual": (0.02, 0.2), "deals.new_win_rate": (0.15, 0.35)}
# Each observed measure and the summary key that gives it over the whole run.
MEASURES = {"customer_churn": "annual_customer_churn", "win_rate": "new_deal_win_rate"}


def tiny_world() -> salesim.Scenario:
    """The baseline at a fifth of its size, as the Rust tests' small world."""
    s = salesim.Scenario.load(ROOT / "scenarios" / "baseline.ron")
    for path, value in [("sales_force.reps", 10), ("hiring.target_headcount", 10), ("market.accounts", 1000),
                        ("market.prospects", 3000)]:
        s.set(path, value)
    return s


def measures(world: salesim.Scenario, params: dict[str, float], seed: int) -> dict[str, float]:
    """One run of ``world`` with ``params`` on ``seed``: the observed measures."""
    s = world.copy()
    for path, value in params.items():
        s.set(path, float(value))
    summary = salesim.run(s, seed=seed, weeks=WEEKS).summary
    return {m: float(summary[key]) for m, key in MEASURES.items()}


def weighted_quantiles(x: np.ndarray, w: np.ndarray, qs: list[float]) -> list[float]:
    order = np.argsort(x)
    cum = np.cumsum(w[order]) / np.sum(w)
    return [float(x[order][min(np.searchsorted(cum, q), len(x) - 1)]) for q in qs]


def run_pyabc(world: salesim.Scenario, observed: dict[str, float], population: int, generations: int,
              db: Path) -> tuple[dict[str, np.ndarray], np.ndarray, int]:
    """pyABC's posterior: each parameter's draws, their weights, and the runs it spent."""
    keys = {path: path.replace(".", "_") for path in PRIORS}  # pyABC's names cannot hold dots
    prior = pyabc.Distribution(**{keys[p]: pyabc.RV("uniform", lo, hi - lo) for p, (lo, hi) in PRIORS.items()})
    seeds = iter(range(10_000, 10_000_000))

    def model(p: dict[str, float]) -> dict[str, float]:
        return measures(world, {path: p[keys[path]] for path in PRIORS}, next(seeds))

    np.random.seed(3)
    abc = pyabc.ABCSMC(model, prior, pyabc.AdaptivePNormDistance(p=2), population_size=population,
                       sampler=pyabc.sampler.SingleCoreSampler())
    abc.new("sqlite:///" + str(db), observed)
    history = abc.run(max_nr_populations=generations)
    frame, weights = history.get_distribution()
    runs = int(history.total_nr_simulations)
    return {path: frame[keys[path]].to_numpy() for path in PRIORS}, np.asarray(weights), runs


def run_salesim(world: salesim.Scenario, observed: dict[str, float], population: int,
                budget: int) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """salesim's own posterior on the same observed file and priors."""
    observed_csv = "measure,value\n" + "".join(f"{m},{v!r}\n" for m, v in observed.items())
    priors_ron = "[\n" + "".join(f'    (path: "{p}", prior: Uniform({lo}, {hi})),\n'
                                 for p, (lo, hi) in PRIORS.items()) + "]\n"
    table = salesim.calibrate(world, observed_csv, priors_ron, budget=budget, population=population, seed=1,
                              weeks=WEEKS)
    weights = np.asarray(table.column("weight").to_pylist())
    return {p: np.asarray(table.column(p).to_pylist()) for p in PRIORS}, weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="a tiny budget (seconds), for the test")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "pyabc")
    args = parser.parse_args()
    small = args.small or os.environ.get("SALESIM_PYABC_SMALL") == "1"
    population, generations = (12, 3) if small else (100, 6)
    budget = population * 2 * (generations + 1) + population
    world = tiny_world()
    observed = measures(world, TRUTH, seed=7)
    print(f"the company (a run with {TRUTH}): " + ", ".join(f"{m} = {v:.4f}" for m, v in observed.items()))

    with tempfile.TemporaryDirectory() as tmp:
        ours_draws, ours_w = run_salesim(world, observed, population, budget)
        theirs_draws, theirs_w, theirs_runs = run_pyabc(world, observed, population, generations,
                                                        Path(tmp) / "pyabc.db")
    print(f"pyABC: {generations} generations of {population} ({theirs_runs} runs); "
          f"salesim.calibrate: population {population}, budget {budget} runs")
    print(f"\n{'parameter':<30} {'truth':>7}  {'pyABC median [90%]':>26}  {'salesim median [90%]':>26}")
    for p in PRIORS:
        cells = []
        for draws, w in [(theirs_draws[p], theirs_w), (ours_draws[p], ours_w)]:
            q05, q50, q95 = weighted_quantiles(draws, w, [0.05, 0.5, 0.95])
            cells.append(f"{q50:.4f} [{q05:.4f}, {q95:.4f}]")
        print(f"{p:<30} {TRUTH[p]:>7.4f}  {cells[0]:>26}  {cells[1]:>26}")

    args.out.mkdir(parents=True, exist_ok=True)
    fig, axes = plt.subplots(1, len(PRIORS), figsize=(5 * len(PRIORS), 3.5))
    for ax, p in zip(axes, PRIORS):
        lo, hi = PRIORS[p]
        bins = np.linspace(lo, hi, 25)
        ax.hist(theirs_draws[p], bins=bins, weights=theirs_w, density=True, alpha=0.5, label="pyABC")
        ax.hist(ours_draws[p], bins=bins, weights=ours_w, density=True, alpha=0.5, label="salesim calibrate")
        ax.axvline(TRUTH[p], color="black", linestyle="--", label="truth")
        ax.set_title(p)
    axes[0].legend()
    fig.tight_layout()
    fig.savefig(args.out / "side_by_side.png", dpi=100)
    for name, draws, w in [("pyabc", theirs_draws, theirs_w), ("salesim", ours_draws, ours_w)]:
        rows = ["weight," + ",".join(PRIORS)] + [
            f"{float(w[i])!r}," + ",".join(repr(float(draws[p][i])) for p in PRIORS) for i in range(len(w))]
        (args.out / f"posterior_{name}.csv").write_text("\n".join(rows) + "\n")
    print(f"\nfigure: {args.out / 'side_by_side.png'}; posteriors: posterior_pyabc.csv, posterior_salesim.csv")


if __name__ == "__main__":
    main()
