//! Relationships over time (issue #23): a customer's churn hazard keeps falling with its tenure
//! with the company (docs/MODEL.md §3.3.12), and a departed rep's accounts are at risk through the
//! vacancy and its replacement's ramp, as the rival works them (§3.3.9). Rates are compared over
//! paired seeds (`SALESIM_STORY_SEEDS`, default 30).

mod common;
use common::*;
use std::collections::BTreeMap;

/// Account-weeks at risk and losses, by customer tenure year (0 = first year), from a run's
/// yearly account rows: each account is at risk from its win (or week 0) until it is lost or the
/// run ends. `counts` says which losses count.
fn by_tenure_year(r: &Run, weeks: u32, counts: impl Fn(&str) -> bool) -> [(f64, f64); 6] {
    let mut accounts = BTreeMap::new();
    for row in &r.accounts {
        accounts.insert(row.account_id, (row.won_week, row.lost_week, row.lost_cause));
    }
    let mut out = [(0.0, 0.0); 6];
    let year = |tenure: i32| ((tenure / 52) as usize).min(5);
    for (won, lost, cause) in accounts.into_values() {
        let end = lost.unwrap_or(weeks) as i32;
        for w in won.max(0)..end {
            out[year(w - won)].1 += 1.0;
        }
        if lost.is_some() && counts(cause) {
            out[year(end - won)].0 += 1.0;
        }
    }
    out
}

/// Annual loss rate (losses per account-year) in tenure years `years` (0-based, inclusive range).
fn annual_rate(t: &[(f64, f64); 6], years: std::ops::RangeInclusive<usize>) -> f64 {
    let (lost, weeks) = years.map(|y| t[y]).fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
    lost / (weeks / 52.0)
}

fn is_churn(cause: &str) -> bool {
    cause == "dissatisfied" || cause == "competitor"
}

#[test]
fn customers_churn_less_the_longer_they_have_been_customers_from_year_one_to_two_to_three_to_five() {
    let s = baseline();
    let weeks = s.weeks;
    let tables: Vec<_> =
        story_runs(&s).iter().map(|r| (by_tenure_year(r, weeks, is_churn), r.summary.clone())).collect();
    let rate = |years: std::ops::RangeInclusive<usize>| -> Vec<f64> {
        tables.iter().map(|(t, _)| annual_rate(t, years.clone())).collect()
    };
    let (first, second, third_to_fifth) = (rate(0..=0), rate(1..=1), rate(2..=4));
    let drop = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x - y).collect::<Vec<_>>();
    assert_positive("churn in year 1 over year 2", &drop(&first, &second));
    assert_positive("churn in year 2 over years 3-5", &drop(&second, &third_to_fifth));
    // Customers of more than five years keep churning less still: the hazard does not flatten.
    assert_positive("churn in years 3-5 over 6+", &drop(&third_to_fifth, &rate(5..=5)));
    // Overall churn, all causes, stays in the published B2B range (evidence F3: 5-15% a year).
    let all: Vec<f64> = tables.iter().map(|(_, s)| s.annual_customer_churn).collect();
    let (m, _) = mean_ci(&all);
    assert!((0.05..=0.15).contains(&m), "annual customer churn {m:.3} outside F3's 5-15%");
}
