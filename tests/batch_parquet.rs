//! Typed Parquet: runs.parquet and timeseries.parquet hold the same data as their CSV files with
//! INT64, DOUBLE, BOOLEAN and UTF8 columns as the data are, snappy-compressed, with the design in
//! their key-value metadata; `--panels` writes every run's reps, accounts and events by point.

mod research;
use arrow_array::{Array, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use research::*;
use std::path::Path;

/// Every batch of a Parquet file, and its key-value metadata.
fn read(path: &Path) -> (Vec<RecordBatch>, Vec<(String, String)>) {
    let builder = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(path).unwrap()).unwrap();
    let meta = builder.metadata().clone();
    for rg in meta.row_groups() {
        for c in rg.columns() {
            assert_eq!(c.compression(), parquet::basic::Compression::SNAPPY, "{}", path.display());
        }
    }
    let kv = meta.file_metadata().key_value_metadata().cloned().unwrap_or_default();
    let kv = kv.into_iter().map(|k| (k.key, k.value.unwrap_or_default())).collect();
    (builder.build().unwrap().map(|b| b.unwrap()).collect(), kv)
}

/// The cell of row `i` written as the CSV writes it (empty for null).
fn text(col: &dyn Array, i: usize) -> String {
    if col.is_null(i) {
        return String::new();
    }
    let any = col.as_any();
    match col.data_type() {
        DataType::Int64 => any.downcast_ref::<Int64Array>().unwrap().value(i).to_string(),
        DataType::Float64 => any.downcast_ref::<Float64Array>().unwrap().value(i).to_string(),
        DataType::Boolean => any.downcast_ref::<BooleanArray>().unwrap().value(i).to_string(),
        DataType::Utf8 => any.downcast_ref::<StringArray>().unwrap().value(i).to_string(),
        other => panic!("unexpected column type {other}"),
    }
}

/// The Parquet file holds the CSV file's header and cells, typed.
fn assert_same_data(csv: &Path, parquet: &Path) -> Vec<(String, DataType)> {
    let (batches, _) = read(parquet);
    let names = header(csv);
    let schema = batches[0].schema();
    let types: Vec<(String, DataType)> =
        schema.fields().iter().map(|f| (f.name().clone(), f.data_type().clone())).collect();
    assert_eq!(types.iter().map(|t| &t.0).collect::<Vec<_>>(), names.iter().collect::<Vec<_>>());
    let csv_rows = rows(csv);
    let mut n = 0;
    for b in &batches {
        for i in 0..b.num_rows() {
            let cells: Vec<String> = (0..b.num_columns()).map(|c| text(b.column(c).as_ref(), i)).collect();
            let expected: Vec<&str> = csv_rows[n].split(',').collect();
            assert_eq!(cells.len(), expected.len());
            for ((cell, csv), (name, _)) in cells.iter().zip(&expected).zip(&types) {
                // Numbers are compared as numbers (the CSV may say `10.0` where Parquet's 10 prints `10`).
                let same = cell == csv || cell.parse::<f64>().is_ok_and(|v| csv.parse::<f64>() == Ok(v));
                assert!(same, "row {n}, column {name} of {}: {cell} in Parquet, {csv} in CSV", parquet.display());
            }
            n += 1;
        }
    }
    assert_eq!(n, csv_rows.len());
    types
}

#[test]
fn runs_parquet_has_int64_boolean_and_utf8_columns_and_holds_the_same_data_as_runs_csv() {
    let d = out_dir("typed");
    ok(batch(
        &d,
        &[
            "--replicates",
            "2",
            "--set",
            "hiring.freeze=false,true",
            "--set",
            "pay.commission_rate=0.05",
            "--timeseries",
        ],
    ));
    let types = assert_same_data(&d.join("runs.csv"), &d.join("runs.parquet"));
    let kind = |name: &str| types.iter().find(|t| t.0 == name).unwrap_or_else(|| panic!("no {name}")).1.clone();
    for (name, t) in [
        ("run_id", DataType::Int64),
        ("point_id", DataType::Int64),
        ("seed", DataType::Int64),
        ("reps_hired", DataType::Int64),
        ("weeks", DataType::Int64),
        ("hiring.freeze", DataType::Boolean),
        ("pay.commission_rate", DataType::Float64),
        ("total_revenue", DataType::Float64),
        ("scenario", DataType::Utf8),
        ("scenario_hash", DataType::Utf8),
    ] {
        assert_eq!(kind(name), t, "{name}");
    }
    let ts = assert_same_data(&d.join("timeseries.csv"), &d.join("timeseries.parquet"));
    assert!(ts.iter().any(|t| t.0 == "customers_active" && t.1 == DataType::Int64));
    let (_, kv) = read(&d.join("runs.parquet"));
    let design = &kv.iter().find(|(k, _)| k == "salesim.design").expect("the design is in the metadata").1;
    let design: serde_json::Value = serde_json::from_str(design).unwrap();
    assert_eq!(design["replicates"], 2);
    assert_eq!(design["axes"][0]["path"], "hiring.freeze");
}

#[test]
fn panels_hold_every_runs_reps_accounts_and_events_as_salesim_run_writes_them() {
    let d = out_dir("panels");
    ok(batch(&d, &["--replicates", "2", "--set", "pay.commission_rate=0.05,0.07", "--panels"]));
    let runs = rows(&d.join("runs.csv"));
    assert_eq!(runs.len(), 4);
    // Run 3 is point 1 (commission 0.07, the baseline's), replicate 1: the same world as
    // `salesim run` of the baseline on its seed.
    let seed = runs[3].split(',').nth(3).unwrap().to_string();
    let single = d.join("single");
    ok(salesim(&["run", &baseline(), "--seed", &seed, "--weeks", "26", "--out", single.to_str().unwrap(), "-q"]));
    for table in ["reps", "accounts", "events"] {
        let file = d.join(format!("panels/{table}/point_id=1/run_3.parquet"));
        let (batches, kv) = read(&file);
        assert!(kv.iter().any(|(k, v)| k == "salesim.run" && v.contains("\"point_id\":1")), "{table}: {kv:?}");
        let csv = single.join(format!("{table}.csv"));
        let csv_rows = rows(&csv);
        let n: usize = batches.iter().map(|b| b.num_rows()).sum();
        assert_eq!(n, csv_rows.len(), "{table}: one row per row of salesim run's {table}.csv");
        let names: Vec<String> = batches[0].schema().fields().iter().map(|f| f.name().clone()).collect();
        assert_eq!(&names[..4], ["run_id", "replicate", "seed", "firm"]);
        assert_eq!(text(batches[0].column(3).as_ref(), 0), "baseline", "{table}: the firm, named after the scenario");
        let csv_header = header(&csv);
        assert_eq!(names[4..], csv_header[..csv_header.len() - 5], "{table}: the run's columns, then no meta columns");
        let first: Vec<String> = (4..names.len()).map(|c| text(batches[0].column(c).as_ref(), 0)).collect();
        let csv_first: Vec<String> = csv_rows[0].split(',').take(names.len() - 4).map(String::from).collect();
        if table != "events" {
            assert_eq!(first, csv_first, "{table}: the first row matches");
        }
    }
    assert!(d.join("panels/reps/point_id=0/run_0.parquet").exists());
}

#[test]
fn a_value_written_in_ron_only_notation_is_written_as_its_typed_column_holds_it() {
    let d = out_dir("ron-notation");
    ok(batch(&d, &["--replicates", "1", "--set", "specialists.technical=0x2,3", "--set", "hiring.vacancy_weeks=1_0"]));
    let h = header(&d.join("runs.csv"));
    let at = |name: &str| h.iter().position(|c| c == name).unwrap();
    let values: Vec<(String, String)> = rows(&d.join("runs.csv"))
        .iter()
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[at("specialists.technical")].to_string(), f[at("hiring.vacancy_weeks")].to_string())
        })
        .collect();
    assert_eq!(values, [("2".into(), "10.0".into()), ("3".into(), "10.0".into())]);
    assert_same_data(&d.join("runs.csv"), &d.join("runs.parquet"));
}
