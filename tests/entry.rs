//! A firm that enters the market later (a `CompetitorEntry` naming a firm,
//! `scenario::firms::entry_week`): until it enters, it and the firms in the market are not each
//! other's rivals and it keeps its own prospects; from then on they contest customers, reps and
//! one pool of prospects. The medical-device story's MedRival is such a firm.

mod common;

use common::industry::{FirmRun, run_industry, two_firms};
use common::{at, bundled, story_seeds};
use salesim::Scenario;
use salesim::scenario::Event;
use salesim::sim::observe::events::{EventKind, EventRecord};
use salesim::sim::observe::metrics::TimeseriesRow;

/// Two firms of the baseline's size over three years, Borealis entering in week 52 and asking
/// its reps for `hunting` of their time on new customers.
fn borealis_enters_in_year_two(seed: u64, hunting: &str) -> Scenario {
    let mut s = two_firms(seed, &[("effort.directed_hunting_share", hunting)]);
    s.weeks = 156;
    at(&mut s, 52, Event::CompetitorEntry("Borealis".into()));
    s
}

/// What moved between the firms in `weeks`, summed over both.
fn moved(runs: &[FirmRun], weeks: std::ops::Range<u32>) -> u32 {
    let per_row = |r: &TimeseriesRow| r.customers_from_rivals + r.reps_joined_from_rivals + r.prospects_won_by_rivals;
    runs.iter().flat_map(|f| f.rows.iter().filter(|r| weeks.contains(&r.week)).map(per_row)).sum()
}

#[test]
fn a_firm_that_enters_in_year_two_is_nobodys_rival_until_it_enters() {
    for seed in 1..=3 {
        let runs = run_industry(&borealis_enters_in_year_two(seed, "0.55"), 2, |_| {});
        assert_eq!(moved(&runs, 0..52), 0, "seed {seed}: nothing moves between the firms before the entry");
        assert!(moved(&runs, 52..156) > 0, "seed {seed}: reps and customers move once both are in the market");
        for (f, other) in runs.iter().zip(["Borealis", "Apex"]) {
            let contested_early = f.deals.iter().filter(|d| d.closed_week < 52 && !d.contested_by.is_empty()).count();
            assert_eq!(contested_early, 0, "seed {seed}: no deal is contested before the entry");
            let entries =
                |e: &&EventRecord| e.kind == EventKind::CompetitorEntry && e.competitor.as_deref() == Some(other);
            let weeks: Vec<u32> = f.events.iter().filter(entries).map(|e| e.week).collect();
            assert_eq!(weeks, [52], "seed {seed}: each firm sees the other enter once, in week 52");
        }
    }
}

#[test]
fn a_firm_keeps_its_own_prospects_until_it_enters_and_then_shares_one_pool() {
    // Borealis hunts far harder than Apex: alone, its pool falls faster than Apex's; once it is in
    // the market, the prospects no firm holds are shared out again every week in proportion to the
    // firms' week-0 pools (equal here), so the two pools stay within one of each other.
    let s = borealis_enters_in_year_two(1, "0.85");
    let mut industry = salesim::industry::Industry::new(&s).expect("builds");
    let mut gap_before_entry = 0;
    while industry.step() {
        let (apex, borealis) = (industry.firms()[0].sim.prospects().0, industry.firms()[1].sim.prospects().0);
        let gap = apex.abs_diff(borealis);
        // The pools are shared after the week's step, from the week the firm is in the market.
        if industry.week() < 52 {
            gap_before_entry = gap_before_entry.max(gap);
        } else {
            assert!(gap <= 1, "week {}: pools of {apex} and {borealis} after sharing", industry.week());
        }
        industry.drain();
    }
    assert!(gap_before_entry > 20, "a firm alone keeps its own pool: the pools grew {gap_before_entry} apart");
}

#[test]
fn in_the_medical_story_medrival_hires_the_start_ups_reps_and_their_customers_are_found_there() {
    let n = story_seeds().min(10);
    let (mut came_over, mut joined) = (0, 0);
    for seed in 1..=n {
        let s = Scenario { seed, ..bundled("medical_device_runaway_pay") };
        let runs = run_industry(&s, 2, |_| {});
        let medrival = &runs[1];
        let before: u32 = medrival.rows.iter().filter(|r| r.week < 420).map(|r| r.customers_from_rivals).sum();
        assert_eq!(before, 0, "seed {seed}: MedRival takes nobody before it enters in year 9");
        came_over += medrival.rows.iter().map(|r| r.customers_from_rivals).sum::<u32>();
        joined += medrival.rows.iter().map(|r| r.reps_joined_from_rivals).sum::<u32>();
    }
    assert!(joined >= n as u32, "MedRival hires the start-up's reps after its entry: {joined} in {n} runs");
    assert!(came_over >= 10 * joined, "their customers follow them to MedRival: {came_over} for {joined} reps");
}

#[test]
fn a_live_action_cannot_make_a_firm_enter() {
    // A firm's entry is the scenario's: the industry refuses it as a live action, naming why, and
    // changes nothing.
    let mut industry = salesim::industry::Industry::new(&borealis_enters_in_year_two(1, "0.55")).expect("builds");
    let refused = industry.send(Event::CompetitorEntry("Borealis".into())).expect_err("refused");
    assert_eq!(refused.path, "event");
    assert!(refused.message.contains("Borealis") && refused.message.contains("timeline"), "{}", refused.message);
    assert!(industry.send(Event::CompetitorEntry("Discounter".into())).is_ok(), "an outside competitor may enter");
}
