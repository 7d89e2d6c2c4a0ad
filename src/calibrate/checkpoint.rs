//! Resuming a calibration after a kill: after every generation the state ([`State`]) is stored in
//! `DIR/checkpoint.json` (written whole or not at all) with a fingerprint of the inputs ([`Inputs`]:
//! the scenario's hash, hashes of the observed and priors files' text, the seed, population,
//! budget, hold-outs and version). `--resume` refuses, naming what differs, when any of them has
//! changed; floats are stored exactly (serde_json's round-trip), so a resumed calibration gives the
//! same posterior, byte for byte, as one never stopped.

use super::abc::State;
use crate::output::write_atomically;
use crate::rng::name_key;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The checkpoint's file name in the output folder.
pub const FILE: &str = "checkpoint.json";

/// What a stored state was computed from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inputs {
    pub version: String,
    pub scenario_hash: String,
    pub observed_hash: String,
    pub priors_hash: String,
    pub seed: u64,
    pub population: usize,
    pub budget: usize,
    pub held_out: Vec<String>,
}

/// A stored state and its inputs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub inputs: Inputs,
    pub state: State,
}

/// A stable hash of a file's text.
pub fn text_hash(text: &str) -> String {
    format!("{:016x}", name_key(text))
}

/// Store `c` in `dir`.
pub fn save(dir: &Path, c: &Checkpoint) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let text = serde_json::to_string(c).map_err(std::io::Error::other)?;
    write_atomically(&dir.join(FILE), text.as_bytes())
}

/// The checkpoint in `dir`, if there is one.
pub fn load(dir: &Path) -> Result<Option<Checkpoint>, String> {
    let path = dir.join(FILE);
    if !path.exists() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map(Some).map_err(|e| format!("{}:{}:{}: {e}", path.display(), e.line(), e.column()))
}

/// What differs between the inputs a state was stored with and the inputs now (empty: none).
pub fn differences(stored: &Inputs, now: &Inputs) -> Vec<String> {
    let mut out = Vec::new();
    let mut differ = |what: &str, a: String, b: String| {
        if a != b {
            out.push(format!("{what} changed ({a} then, {b} now)"));
        }
    };
    differ("the salesim version", stored.version.clone(), now.version.clone());
    differ("the scenario (or --weeks)", stored.scenario_hash.clone(), now.scenario_hash.clone());
    differ("the observed file", stored.observed_hash.clone(), now.observed_hash.clone());
    differ("the priors file", stored.priors_hash.clone(), now.priors_hash.clone());
    differ("--seed", stored.seed.to_string(), now.seed.to_string());
    differ("--population", stored.population.to_string(), now.population.to_string());
    differ("--budget", stored.budget.to_string(), now.budget.to_string());
    differ("--hold-out", stored.held_out.join(" "), now.held_out.join(" "));
    out
}
