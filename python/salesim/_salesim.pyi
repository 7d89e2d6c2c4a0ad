"""Type stubs of the extension module ``salesim._salesim`` (the Rust core)."""

from __future__ import annotations

import os
from typing import Any, Iterable, Optional, Union

import pyarrow as pa

__version__: str

#: An event: RON text such as ``'CompetitorEntry("Rival")'`` or a dict such as
#: ``{"Set": {"path": "pay.commission_rate", "value": 0.05}}``.
Event = Union[str, dict[str, Any]]
#: A value of a parameter: a bool, int, float or RON text (``"Annual"``).
Value = Union[bool, int, float, str]

class ScenarioError(ValueError):
    """Invalid input (scenario, parameter, event, action or design), located."""

    file: str
    """The file (or ``<string>``, ``<set>``, ``<event>``, ``<actions>``, ``design``)."""
    line: int
    """Line from 1; 0 when the input is not a text."""
    column: int
    """Column from 1; 0 when not known."""
    field: str
    """Dotted path of the field (``pay.commission_rate``, ``timeline[2].week``); may be empty."""
    message: str
    """What is wrong."""
    problems: list[dict[str, Any]]
    """Every problem found (keys ``file``, ``line``, ``column``, ``field``, ``message``)."""

class SalesimError(RuntimeError):
    """An internal failure of the core (a caught panic): a bug to report."""

class Scenario:
    """A validated scenario: every parameter and policy."""

    @staticmethod
    def load(path: Union[str, os.PathLike[str]]) -> Scenario:
        """Read and check a scenario file; raises :class:`ScenarioError` with its location."""
    @staticmethod
    def from_ron(text: str, name: str = "<string>") -> Scenario:
        """Parse and check RON text; ``name`` stands for the file in messages."""
    def set(self, path: str, value: Value) -> None:
        """Set the parameter at ``path`` (see :meth:`params`); the scenario must stay valid."""
    def get(self, path: str) -> Value:
        """The parameter's value: int, float or bool, or RON text for the rest."""
    def to_ron(self) -> str:
        """The scenario as RON text with every default filled in (reads back to the same hash)."""
    def params(self) -> list[tuple[str, str, Optional[str]]]:
        """``(path, value, doc)`` for every settable parameter, as ``salesim params`` lists them."""
    @property
    def hash(self) -> str:
        """Stable hash of the resolved scenario (16 hex digits), as written in every output."""
    @property
    def name(self) -> str: ...
    @property
    def seed(self) -> int: ...
    @property
    def weeks(self) -> int: ...
    @property
    def source(self) -> str:
        """The file it was read from, or ``<string>``."""
    def copy(self) -> Scenario: ...
    def __copy__(self) -> Scenario: ...
    def __deepcopy__(self, memo: Any) -> Scenario: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

class Run:
    """A run's outputs: five Arrow tables (the CSV files' columns and values) and the summary."""

    @property
    def timeseries(self) -> pa.Table:
        """One row per week (timeseries.csv)."""
    @property
    def events(self) -> pa.Table:
        """One row per event (events.csv)."""
    @property
    def reps(self) -> pa.Table:
        """One row per rep per year (reps.csv)."""
    @property
    def accounts(self) -> pa.Table:
        """One row per account per year (accounts.csv)."""
    @property
    def deals(self) -> pa.Table:
        """One row per closed deal (deals.csv)."""
    @property
    def summary(self) -> dict[str, Any]:
        """The run summary (summary.json)."""

class Simulation:
    """The step API over the same simulation the command line and the live view run."""

    def __init__(self, scenario: Scenario, seed: Optional[int] = None, weeks: Optional[int] = None) -> None: ...
    def step(self, n: int = 1) -> int:
        """Simulate up to ``n`` weeks; returns the weeks simulated (fewer at the end)."""
    def send(self, event: Event) -> None:
        """Queue an event for the start of the next week, checked as a timeline event is."""
    @property
    def week(self) -> int:
        """The next week to simulate (= weeks done)."""
    @property
    def weeks(self) -> int:
        """The run's length in weeks."""
    @property
    def finished(self) -> bool: ...
    def kpis(self) -> dict[str, Any]:
        """The run summary so far (summary.json's keys, over the weeks done)."""
    def results(self) -> Run:
        """The run so far: every table's rows up to this week and the summary so far."""

def run(
    scenario: Scenario,
    seed: Optional[int] = None,
    weeks: Optional[int] = None,
    actions: Union[None, str, os.PathLike[str], Iterable[tuple[int, Event]]] = None,
) -> Run:
    """Run ``scenario`` to the end (``--seed``, ``--weeks``; ``actions`` replays a session file
    as ``--actions`` does, or (week, event) pairs). The GIL is released while it runs."""

def batch_csv(
    scenario: Scenario,
    csv: str,
    replicates: int = 10,
    jobs: Optional[int] = None,
    weeks: Optional[int] = None,
    name: str = "design",
) -> pa.Table:
    """Run a design given as CSV text (what ``--design`` reads); see :func:`salesim.batch`."""

def calibrate_texts(
    scenario: Scenario,
    observed: str,
    priors: str,
    budget: int = 2000,
    population: int = 100,
    seed: int = 1,
    jobs: Optional[int] = None,
    weeks: Optional[int] = None,
    hold_out: list[str] = ...,
    observed_name: str = "observed",
    priors_name: str = "priors",
) -> pa.Table:
    """Calibrate given the observed and priors files' texts; see :func:`salesim.calibrate`."""

def kpi_names() -> list[str]:
    """The KPI columns of a batch table, in order."""

def param_paths() -> list[str]:
    """Every parameter path, in file order."""
