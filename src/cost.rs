//! What a run will cost before it starts: time and peak memory estimated from the scenario's sizes
//! (accounts, prospects, reps, weeks) at the rates `salesim bench` measures on one core, so a
//! very large run says what it will take, and one that cannot fit in this machine's memory (or
//! under the process's memory limit) is refused naming the parameter to lower.

use crate::Scenario;

/// Setting up one account at week 0 (traits, territory, the settled starting state), seconds.
const SETUP_PER_ACCOUNT: f64 = 17e-6;
/// One active customer-week of the tick: `salesim bench` gives 8.7–13.1 M a second on one core
/// (docs/SPEED.md), so 100 ns.
const PER_CUSTOMER_WEEK: f64 = 100e-9;
/// One rep-week outside the account pass (plans, pay, careers, panels), seconds: 20,000 reps take
/// about 0.15 s a week.
const PER_REP_WEEK: f64 = 7.5e-6;
/// One prospect-week (the pool hunting and competitors draw from), seconds.
const PER_PROSPECT_WEEK: f64 = 12e-9;
/// Resident memory of an account with its state, deal slot and yearly sums, bytes (measured:
/// 2,000,000 accounts peak at 1.36 GB).
const BYTES_PER_ACCOUNT: f64 = 700.0;
/// Memory of a prospect in the pool, bytes (5,000,000 prospects: 150 MB).
const BYTES_PER_PROSPECT: f64 = 40.0;
/// Memory of a rep ever employed (departed reps stay, for their history), bytes.
const BYTES_PER_REP: f64 = 4_000.0;
/// The program itself: code, the ECS and the output buffers, bytes.
const BYTES_BASE: f64 = 20e6;
/// Share of a force hired again each year, for the reps a long run accumulates (an upper figure:
/// the published turnover, ../shared/evidence.md F1, is 25–35% a year).
const REHIRED_PER_YEAR: f64 = 0.4;
/// Runs estimated to take longer than this say so before they start, seconds.
pub const ANNOUNCE_AFTER: f64 = 60.0;

/// What one run of a scenario is estimated to take.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cost {
    /// Wall-clock seconds on one core of an idle machine.
    pub seconds: f64,
    /// Peak resident memory, bytes.
    pub bytes: f64,
    /// The parameter whose size takes the most memory (what to lower when it does not fit).
    pub largest: &'static str,
}

/// The estimated cost of one run of `s`.
pub fn of_run(s: &Scenario) -> Cost {
    if s.firms.is_empty() {
        return of_world(s);
    }
    // An industry: every firm's world, one process.
    let worlds: Vec<Cost> = (0..s.firms.len())
        .filter_map(|i| crate::scenario::firms::firm_scenario(s, i).ok())
        .map(|k| of_world(&k))
        .collect();
    let largest = worlds.iter().max_by(|a, b| a.bytes.total_cmp(&b.bytes)).map_or("market.accounts", |w| w.largest);
    // A firm's size is its own `accounts` and `prospects` (or the market's per rep × its reps).
    let largest = match largest {
        "market.accounts" => "firms[].accounts` or `market.accounts",
        "market.prospects" => "firms[].prospects` or `market.prospects",
        other => other,
    };
    Cost {
        seconds: worlds.iter().map(|w| w.seconds).sum(),
        bytes: BYTES_BASE + worlds.iter().map(|w| w.bytes - BYTES_BASE).sum::<f64>(),
        largest,
    }
}

/// The cost of one firm's world.
fn of_world(s: &Scenario) -> Cost {
    let weeks = s.weeks as f64;
    let (accounts, prospects) = (s.market.accounts as f64, s.market.prospects as f64);
    let force = s.sales_force.reps.max(s.hiring.target_headcount) as f64;
    let reps_ever = force * (1.0 + REHIRED_PER_YEAR * weeks / 52.0);
    let seconds = accounts * SETUP_PER_ACCOUNT
        + weeks * (accounts * PER_CUSTOMER_WEEK + prospects * PER_PROSPECT_WEEK + force * PER_REP_WEEK);
    let parts = [
        ("market.accounts", accounts * BYTES_PER_ACCOUNT),
        ("market.prospects", prospects * BYTES_PER_PROSPECT),
        ("sales_force.reps", reps_ever * BYTES_PER_REP),
    ];
    let largest = parts.iter().max_by(|a, b| a.1.total_cmp(&b.1)).map_or("market.accounts", |p| p.0);
    Cost { seconds, bytes: BYTES_BASE + parts.iter().map(|p| p.1).sum::<f64>(), largest }
}

/// The cost of `runs` runs like `one`, `jobs` at a time: time divides over the jobs, memory
/// multiplies by the runs held at once.
pub fn of_batch(one: Cost, runs: u64, jobs: usize) -> Cost {
    let at_once = (jobs as u64).clamp(1, runs.max(1)) as f64;
    Cost {
        seconds: one.seconds * runs as f64 / at_once,
        bytes: BYTES_BASE + (one.bytes - BYTES_BASE) * at_once,
        largest: one.largest,
    }
}

/// The memory this process may use: the least of the machine's available memory, the address
/// space limit (`ulimit -v`) and the cgroup's limit (a Slurm job's `--mem`), if any is known.
pub fn memory_available() -> Option<f64> {
    let mut limits = Vec::new();
    if let Ok(info) = std::fs::read_to_string("/proc/meminfo") {
        let kb = info.lines().find(|l| l.starts_with("MemAvailable:")).and_then(|l| l.split_whitespace().nth(1));
        limits.extend(kb.and_then(|k| k.parse::<f64>().ok()).map(|k| k * 1024.0));
    }
    if let Ok(max) = std::fs::read_to_string("/sys/fs/cgroup/memory.max") {
        limits.extend(max.trim().parse::<f64>().ok());
    }
    #[cfg(unix)]
    {
        let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: getrlimit writes into the struct it is given and reads nothing else.
        if unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut lim) } == 0 && lim.rlim_cur != libc::RLIM_INFINITY {
            limits.push(lim.rlim_cur as f64);
        }
    }
    limits.into_iter().reduce(f64::min)
}

/// "2 h 5 min", "4 min 10 s", "45 s".
pub fn duration(seconds: f64) -> String {
    let s = seconds.round() as u64;
    match s {
        0..60 => format!("{s} s"),
        60..3_600 => format!("{} min {} s", s / 60, s % 60),
        _ => format!("{} h {} min", s / 3_600, s % 3_600 / 60),
    }
}

/// "1.4 GiB", "310 MiB".
pub fn bytes(b: f64) -> String {
    const GIB: f64 = 1024.0 * 1024.0 * 1024.0;
    if b >= GIB { format!("{:.1} GiB", b / GIB) } else { format!("{:.0} MiB", b / (1024.0 * 1024.0)) }
}

/// Check `cost` (of `what`: "this run", "this batch") against the memory available: the refusal
/// naming the parameter to lower, or the line to print first when it will take over a minute.
pub fn check(what: &str, cost: Cost, available: Option<f64>) -> Result<Option<String>, String> {
    if let Some(free) = available.filter(|&free| cost.bytes > free) {
        return Err(format!(
            "{what} would need about {} of memory, more than the {} available: lower `{}` (its largest part){}",
            bytes(cost.bytes),
            bytes(free),
            cost.largest,
            if what.contains("batch") { ", or run fewer --jobs at once" } else { "" }
        ));
    }
    Ok((cost.seconds > ANNOUNCE_AFTER).then(|| {
        format!(
            "estimate: {what} will take about {} and {} of memory (from its size, at `salesim bench`'s rates on one core)",
            duration(cost.seconds),
            bytes(cost.bytes)
        )
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sized(accounts: u32, prospects: u32, reps: u32, weeks: u32) -> Scenario {
        let mut s: Scenario = ron::from_str(include_str!("../scenarios/baseline.ron")).unwrap();
        (s.market.accounts, s.market.prospects, s.sales_force.reps, s.weeks) = (accounts, prospects, reps, weeks);
        s.hiring.target_headcount = reps;
        s
    }

    #[test]
    fn the_largest_valid_runs_are_announced_and_a_small_one_is_not() {
        let huge_market = of_run(&sized(2_000_000, 0, 50, 5_200));
        assert!(huge_market.seconds > 600.0, "{huge_market:?}");
        assert!(check("this run", huge_market, None).unwrap().unwrap().contains("min"));
        let huge_force = of_run(&sized(1_000, 0, 20_000, 520));
        assert!(huge_force.seconds > ANNOUNCE_AFTER, "{huge_force:?}");
        let baseline = of_run(&sized(5_000, 15_000, 50, 520));
        assert!(baseline.seconds < ANNOUNCE_AFTER, "{baseline:?}");
        assert_eq!(check("this run", baseline, None), Ok(None));
    }

    #[test]
    fn a_run_that_does_not_fit_is_refused_naming_what_to_lower() {
        let cost = of_run(&sized(2_000_000, 100, 50, 52));
        let e = check("this run", cost, Some(512.0 * 1024.0 * 1024.0)).unwrap_err();
        assert!(e.contains("`market.accounts`") && e.contains("512 MiB"), "{e}");
        let reps = of_run(&sized(100, 100, 20_000, 5_200));
        assert_eq!(reps.largest, "sales_force.reps");
    }

    #[test]
    fn a_batch_divides_time_over_jobs_and_holds_one_world_per_job() {
        let one = of_run(&sized(200_000, 300_000, 1_000, 520));
        let b = of_batch(one, 100, 4);
        assert!((b.seconds - one.seconds * 25.0).abs() < 1e-6);
        assert!(b.bytes > 3.9 * (one.bytes - BYTES_BASE));
        assert_eq!(of_batch(one, 1, 8).bytes, one.bytes, "one run holds one world, whatever the jobs");
    }

    #[test]
    fn durations_read_as_a_person_says_them() {
        assert_eq!(duration(45.2), "45 s");
        assert_eq!(duration(250.0), "4 min 10 s");
        assert_eq!(duration(7_500.0), "2 h 5 min");
    }
}
