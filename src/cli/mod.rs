//! The command line: `demo`, `run`, `explain`, `validate`, `params`, `report`, `batch`, `merge`,
//! `compare`, `kpis`, `calibrate`, `bench`, and the workshop game's `serve` and `bot`.

pub mod batch;
pub mod bench;
pub mod calibrate;
pub mod compare;
pub mod demo;
pub mod explain;
pub mod kpis;
pub mod merge;
pub mod report;
pub mod run;
pub mod scorecard;
#[cfg(all(feature = "serve", not(target_arch = "wasm32")))]
pub mod serve;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Exit code for invalid input (scenario or arguments).
pub const EXIT_INVALID: i32 = 2;

#[derive(Parser, Debug)]
#[command(name = "salesim", version, about = "Agent-based simulation of a sales organisation: customer ownership, pay, churn, poaching and loyalty.", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open the live workshop view on a scenario (the default when salesim is run with no command).
    Demo(demo::DemoArgs),
    /// Run one scenario headless and write timeseries.csv, events.csv, reps.csv, accounts.csv, deals.csv and summary.json.
    Run(run::RunArgs),
    /// Why did this customer leave (or what became of this rep)? Tell its story in plain words from
    /// a run's events.csv: headline, cause chain and history.
    Explain(explain::ExplainArgs),
    /// The productivity scorecard of a run (seed 002), from its reps.csv: the force's card year by
    /// year, and who is successful (revenue) against who is productive (contribution per hour).
    Scorecard(scorecard::ScorecardArgs),
    /// Check scenario files; exit 0 if all are valid, else print file:line:column: field: problem and exit 2.
    Validate {
        /// Scenario files (.ron).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List every parameter path a timeline `Set` event (or a batch `--set`) can change, with its value in a scenario.
    Params {
        /// Scenario whose values to show (default: scenarios/baseline.ron).
        #[arg(default_value = "scenarios/baseline.ron")]
        scenario: PathBuf,
    },
    /// Run the bundled stories, remedies and baseline over paired seeds and write docs/VALIDATION.md.
    Report(report::ReportArgs),
    /// Sweep parameters over replicates on all cores, resumable and shardable: runs.csv, runs.parquet, manifest.json.
    Batch(batch::BatchArgs),
    /// Merge the shard directories of a sharded batch (DIR/shard-*) into DIR, checking that every
    /// shard holds the same design, is complete, and that no run is missing, duplicated or torn;
    /// otherwise nothing is written and the problem is named (the shard's file and line), exit 2.
    Merge(merge::MergeArgs),
    /// Paired runs of two scenarios: each KPI for A, B and B − A with its SD and a 95% Student-t interval.
    Compare(compare::CompareArgs),
    /// The calibration measures of a run's output folder, as `measure,value` CSV (the format of
    /// `calibrate --observed`).
    Kpis(kpis::KpisArgs),
    /// Fit parameters to a company's own figures by ABC-SMC and say how sure the fit is: posterior
    /// draws, intervals, identification verdicts, correlations, a predictive check and a plot.
    Calibrate(calibrate::CalibrateArgs),
    /// Measure simulation speed in active customer-weeks per second on one core (and peak memory).
    Bench(bench::BenchArgs),
    /// Serve the workshop game: teams lead rival firms of one market from their browsers, a
    /// facilitator runs the rounds and debriefs (docs/WORKSHOP.md). Prints the facilitator's link.
    #[cfg(all(feature = "serve", not(target_arch = "wasm32")))]
    Serve(serve::ServeArgs),
    /// Join a game as a team played by a simple policy (to fill an empty seat, or to test).
    #[cfg(all(feature = "serve", not(target_arch = "wasm32")))]
    Bot(serve::BotArgs),
}

/// Load a scenario or print its problems; `None` means the caller should exit with code 2.
pub fn load_or_report(path: &std::path::Path) -> Option<crate::Scenario> {
    match crate::scenario::load::load_file(path) {
        Ok(s) => Some(s),
        Err(errors) => {
            for e in errors {
                eprintln!("error: {e}");
            }
            None
        }
    }
}

/// Run the command line; returns the process exit code.
pub fn main_with(cli: Cli) -> i32 {
    match cli.command {
        #[cfg(feature = "live")]
        // `salesim` alone is `salesim demo` with its defaults.
        None => main_with(Cli::parse_from(["salesim", "demo"])),
        #[cfg(not(feature = "live"))]
        None => {
            use clap::CommandFactory;
            let _ = Cli::command().print_help();
            println!();
            0
        }
        Some(Command::Run(args)) => run::run(args),
        Some(Command::Demo(args)) => demo::demo(args),
        Some(Command::Explain(args)) => explain::explain(args),
        Some(Command::Scorecard(args)) => scorecard::scorecard(args),
        Some(Command::Validate { files }) => {
            let mut code = 0;
            for f in files {
                match load_or_report(&f) {
                    Some(s) => println!(
                        "{}: ok (scenario `{}`, {} weeks, hash {})",
                        f.display(),
                        s.name,
                        s.weeks,
                        s.hash_hex()
                    ),
                    None => code = EXIT_INVALID,
                }
            }
            code
        }
        Some(Command::Params { scenario }) => {
            let Some(s) = load_or_report(&scenario) else { return EXIT_INVALID };
            for p in crate::scenario::params::listing(&s) {
                match p.doc {
                    Some(doc) => println!("{} = {}  # {doc}", p.path, p.value),
                    None => println!("{} = {}", p.path, p.value),
                }
            }
            for (i, f) in s.firms.iter().enumerate() {
                let entry = match crate::scenario::firms::entry_week(&s, i) {
                    0 => "in the market from the start".to_string(),
                    w => format!("enters the market in week {w}"),
                };
                let price = match f.price_cut {
                    0.0 => "sells at the industry's list price".to_string(),
                    c => format!("sells {:.0}% below the industry's list price", c * 100.0),
                };
                println!("\n# firms[{i}] {} ({entry}; {price}): where it differs from the above", f.name);
                match crate::scenario::firms::firm_listing(&s, i) {
                    Ok(diff) => diff.iter().for_each(|p| println!("{} = {}", p.path, p.value)),
                    Err(e) => println!("# {}: {}", e.path, e.message),
                }
            }
            0
        }
        Some(Command::Bench(args)) => bench::bench(args),
        Some(Command::Batch(args)) => batch::batch(args),
        Some(Command::Merge(args)) => merge::merge(args),
        Some(Command::Compare(args)) => compare::run(args),
        Some(Command::Report(args)) => report::report(args),
        Some(Command::Kpis(args)) => kpis::kpis(args),
        Some(Command::Calibrate(args)) => calibrate::run(args),
        #[cfg(all(feature = "serve", not(target_arch = "wasm32")))]
        Some(Command::Serve(args)) => serve::serve(args),
        #[cfg(all(feature = "serve", not(target_arch = "wasm32")))]
        Some(Command::Bot(args)) => serve::bot(args),
    }
}
