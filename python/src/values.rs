//! Python values to the core's inputs: a parameter value to its RON text (as `--set` and a design
//! file write it), an event from RON text or a dict, and a list of (week, event) actions.

use crate::errors::{Located, one};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyString};
use salesim::Scenario;
use salesim::scenario::Event;
use salesim::scenario::load::parse_ron;

/// The RON text of `value` for the parameter at `path`: a bool as `true`/`false`, a number as
/// written (a float with no fraction is the integer for an integer parameter, as in a design
/// file), a string as it is (RON: `Annual`, `Ratchet(up: 0.5, down: 0.25)`).
pub fn ron_value(s: &Scenario, path: &str, value: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = if value.is_instance_of::<PyBool>() {
        value.extract::<bool>()?.to_string()
    } else if value.is_instance_of::<PyInt>() || value.hasattr("__index__")? {
        value.call_method0("__index__")?.str()?.to_string()
    } else if value.is_instance_of::<PyFloat>() || (value.hasattr("__float__")? && !value.is_instance_of::<PyString>())
    {
        let v: f64 = value.extract()?;
        format!("{v:?}")
    } else if let Ok(text) = value.extract::<String>() {
        text
    } else {
        return Err(PyTypeError::new_err(format!(
            "parameter `{path}`: a value must be a bool, int, float or RON text, not {}",
            value.get_type().name()?
        )));
    };
    Ok(salesim::batch::external::integral(s, path, &text))
}

/// An event from its RON text (`CompetitorEntry("Rival")`, `Set(path: "pay.commission_rate",
/// value: "0.05")`) or a dict in the same shape (`{"CompetitorEntry": "Rival"}`, `{"Set":
/// {"path": "pay.commission_rate", "value": 0.05}}`, `{"CrmRollout": {"retention": 0.8}}`).
pub fn event(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<Event> {
    const FILE: &str = "<event>";
    if let Ok(text) = value.extract::<String>() {
        return parse_ron::<Event>(&text, FILE).map_err(|e| one(py, (&e).into()));
    }
    let Ok(dict) = value.cast::<PyDict>() else {
        return Err(PyTypeError::new_err("an event is RON text or a dict such as {\"CompetitorEntry\": \"Rival\"}"));
    };
    let json: String = py.import("json")?.call_method1("dumps", (dict,))?.extract()?;
    let mut tree: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| one(py, Located::field(FILE, "", e.to_string())))?;
    // A `Set` value is RON text; a number or bool given as such is written as RON writes it.
    if let Some(v) = tree.get_mut("Set").and_then(|s| s.get_mut("value")) {
        if !v.is_string() {
            *v = serde_json::Value::String(v.to_string());
        }
    }
    serde_json::from_value(tree).map_err(|e| one(py, Located::field(FILE, "", e.to_string())))
}

/// Actions given as (week, event) pairs, in order.
pub fn actions(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<Vec<salesim::run::Action>> {
    let mut out = Vec::new();
    for (i, item) in value.try_iter()?.enumerate() {
        let item = item?;
        let (week, ev): (u32, Bound<'_, PyAny>) = item.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "actions[{i}]: expected a (week, event) pair, got {}",
                item.repr().map_or_else(|_| "?".into(), |r| r.to_string())
            ))
        })?;
        out.push((week, event(py, &ev)?).into());
    }
    Ok(out)
}
