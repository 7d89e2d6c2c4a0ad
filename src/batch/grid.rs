//! The design of a batch: `--set PATH=V1,V2,…` and `PATH=lo..hi:n` axes crossed full-factorially,
//! or `PATH=lo..hi` ranges sampled by a Latin hypercube; each point checked before anything runs
//! and every size bounded before it is allocated ([`super::limits`]).

use super::limits;
use super::probe::Probe;
pub use super::probe::probe_base;
use crate::rng::{Purpose, Stream};
use crate::scenario::{Scenario, params};

/// One varied parameter and the values it takes (written in RON).
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub path: String,
    pub values: Vec<String>,
    /// For Latin-hypercube sampling: the range, when given as `lo..hi`.
    pub range: Option<(f64, f64)>,
}

/// A bad `--set` or `--sample`: the message names the path.
pub type DesignError = String;

fn number(path: &str, text: &str) -> Result<f64, DesignError> {
    text.trim().parse::<f64>().map_err(|_| format!("--set {path}: `{text}` is not a number"))
}

/// The value `k/n` of the way from `lo` to `hi`: `lo + (hi − lo)·k/n` (computed in that order, so
/// the values are those of every earlier version), or, where `hi − lo` overflows
/// (`-1e308..1e308`), `lo·(1 − t) + hi·t` with `t = k/n`, which does not; a range whose values
/// still cannot be represented is refused naming it.
fn between(path: &str, lo: f64, hi: f64, k: f64, n: f64) -> Result<f64, DesignError> {
    let span = hi - lo;
    let v = if span.is_finite() { lo + span * k / n } else { lo * (1.0 - k / n) + hi * (k / n) };
    if v.is_finite() { Ok(v) } else { Err(format!("--set {path}: range {lo}..{hi} has values too large to represent")) }
}

/// Whether the parameter at `path` holds an integer (so sampled values are rounded).
fn is_integer(base: &Scenario, path: &str) -> bool {
    params::get(base, path).is_some_and(|v| v.parse::<i64>().is_ok())
}

fn format_value(base: &Scenario, path: &str, v: f64) -> String {
    if is_integer(base, path) { format!("{}", v.round() as i64) } else { crate::scenario::section::number(v) }
}

/// Parse one `--set` argument.
pub fn parse_axis(base: &Scenario, arg: &str) -> Result<Axis, DesignError> {
    let (path, spec) = arg.split_once('=').ok_or_else(|| format!("--set {arg}: expected PATH=VALUES"))?;
    let path = path.trim().to_string();
    not_a_design_parameter(&path)?;
    if params::get(base, &path).is_none() {
        let mut probe = base.clone();
        let message = params::set(&mut probe, &path, "0").err().map(|e| e.message).unwrap_or_default();
        return Err(format!("--set {path}: {message}"));
    }
    let spec = spec.trim();
    if spec.is_empty() {
        return Err(format!("--set {path}: no values given (an empty grid)"));
    }
    let axis = if let Some((lo, rest)) = spec.split_once("..") {
        let (hi, n) = match rest.split_once(':') {
            Some((hi, n)) => (hi, Some(n)),
            None => (rest, None),
        };
        let (lo, hi) = (number(&path, lo)?, number(&path, hi)?);
        if !(lo <= hi) {
            return Err(format!("--set {path}: range {lo}..{hi} is empty"));
        }
        let values = match n {
            None => vec![],
            Some(n) => {
                let n: u64 = n.trim().parse().map_err(|_| format!("--set {path}: `{n}` is not a count of values"))?;
                if n == 0 {
                    return Err(format!("--set {path}: 0 values (an empty grid)"));
                }
                let n = limits::at_most(&format!("--set {path}=..:n"), n, limits::MAX_AXIS_VALUES)? as usize;
                let steps = n.saturating_sub(1).max(1) as f64;
                (0..n)
                    .map(|i| between(&path, lo, hi, i as f64, steps).map(|v| format_value(base, &path, v)))
                    .collect::<Result<_, _>>()?
            }
        };
        Axis { path, values, range: Some((lo, hi)) }
    } else {
        let values: Vec<String> = split_values(spec);
        if values.iter().any(|v| v.is_empty()) {
            return Err(format!("--set {path}: an empty value in `{spec}`"));
        }
        Axis { path, values, range: None }
    };
    let values = axis.values.iter().map(|v| checked_value(base, &axis.path, v)).collect::<Result<_, _>>()?;
    Ok(Axis { values, ..axis })
}

/// Split `a,b,c` at top-level commas (values such as `Ratchet(up: 0.5, down: 0.2)` keep theirs).
fn split_values(spec: &str) -> Vec<String> {
    let (mut out, mut cur, mut depth) = (Vec::new(), String::new(), 0i32);
    for ch in spec.chars() {
        match ch {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(cur.trim().to_string());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(ch);
    }
    out.push(cur.trim().to_string());
    out
}

/// `seed` and `weeks` are not design parameters: replicates vary the seed (`--replicates`) and
/// `--weeks` sets the length of every run, each in one column of runs.csv.
pub fn not_a_design_parameter(path: &str) -> Result<(), DesignError> {
    match path {
        "seed" => Err("--set seed: seeds are not a design parameter; each replicate has its own (--replicates N, \
                       column `seed`), derived from the scenario's seed"
            .into()),
        "weeks" => Err("--set weeks: the run length is not a design parameter; use --weeks N for every run".into()),
        _ if path.chars().count() > crate::scenario::validate::MAX_PATH_CHARS => {
            Err(format!("--set: a path of {} characters is not a parameter", path.chars().count()))
        }
        _ => Ok(()),
    }
}

/// A value must parse for its path and leave a valid scenario.
pub fn check_value(base: &Scenario, path: &str, value: &str) -> Result<(), DesignError> {
    checked_value(base, path, value).map(|_| ())
}

/// A checked value as runs.csv writes it ([`Probe::point`] of one value).
pub fn checked_value(base: &Scenario, path: &str, value: &str) -> Result<String, DesignError> {
    let mut values = Probe::new(base, &[path]).point(&[value.to_string()]).map_err(|e| e.message)?;
    Ok(values.remove(0))
}

/// The points of a design: one value per axis each.
pub fn full_factorial(axes: &[Axis]) -> Result<Vec<Vec<String>>, DesignError> {
    if let Some(a) = axes.iter().find(|a| a.values.is_empty()) {
        return Err(format!("--set {}: a range needs `:n` values for a grid (or use --sample lhs:N)", a.path));
    }
    limits::grid_points(&axes.iter().map(|a| a.values.len() as u64).collect::<Vec<_>>())?;
    let mut points = vec![vec![]];
    for a in axes {
        points = points
            .into_iter()
            .flat_map(|p| a.values.iter().map(move |v| [p.clone(), vec![v.clone()]].concat()))
            .collect();
    }
    Ok(points)
}

/// A Latin hypercube of `n` points over the axes' ranges, drawn from the scenario seed.
pub fn latin_hypercube(base: &Scenario, axes: &[Axis], n: usize) -> Result<Vec<Vec<String>>, DesignError> {
    if n == 0 {
        return Err("--sample lhs:0 is an empty design".into());
    }
    limits::at_most("--sample lhs:N", n as u64, limits::MAX_POINTS)?;
    let mut columns = Vec::new();
    for (k, a) in axes.iter().enumerate() {
        let (lo, hi) = a.range.ok_or_else(|| format!("--set {}: --sample lhs needs a range lo..hi", a.path))?;
        let mut r = Stream::new(base.seed, 4_000_000 + k as u64, 0, Purpose::RepTraits);
        let mut strata: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            strata.swap(i, r.index(i + 1));
        }
        let column: Vec<String> = strata
            .iter()
            .map(|&s| between(&a.path, lo, hi, s as f64 + r.unit(), n as f64).map(|v| format_value(base, &a.path, v)))
            .collect::<Result<_, _>>()?;
        columns.push(column);
    }
    let paths: Vec<&str> = axes.iter().map(|a| a.path.as_str()).collect();
    let mut probe = Probe::new(base, &paths);
    (0..n)
        .map(|i| probe.point(&columns.iter().map(|c| c[i].clone()).collect::<Vec<_>>()).map_err(|e| e.message))
        .collect()
}

/// The scenario at one design point.
pub fn apply(base: &Scenario, axes: &[Axis], point: &[String]) -> Scenario {
    let mut s = base.clone();
    for (a, v) in axes.iter().zip(point) {
        params::set(&mut s, &a.path, v).expect("checked when the design was built");
    }
    s
}
