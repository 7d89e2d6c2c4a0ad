//! `salesim calibrate SCENARIO --observed F --params P`: fit the parameters of P to a company's
//! figures F by ABC-SMC and write the posterior, its summary, checks and plot (`src/calibrate/`,
//! docs/CALIBRATION.md), storing its state after every generation for `--resume`; with
//! `--shard I/N`, one shard's runs of the next batch (`src/calibrate/shards.rs`). Every input is
//! checked before any run; a bad one exits 2.

use super::{EXIT_INVALID, load_or_report};
use crate::batch::design::Shard;
use crate::calibrate::abc::State;
use crate::calibrate::checkpoint::{self, Checkpoint, Inputs, text_hash};
use crate::calibrate::fit::{self, Text, calibrate_with};
use crate::calibrate::shards::RunCache;
use crate::calibrate::{Request, output};
use crate::run::resolve;
use crate::scenario::load::read_text;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct CalibrateArgs {
    /// Scenario to calibrate (.ron): everything not in --params stays as it is there.
    pub scenario: PathBuf,
    /// The company's figures: CSV `measure,value[,sd][,n][,window]` (measures as `salesim kpis` prints them).
    #[arg(long, value_name = "FIGURES.csv")]
    pub observed: PathBuf,
    /// The priors: RON list of `(path: "careers.quit_rate_annual", prior: Uniform(0.02, 0.3))`
    /// (or `LogUniform(lo, hi)`), paths from `salesim params`.
    #[arg(long = "params", value_name = "PRIORS.ron")]
    pub priors: PathBuf,
    /// Runs to spend in all: --population check runs at the end, the rest for the generations
    /// (at least 2 × --population for the first).
    #[arg(long, default_value_t = 2_000)]
    pub budget: usize,
    /// Particles kept in each generation.
    #[arg(long, default_value_t = 100)]
    pub population: usize,
    /// Worker threads (default: all cores). The posterior does not depend on it.
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Seed of the calibration's draws and of every run's seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Weeks per run (overrides the scenario).
    #[arg(long)]
    pub weeks: Option<u32>,
    /// Output directory.
    #[arg(long, default_value = "out/calibrate")]
    pub out: PathBuf,
    /// An observed measure to leave out of the fit and only check (repeatable).
    #[arg(long = "hold-out", value_name = "MEASURE")]
    pub hold_out: Vec<String>,
    /// Continue the calibration stored in --out after its last finished generation. Refused,
    /// saying what differs, if the scenario, observed file, priors or settings have changed.
    #[arg(long, conflicts_with = "force")]
    pub resume: bool,
    /// Start afresh even if --out holds a calibration.
    #[arg(long)]
    pub force: bool,
    /// On a cluster: replay the calibration from the runs stored in --out, do shard I of N's runs
    /// (0-based) of the first batch not yet done into --out/shard-I/runs.csv, and stop; print
    /// `pending`, or `complete` once every run is done. `salesim merge --out` joins the shards'
    /// runs; a last run without --shard writes the posterior, the same bytes as unsharded.
    #[arg(long, value_name = "I/N", conflicts_with_all = ["resume", "force"])]
    pub shard: Option<String>,
}

/// The fingerprint of the inputs, stored with every checkpoint.
fn inputs(args: &CalibrateArgs, r: &Request) -> Result<Inputs, Vec<String>> {
    let text = |p: &PathBuf| std::fs::read_to_string(p).map_err(|e| vec![format!("{}: {e}", p.display())]);
    Ok(Inputs {
        version: env!("CARGO_PKG_VERSION").to_string(),
        scenario_hash: r.scenario.hash_hex(),
        observed_hash: text_hash(&text(&args.observed)?),
        priors_hash: text_hash(&text(&args.priors)?),
        seed: args.seed,
        population: args.population,
        budget: args.budget,
        held_out: r.held_out.iter().map(|m| m.name().to_string()).collect(),
    })
}

/// The stored state to resume from, if --resume; refusals as messages (exit 2).
fn stored_state(args: &CalibrateArgs, now: &Inputs) -> Result<Option<State>, Vec<String>> {
    let stored = checkpoint::load(&args.out).map_err(|e| vec![e])?;
    match (stored, args.resume, args.force) {
        (None, true, _) => Err(vec![format!("--resume: {} holds no calibration to resume", args.out.display())]),
        (None, false, _) | (Some(_), false, true) => Ok(None),
        (Some(_), false, false) => Err(vec![format!(
            "{} already holds a calibration: --resume to continue it, or --force to start afresh",
            args.out.display()
        )]),
        (Some(c), true, _) => {
            let differences = checkpoint::differences(&c.inputs, now);
            if differences.is_empty() {
                Ok(Some(c.state))
            } else {
                Err(differences.into_iter().map(|d| format!("--resume refused: {d}")).collect())
            }
        }
    }
}

/// Check every input; the request, or the messages to print before exiting 2.
fn prepare(args: &CalibrateArgs) -> Result<Request, Vec<String>> {
    let Some(scenario) = load_or_report(&args.scenario) else { return Err(vec![]) };
    let scenario = resolve(scenario, None, args.weeks, &args.scenario).map_err(|e| vec![e])?;
    let text = |p: &PathBuf| read_text(p).map_err(|e| vec![e.to_string()]);
    let (observed, priors) = (text(&args.observed), text(&args.priors));
    let (observed, priors) = match (observed, priors) {
        (Ok(o), Ok(p)) => (o, p),
        (o, p) => return Err(o.err().into_iter().chain(p.err()).flatten().collect()),
    };
    let (observed_name, priors_name) = (args.observed.display().to_string(), args.priors.display().to_string());
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    fit::request(
        scenario,
        Text { name: &observed_name, text: &observed },
        Text { name: &priors_name, text: &priors },
        &args.hold_out,
        args.budget,
        args.population,
        args.seed,
        jobs,
    )
}

/// One shard's round: its runs of the first batch not yet done; the exit code.
fn run_shard(args: &CalibrateArgs, request: &Request, now: &Inputs, shard: Shard) -> i32 {
    let cache = match RunCache::load(&args.out, now, Some(shard)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_INVALID;
        }
    };
    let outcome = calibrate_with(request, None, |_| {}, Some(&cache));
    let written = match cache.write_shard(&args.out) {
        Ok(path) => path,
        Err(e) => {
            eprintln!("error: writing shard {shard} in {}: {e}", args.out.display());
            return 1;
        }
    };
    let (status, next) = match outcome {
        Ok(_) => ("complete", "every run is done: run once more without --shard to write the posterior"),
        Err(_) => ("pending", "merge the shards (`salesim merge`), then run the next round"),
    };
    eprintln!(
        "calibrate: shard {shard}: {} runs stored, {} done now into {}; {next}",
        cache.known(),
        cache.done(),
        written.display()
    );
    println!("{status}");
    0
}

pub fn run(args: CalibrateArgs) -> i32 {
    let shard = args.shard.as_deref().map(super::batch::parse_shard).transpose().map_err(|e| vec![e]);
    let prepared = shard.and_then(|shard| {
        let r = prepare(&args)?;
        let now = inputs(&args, &r)?;
        let resume = if shard.is_some() { None } else { stored_state(&args, &now)? };
        Ok((r, now, resume, shard))
    });
    let (request, now, resume, shard) = match prepared {
        Ok(r) => r,
        Err(messages) => {
            for m in messages {
                eprintln!("error: {m}");
            }
            return EXIT_INVALID;
        }
    };
    if let Some(shard) = shard {
        return run_shard(&args, &request, &now, shard);
    }
    let cache = match RunCache::load(&args.out, &now, None) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_INVALID;
        }
    };
    let plan = request.plan;
    eprintln!(
        "calibrating {} parameters to {} measures with {} particles: up to {} runs in generations, then {} check runs, on {} jobs",
        request.parameters.len(),
        request.observed.len(),
        plan.population,
        plan.smc_runs,
        plan.checks,
        request.jobs
    );
    if args.force && resume.is_none() {
        let _ = std::fs::remove_file(args.out.join(checkpoint::FILE));
    }
    if let Some(state) = &resume {
        eprintln!("  resuming after generation {} ({} runs left)", state.generations.len() - 1, state.left);
    }
    if cache.known() > 0 {
        eprintln!("  {} runs already done by shards (in {}/runs.csv)", cache.known(), args.out.display());
    }
    let started = std::time::Instant::now();
    let mut stored = Ok(());
    let c = calibrate_with(
        &request,
        resume,
        |state| {
            let g = state.generations.last().expect("a state has a generation");
            eprintln!(
                "  generation {}: {} runs, tolerance {:.4}, effective sample size {:.0} ({:.0} s)",
                g.index,
                g.simulations,
                g.tolerance,
                g.ess,
                started.elapsed().as_secs_f64()
            );
            if stored.is_ok() {
                stored = checkpoint::save(&args.out, &Checkpoint { inputs: now.clone(), state: state.clone() });
            }
        },
        Some(&cache),
    )
    .expect("without --shard every run is done here");
    if let Err(e) = stored {
        eprintln!("error: storing the checkpoint in {}: {e}", args.out.display());
        return 1;
    }
    if let Err(e) = output::write_all(&args.out, &c) {
        eprintln!("error: writing {}: {e}", args.out.display());
        return 1;
    }
    print!("{}", output::printed(&c));
    println!(
        "\noutputs in {}/: posterior.csv posterior.parquet summary.csv correlations.csv checks.csv generations.csv calibration.svg",
        args.out.display()
    );
    0
}
