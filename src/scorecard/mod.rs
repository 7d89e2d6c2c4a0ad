//! `salesim scorecard`: seed 002's productivity scorecard read back from a run's reps.csv. The
//! force-level card of each year (results over activity: deals won and lost, new accounts and
//! their ideal-profile share, retention of the book, revenue and contribution per hour, hours and
//! fatigue, cost of sales, the book that would follow its reps, whose customers they are), and the
//! final year's reps who are "successful" (the most revenue) against those who are "productive"
//! (the most contribution per hour), in plain words (`words.rs`).

pub mod words;

use crate::output::read::{Row, RowReader};
use crate::sim::observe::summary::ratio;
use std::path::Path;

/// The columns of reps.csv the scorecard reads.
const COLUMNS: [&str; 21] = [
    "rep_id",
    "year",
    "left_week",
    "revenue",
    "contribution",
    "deals_won",
    "deals_lost",
    "new_accounts",
    "new_accounts_icp_share",
    "accounts_owned",
    "accounts_lost",
    "hours_worked",
    "hours_per_week",
    "fatigue",
    "base_pay",
    "variable_pay",
    "portable_book",
    "loyalty_to_rep_share",
    "left_week",
    "attainment",
    "tenure_weeks",
];

/// One rep's year as the scorecard reads it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RepCard {
    pub rep_id: u32,
    pub year: u32,
    /// Still with the company at the year end.
    pub employed: bool,
    pub revenue: f64,
    pub contribution: f64,
    pub deals_won: f64,
    pub deals_lost: f64,
    pub new_accounts: f64,
    pub new_icp_share: f64,
    pub accounts_owned: f64,
    pub accounts_lost: f64,
    pub hours: f64,
    pub hours_per_week: f64,
    pub fatigue: f64,
    pub pay: f64,
    pub portable_book: f64,
    pub loyalty_to_rep_share: f64,
    pub left: bool,
    pub attainment: f64,
    pub tenure_weeks: f64,
}

impl RepCard {
    pub fn contribution_per_hour(&self) -> f64 {
        ratio(self.contribution, self.hours)
    }
    pub fn revenue_per_hour(&self) -> f64 {
        ratio(self.revenue, self.hours)
    }
    /// Share of its book's revenue that would follow it to a rival.
    pub fn portable_share(&self) -> f64 {
        ratio(self.portable_book, self.revenue)
    }
}

impl From<&crate::sim::observe::metrics::RepYearRow> for RepCard {
    /// The card of a panel row as the run produced it (the live view's inspector).
    fn from(p: &crate::sim::observe::metrics::RepYearRow) -> Self {
        RepCard {
            rep_id: p.rep_id,
            year: p.year,
            employed: p.left_week.is_none(),
            revenue: p.revenue,
            contribution: p.contribution,
            deals_won: p.deals_won as f64,
            deals_lost: p.deals_lost as f64,
            new_accounts: p.new_accounts as f64,
            new_icp_share: p.new_accounts_icp_share,
            accounts_owned: p.accounts_owned as f64,
            accounts_lost: p.accounts_lost as f64,
            hours: p.hours_worked,
            hours_per_week: p.hours_per_week,
            fatigue: p.fatigue,
            pay: p.base_pay + p.variable_pay,
            portable_book: p.portable_book,
            loyalty_to_rep_share: p.loyalty_to_rep_share,
            left: p.left_week.is_some(),
            attainment: p.attainment,
            tenure_weeks: p.tenure_weeks,
        }
    }
}

/// The force-level card of one year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ForceCard {
    pub year: u32,
    pub reps: usize,
    pub leavers: usize,
    pub revenue: f64,
    pub contribution: f64,
    pub win_rate: f64,
    pub new_accounts: f64,
    pub new_icp_share: f64,
    pub book_retention: f64,
    pub revenue_per_hour: f64,
    pub contribution_per_hour: f64,
    pub hours_per_week: f64,
    pub fatigue: f64,
    pub cost_of_sales: f64,
    /// Revenue that would follow the reps employed at the year end, over their revenue.
    pub portable_share: f64,
    /// Revenue-weighted share of customers' loyalty that is to their rep rather than the company.
    pub loyalty_to_rep_share: f64,
}

impl ForceCard {
    /// The card of `year` from its reps' rows.
    pub fn of(year: u32, reps: &[&RepCard]) -> ForceCard {
        let sum = |f: fn(&RepCard) -> f64| reps.iter().map(|r| f(r)).sum::<f64>();
        let n = reps.len().max(1) as f64;
        let stayers: Vec<&&RepCard> = reps.iter().filter(|r| r.employed).collect();
        let stayer_revenue: f64 = stayers.iter().map(|r| r.revenue).sum();
        let new = sum(|r| r.new_accounts);
        ForceCard {
            year,
            reps: reps.len(),
            leavers: reps.iter().filter(|r| r.left).count(),
            revenue: sum(|r| r.revenue),
            contribution: sum(|r| r.contribution),
            win_rate: ratio(sum(|r| r.deals_won), sum(|r| r.deals_won + r.deals_lost)),
            new_accounts: new,
            new_icp_share: ratio(sum(|r| r.new_accounts * r.new_icp_share), new),
            book_retention: 1.0 - ratio(sum(|r| r.accounts_lost), sum(|r| r.accounts_owned + r.accounts_lost)),
            revenue_per_hour: ratio(sum(|r| r.revenue), sum(|r| r.hours)),
            contribution_per_hour: ratio(sum(|r| r.contribution), sum(|r| r.hours)),
            hours_per_week: sum(|r| r.hours_per_week) / n,
            fatigue: sum(|r| r.fatigue) / n,
            cost_of_sales: ratio(sum(|r| r.pay), sum(|r| r.revenue)),
            portable_share: ratio(stayers.iter().map(|r| r.portable_book).sum(), stayer_revenue),
            loyalty_to_rep_share: ratio(
                stayers.iter().map(|r| r.loyalty_to_rep_share * r.revenue).sum(),
                stayer_revenue,
            ),
        }
    }
}

/// The longest row of reps.csv read (a row is a few hundred bytes).
const MAX_ROW_BYTES: usize = 1 << 20;

/// Read reps.csv in `run_dir` row by row; errors name the file, line, column and field.
pub fn read_reps(run_dir: &Path) -> Result<Vec<RepCard>, String> {
    let path = run_dir.join("reps.csv");
    let file = std::fs::File::open(&path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let at = |line: usize, column: usize, message: &str| format!("{}:{line}:{column}: {message}", path.display());
    let mut rows = RowReader::new(std::io::BufReader::new(file), MAX_ROW_BYTES);
    let header = rows.next().transpose().map_err(|e| at(e.line, e.column, &e.message))?;
    let header = header.ok_or_else(|| at(1, 1, "empty file: expected a header line"))?;
    let mut index = [0usize; COLUMNS.len()];
    for (slot, name) in index.iter_mut().zip(COLUMNS) {
        *slot = header.cells.iter().position(|c| c.text.trim() == name).ok_or_else(|| {
            at(1, 1, &format!("the header has no column `{name}` (is this a reps.csv of salesim {}?)", crate::VERSION))
        })?;
    }
    rows.map(|row| {
        let row = row.map_err(|e| at(e.line, e.column, &e.message))?;
        if row.cells.len() != header.cells.len() {
            return Err(at(
                row.line,
                1,
                &format!("{} cells where the header has {}", row.cells.len(), header.cells.len()),
            ));
        }
        card(&row, &index)
            .map_err(|(i, message)| at(row.line, row.cells[index[i]].column, &format!("{}: {message}", COLUMNS[i])))
    })
    .collect()
}

/// One row as a card; an error gives the column's index in [`COLUMNS`].
fn card(row: &Row, index: &[usize; COLUMNS.len()]) -> Result<RepCard, (usize, String)> {
    let text = |i: usize| row.cells[index[i]].text.as_str();
    let num = |i: usize| -> Result<f64, (usize, String)> {
        let t = text(i);
        let v: f64 = t.parse().map_err(|_| (i, format!("`{t}` is not a number")))?;
        if v.is_finite() { Ok(v) } else { Err((i, format!("`{t}` is not finite"))) }
    };
    let id = |i: usize| -> Result<u32, (usize, String)> {
        text(i).parse().map_err(|_| (i, format!("`{}` is not a whole number", text(i))))
    };
    Ok(RepCard {
        rep_id: id(0)?,
        year: id(1)?,
        employed: text(2).is_empty(),
        revenue: num(3)?,
        contribution: num(4)?,
        deals_won: num(5)?,
        deals_lost: num(6)?,
        new_accounts: num(7)?,
        new_icp_share: num(8)?,
        accounts_owned: num(9)?,
        accounts_lost: num(10)?,
        hours: num(11)?,
        hours_per_week: num(12)?,
        fatigue: num(13)?,
        pay: num(14)? + num(15)?,
        portable_book: num(16)?,
        loyalty_to_rep_share: num(17)?,
        left: !text(18).is_empty(),
        attainment: num(19)?,
        tenure_weeks: num(20)?,
    })
}

/// The force card of every year, in year order (the rows grouped by year in one pass, so any
/// number of years takes time in proportion to the rows).
pub fn force_cards(reps: &[RepCard]) -> Vec<ForceCard> {
    let mut years: std::collections::BTreeMap<u32, Vec<&RepCard>> = std::collections::BTreeMap::new();
    for r in reps {
        years.entry(r.year).or_default().push(r);
    }
    years.into_iter().map(|(y, rows)| ForceCard::of(y, &rows)).collect()
}
