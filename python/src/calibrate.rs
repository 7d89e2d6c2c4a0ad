//! `salesim.calibrate` (its Rust half): the same checks and the same ABC-SMC as `salesim calibrate`
//! (`salesim::calibrate::fit`), given the observed and priors files' texts, with the GIL released;
//! the posterior is returned as a `pyarrow.Table` with the columns of `posterior.csv`.

use crate::errors::{Located, SalesimError, detached, scenario_error};
use crate::scenario::PyScenario;
use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch};
use arrow_pyarrow::IntoPyArrow;
use arrow_schema::{DataType, Field, Schema};
use pyo3::prelude::*;
use salesim::calibrate::fit::{self, Text};
use std::path::Path;
use std::sync::Arc;

/// Calibrate `scenario` to the observed figures (CSV text, named `observed_name` in messages) with
/// the priors (RON text, `priors_name`), spending `budget` runs with `population` particles on
/// `jobs` threads (default all cores), each run `weeks` long (default the scenario's). Returns the
/// final population: `particle`, `weight`, `distance` and each parameter in its own units.
#[pyfunction]
#[pyo3(signature = (scenario, observed, priors, budget = 2000, population = 100, seed = 1, jobs = None, weeks = None, hold_out = Vec::new(), observed_name = "observed", priors_name = "priors"))]
#[allow(clippy::too_many_arguments)]
pub fn calibrate_texts(
    py: Python<'_>,
    scenario: &PyScenario,
    observed: &str,
    priors: &str,
    budget: usize,
    population: usize,
    seed: u64,
    jobs: Option<usize>,
    weeks: Option<u32>,
    hold_out: Vec<String>,
    observed_name: &str,
    priors_name: &str,
) -> PyResult<Py<PyAny>> {
    let mut notes = Vec::new();
    let base =
        salesim::run::resolve_noting(scenario.inner.clone(), None, weeks, Path::new(&scenario.source), &mut notes);
    crate::errors::warn_notes(py, &notes)?;
    let base = base.map_err(|m| scenario_error(py, &[Located::message(&scenario.source, &m)]))?;
    let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    let request = fit::request(
        base,
        Text { name: observed_name, text: observed },
        Text { name: priors_name, text: priors },
        &hold_out,
        budget,
        population,
        seed,
        jobs,
    )
    .map_err(|messages| {
        let located: Vec<Located> = messages
            .iter()
            .map(|m| {
                let file = if m.starts_with(priors_name) { priors_name } else { observed_name };
                Located::message(file, m)
            })
            .collect();
        scenario_error(py, &located)
    })?;
    let c = detached(py, || fit::calibrate(&request, None, |_| {}))?;
    let mut fields = vec![
        Field::new("particle", DataType::Int64, true),
        Field::new("weight", DataType::Float64, true),
        Field::new("distance", DataType::Float64, true),
    ];
    fields.extend(c.parameters.iter().map(|p| Field::new(p.path.clone(), DataType::Float64, true)));
    let particles = c.particles();
    let mut columns: Vec<ArrayRef> = vec![
        Arc::new(Int64Array::from_iter_values(0..particles.len() as i64)),
        Arc::new(Float64Array::from_iter_values(particles.iter().map(|p| p.weight))),
        Arc::new(Float64Array::from_iter_values(particles.iter().map(|p| p.distance))),
    ];
    for (k, parameter) in c.parameters.iter().enumerate() {
        let values = particles.iter().map(|p| parameter.prior.to_value(p.working[k]));
        columns.push(Arc::new(Float64Array::from_iter_values(values)));
    }
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(schema.clone(), columns).map_err(|e| SalesimError::new_err(e.to_string()))?;
    let table = arrow_pyarrow::Table::try_new(vec![batch], schema).map_err(|e| SalesimError::new_err(e.to_string()))?;
    Ok(table.into_pyarrow(py)?.unbind())
}
