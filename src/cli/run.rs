//! `salesim run`: one scenario, headless, to files.

use super::{EXIT_INVALID, load_or_report};
use crate::Scenario;
use crate::output::writer::{RunMeta, RunWriter};
use crate::scenario::Event;
use crate::session::Session;
use crate::sim::metrics::Summary;
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

/// Apply `--seed` and `--weeks` and re-check the result. A shorter run drops the timeline events
/// it no longer reaches (saying so on stderr).
pub fn resolve(s: Scenario, seed: Option<u64>, weeks: Option<u32>, file: &Path) -> Result<Scenario, String> {
    let mut notes = Vec::new();
    let s = resolve_noting(s, seed, weeks, file, &mut notes);
    for n in notes {
        eprintln!("note: {n}");
    }
    s
}

/// [`resolve`], with what it would say added to `notes` instead (Python turns them into warnings).
pub fn resolve_noting(
    mut s: Scenario,
    seed: Option<u64>,
    weeks: Option<u32>,
    file: &Path,
    notes: &mut Vec<String>,
) -> Result<Scenario, String> {
    if let Some(seed) = seed {
        s.seed = seed;
    }
    if let Some(w) = weeks {
        s.weeks = w;
        let before = s.timeline.len();
        s.timeline.retain(|e| e.week < w);
        s.narration.retain(|c| c.week < w);
        if s.timeline.len() < before {
            notes.push(format!(
                "{} timeline event(s) at week {w} or later are not reached in a {w}-week run",
                before - s.timeline.len()
            ));
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
    simulate_with(scenario, dir, &[])
}

/// Simulate to the end with live `actions` (week, event), each sent before its week exactly as
/// the live view sends it, writing every tick's rows as they come.
pub fn simulate_with(scenario: Scenario, dir: &Path, actions: &[(u32, Event)]) -> std::io::Result<Summary> {
    let meta = RunMeta { scenario: scenario.name.clone(), scenario_hash: scenario.hash_hex(), seed: scenario.seed };
    let mut writer = RunWriter::create(dir, &meta)?;
    let summary = crate::batch::runner::simulate_with_actions(scenario, actions, |week| writer.write(&week))
        .map_err(std::io::Error::from)?;
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

/// Check a session against the scenario it replays on (overrides applied, `--seed`/`--weeks`
/// resolved): its actions for world A, or why they cannot be replayed. A session recorded on a
/// different file or scenario hash replays with a warning.
fn session_actions(
    session: &Session,
    path: &Path,
    scenario: &Scenario,
    file: &Path,
) -> Result<Vec<(u32, Event)>, String> {
    if Path::new(&session.scenario) != file {
        eprintln!("note: {} was recorded on {}, replaying it on {}", path.display(), session.scenario, file.display());
    }
    if session.scenario_hash != scenario.hash_hex() {
        eprintln!(
            "warning: {} was recorded on scenario hash {}, this scenario has hash {}: the replay may differ",
            path.display(),
            session.scenario_hash,
            scenario.hash_hex()
        );
    }
    let b_only = session.actions.iter().filter(|a| a.target == crate::session::Target::B).count();
    if session.twin.is_some() || b_only > 0 {
        let twin = session.twin.as_deref().unwrap_or("a twin");
        eprintln!(
            "note: the session compared with {twin}; replaying world A ({b_only} action(s) aimed at B only are left out)"
        );
    }
    let mut reached = session.clone();
    reached.actions.retain(|a| a.week < scenario.weeks);
    if reached.actions.len() < session.actions.len() {
        eprintln!(
            "note: {} session action(s) at week {} or later are not reached in a {}-week run",
            session.actions.len() - reached.actions.len(),
            scenario.weeks,
            scenario.weeks
        );
    }
    match reached.problems(scenario).first() {
        Some(p) => Err(format!("{}: {p}", path.display())),
        None => Ok(reached.actions_for(false)),
    }
}

/// Live actions to replay: (week, event).
pub type Actions = Vec<(u32, Event)>;

/// The scenario to run and the live actions to replay, or the message for invalid input.
fn prepare(args: &RunArgs) -> Result<(Scenario, Actions), Option<String>> {
    let s = load_or_report(&args.scenario).ok_or(None)?;
    let session = match &args.actions {
        Some(path) => Some((Session::load(path).map_err(|e| Some(e.to_string()))?, path.as_path())),
        None => None,
    };
    let session = session.as_ref().map(|(s, p)| (s, *p));
    let mut notes = Vec::new();
    let prepared = prepare_replay(s, &args.scenario, session, args.seed, args.weeks, &mut notes);
    for n in notes {
        eprintln!("note: {n}");
    }
    prepared.map_err(Some)
}

/// What `salesim run` does with a loaded scenario (from `file`) before it runs: the session's
/// overrides (if it replays one, read from `path`), `--seed` and `--weeks`, then the session's
/// actions for world A checked against the result; notes for the user go to `notes`. Python's
/// `salesim.run` and `Simulation` use the same steps.
pub fn prepare_replay(
    mut s: Scenario,
    file: &Path,
    session: Option<(&Session, &Path)>,
    seed: Option<u64>,
    weeks: Option<u32>,
    notes: &mut Vec<String>,
) -> Result<(Scenario, Actions), String> {
    if let Some((session, path)) = session {
        session.apply_overrides(&mut s).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let s = resolve_noting(s, seed, weeks, file, notes)?;
    let actions = match session {
        Some((session, path)) => session_actions(session, path, &s, file)?,
        None => Vec::new(),
    };
    Ok((s, actions))
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
    match simulate_with(s, &dir, &actions) {
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
