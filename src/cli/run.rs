//! `salesim run`: one scenario, headless, to files.

use super::{EXIT_INVALID, load_or_report};
use crate::Scenario;
use crate::session::Session;
use crate::sim::observe::metrics::Summary;
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
    /// Threads in bevy's task pool (default: all cores; at most 1,024). Outputs do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Replay a session recorded by the live view (`sessions/*.ron`): its overrides, then each
    /// of its actions (for world A) at its week, exactly as in the live session.
    #[arg(long, value_name = "SESSION.ron")]
    pub actions: Option<PathBuf>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

fn money(v: f64) -> String {
    if v.abs() >= 1e6 { format!("${:.1}M", v / 1e6) } else { format!("${:.0}k", v / 1e3) }
}

fn pct(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

/// The one-screen human summary: for an industry, a line per firm, then the first firm's.
pub fn print_summary(s: &Summary, dir: &Path) {
    println!(
        "salesim {} · scenario `{}` (hash {}) · seed {} · {} weeks",
        s.version, s.scenario, s.scenario_hash, s.seed, s.weeks
    );
    println!();
    if !s.firms.is_empty() {
        println!("  an industry of {} firms (each firm's figures in summary.json `firms`):", s.firms.len());
        for f in &s.firms {
            println!(
                "  {:<18} {} revenue, rep pay {} a year (final year), cost of sales {}; {} reps joined from rivals, {} customers came over",
                f.firm,
                money(f.total_revenue),
                money(f.avg_rep_pay_final_year),
                pct(f.cost_of_sales_ratio),
                f.reps_joined_from_rivals,
                f.customers_from_rivals
            );
        }
        println!();
        println!("  the first firm, `{}`:", s.firm);
    }
    println!(
        "  revenue            {} total, {} in the final year",
        money(s.total_revenue),
        money(s.revenue_final_year)
    );
    println!(
        "  value              {} gross margin ({} of revenue), {} contribution after the cost of sales",
        money(s.total_gross_margin),
        pct(if s.total_revenue > 0.0 { s.total_gross_margin / s.total_revenue } else { 0.0 }),
        money(s.total_contribution)
    );
    println!(
        "  customers          {} won, {} lost ({} a year), {} followed a departing rep",
        s.customers_won,
        s.customers_lost,
        pct(s.annual_customer_churn),
        s.customers_followed_rep
    );
    println!(
        "  reps               {} hired, {} quit, {} poached, {} let go for performance",
        s.reps_hired, s.reps_quit, s.reps_poached, s.reps_managed_out
    );
    println!(
        "  rep turnover       {} a year ({} managed out); first-year reps {}; reps with 3+ years {}",
        pct(s.annual_rep_turnover),
        pct(s.managed_out_share),
        pct(s.first_year_rep_turnover),
        pct(s.tenured_rep_turnover)
    );
    println!(
        "  quota              {} of full-year reps made it; attainment {:.2} (10th pct) to {:.2} (90th)",
        pct(s.quota_attainment_share),
        s.attainment_p10,
        s.attainment_p90
    );
    println!(
        "  deals              {} of new-customer deals won; {} pulled into a period, {} slipped out",
        pct(s.new_deal_win_rate),
        s.deals_pulled_in,
        s.deals_slipped
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
    println!("  outputs in {}/: timeseries.csv events.csv reps.csv accounts.csv deals.csv summary.json", dir.display());
}

/// The scenario to run and the live actions to replay, or the message for invalid input.
fn prepare(args: &RunArgs) -> Result<(Scenario, crate::run::Actions), Option<String>> {
    let s = load_or_report(&args.scenario).ok_or(None)?;
    let session = match &args.actions {
        Some(path) => Some((Session::load(path).map_err(|e| Some(e.to_string()))?, path.as_path())),
        None => None,
    };
    let session = session.as_ref().map(|(s, p)| (s, *p));
    let mut notes = Vec::new();
    let prepared = crate::run::prepare_replay(s, &args.scenario, session, args.seed, args.weeks, &mut notes);
    for n in notes {
        eprintln!("note: {n}");
    }
    prepared.map_err(Some)
}

pub fn run(args: RunArgs) -> i32 {
    let (s, actions) = match prepare(&args) {
        Ok(x) => x,
        Err(message) => {
            if let Some(m) = message {
                eprintln!("error: {m}");
            }
            return EXIT_INVALID;
        }
    };
    let threads = match crate::batch::limits::threads("--threads", args.threads) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_INVALID;
        }
    };
    match crate::cost::check("this run", crate::cost::of_run(&s), crate::cost::memory_available()) {
        Ok(Some(estimate)) => eprintln!("{estimate}"),
        Ok(None) => {}
        Err(e) => {
            eprintln!("error: {}: {e}", args.scenario.display());
            return EXIT_INVALID;
        }
    }
    crate::init_threads(Some(threads));
    let stem = args.scenario.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "run".into());
    let dir = args.out.unwrap_or_else(|| PathBuf::from("out").join(stem));
    if let Some(why) = crate::output::writer::conflict(&dir) {
        eprintln!("error: --out {}: {why}; use another --out", dir.display());
        return EXIT_INVALID;
    }
    match crate::run::simulate_with(s, &dir, &actions) {
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
