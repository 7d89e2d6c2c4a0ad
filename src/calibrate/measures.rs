//! How salesim computes each measure of the vocabulary ([`Measure`], `vocabulary.rs`) from a run
//! ([`RunFacts`]): the same code serves `salesim kpis RUN_DIR` (facts read back
//! from a run's files, `run_dir.rs`) and the calibration (facts gathered week by week in process),
//! so an observed figure and a simulated one always mean the same thing, over the whole run or
//! over one year of it ([`Window`], sums by year in `years.rs`). Definitions are in
//! docs/CALIBRATION.md.

pub use super::vocabulary::{Kind, Measure, Window};
use super::years::{AccountRow, RepRow, WeekRow, Years};
use crate::sim::deals::{DealKind, DealOutcome, DealRow};
use crate::sim::observe::metrics::{Summary, TickOutput};
use crate::sim::observe::summary::quantile;

/// A won new-customer deal: its cycle (close week − open week) and its annual value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WonDeal {
    pub cycle_weeks: f64,
    pub size: f64,
}

/// What the measures are computed from: the run's summary, its won new-customer deals, its
/// weekly revenue and its sums by year. Small whatever the run's length (no per-account rows
/// are kept).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunFacts {
    pub summary: Summary,
    pub won_new_deals: Vec<WonDeal>,
    /// Revenue of each week, in week order.
    pub weekly_revenue: Vec<f64>,
    pub years: Years,
}

impl RunFacts {
    /// Take what the measures need from one week's rows.
    pub fn add_week(&mut self, out: &TickOutput) {
        self.weekly_revenue.extend(out.timeseries.iter().map(|r| r.revenue));
        for r in &out.timeseries {
            self.years.add_week(&WeekRow {
                week: r.week,
                reps_active: r.reps_active as f64,
                departures: (r.reps_quit + r.reps_poached + r.reps_managed_out) as f64,
                managed_out: r.reps_managed_out as f64,
                customers_active: r.customers_active as f64,
                customers_lost: (r.customers_churned + r.customers_followed_rep + r.customers_lost_on_departure) as f64,
                revenue: r.revenue,
                sales_cost: r.rep_pay + r.other_sales_cost,
            });
        }
        self.add_deals(&out.deals);
        for r in &out.reps {
            self.years.add_rep(&RepRow {
                year: r.year,
                tenure_weeks: r.tenure_weeks,
                left_week: r.left_week,
                quota: r.quota,
                attainment: r.attainment,
                base_pay: r.base_pay,
                variable_pay: r.variable_pay,
                hours: r.hours_worked,
                hunting_share: r.hunting_share,
            });
        }
        for a in &out.accounts {
            self.years.add_account(&AccountRow {
                year: a.year,
                won_week: a.won_week,
                lost_week: a.lost_week,
                lost_on_handover: is_handover_loss(a.lost_cause),
                revenue: a.revenue,
            });
        }
    }

    /// Keep the won new-customer deals of `deals`.
    pub fn add_deals(&mut self, deals: &[DealRow]) {
        for d in deals {
            self.add_deal(d.kind, d.outcome, d.opened_week, d.closed_week, d.size);
        }
    }

    /// Keep one closed deal if it is a won new-customer deal; count it in its year if it is a
    /// won or lost one.
    pub fn add_deal(&mut self, kind: DealKind, outcome: DealOutcome, opened: u32, closed: u32, size: f64) {
        let cycle_weeks = closed.saturating_sub(opened) as f64;
        if kind == DealKind::NewCustomer && outcome != DealOutcome::Cancelled {
            self.years.add_new_deal(closed, outcome == DealOutcome::Won, cycle_weeks, size);
        }
        if kind == DealKind::NewCustomer && outcome == DealOutcome::Won {
            self.won_new_deals.push(WonDeal { cycle_weeks, size });
        }
    }

    /// The value of `m` over `window` (0 where its exposure is empty, as in `summary.json`);
    /// NaN for a measure not computed by year (refused in observed files).
    pub fn value_in(&self, m: Measure, window: Window) -> f64 {
        match window {
            Window::Run => self.value(m),
            Window::Year(n) => self.years.value(m, Some(n - 1)).unwrap_or(f64::NAN),
        }
    }

    /// The value of `m` over the whole run (0 where its exposure is empty, as in `summary.json`).
    pub fn value(&self, m: Measure) -> f64 {
        let s = &self.summary;
        let deals = |f: fn(&WonDeal) -> f64| self.won_new_deals.iter().map(f).collect::<Vec<f64>>();
        match m {
            Measure::RepTurnover => s.annual_rep_turnover,
            Measure::RepTurnoverFirstYear => s.first_year_rep_turnover,
            Measure::RepTurnoverSecondThirdYear | Measure::RevenueLostPerDeparture => {
                self.years.value(m, None).expect("computed from the sums by year")
            }
            Measure::RepTurnoverTenured => s.tenured_rep_turnover,
            Measure::ManagedOutShare => s.managed_out_share,
            Measure::ShareAtQuota => s.quota_attainment_share,
            Measure::AttainmentP10 => s.attainment_p10,
            Measure::AttainmentP50 => s.attainment_p50,
            Measure::AttainmentP90 => s.attainment_p90,
            Measure::VacancyWeeks => s.mean_vacancy_weeks,
            Measure::CustomerChurn => s.annual_customer_churn,
            Measure::CustomerChurnFirstYear => s.first_year_customer_churn,
            Measure::CustomerChurnTenured => s.tenured_customer_churn,
            Measure::FollowShareOnDeparture => s.follow_share_on_departure,
            Measure::LostShareOnDeparture => s.lost_share_on_departure,
            Measure::WinRate => s.new_deal_win_rate,
            Measure::CycleWeeks => quantile(&deals(|d| d.cycle_weeks), 0.5),
            Measure::DealSizeP50 => quantile(&deals(|d| d.size), 0.5),
            Measure::DealSizeP90 => quantile(&deals(|d| d.size), 0.9),
            Measure::VariablePayShare => s.variable_pay_share,
            Measure::CostOfSales => s.cost_of_sales_ratio,
            Measure::HuntingTimeShare => s.hunting_hours_share,
            Measure::RevenueGrowth => self.revenue_growth(),
        }
    }

    /// Revenue of the last 52 weeks over the 52 before, less 1 (0 in runs shorter than 104 weeks).
    fn revenue_growth(&self) -> f64 {
        let r = &self.weekly_revenue;
        if r.len() < 104 {
            return 0.0;
        }
        let last: f64 = r[r.len() - 52..].iter().sum();
        let before: f64 = r[r.len() - 104..r.len() - 52].iter().sum();
        if before > 0.0 { last / before - 1.0 } else { 0.0 }
    }

    /// Every measure with its value, in [`Measure::ALL`] order.
    pub fn all(&self) -> Vec<(Measure, f64)> {
        Measure::ALL.into_iter().map(|m| (m, self.value(m))).collect()
    }
}

/// Whether an account panel's `lost_cause` is a loss on a hand-over.
pub fn is_handover_loss(cause: &str) -> bool {
    cause == "followed_rep" || cause == "left_on_departure"
}

/// `measure,value` CSV of `values` (what `salesim kpis` prints; the observed file's format).
pub fn to_csv(values: &[(Measure, f64)]) -> String {
    let mut out = String::from("measure,value\n");
    for (m, v) in values {
        out.push_str(&format!("{m},{v}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_measure_is_found_by_its_name_and_names_are_distinct() {
        for m in Measure::ALL {
            assert_eq!(Measure::from_name(m.name()), Some(m));
        }
        let mut names: Vec<_> = Measure::ALL.iter().map(|m| m.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Measure::ALL.len());
        assert_eq!(Measure::from_name("rep_turnover_typo"), None);
    }

    #[test]
    fn cycle_and_size_come_from_won_new_customer_deals_only() {
        let mut f = RunFacts::default();
        f.add_deal(DealKind::NewCustomer, DealOutcome::Won, 2, 12, 100.0);
        f.add_deal(DealKind::NewCustomer, DealOutcome::Won, 0, 20, 300.0);
        f.add_deal(DealKind::NewCustomer, DealOutcome::Lost, 0, 50, 9_000.0);
        f.add_deal(DealKind::Expansion, DealOutcome::Won, 0, 50, 9_000.0);
        assert_eq!(f.value(Measure::CycleWeeks), 15.0);
        assert_eq!(f.value(Measure::DealSizeP50), 200.0);
    }

    #[test]
    fn revenue_growth_compares_the_last_year_with_the_year_before() {
        let mut f = RunFacts { weekly_revenue: vec![1.0; 104], ..Default::default() };
        f.weekly_revenue[52..].iter_mut().for_each(|r| *r = 1.1);
        assert!((f.value(Measure::RevenueGrowth) - 0.1).abs() < 1e-12);
        f.weekly_revenue.truncate(100);
        assert_eq!(f.value(Measure::RevenueGrowth), 0.0);
    }
}
