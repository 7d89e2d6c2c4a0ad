"""salesim from Python: the agent-based simulation of a sales organisation.

The same Rust core as the ``salesim`` command line, called in process (no second model, no
subprocess):

* :class:`Scenario` -- ``Scenario.load(path)``, ``Scenario.from_ron(text)``, ``set(path, value)``,
  ``to_ron()``, ``params()``, ``hash``.
* :func:`run` -- one run to the end; a :class:`Run` holds ``timeseries``, ``events``, ``reps``,
  ``accounts`` and ``deals`` as ``pyarrow.Table`` (the columns and values of the CSV files
  ``salesim run`` writes) and ``summary`` (summary.json) as a dict.
* :func:`batch` -- a design (a pandas or polars DataFrame, a dict of lists, a pyarrow Table or a
  CSV file) run as ``salesim batch --design`` runs it, its rows as a ``pyarrow.Table``.
* :func:`calibrate` -- fit parameters to a company's own figures by ABC-SMC (``salesim
  calibrate``), the posterior as a ``pyarrow.Table``.
* :class:`Simulation` -- the step API: ``step(n)``, ``send(event)``, ``week``, ``kpis()``.
* :class:`ScenarioError` -- invalid input, with ``file``, ``line``, ``column`` and ``field``.
* :mod:`salesim.ema` -- a connector to the EMA Workbench.
"""

from __future__ import annotations

from ._salesim import (
    Run,
    SalesimError,
    Scenario,
    ScenarioError,
    Simulation,
    __version__,
    kpi_names,
    param_paths,
    run,
)
from ._calibrate import calibrate
from ._design import Design, batch, design_csv

__all__ = [
    "Design",
    "Run",
    "SalesimError",
    "Scenario",
    "ScenarioError",
    "Simulation",
    "__version__",
    "batch",
    "calibrate",
    "design_csv",
    "kpi_names",
    "param_paths",
    "run",
]
