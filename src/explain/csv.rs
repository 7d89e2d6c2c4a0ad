//! Reading a run's `events.csv` back into [`EventRecord`]s, with errors that name the file, line
//! and column (the CSV itself is parsed by [`crate::output::read`]), row by row: memory holds one
//! row and the records kept, never the file, so a log of any size can be asked about.

use super::firms::FirmRecord;
use crate::output::read::{Cell, Row, RowReader};
use crate::sim::observe::events::Cause;
use crate::sim::observe::events::{EventKind, EventRecord};
use std::path::Path;

/// The longest row read (a record is a few hundred bytes).
pub const MAX_ROW_BYTES: usize = 1 << 20;

/// Read every record of a run's `events.csv` (see [`read_events_where`]).
pub fn read_events(path: &Path) -> Result<Vec<EventRecord>, String> {
    read_events_where(path, |_| true)
}

/// Read a run's `events.csv`, keeping the records for which `keep` is true (every row is checked).
/// Columns are found by name in the header, so their order does not matter and extra columns (the
/// run's metadata) are ignored. Errors read `file:line:column: …`.
pub fn read_events_where(path: &Path, keep: impl Fn(&EventRecord) -> bool) -> Result<Vec<EventRecord>, String> {
    Ok(read_firm_events_where(path, keep)?.records.into_iter().map(|r| r.record).collect())
}

/// The records kept from a run's `events.csv`, each with its firm, and every firm of the file in
/// the order they first appear.
pub struct FirmEvents {
    pub records: Vec<FirmRecord>,
    pub firms: Vec<String>,
}

/// [`read_events_where`], keeping each record's firm (the `firm` column; "" without one) and
/// listing every firm of the file.
pub fn read_firm_events_where(path: &Path, keep: impl Fn(&EventRecord) -> bool) -> Result<FirmEvents, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let at = |line: usize, column: usize, message: &str| format!("{}:{line}:{column}: {message}", path.display());
    let mut rows = RowReader::new(std::io::BufReader::new(file), MAX_ROW_BYTES);
    let header = rows.next().transpose().map_err(|e| at(e.line, e.column, &e.message))?;
    let header = header.ok_or_else(|| at(1, 1, "empty file: expected a header line"))?;
    let columns = Columns::find(&header).map_err(|name| at(1, 1, &format!("the header has no column `{name}`")))?;
    let mut kept = Vec::new();
    let mut firms: Vec<String> = Vec::new();
    for row in rows {
        let row = row.map_err(|e| at(e.line, e.column, &e.message))?;
        if row.cells.len() != header.cells.len() {
            let message = format!("{} cells where the header has {}", row.cells.len(), header.cells.len());
            return Err(at(row.line, 1, &message));
        }
        let record = columns.record(&row).map_err(|(cell, message)| at(row.line, cell.column, &message))?;
        let firm = columns.firm.map_or("", |i| row.cells[i].text.as_str());
        if !firms.iter().any(|f| f == firm) {
            firms.push(firm.to_string());
        }
        if keep(&record) {
            kept.push(FirmRecord { firm: firm.to_string(), record });
        }
    }
    Ok(FirmEvents { records: kept, firms })
}

/// Where each field of an [`EventRecord`] is in a row.
struct Columns {
    week: usize,
    kind: usize,
    rep: usize,
    customer: usize,
    competitor: usize,
    cause: usize,
    amount: usize,
    detail: usize,
    /// The firm the row is about (logs written before firms had a column have none).
    firm: Option<usize>,
}

impl Columns {
    /// Find the columns in the header row, or name the first one missing.
    fn find(header: &Row) -> Result<Self, &'static str> {
        let index = |name: &'static str| header.cells.iter().position(|c| c.text.trim() == name).ok_or(name);
        Ok(Columns {
            week: index("week")?,
            kind: index("kind")?,
            rep: index("rep_id")?,
            customer: index("customer_id")?,
            competitor: index("competitor")?,
            cause: index("cause")?,
            amount: index("amount")?,
            detail: index("detail")?,
            firm: index("firm").ok(),
        })
    }

    /// The record in a data row, or the cell at fault and what is wrong with it.
    fn record<'r>(&self, row: &'r Row) -> Result<EventRecord, (&'r Cell, String)> {
        let cell = |i: usize| &row.cells[i];
        let text = |i: usize| cell(i).text.clone();
        let optional = |i: usize| Some(text(i)).filter(|s| !s.is_empty());
        let id = |i: usize, name: &str| optional(i).map(|s| number(cell(i), name, &s)).transpose();
        let kind_cell = cell(self.kind);
        let kind = EventKind::parse(kind_cell.text.trim())
            .ok_or_else(|| (kind_cell, format!("column `kind`: unknown event kind `{}`", kind_cell.text)))?;
        let cause_cell = cell(self.cause);
        let cause = Cause::parse(cause_cell.text.trim())
            .ok_or_else(|| (cause_cell, format!("column `cause`: unknown cause `{}`", cause_cell.text)))?;
        let amount = optional(self.amount)
            .map(|s| {
                s.trim()
                    .parse::<f64>()
                    .map_err(|_| (cell(self.amount), format!("column `amount`: expected a number, found `{s}`")))
            })
            .transpose()?;
        Ok(EventRecord {
            week: number(cell(self.week), "week", &cell(self.week).text)?,
            kind,
            rep: id(self.rep, "rep_id")?,
            customer: id(self.customer, "customer_id")?,
            competitor: optional(self.competitor),
            cause,
            amount,
            detail: text(self.detail),
        })
    }
}

/// A whole number in column `name`.
fn number<'r>(cell: &'r Cell, name: &str, text: &str) -> Result<u32, (&'r Cell, String)> {
    text.trim().parse().map_err(|_| (cell, format!("column `{name}`: expected a whole number, found `{text}`")))
}
