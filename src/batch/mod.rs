//! Research mode: parameter sweeps with replicates on all cores, resumable and shardable, written
//! row by row (`salesim batch`) or kept in memory (`memory.rs`, for Python), merged from shards
//! (`salesim merge`), and paired policy comparisons (`salesim compare`).

pub mod compare;
pub mod design;
pub mod external;
pub mod grid;
pub mod limits;
pub mod manifest;
pub mod memory;
pub mod merge;
pub mod outdir;
pub mod output;
pub mod panels;
pub mod probe;
pub mod progress;
pub mod runner;

use crate::output::parquet::{ColumnSpec, csv_to_parquet};
use crate::output::typed::Kind;
use crate::rng::mix64;
use crate::scenario::{Scenario, params};
use design::{AxisSpec, Design, Outputs, ReplicateParams, Sampling, Shard};
use grid::Axis;
use manifest::{Manifest, Status, unix_time};
use outdir::{Refusal, Start};
use runner::RunSpec;
use std::io::Write;
use std::path::PathBuf;

/// The seed of replicate `k`: derived from the scenario seed alone, so replicate k faces the
/// same luck at every design point (common random numbers).
/// Seeds stay below 2^63 so every tool reads them as a signed 64-bit integer.
pub fn replicate_seed(base: u64, k: u64) -> u64 {
    mix64(base ^ mix64(k.wrapping_add(0x5eed))) >> 1
}

/// The hash of a scenario without its seed: what identifies a design point.
pub fn point_hash(s: &Scenario) -> String {
    let mut s = s.clone();
    s.seed = 0;
    s.hash_hex()
}

/// Key of the design in the Parquet files' key-value metadata.
pub const DESIGN_KEY: &str = "salesim.design";

/// A whole batch, as the command line asked for it (checked, nothing written yet).
pub struct Batch {
    pub base: Scenario,
    pub axes: Vec<Axis>,
    pub points: Vec<Vec<String>>,
    pub sampling: Sampling,
    pub replicates: u64,
    pub jobs: usize,
    pub out: PathBuf,
    pub shard: Shard,
    pub resume: bool,
    pub force: bool,
    pub outputs: Outputs,
    /// The command line, for the manifest.
    pub command: Vec<String>,
    /// The `--design` file, as given.
    pub design_file: Option<String>,
    /// Parameter sets that vary by replicate (`--posterior`), their paths distinct from the axes'.
    pub replicate_params: Option<ReplicateParams>,
}

/// What one run left for the writer.
struct RunOutput {
    spec: RunSpec,
    summary: crate::sim::observe::metrics::Summary,
    hash: String,
    timeseries: String,
}

impl Batch {
    /// Runs in the whole design.
    pub fn runs(&self) -> u64 {
        self.points.len() as u64 * self.replicates
    }

    /// Run `run_id`: run id = point × replicates + replicate.
    pub fn spec(&self, run_id: u64) -> RunSpec {
        RunSpec::new(run_id, self.replicates, self.base.seed)
    }

    /// The runs of this shard, in run-id order.
    pub fn shard_runs(&self) -> impl Iterator<Item = RunSpec> + '_ {
        (self.shard.index..self.runs()).step_by(self.shard.count as usize).map(|id| self.spec(id))
    }

    /// The varied parameters' columns (the axes', then the replicate sets'), typed as the base
    /// scenario's values are.
    fn param_columns(&self) -> Vec<ColumnSpec> {
        let kind = |p: &str| params::get(&self.base, p).map_or(Kind::Text, |v| Kind::of_ron(&v));
        let drawn = self.replicate_params.iter().flat_map(|r| r.paths.iter());
        self.axes.iter().map(|a| &a.path).chain(drawn).map(|p| ColumnSpec::new(p.clone(), kind(p))).collect()
    }

    /// The values of run `spec`'s varied parameters, in [`Self::param_columns`] order.
    fn param_values(&self, spec: &RunSpec) -> Vec<String> {
        let drawn = self.replicate_params.iter().flat_map(|r| r.values[spec.replicate as usize].iter());
        self.points[spec.point].iter().chain(drawn).cloned().collect()
    }

    /// The design this batch runs.
    pub fn design(&self) -> Design {
        Design {
            scenario: self.base.name.clone(),
            scenario_hash: point_hash(&self.base),
            seed: self.base.seed,
            weeks: self.base.weeks,
            version: crate::VERSION.to_string(),
            sampling: self.sampling.clone(),
            axes: self
                .axes
                .iter()
                .map(|a| AxisSpec {
                    path: a.path.clone(),
                    values: a.values.clone(),
                    range: a.range.map(|(l, h)| [l, h]),
                })
                .collect(),
            points: self.points.clone(),
            replicates: self.replicates,
            seeds: (0..self.replicates).map(|k| replicate_seed(self.base.seed, k)).collect(),
            runs: self.runs(),
            outputs: self.outputs,
            columns: output::runs_columns(&self.param_columns()),
            replicate_params: self.replicate_params.clone(),
        }
    }

    /// Run `spec`'s scenario: its replicate's parameter set (if any), then its point's values.
    fn scenario(&self, spec: &RunSpec) -> Scenario {
        let mut base = self.base.clone();
        if let Some(r) = &self.replicate_params {
            for (path, v) in r.paths.iter().zip(&r.values[spec.replicate as usize]) {
                params::set(&mut base, path, v).expect("replicate sets are checked before the batch");
            }
        }
        let mut s = grid::apply(&base, &self.axes, &self.points[spec.point]);
        s.seed = spec.seed;
        s
    }

    /// One run: simulated, its panels written, its weekly rows kept as CSV text when asked for.
    fn run_one(&self, spec: &RunSpec) -> std::io::Result<RunOutput> {
        let s = self.scenario(spec);
        let hash = point_hash(&s);
        let firms = s.row_names();
        let mut panels = match self.outputs.panels {
            true => Some(panels::RunPanels::create(&self.out, spec, firms.clone(), &self.run_metadata(spec, &hash))?),
            false => None,
        };
        let mut timeseries = String::new();
        let summary = crate::run::simulate(s, |week| {
            if self.outputs.timeseries {
                let firm = firms.get(week.firm as usize).map_or("", String::as_str);
                timeseries.push_str(&output::timeseries_rows(spec, firm, &week.timeseries));
            }
            panels.as_mut().map_or(Ok(()), |p| p.write(&week))
        })?;
        if let Some(p) = panels {
            p.finish()?;
        }
        Ok(RunOutput { spec: spec.clone(), summary, hash, timeseries })
    }

    /// A panel file's metadata: the run and its point.
    fn run_metadata(&self, spec: &RunSpec, hash: &str) -> Vec<(String, String)> {
        let point: serde_json::Map<String, serde_json::Value> =
            self.axes.iter().zip(&self.points[spec.point]).map(|(a, v)| (a.path.clone(), v.clone().into())).collect();
        let run = serde_json::json!({
            "run_id": spec.run_id, "point_id": spec.point, "replicate": spec.replicate, "seed": spec.seed,
            "scenario": self.base.name, "scenario_hash": hash, "version": crate::VERSION, "point": point,
        });
        vec![("salesim.run".to_string(), run.to_string())]
    }
}

/// Run the batch; returns the number of runs done now (others were already complete).
pub fn run(batch: &Batch) -> Result<u64, Refusal> {
    let out = &batch.out;
    let io = |e: std::io::Error| Refusal::Io(format!("{}: {e}", out.display()));
    let _lock = outdir::lock(out)?;
    let design = batch.design();
    let resume = matches!(outdir::prepare(out, &design, batch.shard, batch.resume, batch.force)?, Start::Resume);
    let mut manifest = Manifest {
        design,
        shard: batch.shard,
        runs_in_shard: batch.shard.runs(batch.runs()),
        status: Status::Running,
        command: batch.command.clone(),
        design_file: batch.design_file.clone(),
        merged_from: Vec::new(),
        started_unix: unix_time(),
        finished_unix: None,
        runs_this_invocation: None,
    };
    manifest.write(out).map_err(io)?;
    let columns = &manifest.design.columns;
    let kpis: Vec<String> = output::kpi_names(&Default::default());
    let runs_csv = out.join("runs.csv");
    let (mut runs_file, done) = output::open_appending(&runs_csv, &output::header(columns), resume).map_err(io)?;
    if let Some(id) = done.iter().find(|&&id| id >= batch.runs() || !batch.shard.holds(id)) {
        return Err(Refusal::Refused(format!(
            "{}: run {id} is not a run of shard {}",
            runs_csv.display(),
            batch.shard
        )));
    }
    let ts_csv = out.join("timeseries.csv");
    let mut ts_file = match batch.outputs.timeseries {
        true => Some(open_timeseries(&ts_csv, resume, &done).map_err(io)?),
        false => None,
    };
    if batch.outputs.panels {
        panels::remove_partials(out).map_err(io)?;
    }
    let todo: Vec<RunSpec> = batch.shard_runs().filter(|r| !done.contains(&r.run_id)).collect();
    if !done.is_empty() {
        eprintln!("batch: resuming, {} runs already complete in {}", done.len(), runs_csv.display());
    }
    let mut progress = progress::Progress::new("batch", todo.len());
    let work = |spec: &RunSpec| batch.run_one(spec);
    runner::run_in_order(&todo, batch.jobs, &work, |r| {
        let r = r?;
        if let Some(f) = ts_file.as_mut() {
            f.write_all(r.timeseries.as_bytes())?;
            f.flush()?;
        }
        let point = batch.param_values(&r.spec);
        runs_file
            .write_all(output::runs_row(&r.spec, &point, &batch.base.name, &r.hash, &r.summary, &kpis).as_bytes())?;
        runs_file.flush()?;
        progress.tick();
        Ok::<(), std::io::Error>(())
    })
    .map_err(io)?;
    runs_file.sync_all().map_err(io)?;
    let metadata = vec![(DESIGN_KEY.to_string(), manifest.design.to_json())];
    csv_to_parquet(&runs_csv, &out.join("runs.parquet"), columns, &metadata).map_err(io)?;
    if let Some(f) = ts_file {
        f.sync_all().map_err(io)?;
        csv_to_parquet(&ts_csv, &out.join("timeseries.parquet"), &output::timeseries_columns(), &metadata)
            .map_err(io)?;
    }
    manifest.status = Status::Complete;
    manifest.finished_unix = Some(unix_time());
    manifest.runs_this_invocation = Some(todo.len() as u64);
    manifest.write(out).map_err(io)?;
    Ok(todo.len() as u64)
}

/// Open timeseries.csv for appending, keeping only the rows of runs complete in runs.csv.
fn open_timeseries(
    path: &std::path::Path,
    resume: bool,
    done: &std::collections::BTreeSet<u64>,
) -> std::io::Result<std::fs::File> {
    let header = output::header(&output::timeseries_columns());
    let (f, ts_done) = output::open_appending(path, &header, resume)?;
    if ts_done.iter().all(|id| done.contains(id)) {
        return Ok(f);
    }
    drop(f);
    output::retain_runs(path, done)?;
    std::fs::OpenOptions::new().append(true).open(path)
}
