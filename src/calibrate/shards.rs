//! A calibration split over a cluster (`salesim calibrate … --shard I/N`, then `salesim merge`).
//! Every run of a calibration has its own seed, keyed by (seed, generation, particle), and the
//! algorithm is a deterministic function of the runs' results, so the runs done so far, stored by
//! seed in `DIR/runs.csv`, let any process replay the calibration up to the first batch that has a
//! run not yet done. A shard replays it, simulates the runs of that batch that are its own
//! (seed modulo N = I), writes them to `DIR/shard-I/runs.csv` and stops; `salesim merge DIR` adds
//! every shard's runs to `DIR/runs.csv`; rounds repeat until a shard finds every run done, and a
//! last `salesim calibrate` without `--shard` writes the posterior from the stored runs alone. The
//! stored runs are the same numbers the simulator gave (floats written to round-trip), so the
//! files are the same bytes as an unsharded calibration's. `DIR/runs-inputs.json` fingerprints
//! the inputs ([`Inputs`]); a shard refuses a folder made for other inputs.

use super::checkpoint::Inputs;
use crate::batch::design::Shard;
use crate::output::write_atomically;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The stored runs and the fingerprint of their inputs, in the calibration's folder.
pub const RUNS: &str = "runs.csv";
pub const INPUTS: &str = "runs-inputs.json";

/// The runs known so far, whose runs this process may do, and the runs it did.
#[derive(Debug, Default)]
pub struct RunCache {
    known: BTreeMap<u64, Vec<f64>>,
    shard: Option<Shard>,
    done: Mutex<BTreeMap<u64, Vec<f64>>>,
}

/// A shard's folder.
fn shard_dir(dir: &Path, shard: Shard) -> PathBuf {
    dir.join(format!("shard-{}", shard.index))
}

/// Read a runs file: `seed,value,value,…` lines.
fn read_runs(path: &Path, into: &mut BTreeMap<u64, Vec<f64>>) -> Result<(), String> {
    let file = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("{file}: {e}")),
    };
    for (i, line) in text.lines().enumerate() {
        let mut cells = line.split(',');
        let bad = |what: &str| format!("{file}:{}: {what}", i + 1);
        let seed = cells.next().and_then(|s| s.parse::<u64>().ok()).ok_or_else(|| bad("no run seed"))?;
        let values = cells.map(|c| c.parse::<f64>()).collect::<Result<Vec<_>, _>>().map_err(|_| bad("not a number"))?;
        if values.is_empty() {
            return Err(bad("a run without values"));
        }
        into.insert(seed, values);
    }
    Ok(())
}

/// `runs` as a runs file, in seed order, floats written to read back exactly.
fn runs_text(runs: &BTreeMap<u64, Vec<f64>>) -> String {
    let mut out = String::new();
    for (seed, values) in runs {
        let _ = write!(out, "{seed}");
        for v in values {
            let _ = write!(out, ",{v:?}");
        }
        out.push('\n');
    }
    out
}

impl RunCache {
    /// The runs stored in `dir` for `inputs`. For a shard, a folder made for other inputs is
    /// refused (and a new one is fingerprinted); without one, such runs are not used.
    pub fn load(dir: &Path, inputs: &Inputs, shard: Option<Shard>) -> Result<RunCache, String> {
        let path = dir.join(INPUTS);
        let stored: Option<Inputs> = match std::fs::read_to_string(&path) {
            Ok(text) => Some(serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?),
            Err(_) => None,
        };
        let mut cache = RunCache { shard, ..Default::default() };
        match (stored, shard) {
            (Some(s), _) if s == *inputs => read_runs(&dir.join(RUNS), &mut cache.known)?,
            (Some(s), Some(_)) => {
                let why = super::checkpoint::differences(&s, inputs).join("; ");
                return Err(format!("{}: runs of another calibration ({why})", dir.display()));
            }
            (None, Some(shard)) => {
                // Every shard of the first round writes the same fingerprint at once: each through
                // its own partial file, renamed into place (the last rename wins, all are equal).
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                let text = serde_json::to_string_pretty(inputs).expect("inputs serialise");
                let own = dir.join(format!("{INPUTS}.shard-{}.partial", shard.index));
                std::fs::write(&own, text)
                    .and_then(|()| std::fs::rename(&own, &path))
                    .map_err(|e| format!("{}: {e}", path.display()))?;
            }
            (_, None) => {}
        }
        Ok(cache)
    }

    /// Runs already stored.
    pub fn known(&self) -> usize {
        self.known.len()
    }

    /// The run on `seed`: stored, or done now by `simulate` if it is this process's, or nothing
    /// (another shard's run).
    pub fn run(&self, seed: u64, simulate: impl FnOnce() -> Vec<f64>) -> Vec<f64> {
        if let Some(v) = self.known.get(&seed) {
            return v.clone();
        }
        if self.shard.is_some_and(|s| !s.holds(seed)) {
            return Vec::new();
        }
        let values = simulate();
        self.done.lock().expect("not poisoned").insert(seed, values.clone());
        values
    }

    /// Runs done by this process.
    pub fn done(&self) -> usize {
        self.done.lock().expect("not poisoned").len()
    }

    /// Write this shard's runs to `dir/shard-I/runs.csv` (whole or not at all).
    pub fn write_shard(&self, dir: &Path) -> std::io::Result<PathBuf> {
        let shard = self.shard.expect("only a shard writes its runs");
        let sub = shard_dir(dir, shard);
        std::fs::create_dir_all(&sub)?;
        let path = sub.join(RUNS);
        write_atomically(&path, runs_text(&self.done.lock().expect("not poisoned")).as_bytes())?;
        Ok(path)
    }
}

/// Whether `dir` holds a sharded calibration (rather than a sharded batch).
pub fn is_calibration(dir: &Path) -> bool {
    dir.join(INPUTS).exists()
}

/// Add the runs of every `dir/shard-*/runs.csv` to `dir/runs.csv` and remove the shards' files;
/// (runs added, shards merged).
pub fn merge(dir: &Path) -> Result<(usize, usize), String> {
    let mut all = BTreeMap::new();
    read_runs(&dir.join(RUNS), &mut all)?;
    let before = all.len();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut shard_files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("shard-")))
        .map(|p| p.join(RUNS))
        .filter(|p| p.exists())
        .collect();
    shard_files.sort();
    for f in &shard_files {
        read_runs(f, &mut all)?;
    }
    let out = dir.join(RUNS);
    write_atomically(&out, runs_text(&all).as_bytes()).map_err(|e| format!("{}: {e}", out.display()))?;
    for f in &shard_files {
        std::fs::remove_file(f).map_err(|e| format!("{}: {e}", f.display()))?;
    }
    Ok((all.len() - before, shard_files.len()))
}
