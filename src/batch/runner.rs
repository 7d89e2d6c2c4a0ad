//! Runs simulations on a pool of threads and hands their results back in run-id order, holding
//! only the few that finish early (so output is identical for any number of jobs and memory stays
//! flat however many runs there are).

use crate::Simulation;
use crate::scenario::Scenario;
use crate::sim::metrics::{Summary, TimeseriesRow};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// One run to do.
#[derive(Clone, Debug)]
pub struct RunSpec {
    pub run_id: u64,
    pub replicate: u64,
    pub point: usize,
    pub seed: u64,
}

/// What one run produced.
pub struct RunResult {
    pub spec: RunSpec,
    pub summary: Summary,
    pub timeseries: Vec<TimeseriesRow>,
}

/// Run one scenario to the end.
pub fn simulate(s: Scenario, keep_timeseries: bool) -> (Summary, Vec<TimeseriesRow>) {
    let mut sim = Simulation::new(s);
    let mut rows = Vec::new();
    while sim.step() {
        let out = sim.drain();
        if keep_timeseries {
            rows.extend(out.timeseries);
        }
    }
    (sim.summary(), rows)
}

/// Run `specs` (in run-id order) on `jobs` threads; `scenario_of` builds each run's scenario and
/// `deliver` receives results strictly in the order of `specs`. Stops early if `deliver` fails.
pub fn run_in_order<E>(
    specs: &[RunSpec],
    jobs: usize,
    keep_timeseries: bool,
    scenario_of: &(dyn Fn(&RunSpec) -> Scenario + Sync),
    mut deliver: impl FnMut(RunResult) -> Result<(), E>,
) -> Result<(), E> {
    let next = AtomicUsize::new(0);
    // Workers may not run too far ahead of the writer: at most `window` results wait in memory.
    let window = 4 * jobs.max(1);
    let delivered = AtomicUsize::new(0);
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, RunResult)>();
        for _ in 0..jobs.max(1) {
            let tx = tx.clone();
            let (next, delivered, stop) = (&next, &delivered, &stop);
            scope.spawn(move || {
                loop {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(spec) = specs.get(i) else { break };
                    while i >= delivered.load(Ordering::Acquire) + window && !stop.load(Ordering::Relaxed) {
                        std::thread::sleep(std::time::Duration::from_millis(2));
                    }
                    let (summary, timeseries) = simulate(scenario_of(spec), keep_timeseries);
                    if tx.send((i, RunResult { spec: spec.clone(), summary, timeseries })).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut want = 0usize;
        for (i, result) in rx {
            pending.insert(i, result);
            while let Some(r) = pending.remove(&want) {
                if let Err(e) = deliver(r) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(e);
                }
                want += 1;
                delivered.store(want, Ordering::Release);
            }
        }
        Ok(())
    })
}
