//! Reading a run's `events.csv` back into [`EventRecord`]s, with errors that name the file, line
//! and column (the CSV itself is parsed by [`crate::output::read`]).

use crate::output::read::{Cell, Row, parse};
use crate::sim::events::EventRecord;
use std::path::Path;

/// The event kinds the simulation logs; any other kind read from a file is interned once.
const KINDS: [&str; 23] = [
    "hire",
    "notice",
    "accepts_offer",
    "poached",
    "quit",
    "follow",
    "lost_on_departure",
    "reassign",
    "realignment",
    "realignment_blocked",
    "win",
    "churn",
    "competitor_entry",
    "product_broadening",
    "market_saturation",
    "price_war",
    "price_sensitivity_shift",
    "crm_rollout",
    "hiring_freeze",
    "policy_change",
    "catalyst",
    "specialists_blocked",
    "episode",
];

/// Distinct unknown kinds kept under their own name; beyond this many, they read as "other".
const MAX_UNKNOWN_KINDS: usize = 64;

/// Read a run's `events.csv`. Columns are found by name in the header, so their order does not
/// matter and extra columns (the run's metadata) are ignored. Errors read `file:line:column: …`.
pub fn read_events(path: &Path) -> Result<Vec<EventRecord>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let at = |line: usize, column: usize, message: &str| format!("{}:{line}:{column}: {message}", path.display());
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut rows = parse(text).map_err(|e| at(e.line, e.column, &e.message))?.into_iter();
    let header = rows.next().ok_or_else(|| at(1, 1, "empty file: expected a header line"))?;
    let columns = Columns::find(&header).map_err(|name| at(1, 1, &format!("the header has no column `{name}`")))?;
    rows.map(|row| {
        if row.cells.len() != header.cells.len() {
            let message = format!("{} cells where the header has {}", row.cells.len(), header.cells.len());
            return Err(at(row.line, 1, &message));
        }
        columns.record(&row).map_err(|(cell, message)| at(row.line, cell.column, &message))
    })
    .collect()
}

/// Where each field of an [`EventRecord`] is in a row.
struct Columns {
    week: usize,
    kind: usize,
    rep: usize,
    customer: usize,
    competitor: usize,
    cause: usize,
    detail: usize,
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
            detail: index("detail")?,
        })
    }

    /// The record in a data row, or the cell at fault and what is wrong with it.
    fn record<'r>(&self, row: &'r Row) -> Result<EventRecord, (&'r Cell, String)> {
        let cell = |i: usize| &row.cells[i];
        let text = |i: usize| cell(i).text.clone();
        let optional = |i: usize| Some(text(i)).filter(|s| !s.is_empty());
        let id = |i: usize, name: &str| optional(i).map(|s| number(cell(i), name, &s)).transpose();
        Ok(EventRecord {
            week: number(cell(self.week), "week", &cell(self.week).text)?,
            kind: kind(&cell(self.kind).text),
            rep: id(self.rep, "rep_id")?,
            customer: id(self.customer, "customer_id")?,
            competitor: optional(self.competitor),
            cause: text(self.cause),
            detail: text(self.detail),
        })
    }
}

/// A whole number in column `name`.
fn number<'r>(cell: &'r Cell, name: &str, text: &str) -> Result<u32, (&'r Cell, String)> {
    text.trim().parse().map_err(|_| (cell, format!("column `{name}`: expected a whole number, found `{text}`")))
}

/// The static name of an event kind: a known kind, else the text interned once (or "other"
/// once too many distinct unknown kinds have been seen).
fn kind(text: &str) -> &'static str {
    if let Some(k) = KINDS.iter().find(|k| **k == text) {
        return k;
    }
    static UNKNOWN: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let mut seen = UNKNOWN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(k) = seen.iter().find(|k| **k == text) {
        return k;
    }
    if seen.len() >= MAX_UNKNOWN_KINDS {
        return "other";
    }
    let k: &'static str = Box::leak(text.to_owned().into_boxed_str());
    seen.push(k);
    k
}
