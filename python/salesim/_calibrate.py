"""``salesim.calibrate``: fit scenario parameters to a company's own figures by ABC-SMC, exactly as
``salesim calibrate`` does (docs/CALIBRATION.md), returning the posterior as a pyarrow Table."""

from __future__ import annotations

import os
from typing import Optional, Sequence, Union

import pyarrow as pa

from . import _salesim
from ._salesim import Scenario

Source = Union[str, "os.PathLike[str]"]


def _text(source: Source, kind: str) -> tuple[str, str]:
    """A file's ``(text, name)``; a string that is not an existing file is the text itself."""
    if isinstance(source, os.PathLike) or (isinstance(source, str) and "\n" not in source and os.path.isfile(source)):
        path = os.fspath(source)
        with open(path, encoding="utf-8") as f:
            return f.read(), path
    if isinstance(source, str):
        return source, kind
    raise TypeError(f"{kind} must be a path or the file's text, not {type(source).__name__}")


def calibrate(
    scenario: Scenario,
    observed: Source,
    priors: Source,
    budget: int = 2000,
    population: int = 100,
    seed: int = 1,
    jobs: Optional[int] = None,
    weeks: Optional[int] = None,
    hold_out: Sequence[str] = (),
) -> pa.Table:
    """Calibrate ``scenario`` to ``observed`` (the CSV file ``--observed`` reads, a path or its
    text) with ``priors`` (the RON file ``--params`` reads) and return the final population:
    ``particle``, ``weight``, ``distance`` and each parameter in its own units -- the rows of the
    ``posterior.csv`` that ``salesim calibrate`` writes for the same inputs and settings. Runs on
    ``jobs`` threads (default: all cores) with the GIL released; the result does not depend on
    them. Raises :class:`ScenarioError` (with ``file``, ``line``, ``column`` and ``field``) for a
    bad figure or prior, before any run."""
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be a salesim.Scenario, not {type(scenario).__name__}")
    observed_text, observed_name = _text(observed, "observed")
    priors_text, priors_name = _text(priors, "priors")
    return _salesim.calibrate_texts(
        scenario,
        observed_text,
        priors_text,
        budget=budget,
        population=population,
        seed=seed,
        jobs=jobs,
        weeks=weeks,
        hold_out=list(hold_out),
        observed_name=observed_name,
        priors_name=priors_name,
    )


__all__ = ["calibrate"]
