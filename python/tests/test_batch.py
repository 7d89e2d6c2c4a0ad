"""`salesim.batch` runs a design as `salesim batch --design` runs the same points: the same rows
and values as runs.csv and runs.parquet, whatever the kind of design or the number of jobs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import salesim
from conftest import BASELINE, assert_same_table, cli, read_csv

DESIGN = {
    "pay.commission_rate": [0.04, 0.07, 0.1],
    "ownership.crm_retention": [0.0, 0.5, 0.9],
    "pay.quota_period": ["Quarterly", "Annual", "Monthly"],
    "hiring.target_headcount": [50.0, 55.0, 45.0],
}


@pytest.fixture(scope="module")
def cli_batch(salesim_bin: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("cli-batch")
    pd.DataFrame(DESIGN).to_csv(tmp / "design.csv")  # with pandas' unnamed index column
    out = tmp / "out"
    cli(salesim_bin, "batch", BASELINE, "--design", tmp / "design.csv", "--replicates", "3", "--weeks", "52",
        "--jobs", "2", "--out", out)
    return out


@pytest.fixture(scope="module")
def py_batch() -> pa.Table:
    return salesim.batch(salesim.Scenario.load(BASELINE), pd.DataFrame(DESIGN), replicates=3, jobs=2, weeks=52)


def test_the_table_is_runs_parquet(cli_batch: Path, py_batch: pa.Table) -> None:
    want = pq.read_table(cli_batch / "runs.parquet")
    assert py_batch.num_rows == 9
    assert_same_table(py_batch, want.replace_schema_metadata(None), "runs.parquet")


def test_the_table_is_runs_csv(cli_batch: Path, py_batch: pa.Table) -> None:
    assert py_batch.schema.names == (cli_batch / "runs.csv").read_text().splitlines()[0].split(",")
    assert_same_table(py_batch, read_csv(cli_batch / "runs.csv", py_batch.schema), "runs.csv", csv=True)


def test_every_kind_of_design_and_any_number_of_jobs_give_the_same_rows(cli_batch: Path, py_batch: pa.Table) -> None:
    s = salesim.Scenario.load(BASELINE)
    for design in (DESIGN, pl.DataFrame(DESIGN), pa.table(DESIGN), cli_batch.parent / "design.csv"):
        got = salesim.batch(s, design, replicates=3, jobs=1, weeks=52)
        assert_same_table(got, py_batch, type(design).__name__)


def test_columns_are_typed_and_replicates_share_seeds_across_points(py_batch: pa.Table) -> None:
    types = {f.name: f.type for f in py_batch.schema}
    assert types["pay.commission_rate"] == pa.float64() and types["hiring.target_headcount"] == pa.int64()
    assert types["pay.quota_period"] == pa.string() and types["seed"] == pa.int64()
    assert set(salesim.kpi_names()) <= set(types)
    seeds = py_batch.to_pandas().groupby("replicate")["seed"].nunique()
    assert (seeds == 1).all()


def test_a_bad_design_is_a_located_scenario_error() -> None:
    s = salesim.Scenario.load(BASELINE)
    with pytest.raises(salesim.ScenarioError) as e:
        salesim.batch(s, {"pay.comission_rate": [0.05]}, replicates=1, weeks=4)
    assert e.value.field == "pay.comission_rate" and e.value.line == 1
    with pytest.raises(salesim.ScenarioError) as e:
        salesim.batch(s, {"pay.commission_rate": [0.05, -1.0]}, replicates=1, weeks=4)
    assert (e.value.field, e.value.line) == ("pay.commission_rate", 3), e.value
    with pytest.raises(salesim.ScenarioError) as e:
        salesim.batch(s, {"seed": [1]}, replicates=1, weeks=4)
    assert "not a design parameter" in str(e.value)
    with pytest.raises(salesim.ScenarioError):
        salesim.batch(s, DESIGN, replicates=0)
    with pytest.raises(ValueError):
        salesim.batch(s, {"pay.commission_rate": [0.05], "pay.base_salary": []})
    with pytest.raises(TypeError):
        salesim.batch(s, [0.05])  # type: ignore[arg-type]
