//! Deals (docs/MODEL.md "Deals"): sizes, cycles and win rates in the published ranges (F17),
//! timing games around an annual quota with a bonus at quota (F18, Oyer 1998, Larkin 2014), and
//! drafted help for slow deals late in the year (seed 001). Over paired seeds.

mod common;
use common::*;
use salesim::Scenario;
use salesim::scenario::QuotaSetting;
use salesim::sim::deals::{DealKind, DealOutcome, DealRow, Timing};

/// An annual quota with a bonus at quota, and the baseline's accelerator above it.
fn bonus_at_quota() -> Scenario {
    let mut s = half_world();
    s.pay.quota_bonus = 20_000.0;
    s
}

/// Commission on every dollar: no quota, no bonus, no accelerator.
fn plain_commission() -> Scenario {
    let mut s = half_world();
    s.pay.quota_setting = QuotaSetting::NoQuota;
    s.pay.accelerator = 1.0;
    s
}

fn won_sales(r: &Run) -> impl Iterator<Item = &DealRow> {
    r.deals.iter().filter(|d| d.outcome == DealOutcome::Won && d.kind != DealKind::Renewal && d.closed_week >= 52)
}

/// Share of the value of new-customer and expansion deals won after year 1 that closed in the
/// last four weeks of a year.
fn year_end_share(r: &Run) -> f64 {
    let total: f64 = won_sales(r).map(|d| d.size).sum();
    let late: f64 = won_sales(r).filter(|d| d.closed_week % 52 >= 48).map(|d| d.size).sum();
    late / total
}

#[test]
fn a_bonus_at_an_annual_quota_pulls_sales_into_the_last_weeks_of_the_year() {
    let (bonus, plain) = (bonus_at_quota(), plain_commission());
    let window = bonus.deals.timing_window_weeks;
    let runs_bonus: Vec<Run> = (1..=story_seeds()).map(|k| run(&Scenario { seed: k, ..bonus.clone() })).collect();
    let runs_plain: Vec<Run> = (1..=story_seeds()).map(|k| run(&Scenario { seed: k, ..plain.clone() })).collect();
    let diffs: Vec<f64> =
        runs_bonus.iter().zip(&runs_plain).map(|(b, p)| year_end_share(b) - year_end_share(p)).collect();
    assert_positive("share of the year's sales closed in its last four weeks", &diffs);
    assert!(
        runs_plain.iter().all(|r| r.deals.iter().all(|d| d.timing == Timing::OnTime)),
        "no timing games without a quota"
    );
    for r in &runs_bonus {
        let pulled: Vec<&DealRow> = r.deals.iter().filter(|d| d.timing == Timing::PulledIn).collect();
        let slipped: Vec<&DealRow> = r.deals.iter().filter(|d| d.timing == Timing::Slipped).collect();
        assert!(!pulled.is_empty() && !slipped.is_empty(), "both games are played");
        // Pulled in: closed in the last weeks of a year; slipped: due at its end, closed from the next.
        assert!(
            pulled.iter().all(|d| d.closed_week % 52 >= 52 - window),
            "pulled-in deals close just before the year ends"
        );
        assert!(pulled.iter().all(|d| d.discount > 0.0), "a pulled-in deal is discounted");
        let just_after = slipped.iter().filter(|d| d.closed_week % 52 < window).count();
        assert!(just_after as f64 >= 0.8 * slipped.len() as f64, "slipped deals close at the start of the next year");
    }
}

/// Deals that stalled and closed in the last `weeks` of a year, and the share of them won.
fn slow_deals_won(r: &Run, weeks: u32) -> f64 {
    let slow: Vec<&DealRow> = r
        .deals
        .iter()
        .filter(|d| d.stalls > 0 && d.outcome != DealOutcome::Cancelled && d.closed_week % 52 >= 52 - weeks)
        .collect();
    slow.iter().filter(|d| d.outcome == DealOutcome::Won).count() as f64 / slow.len().max(1) as f64
}

#[test]
fn drafting_help_onto_slow_deals_late_in_the_year_raises_the_share_of_them_that_close() {
    let without = half_world();
    let mut drafted = without.clone();
    drafted.deals.draft_weeks = 13;
    let diffs = paired(&without, &drafted, story_seeds(), |r| slow_deals_won(r, 13));
    assert_positive("share of slow deals won in the last quarter", &diffs);
    let r = run(&drafted);
    assert!(
        r.rows.iter().any(|w| w.drafted_hours > 0.0)
            && r.rows.iter().filter(|w| w.week % 52 < 39).all(|w| w.drafted_hours == 0.0)
    );
    assert!(run(&without).rows.iter().all(|w| w.drafted_hours == 0.0));
}

#[test]
fn deals_have_right_skewed_sizes_and_the_published_cycles_and_win_rates() {
    let r = run(&baseline());
    let new: Vec<&DealRow> = r
        .deals
        .iter()
        .filter(|d| d.kind == DealKind::NewCustomer && d.outcome != DealOutcome::Cancelled && d.opened_week > 0)
        .collect();
    let win = new.iter().filter(|d| d.outcome == DealOutcome::Won).count() as f64 / new.len() as f64;
    assert!((0.2..=0.3).contains(&win), "F17: win rate of qualified new-customer opportunities {win:.3}");
    let mut cycles: Vec<u32> = new.iter().map(|d| d.closed_week - d.opened_week).collect();
    cycles.sort();
    let median = cycles[cycles.len() / 2];
    assert!((8..=26).contains(&median), "F17: median mid-market cycle {median} weeks (2–6 months)");
    let mut sizes: Vec<f64> = r
        .deals
        .iter()
        .filter(|d| d.outcome == DealOutcome::Won && d.kind != DealKind::Renewal)
        .map(|d| d.size)
        .collect();
    sizes.sort_by(|a, b| b.total_cmp(a));
    let top: f64 = sizes[..sizes.len() / 5].iter().sum();
    let share = top / sizes.iter().sum::<f64>();
    assert!(share > 0.5, "F17: the biggest fifth of deals bring {share:.2} of the bookings");
    assert_eq!(
        r.summary.customers_won as usize,
        r.deals.iter().filter(|d| d.kind == DealKind::NewCustomer && d.outcome == DealOutcome::Won).count()
    );
}
