//! `salesim report`: the validation report against published figures (docs/VALIDATION.md).

use super::{EXIT_INVALID, load_or_report};
use crate::report::{breakeven, checks, markdown, run_all, sensitivity, sensitivity_file};
use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Seeds per scenario (the same seeds for every scenario, so stories and remedies are paired).
    #[arg(long, default_value_t = 100)]
    pub seeds: u64,
    /// Worker threads (default: all cores). The report does not depend on it.
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Directory holding the bundled scenarios.
    #[arg(long, default_value = "scenarios")]
    pub scenarios: PathBuf,
    /// Where to write the report.
    #[arg(long, default_value = "docs/VALIDATION.md")]
    pub out: PathBuf,
    /// Seeds for the one-at-a-time sensitivity analysis (each behavioural parameter at ±20% in every
    /// scenario: about 2,400 runs per seed); at most --seeds. It is kept beside --out as
    /// <name>.sensitivity.json; 0 reuses the stored one, judging its changes against the results of
    /// this run. Default 10 (about 45 minutes on 2 cores), or 0 with --check.
    #[arg(long)]
    pub sensitivity_seeds: Option<u64>,
    /// Vary only the behavioural parameters whose path starts with this (e.g. `behaviour.churn.`).
    #[arg(long, default_value = "")]
    pub sensitivity_params: String,
    /// Do not write: exit 1 if the report at --out differs from what the code produces now.
    #[arg(long)]
    pub check: bool,
}

/// Seeds of the sensitivity table unless told otherwise.
const DEFAULT_SENSITIVITY_SEEDS: u64 = 10;

/// The scenarios the report's checks name, in a fixed order.
pub fn scenario_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = checks::PATTERNS
        .iter()
        .flat_map(|p| match p.check {
            checks::Check::Level { scenario, .. } => vec![scenario],
            checks::Check::Paired { a, b, .. } => vec![a, b],
        })
        .chain(checks::REMEDIES.iter().flat_map(|(a, b, _)| [*a, *b]))
        .chain(checks::STORIES.iter().map(|(s, _)| *s))
        .collect();
    names.sort();
    names.dedup();
    names
}

pub fn report(args: ReportArgs) -> i32 {
    let mut scenarios = Vec::new();
    for name in scenario_names() {
        let Some(s) = load_or_report(&args.scenarios.join(format!("{name}.ron"))) else { return EXIT_INVALID };
        scenarios.push(s);
    }
    if args.seeds < 2 {
        eprintln!("error: --seeds must be at least 2 to give intervals");
        return EXIT_INVALID;
    }
    let sensitivity_seeds = args.sensitivity_seeds.unwrap_or(if args.check { 0 } else { DEFAULT_SENSITIVITY_SEEDS });
    if sensitivity_seeds == 1 || sensitivity_seeds > args.seeds {
        eprintln!("error: --sensitivity-seeds must be 0 (keep the table) or 2 to --seeds ({})", args.seeds);
        return EXIT_INVALID;
    }
    let paths: Vec<String> = crate::scenario::params::behavioural_paths()
        .into_iter()
        .filter(|p| p.starts_with(&args.sensitivity_params))
        .collect();
    if paths.is_empty() {
        eprintln!(
            "error: --sensitivity-params `{}` matches no behavioural parameter (see `salesim params`)",
            args.sensitivity_params
        );
        return EXIT_INVALID;
    }
    // A stored analysis is read (and refused if broken) before any run.
    let stored_at = sensitivity_file::path_for(&args.out);
    let stored = match (sensitivity_seeds, sensitivity_file::read(&stored_at)) {
        (0, Ok(a)) => Some(a),
        (0, Err(e)) => {
            eprintln!("error: {e}");
            return EXIT_INVALID;
        }
        _ => None,
    };
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    let terminal = std::io::stderr().is_terminal();
    let progress = |done: usize, all: usize| {
        if terminal {
            eprint!("\rreport: {done}/{all} runs");
        } else if done % 50 == 0 || done == all {
            eprintln!("report: {done}/{all} runs");
        }
    };
    let baseline = scenarios.iter().find(|s| s.name == breakeven::SCENARIO).cloned();
    let mut runs = scenarios.clone();
    runs.extend(baseline.iter().flat_map(breakeven::variants));
    let results = run_all(&runs, args.seeds, jobs, &progress);
    if terminal {
        eprintln!();
    }
    let current = crate::output::read_at_most(&args.out, sensitivity_file::MAX_BYTES).unwrap_or_default();
    let analysis = if let Some(stored) = stored {
        stored
    } else {
        let progress = |done: usize, all: usize| {
            if terminal {
                eprint!("\rsensitivity: {done}/{all} runs");
            } else if done % 500 == 0 || done == all {
                eprintln!("sensitivity: {done}/{all} runs");
            }
        };
        let filter = if args.sensitivity_params.is_empty() {
            String::new()
        } else {
            format!(" --sensitivity-params {}", args.sensitivity_params)
        };
        // The analysis pairs with seeds 1..=sensitivity_seeds whatever --seeds is, so it names only its own.
        let command = format!("salesim report --sensitivity-seeds {sensitivity_seeds}{filter}");
        let a = sensitivity::analyse(&scenarios, &results, &paths, sensitivity_seeds, jobs, &command, &progress);
        if terminal {
            eprintln!();
        }
        Some(a)
    };
    let tools = breakeven::render(&results, baseline.map_or(0.0, |b| b.ownership.company_tools));
    let text = markdown::render(&results, &scenarios, args.seeds, &tools, analysis.as_ref());
    if args.check {
        if current == text {
            println!("{} is up to date", args.out.display());
            return 0;
        }
        eprintln!(
            "{} differs from the report the code produces now; run `salesim report --seeds {}`",
            args.out.display(),
            args.seeds
        );
        return 1;
    }
    // The analysis first: a report is never left naming an analysis that is not on disk.
    if let Some(a) = analysis.as_ref().filter(|_| sensitivity_seeds > 0) {
        if let Err(e) = sensitivity_file::write(&stored_at, a) {
            eprintln!("error: {e}");
            return 1;
        }
    }
    if let Err(e) = crate::output::write_atomically(&args.out, text.as_bytes()) {
        eprintln!("error: writing {}: {e}", args.out.display());
        return 1;
    }
    let passed = checks::PATTERNS.iter().filter(|p| checks::evaluate(&results, &p.check).pass).count();
    println!("wrote {}: {passed} of {} pattern checks pass", args.out.display(), checks::PATTERNS.len());
    0
}
