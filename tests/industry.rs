//! An industry of firms (`firms`, `src/industry/`): every customer and rep is at one firm or on its
//! way to one, every week, and the firms' counts add up to the industry's; a rep who moves and
//! the customers who follow it are found at the rival with their ids and history; pay set by one
//! firm moves reps, customers and market pay between firms; the result is the same on any number
//! of threads; a firm's bad policy is named where it is written.

mod common;

use common::industry::{FirmRun, firm, race, run_industry, two_firms};
use common::{assert_positive, mean, set, story_seeds};
use salesim::industry::{Industry, census};
use salesim::sim::observe::events::{Cause, EventKind};
use std::collections::{HashMap, HashSet};

#[test]
fn every_customer_is_at_one_firm_or_on_its_way_to_one_every_week() {
    let s = race(260);
    let (mut weeks, mut moved) = (0, 0);
    run_industry(&s, 2, |industry| {
        let mut seen = HashSet::new();
        for f in census(industry) {
            moved += f.arriving_customers.len();
            for id in f.customers.iter().chain(&f.arriving_customers) {
                assert!(
                    seen.insert(*id),
                    "customer {id} is at two firms (or twice on its way) in week {}",
                    industry.week()
                );
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
    // (won by a firm, or by its rival in a contest and on their way to it) less those lost to
    // anything but a rival firm; reps by hires less departures to anything but
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
            entered += (r.new_customers + r.prospects_won_by_rivals) as i64;
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
            let came = runs[to]
                .events
                .iter()
                .find(|x| x.kind == EventKind::CameOver && x.customer == Some(customer) && x.week == e.week + 1);
            let came = came.unwrap_or_else(|| {
                panic!("customer {customer} left {} for {} in week {}", names[i], names[to], e.week)
            });
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
    assert!(
        found_with_rep * 10 > followers * 8,
        "most followers are with their rep at the rival: {found_with_rep} of {followers}"
    );
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
    // Borealis cuts its commission; its reps leave for Apex more, and the customers who follow
    // them go with them (that they arrive at Apex is checked week by week above).
    let n = story_seeds();
    let joined_apex = |runs: &[FirmRun]| {
        runs[0]
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Joined && e.competitor.as_deref() == Some("Borealis"))
            .count() as f64
    };
    let followed_to_apex = |runs: &[FirmRun]| {
        runs[1].events.iter().filter(|e| e.kind == EventKind::Follow && e.competitor.as_deref() == Some("Apex")).count()
            as f64
    };
    let (mut reps, mut customers) = (Vec::new(), Vec::new());
    for seed in 1..=n {
        let a = run_industry(&two_firms(seed, &[]), 2, |_| {});
        let b = run_industry(&two_firms(seed, &[("pay.commission_rate", "0.045")]), 2, |_| {});
        reps.push(joined_apex(&b) - joined_apex(&a));
        customers.push(followed_to_apex(&b) - followed_to_apex(&a));
    }
    assert_positive("reps Apex gains from Borealis when Borealis cuts its commission", &reps);
    assert_positive("customers of Borealis who follow their reps to Apex", &customers);
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
    let calm_year =
        |y: u32| mean(&calm[0].rows.iter().filter(|r| r.year == y).map(|r| r.market_pay).collect::<Vec<_>>());
    assert!(
        calm_year(9) < 1.3 * calm_year(0),
        "without reviews it does not: {:.0} then {:.0}",
        calm_year(0),
        calm_year(9)
    );
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

/// `salesim run` of the pay race, shortened, into a fresh directory.
fn salesim_run(tag: &str, extra: &[&str]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("salesim-industry-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let scenario = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/industry_pay_race.ron");
    let mut args = vec!["run", scenario.to_str().unwrap(), "--out", dir.to_str().unwrap(), "--weeks", "208", "-q"];
    args.extend_from_slice(extra);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_salesim")).args(&args).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    dir
}

#[test]
fn salesim_run_writes_every_firms_rows_and_the_same_bytes_on_one_thread_or_two() {
    let one = salesim_run("one", &["--threads", "1"]);
    let two = salesim_run("two", &["--threads", "2"]);
    for f in ["timeseries.csv", "events.csv", "reps.csv", "accounts.csv", "deals.csv", "summary.json"] {
        assert_eq!(std::fs::read(one.join(f)).unwrap(), std::fs::read(two.join(f)).unwrap(), "{f}");
    }
    let ts = std::fs::read_to_string(one.join("timeseries.csv")).unwrap();
    let header: Vec<&str> = ts.lines().next().unwrap().split(',').collect();
    let firm = header.iter().position(|c| *c == "firm").unwrap();
    let firms: Vec<&str> = ts.lines().skip(1).map(|l| l.split(',').nth(firm).unwrap()).collect();
    assert_eq!(firms.len(), 3 * 208, "one row per firm and week, and the industry's");
    for name in ["Apex", "Borealis", "industry"] {
        assert_eq!(firms.iter().filter(|f| **f == name).count(), 208, "{name}");
    }
    // Each week: Apex, Borealis, then the industry's row, whose counts and money add up the firms'.
    let cell = |line: &str, column: &str| -> f64 {
        let i = header.iter().position(|c| *c == column).unwrap();
        line.split(',').nth(i).unwrap().parse().unwrap()
    };
    let rows: Vec<&str> = ts.lines().skip(1).collect();
    for week in rows.chunks(3) {
        assert_eq!(week[2].split(',').nth(firm), Some("industry"));
        for column in ["customers_active", "reps_active", "revenue", "rep_pay", "customers_from_rivals"] {
            let (a, b, total) = (cell(week[0], column), cell(week[1], column), cell(week[2], column));
            assert!((a + b - total).abs() <= 1e-6 * total.abs().max(1.0), "{column}: {a} + {b} against {total}");
        }
    }
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(one.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["firm"], "Apex");
    assert_eq!(summary["firms"][1]["firm"], "Borealis");
    assert_eq!(summary["firms"][1]["scenario_hash"], summary["scenario_hash"]);
}

#[test]
fn explain_follows_a_customer_across_firms_and_tells_a_rep_at_its_firm() {
    let dir = salesim_run("explain", &[]);
    let events = std::fs::read_to_string(dir.join("events.csv")).unwrap();
    let header: Vec<&str> = events.lines().next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|c| *c == name).unwrap();
    let (kind, customer, cause, firm, rep) =
        (col("kind"), col("customer_id"), col("cause"), col("firm"), col("rep_id"));
    let follower = events
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|c| c[kind] == "came_over" && c[cause] == "followed its rep")
        .expect("a customer followed its rep to the other firm");
    let explain = |args: &[&str]| {
        let mut all = vec!["explain", dir.to_str().unwrap()];
        all.extend_from_slice(args);
        std::process::Command::new(env!("CARGO_BIN_EXE_salesim")).args(&all).output().unwrap()
    };
    let o = explain(&["--customer", follower[customer]]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let now = follower[firm];
    assert!(text.contains("came over from ") && text.contains(&format!(" at {now}: ")), "{text}");
    assert!(text.contains("followed rep"), "the move is told: {text}");
    assert!(text.contains("its firms: "), "{text}");
    // Rep ids are each firm's own: without --firm, the first firm's rep, saying so.
    let o = explain(&["--rep", "1"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("(at Apex)"), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("first firm")
            && String::from_utf8_lossy(&o.stderr).contains("--firm")
    );
    let o = explain(&["--rep", follower[rep], "--firm", now]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains(&format!("(at {now})")) && text.contains("joined from "), "{text}");
    let o = explain(&["--rep", "1", "--firm", "Nobody"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Apex, Borealis"));
}

/// Random valid industries: two or three small firms in the pay race's market, each with a few
/// of its policies drawn within their documented ranges (so one may hold accounts for a
/// replacement, another spread them, one have a single rep or freeze hiring), run to the end.
#[test]
fn random_valid_industries_run_to_the_end_with_every_customer_at_one_firm() {
    use salesim::rng::{Purpose, Stream};
    use salesim::scenario::{firms::is_policy_path, params, validate};
    let policies: Vec<(String, f64, f64)> = params::paths()
        .into_iter()
        .filter(|p| is_policy_path(p) && !params::is_initial_only(p))
        .filter(|p| !p.starts_with("sales_force.reps") && !p.starts_with("hiring.target_headcount"))
        .filter_map(|p| params::range(&p).map(|(lo, hi)| (p, lo, hi)))
        .collect();
    assert!(policies.len() > 30, "policies to draw from: {}", policies.len());
    let mut ran = 0;
    for case in 0..40u64 {
        let mut r = Stream::new(case, 0, 0, Purpose::RepTraits);
        let mut s = race(52 + r.index(100) as u32);
        s.seed = case;
        s.timeline[0].week = r.index(s.weeks as usize) as u32;
        s.market.accounts = 100 + r.index(600) as u32;
        s.market.prospects = 3 * s.market.accounts;
        s.sales_force.reps = 5;
        s.hiring.target_headcount = 5;
        let n = 2 + r.index(2);
        s.firms = (0..n)
            .map(|i| {
                let reps = if r.chance(0.2) { 1 } else { 1 + r.index(9) };
                let mut own: Vec<(String, String)> = vec![
                    ("sales_force.reps".into(), reps.to_string()),
                    ("hiring.target_headcount".into(), r.index(10).to_string()),
                ];
                for _ in 0..4 {
                    let (path, lo, hi) = &policies[r.index(policies.len())];
                    let current = params::get(&s, path).unwrap();
                    let x = lo + (hi - lo) * r.unit();
                    let value = if current.contains('.') || current.contains('e') {
                        format!("{x:?}")
                    } else {
                        format!("{}", x.round())
                    };
                    own.push((path.clone(), value));
                }
                let own: Vec<(&str, &str)> = own.iter().map(|(p, v)| (p.as_str(), v.as_str())).collect();
                let mut f = firm(&format!("Firm{i}"), &own);
                f.poach_appetite = 0.5 * r.unit();
                f.customer_appetite = 0.02 * r.unit();
                f
            })
            .collect();
        if let Some(p) = validate::problems(&s).first() {
            eprintln!("case {case} is not valid: {p}");
            continue;
        }
        let outcome = std::panic::catch_unwind(|| {
            run_industry(&s, 2, |industry| {
                let mut seen = HashSet::new();
                for f in census(industry) {
                    for id in f.customers.iter().chain(&f.arriving_customers) {
                        assert!(seen.insert(*id), "customer {id} at two firms in week {}", industry.week());
                    }
                }
            })
        });
        assert!(outcome.is_ok(), "case {case} failed: {s:?}");
        ran += 1;
    }
    assert!(ran >= 30, "most drawn industries are valid: {ran} of 40");
}

#[test]
fn a_firm_that_hunts_harder_leaves_its_rival_fewer_prospects_to_win() {
    // One market of prospects: Borealis asking its reps for more hunting draws down the pool Apex
    // finds its prospects in.
    let n = story_seeds();
    let apex_prospects = |runs: &[FirmRun]| mean(&runs[0].rows.iter().map(|r| r.prospects as f64).collect::<Vec<_>>());
    let mut fewer = Vec::new();
    for seed in 1..=n {
        let a = run_industry(&two_firms(seed, &[]), 2, |_| {});
        let b = run_industry(&two_firms(seed, &[("effort.directed_hunting_share", "0.8")]), 2, |_| {});
        fewer.push(apex_prospects(&a) - apex_prospects(&b));
    }
    assert_positive("prospects in Apex's pool, Borealis hunting as usual minus harder", &fewer);
}

#[test]
fn firms_hire_reps_between_jobs_and_a_firm_that_pays_more_hires_stronger_reps() {
    // Reps who leave a firm for no rival wait in the industry's pool and the firms hire from it;
    // the firm that pays more hires stronger reps (from the pool, where it chooses first and asks
    // for more, and from outside).
    let n = story_seeds();
    let hires = |runs: &[FirmRun], firm: usize, pooled: bool| -> Vec<f64> {
        let r = &runs[firm];
        let ids: Vec<u32> = r
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Hire && (!pooled || e.detail.contains("between jobs")))
            .filter_map(|e| e.rep)
            .collect();
        let mut seen = HashSet::new();
        r.reps.iter().filter(|p| ids.contains(&p.rep_id) && seen.insert(p.rep_id)).map(|p| p.skill).collect()
    };
    // Every hire of every seed, pooled (a hire's skill varies far more than the effect), on the
    // log scale its draw is normal on: in the same market, Borealis paying 12% commission hires
    // stronger reps than Apex paying 7%.
    let (mut from_pool, mut apex, mut borealis) = (0usize, Vec::new(), Vec::new());
    for seed in 1..=n {
        let a = run_industry(&two_firms(seed, &[]), 2, |_| {});
        from_pool += hires(&a, 0, true).len() + hires(&a, 1, true).len();
        let b = run_industry(&two_firms(seed, &[("pay.commission_rate", "0.12")]), 2, |_| {});
        apex.extend(hires(&b, 0, false).into_iter().map(f64::ln));
        borealis.extend(hires(&b, 1, false).into_iter().map(f64::ln));
    }
    assert!(from_pool > 5 * n as usize, "reps between jobs are hired: {from_pool} in {n} runs");
    let ((m1, h1), (m0, h0)) = (common::mean_ci(&borealis), common::mean_ci(&apex));
    assert!(
        m1 - m0 > (h1 * h1 + h0 * h0).sqrt(),
        "mean log-skill of hires: {m1:.3} ± {h1:.3} ({} hires) at Borealis paying 12% commission, {m0:.3} ± {h0:.3} ({}) at Apex paying 7%",
        borealis.len(),
        apex.len()
    );
}

#[test]
fn an_industry_too_large_for_its_memory_is_refused_before_anything_is_built() {
    // Four firms of two million accounts each: each is valid, together they need about 6 GB, more
    // than a 4 GB address-space limit (as a Slurm job's memory might be) allows.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/industry_pay_race.ron");
    let text = std::fs::read_to_string(path).unwrap();
    let firms: Vec<String> = (0..4).map(|i| format!("(name: \"F{i}\", accounts: 2000000)")).collect();
    let start = text.find("    firms: [").unwrap();
    let big = format!("{}    firms: [{}],\n)\n", &text[..start], firms.join(", "));
    let file = std::env::temp_dir().join(format!("salesim-industry-{}-big.ron", std::process::id()));
    std::fs::write(&file, big).unwrap();
    let out = std::env::temp_dir().join(format!("salesim-industry-{}-big-out", std::process::id()));
    let command = format!(
        "ulimit -v 4000000; exec {} run {} --out {}",
        env!("CARGO_BIN_EXE_salesim"),
        file.display(),
        out.display()
    );
    let o = std::process::Command::new("sh").args(["-c", &command]).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("memory"), "{err}");
    assert!(!out.join("timeseries.csv").exists());
    let tiny = format!("{}    firms: [(name: \"A\"), (name: \"B\", accounts: 2000001)],\n)\n", &text[..start]);
    let errors = salesim::scenario::load::parse_str(&tiny, "tiny.ron").unwrap_err();
    assert_eq!(errors[0].field, "firms[1].accounts", "{errors:?}");
}
