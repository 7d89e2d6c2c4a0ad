//! Typed, compressed Parquet tables (the parquet crate's arrow writer, snappy): written under a
//! `.partial` name and renamed when complete, with the batch design as key-value metadata. Tables
//! are filled from typed rows ([`super::typed::TypedRow`]) or from CSV files this program wrote,
//! read back with each column's declared type. Outputs are deterministic: the same rows give the
//! same bytes.

use super::typed::{Column, Kind};
use arrow_array::RecordBatch;
use arrow_schema::{Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Rows per arrow batch handed to the writer (memory stays flat however many rows a table has).
const BATCH_ROWS: usize = 8192;
/// Rows per Parquet row group: the writer holds one row group's pages in memory, so this bounds
/// the memory a table of any length takes.
const ROW_GROUP_ROWS: usize = 16_384;

/// A named, typed column of a table.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ColumnSpec {
    pub name: String,
    pub kind: Kind,
}

impl ColumnSpec {
    pub fn new(name: impl Into<String>, kind: Kind) -> Self {
        ColumnSpec { name: name.into(), kind }
    }
}

/// The columns of a row type, after `prefix`.
pub fn columns_of<R: super::typed::TypedRow>(prefix: &[ColumnSpec]) -> Vec<ColumnSpec> {
    let named = R::columns().iter().zip(R::kinds()).map(|(n, k)| ColumnSpec::new(*n, k));
    prefix.iter().cloned().chain(named).collect()
}

fn io(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

/// One Parquet table being written.
pub struct Table {
    writer: ArrowWriter<File>,
    schema: SchemaRef,
    cols: Vec<Column>,
    rows: usize,
    partial: PathBuf,
    done: PathBuf,
}

impl Table {
    /// Start `path` (as `path.partial`) with these columns and key-value `metadata`.
    pub fn create(path: &Path, columns: &[ColumnSpec], metadata: &[(String, String)]) -> std::io::Result<Table> {
        let fields: Vec<Field> = columns.iter().map(|c| Field::new(&c.name, c.kind.data_type(), true)).collect();
        let schema = Arc::new(Schema::new(fields));
        let kv = metadata.iter().map(|(k, v)| KeyValue::new(k.clone(), v.clone())).collect();
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .set_key_value_metadata(Some(kv))
            .build();
        let mut partial = path.as_os_str().to_owned();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        let writer = ArrowWriter::try_new(File::create(&partial)?, schema.clone(), Some(props)).map_err(io)?;
        let cols = columns.iter().map(|c| Column::new(c.kind)).collect();
        Ok(Table { writer, schema, cols, rows: 0, partial, done: path.to_path_buf() })
    }

    /// The columns of the row being added; call [`Table::end_row`] once they are all pushed.
    pub fn cols(&mut self) -> &mut [Column] {
        &mut self.cols
    }

    /// One more row is complete.
    pub fn end_row(&mut self) -> std::io::Result<()> {
        self.rows += 1;
        if self.rows == BATCH_ROWS { self.flush() } else { Ok(()) }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let arrays = self.cols.iter_mut().map(Column::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays).map_err(io)?;
        self.writer.write(&batch).map_err(io)?;
        self.rows = 0;
        Ok(())
    }

    /// Write the last rows and the footer, then rename the file to its final name.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.flush()?;
        let file = self.writer.into_inner().map_err(io)?;
        file.sync_all()?;
        std::fs::rename(&self.partial, &self.done)
    }
}

/// Copy a CSV file written by this program to Parquet, each column read back as its declared
/// kind; a cell that does not fit its column is an error naming the file, line and column, and
/// leaves no partial Parquet file behind.
pub fn csv_to_parquet(
    csv: &Path,
    parquet: &Path,
    columns: &[ColumnSpec],
    metadata: &[(String, String)],
) -> std::io::Result<()> {
    let copied = copy_csv(csv, parquet, columns, metadata);
    if copied.is_err() {
        let mut partial = parquet.as_os_str().to_owned();
        partial.push(".partial");
        let _ = std::fs::remove_file(partial);
    }
    copied
}

/// [`csv_to_parquet`], which removes the partial file when this fails.
fn copy_csv(csv: &Path, parquet: &Path, columns: &[ColumnSpec], metadata: &[(String, String)]) -> std::io::Result<()> {
    let mut lines = BufReader::new(File::open(csv)?).lines();
    let header = lines.next().transpose()?.unwrap_or_default();
    let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
    if super::read::split_csv(&header) != names {
        return Err(io(format!("{}: the header is not the columns this table needs", csv.display())));
    }
    let mut table = Table::create(parquet, columns, metadata)?;
    for (n, line) in lines.enumerate() {
        let line = line?;
        let cells = super::read::split_csv(&line);
        let at = |what: String| io(format!("{}:{}: {what}", csv.display(), n + 2));
        if cells.len() != columns.len() {
            return Err(at(format!("{} cells where the header has {}", cells.len(), columns.len())));
        }
        for ((cell, col), spec) in cells.iter().zip(table.cols()).zip(columns) {
            col.parse(cell).map_err(|e| at(format!("column `{}`: {e}", spec.name)))?;
        }
        table.end_row()?;
    }
    table.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_with_a_torn_row_is_refused_naming_its_line_and_leaves_no_partial_parquet() {
        let dir = crate::output::scratch_dir("parquet-torn");
        let (csv, parquet) = (dir.join("t.csv"), dir.join("t.parquet"));
        std::fs::write(&csv, "a,b\n1,x\n2").unwrap();
        let columns = [ColumnSpec::new("a", Kind::Int), ColumnSpec::new("b", Kind::Text)];
        let e = csv_to_parquet(&csv, &parquet, &columns, &[]).unwrap_err();
        assert!(e.to_string().contains("t.csv:3: 1 cells where the header has 2"), "{e}");
        assert!(!parquet.exists() && !dir.join("t.parquet.partial").exists());
        std::fs::write(&csv, "a,b\n1,x\n2,y\n").unwrap();
        csv_to_parquet(&csv, &parquet, &columns, &[]).unwrap();
        assert!(parquet.exists() && !dir.join("t.parquet.partial").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
