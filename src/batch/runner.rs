//! Runs simulations on a pool of threads and hands their results back in run-id order, holding
//! only the few that finish early (so output is identical for any number of jobs and memory stays
//! flat however many runs there are). One run itself is [`crate::run`].

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
