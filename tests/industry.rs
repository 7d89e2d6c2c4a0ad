//! An industry of firms (`firms`, `src/industry/`): every customer and rep is at one firm or on its
//! way to one, every week, and the firms' counts add up to the industry's; a rep who moves and
//! the customers who follow it are found at the rival with their ids and history; pay set by one
//! firm moves reps, customers and market pay between firms; the result is the same on any number
//! of threads; a firm's bad policy is named where it is written.

mod common;

use common::{assert_positive, bundled, mean, set, story_seeds};
use salesim::Scenario;
use salesim::industry::{Industry, census};
use salesim::scenario::{Firm, Policy};
use salesim::sim::observe::events::{Cause, EventKind, EventRecord};
use salesim::sim::observe::metrics::TimeseriesRow;
use std::collections::{HashMap, HashSet};

/// What one firm of an industry run produced.
#[derive(Default)]
struct FirmRun {
    rows: Vec<TimeseriesRow>,
    events: Vec<EventRecord>,
}

/// Run an industry to the end, calling `each_week` after every week (before its outputs are
/// drained), on `threads` threads.
fn run_industry(s: &Scenario, threads: usize, mut each_week: impl FnMut(&mut Industry)) -> Vec<FirmRun> {
    let mut industry = Industry::new(s).expect("builds").with_threads(threads);
    let mut runs: Vec<FirmRun> = s.firms.iter().map(|_| FirmRun::default()).collect();
    while industry.step() {
        each_week(&mut industry);
        for tick in industry.drain() {
            let r = &mut runs[tick.firm as usize];
            r.rows.extend(tick.timeseries);
            r.events.extend(tick.events);
        }
    }
    runs
}

/// The pay race, shortened.
fn race(weeks: u32) -> Scenario {
    let mut s = bundled("industry_pay_race");
    s.weeks = weeks;
    s
}

/// Two firms of the baseline's size and plan in the baseline's market (no pay reviews), the
/// second with `policies`, over six years.
fn two_firms(seed: u64, policies: &[(&str, &str)]) -> Scenario {
    let mut s = bundled("industry_pay_race");
    s.seed = seed;
    s.weeks = 312;
    s.firms = vec![firm("Apex", &[]), firm("Borealis", policies)];
    s
}

fn firm(name: &str, policies: &[(&str, &str)]) -> Firm {
    let policies = policies.iter().map(|(p, v)| Policy { path: p.to_string(), value: v.to_string() }).collect();
    Firm {
        name: name.into(),
        accounts: 0,
        prospects: 0,
        price_cut: 0.0,
        poach_appetite: 0.02,
        customer_appetite: 0.004,
        solicit_effort: 1.0,
        policies,
        timeline: Vec::new(),
    }
}

#[test]
fn every_customer_is_at_one_firm_or_on_its_way_to_one_every_week() {
    let s = race(260);
    let (mut weeks, mut moved) = (0, 0);
    run_industry(&s, 2, |industry| {
        let mut seen = HashSet::new();
        for f in census(industry) {
            moved += f.arriving_customers.len();
            for id in f.customers.iter().chain(&f.arriving_customers) {
                assert!(seen.insert(*id), "customer {id} is at two firms (or twice on its way) in week {}", industry.week());
            }
        }
        weeks += 1;
    });
    assert_eq!(weeks, 260);
    assert!(moved > 500, "customers move between the firms ({moved} in five years)");
}

#[test]
fn the_industry_changes_only_by_what_enters_and_leaves_it() {
    // Week by week, customers at the firms or on their way change by the week's new customers
    // less those lost to anything but a rival firm; reps by hires less departures to anything but
    // a rival firm.
    let s = race(260);
    let mut industry = Industry::new(&s).unwrap().with_threads(1);
    let totals = |industry: &mut Industry| {
        let c = census(industry);
        let customers: usize = c.iter().map(|f| f.customers.len() + f.arriving_customers.len()).sum();
        let reps: u32 = c.iter().map(|f| f.reps + f.arriving_reps).sum();
        (customers as i64, reps as i64)
    };
    let mut last = totals(&mut industry);
    let mut checked = 0;
    while industry.step() {
        let now = totals(&mut industry);
        let ticks = industry.drain();
        let (mut entered, mut left, mut hired, mut departed) = (0i64, 0i64, 0i64, 0i64);
        for t in &ticks {
            let r = &t.timeseries[0];
            entered += r.new_customers as i64;
            hired += r.reps_hired as i64;
            for e in &t.events {
                let to_firm = e.competitor.as_deref().is_some_and(|c| s.firms.iter().any(|f| f.name == c));
                match e.kind {
                    EventKind::Churn | EventKind::Follow | EventKind::LostOnDeparture if !to_firm => left += 1,
                    EventKind::Quit | EventKind::Poached | EventKind::ManagedOut if !to_firm => departed += 1,
                    _ => {}
                }
            }
        }
        assert_eq!(now.0, last.0 + entered - left, "customers in week {}", industry.week() - 1);
        assert_eq!(now.1, last.1 + hired - departed, "reps in week {}", industry.week() - 1);
        last = now;
        checked += 1;
    }
    assert_eq!(checked, 260);
}

#[test]
fn a_rep_who_moves_and_the_customers_who_follow_it_are_found_at_the_rival_with_their_history() {
    let s = race(312);
    let runs = run_industry(&s, 2, |_| {});
    let names: Vec<&str> = s.firms.iter().map(|f| f.name.as_str()).collect();
    // Each rep who joined: its id at the firm it left, by (that firm, id) -> (firm, id here).
    let mut joined: HashMap<(String, u32), (usize, u32)> = HashMap::new();
    for (i, r) in runs.iter().enumerate() {
        for e in r.events.iter().filter(|e| e.kind == EventKind::Joined) {
            let from = e.competitor.clone().unwrap();
            let old: u32 = e.detail.strip_prefix("rep ").unwrap().split(' ').next().unwrap().parse().unwrap();
            joined.insert((from, old), (i, e.rep.unwrap()));
        }
    }
    let (mut followers, mut found_with_rep) = (0, 0);
    for (i, r) in runs.iter().enumerate() {
        for e in r.events.iter().filter(|e| e.week + 1 < s.weeks) {
            let Some(to) = e.competitor.as_deref().and_then(|c| names.iter().position(|n| *n == c)) else { continue };
            let left_for_firm = matches!(e.kind, EventKind::Poached | EventKind::Quit | EventKind::ManagedOut);
            if left_for_firm {
                let at = joined.get(&(names[i].to_string(), e.rep.unwrap()));
                assert_eq!(at.map(|a| a.0), Some(to), "rep {} of {} joined {}", e.rep.unwrap(), names[i], names[to]);
            }
            if !matches!(e.kind, EventKind::Churn | EventKind::Follow) {
                continue;
            }
            let customer = e.customer.unwrap();
            let came = runs[to].events.iter().find(|x| {
                x.kind == EventKind::CameOver && x.customer == Some(customer) && x.week == e.week + 1
            });
            let came = came.unwrap_or_else(|| panic!("customer {customer} left {} for {} in week {}", names[i], names[to], e.week));
            assert_eq!(came.competitor.as_deref(), Some(names[i]));
            if e.kind == EventKind::Follow {
                followers += 1;
                let rep_there = joined.get(&(names[i].to_string(), e.rep.unwrap())).map(|j| j.1);
                if came.cause == Cause::FollowedItsRep {
                    assert_eq!(came.rep, rep_there, "a follower is served by the rep it followed");
                    found_with_rep += 1;
                }
            }
        }
    }
    assert!(followers > 100, "customers follow reps between the firms: {followers}");
    assert!(found_with_rep * 10 > followers * 8, "most followers are with their rep at the rival: {found_with_rep} of {followers}");
}

#[test]
fn a_firm_that_raises_its_commission_draws_more_reps_from_its_rival_and_lifts_market_pay() {
    let n = story_seeds();
    let joined_from_apex = |runs: &[FirmRun]| {
        runs[1].events.iter().filter(|e| e.kind == EventKind::Joined && e.competitor.as_deref() == Some("Apex")).count()
            as f64
    };
    let market_pay_year_4 = |runs: &[FirmRun]| {
        let r: Vec<f64> = runs[0].rows.iter().filter(|r| r.year == 3).map(|r| r.market_pay).collect();
        mean(&r)
    };
    let (mut reps, mut pay) = (Vec::new(), Vec::new());
    for seed in 1..=n {
        let a = run_industry(&two_firms(seed, &[]), 2, |_| {});
        let b = run_industry(&two_firms(seed, &[("pay.commission_rate", "0.10")]), 2, |_| {});
        reps.push(joined_from_apex(&b) - joined_from_apex(&a));
        pay.push(market_pay_year_4(&b) - market_pay_year_4(&a));
    }
    assert_positive("reps Borealis draws from Apex when it pays 10% commission instead of 7%", &reps);
    assert_positive("market pay in year 4", &pay);
}

#[test]
fn a_firm_that_cuts_pay_alone_loses_reps_and_customers_to_its_rival() {
    let n = story_seeds();
    let moved_to_apex = |runs: &[FirmRun], kind: EventKind| {
        runs[0].events.iter().filter(|e| e.kind == kind && e.competitor.as_deref() == Some("Borealis")).count() as f64
    };
    let (mut reps, mut customers) = (Vec::new(), Vec::new());
    for seed in 1..=n {
        let a = run_industry(&two_firms(seed, &[]), 2, |_| {});
        let b = run_industry(&two_firms(seed, &[("pay.commission_rate", "0.045")]), 2, |_| {});
        reps.push(moved_to_apex(&b, EventKind::Joined) - moved_to_apex(&a, EventKind::Joined));
        customers.push(moved_to_apex(&b, EventKind::CameOver) - moved_to_apex(&a, EventKind::CameOver));
    }
    assert_positive("reps Apex gains from Borealis when Borealis cuts its commission", &reps);
    assert_positive("customers found at Apex that left Borealis", &customers);
}

#[test]
fn firms_that_aim_above_the_market_race_its_pay_up() {
    let s = race(520);
    let runs = run_industry(&s, 2, |_| {});
    let year = |y: u32| mean(&runs[0].rows.iter().filter(|r| r.year == y).map(|r| r.market_pay).collect::<Vec<_>>());
    assert!(year(9) > 1.5 * year(0), "market pay climbs: {:.0} in year 1, {:.0} in year 10", year(0), year(9));
    let mut s = race(520);
    for f in &mut s.firms {
        f.policies.clear();
    }
    let calm = run_industry(&s, 2, |_| {});
    let calm_year = |y: u32| mean(&calm[0].rows.iter().filter(|r| r.year == y).map(|r| r.market_pay).collect::<Vec<_>>());
    assert!(calm_year(9) < 1.3 * calm_year(0), "without reviews it does not: {:.0} then {:.0}", calm_year(0), calm_year(9));
}

#[test]
fn an_industry_gives_the_same_rows_on_one_thread_or_several() {
    let s = race(156);
    let one = run_industry(&s, 1, |_| {});
    let two = run_industry(&s, 2, |_| {});
    for (a, b) in one.iter().zip(&two) {
        assert_eq!(a.rows, b.rows);
        assert_eq!(a.events, b.events);
    }
}

#[test]
fn a_scenario_without_firms_is_one_firm_named_after_it() {
    let mut s = common::small(52);
    set(&mut s, "pay.commission_rate", "0.07");
    assert_eq!(s.firm_names(), vec![s.name.clone()]);
    let run = common::run(&s);
    assert!(run.rows.iter().all(|r| r.customers_from_rivals == 0 && r.reps_joined_from_rivals == 0));
}

#[test]
fn a_firms_bad_policy_is_refused_where_it_is_written() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/industry_pay_race.ron");
    let text = std::fs::read_to_string(path).unwrap();
    let market = text.replace("\"pay.market_position\", value: \"1.05\"", "\"market.accounts\", value: \"10\"");
    let errors = salesim::scenario::load::parse_str(&market, "race.ron").unwrap_err();
    assert_eq!(errors[0].field, "firms[1].policies[0].path", "{errors:?}");
    assert!(errors[0].message.contains("not a firm's policy"), "{}", errors[0].message);
    let line = market.lines().position(|l| l.contains("market.accounts")).unwrap() + 1;
    assert_eq!(errors[0].line, line, "{errors:?}");
    let range = text.replace("value: \"1.05\"", "value: \"9\"");
    let errors = salesim::scenario::load::parse_str(&range, "race.ron").unwrap_err();
    assert_eq!(errors[0].field, "firms[1].policies[0].value", "{errors:?}");
    assert!(errors[0].message.contains("between"), "{}", errors[0].message);
    let twice = text.replace("name: \"Borealis\"", "name: \"Apex\"");
    let errors = salesim::scenario::load::parse_str(&twice, "race.ron").unwrap_err();
    assert_eq!(errors[0].field, "firms[1].name", "{errors:?}");
}
