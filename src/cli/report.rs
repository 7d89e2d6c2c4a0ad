//! `salesim report`: the validation report against published figures (docs/VALIDATION.md).

use super::{EXIT_INVALID, load_or_report};
use crate::report::{checks, markdown, run_all};
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
    /// Do not write: exit 1 if the report at --out differs from what the code produces now.
    #[arg(long)]
    pub check: bool,
}

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
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    let terminal = std::io::stderr().is_terminal();
    let progress = |done: usize, all: usize| {
        if terminal {
            eprint!("\rreport: {done}/{all} runs");
        } else if done % 50 == 0 || done == all {
            eprintln!("report: {done}/{all} runs");
        }
    };
    let results = run_all(&scenarios, args.seeds, jobs, &progress);
    if terminal {
        eprintln!();
    }
    let text = markdown::render(&results, &scenarios, args.seeds);
    if args.check {
        let current = std::fs::read_to_string(&args.out).unwrap_or_default();
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
    let partial = args.out.with_extension("md.partial");
    if let Err(e) = std::fs::write(&partial, &text).and_then(|_| std::fs::rename(&partial, &args.out)) {
        eprintln!("error: writing {}: {e}", args.out.display());
        return 1;
    }
    let passed = checks::PATTERNS.iter().filter(|p| checks::evaluate(&results, &p.check).pass).count();
    println!("wrote {}: {passed} of {} pattern checks pass", args.out.display(), checks::PATTERNS.len());
    0
}
