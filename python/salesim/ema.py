"""A connector to the EMA Workbench (``ema_workbench``): a salesim scenario as an EMA ``Model``.

:func:`model` returns a ``ema_workbench.Model`` whose uncertainties and levers are parameter
paths of the scenario (``salesim params``) and whose outcomes are KPIs of the run summary
(``salesim.kpi_names()``), so ``perform_experiments``, Sobol and Morris sampling (with SALib) and
PRIM work as the EMA documentation shows::

    import salesim, salesim.ema
    from ema_workbench import perform_experiments
    m = salesim.ema.model(
        salesim.Scenario.load("scenarios/baseline.ron"),
        uncertainties={"market.price_sensitivity_mean": (0.15, 0.5)},
        levers={"pay.commission_rate": (0.03, 0.09), "pay.quota_period": ["Monthly", "Annual"]},
        outcomes=["annual_customer_churn", "total_revenue"],
    )
    experiments, outcomes = perform_experiments(m, scenarios=64, policies=4)

Every experiment runs ``replicates`` seeded runs through :func:`salesim.batch` (replicate k on the
same seed in every experiment: common random numbers) and each outcome is the mean of the KPI
over them. The model function is a picklable object, so EMA's multiprocessing evaluator can use
it too.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Optional, Union

import pyarrow.compute as pc
from ema_workbench import (
    CategoricalParameter,
    IntegerParameter,
    Model,
    RealParameter,
    ScalarOutcome,
)
from ema_workbench.em_framework.outcomes import AbstractOutcome
from ema_workbench.em_framework.parameters import Parameter

from ._design import batch
from ._salesim import Scenario, ScenarioError, kpi_names

#: Parameters: EMA parameter objects, or a mapping of parameter path to a ``(low, high)`` range
#: (real, or integer when both ends are ints) or a list of categories (RON values).
Parameters = Union[Mapping[str, Union[tuple[Any, Any], Sequence[Any]]], Iterable[Parameter]]
#: Outcomes: KPI names (``salesim.kpi_names()``) or EMA ``ScalarOutcome`` objects naming them.
Outcomes = Iterable[Union[str, AbstractOutcome]]


def to_parameters(spec: Optional[Parameters]) -> list[Parameter]:
    """EMA parameters from ``spec``: EMA parameter objects are kept; in a mapping, a tuple
    ``(low, high)`` is a ``RealParameter`` (an ``IntegerParameter`` when both ends are ints)
    and a list is a ``CategoricalParameter``."""
    if spec is None:
        return []
    if not isinstance(spec, Mapping):
        return list(spec)
    out: list[Parameter] = []
    for path, values in spec.items():
        if isinstance(values, tuple) and len(values) == 2:
            low, high = values
            if isinstance(low, numbers.Integral) and isinstance(high, numbers.Integral):
                out.append(IntegerParameter(path, int(low), int(high)))
            else:
                out.append(RealParameter(path, float(low), float(high)))
        elif isinstance(values, (list, Sequence)) and not isinstance(values, str):
            out.append(CategoricalParameter(path, list(values)))
        else:
            raise TypeError(f"{path}: give a (low, high) tuple or a list of categories, not {values!r}")
    return out


def to_outcomes(spec: Outcomes) -> list[AbstractOutcome]:
    """EMA outcomes from KPI names (``ScalarOutcome(name)``) or outcome objects, each checked
    against the KPIs a run reports."""
    known = set(kpi_names())
    out: list[AbstractOutcome] = []
    for o in spec:
        outcome = ScalarOutcome(o) if isinstance(o, str) else o
        for name in outcome.variable_name:
            if name not in known:
                raise ScenarioError(f"outcome `{name}` is not a KPI of the run summary (salesim.kpi_names())")
        out.append(outcome)
    if not out:
        raise ValueError("a model needs at least one outcome")
    return out


class Evaluate:
    """The model function EMA calls: one experiment's parameter values (by path) to the means of
    the outcome KPIs over ``replicates`` runs. Picklable (the scenario travels as RON)."""

    def __init__(
        self,
        scenario: Scenario,
        kpis: Sequence[str],
        replicates: int = 1,
        weeks: Optional[int] = None,
        jobs: Optional[int] = None,
    ) -> None:
        self.scenario = scenario
        self.kpis = list(kpis)
        self.replicates = replicates
        self.weeks = weeks
        self.jobs = jobs

    def __call__(self, **values: Any) -> dict[str, float]:
        """Run the experiment and return ``{kpi: mean over the replicates}``."""
        design = {path: [_plain(v)] for path, v in values.items()}
        table = batch(self.scenario, design, replicates=self.replicates, jobs=self.jobs, weeks=self.weeks)
        result: dict[str, float] = {}
        for k in self.kpis:
            mean = pc.mean(table[k]).as_py()
            result[k] = math.nan if mean is None else float(mean)
        return result


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python value it holds (categories stay as they are)."""
    return value.item() if hasattr(value, "item") and not isinstance(value, str) else value


def model(
    scenario: Scenario,
    uncertainties: Parameters,
    levers: Optional[Parameters] = None,
    outcomes: Outcomes = ("annual_customer_churn",),
    replicates: int = 1,
    weeks: Optional[int] = None,
    jobs: Optional[int] = None,
    name: str = "salesim",
) -> Model:
    """An EMA ``Model`` of ``scenario``: ``uncertainties`` and ``levers`` are parameter paths
    (see :func:`to_parameters`), ``outcomes`` KPI names or ``ScalarOutcome`` objects, each the mean
    over ``replicates`` runs of ``weeks`` weeks (default the scenario's) on ``jobs`` threads."""
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be a salesim.Scenario, not {type(scenario).__name__}")
    outs = to_outcomes(outcomes)
    unc, lev = to_parameters(uncertainties), to_parameters(levers)
    for p in unc + lev:
        for path in p.variable_name:
            scenario.get(path)  # raises ScenarioError for an unknown path
    kpis = sorted({v for o in outs for v in o.variable_name})
    m = Model(name, function=Evaluate(scenario, kpis, replicates=replicates, weeks=weeks, jobs=jobs))
    m.uncertainties = unc
    m.levers = lev
    m.outcomes = outs
    return m


__all__ = ["Evaluate", "Outcomes", "Parameters", "model", "to_outcomes", "to_parameters"]
