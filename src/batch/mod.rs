//! Research mode: parameter sweeps with replicates on all cores, resumable and shardable, written
//! row by row (`salesim batch`), and paired policy comparisons (`salesim compare`).

pub mod compare;
pub mod grid;
pub mod output;
pub mod progress;
pub mod runner;

use crate::rng::mix64;
use crate::scenario::Scenario;
use grid::Axis;
use runner::RunSpec;
use std::io::Write;
use std::path::PathBuf;

/// The seed of replicate `k`: derived from the scenario seed alone, so replicate k faces the
/// same luck at every design point (common random numbers).
/// Seeds stay below 2^63 so every tool reads them as a signed 64-bit integer.
pub fn replicate_seed(base: u64, k: u64) -> u64 {
    mix64(base ^ mix64(k.wrapping_add(0x5eed))) >> 1
}

/// A whole batch, as the command line asked for it.
pub struct Batch {
    pub base: Scenario,
    pub axes: Vec<Axis>,
    pub points: Vec<Vec<String>>,
    pub design: String,
    pub replicates: u64,
    pub jobs: usize,
    pub out: PathBuf,
    /// (index, count), 0-based.
    pub shard: (u64, u64),
    pub resume: bool,
    pub timeseries: bool,
}

impl Batch {
    /// Every run of the design, in run-id order: run id = point × replicates + replicate.
    pub fn all_runs(&self) -> Vec<RunSpec> {
        (0..self.points.len())
            .flat_map(|p| {
                (0..self.replicates).map(move |k| RunSpec {
                    run_id: p as u64 * self.replicates + k,
                    replicate: k,
                    point: p,
                    seed: replicate_seed(self.base.seed, k),
                })
            })
            .collect()
    }

    /// The runs of this shard.
    pub fn shard_runs(&self) -> Vec<RunSpec> {
        self.all_runs().into_iter().filter(|r| r.run_id % self.shard.1 == self.shard.0).collect()
    }

    fn scenario(&self, spec: &RunSpec) -> Scenario {
        let mut s = grid::apply(&self.base, &self.axes, &self.points[spec.point]);
        s.seed = spec.seed;
        s
    }
}

fn unix_time() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// Run the batch; returns the number of runs done now (others were already complete).
pub fn run(batch: &Batch) -> Result<usize, String> {
    let io = |e: std::io::Error| format!("{}: {e}", batch.out.display());
    std::fs::create_dir_all(&batch.out).map_err(io)?;
    let started = unix_time();
    let paths: Vec<String> = batch.axes.iter().map(|a| a.path.clone()).collect();
    let kpis = output::kpi_names(&Default::default());
    let runs_csv = batch.out.join("runs.csv");
    let (mut runs_file, done) =
        output::open_appending(&runs_csv, &output::runs_header(&paths, &kpis), batch.resume).map_err(io)?;
    let ts_csv = batch.out.join("timeseries.csv");
    let mut ts_file = if batch.timeseries {
        let (f, ts_done) = output::open_appending(&ts_csv, &output::timeseries_header(), batch.resume).map_err(io)?;
        if ts_done.iter().any(|id| !done.contains(id)) {
            drop(f);
            retain_runs(&ts_csv, &done).map_err(io)?;
            Some(std::fs::OpenOptions::new().append(true).open(&ts_csv).map_err(io)?)
        } else {
            Some(f)
        }
    } else {
        None
    };
    let todo: Vec<RunSpec> = batch.shard_runs().into_iter().filter(|r| !done.contains(&r.run_id)).collect();
    if !done.is_empty() {
        eprintln!("batch: resuming, {} runs already complete in {}", done.len(), runs_csv.display());
    }
    let mut progress = progress::Progress::new("batch", todo.len());
    let scenario_of = |spec: &RunSpec| batch.scenario(spec);
    runner::run_in_order(&todo, batch.jobs, batch.timeseries, &scenario_of, |r| {
        if let Some(f) = ts_file.as_mut() {
            f.write_all(output::timeseries_rows(&r, &r.timeseries).as_bytes())?;
            f.flush()?;
        }
        let line = output::runs_row(&r, &batch.points[r.spec.point], &r.summary.scenario_hash, &kpis);
        runs_file.write_all(line.as_bytes())?;
        runs_file.flush()?;
        progress.tick();
        Ok::<(), std::io::Error>(())
    })
    .map_err(io)?;
    runs_file.sync_all().map_err(io)?;
    output::csv_to_parquet(&runs_csv, &batch.out.join("runs.parquet"), 4096)?;
    if batch.timeseries {
        output::csv_to_parquet(&ts_csv, &batch.out.join("timeseries.parquet"), 65536)?;
    }
    write_manifest(batch, started, todo.len()).map_err(io)?;
    Ok(todo.len())
}

/// Keep only the rows of `path` whose run id is in `keep` (after an interrupted batch).
fn retain_runs(path: &std::path::Path, keep: &std::collections::BTreeSet<u64>) -> std::io::Result<()> {
    use std::io::BufRead;
    let partial = path.with_extension("csv.partial");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&partial)?);
    for (i, line) in std::io::BufReader::new(std::fs::File::open(path)?).lines().enumerate() {
        let line = line?;
        let id = line.split(',').next().and_then(|x| x.parse::<u64>().ok());
        if i == 0 || id.is_some_and(|id| keep.contains(&id)) {
            writeln!(out, "{line}")?;
        }
    }
    out.flush()?;
    drop(out);
    std::fs::rename(partial, path)
}

fn write_manifest(batch: &Batch, started: u64, ran: usize) -> std::io::Result<()> {
    let all = batch.all_runs();
    let manifest = serde_json::json!({
        "scenario": batch.base.name,
        "scenario_hash": batch.base.hash_hex(),
        "version": crate::VERSION,
        "design": batch.design,
        "grid": batch.axes.iter().map(|a| serde_json::json!({"path": a.path, "values": a.values})).collect::<Vec<_>>(),
        "points": batch.points,
        "replicates": batch.replicates,
        "seeds": (0..batch.replicates).map(|k| replicate_seed(batch.base.seed, k)).collect::<Vec<_>>(),
        "shard": format!("{}/{}", batch.shard.0, batch.shard.1),
        "runs_total": all.len(),
        "runs_in_shard": batch.shard_runs().len(),
        "runs_this_invocation": ran,
        "started_unix": started,
        "finished_unix": unix_time(),
    });
    let path = batch.out.join("manifest.json");
    let partial = batch.out.join("manifest.json.partial");
    std::fs::write(&partial, serde_json::to_string_pretty(&manifest).map_err(std::io::Error::other)? + "\n")?;
    std::fs::rename(partial, path)
}
