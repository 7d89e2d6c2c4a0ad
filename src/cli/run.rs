//! `salesim run`: one scenario, headless, to files.

use super::{EXIT_INVALID, load_or_report};
use crate::output::writer::{RunMeta, RunWriter};
use crate::sim::metrics::Summary;
use crate::{Scenario, Simulation};
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct RunArgs {
    /// Scenario file (.ron).
    pub scenario: PathBuf,
    /// Random seed (overrides the scenario's `seed`).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Weeks to simulate (overrides the scenario's `weeks`; 1 to 5200).
    #[arg(long)]
    pub weeks: Option<u32>,
    /// Output directory (default: out/<scenario file name>).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Threads in bevy's task pool (default: all cores). Outputs do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Apply `--seed` and `--weeks` and re-check the result. A shorter run drops the timeline events
/// it no longer reaches (saying so on stderr).
pub fn resolve(mut s: Scenario, seed: Option<u64>, weeks: Option<u32>, file: &Path) -> Result<Scenario, String> {
    if let Some(seed) = seed {
        s.seed = seed;
    }
    if let Some(w) = weeks {
        s.weeks = w;
        let before = s.timeline.len();
        s.timeline.retain(|e| e.week < w);
        if s.timeline.len() < before {
            eprintln!(
                "note: {} timeline event(s) at week {w} or later are not reached in a {w}-week run",
                before - s.timeline.len()
            );
        }
    }
    let problems = crate::scenario::validate::problems(&s);
    match problems.first() {
        None => Ok(s),
        Some(p) => {
            Err(format!("{}: with the command-line overrides, field `{}`: {}", file.display(), p.path, p.message))
        }
    }
}

/// Simulate to the end, writing every tick's rows as they come.
pub fn simulate_to(scenario: Scenario, dir: &Path) -> std::io::Result<Summary> {
    let meta = RunMeta { scenario: scenario.name.clone(), scenario_hash: scenario.hash_hex(), seed: scenario.seed };
    let mut writer = RunWriter::create(dir, &meta)?;
    let mut sim = Simulation::new(scenario);
    while sim.step() {
        writer.write(&sim.drain())?;
    }
    let summary = sim.summary();
    writer.finish(&summary)?;
    Ok(summary)
}

fn money(v: f64) -> String {
    if v.abs() >= 1e6 { format!("${:.1}M", v / 1e6) } else { format!("${:.0}k", v / 1e3) }
}

fn pct(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

/// The one-screen human summary.
pub fn print_summary(s: &Summary, dir: &Path) {
    println!(
        "salesim {} · scenario `{}` (hash {}) · seed {} · {} weeks",
        s.version, s.scenario, s.scenario_hash, s.seed, s.weeks
    );
    println!();
    println!(
        "  revenue            {} total, {} in the final year",
        money(s.total_revenue),
        money(s.revenue_final_year)
    );
    println!(
        "  customers          {} won, {} lost ({} a year), {} followed a departing rep",
        s.customers_won,
        s.customers_lost,
        pct(s.annual_customer_churn),
        s.customers_followed_rep
    );
    println!("  reps               {} hired, {} quit, {} poached", s.reps_hired, s.reps_quit, s.reps_poached);
    println!(
        "  rep turnover       {} a year; first-year reps {}; reps with 3+ years {}",
        pct(s.annual_rep_turnover),
        pct(s.first_year_rep_turnover),
        pct(s.tenured_rep_turnover)
    );
    println!(
        "  on a rep leaving   {} of its accounts followed, {} were lost in all",
        pct(s.follow_share_on_departure),
        pct(s.lost_share_on_departure)
    );
    println!(
        "  rep pay            {} a year (final year), {} variable",
        money(s.avg_rep_pay_final_year),
        pct(s.variable_pay_share)
    );
    println!(
        "  cost of sales      {} of revenue; quota = {:.1}× pay",
        pct(s.cost_of_sales_ratio),
        s.quota_to_pay_ratio
    );
    println!(
        "  time on hunting    {} of hours; vacancies open {:.1} weeks",
        pct(s.hunting_hours_share),
        s.mean_vacancy_weeks
    );
    println!();
    println!("  outputs in {}/: timeseries.csv events.csv reps.csv accounts.csv summary.json", dir.display());
}

pub fn run(args: RunArgs) -> i32 {
    let Some(s) = load_or_report(&args.scenario) else { return EXIT_INVALID };
    let s = match resolve(s, args.seed, args.weeks, &args.scenario) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_INVALID;
        }
    };
    crate::init_threads(args.threads);
    let stem = args.scenario.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "run".into());
    let dir = args.out.unwrap_or_else(|| PathBuf::from("out").join(stem));
    match simulate_to(s, &dir) {
        Ok(summary) => {
            if !args.quiet {
                print_summary(&summary, &dir);
            }
            0
        }
        Err(e) => {
            eprintln!("error: writing outputs to {}: {e}", dir.display());
            1
        }
    }
}
