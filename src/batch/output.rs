//! Batch outputs: `runs.csv` appended row by row (resumable: complete rows are kept, a torn last
//! line is cut), `timeseries.csv` in long form when asked, their Parquet copies made at the end,
//! and `manifest.json`.

use super::runner::RunResult;
use crate::output::csv::{Cell, CsvRow};
use crate::sim::metrics::TimeseriesRow;
use parquet::basic::{LogicalType, Repetition, Type as Physical};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use std::collections::BTreeSet;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::sync::Arc;

/// Summary fields that are numbers, in a fixed (alphabetical) order; `seed` has its own column.
pub fn kpi_names(summary: &crate::sim::metrics::Summary) -> Vec<String> {
    let v = serde_json::to_value(summary).expect("summary serialises");
    let mut names: Vec<String> = v
        .as_object()
        .expect("object")
        .iter()
        .filter(|(k, v)| v.is_number() && *k != "seed")
        .map(|(k, _)| k.clone())
        .collect();
    names.sort();
    names
}

/// Header of runs.csv: identity, varied parameters, then KPIs.
pub fn runs_header(param_paths: &[String], kpis: &[String]) -> String {
    let mut cols = vec!["run_id".to_string(), "replicate".into(), "seed".into(), "scenario_hash".into()];
    cols.extend(param_paths.iter().cloned());
    cols.extend(kpis.iter().cloned());
    cols.join(",")
}

/// One row of runs.csv.
pub fn runs_row(r: &RunResult, point: &[String], hash: &str, kpis: &[String]) -> String {
    let mut line = format!("{},{},{},{}", r.spec.run_id, r.spec.replicate, r.spec.seed, hash);
    for v in point {
        line.push(',');
        v.as_str().cell(&mut line);
    }
    let values = serde_json::to_value(&r.summary).expect("summary serialises");
    for k in kpis {
        line.push(',');
        values[k.as_str()].as_f64().unwrap_or(f64::NAN).cell(&mut line);
    }
    line.push('\n');
    line
}

/// Split a CSV line of our own; a malformed (torn) line reads as a single cell.
pub fn split_csv(line: &str) -> Vec<String> {
    crate::output::read::split_line(line).unwrap_or_else(|| vec![line.to_string()])
}

/// Open `file` for appending rows after `header`. With `resume`, keep its complete rows (cutting a
/// torn last line) and return their run ids; without, start it afresh.
pub fn open_appending(path: &Path, header: &str, resume: bool) -> std::io::Result<(File, BTreeSet<u64>)> {
    let mut done = BTreeSet::new();
    if resume && path.exists() {
        let text = std::fs::read_to_string(path)?;
        let mut keep = 0usize;
        let mut lines = text.split_inclusive('\n');
        if let Some(h) = lines.next() {
            if h.trim_end() != header {
                return Err(std::io::Error::other(format!(
                    "{} has other columns than this batch; use another --out",
                    path.display()
                )));
            }
            keep = h.len();
        }
        let width = header.split(',').count();
        for line in lines {
            if !line.ends_with('\n') || split_csv(line.trim_end_matches('\n')).len() != width {
                break;
            }
            let id: u64 = line.split(',').next().and_then(|x| x.parse().ok()).unwrap_or(u64::MAX);
            done.insert(id);
            keep += line.len();
        }
        let f = OpenOptions::new().write(true).open(path)?;
        f.set_len(keep as u64)?;
        drop(f);
        if keep > 0 {
            return Ok((OpenOptions::new().append(true).open(path)?, done));
        }
    }
    let mut f = File::create(path)?;
    writeln!(f, "{header}")?;
    Ok((f, done))
}

/// Long-form timeseries rows of one run: run id and replicate, then the week's columns.
pub fn timeseries_rows(r: &RunResult, rows: &[TimeseriesRow]) -> String {
    let mut out = String::new();
    for row in rows {
        out.push_str(&format!("{},{},", r.spec.run_id, r.spec.replicate));
        row.write_cells(&mut out);
        out.push('\n');
    }
    out
}

pub fn timeseries_header() -> String {
    let mut cols = vec!["run_id", "replicate"];
    cols.extend_from_slice(TimeseriesRow::columns());
    cols.join(",")
}

/// Copy a CSV file to Parquet, streaming row groups of `group` rows. Columns whose every value is
/// a number become doubles (int64 for the id columns), others UTF-8 strings. Written under a
/// `.partial` name and renamed when complete.
pub fn csv_to_parquet(csv: &Path, parquet_path: &Path, group: usize) -> Result<(), String> {
    let err = |e: &dyn std::fmt::Display| format!("{}: {e}", parquet_path.display());
    let header: Vec<String> = {
        let mut first = String::new();
        BufReader::new(File::open(csv).map_err(|e| err(&e))?).read_line(&mut first).map_err(|e| err(&e))?;
        split_csv(first.trim_end()).into_iter().collect()
    };
    // First pass: which columns are numeric.
    let mut numeric = vec![true; header.len()];
    for line in BufReader::new(File::open(csv).map_err(|e| err(&e))?).lines().skip(1) {
        let line = line.map_err(|e| err(&e))?;
        for (i, v) in split_csv(&line).iter().enumerate() {
            if i < numeric.len() && !v.is_empty() && v.parse::<f64>().is_err() {
                numeric[i] = false;
            }
        }
    }
    let integer = |name: &str| matches!(name, "run_id" | "replicate" | "seed" | "week" | "year");
    let fields = header
        .iter()
        .zip(&numeric)
        .map(|(name, &num)| {
            let b = if integer(name) && num {
                Type::primitive_type_builder(name, Physical::INT64)
            } else if num {
                Type::primitive_type_builder(name, Physical::DOUBLE)
            } else {
                Type::primitive_type_builder(name, Physical::BYTE_ARRAY).with_logical_type(Some(LogicalType::String))
            };
            b.with_repetition(Repetition::OPTIONAL).build().map(Arc::new)
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| err(&e))?;
    let schema = Arc::new(Type::group_type_builder("runs").with_fields(fields).build().map_err(|e| err(&e))?);
    let partial = parquet_path.with_extension("parquet.partial");
    let mut writer = SerializedFileWriter::new(
        File::create(&partial).map_err(|e| err(&e))?,
        schema,
        Arc::new(WriterProperties::builder().build()),
    )
    .map_err(|e| err(&e))?;
    let mut lines = BufReader::new(File::open(csv).map_err(|e| err(&e))?).lines().skip(1);
    loop {
        let mut rows: Vec<Vec<String>> = Vec::with_capacity(group);
        for line in lines.by_ref().take(group) {
            rows.push(split_csv(&line.map_err(|e| err(&e))?));
        }
        if rows.is_empty() {
            break;
        }
        let mut rg = writer.next_row_group().map_err(|e| err(&e))?;
        let mut col = 0;
        while let Some(mut c) = rg.next_column().map_err(|e| err(&e))? {
            let cells: Vec<&str> = rows.iter().map(|r| r.get(col).map(String::as_str).unwrap_or("")).collect();
            let defs: Vec<i16> = cells.iter().map(|v| !v.is_empty() as i16).collect();
            let present = cells.iter().filter(|v| !v.is_empty());
            if integer(&header[col]) && numeric[col] {
                let v: Vec<i64> = present
                    .map(|v| v.parse::<i64>().unwrap_or_else(|_| v.parse::<f64>().unwrap_or(0.0) as i64))
                    .collect();
                c.typed::<Int64Type>().write_batch(&v, Some(&defs), None).map_err(|e| err(&e))?;
            } else if numeric[col] {
                let v: Vec<f64> = present.map(|v| v.parse().unwrap_or(f64::NAN)).collect();
                c.typed::<DoubleType>().write_batch(&v, Some(&defs), None).map_err(|e| err(&e))?;
            } else {
                let v: Vec<ByteArray> = present.map(|v| ByteArray::from(*v)).collect();
                c.typed::<ByteArrayType>().write_batch(&v, Some(&defs), None).map_err(|e| err(&e))?;
            }
            c.close().map_err(|e| err(&e))?;
            col += 1;
        }
        rg.close().map_err(|e| err(&e))?;
    }
    writer.close().map_err(|e| err(&e))?;
    std::fs::rename(&partial, parquet_path).map_err(|e| err(&e))
}
