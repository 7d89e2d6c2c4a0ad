"""The pyABC example (examples/pyabc_side_by_side.py) hands salesim to pyABC as a simulator, runs
salesim's own calibration on the same inputs, and shows both posteriors side by side: on a tiny
budget it finishes, prints both intervals for each parameter and saves the figure and draws."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_the_pyabc_example_gives_both_posteriors_side_by_side_on_a_tiny_budget(tmp_path: Path) -> None:
    env = dict(os.environ, SALESIM_PYABC_SMALL="1")
    done = subprocess.run(
        [sys.executable, str(REPO / "examples" / "pyabc_side_by_side.py"), "--out", str(tmp_path)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "pyABC: 3 generations of 12" in out, out
    for parameter in ["customers.churn_rate_annual", "deals.new_win_rate"]:
        row = next(line for line in out.splitlines() if line.startswith(parameter))
        assert row.count("[") == 2, row  # one interval from each posterior
    assert (tmp_path / "side_by_side.png").stat().st_size > 1000
    for name in ["pyabc", "salesim"]:
        lines = (tmp_path / f"posterior_{name}.csv").read_text().splitlines()
        assert lines[0] == "weight,customers.churn_rate_annual,deals.new_win_rate"
        assert len(lines) == 13, name  # 12 particles
        weights = [float(line.split(",")[0]) for line in lines[1:]]
        assert abs(sum(weights) - 1.0) < 1e-6, name
