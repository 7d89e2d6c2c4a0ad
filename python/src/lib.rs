//! `salesim._salesim`, the extension module behind the Python package `salesim`: scenarios,
//! runs, batches and the step API, calling the same Rust core as the command line (no second
//! model, no subprocess). Tables cross to Python as Arrow (pyarrow, through the C data
//! interface); the GIL is released while the model runs; invalid input raises
//! `salesim.ScenarioError` and a panic in the core is caught and raised as `salesim.SalesimError`.

mod batch;
mod calibrate;
mod errors;
mod run;
mod scenario;
mod sim;
mod values;

use pyo3::prelude::*;

#[pymodule]
fn _salesim(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // As `salesim run` does: bevy's task pool on all cores (outputs never depend on it).
    salesim::init_threads(None);
    let py = m.py();
    m.add("ScenarioError", py.get_type::<errors::ScenarioError>())?;
    m.add("SalesimError", py.get_type::<errors::SalesimError>())?;
    m.add("__version__", salesim::VERSION)?;
    m.add_class::<scenario::PyScenario>()?;
    m.add_class::<run::PyRun>()?;
    m.add_class::<sim::PySimulation>()?;
    m.add_function(wrap_pyfunction!(run::run, m)?)?;
    m.add_function(wrap_pyfunction!(batch::batch_csv, m)?)?;
    m.add_function(wrap_pyfunction!(batch::kpi_names, m)?)?;
    m.add_function(wrap_pyfunction!(calibrate::calibrate_texts, m)?)?;
    m.add_function(wrap_pyfunction!(scenario::param_paths, m)?)?;
    Ok(())
}
