#!/usr/bin/env bash
# Set-up for the test suite only (the README's test command runs it after setup.sh): a one-node
# Slurm (Debian's slurm-wlm with munge) for tests/slurm.rs, and a Python venv with SALib and numpy
# for scripts/sensitivity.py and its test. Safe to run repeatedly: it installs only what is missing.
#
# The venv is at $SALESIM_VENV (default $HOME/.cache/salesim-venv); the tests look for it there.
set -euo pipefail

need_apt=()
if ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 || ! command -v sbatch >/dev/null 2>&1; then
  need_apt+=(slurm-wlm)
fi
command -v munged >/dev/null 2>&1 || need_apt+=(munge)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need_apt+=(python3-venv)

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup_tests: installing ${need_apt[*]} with apt-get" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  # The packages' own services are not wanted: the Slurm test starts its daemons itself.
  DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

venv=${SALESIM_VENV:-$HOME/.cache/salesim-venv}
if ! "$venv/bin/python" -c 'import SALib, numpy, pandas; assert pandas.__version__ < "3"' >/dev/null 2>&1; then
  echo "setup_tests: creating the Python venv $venv with SALib and numpy" >&2
  python3 -m venv "$venv"
  # SALib 1.5.1 predates pandas 3 (its pd.unique on a list fails there).
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'SALib==1.5.1' 'numpy>=1.26,<3' 'pandas>=2,<3'
fi
