//! Helpers shared by the integration tests: scenarios, runs over seeds, paired comparisons.
#![allow(dead_code)]

pub mod industry;

use salesim::Simulation;
use salesim::scenario::{Event, Scenario, TimedEvent, load::load_file, params};
use salesim::sim::deals::DealRow;
use salesim::sim::observe::events::{EventKind, EventRecord};
use salesim::sim::observe::metrics::{AccountYearRow, RepYearRow, Summary, TimeseriesRow};
use std::path::Path;

/// The bundled baseline scenario.
pub fn baseline() -> Scenario {
    load_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.ron")).expect("baseline is valid")
}

/// A bundled scenario by its file name without `.ron` (`"tech_broadening"`).
pub fn bundled(name: &str) -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios").join(format!("{name}.ron"));
    load_file(&path).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
}

/// Seeds for the tests that compare rates (default 30; `SALESIM_STORY_SEEDS` to change).
pub fn story_seeds() -> u64 {
    std::env::var("SALESIM_STORY_SEEDS").ok().and_then(|v| v.parse().ok()).unwrap_or(30)
}

/// One run of `s` per seed of [`story_seeds`].
pub fn story_runs(s: &Scenario) -> Vec<Run> {
    (1..=story_seeds()).map(|seed| run(&Scenario { seed, ..s.clone() })).collect()
}

/// The baseline world at half size (25 reps, 2,500 accounts) over six years.
pub fn half_world() -> Scenario {
    let mut s = baseline();
    s.weeks = 312;
    s.sales_force.reps = 25;
    s.hiring.target_headcount = 25;
    s.market.accounts = 2_500;
    s.market.prospects = 7_500;
    s
}

/// The baseline at a fifth of the size (10 reps, 1,000 accounts) and `weeks` long, for fast tests.
pub fn small(weeks: u32) -> Scenario {
    let mut s = baseline();
    s.weeks = weeks;
    s.sales_force.reps = 10;
    s.hiring.target_headcount = 10;
    s.market.accounts = 1_000;
    s.market.prospects = 3_000;
    s.timeline.clear();
    s
}

/// Set a parameter by path, panicking on a bad path (tests only).
pub fn set(s: &mut Scenario, path: &str, value: &str) {
    params::set(s, path, value).unwrap_or_else(|e| panic!("{e}"));
}

/// Add a timeline event.
pub fn at(s: &mut Scenario, week: u32, event: Event) {
    s.timeline.push(TimedEvent { week, event });
}

/// Everything a run produced.
pub struct Run {
    pub rows: Vec<TimeseriesRow>,
    pub events: Vec<EventRecord>,
    pub reps: Vec<RepYearRow>,
    pub accounts: Vec<AccountYearRow>,
    pub deals: Vec<DealRow>,
    pub summary: Summary,
}

impl Run {
    /// Sum of a timeseries column over weeks in `range`.
    pub fn sum(&self, range: std::ops::Range<u32>, f: impl Fn(&TimeseriesRow) -> f64) -> f64 {
        self.rows.iter().filter(|r| range.contains(&r.week)).map(f).sum()
    }
    /// Mean of a timeseries column over weeks in `range`.
    pub fn mean(&self, range: std::ops::Range<u32>, f: impl Fn(&TimeseriesRow) -> f64) -> f64 {
        let n = self.rows.iter().filter(|r| range.contains(&r.week)).count().max(1) as f64;
        self.sum(range, f) / n
    }
    pub fn count_events(&self, kind: EventKind) -> usize {
        self.events.iter().filter(|e| e.kind == kind).count()
    }
}

/// Run a scenario to the end, calling `each_tick` after every week. Of an industry (`firms`), the
/// run is its first firm's (the one whose story the scenario tells), against the other firms.
pub fn run_with(s: &Scenario, mut each_tick: impl FnMut(&mut Simulation)) -> Run {
    let (mut rows, mut events, mut reps, mut accounts, mut deals) = (vec![], vec![], vec![], vec![], vec![]);
    let mut keep = |out: salesim::sim::observe::metrics::TickOutput| {
        rows.extend(out.timeseries);
        events.extend(out.events);
        reps.extend(out.reps);
        accounts.extend(out.accounts);
        deals.extend(out.deals);
    };
    let summary = if s.firms.is_empty() {
        let mut sim = Simulation::new(s.clone());
        while sim.step() {
            each_tick(&mut sim);
            keep(sim.drain());
        }
        sim.summary()
    } else {
        let mut industry = salesim::industry::Industry::new(s).expect("a valid industry builds");
        while industry.step() {
            each_tick(&mut industry.firms_mut()[0].sim);
            keep(industry.drain().swap_remove(0));
        }
        salesim::run::industry_summary(s, industry.summaries())
    };
    Run { rows, events, reps, accounts, deals, summary }
}

pub fn run(s: &Scenario) -> Run {
    run_with(s, |_| {})
}

/// `f` of each run of `s` over seeds 1..=n.
pub fn over_seeds(s: &Scenario, n: u64, f: impl Fn(&Run) -> f64) -> Vec<f64> {
    (1..=n)
        .map(|seed| {
            let mut s = s.clone();
            s.seed = seed;
            f(&run(&s))
        })
        .collect()
}

pub fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

/// Paired differences f(B) − f(A) over seeds 1..=n (common random numbers).
pub fn paired(a: &Scenario, b: &Scenario, n: u64, f: impl Fn(&Run) -> f64) -> Vec<f64> {
    let fa = over_seeds(a, n, &f);
    let fb = over_seeds(b, n, &f);
    fa.iter().zip(&fb).map(|(x, y)| y - x).collect()
}

/// Mean and 95% half-width of a sample.
pub fn mean_ci(v: &[f64]) -> (f64, f64) {
    let m = mean(v);
    let n = v.len() as f64;
    let var = v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
    (m, 1.96 * (var / n).sqrt())
}

/// Assert that the paired mean difference is positive and its 95% interval excludes zero.
pub fn assert_positive(label: &str, diffs: &[f64]) {
    let (m, h) = mean_ci(diffs);
    assert!(m - h > 0.0, "{label}: expected a positive effect, got {m:.5} ± {h:.5} (diffs {diffs:?})");
}
