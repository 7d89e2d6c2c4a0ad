"""Designs for :func:`salesim.batch`: a DataFrame, a dict of lists, a pyarrow Table or a CSV
file, turned into the CSV text that ``salesim batch --design`` reads, so both run the same points
through the same Rust code (column names are parameter paths, one row per point)."""

from __future__ import annotations

import csv
import io
import math
import numbers
import os
from collections.abc import Mapping, Sequence
from typing import Any, Optional, Union

import pyarrow as pa

from . import _salesim
from ._salesim import Scenario, ScenarioError

#: Anything :func:`batch` accepts as a design.
Design = Union[Mapping[str, Sequence[Any]], "os.PathLike[str]", str, Any]


def _columns(design: Any) -> dict[str, list[Any]]:
    """The design's columns as plain lists, whatever kind of table it is."""
    module = type(design).__module__.split(".")[0]
    if module == "pandas":
        if hasattr(design, "to_frame") and not hasattr(design, "columns"):
            design = design.to_frame()
        return {str(c): design[c].tolist() for c in design.columns}
    if module == "polars":
        return {str(k): list(v) for k, v in design.to_dict(as_series=False).items()}
    if isinstance(design, (pa.Table, pa.RecordBatch)):
        return {str(k): list(v) for k, v in design.to_pydict().items()}
    if isinstance(design, Mapping):
        return {str(k): list(v) for k, v in design.items()}
    raise TypeError(
        "a design is a pandas or polars DataFrame, a pyarrow Table, a dict of lists "
        f"(columns = parameter paths) or the path of a CSV file, not {type(design).__name__}"
    )


def _cell(value: Any) -> str:
    """One value as a design file holds it (the RON text of the parameter's value)."""
    if value is None:
        return ""
    if isinstance(value, (bool,)) or type(value).__name__ == "bool_":
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        v = float(value)
        if not math.isfinite(v):
            raise ValueError(f"a design value must be finite, not {v}")
        return repr(v)
    return str(value)


def design_csv(design: Design) -> tuple[str, str]:
    """The design as ``(csv_text, name)``: the CSV file ``salesim batch --design`` would read
    and the name its messages use (the file's path, or ``design``)."""
    if isinstance(design, (str, os.PathLike)):
        path = os.fspath(design)
        with open(path, encoding="utf-8") as f:
            return f.read(), path
    columns = _columns(design)
    lengths = {len(v) for v in columns.values()}
    if len(lengths) > 1:
        raise ValueError(f"design columns have different lengths: {sorted(lengths)}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns.keys())
    for row in zip(*columns.values()):
        writer.writerow(_cell(v) for v in row)
    return out.getvalue(), "design"


def batch(
    scenario: Scenario,
    design: Design,
    replicates: int = 10,
    jobs: Optional[int] = None,
    weeks: Optional[int] = None,
) -> pa.Table:
    """Run every point of ``design`` ``replicates`` times on ``scenario`` and return one row per
    run, exactly the rows (and types) of ``runs.csv``/``runs.parquet`` that ``salesim batch
    SCENARIO --design POINTS.csv --replicates N`` writes for the same points.

    ``design`` has one column per parameter path (``salesim params``) and one row per point: a
    pandas or polars DataFrame, a pyarrow Table, a dict of lists, or the path of a CSV file.
    Replicate k runs on the same seed at every point (common random numbers). ``jobs`` threads
    (default: all cores) run with the GIL released; the result does not depend on them.
    ``weeks`` sets every run's length. Raises :class:`ScenarioError` for a bad path or value.
    """
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be a salesim.Scenario, not {type(scenario).__name__}")
    text, name = design_csv(design)
    return _salesim.batch_csv(scenario, text, replicates=replicates, jobs=jobs, weeks=weeks, name=name)


__all__ = ["Design", "ScenarioError", "batch", "design_csv"]
