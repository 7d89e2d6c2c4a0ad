//! The seed stories and their remedies, over 30 paired seeds (set SALESIM_STORY_SEEDS to change).
//! Every pattern here comes from the mechanisms; nothing in the code knows which story it runs.

mod common;
use common::*;
use salesim::Scenario;
use salesim::scenario::Event;
use salesim::sim::components::{Account, AccountState, Rep, RepStatus};
use std::collections::BTreeSet;

fn diffs(a: &[Run], b: &[Run], f: impl Fn(&Run) -> f64) -> Vec<f64> {
    a.iter().zip(b).map(|(x, y)| f(y) - f(x)).collect()
}

fn each(r: &[Run], f: impl Fn(&Run) -> f64) -> Vec<f64> {
    r.iter().map(f).collect()
}

/// Coefficient of variation of total pay among reps employed all year in years `years`.
fn pay_dispersion(r: &Run, years: std::ops::Range<u32>) -> f64 {
    let pay: Vec<f64> = r
        .reps
        .iter()
        .filter(|p| years.contains(&p.year) && p.left_week.is_none() && p.tenure_weeks >= 52.0)
        .map(|p| p.base_pay + p.variable_pay)
        .collect();
    let (m, _) = mean_ci(&pay);
    (pay.iter().map(|x| (x - m).powi(2)).sum::<f64>() / pay.len() as f64).sqrt() / m
}

/// Mean hunting share of reps with at least `min_weeks` tenure in years `years`.
fn hunting_of(r: &Run, years: std::ops::Range<u32>, tenure: std::ops::Range<f64>) -> f64 {
    let h: Vec<f64> = r
        .reps
        .iter()
        .filter(|p| years.contains(&p.year) && p.left_week.is_none() && tenure.contains(&p.tenure_weeks))
        .map(|p| p.hunting_share)
        .collect();
    mean(&h)
}

fn complex_churn_rate(r: &Run, weeks: std::ops::Range<u32>) -> f64 {
    r.sum(weeks.clone(), |w| w.complex_customers_churned as f64) / r.sum(weeks, |w| w.complex_customers_active as f64)
}

#[test]
fn insurance_new_reps_leave_while_tenured_reps_farm_big_books_they_cannot_cover() {
    let s = bundled("insurance_complacency");
    let r = story_runs(&s);
    let first_year = mean(&each(&r, |x| x.summary.first_year_rep_turnover));
    let tenured = mean(&each(&r, |x| x.summary.tenured_rep_turnover));
    assert!(first_year >= 0.45, "first-year rep turnover {first_year:.3}");
    assert!(first_year >= 2.0 * tenured, "first-year {first_year:.3} vs 3+ years {tenured:.3}");
    let old = mean(&each(&r, |x| hunting_of(x, 1..10, 156.0..1e9)));
    let new = mean(&each(&r, |x| hunting_of(x, 1..10, 0.0..52.0)));
    assert!(old + 0.05 < new, "hunting share: tenured {old:.3}, new {new:.3}");
}

/// For each rep at the end of week 259: (accounts owned, share of them adequately covered).
fn coverage_by_book(s: &Scenario) -> Vec<(u32, f64)> {
    let mut s = s.clone();
    s.weeks = 260;
    s.timeline.retain(|e| e.week < 260);
    let mut books = Vec::new();
    run_with(&s, |sim| {
        if sim.finished() {
            let w = sim.world_mut();
            let mut per_rep = std::collections::BTreeMap::<u32, (u32, u32)>::new();
            let mut q = w.query::<(&Account, &AccountState)>();
            for (a, st) in q.iter(w) {
                if let Some(o) = a.owner {
                    let e = per_rep.entry(o).or_default();
                    e.0 += 1;
                    e.1 += (st.coverage >= 0.8) as u32;
                }
            }
            books = per_rep.values().map(|&(n, ok)| (n, ok as f64 / n as f64)).collect();
        }
    });
    books
}

#[test]
fn insurance_coverage_falls_as_books_grow() {
    let (mut small_books, mut big_books) = (vec![], vec![]);
    for seed in 1..=story_seeds().min(10) {
        let mut s = bundled("insurance_complacency");
        s.seed = seed;
        let mut b = coverage_by_book(&s);
        b.sort_by_key(|x| x.0);
        let third = b.len() / 3;
        small_books.extend(b[..third].iter().map(|x| x.1));
        big_books.extend(b[b.len() - third..].iter().map(|x| x.1));
    }
    assert!(
        mean(&big_books) + 0.1 < mean(&small_books),
        "adequately covered: big books {:.3}, small books {:.3}",
        mean(&big_books),
        mean(&small_books)
    );
}

#[test]
fn runaway_pay_grows_fourfold_and_poached_reps_take_their_customers() {
    let s = bundled("medical_device_runaway_pay");
    let r = story_runs(&s);
    let ratio = mean(&each(&r, |x| x.rows[415].avg_rep_pay_annualized / x.rows[51].avg_rep_pay_annualized));
    assert!(ratio >= 4.0, "average pay, year 8 over year 1: {ratio:.2}×");
    let per_rep =
        |x: &Run, w: u32| x.sum(w - 51..w + 1, |r| r.revenue) / x.mean(w - 51..w + 1, |r| r.reps_active as f64);
    assert_positive("revenue per rep, year 8 over year 1", &each(&r, |x| per_rep(x, 415) - per_rep(x, 51)));
    let follow = mean(&each(&r, |x| x.summary.follow_share_when_poached));
    let churn = mean(&each(&r, |x| x.summary.annual_customer_churn));
    assert!(
        follow >= 2.0 * churn,
        "share of a poached rep's customers who follow {follow:.3} vs annual churn {churn:.3}"
    );
}

#[test]
fn runaway_pay_cannot_be_cut_after_entry_without_more_reps_jumping_ship_and_taking_customers() {
    // Seed 000: "lower commissions would prompt more to jump ship and take customers with them".
    // With market pay set by the whole industry, a cut leaves the reps below it: more quit for a
    // rival or take a competitor's offer, and their customers follow.
    let s = bundled("medical_device_runaway_pay");
    let mut cut = s.clone();
    at(&mut cut, 430, Event::Set { path: "pay.commission_rate".into(), value: "0.025".into() });
    let (kept, cut) = (story_runs(&s), story_runs(&cut));
    let left = |x: &Run| x.sum(430..520, |r| (r.reps_quit + r.reps_poached) as f64);
    assert_positive("reps who quit or were poached after a commission cut", &diffs(&kept, &cut, left));
    let followed = |x: &Run| x.sum(430..520, |r| r.customers_followed_rep as f64);
    assert_positive("customers who followed their reps after the cut", &diffs(&kept, &cut, followed));
}

#[test]
fn broadening_leaves_complex_needs_unserved_under_exclusive_ownership_and_multiplexing_recovers() {
    let (story, remedy) = (story_runs(&bundled("tech_broadening")), story_runs(&bundled("remedy_multiplexing")));
    let served = |x: &Run, w: std::ops::Range<u32>| x.mean(w, |r| r.complex_needs_served_share);
    assert_positive("served share lost after broadening", &each(&story, |x| served(x, 100..156) - served(x, 200..520)));
    assert_positive(
        "complex churn after broadening",
        &each(&story, |x| complex_churn_rate(x, 200..520) - complex_churn_rate(x, 0..156)),
    );
    let recovered = mean(&each(&remedy, |x| served(x, 200..520)));
    assert!(recovered > 0.8, "served share under multiplexing {recovered:.3}");
    assert_positive(
        "complex churn avoided by multiplexing",
        &diffs(&remedy, &story, |x| complex_churn_rate(x, 200..520)),
    );
}

#[test]
fn multiplexing_and_crm_lower_the_follow_share_and_the_customers_lost_per_departure() {
    for (story_name, remedy_name) in
        [("tech_broadening", "remedy_multiplexing"), ("medical_device_runaway_pay", "remedy_crm")]
    {
        let (a, b) = (story_runs(&bundled(story_name)), story_runs(&bundled(remedy_name)));
        assert_positive(
            &format!("{remedy_name}: follow share"),
            &diffs(&b, &a, |x| x.summary.follow_share_on_departure),
        );
        assert_positive(
            &format!("{remedy_name}: lost per departure"),
            &diffs(&b, &a, |x| x.summary.lost_share_on_departure),
        );
    }
}

#[test]
fn team_pay_lowers_pay_dispersion_and_tenured_reps_hunt_more() {
    let (a, b) = (story_runs(&bundled("insurance_complacency")), story_runs(&bundled("remedy_team_pay")));
    assert_positive("pay dispersion", &diffs(&b, &a, |x| pay_dispersion(x, 5..10)));
    assert_positive("hunting by tenured reps", &diffs(&a, &b, |x| hunting_of(x, 5..10, 156.0..1e9)));
}

#[test]
fn in_the_start_up_a_retention_bonus_lowers_churn_and_trades_hunting_for_farming() {
    // Seed 003's plan: a flat commission plus a quarterly retention bonus from week 104. Its
    // effect on revenue is reported in docs/VALIDATION.md (F14) beside the seed's +17%.
    let (a, b) = (story_runs(&bundled("startup_growth")), story_runs(&bundled("remedy_startup_retention_bonus")));
    assert_positive(
        "customers churned in the final two years",
        &diffs(&b, &a, |x| x.sum(208..312, |r| r.customers_churned as f64)),
    );
    assert_positive(
        "hunting share of hours after the switch",
        &diffs(&b, &a, |x| x.mean(130..312, |r| r.hunting_hours_share)),
    );
}

#[test]
fn quarterly_quotas_keep_reps_who_fall_behind_from_giving_up() {
    let (a, b) = (story_runs(&bundled("insurance_complacency")), story_runs(&bundled("remedy_quarterly_quota")));
    assert_positive("rep-weeks given up", &diffs(&b, &a, |x| x.sum(156..520, |r| r.reps_gave_up as f64)));
}

#[test]
fn a_rep_who_leaves_is_not_counted_as_covering_accounts() {
    // Sanity for the stories' coverage measures: departed reps own nothing.
    let mut s = bundled("insurance_complacency");
    s.weeks = 104;
    s.timeline.clear();
    run_with(&s, |sim| {
        let w = sim.world_mut();
        let departed: BTreeSet<u32> = w
            .query::<&Rep>()
            .iter(w)
            .filter(|r| matches!(r.status, RepStatus::Departed { .. }))
            .map(|r| r.id)
            .collect();
        assert!(w.query::<&Account>().iter(w).all(|a| a.owner.is_none_or(|o| !departed.contains(&o))));
    });
}

#[test]
fn every_remedy_is_its_storys_world_with_only_the_remedys_events_added() {
    // A remedy is the same firm's policies against the same rivals on the same seeds: its file is
    // the story's (market, sales force, plan, firms) with events added to the timeline.
    let pairs = [
        ("insurance_complacency", "remedy_team_pay"),
        ("insurance_complacency", "remedy_quarterly_quota"),
        ("insurance_complacency", "remedy_qualitative_bonus"),
        ("medical_device_runaway_pay", "remedy_crm"),
        ("tech_broadening", "remedy_multiplexing"),
        ("startup_growth", "remedy_startup_retention_bonus"),
    ];
    for (story, remedy) in pairs {
        let (s, r) = (bundled(story), bundled(remedy));
        assert!(s.timeline.iter().all(|e| r.timeline.contains(e)), "{remedy} keeps {story}'s events");
        assert!(r.timeline.len() > s.timeline.len(), "{remedy} adds its own events");
        let same = Scenario { name: s.name.clone(), timeline: s.timeline.clone(), narration: s.narration.clone(), ..r };
        assert_eq!(same, s, "{remedy} differs from {story} beyond its events");
    }
}
