"""Scenarios: loading, `set`, parameters and hashes as the command line has them, RON round trips."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest

import salesim
from conftest import BASELINE, REPO, cli


def test_a_loaded_scenario_has_the_hash_the_command_line_reports(salesim_bin: Path) -> None:
    s = salesim.Scenario.load(BASELINE)
    assert (s.name, s.seed, s.weeks) == ("baseline", 42, 520)
    out = cli(salesim_bin, "validate", BASELINE).stdout
    assert f"hash {s.hash})" in out, out


def test_params_are_the_list_salesim_params_prints(salesim_bin: Path) -> None:
    s = salesim.Scenario.load(BASELINE)
    s.set("pay.commission_rate", 0.05)
    s.set("pay.quota_period", "Annual")
    design = REPO / "target" / "python-test-params.ron"
    design.parent.mkdir(exist_ok=True)
    design.write_text(s.to_ron())
    lines = cli(salesim_bin, "params", design).stdout.splitlines()
    mine = [f"{p} = {v}  # {d}" if d is not None else f"{p} = {v}" for p, v, d in s.params()]
    assert mine == lines
    assert [p for p, _, _ in s.params()] == salesim.param_paths()
    assert ("pay.commission_rate", "0.05") in [(p, v) for p, v, _ in s.params()]


def test_set_changes_a_parameter_and_its_hash_and_keeps_types() -> None:
    s = salesim.Scenario.load(BASELINE)
    before = s.hash
    s.set("pay.commission_rate", 0.05)
    assert s.get("pay.commission_rate") == 0.05 and s.hash != before
    s.set("hiring.target_headcount", 60.0)  # a float with no fraction is the integer
    assert s.get("hiring.target_headcount") == 60 and isinstance(s.get("hiring.target_headcount"), int)
    s.set("hiring.freeze", True)
    assert s.get("hiring.freeze") is True
    s.set("ownership.model", "Multiplexed(rebalance_weeks: 13)")
    assert s.get("ownership.model") == "Multiplexed(rebalance_weeks:13)"
    s.set("pay.commission_rate", 0.07)
    s.set("hiring.target_headcount", 50)
    s.set("hiring.freeze", False)
    s.set("ownership.model", "Exclusive(realignment: Periodic(every_weeks: 52))")
    assert s.hash == before, "setting every value back gives the same scenario"


def test_a_bad_set_raises_a_scenario_error_naming_the_path_and_changes_nothing() -> None:
    s = salesim.Scenario.load(BASELINE)
    before = s.hash
    with pytest.raises(salesim.ScenarioError) as e:
        s.set("pay.comission_rate", 0.05)
    assert e.value.field == "pay.comission_rate" and "did you mean `pay.commission_rate`" in e.value.message
    with pytest.raises(salesim.ScenarioError) as e:
        s.set("market.complex_share", 1.5)
    assert e.value.field == "market.complex_share", e.value
    with pytest.raises(salesim.ScenarioError) as e:
        s.set("pay.quota_period", "Fortnightly")
    assert e.value.field == "pay.quota_period"
    with pytest.raises(TypeError):
        s.set("pay.commission_rate", [0.05])  # type: ignore[arg-type]
    assert s.hash == before


@pytest.mark.parametrize("path", sorted((REPO / "scenarios").glob("*.ron")), ids=lambda p: p.name)
def test_to_ron_reads_back_to_the_same_scenario(path: Path) -> None:
    s = salesim.Scenario.load(path)
    back = salesim.Scenario.from_ron(s.to_ron())
    assert back == s and back.hash == s.hash
    assert pickle.loads(pickle.dumps(s)) == s
    assert copy.deepcopy(s) == s and s.copy() is not s
