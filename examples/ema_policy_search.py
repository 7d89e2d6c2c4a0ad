"""Which pay and ownership policies keep customer churn lowest across an uncertain world?

An EMA Workbench experiment on the baseline scenario through ``salesim.ema``: 64 scenarios of four
uncertainties (customers' price sensitivity, their base churn rate, the pay the outside market
offers reps and how readily customers follow a departing rep), crossed with 4 policies of three
levers (commission rate, CRM retention and the quota period). It prints each policy's churn
across the scenarios (mean, worst, and its regret against the best policy in each scenario), the
policies ranked by worst-case churn, and a PRIM box of the uncertainties under which even the best
policy keeps churn high.

    python examples/ema_policy_search.py                # 64 scenarios x 4 policies, 520 weeks
    python examples/ema_policy_search.py --small        # a tiny design for the test (seconds)

``SALESIM_EMA_SMALL=1`` in the environment is the same as ``--small``.
"""

from __future__ import annotations

import argparse
import os
import random
import warnings
from pathlib import Path

warnings.filterwarnings("ignore", message=".*ipyparallel.*")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from ema_workbench import ScalarOutcome, perform_experiments  # noqa: E402
from ema_workbench.analysis import prim  # noqa: E402

import salesim  # noqa: E402
import salesim.ema  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

UNCERTAINTIES = {
    "market.price_sensitivity_mean": (0.15, 0.5),
    "customers.churn_rate_annual": (0.03, 0.1),
    "careers.market_pay": (80000.0, 130000.0),
    "customers.follow_base": (0.1, 0.4),
}
LEVERS = {
    "pay.commission_rate": (0.03, 0.09),
    "ownership.crm_retention": (0.0, 0.9),
    "pay.quota_period": ["Monthly", "Quarterly", "Annual"],
}
LEVER_NAMES = list(LEVERS)


def _show(value: object) -> str:
    """A lever's value, numbers to four significant digits."""
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def main() -> None:
    """Run the experiment and print the policies' churn across the uncertainties."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scenario", default=str(ROOT / "scenarios" / "baseline.ron"))
    p.add_argument("--small", action="store_true", help="a tiny design: 4 scenarios x 2 policies, 26 weeks")
    p.add_argument("--scenarios", type=int, default=64)
    p.add_argument("--policies", type=int, default=4)
    p.add_argument("--replicates", type=int, default=2)
    p.add_argument("--weeks", type=int, default=None)
    p.add_argument("--jobs", type=int, default=None)
    p.add_argument("--seed", type=int, default=1, help="seed of EMA's Latin hypercube samples")
    a = p.parse_args()
    # EMA's samplers draw from numpy's and Python's global generators: seed both, so the same
    # command gives the same experiments (and salesim's runs are seeded by the scenario).
    random.seed(a.seed)
    np.random.seed(a.seed)
    if a.small or os.environ.get("SALESIM_EMA_SMALL"):
        a.scenarios, a.policies, a.replicates, a.weeks = 4, 2, 1, 26

    base = salesim.Scenario.load(a.scenario)
    model = salesim.ema.model(
        base,
        uncertainties=UNCERTAINTIES,
        levers=LEVERS,
        outcomes=[
            ScalarOutcome("annual_customer_churn", kind=ScalarOutcome.MINIMIZE),
            ScalarOutcome("total_revenue", kind=ScalarOutcome.MAXIMIZE),
            ScalarOutcome("annual_rep_turnover", kind=ScalarOutcome.MINIMIZE),
        ],
        replicates=a.replicates,
        weeks=a.weeks,
        jobs=a.jobs,
    )
    experiments, outcomes = perform_experiments(model, scenarios=a.scenarios, policies=a.policies)
    df = experiments.copy()
    for k, v in outcomes.items():
        df[k] = v
    best_in_scenario = df.groupby("scenario", observed=True)["annual_customer_churn"].transform("min")
    df["regret"] = df["annual_customer_churn"] - best_in_scenario

    runs = a.scenarios * a.policies * a.replicates
    print(f"{a.scenarios} scenarios x {a.policies} policies x {a.replicates} replicates = {runs} runs of {base.name}")
    policies = (
        df.groupby("policy", observed=True)
        .agg(
            **{name: (name, "first") for name in LEVER_NAMES},
            churn_mean=("annual_customer_churn", "mean"),
            churn_worst=("annual_customer_churn", "max"),
            regret_max=("regret", "max"),
            revenue_mean=("total_revenue", "mean"),
            turnover_mean=("annual_rep_turnover", "mean"),
        )
        .sort_values(["churn_worst", "churn_mean"])
    )
    with pd.option_context("display.width", 160, "display.max_columns", 20, "display.float_format", "{:.4g}".format):
        print("\npolicies ranked by worst-case annual customer churn (lowest first):")
        print(policies.to_string())
    best = policies.index[0]
    levers = ", ".join(f"{n} = {_show(policies.loc[best, n])}" for n in LEVER_NAMES)
    print(
        f"\nlowest churn across the uncertainties: policy {best} ({levers}): "
        f"mean {policies.loc[best, 'churn_mean']:.2%}, worst {policies.loc[best, 'churn_worst']:.2%} a year"
    )

    # PRIM: under which uncertainties does even the best policy keep churn in its worst quarter?
    mine = df[df["policy"] == best].reset_index(drop=True)
    x = mine[list(UNCERTAINTIES)]
    y = (mine["annual_customer_churn"] >= mine["annual_customer_churn"].quantile(0.75)).to_numpy()
    if 0 < y.sum() < len(y):
        box = prim.Prim(x, y, threshold=0.5).find_box()
        # The densest box on the peeling trajectory that still covers half the worst cases.
        trajectory = box.peeling_trajectory
        i = int(trajectory[trajectory["coverage"] >= 0.5]["density"].idxmax())
        box.select(i)
        print(
            f"\nPRIM: where the best policy churns most (its worst quarter; box {i}: coverage "
            f"{trajectory.loc[i, 'coverage']:.2f}, density {trajectory.loc[i, 'density']:.2f}):"
        )
        restricted = False
        for col in UNCERTAINTIES:
            lo, hi = box.box_lim[col].iloc[0], box.box_lim[col].iloc[1]
            if lo > x[col].min() or hi < x[col].max():
                restricted = True
                lo0, hi0 = UNCERTAINTIES[col]
                print(f"  {col}: {lo:.4g} .. {hi:.4g} (of {lo0:.4g} .. {hi0:.4g})")
        if not restricted:
            print("  no box narrower than the whole space")
    else:
        print("\nPRIM: too few experiments to find a box")

if __name__ == "__main__":
    main()
