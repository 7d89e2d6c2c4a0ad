//! `--design FILE`: an external design (SALib, the EMA Workbench, pyDOE, a spreadsheet) as a CSV
//! file with one column per parameter path and one row per point, run as it is. An unnamed first
//! column (pandas' index) is ignored; numbers such as `3.0` for an integer parameter are taken as
//! the integer. Every problem names the file, line, column and parameter.

use super::grid::{Axis, DesignError, not_a_design_parameter};
use super::limits;
use super::probe::Probe;
use crate::output::read::{self, Row, RowReader};
use crate::scenario::{Scenario, params};
use std::path::Path;

/// Design files larger than this are refused after reading one byte more.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The axes (one per column, no values) and the points of a design file.
pub fn load(base: &Scenario, path: &Path) -> Result<(Vec<Axis>, Vec<Vec<String>>), DesignError> {
    let name = path.display().to_string();
    let whole = |m: String| format!("--design {name}: {m}");
    let text = crate::output::read_at_most(path, MAX_FILE_BYTES).map_err(|e| match e.kind() {
        std::io::ErrorKind::FileTooLarge => whole(format!("bytes: more than the limit of {MAX_FILE_BYTES}")),
        _ => whole(e.to_string()),
    })?;
    parse(base, &name, &text)
}

/// The axes and points of a design given as CSV text (`name` names it in messages): what
/// `--design` reads from its file, and what Python's `salesim.batch` hands over for a data frame.
/// Rows are parsed and checked one at a time, so memory holds the text and the points, not every
/// cell parsed as well.
pub fn parse(base: &Scenario, name: &str, text: &str) -> Result<(Vec<Axis>, Vec<Vec<String>>), DesignError> {
    let whole = |m: String| format!("--design {name}: {m}");
    limits::at_most(&format!("--design {name}: bytes"), text.len() as u64, MAX_FILE_BYTES)?;
    let located = |e: read::ParseError| format!("{name}:{}:{}: {}", e.line, e.column, e.message);
    let mut rows = RowReader::new(text.as_bytes(), text.len());
    let header = rows.next().transpose().map_err(located)?.ok_or_else(|| whole("the file is empty".into()))?;
    let skip = usize::from(header.cells.first().is_some_and(|c| c.text.trim().is_empty()));
    let axes = columns(base, name, &header, skip)?;
    let paths: Vec<&str> = axes.iter().map(|a| a.path.as_str()).collect();
    let mut probe = Probe::new(base, &paths);
    let mut points = Vec::new();
    for row in rows {
        if points.len() as u64 == limits::MAX_POINTS {
            return Err(whole(format!("rows: more than the limit of {}", limits::MAX_POINTS)));
        }
        points.push(point(&mut probe, name, &axes, &row.map_err(located)?, skip)?);
    }
    if points.is_empty() {
        return Err(whole("no points (a header and no rows)".into()));
    }
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

/// One row: a checked value for each column, the point tried on `probe` as a whole.
fn point(probe: &mut Probe, name: &str, axes: &[Axis], row: &Row, skip: usize) -> Result<Vec<String>, DesignError> {
    let cells = row.cells.get(skip..).unwrap_or_default();
    if cells.len() != axes.len() {
        let counts = format!("{} values where the header has {} columns", cells.len(), axes.len());
        let at = |column: usize, what: String| format!("{name}:{}:{column}: {what} ({counts})", row.line);
        return Err(match (cells.get(axes.len()), axes.get(cells.len())) {
            (Some(extra), _) => at(extra.column, format!("value `{}` beyond the last column", extra.text)),
            (None, Some(missing)) => {
                let end = row.cells.last().map_or(1, |c| c.column + c.text.chars().count());
                at(end, format!("column `{}`: no value", missing.path))
            }
            (None, None) => at(1, counts.clone()),
        });
    }
    let values: Vec<String> =
        cells.iter().enumerate().map(|(i, c)| as_integer(probe.is_integer(i), c.text.trim())).collect();
    probe.point(&values).map_err(|e| match e.column {
        Some(i) => format!("{name}:{}:{}: column `{}`: {}", row.line, cells[i].column, axes[i].path, e.message),
        None => format!("{name}:{}:1: {}", row.line, e.message),
    })
}

/// `3.0` for an integer parameter is `3` (numeric tools write every number as a float).
pub fn integral(base: &Scenario, path: &str, text: &str) -> String {
    as_integer(params::get(base, path).is_some_and(|v| v.parse::<i64>().is_ok()), text)
}

/// `3.0` is `3` when `integer` (the parameter holds an integer); other text is kept.
fn as_integer(integer: bool, text: &str) -> String {
    match text.parse::<f64>() {
        Ok(v) if integer && v.fract() == 0.0 && v.abs() < 9e15 => format!("{}", v as i64),
        _ => text.to_string(),
    }
}
