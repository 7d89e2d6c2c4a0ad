//! Typed cells: each CSV column's type (integer, float, boolean or text) and arrow column builders
//! that receive the same values as the CSV cells, so Parquet files carry INT64, DOUBLE, BOOLEAN and
//! UTF8 columns as the data are. A row type declared with `csv_row!` gets its types for free.

pub use arrow_array::ArrayRef;
use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_schema::DataType;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The type of a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A count, id or seed: INT64.
    Int,
    /// A number with a fraction: DOUBLE (non-finite values are null, as they are empty in CSV).
    Float,
    /// BOOLEAN.
    Bool,
    /// UTF8.
    Text,
}

impl Kind {
    pub fn data_type(self) -> DataType {
        match self {
            Kind::Int => DataType::Int64,
            Kind::Float => DataType::Float64,
            Kind::Bool => DataType::Boolean,
            Kind::Text => DataType::Utf8,
        }
    }

    /// Whether a CSV cell written by this program reads back as this kind (empty = null); if not,
    /// what it should have been.
    pub fn check(self, cell: &str) -> Result<(), String> {
        let fits = match self {
            _ if cell.is_empty() => true,
            Kind::Int => cell.parse::<i64>().is_ok(),
            Kind::Float => cell.parse::<f64>().is_ok(),
            Kind::Bool => cell.parse::<bool>().is_ok(),
            Kind::Text => true,
        };
        if fits { Ok(()) } else { Err(format!("`{cell}` is not {}", self.what())) }
    }

    /// The kind in words: "an integer", "a number", "true or false", "text".
    fn what(self) -> &'static str {
        match self {
            Kind::Int => "an integer",
            Kind::Float => "a number",
            Kind::Bool => "true or false",
            Kind::Text => "text",
        }
    }

    /// The kind of a value written in RON (a scenario parameter's current value).
    pub fn of_ron(text: &str) -> Kind {
        if text.parse::<i64>().is_ok() {
            Kind::Int
        } else if text.parse::<f64>().is_ok() {
            Kind::Float
        } else if text == "true" || text == "false" {
            Kind::Bool
        } else {
            Kind::Text
        }
    }
}

/// One column being filled.
pub enum Column {
    Int(Int64Builder),
    Float(Float64Builder),
    Bool(BooleanBuilder),
    Text(StringBuilder),
}

impl Column {
    pub fn new(kind: Kind) -> Column {
        Column::with_capacity(kind, 0)
    }

    /// An empty column with room for `rows` values.
    pub fn with_capacity(kind: Kind, rows: usize) -> Column {
        match kind {
            Kind::Int => Column::Int(Int64Builder::with_capacity(rows)),
            Kind::Float => Column::Float(Float64Builder::with_capacity(rows)),
            Kind::Bool => Column::Bool(BooleanBuilder::with_capacity(rows)),
            Kind::Text => Column::Text(StringBuilder::with_capacity(rows, 8 * rows)),
        }
    }

    pub fn int(&mut self, v: Option<i64>) {
        match self {
            Column::Int(b) => b.append_option(v),
            other => other.mismatch("an integer"),
        }
    }
    pub fn float(&mut self, v: f64) {
        match self {
            Column::Float(b) => b.append_option(v.is_finite().then_some(v)),
            other => other.mismatch("a float"),
        }
    }
    pub fn bool(&mut self, v: Option<bool>) {
        match self {
            Column::Bool(b) => b.append_option(v),
            other => other.mismatch("a boolean"),
        }
    }
    pub fn text(&mut self, v: Option<&str>) {
        match self {
            Column::Text(b) => b.append_option(v),
            other => other.mismatch("text"),
        }
    }
    pub fn null(&mut self) {
        match self {
            Column::Int(b) => b.append_null(),
            Column::Float(b) => b.append_null(),
            Column::Bool(b) => b.append_null(),
            Column::Text(b) => b.append_null(),
        }
    }

    /// A row type's cell of the wrong type: a bug in the row's declaration, not bad input.
    fn mismatch(&self, what: &str) -> ! {
        panic!("a cell of {what} pushed to a column of another type")
    }

    /// Append a CSV cell written by this program, read back as the column's type (empty = null).
    pub fn parse(&mut self, cell: &str) -> Result<(), String> {
        if cell.is_empty() {
            self.null();
            return Ok(());
        }
        let bad = |kind: Kind| kind.check(cell).err().unwrap_or_default();
        match self {
            Column::Int(b) => b.append_value(cell.parse().map_err(|_| bad(Kind::Int))?),
            Column::Float(b) => b.append_value(cell.parse().map_err(|_| bad(Kind::Float))?),
            Column::Bool(b) => b.append_value(cell.parse().map_err(|_| bad(Kind::Bool))?),
            Column::Text(b) => b.append_value(cell),
        }
        Ok(())
    }

    /// The values so far as an arrow array; the builder starts empty again.
    pub fn finish(&mut self) -> ArrayRef {
        match self {
            Column::Int(b) => Arc::new(b.finish()),
            Column::Float(b) => Arc::new(b.finish()),
            Column::Bool(b) => Arc::new(b.finish()),
            Column::Text(b) => Arc::new(b.finish()),
        }
    }
}

/// A value with a column type, pushed to a [`Column`] exactly as [`super::csv::Cell`] writes it.
pub trait TypedCell {
    const KIND: Kind;
    fn push(&self, col: &mut Column);
}

impl TypedCell for f64 {
    const KIND: Kind = Kind::Float;
    fn push(&self, col: &mut Column) {
        col.float(*self);
    }
}
impl TypedCell for u32 {
    const KIND: Kind = Kind::Int;
    fn push(&self, col: &mut Column) {
        col.int(Some(i64::from(*self)));
    }
}
impl TypedCell for i32 {
    const KIND: Kind = Kind::Int;
    fn push(&self, col: &mut Column) {
        col.int(Some(i64::from(*self)));
    }
}
impl TypedCell for std::borrow::Cow<'static, str> {
    const KIND: Kind = Kind::Text;
    fn push(&self, col: &mut Column) {
        col.text(Some(self));
    }
}
impl TypedCell for u64 {
    const KIND: Kind = Kind::Int;
    fn push(&self, col: &mut Column) {
        col.int(i64::try_from(*self).ok());
    }
}
impl TypedCell for bool {
    const KIND: Kind = Kind::Bool;
    fn push(&self, col: &mut Column) {
        col.bool(Some(*self));
    }
}
impl TypedCell for String {
    const KIND: Kind = Kind::Text;
    fn push(&self, col: &mut Column) {
        col.text(Some(self));
    }
}
impl TypedCell for &str {
    const KIND: Kind = Kind::Text;
    fn push(&self, col: &mut Column) {
        col.text(Some(self));
    }
}
impl<T: TypedCell> TypedCell for Option<T> {
    const KIND: Kind = T::KIND;
    fn push(&self, col: &mut Column) {
        match self {
            Some(v) => v.push(col),
            None => col.null(),
        }
    }
}

/// A row whose cells are typed: the CSV row's columns, their kinds, and the cells pushed in order.
pub trait TypedRow: super::csv::CsvRow {
    fn kinds() -> Vec<Kind>;
    /// Push the row's cells to `cols` (one column per cell, in order).
    fn push_cells(&self, cols: &mut [Column]);
    /// Many rows as arrow arrays, one per column (row types declared with `csv_row!` build them
    /// column by column, which is several times faster than pushing row by row).
    fn arrays(rows: &[Self]) -> Vec<ArrayRef>
    where
        Self: Sized,
    {
        let mut cols: Vec<Column> = Self::kinds().into_iter().map(|k| Column::with_capacity(k, rows.len())).collect();
        for r in rows {
            r.push_cells(&mut cols);
        }
        cols.iter_mut().map(Column::finish).collect()
    }
}

/// One column of many rows: the cell `cell` picks from each row, as an arrow array.
pub fn column_of<R, T: TypedCell>(rows: &[R], cell: impl Fn(&R) -> &T) -> ArrayRef {
    let mut col = Column::with_capacity(T::KIND, rows.len());
    for r in rows {
        cell(r).push(&mut col);
    }
    col.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::Array;

    #[test]
    fn a_cell_read_back_from_csv_keeps_its_type_and_empty_cells_are_null() {
        let mut c = Column::new(Kind::Int);
        c.parse("42").unwrap();
        c.parse("").unwrap();
        assert!(c.parse("4.5").is_err());
        let a = c.finish();
        assert_eq!(a.data_type(), &DataType::Int64);
        assert_eq!((a.len(), a.null_count()), (2, 1));
        assert_eq!(Kind::of_ron("0.07"), Kind::Float);
        assert_eq!(Kind::of_ron("50"), Kind::Int);
        assert_eq!(Kind::of_ron("true"), Kind::Bool);
        assert_eq!(Kind::of_ron("Quarterly"), Kind::Text);
    }
}
