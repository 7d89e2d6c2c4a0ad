//! Batch outputs: the columns of `runs.csv` and of the long-form `timeseries.csv` (with their
//! types, for Parquet), their rows, and appending to them resumably (complete rows are kept, a torn
//! last line is cut).

use super::runner::RunSpec;
use crate::output::csv::{Cell, CsvRow};
use crate::output::parquet::{ColumnSpec, columns_of};
use crate::output::typed::Kind;
use crate::sim::observe::metrics::{Summary, TimeseriesRow};
use std::collections::BTreeSet;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;

/// Summary fields that are numbers, in a fixed (alphabetical) order, with their types; `seed` has
/// its own column.
pub fn kpi_columns() -> Vec<ColumnSpec> {
    let v = serde_json::to_value(Summary::default()).expect("summary serialises");
    let mut cols: Vec<ColumnSpec> = v
        .as_object()
        .expect("object")
        .iter()
        .filter(|(k, v)| v.is_number() && *k != "seed")
        .map(|(k, v)| ColumnSpec::new(k.clone(), if v.is_f64() { Kind::Float } else { Kind::Int }))
        .collect();
    cols.sort_by(|a, b| a.name.cmp(&b.name));
    cols
}

/// Names of the KPI columns.
pub fn kpi_names(_summary: &Summary) -> Vec<String> {
    kpi_columns().into_iter().map(|c| c.name).collect()
}

/// The identity of a run, first in every batch table.
fn run_identity() -> Vec<ColumnSpec> {
    ["run_id", "point_id", "replicate", "seed"].iter().map(|n| ColumnSpec::new(*n, Kind::Int)).collect()
}

/// Columns of runs.csv: identity, the varied parameters, the firm whose KPIs the row holds (an
/// industry's first; `firm` in summary.json), scenario, hash and version, then KPIs.
pub fn runs_columns(params: &[ColumnSpec]) -> Vec<ColumnSpec> {
    let mut cols = run_identity();
    cols.extend(params.iter().cloned());
    cols.extend(["firm", "scenario", "scenario_hash", "version"].iter().map(|n| ColumnSpec::new(*n, Kind::Text)));
    cols.extend(kpi_columns());
    cols
}

/// Columns of the long-form timeseries: the run's identity, the firm the row is about, then the
/// week's columns.
pub fn timeseries_columns() -> Vec<ColumnSpec> {
    let mut identity = run_identity();
    identity.push(ColumnSpec::new("firm", Kind::Text));
    columns_of::<TimeseriesRow>(&identity)
}

/// A header line (no newline).
pub fn header(columns: &[ColumnSpec]) -> String {
    columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(",")
}

fn identity_cells(spec: &RunSpec, out: &mut String) {
    use std::fmt::Write;
    let _ = write!(out, "{},{},{},{}", spec.run_id, spec.point, spec.replicate, spec.seed);
}

/// One row of runs.csv.
pub fn runs_row(
    spec: &RunSpec,
    point: &[String],
    scenario: &str,
    hash: &str,
    summary: &Summary,
    kpis: &[String],
) -> String {
    let mut line = String::new();
    identity_cells(spec, &mut line);
    for v in point.iter().map(String::as_str).chain([summary.firm.as_str(), scenario, hash, crate::VERSION]) {
        line.push(',');
        v.cell(&mut line);
    }
    let values = serde_json::to_value(summary).expect("summary serialises");
    for k in kpis {
        line.push(',');
        match &values[k.as_str()] {
            serde_json::Value::Number(n) if n.is_f64() => n.as_f64().unwrap_or(f64::NAN).cell(&mut line),
            serde_json::Value::Number(n) => line.push_str(&n.to_string()),
            _ => {}
        }
    }
    line.push('\n');
    line
}

/// Long-form timeseries rows of one run about `firm`: its identity, the firm, then the week's
/// columns.
pub fn timeseries_rows(spec: &RunSpec, firm: &str, rows: &[TimeseriesRow]) -> String {
    let mut out = String::new();
    for row in rows {
        identity_cells(spec, &mut out);
        out.push(',');
        firm.cell(&mut out);
        out.push(',');
        row.write_cells(&mut out);
        out.push('\n');
    }
    out
}

pub use crate::output::read::split_csv;

/// The longest row kept on resume; a longer one is an error, not a torn line to cut.
const MAX_ROW_BYTES: u64 = 64 << 20;

/// Open `file` for appending rows after `header`. With `resume`, keep its complete rows (cutting a
/// torn last line) and return their run ids, reading it row by row; without, start it afresh.
pub fn open_appending(path: &Path, header: &str, resume: bool) -> std::io::Result<(File, BTreeSet<u64>)> {
    let mut done = BTreeSet::new();
    if resume && path.exists() {
        let (keep, ids) = complete_rows(path, header)?;
        done = ids;
        let f = OpenOptions::new().write(true).open(path)?;
        f.set_len(keep)?;
        drop(f);
        if keep > 0 {
            return Ok((OpenOptions::new().append(true).open(path)?, done));
        }
    }
    let mut f = File::create(path)?;
    writeln!(f, "{header}")?;
    Ok((f, done))
}

/// The length of `path`'s header and complete rows (each ending in a line break, with the header's
/// number of cells) up to the first that is not, and those rows' run ids.
fn complete_rows(path: &Path, header: &str) -> std::io::Result<(u64, BTreeSet<u64>)> {
    let (mut input, mut line) = (BufReader::new(File::open(path)?), Vec::new());
    let (mut keep, mut done, width) = (0u64, BTreeSet::new(), header.split(',').count());
    loop {
        line.clear();
        let n = (&mut input).take(MAX_ROW_BYTES + 1).read_until(b'\n', &mut line)? as u64;
        if n > MAX_ROW_BYTES {
            return Err(std::io::Error::other(format!("{}: a row longer than {MAX_ROW_BYTES} bytes", path.display())));
        }
        let text = std::str::from_utf8(&line).unwrap_or_default();
        if keep == 0 && n > 0 && text.trim_end() != header {
            return Err(std::io::Error::other(format!(
                "{} has other columns than this batch; use another --out",
                path.display()
            )));
        }
        if keep > 0 && (!text.ends_with('\n') || split_csv(text.trim_end_matches('\n')).len() != width) {
            return Ok((keep, done));
        }
        if n == 0 {
            return Ok((keep, done));
        }
        if keep > 0 {
            done.insert(text.split(',').next().and_then(|x| x.parse().ok()).unwrap_or(u64::MAX));
        }
        keep += n;
    }
}

/// Keep only the rows of `path` whose run id is in `keep` (after an interrupted batch).
pub fn retain_runs(path: &Path, keep: &BTreeSet<u64>) -> std::io::Result<()> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let mut out = std::io::BufWriter::new(File::create(&partial)?);
    for (i, line) in BufReader::new(File::open(path)?).lines().enumerate() {
        let line = line?;
        let id = line.split(',').next().and_then(|x| x.parse::<u64>().ok());
        if i == 0 || id.is_some_and(|id| keep.contains(&id)) {
            writeln!(out, "{line}")?;
        }
    }
    out.flush()?;
    drop(out);
    std::fs::rename(partial, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resuming_keeps_the_complete_rows_and_cuts_a_torn_last_line() {
        let dir = crate::output::scratch_dir("append");
        let path = dir.join("runs.csv");
        std::fs::write(&path, "run_id,x\n0,a\n1,b\n2").unwrap();
        let (mut f, done) = open_appending(&path, "run_id,x", true).unwrap();
        assert_eq!(done.into_iter().collect::<Vec<_>>(), [0, 1]);
        writeln!(f, "2,c").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "run_id,x\n0,a\n1,b\n2,c\n");
        assert!(open_appending(&path, "run_id,y", true).unwrap_err().to_string().contains("other columns"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
