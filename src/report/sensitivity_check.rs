//! What a stored sensitivity analysis must be for a report to trust it: at least two seeds and
//! one row; each varied path a behavioural parameter of `salesim params`; each step one of the
//! report's (1 ± `STEP`), once per path; each change keyed by a result of this report, its mean
//! finite (or missing) and its half-width missing or from 0 to the same bound. A problem is given
//! with the path of the value at fault, which `json_at.rs` turns into a line and column.

use super::json_at::Step;
use super::sensitivity::{Change, STEP, Sensitivity, all_headlines};
use crate::scenario::params;
use std::collections::HashSet;

/// The largest change or half-width believed: the report's results are shares, ratios, weeks and
/// dollars a year, whose changes are far smaller.
pub const MAX_MAGNITUDE: f64 = 1e12;

/// A value of a stored analysis that cannot be trusted: where it is and what is wrong.
#[derive(Debug, PartialEq)]
pub struct Problem {
    pub at: Vec<Step>,
    pub message: String,
}

fn key(k: &str) -> Step {
    Step::Key(k.to_string())
}

fn problem(at: Vec<Step>, message: String) -> Result<(), Problem> {
    Err(Problem { at, message })
}

/// The first problem of the analysis `a`, in file order.
pub fn check(a: &Sensitivity) -> Result<(), Problem> {
    if a.seeds < 2 {
        return problem(vec![key("seeds")], format!("{} seeds give no interval; an analysis has at least 2", a.seeds));
    }
    if a.rows.is_empty() {
        return problem(vec![key("rows")], "no rows: the analysis varies no parameter".into());
    }
    let paths: HashSet<String> = params::behavioural_paths().into_iter().collect();
    let results: HashSet<String> = all_headlines().iter().map(|h| h.key()).collect();
    let known = |path: &str| {
        if paths.contains(path) {
            Ok(())
        } else {
            Err(format!("`{path}` is not a behavioural parameter (`salesim params` lists them)"))
        }
    };
    let mut seen = HashSet::new();
    for (i, row) in a.rows.iter().enumerate() {
        let at = |field: &[Step]| [vec![key("rows"), Step::Index(i)], field.to_vec()].concat();
        known(&row.path).or_else(|m| problem(at(&[key("path")]), m))?;
        if ![1.0 - STEP, 1.0 + STEP].iter().any(|f| (row.factor - f).abs() < 1e-9) {
            let message = format!("{} is not a step of this report ({} or {})", row.factor, 1.0 - STEP, 1.0 + STEP);
            return problem(at(&[key("factor")]), message);
        }
        if !seen.insert((row.path.as_str(), row.factor > 1.0)) {
            return problem(at(&[key("factor")]), format!("`{}` at {} is given twice", row.path, row.factor));
        }
        for (result, change) in &row.changes {
            let here = at(&[key("changes"), key(result)]);
            if !results.contains(result) {
                return problem(here, format!("`{result}` is not a result of this report (scenario:KPI)"));
            }
            plausible(change).or_else(|(field, m)| problem([here, vec![key(field)]].concat(), m))?;
        }
    }
    for (i, s) in a.skipped.iter().enumerate() {
        known(&s.path).or_else(|m| problem(vec![key("skipped"), Step::Index(i), key("path")], m))?;
    }
    Ok(())
}

/// A change's mean is missing or finite and within [`MAX_MAGNITUDE`]; its half-width is missing
/// or from 0 to that bound. Otherwise the field at fault and why.
fn plausible(c: &Change) -> Result<(), (&'static str, String)> {
    let bound = |v: f64| v.is_nan() || v.abs() <= MAX_MAGNITUDE;
    if !bound(c.mean) {
        return Err(("mean", format!("{} is not a plausible change (at most {MAX_MAGNITUDE:e} either way)", c.mean)));
    }
    if !bound(c.half_width) || c.half_width < 0.0 {
        return Err(("half_width", format!("{} is not a half-width (0 to {MAX_MAGNITUDE:e})", c.half_width)));
    }
    Ok(())
}
