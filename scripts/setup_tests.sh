#!/usr/bin/env bash
# Set-up for the test suite only (the README's test command runs it after setup.sh): a one-node
# Slurm (Debian's slurm-wlm with munge) for tests/slurm.rs, and a Python venv with SALib, numpy and
# pandas for scripts/sensitivity.py and its test, and maturin, pytest, pyarrow, polars,
# ema_workbench and pyabc for the Python package's tests (tests/python.rs), and Debian's chromium
# for the browser test (tests/web_view.rs, which builds the page with scripts/build_web.sh: that
# script adds the wasm32 target and wasm-bindgen-cli itself). Safe to run repeatedly: it installs only
# what is missing.
#
# The venv is at $SALESIM_VENV (default $HOME/.cache/salesim-venv); the tests look for it there.
set -euo pipefail

need_apt=()
if ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 || ! command -v sbatch >/dev/null 2>&1; then
  need_apt+=(slurm-wlm)
fi
command -v munged >/dev/null 2>&1 || need_apt+=(munge)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need_apt+=(python3-venv)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup_tests: installing ${need_apt[*]} with apt-get" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  # The packages' own services are not wanted: the Slurm test starts its daemons itself.
  DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

venv=${SALESIM_VENV:-$HOME/.cache/salesim-venv}
# The Python packages of the tests, pinned to versions that work together on Python 3.9+:
# SALib 1.5.1 predates pandas 3 (its pd.unique on a list fails there), and ema_workbench 2.5.3
# (with SALib 1.5.1 and pandas 2) is the EMA connector's (python/salesim/ema.py); maturin builds
# the Python package (tests/python.rs), pytest runs its tests, pyarrow and polars read its tables;
# pyabc 0.13.0 (pure Python; installs on Python 3.11 with dask, SQLAlchemy and matplotlib, no
# compiler) is the simulator host of examples/pyabc_side_by_side.py and its test.
pins=('SALib==1.5.1' 'numpy>=1.26,<3' 'pandas>=2,<3' 'maturin==1.16.0' 'pytest==9.2.0' 'pyarrow==26.0.1'
  'polars==2.1.0' 'ema_workbench==2.5.3' 'pyabc==0.13.0')
satisfied() {
  "$venv/bin/python" - "${pins[@]}" <<'PY' >/dev/null 2>&1
import sys
from importlib.metadata import version
from packaging.requirements import Requirement
for pin in sys.argv[1:]:
    r = Requirement(pin)
    assert r.specifier.contains(version(r.name), prereleases=True), pin
PY
}
if ! satisfied; then
  echo "setup_tests: installing ${pins[*]} into the Python venv $venv" >&2
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${pins[@]}"
fi
