//! A run's outputs in memory as typed arrow tables, with exactly the columns and values of the
//! CSV files `salesim run` writes (each row ending with the run's scenario, hash, seed and
//! version), typed as the `--panels` Parquet files are: an empty CSV cell is a null, or an empty
//! string where the row's field is a string rather than an optional one. What Python's
//! `salesim.run` and `Simulation` hand to pyarrow.

use super::parquet::{ColumnSpec, columns_of};
use super::typed::{Column, TypedRow};
use super::writer::{RunMeta, meta_columns};
use crate::sim::deals::DealRow;
use crate::sim::observe::events::EventRecord;
use crate::sim::observe::metrics::{AccountYearRow, RepYearRow, TickOutput, TimeseriesRow};
use arrow_array::RecordBatch;
use arrow_schema::{ArrowError, Field, Schema, SchemaRef};
use std::sync::Arc;

/// The tables of a run, in the order [`RunTables::snapshot`] returns them (the CSV files' stems).
pub const TABLES: [&str; 5] = ["timeseries", "events", "reps", "accounts", "deals"];

/// Rows kept until this many, then turned into one record batch.
const BATCH_ROWS: usize = 16_384;

/// A table filled from typed cells (the rows of a batch), and the record batches so far.
pub struct TableBuilder {
    schema: SchemaRef,
    cols: Vec<Column>,
    rows: usize,
    batches: Vec<RecordBatch>,
}

impl TableBuilder {
    /// An empty table with these columns.
    pub fn new(columns: &[ColumnSpec]) -> TableBuilder {
        TableBuilder {
            schema: schema(columns),
            cols: columns.iter().map(|c| Column::new(c.kind)).collect(),
            rows: 0,
            batches: Vec::new(),
        }
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

    /// Every row so far, as record batches sharing the schema.
    pub fn batches(&mut self) -> Result<Vec<RecordBatch>, ArrowError> {
        if self.rows > 0 {
            let arrays = self.cols.iter_mut().map(Column::finish).collect();
            self.batches.push(RecordBatch::try_new(self.schema.clone(), arrays)?);
            self.rows = 0;
        }
        Ok(self.batches.clone())
    }
}

/// The schema of these columns (all nullable, as an empty CSV cell may be).
fn schema(columns: &[ColumnSpec]) -> SchemaRef {
    Arc::new(Schema::new(columns.iter().map(|c| Field::new(&c.name, c.kind.data_type(), true)).collect::<Vec<_>>()))
}

/// One table of a run: rows of `R` kept as they come and turned into record batches column by
/// column, each row ending with the run's cells (the same on every row, so filled in once).
struct RowTable<R> {
    schema: SchemaRef,
    meta: RunMeta,
    rows: Vec<R>,
    /// The firm of each row.
    firms: Vec<u16>,
    batches: Vec<RecordBatch>,
}

impl<R: TypedRow> RowTable<R> {
    fn new(meta: &RunMeta) -> Self {
        let columns: Vec<ColumnSpec> = columns_of::<R>(&[]).into_iter().chain(meta_columns()).collect();
        RowTable {
            schema: schema(&columns),
            meta: meta.clone(),
            rows: Vec::new(),
            firms: Vec::new(),
            batches: Vec::new(),
        }
    }

    fn add(&mut self, rows: Vec<R>, firm: u16) -> Result<(), ArrowError> {
        self.firms.extend(std::iter::repeat_n(firm, rows.len()));
        self.rows.extend(rows);
        if self.rows.len() >= BATCH_ROWS { self.flush() } else { Ok(()) }
    }

    fn flush(&mut self) -> Result<(), ArrowError> {
        if !self.rows.is_empty() {
            let mut arrays = R::arrays(&self.rows);
            arrays.extend(self.meta.meta_arrays(&self.firms));
            self.batches.push(RecordBatch::try_new(self.schema.clone(), arrays)?);
            self.rows.clear();
            self.firms.clear();
        }
        Ok(())
    }

    fn snapshot(&mut self) -> Result<(SchemaRef, Vec<RecordBatch>), ArrowError> {
        self.flush()?;
        Ok((self.schema.clone(), self.batches.clone()))
    }
}

/// The five tables of one run, filled tick by tick.
pub struct RunTables {
    timeseries: RowTable<TimeseriesRow>,
    events: RowTable<EventRecord>,
    reps: RowTable<RepYearRow>,
    accounts: RowTable<AccountYearRow>,
    deals: RowTable<DealRow>,
}

impl RunTables {
    /// Empty tables for the run `meta` describes.
    pub fn new(meta: &RunMeta) -> RunTables {
        RunTables {
            timeseries: RowTable::new(meta),
            events: RowTable::new(meta),
            reps: RowTable::new(meta),
            accounts: RowTable::new(meta),
            deals: RowTable::new(meta),
        }
    }

    /// Append one tick's rows (as [`super::RunWriter::write`] appends them to the CSV files).
    pub fn add(&mut self, tick: TickOutput) -> Result<(), ArrowError> {
        let f = tick.firm;
        self.timeseries.add(tick.timeseries, f)?;
        self.events.add(tick.events, f)?;
        self.reps.add(tick.reps, f)?;
        self.accounts.add(tick.accounts, f)?;
        self.deals.add(tick.deals, f)
    }

    /// Every table so far, named as in [`TABLES`]: its schema and record batches.
    pub fn snapshot(&mut self) -> Result<Vec<(&'static str, SchemaRef, Vec<RecordBatch>)>, ArrowError> {
        let tables = [
            self.timeseries.snapshot()?,
            self.events.snapshot()?,
            self.reps.snapshot()?,
            self.accounts.snapshot()?,
            self.deals.snapshot()?,
        ];
        Ok(TABLES.into_iter().zip(tables).map(|(name, (schema, batches))| (name, schema, batches)).collect())
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
        let meta = RunMeta::of(&s);
        let mut tables = RunTables::new(&meta);
        let mut rows = 0;
        crate::run::simulate(s, |tick| {
            rows += tick.timeseries.len();
            tables.add(tick).unwrap();
            Ok::<(), ()>(())
        })
        .unwrap();
        let snap = tables.snapshot().unwrap();
        let (name, schema, batches) = &snap[0];
        assert_eq!(*name, "timeseries");
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        let mut want: Vec<&str> = crate::sim::observe::metrics::TimeseriesRow::columns().to_vec();
        want.extend(super::super::writer::META_COLUMNS);
        assert_eq!(names, want);
        assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), rows);
        assert_eq!(rows, 60);
    }
}
