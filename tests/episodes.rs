//! Episode detection: poaching waves, loyalty collapses, turnover cascades and runaway pay are
//! recorded where the model produces them, at the documented thresholds, once per episode, and
//! without changing the run.

mod common;
use common::*;
use salesim::Scenario;
use salesim::scenario::{Event, load::load_file, validate};
use salesim::sim::observe::events::Cause;
use salesim::sim::observe::events::EventKind;
use salesim::sim::observe::events::EventRecord;
use salesim::sim::observe::metrics::TimeseriesRow;
use std::path::Path;

fn story(name: &str) -> Scenario {
    load_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios").join(format!("{name}.ron"))).expect("valid")
}

fn episodes<'a>(r: &'a Run, cause: Cause) -> Vec<&'a EventRecord> {
    r.events.iter().filter(|e| e.kind == EventKind::Episode && e.cause == cause).collect()
}

fn weeks(r: &Run, cause: Cause) -> Vec<u32> {
    episodes(r, cause).iter().map(|e| e.week).collect()
}

/// Every threshold at the top of its valid range: no episode can be recorded.
fn impossible(s: &mut Scenario) {
    for (path, value) in [
        ("episodes.min_reps", "20000"),
        ("episodes.poaching_wave_share", "1.0"),
        ("episodes.turnover_cascade_share", "1.0"),
        ("episodes.loyalty_collapse_drop", "1.0"),
        ("episodes.runaway_pay_growth", "10.0"),
        ("episodes.runaway_pay_market_multiple", "100.0"),
    ] {
        set(s, path, value);
    }
}

/// Weeks a turnover cascade starts, recomputed from `timeseries.csv` columns by the equation in
/// MODEL.md: departures over the window ≥ max(min_reps, share × mean headcount), recorded when
/// the condition did not hold in the window's weeks before.
fn cascade_starts(rows: &[TimeseriesRow], s: &Scenario) -> Vec<u32> {
    cascade_weeks(rows, s).1
}

/// Weeks the turnover-cascade condition holds, and the weeks a cascade starts.
fn cascade_weeks(rows: &[TimeseriesRow], s: &Scenario) -> (Vec<u32>, Vec<u32>) {
    let e = &s.episodes;
    let w = e.turnover_cascade_weeks as usize;
    let judged: Vec<&TimeseriesRow> = rows.iter().filter(|r| r.week >= e.warmup_weeks).collect();
    let (mut held, mut starts, mut last_held) = (vec![], vec![], None::<u32>);
    for i in w.saturating_sub(1)..judged.len() {
        let window = &judged[i + 1 - w..=i];
        let left: u32 = window.iter().map(|r| r.reps_quit + r.reps_poached + r.reps_managed_out).sum();
        let heads = window.iter().map(|r| r.reps_active as f64).sum::<f64>() / w as f64;
        let week = judged[i].week;
        if left as f64 >= (e.turnover_cascade_share * heads).max(e.min_reps as f64) {
            if last_held.is_none_or(|h| week - h > w as u32) {
                starts.push(week);
            }
            last_held = Some(week);
            held.push(week);
        }
    }
    (held, starts)
}

/// From its week on, reps quit at `rate` a year (before the usual multipliers).
fn quits_at(rate: f64) -> Event {
    Event::Set { path: "careers.quit_rate_annual".into(), value: format!("{rate}") }
}

#[test]
fn the_runaway_pay_story_records_a_poaching_wave_after_its_competitor_enters_and_none_before() {
    let s = story("medical_device_runaway_pay");
    let entry = s.timeline.iter().find(|e| matches!(e.event, Event::CompetitorEntry(_))).expect("an entry").week;
    let r = run(&s);
    let waves = episodes(&r, Cause::PoachingWave);
    assert!(!waves.is_empty(), "no poaching wave recorded");
    for wave in &waves {
        assert!(wave.week >= entry, "a poaching wave in week {} before the entry in week {entry}", wave.week);
        assert_eq!(wave.competitor.as_deref(), Some("MedRival"));
        assert!(wave.detail.contains("reps poached by competitors in 13 weeks"), "{}", wave.detail);
    }
    let poached_by_then: u32 = r.rows.iter().filter(|w| w.week <= waves[0].week).map(|w| w.reps_poached).sum();
    assert!(poached_by_then >= 3, "the wave came after {poached_by_then} reps were poached");
    for seed in 1..=10 {
        let mut s = s.clone();
        s.seed = seed;
        let early: Vec<u32> = weeks(&run(&s), Cause::PoachingWave).into_iter().filter(|w| *w < entry).collect();
        assert!(early.is_empty(), "seed {seed}: poaching waves before the competitor entered: {early:?}");
    }
}

#[test]
fn the_runaway_pay_story_records_runaway_pay_while_books_grow_before_any_competitor() {
    let s = story("medical_device_runaway_pay");
    let r = run(&s);
    let runaway = episodes(&r, Cause::RunawayPay);
    assert!(!runaway.is_empty(), "no runaway pay recorded");
    let first = runaway[0];
    assert!(first.week < 420, "runaway pay first recorded in week {}", first.week);
    let pay = r.rows[first.week as usize].avg_rep_pay_annualized;
    assert!(pay >= 1.5 * s.careers.market_pay, "pay {pay:.0} when runaway pay was recorded");
    assert!(first.detail.contains("market pay"), "{}", first.detail);
}

#[test]
fn the_quiet_baseline_records_no_poaching_wave_before_its_competitor_enters() {
    let mut s = baseline();
    let entry = s.timeline.iter().find(|e| matches!(e.event, Event::CompetitorEntry(_))).expect("an entry").week;
    s.weeks = entry;
    s.timeline.retain(|e| e.week < entry);
    set(&mut s, "episodes.min_reps", "1");
    set(&mut s, "episodes.poaching_wave_share", "0.0");
    set(&mut s, "episodes.turnover_cascade_share", "0.0");
    let r = run(&s);
    assert!(weeks(&r, Cause::PoachingWave).is_empty(), "{:?}", episodes(&r, Cause::PoachingWave));
    assert!(!weeks(&r, Cause::TurnoverCascade).is_empty(), "the same loose threshold does see quits");
}

#[test]
fn the_calm_baseline_records_no_episode_of_any_kind_over_ten_years() {
    let r = run(&baseline());
    let all: Vec<&EventRecord> = r.events.iter().filter(|e| e.kind == EventKind::Episode).collect();
    assert!(all.is_empty(), "{all:?}");
}

#[test]
fn impossible_thresholds_record_nothing_and_leave_the_run_unchanged() {
    let s = story("medical_device_runaway_pay");
    let mut off = s.clone();
    impossible(&mut off);
    let (on, off) = (run(&s), run(&off));
    assert!(on.count_events(EventKind::Episode) >= 2, "the story records episodes at the defaults");
    assert_eq!(off.count_events(EventKind::Episode), 0);
    assert_eq!(on.rows, off.rows, "the timeseries does not depend on episode detection");
    let model_events = |r: &Run| r.events.iter().filter(|e| e.kind != EventKind::Episode).cloned().collect::<Vec<_>>();
    assert_eq!(model_events(&on), model_events(&off));
    assert_eq!(on.reps, off.reps);
}

#[test]
fn a_wave_of_quits_records_a_turnover_cascade_and_a_collapse_of_loyalty_to_reps_that_a_calm_run_does_not() {
    let calm = small(200);
    let mut shocked = calm.clone();
    at(&mut shocked, 120, quits_at(0.9));
    let (calm, shocked) = (run(&calm), run(&shocked));
    let after = |r: &Run, cause: Cause| weeks(r, cause).into_iter().filter(|w| *w >= 120).collect::<Vec<_>>();
    let before =
        |r: &Run| r.events.iter().filter(|e| e.kind == EventKind::Episode && e.week < 120).cloned().collect::<Vec<_>>();
    assert_eq!(before(&calm), before(&shocked), "the same episodes before the shock");
    assert!(after(&calm, Cause::TurnoverCascade).is_empty(), "{:?}", after(&calm, Cause::TurnoverCascade));
    assert!(
        after(&shocked, Cause::TurnoverCascade).iter().any(|w| *w < 150),
        "{:?}",
        after(&shocked, Cause::TurnoverCascade)
    );
    let to_rep = |r: &Run| {
        episodes(r, Cause::LoyaltyCollapse)
            .into_iter()
            .filter(|e| e.week >= 120 && e.detail.contains("to their rep"))
            .count()
    };
    assert_eq!(to_rep(&calm), 0);
    assert!(to_rep(&shocked) >= 1, "{:?}", episodes(&shocked, Cause::LoyaltyCollapse));
}

#[test]
fn recorded_turnover_cascades_are_the_starts_the_documented_equation_gives() {
    let s = story("insurance_complacency");
    let mut recorded = 0;
    for seed in 1..=5 {
        let s = Scenario { seed, ..s.clone() };
        let r = run(&s);
        recorded += weeks(&r, Cause::TurnoverCascade).len();
        assert_eq!(weeks(&r, Cause::TurnoverCascade), cascade_starts(&r.rows, &s), "seed {seed}");
    }
    assert!(recorded > 0, "the insurance story has turnover cascades");
    let mut loose = baseline();
    set(&mut loose, "episodes.turnover_cascade_share", "0.15");
    let r = run(&loose);
    let expected = cascade_starts(&r.rows, &loose);
    assert!(expected.len() >= 2, "expected several cascades, got {expected:?}");
    assert_eq!(weeks(&r, Cause::TurnoverCascade), expected);
}

#[test]
fn a_long_episode_is_one_record_not_one_a_week() {
    let mut s = baseline();
    s.weeks = 260;
    s.timeline.clear();
    at(&mut s, 100, quits_at(0.9));
    let r = run(&s);
    let (held, starts) = cascade_weeks(&r.rows, &s);
    assert!(held.len() >= 100, "the cascade condition held in {} weeks", held.len());
    assert_eq!(starts.len(), 1, "one continuous cascade, started in weeks {starts:?}");
    assert_eq!(weeks(&r, Cause::TurnoverCascade), starts);
}

#[test]
fn no_episode_is_recorded_in_the_warm_up_or_before_a_window_after_it_is_filled() {
    let mut s = small(156);
    at(&mut s, 10, quits_at(0.9));
    set(&mut s, "episodes.warmup_weeks", "60");
    set(&mut s, "episodes.turnover_cascade_share", "0.0");
    set(&mut s, "episodes.min_reps", "1");
    let r = run(&s);
    assert_eq!(weeks(&r, Cause::TurnoverCascade).first(), Some(&72), "first judged in week 60 + 13 − 1");
    set(&mut s, "episodes.warmup_weeks", "156");
    assert_eq!(run(&s).count_events(EventKind::Episode), 0, "a warm-up as long as the run turns detection off");
}

#[test]
fn out_of_range_thresholds_are_refused_with_their_field_named() {
    let mut s = baseline();
    set(&mut s, "episodes.loyalty_collapse_drop", "1.5");
    set(&mut s, "episodes.runaway_pay_weeks", "0");
    let problems = validate::problems(&s);
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["episodes.loyalty_collapse_drop", "episodes.runaway_pay_weeks"], "{problems:?}");
    assert!(salesim::scenario::params::get(&baseline(), "episodes.turnover_cascade_share").is_some());
}
