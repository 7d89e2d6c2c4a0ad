//! The observed file: a company's own figures, CSV with a header `measure,value` and optional
//! columns `sd` (the figure's standard error), `n` (the count a share is out of: sd = √(p(1−p)/n))
//! and `window` (`run`, the whole run, the default; or `year N`, year N of the run, for the
//! measures computed by year). A measure may be given once per window. Lines starting with `#`
//! are comments. Every problem is reported with the file, line, column and field, before any run.

use super::measures::{Kind, Measure, Window};
use crate::output::read;
use crate::scenario::load::ScenarioError;

/// One observed figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    pub measure: Measure,
    /// The stretch of the run it is about.
    pub window: Window,
    pub value: f64,
    /// Its standard error, given or derived from `n` (None: taken as exact).
    pub sd: Option<f64>,
    /// The line it is on.
    pub line: usize,
}

/// The optional columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Extra {
    Sd,
    N,
    Window,
}

/// Parse and check observed-figures text; `file` names it in messages.
pub fn parse(text: &str, file: &str) -> Result<Vec<Observation>, Vec<ScenarioError>> {
    let err = |line: usize, column: usize, field: &str, message: String| ScenarioError {
        file: file.to_string(),
        line,
        column,
        field: field.to_string(),
        message,
    };
    // Comment lines become blank (the reader skips them), so line numbers stay true.
    let uncommented: String =
        text.split_inclusive('\n').map(|l| if l.trim_start().starts_with('#') { "\n" } else { l }).collect();
    let rows = read::parse(&uncommented).map_err(|e| vec![err(e.line, e.column, "", e.message)])?;
    let Some((header, rows)) = rows.split_first() else {
        return Err(vec![err(1, 1, "", "empty file: expected a header `measure,value[,sd][,n][,window]`".into())]);
    };
    let names: Vec<&str> = header.cells.iter().map(|c| c.text.trim()).collect();
    if names.len() < 2 || names[0] != "measure" || names[1] != "value" {
        return Err(vec![err(header.line, 1, "", "the header must start `measure,value`".into())]);
    }
    let mut extras = Vec::new();
    for (cell, name) in header.cells.iter().zip(&names).skip(2) {
        let extra = match *name {
            "sd" => Extra::Sd,
            "n" => Extra::N,
            "window" => Extra::Window,
            other => {
                return Err(vec![err(header.line, cell.column, other, "unknown column (known: sd, n, window)".into())]);
            }
        };
        if extras.contains(&extra) {
            return Err(vec![err(header.line, cell.column, name, "column given twice".into())]);
        }
        extras.push(extra);
    }
    let mut out: Vec<Observation> = Vec::new();
    let mut errors = Vec::new();
    for row in rows {
        match observation(row, &names, &extras, &out) {
            Ok(o) => out.push(o),
            Err((column, field, message)) => errors.push(err(row.line, column, field, message)),
        }
    }
    if out.is_empty() && errors.is_empty() {
        errors.push(err(header.line, 1, "", "no figures: give at least one `measure,value` line".into()));
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// Read and check an observed file.
pub fn load(path: &std::path::Path) -> Result<Vec<Observation>, Vec<ScenarioError>> {
    let text = crate::scenario::load::read_text(path).map_err(|e| vec![e])?;
    parse(&text, &path.display().to_string())
}

type CellError<'h> = (usize, &'h str, String);

/// One row, checked: (column, field, message) on error.
fn observation<'h>(
    row: &read::Row,
    names: &[&'h str],
    extras: &[Extra],
    before: &[Observation],
) -> Result<Observation, CellError<'h>> {
    let end = row.cells.last().map(|c| c.column + c.text.chars().count()).unwrap_or(1);
    if row.cells.len() > names.len() {
        return Err((
            row.cells[names.len()].column,
            "",
            format!("{} cells where the header has {}", row.cells.len(), names.len()),
        ));
    }
    let cell = |i: usize| row.cells.get(i).map(|c| (c.column, c.text.trim())).unwrap_or((end, ""));
    let number = |i: usize| -> Result<Option<f64>, CellError<'h>> {
        let (column, text) = cell(i);
        if text.is_empty() {
            return Ok(None);
        }
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Some(v)),
            _ => Err((column, names[i], format!("`{text}` is not a finite number"))),
        }
    };
    let (column, name) = cell(0);
    let measure = Measure::from_name(name).ok_or_else(|| {
        (column, "measure", format!("unknown measure `{name}` (`salesim kpis` prints every measure)"))
    })?;
    let window = match extras.iter().position(|e| *e == Extra::Window) {
        None => Window::Run,
        Some(k) => {
            let (column, text) = cell(k + 2);
            let window = Window::parse(text).ok_or_else(|| {
                (column, "window", format!("`{text}` is not a window: `run` or `year N` (N from 1, a year of the run)"))
            })?;
            if window != Window::Run && !measure.by_year() {
                return Err((column, "window", format!("{measure} is only computed over the whole run (`run`)")));
            }
            window
        }
    };
    if let Some(first) = before.iter().find(|o| o.measure == measure && o.window == window) {
        return Err((
            column,
            "measure",
            format!("`{name}` over {window} is given twice (first on line {})", first.line),
        ));
    }
    let value = number(1)?.ok_or_else(|| (cell(1).0, "value", "a value is needed".to_string()))?;
    if measure.kind() == Kind::Share && !(0.0..=1.0).contains(&value) {
        return Err((cell(1).0, "value", format!("{measure} is a share: between 0 and 1, got {value}")));
    }
    let mut sd = None;
    for (k, extra) in extras.iter().enumerate() {
        let i = k + 2;
        match extra {
            Extra::Sd => {
                if let Some(v) = number(i)? {
                    if v <= 0.0 {
                        return Err((cell(i).0, "sd", format!("must be above 0, got {v}")));
                    }
                    sd = Some(v);
                }
            }
            Extra::N => {
                if let Some(n) = number(i)? {
                    if measure.kind() != Kind::Share {
                        return Err((cell(i).0, "n", format!("{measure} is not a share: give its `sd` instead")));
                    }
                    if n < 1.0 || n.fract() != 0.0 {
                        return Err((cell(i).0, "n", format!("must be a whole number of at least 1, got {n}")));
                    }
                    if sd.is_some() {
                        return Err((cell(i).0, "n", "give `sd` or `n`, not both".to_string()));
                    }
                    sd = Some((value * (1.0 - value) / n).sqrt().max(0.5 / n));
                }
            }
            Extra::Window => {}
        }
    }
    Ok(Observation { measure, window, value, sd, line: row.line })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_error(text: &str) -> String {
        parse(text, "o.csv").unwrap_err()[0].to_string()
    }

    #[test]
    fn a_good_file_gives_its_figures_with_their_uncertainty() {
        let o = parse(
            "# our numbers\nmeasure,value,sd,n\nrep_turnover,0.3,0.05,\nshare_at_quota,0.5,,100\nwin_rate,0.25\n",
            "o.csv",
        )
        .unwrap();
        assert_eq!(o.len(), 3);
        assert_eq!(o[0].sd, Some(0.05));
        assert!((o[1].sd.unwrap() - 0.05).abs() < 1e-12);
        assert_eq!((o[2].measure, o[2].sd, o[2].line), (Measure::WinRate, None, 5));
    }

    #[test]
    fn a_measure_may_be_given_once_per_window() {
        let o = parse("measure,value,window\nwin_rate,0.3,run\nwin_rate,0.25,year 2\nwin_rate,0.28,year3\n", "o.csv")
            .unwrap();
        let windows: Vec<Window> = o.iter().map(|o| o.window).collect();
        assert_eq!(windows, [Window::Run, Window::Year(2), Window::Year(3)]);
        let twice = first_error("measure,value,window\nwin_rate,0.3,year 2\nwin_rate,0.2,year 2\n");
        assert!(twice.starts_with("o.csv:3:1: field `measure`") && twice.contains("year 2"), "{twice}");
    }

    #[test]
    fn bad_figures_are_named_by_line_column_and_field() {
        assert!(
            first_error("measure,value\nrep_turnovr,0.3\n").starts_with("o.csv:2:1: field `measure`: unknown measure")
        );
        assert!(first_error("measure,value\nrep_turnover,NaN\n").starts_with("o.csv:2:14: field `value`"));
        let dup = first_error("measure,value\nwin_rate,0.2\nwin_rate,0.3\n");
        assert!(dup.starts_with("o.csv:3:1: field `measure`") && dup.contains("twice"), "{dup}");
        assert!(first_error("measure,value,n\nrep_turnover,0.3,50\n").contains("field `n`"));
        assert!(first_error("measure,value,window\nwin_rate,0.3,2024\n").starts_with("o.csv:2:14: field `window`"));
        assert!(first_error("measure,value,window\nwin_rate,0.3,year 0\n").contains("field `window`"));
        let run_only = first_error("measure,value,window\nvacancy_weeks,9,year 2\n");
        assert!(run_only.starts_with("o.csv:2:17: field `window`") && run_only.contains("whole run"), "{run_only}");
        assert!(first_error("value,measure\n").starts_with("o.csv:1:1"));
    }
}
