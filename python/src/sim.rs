//! `salesim.Simulation`: the step API. The same model the command line and the live view run
//! (one company, or every firm of an industry: `salesim::run::Model`), stepped a week at a time
//! from Python, sent the same events the timeline and the live view send, its rows (every
//! firm's) kept as they come so `results()` gives the run so far.

use crate::errors::{Located, SalesimError, detached, guarded, one};
use crate::run::{PyRun, meta};
use crate::scenario::PyScenario;
use pyo3::prelude::*;
use salesim::Scenario;
use salesim::output::tables::RunTables;
use salesim::run::Model;
use std::sync::Mutex;

struct State {
    model: Model,
    scenario: Scenario,
    tables: RunTables,
}

/// A simulation stepped from Python: `step(n)` simulates n weeks, `send(event)` queues an event
/// for the start of the next week (exactly as a timeline event or a live-view control), `week` is
/// the next week to simulate, `kpis()` the summary so far and `results()` the tables so far. An
/// industry (a scenario with `firms`) steps every firm; events go to the first firm (a
/// market-wide one to every firm) and the summary is the first firm's with every firm's in
/// `firms`, as `salesim.run` gives them.
#[pyclass(name = "Simulation", module = "salesim")]
pub struct PySimulation {
    state: Mutex<State>,
}

impl PySimulation {
    fn with<T>(&self, f: impl FnOnce(&mut State) -> T) -> PyResult<T> {
        let mut state =
            self.state.lock().map_err(|_| SalesimError::new_err("the simulation failed in an earlier call"))?;
        Ok(f(&mut state))
    }
}

#[pymethods]
impl PySimulation {
    /// Build the world of `scenario` at week 0; `seed` and `weeks` override the scenario's.
    #[new]
    #[pyo3(signature = (scenario, seed = None, weeks = None))]
    fn new(py: Python<'_>, scenario: &PyScenario, seed: Option<u64>, weeks: Option<u32>) -> PyResult<Self> {
        let (s, _) = crate::run::prepare(py, scenario, seed, weeks, None)?;
        let state = detached(py, move || {
            let tables = RunTables::new(&meta(&s));
            State { model: Model::new(&s), scenario: s, tables }
        })?;
        Ok(PySimulation { state: Mutex::new(state) })
    }

    /// Simulate up to `n` weeks (fewer at the end of the run); returns the weeks simulated.
    #[pyo3(signature = (n = 1))]
    fn step(&self, py: Python<'_>, n: u32) -> PyResult<u32> {
        let stepped = detached(py, || {
            self.with(|st| {
                let mut done = 0;
                while done < n && st.model.step() {
                    for tick in st.model.drain() {
                        st.tables.add(tick)?;
                    }
                    done += 1;
                }
                Ok(done)
            })
        })??;
        stepped.map_err(|e: arrow_schema::ArrowError| SalesimError::new_err(e.to_string()))
    }

    /// Queue `event` for the start of the next week, checked against the scenario in force as a
    /// timeline event is: RON text (`'CompetitorEntry("Rival")'`, `'Set(path: "pay.commission_rate",
    /// value: "0.05")'`) or a dict (`{"Set": {"path": "pay.commission_rate", "value": 0.05}}`). A
    /// refused event changes nothing and raises `ScenarioError`.
    fn send(&self, py: Python<'_>, event: &Bound<'_, PyAny>) -> PyResult<()> {
        let event = crate::values::event(py, event)?;
        guarded(|| {
            self.with(|st| st.model.send(event))?.map_err(|p| one(py, Located::field("<event>", &p.path, p.message)))
        })
    }

    /// The next week to simulate (= weeks done).
    #[getter]
    fn week(&self) -> PyResult<u32> {
        self.with(|st| st.model.week())
    }

    /// The length of the run in weeks.
    #[getter]
    fn weeks(&self) -> PyResult<u32> {
        self.with(|st| st.model.weeks())
    }

    /// Whether every week has been simulated.
    #[getter]
    fn finished(&self) -> PyResult<bool> {
        self.with(|st| st.model.finished())
    }

    /// The run summary so far (the keys of summary.json, over the weeks done), as a dict.
    fn kpis(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let json = guarded(|| {
            let summary = self.with(|st| st.model.summary(&st.scenario))?;
            serde_json::to_string(&summary).map_err(|e| SalesimError::new_err(e.to_string()))
        })?;
        Ok(py.import("json")?.call_method1("loads", (json,))?.unbind())
    }

    /// The run so far as a `Run`: every table's rows up to this week, and the summary so far.
    fn results(&self) -> PyResult<PyRun> {
        guarded(|| {
            let (tables, summary) = self.with(|st| (st.tables.snapshot(), st.model.summary(&st.scenario)))?;
            PyRun::new(tables.map_err(|e| SalesimError::new_err(e.to_string()))?, &summary)
        })
    }

    fn __repr__(&self) -> PyResult<String> {
        self.with(|st| format!("Simulation(week={}, weeks={})", st.model.week(), st.model.weeks()))
    }
}
