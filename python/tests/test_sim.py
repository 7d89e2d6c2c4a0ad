"""The step API: a `Simulation` stepped and sent events from Python gives the same run as
`salesim run --actions` replaying the same events at the same weeks, and as `salesim.run` given
the same actions (as a session file or as (week, event) pairs)."""

from __future__ import annotations

import threading
from pathlib import Path

import pyarrow.compute as pc
import pytest

import salesim
from conftest import BASELINE, assert_same_table, cli, read_csv

WEEKS = 80
# (week, event as RON text, the same event as a dict)
ACTIONS = [
    (10, 'Set(path: "pay.commission_rate", value: "0.05")', {"Set": {"path": "pay.commission_rate", "value": 0.05}}),
    (20, 'CompetitorEntry("Rival")', {"CompetitorEntry": "Rival"}),
    (35, "CrmRollout(retention: 0.8)", {"CrmRollout": {"retention": 0.8}}),
    (35, "HiringFreeze(true)", {"HiringFreeze": True}),
    (50, "Realignment", "Realignment"),
]


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Path:
    s = salesim.Scenario.load(BASELINE)
    lines = ",\n".join(f"        (week: {w}, target: A, event: {ron})" for w, ron, _ in ACTIONS)
    path = tmp_path_factory.mktemp("session") / "session.ron"
    path.write_text(
        f'Session(\n    scenario: "{BASELINE}",\n    scenario_hash: "{s.hash}",\n    actions: [\n{lines},\n    ],\n)\n'
    )
    return path


@pytest.fixture(scope="module")
def cli_replay(salesim_bin: Path, session: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cli-replay")
    cli(salesim_bin, "run", BASELINE, "--weeks", WEEKS, "--actions", session, "--out", out, "-q")
    return out


def stepped(as_dict: bool) -> salesim.Simulation:
    sim = salesim.Simulation(salesim.Scenario.load(BASELINE), weeks=WEEKS)
    for week, ron, d in ACTIONS:
        sim.step(week - sim.week)
        assert sim.week == week
        sim.send(d if as_dict else ron)
    assert sim.step(1000) == WEEKS - ACTIONS[-1][0]
    assert sim.finished and sim.week == WEEKS
    return sim


@pytest.mark.parametrize("as_dict", [False, True], ids=["ron", "dict"])
def test_stepping_and_sending_events_is_salesim_run_with_actions(cli_replay: Path, as_dict: bool) -> None:
    run = stepped(as_dict).results()
    for table in ["timeseries", "events", "reps", "accounts", "deals"]:
        got = getattr(run, table)
        assert_same_table(got, read_csv(cli_replay / f"{table}.csv", got.schema), table, csv=True)
    kinds = run.events.filter(pc.equal(run.events["cause"], "live"))["kind"].to_pylist()
    assert "policy_change" in kinds and "competitor_entry" in kinds


def test_run_replays_a_session_file_or_pairs_as_the_cli_does(cli_replay: Path, session: Path) -> None:
    s = salesim.Scenario.load(BASELINE)
    want = read_csv(cli_replay / "timeseries.csv", salesim.run(s, weeks=1).timeseries.schema)
    from_file = salesim.run(s, weeks=WEEKS, actions=session)
    pairs = salesim.run(s, weeks=WEEKS, actions=[(w, ron) for w, ron, _ in ACTIONS])
    assert_same_table(from_file.timeseries, want, "session file", csv=True)
    assert_same_table(pairs.timeseries, want, "pairs", csv=True)
    assert not salesim.run(s, weeks=WEEKS).timeseries.equals(want), "the actions change the run"


def test_kpis_are_the_summary_so_far() -> None:
    s = salesim.Scenario.load(BASELINE)
    sim = salesim.Simulation(s, weeks=40)
    assert sim.step(40) == 40 and sim.step() == 0
    assert sim.kpis() == salesim.run(s, weeks=40).summary
    half = salesim.Simulation(s, weeks=40)
    half.step(20)
    k = half.kpis()
    assert k["weeks"] == 20 and 0 < k["total_revenue"] < sim.kpis()["total_revenue"]
    assert half.results().timeseries.num_rows == 20


def test_a_refused_event_raises_and_changes_nothing() -> None:
    s = salesim.Scenario.load(BASELINE)
    sim, plain = salesim.Simulation(s, weeks=20), salesim.Simulation(s, weeks=20)
    with pytest.raises(salesim.ScenarioError) as e:
        sim.send('CompetitorEntry("Nobody")')
    assert e.value.field.startswith("event"), e.value
    with pytest.raises(salesim.ScenarioError) as e:
        sim.send({"Set": {"path": "pay.comission_rate", "value": 0.05}})
    assert (e.value.file, e.value.field) == ("<event>", "event.path") and "`pay.commission_rate`" in e.value.message
    with pytest.raises(salesim.ScenarioError) as e:
        sim.send("CompetitorEntry(")
    assert e.value.file == "<event>" and e.value.column > 1
    with pytest.raises(TypeError):
        sim.send(42)  # type: ignore[arg-type]
    sim.step(20)
    plain.step(20)
    assert sim.results().timeseries.equals(plain.results().timeseries)
    with pytest.raises(salesim.ScenarioError) as e:
        salesim.run(s, weeks=20, actions=[(25, "Realignment")])
    assert e.value.field == "actions[0].week"


def test_simulations_run_in_threads_with_the_gil_released() -> None:
    s = salesim.Scenario.load(BASELINE)
    sims = [salesim.Simulation(s, weeks=52) for _ in range(2)]
    threads = [threading.Thread(target=sim.step, args=(52,)) for sim in sims]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    a, b = (sim.results().timeseries for sim in sims)
    assert a.num_rows == 52 and a.equals(b)
