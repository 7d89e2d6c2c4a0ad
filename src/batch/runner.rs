//! Runs simulations on a pool of threads and hands their results back in run-id order, holding
//! only the few that finish early (so output is identical for any number of jobs and memory stays
//! flat however many runs there are).

use crate::Simulation;
use crate::scenario::Scenario;
use crate::sim::metrics::{Summary, TickOutput};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// One run to do.
#[derive(Clone, Debug)]
pub struct RunSpec {
    pub run_id: u64,
    pub replicate: u64,
    pub point: usize,
    pub seed: u64,
}

impl RunSpec {
    /// Run `run_id` of a design with `replicates` per point: run id = point × replicates +
    /// replicate, on replicate k's seed derived from the scenario's `seed`.
    pub fn new(run_id: u64, replicates: u64, seed: u64) -> RunSpec {
        let k = run_id % replicates;
        RunSpec { run_id, replicate: k, point: (run_id / replicates) as usize, seed: super::replicate_seed(seed, k) }
    }
}

/// Run one scenario to the end, handing each week's rows to `each_week`.
pub fn simulate<E>(s: Scenario, each_week: impl FnMut(TickOutput) -> Result<(), E>) -> Result<Summary, E> {
    simulate_with_actions(s, &[], each_week).map_err(|stop| match stop {
        Stopped::Week(e) => e,
        Stopped::Refused(r) => unreachable!("a run without actions refused one: {r}"),
    })
}

/// A live action that the running simulation refused (checked as a timeline event is).
#[derive(Clone, Debug, PartialEq)]
pub struct ActionRefused {
    /// The week it was to apply.
    pub week: u32,
    pub problem: crate::scenario::validate::Problem,
}

impl std::fmt::Display for ActionRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "week {}: {}", self.week, self.problem)
    }
}

/// Why a run with actions stopped early: an action was refused, or `each_week` failed.
#[derive(Debug)]
pub enum Stopped<E> {
    Refused(ActionRefused),
    Week(E),
}

impl From<Stopped<std::io::Error>> for std::io::Error {
    fn from(stop: Stopped<std::io::Error>) -> Self {
        match stop {
            Stopped::Refused(r) => std::io::Error::new(std::io::ErrorKind::InvalidData, r.to_string()),
            Stopped::Week(e) => e,
        }
    }
}

/// Run one scenario to the end with live `actions` (week, event), each sent before its week
/// exactly as the live view sends it (`salesim run --actions`), handing each week's rows to
/// `each_week`.
pub fn simulate_with_actions<E>(
    s: Scenario,
    actions: &[(u32, crate::scenario::Event)],
    mut each_week: impl FnMut(TickOutput) -> Result<(), E>,
) -> Result<Summary, Stopped<E>> {
    let mut sim = Simulation::new(s);
    let mut pending = actions.iter().peekable();
    loop {
        while let Some((_, event)) = pending.next_if(|(w, _)| *w <= sim.week()) {
            let week = sim.week();
            sim.send(event.clone()).map_err(|problem| Stopped::Refused(ActionRefused { week, problem }))?;
        }
        if !sim.step() {
            break;
        }
        each_week(sim.drain()).map_err(Stopped::Week)?;
    }
    Ok(sim.summary())
}

/// Do `work` for each of `specs` (in run-id order) on `jobs` threads; `deliver` receives the
/// results strictly in the order of `specs`. Stops early if `deliver` fails.
pub fn run_in_order<T: Send, E>(
    specs: &[RunSpec],
    jobs: usize,
    work: &(dyn Fn(&RunSpec) -> T + Sync),
    mut deliver: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let next = AtomicUsize::new(0);
    // Workers may not run too far ahead of the writer: at most `window` results wait in memory.
    let window = 4 * jobs.max(1);
    let delivered = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, T)>();
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
                    if tx.send((i, work(spec))).is_err() {
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
