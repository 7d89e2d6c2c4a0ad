//! Property test over random valid scenarios: each bundled story mutated within the documented
//! ranges of its parameters (margin-based pay, deep price cuts, mass managing-out and one-rep
//! firms among them) runs to the end without a panic, and its outputs hold their identities: the
//! panels' pay adds up to the weekly pay in every year, every share lies in [0, 1], and the money
//! adds up to the cent. Plus the regression cases of the issue that found them.

mod common;
use common::*;
use salesim::Scenario;
use salesim::output::csv::CsvRow;
use salesim::rng::{Purpose, Stream};
use salesim::scenario::{CommissionBasis, Event, QuotaPeriod, QuotaSetting, TimedEvent, load, params, validate};
use std::collections::BTreeMap;
use std::path::Path;

/// How many valid scenarios the property test runs (the issue asks for at least 200).
const CASES: usize = 400;
/// Parameters that size the force, set apart (small enough to run hundreds of scenarios).
const SIZES: [&str; 3] = ["hiring.target_headcount", "specialists.technical", "specialists.service"];
/// A cent: money identities hold to it.
const CENT: f64 = 0.01;

/// The bundled scenarios, small enough to run by the hundred (large.ron is the baseline at scale).
fn bundled() -> Vec<Scenario> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "large.ron"))
        .map(|p| load::load_file(p).unwrap_or_else(|e| panic!("{}: {e:?}", p.display())))
        // Industries are mutated and run whole in tests/industry.rs.
        .filter(|s| s.firms.is_empty())
        .collect()
}

/// Section parameters with a documented numeric range, except the ones that size the world (set
/// below, small enough to run hundreds of scenarios).
fn ranged_paths() -> Vec<(String, f64, f64)> {
    params::paths()
        .into_iter()
        .filter(|p| !params::is_initial_only(p) && !SIZES.contains(&p.as_str()))
        .filter_map(|p| params::range(&p).map(|(lo, hi)| (p, lo, hi)))
        .collect()
}

/// A value drawn uniformly in `lo..=hi`, written as the parameter's type is (whole or decimal).
fn draw_value(r: &mut Stream, current: &str, lo: f64, hi: f64) -> String {
    let x = lo + (hi - lo) * r.unit();
    if current.contains('.') || current.contains('e') { format!("{x:?}") } else { format!("{}", x.round()) }
}

/// Case `case`: a bundled story, resized, with parameters, pay and rivals drawn within their ranges.
fn mutated(stories: &[Scenario], ranged: &[(String, f64, f64)], case: u64) -> Scenario {
    let mut r = Stream::new(case, 0, 0, Purpose::RepTraits);
    let mut s = stories[r.index(stories.len())].clone();
    s.seed = case;
    s.weeks = 52 + r.index(105) as u32;
    let one_rep_firm = r.chance(0.15);
    s.sales_force.reps = if one_rep_firm { 1 } else { 1 + r.index(20) as u32 };
    s.hiring.target_headcount = if one_rep_firm { 1 } else { r.index(24) as u32 };
    s.market.accounts = 20 + r.index(1_200) as u32;
    s.market.prospects = r.index(3_000) as u32;
    for _ in 0..1 + r.index(12) {
        let (path, lo, hi) = &ranged[r.index(ranged.len())];
        let current = params::get(&s, path).unwrap_or_default();
        let value = draw_value(&mut r, &current, *lo, *hi);
        params::set(&mut s, path, &value).unwrap_or_else(|e| panic!("{e}"));
    }
    s.pay.base_salary = if r.chance(0.2) { 0.0 } else { 120_000.0 * r.unit() };
    s.pay.commission_rate = 0.3 * r.unit();
    s.pay.commission_basis =
        [CommissionBasis::AllRevenue, CommissionBasis::NewCustomerRevenue, CommissionBasis::Margin][r.index(3)];
    s.pay.quota_period = [QuotaPeriod::Monthly, QuotaPeriod::Quarterly, QuotaPeriod::Annual][r.index(3)];
    s.pay.quota_setting = match r.index(3) {
        0 => QuotaSetting::TerritoryShare(0.1 + 0.9 * r.unit()),
        1 => QuotaSetting::Ratchet { up: r.unit(), down: r.unit() },
        _ => QuotaSetting::NoQuota,
    };
    if r.chance(0.3) {
        s.market.gross_margin = 0.05 + 0.3 * r.unit();
    }
    if r.chance(0.25) {
        s.careers.performance_floor = 0.9 + 0.6 * r.unit(); // mass managing-out
    }
    for c in &mut s.competitors {
        if r.chance(0.5) {
            c.price_cut = 0.9 * r.unit(); // up to the deepest cut allowed
        }
    }
    if let Some(c) = s.competitors.first() {
        let name = c.name.clone();
        s.timeline.push(TimedEvent { week: r.index(s.weeks as usize) as u32, event: Event::CompetitorEntry(name) });
    }
    s.timeline.retain(|t| t.week < s.weeks);
    s
}

/// The cells of a table's rows by column name.
fn columns<R: CsvRow>(rows: &[R]) -> BTreeMap<&'static str, Vec<String>> {
    let mut out: BTreeMap<&'static str, Vec<String>> = R::columns().iter().map(|c| (*c, vec![])).collect();
    for row in rows {
        let mut line = String::new();
        row.write_cells(&mut line);
        for (name, cell) in R::columns().iter().zip(line.split(',')) {
            out.get_mut(name).unwrap().push(cell.to_string());
        }
    }
    out
}

/// Every column of a table that is a share (named `…share…`, a rate of outcomes, a mean of
/// [0, 1] quantities or a retention) holds values in [0, 1] exactly.
fn shares_in_unit_interval<R: CsvRow>(table: &str, rows: &[R]) -> Result<(), String> {
    let is_share = |c: &str| {
        c.contains("share")
            || c == "win_rate"
            || c == "book_retention"
            || c == "coverage_mean"
            || c == "satisfaction_mean"
            || c.starts_with("loyalty_to_")
    };
    for (name, cells) in columns(rows) {
        if !is_share(name) {
            continue;
        }
        for (i, cell) in cells.iter().enumerate() {
            let Ok(x) = cell.parse::<f64>() else { continue };
            if !(0.0..=1.0).contains(&x) {
                return Err(format!("{table} row {i}: `{name}` = {x:e} is outside [0, 1]"));
            }
        }
    }
    Ok(())
}

/// The identities of one run's outputs.
fn outputs_hold_their_identities(s: &Scenario, r: &Run) -> Result<(), String> {
    let years = s.weeks.div_ceil(52);
    for year in 0..years {
        let weekly: f64 = r.rows.iter().filter(|w| w.year == year).map(|w| w.rep_pay).sum();
        let panels: f64 = r.reps.iter().filter(|p| p.year == year).map(|p| p.base_pay + p.variable_pay).sum();
        if (weekly - panels).abs() > CENT {
            return Err(format!("year {year}: reps.csv pay {panels:.2} but timeseries.csv pay {weekly:.2}"));
        }
    }
    for w in &r.rows {
        let contribution = w.gross_margin - w.rep_pay - w.other_sales_cost;
        if (contribution - w.contribution).abs() > CENT {
            return Err(format!(
                "week {}: contribution {} ≠ margin − pay − other cost {contribution}",
                w.week, w.contribution
            ));
        }
    }
    let sum = |f: fn(&salesim::sim::observe::metrics::TimeseriesRow) -> f64| r.rows.iter().map(f).sum::<f64>();
    let total = [
        ("revenue", sum(|w| w.revenue), r.summary.total_revenue),
        ("gross margin", sum(|w| w.gross_margin), r.summary.total_gross_margin),
        ("contribution", sum(|w| w.contribution), r.summary.total_contribution),
    ];
    for (what, weekly, summary) in total {
        if (weekly - summary).abs() > CENT.max(1e-12 * summary.abs()) {
            return Err(format!("summary {what} {summary} ≠ the weeks' {weekly}"));
        }
    }
    shares_in_unit_interval("timeseries.csv", &r.rows)?;
    shares_in_unit_interval("reps.csv", &r.reps)?;
    shares_in_unit_interval("accounts.csv", &r.accounts)?;
    let summary = serde_json::to_value(&r.summary).unwrap();
    for (name, v) in summary.as_object().unwrap() {
        if name.contains("share") && !(0.0..=1.0).contains(&v.as_f64().unwrap_or(0.0)) {
            return Err(format!("summary.json `{name}` = {v} is outside [0, 1]"));
        }
    }
    Ok(())
}

#[test]
fn random_valid_scenarios_run_to_the_end_and_their_outputs_add_up() {
    let stories = bundled();
    let ranged = ranged_paths();
    assert!(ranged.len() > 100, "the sections document their ranges: {}", ranged.len());
    let (mut valid, mut margin_paid, mut one_rep, mut deep_cuts, mut managed_out) = (0, 0, 0, 0, 0);
    let mut case = 0;
    while valid < CASES {
        case += 1;
        let s = mutated(&stories, &ranged, case);
        if !validate::problems(&s).is_empty() {
            continue;
        }
        valid += 1;
        let scenario = ron::to_string(&s).unwrap();
        let r = std::panic::catch_unwind(|| run(&s))
            .unwrap_or_else(|_| panic!("case {case} panicked; the scenario:\n{scenario}"));
        outputs_hold_their_identities(&s, &r).unwrap_or_else(|e| panic!("case {case}: {e}\nthe scenario:\n{scenario}"));
        margin_paid += (s.pay.commission_basis == CommissionBasis::Margin) as u32;
        one_rep += (s.sales_force.reps == 1) as u32;
        deep_cuts += s.competitors.iter().any(|c| c.price_cut > s.market.gross_margin) as u32;
        managed_out += (r.summary.reps_managed_out >= 5) as u32;
    }
    assert!(case < 4 * CASES as u64, "most mutated scenarios are valid: {valid} of {case}");
    let mix =
        format!("margin {margin_paid}, one rep {one_rep}, deep cuts {deep_cuts}, mass managing-out {managed_out}");
    assert!(margin_paid >= 40 && one_rep >= 20 && deep_cuts >= 20 && managed_out >= 20, "the cases cover: {mix}");
}

/// The issue's scenario: commission on margin while a rival's price cut exceeds the gross margin.
#[test]
fn margin_pay_under_a_price_cut_deeper_than_the_margin_pays_nothing_on_the_loss_and_does_not_panic() {
    let s: Scenario = ron::from_str(
        r#"Scenario(name: "panic_margin_basis_rival_price_cut", seed: 1, weeks: 52,
            market: (gross_margin: 0.1),
            pay: (base_salary: 65000.0, commission_rate: 0.06, commission_basis: Margin),
            competitors: [(name: "C0", price_cut: 0.9)],
            timeline: [(week: 5, event: CompetitorEntry("C0"))])"#,
    )
    .unwrap();
    assert!(validate::problems(&s).is_empty(), "the scenario is valid");
    let r = run(&s);
    let losing = r.accounts.iter().filter(|a| a.gross_margin < 0.0).count();
    assert!(losing > 0, "the price cut makes some accounts lose money");
    for p in &r.reps {
        assert!(p.variable_pay >= 0.0, "no clawback: rep {} year {} variable {}", p.rep_id, p.year, p.variable_pay);
    }
    outputs_hold_their_identities(&s, &r).unwrap();
}

/// Reps on a commission-only plan (no base salary) who leave mid-period: their last week's
/// commission is in their panel row.
#[test]
fn the_pay_of_commission_only_reps_who_leave_is_in_their_panel_rows() {
    let mut s = small(156);
    s.pay.base_salary = 0.0;
    s.careers.performance_floor = 1.2;
    let r = run(&s);
    assert!(r.summary.reps_managed_out + r.summary.reps_quit >= 3, "reps left: {:?}", r.summary.reps_managed_out);
    outputs_hold_their_identities(&s, &r).unwrap();
}

/// A force that grows from 19 reps to thousands in one week opens every vacancy and hires into
/// each (finding the seats to staff once, not once per vacancy).
#[test]
fn a_force_that_grows_by_thousands_at_once_is_hired_in_full() {
    let mut s = small(60);
    s.sales_force.reps = 19;
    s.hiring.target_headcount = 12_000;
    s.hiring.vacancy_weeks = 4.0;
    let r = run(&s);
    let hired: u32 = r.rows.iter().map(|w| w.reps_hired).sum();
    assert!(hired >= 12_000 - 19, "hired {hired}");
    let peak = r.rows.iter().map(|w| w.reps_active).max().unwrap();
    assert!(peak >= 11_000, "the force reached {peak}");
}
