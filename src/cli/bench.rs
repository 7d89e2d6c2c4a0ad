//! `salesim bench`: customer-weeks per second and peak memory.

use super::{EXIT_INVALID, load_or_report};
use clap::Args;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Args, Debug)]
pub struct BenchArgs {
    /// Scenario to time, on one thread: setting up the world, every week and the output rows (of
    /// every firm, for an industry).
    #[arg(default_value = "scenarios/baseline.ron")]
    pub scenario: PathBuf,
    /// Scale the scenario to this many reps (customers and prospects scale with it).
    #[arg(long)]
    pub reps: Option<u32>,
    /// Repetitions (the best time is reported).
    #[arg(long, default_value_t = 3)]
    pub repeat: u32,
}

/// Peak resident memory of this process in MiB (Linux), if known.
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn bench(args: BenchArgs) -> i32 {
    let Some(mut s) = load_or_report(&args.scenario) else { return EXIT_INVALID };
    if let Some(reps) = args.reps {
        let k = reps as f64 / s.sales_force.reps.max(1) as f64;
        s.sales_force.reps = reps;
        s.hiring.target_headcount = (s.hiring.target_headcount as f64 * k).round() as u32;
        s.market.accounts = (s.market.accounts as f64 * k).round() as u32;
        s.market.prospects = (s.market.prospects as f64 * k).round() as u32;
        s.specialists.technical = (s.specialists.technical as f64 * k).round() as u32;
        s.specialists.service = (s.specialists.service as f64 * k).round() as u32;
        if let Err(p) = crate::scenario::validate::problems(&s).first().map_or(Ok(()), Err) {
            eprintln!("error: scaled scenario invalid: {}: {}", p.path, p.message);
            return EXIT_INVALID;
        }
    }
    crate::init_threads(Some(1));
    let week_zero = size(&s);
    let firms = s.firm_names().len();
    let mut best = f64::INFINITY;
    let mut customer_weeks = 0.0;
    for _ in 0..args.repeat.max(1) {
        let start = Instant::now();
        let mut cw = 0.0;
        // Every firm of an industry, or the one firm (not the industry's row, their sum).
        let _ = crate::run::simulate(s.clone(), |out| {
            if (out.firm as usize) < firms {
                cw += out.timeseries.iter().map(|r| r.customers_active as f64).sum::<f64>();
            }
            Ok::<(), ()>(())
        });
        best = best.min(start.elapsed().as_secs_f64());
        customer_weeks = cw;
    }
    println!(
        "scenario `{}`: {} reps, {} accounts, {} weeks: {:.3} s best of {}, {:.2} M active customer-weeks/s, peak memory {:.0} MiB",
        s.name,
        week_zero.0,
        week_zero.1,
        s.weeks,
        best,
        args.repeat.max(1),
        customer_weeks / best / 1e6,
        peak_rss_mib().unwrap_or(f64::NAN)
    );
    0
}

/// Reps and accounts at week 0, over every firm of an industry.
fn size(s: &crate::Scenario) -> (u32, u32) {
    if s.firms.is_empty() {
        return (s.sales_force.reps, s.market.accounts);
    }
    (0..s.firms.len())
        .filter_map(|i| crate::scenario::firms::firm_scenario(s, i).ok())
        .fold((0, 0), |(r, a), k| (r + k.sales_force.reps, a + k.market.accounts))
}
