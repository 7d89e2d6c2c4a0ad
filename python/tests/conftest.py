"""Shared fixtures of the Python package's tests: the repository, the `salesim` binary they
compare with (`$SALESIM_BIN`, set by tests/python.rs to the binary of the same build), running
it, and reading its CSV files back with the types of the package's tables."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Union

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

REPO = Path(__file__).resolve().parents[2]
BASELINE = REPO / "scenarios" / "baseline.ron"


@pytest.fixture(scope="session")
def salesim_bin() -> Path:
    """The command-line binary to compare with (never skipped: a missing binary fails)."""
    path = Path(os.environ.get("SALESIM_BIN", REPO / "target" / "release" / "salesim"))
    if not path.exists():
        pytest.fail(f"{path} not found: build it (cargo build --release) or set SALESIM_BIN")
    return path


def cli(binary: Path, *args: Union[str, Path], ok: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the binary from the repository root; with ``ok``, fail on a non-zero exit."""
    done = subprocess.run([str(binary), *map(str, args)], cwd=REPO, capture_output=True, text=True)
    if ok and done.returncode != 0:
        pytest.fail(f"salesim {' '.join(map(str, args))} exited {done.returncode}:\n{done.stderr}")
    return done


def read_csv(path: Path, schema: pa.Schema) -> pa.Table:
    """A CSV file salesim wrote, read with ``schema``'s column types (an empty cell is null)."""
    options = pacsv.ConvertOptions(
        column_types=schema,
        include_columns=schema.names,
        null_values=[""],
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
    )
    return pacsv.read_csv(path, convert_options=options).cast(schema)


def assert_same_table(got: pa.Table, want: pa.Table, what: str, csv: bool = False) -> None:
    """Equal column names, types and values, naming the first column that differs. With ``csv``
    (``want`` read from a CSV file), a null and an empty string are the same text: both are an
    empty cell there (the tables hold "" where the Rust field is a string, null where it is
    optional)."""
    assert got.schema.names == want.schema.names, f"{what}: columns differ"
    assert got.num_rows == want.num_rows, f"{what}: {got.num_rows} rows, expected {want.num_rows}"
    for name in got.schema.names:
        a, b = got.column(name), want.column(name)
        assert a.type == b.type, f"{what}.{name}: type {a.type}, expected {b.type}"
        if csv and pa.types.is_string(a.type):
            a, b = a.fill_null(""), b.fill_null("")
        if not a.equals(b):
            for i, (x, y) in enumerate(zip(a.to_pylist(), b.to_pylist())):
                assert x == y, f"{what}.{name}, row {i}: {x!r}, expected {y!r}"
