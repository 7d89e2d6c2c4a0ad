//! `salesim.batch` (its Rust half): a design given as CSV text, run in memory on `jobs` threads
//! with the GIL released, exactly as `salesim batch --design` runs the same file, its rows
//! returned as the typed table of `runs.parquet`.

use crate::errors::{Located, SalesimError, detached, one};
use crate::scenario::PyScenario;
use arrow_pyarrow::IntoPyArrow;
use pyo3::prelude::*;
use salesim::batch::{Batch, external, grid, limits, memory};
use std::path::Path;

/// Run the design `csv` (a header of parameter paths, a row per point: what `--design` reads;
/// `name` names it in messages) on `scenario`, `replicates` runs a point on `jobs` threads
/// (default all cores), each `weeks` long (default the scenario's). Returns a `pyarrow.Table`
/// with the rows of runs.csv, typed as runs.parquet.
#[pyfunction]
#[pyo3(signature = (scenario, csv, replicates = 10, jobs = None, weeks = None, name = "design"))]
pub fn batch_csv(
    py: Python<'_>,
    scenario: &PyScenario,
    csv: &str,
    replicates: u64,
    jobs: Option<usize>,
    weeks: Option<u32>,
    name: &str,
) -> PyResult<Py<PyAny>> {
    let invalid = |field: &str, m: String| one(py, Located::field(name, field, m));
    limits::at_most("replicates", replicates, limits::MAX_REPLICATES).map_err(|m| invalid("replicates", m))?;
    if replicates == 0 {
        return Err(invalid("replicates", "replicates must be at least 1".into()));
    }
    let jobs = limits::threads("jobs", jobs).map_err(|m| invalid("jobs", m))?;
    let mut notes = Vec::new();
    let base =
        salesim::run::resolve_noting(scenario.inner.clone(), None, weeks, Path::new(&scenario.source), &mut notes);
    crate::errors::warn_notes(py, &notes)?;
    let base = base.map_err(|m| one(py, Located::message(&scenario.source, &m)))?;
    let (axes, points) =
        external::parse(&grid::probe_base(&base), name, csv).map_err(|m| one(py, Located::message(name, &m)))?;
    limits::runs(points.len() as u64, replicates).map_err(|m| invalid("", m))?;
    let batch = Batch::in_memory(base, axes, points, replicates, jobs);
    let (schema, batches) = detached(py, || memory::run_table(&batch))?.map_err(SalesimError::new_err)?;
    let table = arrow_pyarrow::Table::try_new(batches, schema).map_err(|e| SalesimError::new_err(e.to_string()))?;
    Ok(table.into_pyarrow(py)?.unbind())
}

/// The KPI columns of a batch table (the numeric keys of summary.json but `seed`), in order.
#[pyfunction]
pub fn kpi_names() -> Vec<String> {
    salesim::batch::output::kpi_names(&Default::default())
}
