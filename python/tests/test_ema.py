"""The EMA Workbench connector: `salesim.ema.model` is an EMA `Model` that `perform_experiments`,
Sobol and Morris sampling (analysed with SALib) and PRIM work with, and the policy-search
example runs on a tiny design."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings

import numpy as np
import pytest

warnings.filterwarnings("ignore", message=".*ipyparallel.*")

from ema_workbench import Model, ScalarOutcome, perform_experiments  # noqa: E402
from ema_workbench.analysis import prim  # noqa: E402
from ema_workbench.em_framework.evaluators import Samplers  # noqa: E402
from ema_workbench.em_framework.salib_samplers import get_SALib_problem  # noqa: E402
from SALib.analyze import morris, sobol  # noqa: E402

import salesim  # noqa: E402
import salesim.ema  # noqa: E402
from conftest import BASELINE, REPO  # noqa: E402


def small_model(**kw: object) -> Model:
    return salesim.ema.model(
        salesim.Scenario.load(BASELINE),
        uncertainties={"market.price_sensitivity_mean": (0.15, 0.5), "customers.churn_rate_annual": (0.03, 0.1)},
        levers={"pay.commission_rate": (0.03, 0.09), "pay.quota_period": ["Monthly", "Annual"]},
        outcomes=["annual_customer_churn", ScalarOutcome("revenue", variable_name="total_revenue")],
        weeks=13,
        **kw,
    )


def test_perform_experiments_runs_each_experiment_as_salesim_batch() -> None:
    m = small_model(replicates=2)
    experiments, outcomes = perform_experiments(m, scenarios=3, policies=2)
    assert len(experiments) == 6 and set(outcomes) == {"annual_customer_churn", "revenue"}
    row = experiments.iloc[4]
    s = salesim.Scenario.load(BASELINE)
    design = {p: [row[p].item() if hasattr(row[p], "item") else row[p]] for p in
              ["market.price_sensitivity_mean", "customers.churn_rate_annual", "pay.commission_rate", "pay.quota_period"]}
    runs = salesim.batch(s, design, replicates=2, weeks=13).to_pandas()
    assert outcomes["revenue"][4] == pytest.approx(runs["total_revenue"].mean(), rel=1e-12)
    assert outcomes["annual_customer_churn"][4] == pytest.approx(runs["annual_customer_churn"].mean(), rel=1e-12)


def test_sobol_and_morris_designs_are_analysed_with_salib_and_prim_finds_a_box() -> None:
    m = small_model()
    sobol_runs, sobol_outcomes = perform_experiments(m, scenarios=8, uncertainty_sampling=Samplers.SOBOL)
    problem = get_SALib_problem(m.uncertainties)
    si = sobol.analyze(problem, sobol_outcomes["annual_customer_churn"], calc_second_order=True)
    assert len(si["S1"]) == 2 and np.all(np.isfinite(si["ST"]))
    experiments, outcomes = perform_experiments(m, scenarios=4, uncertainty_sampling=Samplers.MORRIS)
    x = experiments[list(problem["names"])].to_numpy()
    mi = morris.analyze(problem, x, outcomes["annual_customer_churn"], num_levels=4)
    assert len(mi["mu_star"]) == 2
    # PRIM on the Sobol design (a fixed Saltelli sequence, 48 runs) and a continuous outcome: Morris
    # samples are random and a 13-week churn rate ties often, so a median split of 12 Morris runs
    # can leave one class empty.
    x = sobol_runs[list(problem["names"])]
    revenue = sobol_outcomes["revenue"]
    y = revenue > np.median(revenue)
    assert 0 < y.sum() < len(y), f"revenue does not vary across the design: {revenue}"
    box = prim.Prim(x, y, threshold=0.5).find_box()
    assert len(box.peeling_trajectory) >= 1


def test_a_bad_path_or_outcome_is_refused_before_anything_runs() -> None:
    s = salesim.Scenario.load(BASELINE)
    with pytest.raises(salesim.ScenarioError):
        salesim.ema.model(s, uncertainties={"market.no_such_thing": (0.0, 1.0)})
    with pytest.raises(salesim.ScenarioError):
        salesim.ema.model(s, uncertainties={"market.complex_share": (0.0, 1.0)}, outcomes=["happiness"])


def test_the_policy_search_example_runs_on_a_tiny_design() -> None:
    env = dict(os.environ, SALESIM_EMA_SMALL="1")
    done = subprocess.run(
        [sys.executable, str(REPO / "examples" / "ema_policy_search.py")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "4 scenarios x 2 policies x 1 replicates = 8 runs" in out, out
    assert "policies ranked by worst-case annual customer churn" in out
    assert "lowest churn across the uncertainties: policy" in out
    for lever in ["pay.commission_rate", "ownership.crm_retention", "pay.quota_period"]:
        assert lever in out
