//! CSV rows: one macro declares a row type, its column names, how each cell is written and its
//! cells' types (for Parquet, [`super::typed`]).

use std::fmt::Write;

/// A value that can be written as one CSV cell.
pub trait Cell {
    fn cell(&self, out: &mut String);
}

impl Cell for f64 {
    fn cell(&self, out: &mut String) {
        if self.is_finite() {
            let _ = write!(out, "{self}");
        }
    }
}
impl Cell for u32 {
    fn cell(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}
impl Cell for i32 {
    fn cell(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}
impl Cell for std::borrow::Cow<'static, str> {
    fn cell(&self, out: &mut String) {
        self.as_ref().cell(out);
    }
}
impl Cell for u64 {
    fn cell(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}
impl Cell for bool {
    fn cell(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}
impl<T: Cell> Cell for Option<T> {
    fn cell(&self, out: &mut String) {
        if let Some(v) = self {
            v.cell(out);
        }
    }
}
impl Cell for String {
    fn cell(&self, out: &mut String) {
        self.as_str().cell(out);
    }
}
impl Cell for &str {
    fn cell(&self, out: &mut String) {
        if self.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&self.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(self);
        }
    }
}

/// A row of a CSV file.
pub trait CsvRow {
    /// Column names, in order.
    fn columns() -> &'static [&'static str];
    /// Append the row's cells (no newline).
    fn write_cells(&self, out: &mut String);
}
