//! A batch in memory, for Python's `salesim.batch`: the runs of a design on `jobs` threads, no
//! file written, and their rows in run-id order as one typed table with exactly the columns and
//! values of `runs.parquet`: each row is made as `runs.csv` writes it and read back with its
//! column's type, as the Parquet file is made from the CSV file.

use super::design::{Outputs, Sampling, Shard};
use super::grid::Axis;
use super::{Batch, output, runner};
use crate::output::tables::TableBuilder;
use crate::scenario::Scenario;
use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use std::path::PathBuf;

impl Batch {
    /// A batch of an external design (`--design`) that writes nothing: the points of `axes`, each
    /// run `replicates` times on `jobs` threads. Check sizes with [`super::limits`] first.
    pub fn in_memory(base: Scenario, axes: Vec<Axis>, points: Vec<Vec<String>>, replicates: u64, jobs: usize) -> Self {
        Batch {
            base,
            axes,
            points,
            sampling: Sampling::External,
            replicates,
            jobs,
            out: PathBuf::new(),
            shard: Shard::WHOLE,
            resume: false,
            force: false,
            outputs: Outputs { timeseries: false, panels: false },
            command: Vec::new(),
            design_file: None,
            replicate_params: None,
        }
    }
}

/// Run every run of `batch` (its outputs other than the rows are ignored) and return the rows
/// of `runs.csv`, typed as in `runs.parquet`: the schema and the record batches.
pub fn run_table(batch: &Batch) -> Result<(SchemaRef, Vec<RecordBatch>), String> {
    let columns = output::runs_columns(&batch.param_columns());
    let kpis = output::kpi_names(&Default::default());
    let mut table = TableBuilder::new(&columns);
    let todo: Vec<_> = (0..batch.runs()).map(|id| batch.spec(id)).collect();
    let work = |spec: &runner::RunSpec| batch.run_one(spec);
    runner::run_in_order(&todo, batch.jobs, &work, |r| {
        let r = r.map_err(|e| e.to_string())?;
        let point = batch.param_values(&r.spec);
        let line = output::runs_row(&r.spec, &point, &batch.base.name, &r.hash, &r.summary, &kpis);
        let cells = output::split_csv(line.trim_end_matches('\n'));
        for ((cell, col), spec) in cells.iter().zip(table.cols()).zip(&columns) {
            col.parse(cell).map_err(|e| format!("run {}: column `{}`: {e}", r.spec.run_id, spec.name))?;
        }
        table.end_row();
        Ok::<(), String>(())
    })?;
    let batches = table.batches().map_err(|e| e.to_string())?;
    Ok((table.schema(), batches))
}
