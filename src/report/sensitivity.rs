//! One-at-a-time sensitivity of the report's conclusions: each behavioural parameter
//! (`params::behavioural_paths`) set to (1 ± `STEP`) × its value in every scenario, and the paired
//! change (seed by seed, against the unchanged scenarios) of each headline result: the baseline's
//! rep turnover, churn, share at quota and follow share, each story's headline measure and each
//! remedy's effect. A conclusion whose sign flips, or a level that leaves its published range, is
//! flagged. Rendered by `sensitivity_md.rs`.

use super::checks::{Check, PATTERNS, REMEDIES};
use super::interval::mean_interval;
use super::markdown::{estimate, num};
use super::{Results, run_all};
use crate::scenario::{Scenario, params, validate};

/// The relative step: each parameter is set to (1 − STEP) and (1 + STEP) times its value.
pub const STEP: f64 = 0.2;

/// A headline result of the report.
#[derive(Clone, Debug)]
pub enum Headline {
    /// A scenario's mean, with the published range it should stay in, if it has one.
    Level { scenario: &'static str, metric: &'static str, range: Option<(f64, f64)> },
    /// A remedy's paired effect on its story, and the direction it should have.
    Effect { story: &'static str, remedy: &'static str, metric: &'static str, rises: bool },
}

impl Headline {
    /// Its value for each seed (an effect: remedy − story, seed by seed).
    pub fn values(&self, r: &Results) -> Vec<f64> {
        let get = |s: &str, m: &str| r.get(s).and_then(|x| x.get(m)).cloned().unwrap_or_default();
        match *self {
            Headline::Level { scenario, metric, .. } => get(scenario, metric),
            Headline::Effect { story, remedy, metric, .. } => {
                get(story, metric).iter().zip(get(remedy, metric)).map(|(a, b)| b - a).collect()
            }
        }
    }

    /// A short column label.
    pub fn label(&self) -> String {
        match *self {
            Headline::Level { scenario, metric, .. } => format!("`{metric}` (`{scenario}`)"),
            Headline::Effect { remedy, metric, .. } => format!("`{remedy}`: `{metric}`"),
        }
    }

    /// What is concluded, in words.
    pub fn claim(&self) -> String {
        match *self {
            Headline::Level { scenario, metric, range: Some((lo, hi)) } if hi.is_infinite() => {
                format!("`{metric}` in `{scenario}` is at least {lo}")
            }
            Headline::Level { scenario, metric, range: Some((lo, hi)) } => {
                format!("`{metric}` in `{scenario}` lies in {lo}–{hi}")
            }
            Headline::Level { scenario, metric, range: None } => format!("`{metric}` in `{scenario}`"),
            Headline::Effect { story, remedy, metric, rises } => {
                format!("`{remedy}` {} `{metric}` against `{story}`", if rises { "raises" } else { "lowers" })
            }
        }
    }
}

/// The published range of a level, from the report's patterns.
fn range_of(scenario: &str, metric: &str) -> Option<(f64, f64)> {
    PATTERNS.iter().find_map(|p| match p.check {
        Check::Level { scenario: s, metric: m, lo, hi } if s == scenario && m == metric => Some((lo, hi)),
        _ => None,
    })
}

/// The headline results, grouped: baseline levels, story levels, remedy effects.
pub fn headlines() -> Vec<(&'static str, Vec<Headline>)> {
    let level = |scenario, metric| Headline::Level { scenario, metric, range: range_of(scenario, metric) };
    let baseline =
        ["annual_rep_turnover", "annual_customer_churn", "quota_attainment_share", "follow_share_on_departure"]
            .into_iter()
            .map(|m| level("baseline", m))
            .collect();
    let stories = vec![
        level("insurance_complacency", "first_year_over_tenured_turnover"),
        level("medical_device_runaway_pay", "pay_growth_8y"),
        level("tech_broadening", "complex_served_drop"),
    ];
    let remedies = REMEDIES
        .iter()
        .flat_map(|(story, remedy, ms)| {
            ms.iter().map(move |(metric, rises)| Headline::Effect { story, remedy, metric, rises: *rises })
        })
        .collect();
    vec![("Baseline", baseline), ("Stories", stories), ("Remedies (effect against their story)", remedies)]
}

/// The change of one headline result: its paired mean and 95% half-width, and a flag in words.
#[derive(Clone, Debug)]
pub struct Change {
    pub mean: f64,
    pub half_width: f64,
    pub flag: Option<String>,
}

/// One parameter at one step.
#[derive(Clone, Debug)]
pub struct Row {
    pub path: String,
    pub factor: f64,
    /// The baseline's value before and after.
    pub from: String,
    pub to: String,
    /// By group and headline, as in [`headlines`].
    pub changes: Vec<Vec<Change>>,
}

/// The whole analysis.
#[derive(Clone, Debug, Default)]
pub struct Sensitivity {
    pub seeds: u64,
    pub rows: Vec<Row>,
    /// Parameters not varied, and why.
    pub skipped: Vec<(String, String)>,
}

/// A parameter's value scaled by `factor` (integers rounded), or why it cannot be.
fn scaled(value: &str, factor: f64) -> Result<String, String> {
    let v: f64 = value.parse().map_err(|_| "not a number".to_string())?;
    let x = v * factor;
    Ok(if value.parse::<i64>().is_ok() { format!("{:.0}", x.round()) } else { format!("{x:?}") })
}

/// Every scenario with `path` scaled by `factor` (a scenario where that leaves it unchanged, such
/// as a 0, keeps it), or why not: not a number, unchanged everywhere, or out of range.
fn perturbed(scenarios: &[Scenario], path: &str, factor: f64) -> Result<Vec<Scenario>, String> {
    let mut changed = false;
    let varied = scenarios
        .iter()
        .map(|s| {
            let value = params::get(s, path).ok_or("not readable")?;
            let new = scaled(&value, factor)?;
            let mut t = s.clone();
            if new.parse::<f64>().ok() != value.parse::<f64>().ok() {
                changed = true;
                params::set(&mut t, path, &new).map_err(|e| e.to_string())?;
            }
            match validate::problems(&t).first() {
                Some(p) => Err(format!("{} × {factor} is out of range in `{}`: {p}", value, s.name)),
                None => Ok(t),
            }
        })
        .collect::<Result<Vec<Scenario>, String>>()?;
    if changed { Ok(varied) } else { Err(format!("a step of {STEP} leaves it unchanged in every scenario")) }
}

/// The change of `h` from `base` to `varied`, seed by seed over the first `seeds` seeds.
fn change(h: &Headline, base: &Results, varied: &Results, seeds: u64) -> Change {
    let n = seeds as usize;
    let (b, v) = (h.values(base), h.values(varied));
    let diffs: Vec<f64> = b.iter().take(n).zip(v.iter().take(n)).map(|(x, y)| y - x).collect();
    let i = mean_interval(&diffs);
    let after = mean_interval(&v[..n.min(v.len())]);
    let flag = match *h {
        Headline::Effect { rises, .. } if (after.mean > 0.0) != rises && after.mean != 0.0 => Some(format!(
            "flips: the effect is {}{}",
            estimate(after.mean, after.half_width),
            if after.mean.abs() > after.half_width { " (interval excludes zero)" } else { " (within noise)" }
        )),
        Headline::Level { range: Some((lo, hi)), .. } if !(lo..=hi).contains(&after.mean) => {
            Some(format!("leaves its range: {}", num(after.mean)))
        }
        _ => None,
    };
    Change { mean: i.mean, half_width: i.half_width, flag }
}

/// Run the analysis over `paths` (each at 1 − STEP and 1 + STEP) with seeds 1..=seeds, paired with
/// `base` (the unchanged scenarios' results over at least as many seeds). `progress` gets (runs
/// done, runs in all).
pub fn analyse(
    scenarios: &[Scenario],
    base: &Results,
    paths: &[String],
    seeds: u64,
    jobs: usize,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Sensitivity {
    let groups = headlines();
    let mut out = Sensitivity { seeds, ..Default::default() };
    let mut plan = vec![];
    for path in paths {
        let steps: Result<Vec<(f64, Vec<Scenario>)>, String> =
            [1.0 - STEP, 1.0 + STEP].into_iter().map(|f| perturbed(scenarios, path, f).map(|s| (f, s))).collect();
        match steps {
            Ok(steps) => plan.extend(steps.into_iter().map(|(f, s)| (path.clone(), f, s))),
            Err(why) => out.skipped.push((path.clone(), why)),
        }
    }
    let per = scenarios.len() * seeds as usize;
    let all = plan.len() * per;
    let baseline = scenarios.iter().find(|s| s.name == "baseline").or(scenarios.first());
    for (k, (path, factor, varied)) in plan.into_iter().enumerate() {
        let results = run_all(&varied, seeds, jobs, &|done, _| progress(k * per + done, all));
        let value = |s: Option<&Scenario>| s.and_then(|s| params::get(s, &path)).unwrap_or_default();
        let from = value(baseline);
        let to = value(varied.iter().find(|s| Some(&s.name) == baseline.map(|b| &b.name)));
        let changes =
            groups.iter().map(|(_, hs)| hs.iter().map(|h| change(h, base, &results, seeds)).collect()).collect();
        out.rows.push(Row { path, factor, from, to, changes });
    }
    out
}
