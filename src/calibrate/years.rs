//! The measures year by year (`window` = `year N` in the observed file, and the measures the run
//! summary does not hold: rep turnover in the 1–3-year tenure band and the revenue lost on a
//! hand-over). [`Years`] sums, for each year of the run, what those measures need from the weekly
//! rows (`timeseries.csv`), the yearly panels (`reps.csv`, `accounts.csv`) and the closed
//! new-customer deals (`deals.csv`); the same rows arrive in process during a calibration and from
//! a run's files for `salesim kpis`, so the two give the same numbers. Year k (0-based here, `year
//! k+1` in files) is weeks 52k to 52k + 51 of the run.

use super::vocabulary::Measure;
use crate::sim::observe::summary::quantile;

const YEAR: u32 = 52;
/// Tenure bands, in weeks: first year, 1–3 years, 3 years and more.
const BANDS: [(f64, f64); 3] = [(0.0, 52.0), (52.0, 156.0), (156.0, f64::INFINITY)];

/// The sums of one year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Year {
    pub rep_weeks: f64,
    pub departures: f64,
    pub managed_out: f64,
    pub customer_weeks: f64,
    pub customers_lost: f64,
    pub revenue: f64,
    pub sales_cost: f64,
    /// Rep-weeks employed and departures in each tenure band (from the reps panel).
    pub band_weeks: [f64; 3],
    pub band_departures: [f64; 3],
    /// Annual attainment of the reps employed the whole year.
    pub attainment: Vec<f64>,
    pub pay: f64,
    pub variable_pay: f64,
    pub hours: f64,
    pub hunting_hours: f64,
    /// Customer-weeks and losses of accounts in their first year and with 3+ years.
    pub account_band_weeks: [f64; 3],
    pub account_band_lost: [f64; 3],
    /// Annualised revenue of the accounts lost on a hand-over (followed the rep, or left).
    pub handover_lost_revenue: f64,
    pub new_deals_won: f64,
    pub new_deals_lost: f64,
    pub cycles: Vec<f64>,
    pub sizes: Vec<f64>,
}

/// One week's row, as far as the measures need it.
#[derive(Clone, Copy, Debug, Default)]
pub struct WeekRow {
    pub week: u32,
    pub reps_active: f64,
    pub departures: f64,
    pub managed_out: f64,
    pub customers_active: f64,
    pub customers_lost: f64,
    pub revenue: f64,
    pub sales_cost: f64,
}

/// One rep-year row of the reps panel, as far as the measures need it.
#[derive(Clone, Copy, Debug, Default)]
pub struct RepRow {
    pub year: u32,
    /// Tenure at the row's last week (its leaving week, or the year's last week of the run).
    pub tenure_weeks: f64,
    pub left_week: Option<u32>,
    pub quota: f64,
    pub attainment: f64,
    pub base_pay: f64,
    pub variable_pay: f64,
    pub hours: f64,
    pub hunting_share: f64,
}

/// One account-year row of the accounts panel, as far as the measures need it.
#[derive(Clone, Copy, Debug, Default)]
pub struct AccountRow {
    pub year: u32,
    pub won_week: i32,
    pub lost_week: Option<u32>,
    /// Lost on a hand-over: followed its departing rep or left when the rep departed.
    pub lost_on_handover: bool,
    pub revenue: f64,
}

/// The band of a tenure in weeks.
fn band(tenure: f64) -> usize {
    BANDS.iter().position(|(lo, hi)| *lo <= tenure && tenure < *hi).unwrap_or(0)
}

/// Per year of the run, the sums of [`Year`]; `weeks` is the run's length.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Years {
    pub years: Vec<Year>,
    pub weeks: u32,
}

impl Years {
    fn year(&mut self, k: u32) -> &mut Year {
        if self.years.len() <= k as usize {
            self.years.resize(k as usize + 1, Year::default());
        }
        &mut self.years[k as usize]
    }

    /// The last week of year `k` that the run has.
    fn last_week(&self, k: u32) -> u32 {
        (k * YEAR + YEAR - 1).min(self.weeks.saturating_sub(1))
    }

    /// Add one week (weeks must arrive in order, so the run's length is known for the panels).
    pub fn add_week(&mut self, w: &WeekRow) {
        self.weeks = self.weeks.max(w.week + 1);
        let y = self.year(w.week / YEAR);
        y.rep_weeks += w.reps_active;
        y.departures += w.departures;
        y.managed_out += w.managed_out;
        y.customer_weeks += w.customers_active;
        y.customers_lost += w.customers_lost;
        y.revenue += w.revenue;
        y.sales_cost += w.sales_cost;
    }

    /// Add a rep-year row (after the weeks of its year): its employed weeks by tenure band, its
    /// departure's band, and, if it worked the whole year, its attainment.
    pub fn add_rep(&mut self, r: &RepRow) {
        let end = r.left_week.unwrap_or(self.last_week(r.year));
        let hired = end as f64 - r.tenure_weeks;
        let start = ((r.year * YEAR) as f64).max(hired.ceil());
        let whole_year = r.left_week.is_none() && hired <= (r.year * YEAR) as f64 && end == r.year * YEAR + YEAR - 1;
        // Employed in its leaving week's count only if it did not leave that week.
        let stop = end as f64 + if r.left_week.is_some() { 0.0 } else { 1.0 };
        let y = self.year(r.year);
        let mut w = start;
        while w < stop {
            y.band_weeks[band(w - hired)] += 1.0;
            w += 1.0;
        }
        if r.left_week.is_some() {
            y.band_departures[band(r.tenure_weeks)] += 1.0;
        }
        if whole_year && r.quota > 0.0 && r.base_pay + r.variable_pay > 0.0 {
            y.attainment.push(r.attainment);
        }
        y.pay += r.base_pay + r.variable_pay;
        y.variable_pay += r.variable_pay;
        y.hours += r.hours;
        y.hunting_hours += r.hunting_share * r.hours;
    }

    /// Add an account-year row: its customer-weeks by customer tenure band, its loss, and the
    /// annualised revenue of an account lost on a hand-over.
    pub fn add_account(&mut self, a: &AccountRow) {
        let year_start = (a.year * YEAR) as i64;
        let end = a.lost_week.map_or(self.last_week(a.year) as i64 + 1, |l| l as i64);
        let start = year_start.max(a.won_week as i64);
        let y = self.year(a.year);
        for w in start..end {
            y.account_band_weeks[band((w - a.won_week as i64) as f64)] += 1.0;
        }
        if let Some(l) = a.lost_week {
            y.account_band_lost[band(l as f64 - a.won_week as f64)] += 1.0;
            if a.lost_on_handover {
                y.handover_lost_revenue += a.revenue * YEAR as f64 / (end - start).max(1) as f64;
            }
        }
    }

    /// Add a closed new-customer deal (won or lost; cancelled deals are not given).
    pub fn add_new_deal(&mut self, closed: u32, won: bool, cycle_weeks: f64, size: f64) {
        let y = self.year(closed / YEAR);
        if won {
            y.new_deals_won += 1.0;
            y.cycles.push(cycle_weeks);
            y.sizes.push(size);
        } else {
            y.new_deals_lost += 1.0;
        }
    }

    /// Measure `m` over years `k` (0-based; all years for the whole run), or None if it is not
    /// computed year by year (vacancy and the departure shares need the run's own tallies).
    pub fn value(&self, m: Measure, k: Option<u32>) -> Option<f64> {
        if !m.by_year() {
            return None;
        }
        let none = Year::default();
        let chosen: Vec<&Year> = match k {
            Some(k) => vec![self.years.get(k as usize).unwrap_or(&none)],
            None => self.years.iter().collect(),
        };
        let sum = |f: fn(&Year) -> f64| chosen.iter().map(|y| f(y)).sum::<f64>();
        let all = |f: fn(&Year) -> &Vec<f64>| chosen.iter().flat_map(|y| f(y).iter().copied()).collect::<Vec<f64>>();
        let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
        let per_year = |a: f64, weeks: f64| ratio(a, weeks / YEAR as f64);
        use Measure::*;
        Some(match m {
            RepTurnover => per_year(sum(|y| y.departures), sum(|y| y.rep_weeks)),
            RepTurnoverFirstYear => per_year(sum(|y| y.band_departures[0]), sum(|y| y.band_weeks[0])),
            RepTurnoverSecondThirdYear => per_year(sum(|y| y.band_departures[1]), sum(|y| y.band_weeks[1])),
            RepTurnoverTenured => per_year(sum(|y| y.band_departures[2]), sum(|y| y.band_weeks[2])),
            ManagedOutShare => ratio(sum(|y| y.managed_out), sum(|y| y.departures)),
            ShareAtQuota => {
                let a = all(|y| &y.attainment);
                ratio(a.iter().filter(|x| **x >= 1.0).count() as f64, a.len() as f64)
            }
            AttainmentP10 => quantile(&all(|y| &y.attainment), 0.1),
            AttainmentP50 => quantile(&all(|y| &y.attainment), 0.5),
            AttainmentP90 => quantile(&all(|y| &y.attainment), 0.9),
            CustomerChurn => per_year(sum(|y| y.customers_lost), sum(|y| y.customer_weeks)),
            CustomerChurnFirstYear => per_year(sum(|y| y.account_band_lost[0]), sum(|y| y.account_band_weeks[0])),
            CustomerChurnTenured => per_year(sum(|y| y.account_band_lost[2]), sum(|y| y.account_band_weeks[2])),
            RevenueLostPerDeparture => ratio(sum(|y| y.handover_lost_revenue), sum(|y| y.departures)),
            WinRate => ratio(sum(|y| y.new_deals_won), sum(|y| y.new_deals_won + y.new_deals_lost)),
            CycleWeeks => quantile(&all(|y| &y.cycles), 0.5),
            DealSizeP50 => quantile(&all(|y| &y.sizes), 0.5),
            DealSizeP90 => quantile(&all(|y| &y.sizes), 0.9),
            VariablePayShare => ratio(sum(|y| y.variable_pay), sum(|y| y.pay)),
            CostOfSales => ratio(sum(|y| y.sales_cost), sum(|y| y.revenue)),
            HuntingTimeShare => ratio(sum(|y| y.hunting_hours), sum(|y| y.hours)),
            RevenueGrowth => match k {
                Some(k) if k >= 1 && self.years.len() > k as usize && self.years[k as usize - 1].revenue > 0.0 => {
                    self.years[k as usize].revenue / self.years[k as usize - 1].revenue - 1.0
                }
                _ => 0.0,
            },
            VacancyWeeks | FollowShareOnDeparture | LostShareOnDeparture => unreachable!("not by year"),
        })
    }
}
