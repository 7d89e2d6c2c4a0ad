//! `salesim.Scenario`: a validated scenario, loaded from a file or RON text, changed by parameter
//! path exactly as a timeline `Set` event or `batch --set` changes it, written back as RON.

use crate::errors::{Located, guarded, one, scenario_error};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use salesim::Scenario;
use salesim::output::typed::Kind;
use salesim::scenario::{load, params, validate};
use std::path::PathBuf;

/// A scenario: every parameter and policy, validated. Load one with `Scenario.load(path)` or
/// `Scenario.from_ron(text)`; change it with `set`; run it with `salesim.run`.
#[pyclass(name = "Scenario", module = "salesim", from_py_object)]
#[derive(Clone)]
pub struct PyScenario {
    pub inner: Scenario,
    /// The file it came from (or `<string>`), named in messages.
    pub source: String,
}

/// Every problem of a scenario, located in `src` when there is one.
fn problems_error(py: Python<'_>, errors: Vec<load::ScenarioError>) -> PyErr {
    scenario_error(py, &errors.iter().map(Located::from).collect::<Vec<_>>())
}

/// A parameter's RON value as the Python value of its kind.
fn typed_value<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    Ok(match Kind::of_ron(text) {
        Kind::Int => text
            .parse::<i64>()
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?
            .into_pyobject(py)?
            .into_any(),
        Kind::Float => text
            .parse::<f64>()
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?
            .into_pyobject(py)?
            .into_any(),
        Kind::Bool => (text == "true").into_pyobject(py)?.to_owned().into_any(),
        Kind::Text => text.into_pyobject(py)?.into_any(),
    })
}

#[pymethods]
impl PyScenario {
    /// Read and check a scenario file (`.ron`). Raises `ScenarioError` naming the file, line,
    /// column and field of the first problem (`.problems` lists them all).
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        guarded(|| {
            let inner = load::load_file(&path).map_err(|e| problems_error(py, e))?;
            Ok(PyScenario { inner, source: path.display().to_string() })
        })
    }

    /// Parse and check scenario RON text; `name` stands for the file in messages.
    #[staticmethod]
    #[pyo3(signature = (text, name = "<string>"))]
    fn from_ron(py: Python<'_>, text: &str, name: &str) -> PyResult<Self> {
        guarded(|| {
            let inner = load::parse_str(text, name).map_err(|e| problems_error(py, e))?;
            Ok(PyScenario { inner, source: name.to_string() })
        })
    }

    /// Set the parameter at `path` (any path of `params()`) to `value`: a bool, int, float or
    /// RON text (`"Annual"`, `"Multiplexed(rebalance_weeks: 13)"`). The scenario must stay valid;
    /// otherwise `ScenarioError` (field = the path) and nothing changes.
    fn set(&mut self, py: Python<'_>, path: &str, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let text = crate::values::ron_value(&self.inner, path, value)?;
        guarded(|| {
            let mut changed = self.inner.clone();
            params::set(&mut changed, path, &text).map_err(|e| one(py, Located::field("<set>", path, e.message)))?;
            if let Some(p) = validate::problems(&changed).first() {
                return Err(one(py, Located::field("<set>", &p.path, format!("with {path} = {text}: {}", p.message))));
            }
            self.inner = changed;
            Ok(())
        })
    }

    /// The value of the parameter at `path`: an int, float or bool, or RON text for the rest.
    fn get<'py>(&self, py: Python<'py>, path: &str) -> PyResult<Bound<'py, PyAny>> {
        match params::get(&self.inner, path) {
            Some(text) => typed_value(py, &text),
            None => {
                let mut probe = self.inner.clone();
                let message = params::set(&mut probe, path, "0").err().map(|e| e.message).unwrap_or_default();
                Err(one(py, Located::field("<get>", path, message)))
            }
        }
    }

    /// The scenario as RON text (all defaults filled in); `Scenario.from_ron` reads it back to
    /// the same scenario (and hash).
    fn to_ron(&self) -> PyResult<String> {
        let config = ron::ser::PrettyConfig::new();
        ron::ser::to_string_pretty(&self.inner, config).map_err(|e| crate::errors::SalesimError::new_err(e.to_string()))
    }

    /// Every parameter path `set` accepts (as `salesim params` lists them), with its value in
    /// this scenario (RON text) and the first line of its documentation: (path, value, doc).
    fn params(&self) -> Vec<(String, String, Option<&'static str>)> {
        params::listing(&self.inner).into_iter().map(|p| (p.path, p.value, p.doc)).collect()
    }

    /// The stable hash of the resolved scenario, as 16 hex digits (as in every output).
    #[getter]
    fn hash(&self) -> String {
        self.inner.hash_hex()
    }

    /// The scenario's name.
    #[getter]
    fn name(&self) -> String {
        self.inner.name.clone()
    }

    /// Its master seed.
    #[getter]
    fn seed(&self) -> u64 {
        self.inner.seed
    }

    /// Its length in weeks.
    #[getter]
    fn weeks(&self) -> u32 {
        self.inner.weeks
    }

    /// The file it was read from (`<string>` for text).
    #[getter]
    fn source(&self) -> String {
        self.source.clone()
    }

    /// An independent copy.
    fn copy(&self) -> Self {
        self.clone()
    }

    fn __copy__(&self) -> Self {
        self.clone()
    }

    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        self.clone()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.extract::<PyRef<'_, PyScenario>>().is_ok_and(|o| o.inner == self.inner)
    }

    fn __hash__(&self) -> u64 {
        u64::from_str_radix(&self.inner.hash_hex(), 16).unwrap_or_default()
    }

    /// Pickled as its RON text (so a scenario can go to worker processes).
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let this = slf.borrow();
        let from_ron = slf.get_type().getattr("from_ron")?;
        let args = PyTuple::new(slf.py(), [this.to_ron()?, this.source.clone()])?;
        Ok((from_ron, args))
    }

    fn __repr__(&self) -> String {
        format!(
            "Scenario(name={:?}, seed={}, weeks={}, hash={:?})",
            self.inner.name,
            self.inner.seed,
            self.inner.weeks,
            self.inner.hash_hex()
        )
    }
}

/// Every parameter path a `set` (or a design column) may name, in file order.
#[pyfunction]
pub fn param_paths() -> Vec<String> {
    params::paths()
}
