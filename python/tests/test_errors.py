"""Invalid input raises `salesim.ScenarioError` carrying the file, line, column and field the
command line names, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

import salesim
from conftest import REPO, cli

BAD = sorted((REPO / "tests" / "bad_scenarios").glob("*.ron"))


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_every_bad_scenario_raises_what_salesim_validate_prints(salesim_bin: Path, path: Path) -> None:
    rel = path.relative_to(REPO)
    with pytest.raises(salesim.ScenarioError) as e:
        salesim.Scenario.load(rel)
    err = e.value
    first = cli(salesim_bin, "validate", rel, ok=False).stderr.splitlines()[0].removeprefix("error: ")
    assert first == f"{err.file}:{err.line}:{err.column}: field `{err.field or '(top level)'}`: {err.message}"
    assert str(err).startswith(first)
    assert err.file == str(rel) and err.line >= 1 and err.column >= 1
    assert err.problems[0] == {k: getattr(err, k) for k in ("file", "line", "column", "field", "message")}
    assert isinstance(err, ValueError)


def test_ron_text_errors_are_located_in_the_text() -> None:
    text = (REPO / "scenarios" / "baseline.ron").read_text().replace("commission_rate: 0.07", "commission_rate: 7.0")
    with pytest.raises(salesim.ScenarioError) as e:
        salesim.Scenario.from_ron(text, name="mine.ron")
    err = e.value
    assert (err.file, err.field) == ("mine.ron", "pay.commission_rate")
    line = text.splitlines()[err.line - 1]
    assert "commission_rate" in line
    with pytest.raises(salesim.ScenarioError) as e:
        salesim.Scenario.from_ron("Scenario(name: \"x\",\n  seed: 1,\n  weeks: oops)")
    assert (e.value.file, e.value.line, e.value.field) == ("<string>", 3, "weeks")


def test_a_missing_file_is_a_scenario_error() -> None:
    with pytest.raises(salesim.ScenarioError) as e:
        salesim.Scenario.load("no/such/file.ron")
    assert e.value.file == "no/such/file.ron" and "cannot read" in e.value.message


def test_a_bad_session_file_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "s.ron"
    bad.write_text('Session(scenario: "x", scenario_hash: "y", actions: [(week: 3, evnt: Realignment)])')
    s = salesim.Scenario.load(REPO / "scenarios" / "baseline.ron")
    with pytest.raises(salesim.ScenarioError) as e:
        salesim.run(s, weeks=10, actions=bad)
    assert e.value.file == str(bad) and e.value.line == 1 and e.value.column > 1
