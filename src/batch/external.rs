//! `--design FILE`: an external design (SALib, the EMA Workbench, pyDOE, a spreadsheet) as a CSV
//! file with one column per parameter path and one row per point, run as it is. An unnamed first
//! column (pandas' index) is ignored; numbers such as `3.0` for an integer parameter are taken as
//! the integer. Every problem names the file, line, column and parameter.

use super::grid::{Axis, DesignError, checked_value, not_a_design_parameter};
use super::limits;
use crate::output::read::{self, Row};
use crate::scenario::{Scenario, params};
use std::path::Path;

/// Design files larger than this are refused unread.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The axes (one per column, no values) and the points of a design file.
pub fn load(base: &Scenario, path: &Path) -> Result<(Vec<Axis>, Vec<Vec<String>>), DesignError> {
    let name = path.display().to_string();
    let whole = |m: String| format!("--design {name}: {m}");
    let size = std::fs::metadata(path).map_err(|e| whole(e.to_string()))?.len();
    limits::at_most(&format!("--design {name}: bytes"), size, MAX_FILE_BYTES)?;
    let text = std::fs::read_to_string(path).map_err(|e| whole(e.to_string()))?;
    parse(base, &name, &text)
}

/// The axes and points of a design given as CSV text (`name` names it in messages): what
/// `--design` reads from its file, and what Python's `salesim.batch` hands over for a data frame.
pub fn parse(base: &Scenario, name: &str, text: &str) -> Result<(Vec<Axis>, Vec<Vec<String>>), DesignError> {
    let whole = |m: String| format!("--design {name}: {m}");
    limits::at_most(&format!("--design {name}: bytes"), text.len() as u64, MAX_FILE_BYTES)?;
    let rows = read::parse(text).map_err(|e| format!("{name}:{}:{}: {}", e.line, e.column, e.message))?;
    let (header, body) = rows.split_first().ok_or_else(|| whole("the file is empty".into()))?;
    let skip = usize::from(header.cells.first().is_some_and(|c| c.text.trim().is_empty()));
    let axes = columns(base, name, header, skip)?;
    limits::at_most(&format!("--design {name}: rows"), body.len() as u64, limits::MAX_POINTS)?;
    if body.is_empty() {
        return Err(whole("no points (a header and no rows)".into()));
    }
    let points = body.iter().map(|row| point(base, name, &axes, row, skip)).collect::<Result<_, _>>()?;
    Ok((axes, points))
}

/// The header: known, distinct parameter paths that a design may vary.
fn columns(base: &Scenario, name: &str, header: &Row, skip: usize) -> Result<Vec<Axis>, DesignError> {
    let cells = &header.cells[skip..];
    limits::at_most(&format!("--design {name}: columns"), cells.len() as u64, limits::MAX_AXES as u64)?;
    let mut seen = std::collections::HashSet::new();
    let mut axes = Vec::new();
    for c in cells {
        let at = |m: String| format!("{name}:{}:{}: column `{}`: {m}", header.line, c.column, c.text.trim());
        let path = c.text.trim();
        not_a_design_parameter(path).map_err(&at)?;
        if params::get(base, path).is_none() {
            return Err(at("not a parameter path (`salesim params` lists them)".into()));
        }
        if !seen.insert(path) {
            return Err(at("given twice".into()));
        }
        axes.push(Axis { path: path.to_string(), values: Vec::new(), range: None });
    }
    if axes.is_empty() {
        return Err(format!("--design {name}: no parameter columns"));
    }
    Ok(axes)
}

/// One row: a checked value for each column.
fn point(base: &Scenario, name: &str, axes: &[Axis], row: &Row, skip: usize) -> Result<Vec<String>, DesignError> {
    let cells = row.cells.get(skip..).unwrap_or_default();
    if cells.len() != axes.len() {
        return Err(format!("{name}:{}: {} values where the header has {} columns", row.line, cells.len(), axes.len()));
    }
    cells
        .iter()
        .zip(axes)
        .map(|(c, a)| {
            let value = integral(base, &a.path, c.text.trim());
            checked_value(base, &a.path, &value)
                .map_err(|e| format!("{name}:{}:{}: column `{}`: {e}", row.line, c.column, a.path))
        })
        .collect()
}

/// `3.0` for an integer parameter is `3` (numeric tools write every number as a float).
pub fn integral(base: &Scenario, path: &str, text: &str) -> String {
    let integer_param = params::get(base, path).is_some_and(|v| v.parse::<i64>().is_ok());
    match text.parse::<f64>() {
        Ok(v) if integer_param && v.fract() == 0.0 && v.abs() < 9e15 => format!("{}", v as i64),
        _ => text.to_string(),
    }
}
