//! Reading a run's output folder back into [`RunFacts`] for `salesim kpis RUN_DIR`:
//! `summary.json`, the `week` and `revenue` columns of `timeseries.csv`, and the won
//! new-customer deals of `deals.csv`. Errors name the file (and line and column where there is one).

use super::measures::RunFacts;
use crate::output::read;
use crate::sim::deals::{DealKind, DealOutcome};
use crate::sim::observe::metrics::Summary;
use std::path::Path;

/// Read the facts of the run in `dir`.
pub fn read_run(dir: &Path) -> Result<RunFacts, String> {
    let summary_path = dir.join("summary.json");
    let text = std::fs::read_to_string(&summary_path).map_err(|e| format!("{}: {e}", summary_path.display()))?;
    let summary: Summary = serde_json::from_str(&text)
        .map_err(|e| format!("{}:{}:{}: {e}", summary_path.display(), e.line(), e.column()))?;
    let mut facts = RunFacts { summary, ..Default::default() };
    let ts = Table::read(&dir.join("timeseries.csv"))?;
    let (week, revenue) = (ts.column("week")?, ts.column("revenue")?);
    let mut weeks = Vec::with_capacity(ts.rows.len());
    for row in &ts.rows {
        weeks.push((ts.number::<u32>(row, week)?, ts.number::<f64>(row, revenue)?));
    }
    weeks.sort_by_key(|(w, _)| *w);
    facts.weekly_revenue = weeks.into_iter().map(|(_, r)| r).collect();
    let deals = Table::read(&dir.join("deals.csv"))?;
    let cols = ["kind", "outcome", "opened_week", "closed_week", "size"].map(|c| deals.column(c));
    let [kind, outcome, opened, closed, size] = cols;
    let (kind, outcome, opened, closed, size) = (kind?, outcome?, opened?, closed?, size?);
    for row in &deals.rows {
        facts.add_deal(
            deals.parsed(row, kind, DealKind::parse, "a deal kind")?,
            deals.parsed(row, outcome, DealOutcome::parse, "a deal outcome")?,
            deals.number(row, opened)?,
            deals.number(row, closed)?,
            deals.number(row, size)?,
        );
    }
    Ok(facts)
}

/// A CSV file read whole, with its header.
struct Table {
    file: String,
    header: Vec<String>,
    rows: Vec<read::Row>,
}

impl Table {
    fn read(path: &Path) -> Result<Table, String> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{file}: {e}"))?;
        let mut rows = read::parse(&text).map_err(|e| format!("{file}:{}:{}: {}", e.line, e.column, e.message))?;
        if rows.is_empty() {
            return Err(format!("{file}: empty (no header)"));
        }
        let header: Vec<String> = rows.remove(0).cells.into_iter().map(|c| c.text).collect();
        for row in &rows {
            if row.cells.len() != header.len() {
                return Err(format!(
                    "{file}:{}: {} cells where the header has {}",
                    row.line,
                    row.cells.len(),
                    header.len()
                ));
            }
        }
        Ok(Table { file, header, rows })
    }

    fn column(&self, name: &str) -> Result<usize, String> {
        self.header.iter().position(|h| h == name).ok_or_else(|| format!("{}:1: no `{name}` column", self.file))
    }

    /// The cell `col` of `row` read by `parse`, or the error naming its place and what it is not.
    fn parsed<T>(&self, row: &read::Row, col: usize, parse: fn(&str) -> Option<T>, what: &str) -> Result<T, String> {
        let cell = &row.cells[col];
        parse(&cell.text).ok_or_else(|| {
            format!(
                "{}:{}:{}: field `{}`: `{}` is not {what}",
                self.file, row.line, cell.column, self.header[col], cell.text
            )
        })
    }

    fn number<T: std::str::FromStr>(&self, row: &read::Row, col: usize) -> Result<T, String> {
        let cell = &row.cells[col];
        cell.text.parse::<T>().map_err(|_| {
            format!(
                "{}:{}:{}: field `{}`: `{}` is not a number",
                self.file, row.line, cell.column, self.header[col], cell.text
            )
        })
    }
}
