//! Push-back as a mechanism (docs/MODEL.md "Push-back, leadership and catalysts"): reps who own
//! their accounts weigh what a planned change takes from them against their outside options and
//! may threaten to leave; leadership weighs the change against the threats and proceeds, buys
//! them off or abandons it; a catalyst makes reps expect change and leadership look further
//! ahead. Over 30 paired seeds.

mod common;
use common::*;
use salesim::Scenario;
use salesim::scenario::{Event, Pushback};
use salesim::sim::observe::events::{Cause, EventKind};
use std::collections::BTreeSet;

fn count(runs: &[Run], kind: EventKind) -> usize {
    runs.iter().filter(|r| r.count_events(kind) > 0).count()
}

/// The insurance story without any modelled competitor or rival firm interested in reps' books:
/// the insurer alone, its rival carrier gone.
fn no_outside_interest(mut s: Scenario) -> Scenario {
    s.careers.rival_book_rate = 0.0;
    s.competitors.clear();
    s.firms.clear();
    s.timeline.retain(|e| !matches!(e.event, Event::CompetitorEntry(_)));
    s
}

#[test]
fn the_insurance_realignment_is_abandoned_in_most_seeds_because_of_the_threats_of_reps_with_somewhere_to_go() {
    let s = Scenario { weeks: 262, ..bundled("insurance_complacency") };
    let rs = story_runs(&s);
    let abandoned = count(&rs, EventKind::RealignmentBlocked);
    assert!(abandoned * 2 > rs.len(), "abandoned in {abandoned} of {} seeds", rs.len());
    for r in rs.iter().filter(|r| r.count_events(EventKind::RealignmentBlocked) > 0) {
        let threats: Vec<_> = r.events.iter().filter(|e| e.kind == EventKind::Threat && e.week == 260).collect();
        assert!(!threats.is_empty(), "an abandoned realignment names the reps who threatened");
        let blocked = r.events.iter().find(|e| e.kind == EventKind::RealignmentBlocked).unwrap();
        assert!(blocked.detail.starts_with(&format!("{} reps threatened", threats.len())), "{}", blocked.detail);
    }
    let calm = story_runs(&no_outside_interest(s));
    let abandoned_calm = count(&calm, EventKind::RealignmentBlocked);
    assert!(
        abandoned_calm + 5 <= abandoned,
        "without outside interest it is abandoned markedly less often: in {abandoned_calm} seeds, against {abandoned} with it"
    );
}

/// The insurance story up to just after its realignment (week 260), with `change` made.
fn insurance_until_the_realignment(change: impl Fn(&mut Scenario)) -> usize {
    let mut s = Scenario { weeks: 262, ..bundled("insurance_complacency") };
    change(&mut s);
    count(&story_runs(&s), EventKind::RealignmentBlocked)
}

#[test]
fn the_realignment_is_abandoned_more_often_when_the_threatening_reps_would_take_more_revenue_with_them() {
    let loyal_to_the_company = insurance_until_the_realignment(|s| s.customers.follow_base = 0.1);
    let loyal_to_the_reps = insurance_until_the_realignment(|s| s.customers.follow_base = 0.4);
    assert!(
        loyal_to_the_reps >= loyal_to_the_company + 5,
        "abandoned in {loyal_to_the_company} seeds when few customers would follow, {loyal_to_the_reps} when many would"
    );
}

#[test]
fn a_leadership_that_looks_further_ahead_abandons_the_realignment_less_often() {
    let short = insurance_until_the_realignment(|s| s.leadership.horizon_years = 0.5);
    let long = insurance_until_the_realignment(|s| s.leadership.horizon_years = 8.0);
    assert!(
        long + 5 <= short,
        "abandoned in {short} seeds looking half a year ahead, {long} looking eight years ahead"
    );
}

#[test]
fn every_threat_is_weighed_and_the_decision_names_the_gain_and_the_expected_loss() {
    for r in story_runs(&Scenario { weeks: 262, ..bundled("insurance_complacency") }).iter().take(10) {
        let decisions: Vec<_> = r.events.iter().filter(|e| e.kind == EventKind::Decision).collect();
        let threatened = r.events.iter().any(|e| e.kind == EventKind::Threat && e.cause == Cause::Realignment);
        assert_eq!(decisions.len(), threatened as usize, "one decision for the realignment when reps threaten");
        if let Some(d) = decisions.first() {
            let abandoned = r.count_events(EventKind::RealignmentBlocked) > 0;
            assert_eq!(d.detail.starts_with("abandon"), abandoned, "{}", d.detail);
            assert!(d.detail.contains("worth") && d.detail.contains("expected to cost"), "{}", d.detail);
        }
    }
}

#[test]
fn a_leadership_that_offers_transition_pay_buys_the_threats_off_instead_of_abandoning() {
    let abandoning = insurance_until_the_realignment(|_| {});
    let mut paying = Scenario { weeks: 262, ..bundled("insurance_complacency") };
    paying.leadership.buyoff_weeks = 26.0;
    let runs = story_runs(&paying);
    let bought_off = runs.iter().filter(|r| r.events.iter().any(|e| e.cause == Cause::BoughtOff)).count();
    assert!(
        count(&runs, EventKind::RealignmentBlocked) + 10 <= abandoning,
        "transition pay is cheaper than abandoning"
    );
    assert!(bought_off * 2 > runs.len(), "threats bought off in {bought_off} seeds");
}

#[test]
fn a_catalyst_shortly_before_the_attempt_lets_the_realignment_proceed_more_often() {
    let s = Scenario { weeks: 262, ..bundled("insurance_complacency") };
    let mut merger = s.clone();
    at(&mut merger, 250, Event::Catalyst("merger".into()));
    let (before, after) = (
        count(&story_runs(&s), EventKind::RealignmentBlocked),
        count(&story_runs(&merger), EventKind::RealignmentBlocked),
    );
    assert!(after + 5 <= before, "abandoned in {before} seeds without the catalyst and {after} with it");
}

#[test]
fn an_abandoned_realignment_leaves_everything_where_it_was() {
    let s = bundled("insurance_complacency");
    let mut never_tried = s.clone();
    never_tried.timeline.retain(|e| e.event != Event::Realignment);
    for seed in 1..=10 {
        let (r, n) = (run(&Scenario { seed, ..s.clone() }), run(&Scenario { seed, ..never_tried.clone() }));
        if r.count_events(EventKind::RealignmentBlocked) > 0 {
            assert_eq!(r.rows, n.rows, "seed {seed}");
        }
    }
}

/// Reps who lost accounts in the week-260 realignment.
fn donors(r: &Run) -> BTreeSet<u32> {
    r.events
        .iter()
        .filter(|x| x.kind == EventKind::Reassign && x.week == 260 && x.detail.starts_with("from rep"))
        .filter_map(|x| x.detail.trim_start_matches("from rep ").parse().ok())
        .collect()
}

#[test]
fn a_realignment_pushed_through_raises_coverage_and_the_top_earners_quits() {
    // Two years past the realignment of week 260.
    let abandoning = Scenario { weeks: 364, ..bundled("insurance_complacency") };
    let mut pushing = abandoning.clone();
    pushing.ownership.pushback = Pushback::Proceed;
    let (ra, rp) = (story_runs(&abandoning), story_runs(&pushing));
    assert_eq!(count(&rp, EventKind::RealignmentBlocked), 0);
    let coverage = |x: &Run| x.mean(280..364, |r| r.coverage_mean);
    assert_positive(
        "coverage after the realignment",
        &ra.iter().zip(&rp).map(|(a, p)| coverage(p) - coverage(a)).collect::<Vec<_>>(),
    );
    let quits = rp
        .iter()
        .zip(&ra)
        .map(|(p, a)| {
            let top = donors(p);
            let left = |r: &Run| {
                r.events
                    .iter()
                    .filter(|x| {
                        x.kind == EventKind::Notice
                            && (260..364).contains(&x.week)
                            && top.contains(&x.rep.unwrap_or(u32::MAX))
                    })
                    .count() as f64
            };
            left(p) - left(a)
        })
        .collect::<Vec<_>>();
    assert_positive("quits of the reps who lost accounts, within two years", &quits);
    let carried_out =
        rp.iter().map(|r| r.events.iter().filter(|e| e.cause == Cause::ThreatCarriedOut).count()).sum::<usize>();
    assert!(carried_out > 0, "some threats are carried out");
}

#[test]
fn buying_off_the_threats_keeps_the_reps_and_costs_money() {
    let pushing = Scenario {
        ownership: salesim::scenario::Ownership {
            pushback: Pushback::Proceed,
            ..bundled("insurance_complacency").ownership
        },
        weeks: 262,
        ..bundled("insurance_complacency")
    };
    let mut paying = pushing.clone();
    paying.ownership.pushback = Pushback::Compensate { weeks: 52.0 };
    for seed in 1..=5 {
        let (p, c) = (run(&Scenario { seed, ..pushing.clone() }), run(&Scenario { seed, ..paying.clone() }));
        assert!(c.events.iter().all(|e| e.cause != Cause::ThreatCarriedOut), "bought-off reps stay");
        let threats = c.events.iter().filter(|e| e.kind == EventKind::Threat && e.cause == Cause::Realignment).count();
        let bought = c.events.iter().filter(|e| e.kind == EventKind::Threat && e.cause == Cause::BoughtOff).count();
        assert_eq!(threats, bought, "every threat is bought off");
        if bought > 0 {
            assert!(c.sum(260..262, |w| w.avg_rep_pay_annualized) > p.sum(260..262, |w| w.avg_rep_pay_annualized));
        }
    }
}

#[test]
fn specialists_are_refused_while_reps_can_threaten_and_a_launch_catalyst_lets_them_in_more_often() {
    // Five years: past the specialists planned in week 170 and SolutionsCo's entry in week 208.
    let s = Scenario { weeks: 260, ..bundled("tech_broadening") };
    let refused = count(&story_runs(&s), EventKind::SpecialistsBlocked);
    assert!(refused * 2 > story_seeds() as usize, "refused in {refused} seeds");
    let mut launch = s.clone();
    at(&mut launch, 168, Event::Catalyst("product launch".into()));
    let refused_after_launch = count(&story_runs(&launch), EventKind::SpecialistsBlocked);
    assert!(refused_after_launch + 5 <= refused, "refused in {refused} seeds, {refused_after_launch} after a launch");
    let threats = |runs: &[Run]| {
        runs.iter().map(|r| r.events.iter().filter(|e| e.kind == EventKind::Threat).count()).sum::<usize>()
    };
    let (calm, stirred) = (threats(&story_runs(&no_outside_interest(s.clone()))), threats(&story_runs(&s)));
    assert!(calm < stirred, "fewer threats without outside interest: {calm} against {stirred}");
}

#[test]
fn removing_the_catalyst_from_a_remedy_scenario_changes_the_run() {
    let s = Scenario { weeks: 260, ..bundled("remedy_multiplexing") };
    let mut without = s.clone();
    without.timeline.retain(|e| !matches!(e.event, Event::Catalyst(_)));
    let (with_catalyst, without_catalyst) = (story_runs(&s), story_runs(&without));
    let threats = |r: &Run| r.events.iter().filter(|e| e.kind == EventKind::Threat).count() as f64;
    let diffs: Vec<f64> = with_catalyst.iter().zip(&without_catalyst).map(|(a, b)| threats(b) - threats(a)).collect();
    assert_positive("threats without the catalyst", &diffs);
    assert!(with_catalyst.iter().zip(&without_catalyst).any(|(a, b)| a.rows != b.rows), "the weekly series differ");
}
