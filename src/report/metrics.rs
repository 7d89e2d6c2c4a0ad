//! The per-run measures the validation report uses, each a function of one run's outcome.

use super::Outcome;
use crate::sim::observe::metrics::TimeseriesRow;
use std::ops::Range;

/// A named measure of one run.
pub struct Metric {
    pub name: &'static str,
    pub compute: fn(&Outcome) -> f64,
}

fn sum(o: &Outcome, weeks: Range<u32>, f: impl Fn(&crate::sim::observe::metrics::TimeseriesRow) -> f64) -> f64 {
    o.rows.iter().filter(|r| weeks.contains(&r.week)).map(f).sum()
}

fn mean(o: &Outcome, weeks: Range<u32>, f: impl Fn(&crate::sim::observe::metrics::TimeseriesRow) -> f64) -> f64 {
    let n = o.rows.iter().filter(|r| weeks.contains(&r.week)).count().max(1) as f64;
    sum(o, weeks, f) / n
}

fn pay_at(o: &Outcome, week: usize) -> f64 {
    o.rows.get(week).map_or(f64::NAN, |r| r.avg_rep_pay_annualized)
}

/// Average pay over what the average rep brings in (trailing 52 weeks at `week`): `per` picks
/// revenue or contribution per rep.
fn pay_over(o: &Outcome, week: usize, per: fn(&TimeseriesRow) -> f64) -> f64 {
    o.rows.get(week).map_or(f64::NAN, |r| r.avg_rep_pay_annualized / per(r))
}

fn last_two_years(o: &Outcome) -> Range<u32> {
    let end = o.rows.len() as u32;
    end.saturating_sub(104)..end
}

/// `f` of each rep employed by the company with at least `min_tenure` weeks, in years 5 to 9.
fn of_reps_in_years_5_to_9(
    o: &Outcome,
    min_tenure: f64,
    f: fn(&crate::sim::observe::metrics::RepYearRow) -> f64,
) -> Vec<f64> {
    o.reps
        .iter()
        .filter(|p| (5..10).contains(&p.year) && p.left_week.is_none() && p.tenure_weeks >= min_tenure)
        .map(f)
        .collect()
}

/// Coefficient of variation of total pay among reps with a year's tenure, in years 5 to 9.
fn pay_dispersion(o: &Outcome) -> f64 {
    let pay = of_reps_in_years_5_to_9(o, 52.0, |p| p.base_pay + p.variable_pay);
    let (m, _) = super::mean_ci(&pay);
    (pay.iter().map(|x| (x - m).powi(2)).sum::<f64>() / pay.len().max(1) as f64).sqrt() / m
}

/// Mean hunting share of reps with 3+ years' tenure, in years 5 to 9.
fn tenured_hunting(o: &Outcome) -> f64 {
    super::mean_ci(&of_reps_in_years_5_to_9(o, 156.0, |p| p.hunting_share)).0
}

fn complex_churn(o: &Outcome, weeks: Range<u32>) -> f64 {
    sum(o, weeks.clone(), |r| r.complex_customers_churned as f64)
        / sum(o, weeks, |r| r.complex_customers_active as f64).max(1.0)
        * 52.0
}

/// Every measure, in report order.
pub const METRICS: &[Metric] = &[
    Metric { name: "annual_rep_turnover", compute: |o| o.summary.annual_rep_turnover },
    Metric { name: "first_year_rep_turnover", compute: |o| o.summary.first_year_rep_turnover },
    Metric { name: "tenured_rep_turnover", compute: |o| o.summary.tenured_rep_turnover },
    Metric { name: "annual_customer_churn", compute: |o| o.summary.annual_customer_churn },
    Metric { name: "total_revenue", compute: |o| o.summary.total_revenue },
    Metric { name: "total_contribution", compute: |o| o.summary.total_contribution },
    Metric { name: "tools_cost", compute: |o| o.summary.total_tools_cost },
    Metric { name: "follow_share_on_departure", compute: |o| o.summary.follow_share_on_departure },
    Metric { name: "follow_share_when_poached", compute: |o| o.summary.follow_share_when_poached },
    Metric { name: "lost_share_on_departure", compute: |o| o.summary.lost_share_on_departure },
    Metric { name: "variable_pay_share", compute: |o| o.summary.variable_pay_share },
    Metric { name: "hunting_hours_share", compute: |o| o.summary.hunting_hours_share },
    Metric { name: "quota_to_pay_ratio", compute: |o| o.summary.quota_to_pay_ratio },
    Metric { name: "mean_vacancy_weeks", compute: |o| o.summary.mean_vacancy_weeks },
    Metric { name: "cost_of_sales_ratio", compute: |o| o.summary.cost_of_sales_ratio },
    Metric {
        name: "loyalty_rep_minus_company",
        compute: |o| mean(o, 52..520, |r| r.loyalty_to_rep_mean - r.loyalty_to_company_mean),
    },
    Metric { name: "loyalty_to_company", compute: |o| mean(o, 260..520, |r| r.loyalty_to_company_mean) },
    Metric { name: "pay_year1", compute: |o| pay_at(o, 51) },
    Metric { name: "pay_year8", compute: |o| pay_at(o, 415) },
    Metric { name: "pay_growth_8y", compute: |o| pay_at(o, 415) / pay_at(o, 51) },
    Metric {
        name: "pay_over_revenue_8y",
        compute: |o| {
            pay_over(o, 415, |r| r.avg_rep_revenue_annualized) / pay_over(o, 51, |r| r.avg_rep_revenue_annualized)
        },
    },
    Metric {
        name: "pay_over_contribution_after_entry",
        compute: |o| {
            let last = o.rows.len().saturating_sub(1);
            pay_over(o, last, |r| r.avg_rep_contribution_annualized)
                / pay_over(o, 415, |r| r.avg_rep_contribution_annualized)
        },
    },
    Metric { name: "reps_poached", compute: |o| o.summary.reps_poached as f64 },
    Metric { name: "complex_served_before", compute: |o| mean(o, 100..156, |r| r.complex_needs_served_share) },
    Metric { name: "complex_served_after", compute: |o| mean(o, 200..520, |r| r.complex_needs_served_share) },
    Metric { name: "complex_churn_before", compute: |o| complex_churn(o, 0..156) },
    Metric { name: "complex_churn_after", compute: |o| complex_churn(o, 200..520) },
    Metric { name: "pay_dispersion", compute: pay_dispersion },
    Metric { name: "tenured_hunting_share", compute: tenured_hunting },
    Metric {
        name: "churn_final_2y",
        compute: |o| sum(o, last_two_years(o), |r| (r.customers_churned + r.customers_lost_on_departure) as f64),
    },
    Metric { name: "revenue_final_2y", compute: |o| sum(o, last_two_years(o), |r| r.revenue) },
    // The start-up's plan switches at week 104; seed 003 reports revenue six months on.
    Metric { name: "revenue_weeks_104_130", compute: |o| sum(o, 104..130, |r| r.revenue) },
    Metric { name: "new_customers_final_2y", compute: |o| sum(o, last_two_years(o), |r| r.new_customers as f64) },
    Metric { name: "rep_weeks_given_up", compute: |o| sum(o, 156..520, |r| r.reps_gave_up as f64) },
    Metric { name: "coverage_mean", compute: |o| mean(o, 0..520, |r| r.coverage_mean) },
    Metric {
        name: "first_year_over_tenured_turnover",
        compute: |o| o.summary.first_year_rep_turnover / o.summary.tenured_rep_turnover.max(1e-9),
    },
    Metric {
        name: "complex_served_drop",
        compute: |o| {
            mean(o, 100..156, |r| r.complex_needs_served_share) - mean(o, 200..520, |r| r.complex_needs_served_share)
        },
    },
    Metric { name: "quota_attainment_share", compute: |o| o.summary.quota_attainment_share },
    Metric { name: "attainment_p10_p90_width", compute: |o| o.summary.attainment_p90 - o.summary.attainment_p10 },
    Metric { name: "managed_out_share", compute: |o| o.summary.managed_out_share },
    Metric { name: "new_deal_win_rate", compute: |o| o.summary.new_deal_win_rate },
    Metric { name: "complex_churn_rise", compute: |o| complex_churn(o, 200..520) - complex_churn(o, 0..156) },
];
