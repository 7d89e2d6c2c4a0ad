//! A run's outputs in memory as typed arrow tables, with exactly the columns and values of the
//! CSV files `salesim run` writes (each row ending with the run's scenario, hash, seed and
//! version), typed as the `--panels` Parquet files are: an empty CSV cell is a null, or an empty
//! string where the row's field is a string rather than an optional one. What Python's
//! `salesim.run` and `Simulation` hand to pyarrow.

use super::parquet::{ColumnSpec, columns_of};
use super::typed::{Column, TypedRow};
use super::writer::{RunMeta, meta_columns};
use crate::sim::metrics::TickOutput;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, Field, Schema, SchemaRef};
use std::sync::Arc;

/// The tables of a run, in the order [`RunTables::snapshot`] returns them (the CSV files' stems).
pub const TABLES: [&str; 5] = ["timeseries", "events", "reps", "accounts", "deals"];

/// One table being filled: typed columns, and the record batches finished so far.
pub struct TableBuilder {
    schema: SchemaRef,
    cols: Vec<Column>,
    rows: usize,
    batches: Vec<RecordBatch>,
    /// The run every row ends with, for a table of a run's rows: its cells are the same on every
    /// row, so they are filled in once per batch rather than pushed row by row.
    meta: Option<RunMeta>,
}

impl TableBuilder {
    /// An empty table with these columns (all nullable, as an empty CSV cell may be).
    pub fn new(columns: &[ColumnSpec]) -> TableBuilder {
        TableBuilder {
            schema: Arc::new(Schema::new(columns.iter().map(field).collect::<Vec<_>>())),
            cols: columns.iter().map(|c| Column::new(c.kind)).collect(),
            rows: 0,
            batches: Vec::new(),
            meta: None,
        }
    }

    /// The table of a CSV file of `R` rows each ended with the cells of `meta`.
    pub fn for_rows<R: TypedRow>(meta: RunMeta) -> TableBuilder {
        let own = columns_of::<R>(&[]);
        let all: Vec<ColumnSpec> = own.iter().cloned().chain(meta_columns()).collect();
        TableBuilder {
            schema: Arc::new(Schema::new(all.iter().map(field).collect::<Vec<_>>())),
            meta: Some(meta),
            ..TableBuilder::new(&own)
        }
    }

    /// Append rows (of a table made by [`TableBuilder::for_rows`]).
    pub fn push<R: TypedRow>(&mut self, rows: &[R]) {
        for r in rows {
            r.push_cells(&mut self.cols);
        }
        self.rows += rows.len();
    }

    /// The columns of the row being added; call [`TableBuilder::end_row`] once all are pushed.
    pub fn cols(&mut self) -> &mut [Column] {
        &mut self.cols
    }

    /// One more row is complete.
    pub fn end_row(&mut self) {
        self.rows += 1;
    }

    /// The schema of the table.
    pub fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    /// Every row so far, as record batches sharing the schema (cheap to call repeatedly: the
    /// rows added since the last call become one more batch).
    pub fn batches(&mut self) -> Result<Vec<RecordBatch>, ArrowError> {
        if self.rows > 0 {
            let mut arrays: Vec<ArrayRef> = self.cols.iter_mut().map(Column::finish).collect();
            if let Some(meta) = &self.meta {
                arrays.extend(meta.constant_columns(self.rows));
            }
            self.batches.push(RecordBatch::try_new(self.schema.clone(), arrays)?);
            self.rows = 0;
        }
        Ok(self.batches.clone())
    }
}

/// The arrow field of a column (nullable, as an empty CSV cell may be).
fn field(c: &ColumnSpec) -> Field {
    Field::new(&c.name, c.kind.data_type(), true)
}

/// The five tables of one run, filled tick by tick.
pub struct RunTables {
    tables: [TableBuilder; 5],
}

impl RunTables {
    /// Empty tables for the run `meta` describes.
    pub fn new(meta: &RunMeta) -> RunTables {
        use crate::sim::deals::DealRow;
        use crate::sim::events::EventRecord;
        use crate::sim::metrics::{AccountYearRow, RepYearRow, TimeseriesRow};
        RunTables {
            tables: [
                TableBuilder::for_rows::<TimeseriesRow>(meta.clone()),
                TableBuilder::for_rows::<EventRecord>(meta.clone()),
                TableBuilder::for_rows::<RepYearRow>(meta.clone()),
                TableBuilder::for_rows::<AccountYearRow>(meta.clone()),
                TableBuilder::for_rows::<DealRow>(meta.clone()),
            ],
        }
    }

    /// Append one tick's rows (as [`super::RunWriter::write`] appends them to the CSV files).
    pub fn add(&mut self, tick: &TickOutput) {
        let [ts, events, reps, accounts, deals] = &mut self.tables;
        ts.push(&tick.timeseries);
        events.push(&tick.events);
        reps.push(&tick.reps);
        accounts.push(&tick.accounts);
        deals.push(&tick.deals);
    }

    /// Every table so far, named as in [`TABLES`]: its schema and record batches.
    pub fn snapshot(&mut self) -> Result<Vec<(&'static str, SchemaRef, Vec<RecordBatch>)>, ArrowError> {
        TABLES.iter().zip(&mut self.tables).map(|(name, t)| Ok((*name, t.schema(), t.batches()?))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::csv::CsvRow;

    #[test]
    fn the_tables_have_the_csv_columns_and_a_row_per_csv_row() {
        let s = crate::scenario::load::load_file(std::path::Path::new("scenarios/baseline.ron")).unwrap();
        let s = crate::Scenario { weeks: 60, timeline: Vec::new(), ..s };
        let meta = RunMeta { scenario: s.name.clone(), scenario_hash: s.hash_hex(), seed: s.seed };
        let mut tables = RunTables::new(&meta);
        let mut rows = 0;
        crate::batch::runner::simulate(s, |tick| {
            rows += tick.timeseries.len();
            tables.add(&tick);
            Ok::<(), ()>(())
        })
        .unwrap();
        let snap = tables.snapshot().unwrap();
        let (name, schema, batches) = &snap[0];
        assert_eq!(*name, "timeseries");
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        let mut want: Vec<&str> = crate::sim::metrics::TimeseriesRow::columns().to_vec();
        want.extend(super::super::writer::META_COLUMNS);
        assert_eq!(names, want);
        assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), rows);
        assert_eq!(rows, 60);
    }
}
