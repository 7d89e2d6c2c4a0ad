//! One-at-a-time sensitivity of the report's conclusions: each behavioural parameter
//! (`params::behavioural_paths`) set to (1 ± `STEP`) × its value in every scenario, and the paired
//! change (seed by seed, against the unchanged scenarios) of every headline result: each pattern
//! check's level or effect and each remedy's effect. A conclusion that the change would overturn
//! (a level leaving or entering its published range, an effect changing sign) is flagged
//! ([`shift`]). The analysis is kept beside the report as JSON (`sensitivity_file.rs`), so that a
//! report run without it flags the current results against the stored changes; it is rendered by
//! `sensitivity_md.rs`.

use super::checks::{Check, PATTERNS, REMEDIES};
use super::interval::mean_interval;
use super::{Results, mean_ci, run_all};
use crate::scenario::{Scenario, params, validate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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

    /// The headline a pattern check tests.
    pub fn of_check(check: &Check) -> Headline {
        match *check {
            Check::Level { scenario, metric, lo, hi } => Headline::Level { scenario, metric, range: Some((lo, hi)) },
            Check::Paired { a, b, metric, rises } => Headline::Effect { story: a, remedy: b, metric, rises },
        }
    }

    /// Its key in the stored analysis: `scenario:metric`, or `remedy-story:metric` for an effect.
    pub fn key(&self) -> String {
        match *self {
            Headline::Level { scenario, metric, .. } => format!("{scenario}:{metric}"),
            Headline::Effect { story, remedy, metric, .. } => format!("{remedy}-{story}:{metric}"),
        }
    }

    /// Its value over all the report's seeds (an effect: the mean paired difference).
    pub fn base_mean(&self, r: &Results) -> f64 {
        mean_ci(&self.values(r)).0
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

/// Every headline the analysis measures: each pattern check, then each remedy effect the
/// patterns do not already test.
pub fn all_headlines() -> Vec<Headline> {
    let mut all: Vec<Headline> = PATTERNS.iter().map(|p| Headline::of_check(&p.check)).collect();
    for h in headlines().into_iter().flat_map(|(_, hs)| hs) {
        if all.iter().all(|a| a.key() != h.key()) {
            all.push(h);
        }
    }
    all
}

/// The change of one headline result under one step: its paired mean and 95% half-width over the
/// analysis's seeds (NaN, stored as null, where a metric has no value).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Change {
    #[serde(with = "nan_as_null")]
    pub mean: f64,
    #[serde(with = "nan_as_null")]
    pub half_width: f64,
}

/// One parameter at one step.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Row {
    pub path: String,
    pub factor: f64,
    /// The baseline's value before and after.
    pub from: String,
    pub to: String,
    /// By headline key ([`Headline::key`]).
    pub changes: BTreeMap<String, Change>,
}

/// A parameter not varied, and why.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Skipped {
    pub path: String,
    pub why: String,
}

/// The whole analysis.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Sensitivity {
    /// The command that produced it.
    pub command: String,
    pub seeds: u64,
    pub rows: Vec<Row>,
    pub skipped: Vec<Skipped>,
}

/// A conclusion a step would overturn: the headline's value estimated under the step (the report's
/// value over all its seeds plus the paired change), and whether that change is beyond its noise.
#[derive(Clone, Debug, PartialEq)]
pub struct Shift {
    pub varied: f64,
    pub beyond_noise: bool,
    /// What happens, in words: "leaves its range", "enters its range", "changes sign".
    pub what: &'static str,
}

/// Whether `change` would overturn what the report concludes about `h` from `base`: a level that
/// leaves (or enters) its published range, an effect whose sign changes.
pub fn shift(h: &Headline, base: &Results, change: &Change) -> Option<Shift> {
    let before = h.base_mean(base);
    let varied = before + change.mean;
    if !varied.is_finite() || !before.is_finite() {
        return None;
    }
    let what = match *h {
        Headline::Level { range: Some((lo, hi)), .. } => {
            let (was, is) = ((lo..=hi).contains(&before), (lo..=hi).contains(&varied));
            if was == is {
                return None;
            }
            if was { "leaves its range" } else { "enters its range" }
        }
        Headline::Level { range: None, .. } => return None,
        Headline::Effect { .. } => {
            if before == 0.0 || varied == 0.0 || (before > 0.0) == (varied > 0.0) {
                return None;
            }
            "changes sign"
        }
    };
    Some(Shift { varied, beyond_noise: change.mean.abs() > change.half_width, what })
}

/// Serde for a float that may be NaN: NaN as null and back.
mod nan_as_null {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        if v.is_finite() { s.serialize_f64(*v) } else { s.serialize_none() }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NAN))
    }
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
    Change { mean: i.mean, half_width: i.half_width }
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
    command: &str,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Sensitivity {
    let all = all_headlines();
    let mut out = Sensitivity { seeds, command: command.to_string(), ..Default::default() };
    let mut plan = vec![];
    for path in paths {
        let steps: Result<Vec<(f64, Vec<Scenario>)>, String> =
            [1.0 - STEP, 1.0 + STEP].into_iter().map(|f| perturbed(scenarios, path, f).map(|s| (f, s))).collect();
        match steps {
            Ok(steps) => plan.extend(steps.into_iter().map(|(f, s)| (path.clone(), f, s))),
            Err(why) => out.skipped.push(Skipped { path: path.clone(), why }),
        }
    }
    let per = scenarios.len() * seeds as usize;
    let runs = plan.len() * per;
    let baseline = scenarios.iter().find(|s| s.name == "baseline").or(scenarios.first());
    for (k, (path, factor, varied)) in plan.into_iter().enumerate() {
        let results = run_all(&varied, seeds, jobs, &|done, _| progress(k * per + done, runs));
        let value = |s: Option<&Scenario>| s.and_then(|s| params::get(s, &path)).unwrap_or_default();
        let from = value(baseline);
        let to = value(varied.iter().find(|s| Some(&s.name) == baseline.map(|b| &b.name)));
        let changes = all.iter().map(|h| (h.key(), change(h, base, &results, seeds))).collect();
        out.rows.push(Row { path, factor, from, to, changes });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn results(scenario: &str, metric: &'static str, v: &[f64]) -> Results {
        let mut r = Results::new();
        r.entry(scenario.to_string()).or_default().insert(metric, v.to_vec());
        r
    }

    #[test]
    fn a_step_that_takes_a_level_out_of_its_range_overturns_it_and_one_inside_does_not() {
        let h = Headline::Level { scenario: "baseline", metric: "annual_rep_turnover", range: Some((0.25, 0.35)) };
        let base = results("baseline", "annual_rep_turnover", &[0.26, 0.28]);
        let out = shift(&h, &base, &Change { mean: -0.03, half_width: 0.01 }).expect("0.24 is out of range");
        assert_eq!(out.what, "leaves its range");
        assert!((out.varied - 0.24).abs() < 1e-12 && out.beyond_noise);
        assert!(shift(&h, &base, &Change { mean: 0.05, half_width: 0.1 }).is_none(), "0.32 stays in range");
    }

    #[test]
    fn an_effect_is_overturned_by_its_sign_not_by_the_direction_it_was_expected_to_have() {
        let h = Headline::Effect { story: "s", remedy: "r", metric: "m", rises: true };
        let mut base = results("s", "m", &[10.0, 10.0]);
        base.extend(results("r", "m", &[8.0, 8.0]));
        // The effect is −2 (against the expectation); a step making it −1 changes no conclusion.
        assert!(shift(&h, &base, &Change { mean: 1.0, half_width: 0.5 }).is_none());
        let up = shift(&h, &base, &Change { mean: 3.0, half_width: 5.0 }).expect("now +1");
        assert_eq!(up.what, "changes sign");
        assert!(!up.beyond_noise, "a change of 3 ± 5 is within noise");
    }
}
