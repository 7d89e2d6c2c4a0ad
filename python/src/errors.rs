//! Python exceptions: `ScenarioError` (invalid input, with the file, line, column and field of
//! the problem as attributes) and `SalesimError` (a panic in the core, caught: a bug), and the
//! guard that runs core code with the GIL released and turns a panic into an exception.

use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use salesim::scenario::load;

create_exception!(
    salesim,
    ScenarioError,
    PyValueError,
    "Invalid input: a scenario, parameter, event, action or design. Attributes: `file`, `line`, \
     `column` (from 1; 0 when the input is not a text), `field` (the dotted path) and `message`; \
     `problems` lists every problem found (dicts of the same keys), the first one being this."
);
create_exception!(
    salesim,
    SalesimError,
    PyRuntimeError,
    "An internal failure of the simulation core (a caught panic): a bug to report."
);

/// One problem and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub field: String,
    pub message: String,
}

impl Located {
    /// A problem with a field but no position in a text (a `set`, an event given as a dict).
    pub fn field(file: &str, field: &str, message: impl Into<String>) -> Located {
        Located { file: file.into(), line: 0, column: 0, field: field.into(), message: message.into() }
    }

    /// A message the command line prints for this input as it is (`FILE:LINE:COL: …` is read
    /// back into its parts, `column `PATH`` or `field `PATH`` into the field).
    pub fn message(file: &str, message: &str) -> Located {
        let mut at = Located::field(file, "", message);
        if let Some(rest) = message.strip_prefix(file).and_then(|r| r.strip_prefix(':')) {
            let mut parts = rest.splitn(3, ':');
            let line = parts.next().and_then(|l| l.parse().ok());
            let column = parts.next().and_then(|c| c.parse().ok());
            if let (Some(line), Some(column)) = (line, column) {
                (at.line, at.column) = (line, column);
                at.message = parts.next().unwrap_or_default().trim().to_string();
            } else if let Some(line) = line {
                at.line = line;
            }
        }
        let named = |tag: &str| message.split(tag).nth(1).and_then(|r| r.split('`').next()).map(str::to_string);
        if let Some(field) = named("column `").or_else(|| named("field `")) {
            at.field = field;
        }
        at
    }

    fn text(&self) -> String {
        let field = if self.field.is_empty() { "(top level)" } else { &self.field };
        match self.line {
            0 => format!("{}: field `{field}`: {}", self.file, self.message),
            _ => format!("{}:{}:{}: field `{field}`: {}", self.file, self.line, self.column, self.message),
        }
    }

    fn dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("file", &self.file)?;
        d.set_item("line", self.line)?;
        d.set_item("column", self.column)?;
        d.set_item("field", &self.field)?;
        d.set_item("message", &self.message)?;
        Ok(d)
    }
}

impl From<&load::ScenarioError> for Located {
    fn from(e: &load::ScenarioError) -> Self {
        Located {
            file: e.file.clone(),
            line: e.line,
            column: e.column,
            field: e.field.clone(),
            message: e.message.clone(),
        }
    }
}

/// A `ScenarioError` for these problems (at least one), the first one in its attributes.
pub fn scenario_error(py: Python<'_>, problems: &[Located]) -> PyErr {
    let Some(first) = problems.first() else { return ScenarioError::new_err("invalid input") };
    let mut text = first.text();
    if problems.len() > 1 {
        text.push_str(&format!(" (and {} more problems)", problems.len() - 1));
    }
    let err = ScenarioError::new_err(text);
    let set = || -> PyResult<()> {
        let value = err.value(py);
        for (k, v) in first.dict(py)?.iter() {
            value.setattr(k.extract::<String>()?.as_str(), v)?;
        }
        let all: Vec<Bound<'_, PyDict>> = problems.iter().map(|p| p.dict(py)).collect::<PyResult<_>>()?;
        value.setattr("problems", all)
    };
    match set() {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// Issue each note (what the command line prints as `note: …`) as a Python `UserWarning`.
pub fn warn_notes(py: Python<'_>, notes: &[String]) -> PyResult<()> {
    for n in notes {
        let text = std::ffi::CString::new(n.replace('\0', " ")).expect("no NUL left");
        PyErr::warn(py, &py.get_type::<pyo3::exceptions::PyUserWarning>(), &text, 1)?;
    }
    Ok(())
}

/// A `ScenarioError` for one problem.
pub fn one(py: Python<'_>, problem: Located) -> PyErr {
    scenario_error(py, &[problem])
}

/// Run `f` (core code) with the GIL released; a panic becomes a `SalesimError`.
pub fn detached<T: Send>(py: Python<'_>, f: impl FnOnce() -> T + Send) -> PyResult<T> {
    py.detach(|| std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))).map_err(panicked)
}

/// Run `f` (core code) holding the GIL; a panic becomes a `SalesimError`.
pub fn guarded<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|p| Err(panicked(p)))
}

fn panicked(payload: Box<dyn std::any::Any + Send>) -> PyErr {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_string());
    SalesimError::new_err(format!("internal error in the salesim core (please report it): {what}"))
}
