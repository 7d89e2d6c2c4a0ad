//! `salesim batch`: sweeps, replicates, Latin hypercubes, external designs, shards and resume.

use super::{EXIT_INVALID, load_or_report};
use crate::batch::design::{Outputs, Sampling, Shard};
use crate::batch::outdir::Refusal;
use crate::batch::{Batch, external, grid, limits};
use crate::calibrate::sweep;
use crate::run::resolve;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct BatchArgs {
    /// Base scenario (.ron).
    pub scenario: PathBuf,
    /// Replicates per design point (at most 100,000); replicate k uses the same seed at every point.
    #[arg(long, default_value_t = 10)]
    pub replicates: u64,
    /// Vary a parameter: PATH=V1,V2,... or PATH=lo..hi:n (n evenly spaced values), or PATH=lo..hi
    /// with --sample. Repeat for a full-factorial grid (at most 100,000 points). `salesim params`
    /// lists the paths; `seed` and `weeks` are not design parameters (use --replicates, --weeks).
    #[arg(long = "set", value_name = "PATH=VALUES")]
    pub set: Vec<String>,
    /// Sample the --set ranges instead of crossing them: lhs:N for an N-point Latin hypercube.
    #[arg(long, conflicts_with = "design")]
    pub sample: Option<String>,
    /// Run an external design: a CSV file with one column per parameter path and one row per
    /// point (SALib, EMA Workbench, pyDOE), run as it is. An unnamed first column is ignored.
    #[arg(long, value_name = "POINTS.csv", conflicts_with = "set")]
    pub design: Option<PathBuf>,
    /// Weeks per run (overrides the scenario).
    #[arg(long)]
    pub weeks: Option<u32>,
    /// Worker threads (default: all cores; at most 1,024). Outputs do not depend on it.
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Output directory (default: out/batch-<file name>). A directory that already holds a batch
    /// is refused unless --resume or --force.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Run only shard I of N (0-based), e.g. 2/8: runs whose id modulo N is I.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// Continue the batch in --out: keep its complete rows and run the rest. Refused (saying what
    /// differs) if the directory holds another design or shard.
    #[arg(long, conflicts_with = "force")]
    pub resume: bool,
    /// Remove the batch outputs already in --out (manifest, runs, timeseries, panels) and start afresh.
    #[arg(long)]
    pub force: bool,
    /// Also write every run's weekly series (timeseries.csv and timeseries.parquet, long form).
    #[arg(long)]
    pub timeseries: bool,
    /// Also write every run's reps, accounts and events as Parquet datasets partitioned by point:
    /// panels/<table>/point_id=<P>/run_<R>.parquet.
    #[arg(long)]
    pub panels: bool,
    /// A calibration's output folder (`salesim calibrate --out`): replicate k of every point runs
    /// posterior draw k (picked by weight from its posterior.csv, keyed by the scenario seed) on
    /// replicate k's seed, and intervals.csv gives each point's KPIs with a 90% interval that
    /// includes parameter uncertainty. The posterior's parameters cannot also be --set axes.
    #[arg(long, value_name = "DIR")]
    pub posterior: Option<PathBuf>,
}

pub(super) fn parse_shard(s: &str) -> Result<Shard, String> {
    let bad = || format!("--shard {s}: expected I/N with 0 <= I < N (shards are 0-based)");
    let (i, n) = s.split_once('/').ok_or_else(bad)?;
    let (index, count): (u64, u64) = (i.trim().parse().map_err(|_| bad())?, n.trim().parse().map_err(|_| bad())?);
    if count == 0 || index >= count {
        return Err(bad());
    }
    Ok(Shard { index, count })
}

/// The points of the design, how they were made, and the axes.
fn points(args: &BatchArgs, base: &crate::Scenario) -> Result<(Vec<grid::Axis>, Vec<Vec<String>>, Sampling), String> {
    if let Some(file) = &args.design {
        let (axes, points) = external::load(base, file)?;
        return Ok((axes, points, Sampling::External));
    }
    limits::at_most("--set: axes", args.set.len() as u64, limits::MAX_AXES as u64)?;
    let axes = args.set.iter().map(|a| grid::parse_axis(base, a)).collect::<Result<Vec<_>, _>>()?;
    let mut seen = std::collections::HashSet::new();
    if let Some(a) = axes.iter().find(|a| !seen.insert(a.path.as_str())) {
        return Err(format!("--set {}: given twice (each parameter is one axis)", a.path));
    }
    match &args.sample {
        None => Ok((axes.clone(), grid::full_factorial(&axes)?, Sampling::FullFactorial)),
        Some(spec) => {
            let n = spec
                .strip_prefix("lhs:")
                .and_then(|n| n.parse::<u64>().ok())
                .ok_or_else(|| format!("--sample {spec}: expected lhs:N"))?;
            let n = limits::at_most("--sample lhs:N", n, limits::MAX_POINTS)?;
            if axes.is_empty() {
                return Err("--sample needs at least one --set PATH=lo..hi range".into());
            }
            Ok((axes.clone(), grid::latin_hypercube(base, &axes, n as usize)?, Sampling::LatinHypercube { n }))
        }
    }
}

/// Build the batch from the arguments, checking everything before any file is written.
pub fn plan(args: &BatchArgs) -> Result<Batch, String> {
    limits::at_most("--replicates", args.replicates, limits::MAX_REPLICATES)?;
    if args.replicates == 0 {
        return Err("--replicates must be at least 1".into());
    }
    let jobs = limits::threads("--jobs", args.jobs)?;
    let shard = args.shard.as_deref().map(parse_shard).transpose()?.unwrap_or(Shard::WHOLE);
    let base = load_or_report(&args.scenario).ok_or_else(String::new)?;
    let base = resolve(base, None, args.weeks, &args.scenario)?;
    let (axes, points, sampling) = points(args, &grid::probe_base(&base))?;
    limits::runs(points.len() as u64, args.replicates)?;
    let replicate_params =
        args.posterior.as_ref().map(|dir| sweep::replicate_params(dir, &base, &axes, args.replicates)).transpose()?;
    let stem = args.scenario.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "batch".into());
    Ok(Batch {
        base,
        axes,
        points,
        sampling,
        replicates: args.replicates,
        jobs,
        out: args.out.clone().unwrap_or_else(|| PathBuf::from("out").join(format!("batch-{stem}"))),
        shard,
        resume: args.resume,
        force: args.force,
        outputs: Outputs { timeseries: args.timeseries, panels: args.panels },
        command: std::env::args().collect(),
        design_file: args.design.as_ref().map(|p| p.display().to_string()),
        replicate_params,
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
    eprintln!(
        "batch: {} × {} = {} runs ({} in shard {}), {}, into {}",
        plural(b.points.len(), "design point"),
        plural(b.replicates as usize, "replicate"),
        b.runs(),
        b.shard.runs(b.runs()),
        b.shard,
        plural(b.jobs, "job"),
        b.out.display()
    );
    let cost = crate::cost::of_batch(costliest_run(&b), b.shard.runs(b.runs()), b.jobs);
    match crate::cost::check("this batch", cost, crate::cost::memory_available()) {
        Ok(Some(estimate)) => eprintln!("{estimate}"),
        Ok(None) => {}
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_INVALID;
        }
    }
    match crate::batch::run(&b) {
        Ok(n) => {
            println!("batch: {n} runs done; {}/runs.csv, runs.parquet, manifest.json", b.out.display());
            if b.replicate_params.is_some() && b.shard == Shard::WHOLE {
                return posterior_intervals(&b.out);
            }
            0
        }
        Err(e) => refusal(e),
    }
}

/// The cost of the batch's largest run: the base scenario with each size the design varies at
/// its largest value.
fn costliest_run(b: &Batch) -> crate::cost::Cost {
    const SIZES: [&str; 4] = ["market.accounts", "market.prospects", "sales_force.reps", "hiring.target_headcount"];
    let mut s = b.base.clone();
    for (i, axis) in b.axes.iter().enumerate().filter(|(_, a)| SIZES.contains(&a.path.as_str())) {
        let largest = b.points.iter().filter_map(|p| p.get(i)?.trim().parse::<f64>().ok()).fold(0.0, f64::max);
        if largest > 0.0 {
            let _ = crate::scenario::params::set(&mut s, &axis.path, &format!("{}", largest.round() as u64));
        }
    }
    crate::cost::of_run(&s)
}

/// Write a sweep's intervals under its posterior (`intervals.csv`); the exit code.
pub fn posterior_intervals(out: &std::path::Path) -> i32 {
    match sweep::write_intervals(out) {
        Ok(()) => {
            println!("batch: intervals over the posterior draws in {}/{}", out.display(), sweep::FILE);
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}

/// Print a refusal; its exit code (2 for invalid use, 1 for a file-system failure).
pub fn refusal(e: Refusal) -> i32 {
    match e {
        Refusal::Refused(m) => {
            eprintln!("error: {m}");
            EXIT_INVALID
        }
        Refusal::Io(m) => {
            eprintln!("error: {m}");
            1
        }
    }
}

/// "1 job", "2 jobs".
fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}
