//! `salesim batch`: sweeps, replicates, Latin hypercubes, shards and resume.

use super::run::resolve;
use super::{EXIT_INVALID, load_or_report};
use crate::batch::{Batch, grid};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct BatchArgs {
    /// Base scenario (.ron).
    pub scenario: PathBuf,
    /// Replicates per design point; replicate k uses the same seed at every point.
    #[arg(long, default_value_t = 10)]
    pub replicates: u64,
    /// Vary a parameter: PATH=V1,V2,... or PATH=lo..hi:n (n evenly spaced values), or PATH=lo..hi
    /// with --sample. Repeat for a full-factorial grid. `salesim params` lists the paths.
    #[arg(long = "set", value_name = "PATH=VALUES")]
    pub set: Vec<String>,
    /// Sample the --set ranges instead of crossing them: lhs:N for an N-point Latin hypercube.
    #[arg(long)]
    pub sample: Option<String>,
    /// Weeks per run (overrides the scenario).
    #[arg(long)]
    pub weeks: Option<u32>,
    /// Worker threads (default: all cores). Outputs do not depend on it.
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Output directory (default: out/batch-<file name>).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Run only shard I of N (0-based), e.g. 2/8: runs whose id modulo N is I.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// Skip runs already complete in the output directory.
    #[arg(long)]
    pub resume: bool,
    /// Also write every run's weekly series (timeseries.csv and timeseries.parquet, long form).
    #[arg(long)]
    pub timeseries: bool,
}

fn parse_shard(s: &str) -> Result<(u64, u64), String> {
    let bad = || format!("--shard {s}: expected I/N with 0 <= I < N");
    let (i, n) = s.split_once('/').ok_or_else(bad)?;
    let (i, n): (u64, u64) = (i.trim().parse().map_err(|_| bad())?, n.trim().parse().map_err(|_| bad())?);
    if n == 0 || i >= n {
        return Err(bad());
    }
    Ok((i, n))
}

/// Build the batch from the arguments, checking everything before any file is written.
pub fn plan(args: &BatchArgs) -> Result<Batch, String> {
    let base = load_or_report(&args.scenario).ok_or_else(String::new)?;
    let base = resolve(base, None, args.weeks, &args.scenario)?;
    if args.replicates == 0 {
        return Err("--replicates must be at least 1".into());
    }
    let axes = args.set.iter().map(|a| grid::parse_axis(&base, a)).collect::<Result<Vec<_>, _>>()?;
    let (points, design) = match &args.sample {
        None => (grid::full_factorial(&axes)?, "full_factorial".to_string()),
        Some(spec) => {
            let n = spec
                .strip_prefix("lhs:")
                .and_then(|n| n.parse::<usize>().ok())
                .ok_or_else(|| format!("--sample {spec}: expected lhs:N"))?;
            if axes.is_empty() {
                return Err("--sample needs at least one --set PATH=lo..hi range".into());
            }
            (grid::latin_hypercube(&base, &axes, n)?, format!("latin_hypercube:{n}"))
        }
    };
    let shard = args.shard.as_deref().map(parse_shard).transpose()?.unwrap_or((0, 1));
    let stem = args.scenario.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "batch".into());
    Ok(Batch {
        base,
        axes,
        points,
        design,
        replicates: args.replicates,
        jobs: args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)).max(1),
        out: args.out.clone().unwrap_or_else(|| PathBuf::from("out").join(format!("batch-{stem}"))),
        shard,
        resume: args.resume,
        timeseries: args.timeseries,
    })
}

pub fn batch(args: BatchArgs) -> i32 {
    let b = match plan(&args) {
        Ok(b) => b,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("error: {e}");
            }
            return EXIT_INVALID;
        }
    };
    let runs = b.shard_runs().len();
    eprintln!(
        "batch: {} × {} = {} runs ({} in shard {}/{}), {}, into {}",
        plural(b.points.len(), "design point"),
        plural(b.replicates as usize, "replicate"),
        b.all_runs().len(),
        runs,
        b.shard.0,
        b.shard.1,
        plural(b.jobs, "job"),
        b.out.display()
    );
    match crate::batch::run(&b) {
        Ok(n) => {
            println!("batch: {n} runs done; {}/runs.csv, runs.parquet, manifest.json", b.out.display());
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}

/// "1 job", "2 jobs".
fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}
