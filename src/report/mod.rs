//! `salesim report`: runs every bundled scenario over paired seeds, checks the patterns of
//! evidence.md and the stories' and remedies' headline effects, and renders docs/VALIDATION.md.

pub mod breakeven;
pub mod checks;
pub mod format;
pub mod interval;
pub mod json_at;
pub mod markdown;
pub mod metrics;
pub mod sensitivity;
pub mod sensitivity_check;
pub mod sensitivity_file;
pub mod sensitivity_md;

use crate::scenario::Scenario;
use crate::sim::observe::metrics::{RepYearRow, Summary, TimeseriesRow};
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What one run leaves for the metrics.
pub struct Outcome {
    pub summary: Summary,
    pub rows: Vec<TimeseriesRow>,
    pub reps: Vec<RepYearRow>,
}

/// Run one scenario to the end, keeping the weekly rows and the rep panel (of the first firm of
/// an industry: the one whose story the scenario tells).
pub fn simulate(s: &Scenario) -> Outcome {
    let (mut rows, mut reps) = (Vec::with_capacity(s.weeks as usize), Vec::new());
    let summary = crate::run::simulate(s.clone(), |out| {
        if out.firm == 0 {
            rows.extend(out.timeseries);
            reps.extend(out.reps);
        }
        Ok::<(), std::convert::Infallible>(())
    });
    let Ok(summary) = summary;
    Outcome { summary, rows, reps }
}

/// Every metric of every scenario, one value per seed (seed k at index k − 1).
pub type Results = BTreeMap<String, BTreeMap<&'static str, Vec<f64>>>;

/// Run each scenario over seeds 1..=seeds on `jobs` threads (the same seed for every scenario, so
/// a story and its remedies are paired), reducing each run to its metrics as it finishes.
/// `progress` is called with (runs done, runs in all).
pub fn run_all(scenarios: &[Scenario], seeds: u64, jobs: usize, progress: &(dyn Fn(usize, usize) + Sync)) -> Results {
    let tasks: Vec<(usize, u64)> = (0..scenarios.len()).flat_map(|i| (1..=seeds).map(move |s| (i, s))).collect();
    let slots: Vec<Mutex<Option<Vec<f64>>>> = tasks.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let t = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&(i, seed)) = tasks.get(t) else { break };
                    let mut s = scenarios[i].clone();
                    s.seed = seed;
                    let outcome = simulate(&s);
                    let values = metrics::METRICS.iter().map(|m| (m.compute)(&outcome)).collect();
                    *slots[t].lock().expect("no panics while holding") = Some(values);
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1, tasks.len());
                }
            });
        }
    });
    let mut results = Results::new();
    for (t, slot) in tasks.iter().zip(slots) {
        let values = slot.into_inner().expect("not poisoned").expect("every task ran");
        let per = results.entry(scenarios[t.0].name.clone()).or_default();
        for (m, v) in metrics::METRICS.iter().zip(values) {
            per.entry(m.name).or_default().push(v);
        }
    }
    results
}

/// Mean and 95% half-width (Student-t with n − 1 degrees of freedom) of a sample.
pub fn mean_ci(v: &[f64]) -> (f64, f64) {
    let i = interval::mean_interval(v);
    (i.mean, i.half_width)
}
