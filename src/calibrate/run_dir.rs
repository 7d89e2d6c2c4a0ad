//! Reading a run's output folder back into [`RunFacts`] for `salesim kpis RUN_DIR`:
//! `summary.json`, the weekly rows of `timeseries.csv`, the closed deals of `deals.csv` and the
//! yearly panels `reps.csv` and `accounts.csv`, each row given to the same code that takes it in
//! process. Errors name the file (and line and column where there is one).

use super::measures::{RunFacts, is_handover_loss};
use super::years::{AccountRow, RepRow, WeekRow};
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
    let mut weeks = Vec::with_capacity(ts.rows.len());
    for row in &ts.rows {
        let f = |name: &str| ts.column(name).and_then(|c| ts.number::<f64>(row, c));
        weeks.push(WeekRow {
            week: ts.number::<u32>(row, ts.column("week")?)?,
            reps_active: f("reps_active")?,
            departures: f("reps_quit")? + f("reps_poached")? + f("reps_managed_out")?,
            managed_out: f("reps_managed_out")?,
            customers_active: f("customers_active")?,
            customers_lost: f("customers_churned")? + f("customers_followed_rep")? + f("customers_lost_on_departure")?,
            revenue: f("revenue")?,
            sales_cost: f("rep_pay")? + f("other_sales_cost")?,
        });
    }
    weeks.sort_by_key(|w| w.week);
    facts.weekly_revenue = weeks.iter().map(|w| w.revenue).collect();
    for w in &weeks {
        facts.years.add_week(w);
    }
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
    read_panels(dir, &mut facts)?;
    Ok(facts)
}

/// Give the rows of `reps.csv` and `accounts.csv` to `facts`.
fn read_panels(dir: &Path, facts: &mut RunFacts) -> Result<(), String> {
    let reps = Table::read(&dir.join("reps.csv"))?;
    for row in &reps.rows {
        let f = |name: &str| reps.column(name).and_then(|c| reps.number::<f64>(row, c));
        facts.years.add_rep(&RepRow {
            year: reps.number(row, reps.column("year")?)?,
            tenure_weeks: f("tenure_weeks")?,
            left_week: reps.optional(row, reps.column("left_week")?)?,
            quota: f("quota")?,
            attainment: f("attainment")?,
            base_pay: f("base_pay")?,
            variable_pay: f("variable_pay")?,
            hours: f("hours_worked")?,
            hunting_share: f("hunting_share")?,
        });
    }
    let accounts = Table::read(&dir.join("accounts.csv"))?;
    let cause = accounts.column("lost_cause")?;
    for row in &accounts.rows {
        let c = |name: &str| accounts.column(name);
        facts.years.add_account(&AccountRow {
            year: accounts.number(row, c("year")?)?,
            won_week: accounts.number(row, c("won_week")?)?,
            lost_week: accounts.optional(row, c("lost_week")?)?,
            lost_on_handover: is_handover_loss(&row.cells[cause].text),
            revenue: accounts.number(row, c("revenue")?)?,
        });
    }
    Ok(())
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

    /// An empty cell as None, else its number.
    fn optional<T: std::str::FromStr>(&self, row: &read::Row, col: usize) -> Result<Option<T>, String> {
        if row.cells[col].text.is_empty() { Ok(None) } else { self.number(row, col).map(Some) }
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
