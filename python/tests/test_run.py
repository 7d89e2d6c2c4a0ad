"""`salesim.run` gives the tables and summary `salesim run` writes for the same seed: the same
columns, types and values as its CSV files, and summary.json's values."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pytest

import salesim
from conftest import BASELINE, REPO, assert_same_table, cli, read_csv

TABLES = ["timeseries", "events", "reps", "accounts", "deals"]


@pytest.fixture(scope="module")
def cli_run(salesim_bin: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cli-run")
    cli(salesim_bin, "run", BASELINE, "--seed", "7", "--out", out, "-q")
    return out


@pytest.fixture(scope="module")
def py_run() -> salesim.Run:
    return salesim.run(salesim.Scenario.load(BASELINE), seed=7)


@pytest.mark.parametrize("table", TABLES)
def test_every_table_holds_the_columns_and_values_of_the_cli_csv(
    cli_run: Path, py_run: salesim.Run, table: str
) -> None:
    got: pa.Table = getattr(py_run, table)
    header = (cli_run / f"{table}.csv").read_text().splitlines()[0].split(",")
    assert got.schema.names == header
    assert got.num_rows > 0
    assert_same_table(got, read_csv(cli_run / f"{table}.csv", got.schema), table, csv=True)


def test_the_summary_is_summary_json(cli_run: Path, py_run: salesim.Run) -> None:
    assert py_run.summary == json.loads((cli_run / "summary.json").read_text())


def test_columns_are_typed_as_the_data_are(py_run: salesim.Run) -> None:
    ts, events, accounts = py_run.timeseries, py_run.events, py_run.accounts
    assert ts.schema.field("week").type == pa.int64()
    assert ts.schema.field("revenue").type == pa.float64()
    assert ts.schema.field("seed").type == pa.int64() and ts["seed"][0].as_py() == 7
    assert events.schema.field("rep_id").type == pa.int64() and events["rep_id"].null_count > 0
    assert events.schema.field("kind").type == pa.string()
    assert accounts.schema.field("company_owned").type == pa.bool_()
    assert ts.num_rows == 520 and ts["week"].to_pylist() == list(range(520))


def test_tables_convert_to_pandas_and_polars(py_run: salesim.Run) -> None:
    import polars as pl

    df = py_run.timeseries.to_pandas()
    assert df["revenue"].dtype == "float64" and df["week"].dtype == "int64"
    pdf = pl.from_arrow(py_run.timeseries)
    assert isinstance(pdf, pl.DataFrame) and pdf["revenue"].sum() == pytest.approx(df["revenue"].sum())


def test_weeks_and_seed_override_the_scenario() -> None:
    s = salesim.Scenario.load(BASELINE)
    with pytest.warns(UserWarning, match="not reached in a 30-week run"):
        short = salesim.run(s, weeks=30)
    assert short.timeseries.num_rows == 30 and short.summary["seed"] == 42
    again = salesim.run(s, weeks=30)
    assert short.timeseries.equals(again.timeseries), "the same seed gives the same run"
    other = salesim.run(s, weeks=30, seed=8)
    assert not short.timeseries.equals(other.timeseries)
    with pytest.raises(salesim.ScenarioError) as e:
        salesim.run(s, weeks=0)
    assert e.value.field == "weeks" and e.value.file == str(BASELINE)


def test_every_bundled_scenario_runs_a_year() -> None:
    for path in sorted((REPO / "scenarios").glob("*.ron")):
        r = salesim.run(salesim.Scenario.load(path), weeks=52)
        # One row per week and firm: an industry (a scenario with `firms`) writes every firm's.
        firms = set(r.timeseries.column("firm").to_pylist())
        assert len(firms) >= 1 and r.timeseries.num_rows == 52 * len(firms), path


def test_an_industry_runs_every_firm_with_its_rows_named() -> None:
    race = salesim.Scenario.load(REPO / "scenarios" / "industry_pay_race.ron")
    r = salesim.run(race, weeks=104)
    ts = r.timeseries.to_pandas()
    assert sorted(ts["firm"].unique()) == ["Apex", "Borealis", "industry"]
    assert (ts.groupby("firm").size() == 104).all()
    by_week = ts.pivot(index="week", columns="firm", values="customers_active")
    assert (by_week["Apex"] + by_week["Borealis"] == by_week["industry"]).all()
    moved = r.events.to_pandas()
    came_over = moved[moved["kind"] == "came_over"]
    assert len(came_over) > 0 and set(came_over["firm"]) == {"Apex", "Borealis"}
    assert r.summary["firm"] == "Apex"
    assert [f["firm"] for f in r.summary["firms"]] == ["Apex", "Borealis"]
    # Stepped from Python, the industry gives the same rows as the whole run.
    sim = salesim.Simulation(race, weeks=104)
    sim.step(60)
    sim.step(60)
    assert sim.finished and sim.kpis()["firm"] == "Apex"
    stepped = sim.results().timeseries.to_pandas()
    assert stepped.equals(ts)
