//! The design of a batch as it is recorded (manifest.json, the Parquet files' metadata) and
//! compared: on `--resume` and by `salesim merge`, a directory whose design differs is refused,
//! saying what differs. Everything here is deterministic (no times, paths or command lines).

use crate::output::parquet::ColumnSpec;
use serde::{Deserialize, Serialize};

/// How the design points were made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sampling {
    /// `--set` axes crossed full-factorially (one point if there are none).
    FullFactorial,
    /// `--sample lhs:N` over the `--set` ranges, drawn from the scenario seed.
    LatinHypercube { n: u64 },
    /// `--design FILE`: the points as given, one row each.
    External,
}

/// One varied parameter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AxisSpec {
    pub path: String,
    /// The grid values (empty for a sampled range or an external design).
    pub values: Vec<String>,
    /// The range `[lo, hi]` of a `lo..hi` axis.
    pub range: Option<[f64; 2]>,
}

/// What a batch directory holds besides runs.csv and runs.parquet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outputs {
    /// timeseries.csv and timeseries.parquet (`--timeseries`).
    pub timeseries: bool,
    /// panels/ (`--panels`).
    pub panels: bool,
}

/// Parameter sets that vary by replicate (`salesim batch --posterior DIR`): replicate k runs with
/// `values[k]` set at `paths` before its point's own values, so every point meets the same draws.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReplicateParams {
    /// Where the sets come from (for `--posterior`: the hash of `posterior.csv`).
    pub source: String,
    pub paths: Vec<String>,
    /// One set per replicate, one value (RON) per path.
    pub values: Vec<Vec<String>>,
}

/// The design: what the rows of a batch are runs of.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Design {
    /// The scenario's name.
    pub scenario: String,
    /// Hash of the resolved scenario (overrides and `--weeks` applied) without its seed.
    pub scenario_hash: String,
    /// The scenario's seed, from which every replicate's seed is derived.
    pub seed: u64,
    pub weeks: u32,
    pub version: String,
    pub sampling: Sampling,
    pub axes: Vec<AxisSpec>,
    /// One value per axis for each point; point id = index.
    pub points: Vec<Vec<String>>,
    pub replicates: u64,
    /// Seed of each replicate (the same at every point).
    pub seeds: Vec<u64>,
    /// points × replicates; run id = point × replicates + replicate.
    pub runs: u64,
    pub outputs: Outputs,
    /// The columns of runs.csv and runs.parquet, with their types.
    pub columns: Vec<ColumnSpec>,
    /// The parameter sets of the replicates, if they vary (`--posterior`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicate_params: Option<ReplicateParams>,
}

/// A shard: runs whose id modulo `count` is `index`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    pub const WHOLE: Shard = Shard { index: 0, count: 1 };

    pub fn holds(self, run_id: u64) -> bool {
        run_id % self.count == self.index
    }

    /// Runs of a batch of `runs` in this shard.
    pub fn runs(self, runs: u64) -> u64 {
        runs / self.count + u64::from(runs % self.count > self.index)
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Design {
    /// The design as one line of JSON (the Parquet files' `salesim.design` metadata).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a design serialises")
    }

    /// The fields in which `other` differs from this design, each as
    /// "field: VALUE in the directory, VALUE now" (values shortened).
    pub fn differences(&self, other: &Design) -> Vec<String> {
        let (a, b) =
            (serde_json::to_value(self).expect("serialises"), serde_json::to_value(other).expect("serialises"));
        let (a, b) = (a.as_object().expect("object"), b.as_object().expect("object"));
        a.iter()
            .filter(|(k, v)| b.get(*k) != Some(v))
            .map(|(k, v)| format!("{k}: {} there, {} now", short(v), b.get(k).map(short).unwrap_or_default()))
            .collect()
    }
}

/// A JSON value in at most 60 characters.
fn short(v: &serde_json::Value) -> String {
    let text = v.to_string();
    if text.chars().count() <= 60 { text } else { format!("{}…", text.chars().take(59).collect::<String>()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shard_holds_every_count_th_run_from_its_index() {
        let s = Shard { index: 1, count: 3 };
        assert!(s.holds(4) && !s.holds(3));
        assert_eq!((0..10).filter(|&r| s.holds(r)).count() as u64, s.runs(10));
        assert_eq!(Shard { index: 0, count: 3 }.runs(10), 4);
    }
}
