//! The vocabulary of measures a company knows about itself ([`Measure`]) and how salesim computes
//! each one from a run ([`RunFacts`]): the same code serves `salesim kpis RUN_DIR` (facts read back
//! from a run's files, `run_dir.rs`) and the calibration (facts gathered week by week in process),
//! so an observed figure and a simulated one always mean the same thing. Definitions are in
//! docs/CALIBRATION.md.

use crate::sim::deals::{DealKind, DealOutcome, DealRow};
use crate::sim::observe::metrics::{Summary, TickOutput};
use crate::sim::observe::summary::quantile;

/// One figure a company can observe about itself and salesim can compute from a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Measure {
    RepTurnover,
    RepTurnoverFirstYear,
    RepTurnoverTenured,
    ManagedOutShare,
    ShareAtQuota,
    AttainmentP10,
    AttainmentP50,
    AttainmentP90,
    VacancyWeeks,
    CustomerChurn,
    CustomerChurnFirstYear,
    CustomerChurnTenured,
    FollowShareOnDeparture,
    LostShareOnDeparture,
    WinRate,
    CycleWeeks,
    DealSizeP50,
    DealSizeP90,
    VariablePayShare,
    CostOfSales,
    HuntingTimeShare,
    RevenueGrowth,
}

/// What kind of number a measure is (decides whether an observed `n` can stand for its `sd`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A share of a count, 0..1 (its sampling sd is √(p(1−p)/n)).
    Share,
    /// Events per year of exposure.
    Rate,
    /// A ratio or growth, unitless.
    Ratio,
    Weeks,
    /// Dollars a year.
    Money,
}

impl Measure {
    /// Every measure, in the order `salesim kpis` prints them.
    pub const ALL: [Measure; 22] = [
        Measure::RepTurnover,
        Measure::RepTurnoverFirstYear,
        Measure::RepTurnoverTenured,
        Measure::ManagedOutShare,
        Measure::ShareAtQuota,
        Measure::AttainmentP10,
        Measure::AttainmentP50,
        Measure::AttainmentP90,
        Measure::VacancyWeeks,
        Measure::CustomerChurn,
        Measure::CustomerChurnFirstYear,
        Measure::CustomerChurnTenured,
        Measure::FollowShareOnDeparture,
        Measure::LostShareOnDeparture,
        Measure::WinRate,
        Measure::CycleWeeks,
        Measure::DealSizeP50,
        Measure::DealSizeP90,
        Measure::VariablePayShare,
        Measure::CostOfSales,
        Measure::HuntingTimeShare,
        Measure::RevenueGrowth,
    ];

    /// Its name in files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Measure::RepTurnover => "rep_turnover",
            Measure::RepTurnoverFirstYear => "rep_turnover_first_year",
            Measure::RepTurnoverTenured => "rep_turnover_tenured",
            Measure::ManagedOutShare => "managed_out_share",
            Measure::ShareAtQuota => "share_at_quota",
            Measure::AttainmentP10 => "attainment_p10",
            Measure::AttainmentP50 => "attainment_p50",
            Measure::AttainmentP90 => "attainment_p90",
            Measure::VacancyWeeks => "vacancy_weeks",
            Measure::CustomerChurn => "customer_churn",
            Measure::CustomerChurnFirstYear => "customer_churn_first_year",
            Measure::CustomerChurnTenured => "customer_churn_tenured",
            Measure::FollowShareOnDeparture => "follow_share_on_departure",
            Measure::LostShareOnDeparture => "lost_share_on_departure",
            Measure::WinRate => "win_rate",
            Measure::CycleWeeks => "cycle_weeks",
            Measure::DealSizeP50 => "deal_size_p50",
            Measure::DealSizeP90 => "deal_size_p90",
            Measure::VariablePayShare => "variable_pay_share",
            Measure::CostOfSales => "cost_of_sales",
            Measure::HuntingTimeShare => "hunting_time_share",
            Measure::RevenueGrowth => "revenue_growth",
        }
    }

    /// The measure called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.name() == name)
    }

    pub fn kind(self) -> Kind {
        use Measure::*;
        match self {
            RepTurnover
            | RepTurnoverFirstYear
            | RepTurnoverTenured
            | CustomerChurn
            | CustomerChurnFirstYear
            | CustomerChurnTenured => Kind::Rate,
            ManagedOutShare
            | ShareAtQuota
            | FollowShareOnDeparture
            | LostShareOnDeparture
            | WinRate
            | VariablePayShare
            | HuntingTimeShare => Kind::Share,
            AttainmentP10 | AttainmentP50 | AttainmentP90 | CostOfSales | RevenueGrowth => Kind::Ratio,
            VacancyWeeks | CycleWeeks => Kind::Weeks,
            DealSizeP50 | DealSizeP90 => Kind::Money,
        }
    }
}

impl std::fmt::Display for Measure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A won new-customer deal: its cycle (close week − open week) and its annual value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WonDeal {
    pub cycle_weeks: f64,
    pub size: f64,
}

/// What the measures are computed from: the run's summary, its won new-customer deals and its
/// weekly revenue. Small whatever the run's length (no per-account rows are kept).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunFacts {
    pub summary: Summary,
    pub won_new_deals: Vec<WonDeal>,
    /// Revenue of each week, in week order.
    pub weekly_revenue: Vec<f64>,
}

impl RunFacts {
    /// Take what the measures need from one week's rows.
    pub fn add_week(&mut self, out: &TickOutput) {
        self.weekly_revenue.extend(out.timeseries.iter().map(|r| r.revenue));
        self.add_deals(&out.deals);
    }

    /// Keep the won new-customer deals of `deals`.
    pub fn add_deals(&mut self, deals: &[DealRow]) {
        for d in deals {
            self.add_deal(d.kind, d.outcome, d.opened_week, d.closed_week, d.size);
        }
    }

    /// Keep one closed deal if it is a won new-customer deal.
    pub fn add_deal(&mut self, kind: DealKind, outcome: DealOutcome, opened: u32, closed: u32, size: f64) {
        if kind == DealKind::NewCustomer && outcome == DealOutcome::Won {
            self.won_new_deals.push(WonDeal { cycle_weeks: closed.saturating_sub(opened) as f64, size });
        }
    }

    /// The value of `m` in this run (0 where its exposure is empty, as in `summary.json`).
    pub fn value(&self, m: Measure) -> f64 {
        let s = &self.summary;
        let deals = |f: fn(&WonDeal) -> f64| self.won_new_deals.iter().map(f).collect::<Vec<f64>>();
        match m {
            Measure::RepTurnover => s.annual_rep_turnover,
            Measure::RepTurnoverFirstYear => s.first_year_rep_turnover,
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
