//! Relationships over time (issue #23): a customer's churn hazard keeps falling with its tenure
//! with the company (docs/MODEL.md §3.3.12), and a departed rep's accounts are at risk through the
//! vacancy and its replacement's ramp, as the rival works them (§3.3.9). Rates are compared over
//! paired seeds (`SALESIM_STORY_SEEDS`, default 30).

mod common;
use common::*;
use salesim::Scenario;
use salesim::sim::observe::events::EventKind;
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

/// Weeks from each follower's loss back to its rep's departure, over a run's events.
fn follow_lags(r: &Run) -> Vec<u32> {
    let left: BTreeMap<u32, u32> = r
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Quit | EventKind::Poached | EventKind::ManagedOut))
        .filter_map(|e| Some((e.rep?, e.week)))
        .collect();
    r.events.iter().filter(|e| e.kind == EventKind::Follow).filter_map(|e| Some(e.week - left.get(&e.rep?)?)).collect()
}

#[test]
fn a_departed_reps_customers_follow_it_over_the_vacancy_not_all_in_the_week_it_leaves() {
    let runs = story_runs(&baseline());
    let lags: Vec<u32> = runs.iter().flat_map(follow_lags).collect();
    let share = |f: &dyn Fn(u32) -> bool| lags.iter().filter(|&&l| f(l)).count() as f64 / lags.len() as f64;
    let (at_once, after_a_quarter) = (share(&|l| l == 0), share(&|l| l >= 13));
    assert!(lags.len() > 1_000, "the baseline's reps leave and customers follow ({})", lags.len());
    assert!((0.3..0.8).contains(&at_once), "a share of followers go at once, the rest later: {at_once:.2} at once");
    assert!(
        after_a_quarter > 0.1,
        "followers keep going through the vacancy and ramp: {after_a_quarter:.2} after 13 weeks"
    );
    // Overall, fewer than half of a departing rep's customers follow it (evidence F4).
    let follow: Vec<f64> = runs.iter().map(|r| r.summary.follow_share_on_departure).collect();
    assert!(mean(&follow) < 0.5, "follow share {:.3}", mean(&follow));
}

#[test]
fn a_rival_that_works_a_poached_reps_former_customers_harder_takes_more_of_them() {
    let s = baseline();
    let harder = with(&s, |s| s.competitors[0].solicit_effort = 3.0);
    let taken = |r: &Run| r.summary.follow_share_when_poached;
    assert_positive("share of a poached rep's book that follows it", &paired(&s, &harder, story_seeds(), taken));
}

#[test]
fn a_non_solicit_agreement_keeps_more_of_a_departed_reps_customers_at_a_cost() {
    let s = baseline();
    let bound = with(&s, |s| s.ownership.non_solicit = 1.0);
    let (free, held) = (story_runs(&s), story_runs(&bound));
    let diffs = |f: &dyn Fn(&Run) -> f64| free.iter().zip(&held).map(|(a, b)| f(a) - f(b)).collect::<Vec<_>>();
    let followed = |r: &Run| r.summary.follow_share_on_departure;
    assert_positive("follow share without the agreement over with it", &diffs(&followed));
    // The agreements are paid for when reps leave for rivals: the other cost of sales rises.
    let other_cost = |r: &Run| -r.sum(0..r.rows.len() as u32, |w| w.other_sales_cost);
    assert_positive("other cost of sales with the agreement over without", &diffs(&other_cost));
    // Customers who go with the rep unasked are not stopped: some still follow in its last week.
    let at_once: Vec<f64> = held.iter().map(|r| follow_lags(r).iter().filter(|&&l| l == 0).count() as f64).collect();
    assert!(mean(&at_once) > 10.0, "followers at once under a non-solicit: {}", mean(&at_once));
}

/// The baseline with `f` applied.
fn with(s: &Scenario, f: impl Fn(&mut Scenario)) -> Scenario {
    let mut s = s.clone();
    f(&mut s);
    s
}
