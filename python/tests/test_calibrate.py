"""`salesim.calibrate` gives the posterior `salesim calibrate` writes for the same inputs, and
refuses a bad figure or prior with its file, line, column and field."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

import salesim
from conftest import BASELINE, cli

OBSERVED = "measure,value,sd\ncustomer_churn,0.1,0.02\nwin_rate,0.22,\n"
PRIORS = """[
    (path: "customers.churn_rate_annual", prior: LogUniform(0.02, 0.2)),
    (path: "deals.new_win_rate", prior: Uniform(0.14, 0.35)),
]
"""
SETTINGS = {"budget": 60, "population": 10, "seed": 4, "weeks": 20}


def test_the_python_posterior_is_the_command_lines(salesim_bin: Path, tmp_path: Path) -> None:
    (tmp_path / "observed.csv").write_text(OBSERVED)
    (tmp_path / "priors.ron").write_text(PRIORS)
    out = tmp_path / "out"
    cli(salesim_bin, "calibrate", BASELINE, "--observed", tmp_path / "observed.csv", "--params",
        tmp_path / "priors.ron", "--budget", "60", "--population", "10", "--seed", "4", "--weeks", "20",
        "--jobs", "2", "--out", out)
    table = salesim.calibrate(salesim.Scenario.load(BASELINE), tmp_path / "observed.csv", PRIORS, jobs=1,
                              **SETTINGS)
    assert isinstance(table, pa.Table)
    written = pacsv.read_csv(out / "posterior.csv")
    assert table.column_names == written.column_names
    assert table.num_rows == written.num_rows == 10
    for name in table.column_names:
        assert table.column(name).to_pylist() == written.column(name).to_pylist(), name


def test_a_bad_prior_is_refused_with_its_position() -> None:
    bad = PRIORS.replace("deals.new_win_rate", "deals.new_win_rat")
    with pytest.raises(salesim.ScenarioError) as e:
        salesim.calibrate(salesim.Scenario.load(BASELINE), OBSERVED, bad, **SETTINGS)
    assert (e.value.file, e.value.line, e.value.field) == ("priors", 3, "[1].path")
