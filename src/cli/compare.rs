//! `salesim compare A.ron B.ron`: paired runs of two scenarios, KPI by KPI; with `--posterior DIR`,
//! over parameter sets drawn from a calibration's posterior (`src/calibrate/decide.rs`).

use super::{EXIT_INVALID, load_or_report};
use crate::batch::{compare, limits};
use crate::calibrate::decide;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct CompareArgs {
    /// Scenario A (.ron).
    pub a: PathBuf,
    /// Scenario B (.ron).
    pub b: PathBuf,
    /// Paired seeds (derived from A's seed; B runs on the same ones); 2 to 100,000.
    #[arg(long, default_value_t = 30)]
    pub replicates: u64,
    /// Worker threads (default: all cores; at most 1,024).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Directory for compare.csv and compare.md (default: out/compare-<A>-<B>).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// A calibration's output folder (`salesim calibrate --out`): run the pair over parameter sets
    /// drawn from its posterior.csv instead of the scenarios' own values, one seed per draw, and
    /// report each KPI's effect with a 90% interval that includes parameter uncertainty.
    #[arg(long, value_name = "DIR")]
    pub posterior: Option<PathBuf>,
    /// Posterior draws with --posterior (2 to 100,000).
    #[arg(long, default_value_t = 100, requires = "posterior")]
    pub draws: u64,
}

pub fn run(args: CompareArgs) -> i32 {
    let (Some(a), Some(b)) = (load_or_report(&args.a), load_or_report(&args.b)) else { return EXIT_INVALID };
    if args.replicates < 2 {
        eprintln!("error: --replicates must be at least 2 to give intervals");
        return EXIT_INVALID;
    }
    let bounded = limits::at_most("--replicates", args.replicates, limits::MAX_REPLICATES)
        .and_then(|_| limits::threads("--jobs", args.jobs));
    let jobs = match bounded {
        Ok(jobs) => jobs,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_INVALID;
        }
    };
    let (csv, md) = match &args.posterior {
        None => {
            let rows = compare::compare(&a, &b, args.replicates, jobs);
            (compare::to_csv(&rows), compare::to_markdown(&rows, &a.name, &b.name, args.replicates))
        }
        Some(dir) => {
            let draws = match decide::read_posterior(dir)
                .and_then(|d| limits::at_most("--draws", args.draws, limits::MAX_REPLICATES).map(|_| d))
            {
                Ok(d) if args.draws >= 2 => d,
                Ok(_) => {
                    eprintln!("error: --draws must be at least 2 to give intervals");
                    return EXIT_INVALID;
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    return EXIT_INVALID;
                }
            };
            match decide::compare(&a, &b, &draws, args.draws as usize, jobs) {
                Ok(rows) => (decide::to_csv(&rows), decide::to_markdown(&rows, &a.name, &b.name, args.draws as usize)),
                Err(e) => {
                    eprintln!("error: {e}");
                    return EXIT_INVALID;
                }
            }
        }
    };
    print!("{md}");
    let stem = |p: &PathBuf| p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let dir =
        args.out.unwrap_or_else(|| PathBuf::from("out").join(format!("compare-{}-{}", stem(&args.a), stem(&args.b))));
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("compare.csv"), &csv)?;
        std::fs::write(dir.join("compare.md"), &md)
    };
    match write() {
        Ok(()) => {
            println!("\nwritten to {}/compare.csv and compare.md", dir.display());
            0
        }
        Err(e) => {
            eprintln!("error: writing {}: {e}", dir.display());
            1
        }
    }
}
