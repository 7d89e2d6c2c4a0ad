//! `salesim.run` and `salesim.Run`: one run to the end, its five tables as Arrow (the columns and
//! values of the CSV files `salesim run` writes) and its summary (summary.json) as a dict. A run
//! replays actions exactly as `salesim run --actions` does.

use crate::errors::{Located, detached, one, scenario_error};
use crate::scenario::PyScenario;
use arrow_array::RecordBatch;
use arrow_pyarrow::IntoPyArrow;
use arrow_schema::SchemaRef;
use pyo3::prelude::*;
use salesim::Scenario;
use salesim::run::{Actions, Stopped, prepare_replay, simulate_with_actions};
use salesim::output::tables::RunTables;
use salesim::output::writer::RunMeta;
use salesim::scenario::validate;
use salesim::session::Session;
use salesim::sim::observe::metrics::{Summary, TickOutput};
use std::path::{Path, PathBuf};

/// The tables of a run: (name, schema, record batches).
pub type Tables = Vec<(&'static str, SchemaRef, Vec<RecordBatch>)>;

/// A finished run (or a `Simulation` so far): `.timeseries`, `.events`, `.reps`, `.accounts` and
/// `.deals` as `pyarrow.Table` (`.to_pandas()`, `polars.from_arrow(...)`), `.summary` as a dict.
#[pyclass(name = "Run", module = "salesim", frozen)]
pub struct PyRun {
    tables: Tables,
    summary: String,
}

impl PyRun {
    pub fn new(tables: Tables, summary: &Summary) -> PyResult<Self> {
        let summary =
            serde_json::to_string(summary).map_err(|e| crate::errors::SalesimError::new_err(e.to_string()))?;
        Ok(PyRun { tables, summary })
    }

    fn table(&self, py: Python<'_>, name: &str) -> PyResult<Py<PyAny>> {
        let (_, schema, batches) = self.tables.iter().find(|(n, _, _)| *n == name).expect("a table of every name");
        let table = arrow_pyarrow::Table::try_new(batches.clone(), schema.clone())
            .map_err(|e| crate::errors::SalesimError::new_err(e.to_string()))?;
        Ok(table.into_pyarrow(py)?.unbind())
    }
}

#[pymethods]
impl PyRun {
    /// One row per week (timeseries.csv).
    #[getter]
    fn timeseries(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.table(py, "timeseries")
    }

    /// One row per event (events.csv).
    #[getter]
    fn events(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.table(py, "events")
    }

    /// One row per rep per year (reps.csv).
    #[getter]
    fn reps(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.table(py, "reps")
    }

    /// One row per account per year (accounts.csv).
    #[getter]
    fn accounts(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.table(py, "accounts")
    }

    /// One row per closed deal (deals.csv).
    #[getter]
    fn deals(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.table(py, "deals")
    }

    /// The run summary (summary.json) as a dict.
    #[getter]
    fn summary(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(py.import("json")?.call_method1("loads", (&self.summary,))?.unbind())
    }

    fn __repr__(&self) -> String {
        let rows: Vec<String> = self
            .tables
            .iter()
            .map(|(n, _, b)| format!("{n}={}", b.iter().map(RecordBatch::num_rows).sum::<usize>()))
            .collect();
        format!("Run({})", rows.join(", "))
    }
}

/// The run's scenario and actions, resolved as `salesim run` resolves them: `actions` is None,
/// the path of a recorded session (`--actions`), or (week, event) pairs, each checked as a
/// timeline event is (an action at or past the last week is refused).
pub fn prepare(
    py: Python<'_>,
    scenario: &PyScenario,
    seed: Option<u64>,
    weeks: Option<u32>,
    actions: Option<&Bound<'_, PyAny>>,
) -> PyResult<(Scenario, Actions)> {
    let file = Path::new(&scenario.source);
    let invalid = |m: String| one(py, Located::message(&scenario.source, &m));
    let session_path = match actions {
        Some(a) if a.is_instance_of::<pyo3::types::PyString>() || a.hasattr("__fspath__")? => {
            Some(a.extract::<PathBuf>()?)
        }
        _ => None,
    };
    let mut notes = Vec::new();
    let session = match session_path {
        Some(path) => Some((Session::load(&path).map_err(|e| one(py, (&e).into()))?, path)),
        None => None,
    };
    let prepared = prepare_replay(
        scenario.inner.clone(),
        file,
        session.as_ref().map(|(s, p)| (s, p.as_path())),
        seed,
        weeks,
        &mut notes,
    );
    crate::errors::warn_notes(py, &notes)?;
    let (s, replayed) = prepared.map_err(invalid)?;
    if session.is_some() {
        return Ok((s, replayed));
    }
    let Some(list) = actions else { return Ok((s, Vec::new())) };
    let list = crate::values::actions(py, list)?;
    let problems: Vec<Located> = validate::timed_event_problems(&s, list.iter().map(|a| (a.week, &a.event)))
        .into_iter()
        .map(|(i, p)| Located::field("<actions>", &format!("actions[{i}].{}", p.path), p.message))
        .collect();
    if !problems.is_empty() {
        return Err(scenario_error(py, &problems));
    }
    Ok((s, list))
}

/// The metadata every row of a run's tables ends with.
pub fn meta(s: &Scenario) -> RunMeta {
    RunMeta::of(s)
}

/// Ticks that may wait for the table builder (a few weeks' rows: memory stays small).
const TICKS_IN_FLIGHT: usize = 16;

/// Simulate `s` with `actions` to the end, its tables built on a second thread as the weeks come
/// (the simulation does not wait for them unless the builder falls `TICKS_IN_FLIGHT` weeks
/// behind).
fn simulate_to_tables(
    s: Scenario,
    actions: &Actions,
) -> Result<(Result<Tables, arrow_schema::ArrowError>, Summary), Stopped<std::convert::Infallible>> {
    let mut tables = RunTables::new(&meta(&s));
    let (tx, rx) = std::sync::mpsc::sync_channel::<TickOutput>(TICKS_IN_FLIGHT);
    std::thread::scope(|scope| {
        let builder = scope.spawn(move || {
            let mut added = Ok(());
            for tick in rx {
                added = added.and_then(|()| tables.add(tick));
            }
            added.and_then(|()| tables.snapshot())
        });
        let summary = simulate_with_actions(s, actions, |tick| {
            // The builder only stops early by panicking, which `join` below passes on.
            let _ = tx.send(tick);
            Ok::<(), std::convert::Infallible>(())
        });
        drop(tx);
        let tables = builder.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        summary.map(|summary| (tables, summary))
    })
}

/// Run `scenario` to the end and return its tables and summary (nothing is written).
///
/// `seed` and `weeks` override the scenario's, as `--seed` and `--weeks` do; `actions` replays a
/// recorded session file (`--actions`) or a list of (week, event) pairs, each event sent before
/// its week exactly as the live view sends it. The GIL is released while the model runs.
#[pyfunction]
#[pyo3(signature = (scenario, seed = None, weeks = None, actions = None))]
pub fn run(
    py: Python<'_>,
    scenario: &PyScenario,
    seed: Option<u64>,
    weeks: Option<u32>,
    actions: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyRun> {
    let (s, actions) = prepare(py, scenario, seed, weeks, actions)?;
    let source = scenario.source.clone();
    let outcome = detached(py, move || simulate_to_tables(s, &actions))?;
    match outcome {
        Ok((Ok(tables), summary)) => PyRun::new(tables, &summary),
        Ok((Err(e), _)) => Err(crate::errors::SalesimError::new_err(e.to_string())),
        Err(Stopped::Refused(r)) => {
            Err(one(py, Located::field(&source, &r.problem.path, format!("week {}: {}", r.week, r.problem.message))))
        }
        Err(Stopped::Week(never)) => match never {},
    }
}
