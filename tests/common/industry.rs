//! Helpers for the tests of an industry (`src/industry/`): its firms' runs, the pay race and
//! two firms of the baseline's size.

use super::bundled;
use salesim::Scenario;
use salesim::industry::Industry;
use salesim::scenario::{Firm, Policy};
use salesim::sim::deals::DealRow;
use salesim::sim::observe::events::EventRecord;
use salesim::sim::observe::metrics::{RepYearRow, TimeseriesRow};

/// What one firm of an industry run produced.
#[derive(Default)]
pub struct FirmRun {
    pub rows: Vec<TimeseriesRow>,
    pub events: Vec<EventRecord>,
    pub reps: Vec<RepYearRow>,
    pub deals: Vec<DealRow>,
}

/// Run an industry to the end, calling `each_week` after every week (before its outputs are
/// drained), on `threads` threads.
pub fn run_industry(s: &Scenario, threads: usize, mut each_week: impl FnMut(&mut Industry)) -> Vec<FirmRun> {
    let mut industry = Industry::new(s).expect("builds").with_threads(threads);
    let mut runs: Vec<FirmRun> = s.firms.iter().map(|_| FirmRun::default()).collect();
    while industry.step() {
        each_week(&mut industry);
        for tick in industry.drain() {
            let r = &mut runs[tick.firm as usize];
            r.rows.extend(tick.timeseries);
            r.events.extend(tick.events);
            r.reps.extend(tick.reps);
            r.deals.extend(tick.deals);
        }
    }
    runs
}

/// The pay race, shortened.
pub fn race(weeks: u32) -> Scenario {
    let mut s = bundled("industry_pay_race");
    s.weeks = weeks;
    s
}

/// Two firms of the baseline's size and plan in the baseline's market (no pay reviews), the
/// second with `policies`, over six years.
pub fn two_firms(seed: u64, policies: &[(&str, &str)]) -> Scenario {
    let mut s = bundled("industry_pay_race");
    s.seed = seed;
    s.weeks = 312;
    s.firms = vec![firm("Apex", &[]), firm("Borealis", policies)];
    s
}

/// A firm named `name` with `policies` and the defaults of a firm.
pub fn firm(name: &str, policies: &[(&str, &str)]) -> Firm {
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
