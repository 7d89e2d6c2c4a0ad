//! Contested prospects in an industry (`src/sim/deals/contest.rs`): when a firm's deal on a
//! prospect closes, the rival firms pitching it compete in a multinomial logit with a
//! no-purchase option, and a prospect a rival wins becomes its customer.

mod common;

use common::industry::{FirmRun, run_industry, two_firms};
use common::{assert_positive, bundled, mean, run, story_seeds};
use salesim::sim::deals::{DealKind, DealOutcome};
use salesim::sim::observe::events::{Cause, EventKind};
use std::collections::HashSet;

/// The share of the contested deals of `runs[firm]` that the other firm (`rival`) won.
fn taken_by(runs: &[FirmRun], firm: usize, rival: &str) -> f64 {
    let contested: Vec<_> = runs[firm].deals.iter().filter(|d| d.contested_by == rival).collect();
    contested.iter().filter(|d| d.won_by == rival).count() as f64 / contested.len().max(1) as f64
}

#[test]
fn every_prospect_a_rival_firm_wins_in_a_contest_arrives_there_as_its_customer() {
    let s = two_firms(3, &[]);
    let runs = run_industry(&s, 2, |_| {});
    let names = ["Apex", "Borealis"];
    let (mut contested, mut taken) = (0, 0);
    for (i, r) in runs.iter().enumerate() {
        let rival = names[1 - i];
        let lost: HashSet<(u32, u32)> =
            r.deals.iter().filter(|d| d.won_by == rival).map(|d| (d.account_id, d.closed_week + 1)).collect();
        contested += r.deals.iter().filter(|d| !d.contested_by.is_empty()).count();
        for d in r.deals.iter().filter(|d| d.won_by == rival) {
            assert_eq!(d.outcome, DealOutcome::Lost, "a deal a rival won is lost here");
            assert_eq!(d.contested_by, rival, "only a rival that pitched can win");
        }
        let arrived: HashSet<(u32, u32)> = runs[1 - i]
            .events
            .iter()
            .filter(|e| e.kind == EventKind::CameOver && e.cause == Cause::WonInContest)
            .map(|e| (e.customer.unwrap(), e.week))
            .collect();
        let only_lost: Vec<_> = lost.difference(&arrived).collect();
        let only_arrived: Vec<_> = arrived.difference(&lost).collect();
        assert!(
            only_lost.iter().all(|(_, week)| *week == s.weeks) && only_arrived.is_empty(),
            "{}'s prospects won by {rival} arrive there the week after (the last week's after the run): {} of {} not, {} of {} from nowhere: {:?} {:?}",
            names[i],
            only_lost.len(),
            lost.len(),
            only_arrived.len(),
            arrived.len(),
            &only_lost[..only_lost.len().min(5)],
            &only_arrived[..only_arrived.len().min(5)]
        );
        taken += lost.len();
    }
    assert!(contested > 500 && taken > 50, "prospects are contested ({contested}) and some are taken ({taken})");
}

#[test]
fn a_firm_with_specialists_for_complex_needs_wins_more_of_the_contests_for_its_rivals_prospects() {
    // Half the prospects have complex needs; Borealis brings technical specialists to its deals,
    // so the offer Apex's prospects see from it is stronger, and it wins more of the contests
    // for them.
    let complex = |mut s: salesim::Scenario| {
        s.market.complex_share = 0.5;
        s.weeks = 208;
        s
    };
    let mut taken_from_apex = Vec::new();
    for seed in 1..=story_seeds() {
        let plain = run_industry(&complex(two_firms(seed, &[])), 2, |_| {});
        let experts = run_industry(&complex(two_firms(seed, &[("specialists.technical", "6")])), 2, |_| {});
        taken_from_apex.push(taken_by(&experts, 0, "Borealis") - taken_by(&plain, 0, "Borealis"));
    }
    assert_positive("share of Apex's contests won by Borealis, with its specialists minus without", &taken_from_apex);
}

#[test]
fn a_company_alone_has_no_contests_and_wins_its_deals_itself() {
    let mut s = bundled("baseline");
    s.weeks = 104;
    let r = run(&s);
    assert!(r.deals.iter().all(|d| d.contested_by.is_empty()), "no rival firm pitches");
    let new_won = r.deals.iter().filter(|d| d.kind == DealKind::NewCustomer && d.outcome == DealOutcome::Won);
    assert!(new_won.clone().count() > 100 && new_won.clone().all(|d| d.won_by == "baseline"));
    assert!(r.rows.iter().all(|w| w.prospects_won_by_rivals == 0));
}

#[test]
fn a_firm_that_sells_below_list_offers_every_deal_at_its_cut_and_wins_more_of_them() {
    // Borealis sells 10% below the industry's list: every deal it offers carries that cut on top
    // of its rep's discount, so more of its new-customer deals are won, each for less.
    let market = |seed: u64, cut: f64| {
        let mut s = two_firms(seed, &[]);
        s.weeks = 104;
        s.firms[1].price_cut = cut;
        s
    };
    fn new_deals(r: &FirmRun) -> Vec<&salesim::sim::deals::DealRow> {
        r.deals.iter().filter(|d| d.kind == DealKind::NewCustomer && d.outcome != DealOutcome::Cancelled).collect()
    }
    let win_rate = |r: &FirmRun| {
        let d = new_deals(r);
        d.iter().filter(|d| d.outcome == DealOutcome::Won).count() as f64 / d.len().max(1) as f64
    };
    let mut wins = Vec::new();
    for seed in 1..=story_seeds().min(10) {
        let (list, below) = (run_industry(&market(seed, 0.0), 2, |_| {}), run_industry(&market(seed, 0.1), 2, |_| {}));
        wins.push(win_rate(&below[1]) - win_rate(&list[1]));
        // Off list: 1 − (1 − the rep's discount)(1 − 0.1), so at least 10% and about 9 points more.
        let off = |r: &FirmRun| new_deals(r).iter().map(|d| d.discount).collect::<Vec<_>>();
        let (at_list, cut) = (off(&list[1]), off(&below[1]));
        assert!(cut.iter().all(|&d| d >= 0.1 - 1e-9), "seed {seed}: a deal of Borealis under 10% off list");
        let more = mean(&cut) - mean(&at_list);
        assert!((0.07..0.1).contains(&more), "seed {seed}: deals {more:.3} further off list");
    }
    assert_positive("Borealis's new-customer win rate, 10% below list minus at list", &wins);
}
