//! Decisions under the posterior (`salesim compare A B --posterior DIR`): parameter sets are drawn
//! by weight from a calibration's `posterior.csv`, each applied to both scenarios and run on one
//! paired seed, so the spread of the paired differences B − A carries both the parameters'
//! uncertainty and the runs' luck. For each KPI: the mean effect, its 90% interval over the draws
//! (5% and 95% points) and the probability that B − A is positive.

use crate::batch::output::kpi_names;
use crate::batch::replicate_seed;
use crate::batch::runner::{RunSpec, run_in_order};
use crate::output::read;
use crate::rng::{Purpose, Stream};
use crate::run::simulate;
use crate::scenario::{Scenario, params};
use crate::sim::observe::metrics::Summary;
use std::fmt::Write;
use std::path::Path;

/// A calibration's posterior draws, as written in `posterior.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct Draws {
    pub paths: Vec<String>,
    /// One row per particle, in the parameters' own units.
    pub values: Vec<Vec<f64>>,
    pub weights: Vec<f64>,
}

/// Read `DIR/posterior.csv`.
pub fn read_posterior(dir: &Path) -> Result<Draws, String> {
    let path = dir.join("posterior.csv");
    let file = path.display().to_string();
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{file}: {e}"))?;
    let rows = read::parse(&text).map_err(|e| format!("{file}:{}:{}: {}", e.line, e.column, e.message))?;
    let Some((header, rows)) = rows.split_first() else { return Err(format!("{file}: empty")) };
    let names: Vec<&str> = header.cells.iter().map(|c| c.text.as_str()).collect();
    if names.len() < 4 || names[..3] != ["particle", "weight", "distance"] {
        return Err(format!("{file}:1:1: not a calibration's posterior (expected `particle,weight,distance,…`)"));
    }
    let mut draws =
        Draws { paths: names[3..].iter().map(|s| s.to_string()).collect(), values: vec![], weights: vec![] };
    for row in rows {
        let number = |i: usize| -> Result<f64, String> {
            let cell = row.cells.get(i).ok_or_else(|| format!("{file}:{}: too few cells", row.line))?;
            cell.text.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(|| {
                format!(
                    "{file}:{}:{}: field `{}`: `{}` is not a finite number",
                    row.line, cell.column, names[i], cell.text
                )
            })
        };
        draws.weights.push(number(1)?);
        draws.values.push((3..names.len()).map(number).collect::<Result<_, _>>()?);
    }
    if draws.values.is_empty() || draws.weights.iter().sum::<f64>() <= 0.0 {
        return Err(format!("{file}: no particles with weight"));
    }
    Ok(draws)
}

/// `scenario` with the parameters of draw `i`.
pub fn with_draw(scenario: &Scenario, draws: &Draws, i: usize) -> Result<Scenario, String> {
    let mut s = scenario.clone();
    for (path, v) in draws.paths.iter().zip(&draws.values[i]) {
        params::set(&mut s, path, &format!("{v:?}")).map_err(|e| format!("posterior.csv: {e}"))?;
    }
    Ok(s)
}

/// One KPI's effect under the posterior.
#[derive(Clone, Debug, PartialEq)]
pub struct Effect {
    pub kpi: String,
    pub n: usize,
    pub a: f64,
    pub b: f64,
    /// Mean of B − A over the draws.
    pub diff: f64,
    /// 5% and 95% points of B − A over the draws.
    pub p05: f64,
    pub p95: f64,
    /// Share of draws with B − A > 0.
    pub p_positive: f64,
}

/// `n` draws picked by weight (with replacement), draw i keyed by (`seed`, i): the same picks for
/// `compare --posterior` and `batch --posterior` on the same seed.
pub fn picks(draws: &Draws, seed: u64, n: usize) -> Vec<usize> {
    let total: f64 = draws.weights.iter().sum();
    (0..n)
        .map(|i| {
            let u = Stream::new(seed, i as u64, 0, Purpose::PosteriorDraw).unit() * total;
            let mut cum = 0.0;
            draws
                .weights
                .iter()
                .position(|w| {
                    cum += w;
                    u < cum
                })
                .unwrap_or(draws.weights.len() - 1)
        })
        .collect()
}

/// The mean of `x` and its 5% and 95% points (equal weights).
pub fn interval(x: &[f64]) -> (f64, f64, f64) {
    let ones = vec![1.0; x.len()];
    let mean = x.iter().sum::<f64>() / x.len() as f64;
    (mean, super::weighted::quantile(x, &ones, 0.05), super::weighted::quantile(x, &ones, 0.95))
}

/// Compare A and B over `n` posterior draws (picked by weight, keyed by A's seed) on `jobs` threads.
pub fn compare(a: &Scenario, b: &Scenario, draws: &Draws, n: usize, jobs: usize) -> Result<Vec<Effect>, String> {
    let picks = picks(draws, a.seed, n);
    let mut scenarios = Vec::with_capacity(2 * n);
    for &p in &picks {
        scenarios.push(with_draw(a, draws, p)?);
    }
    for &p in &picks {
        scenarios.push(with_draw(b, draws, p)?);
    }
    let specs: Vec<RunSpec> = (0..2 * n)
        .map(|i| RunSpec {
            run_id: i as u64,
            replicate: (i % n) as u64,
            point: i,
            seed: replicate_seed(a.seed, (i % n) as u64),
        })
        .collect();
    let work = |spec: &RunSpec| {
        let mut s = scenarios[spec.point].clone();
        s.seed = spec.seed;
        simulate(s, |_| Ok::<(), ()>(())).expect("no per-week work to fail")
    };
    let mut summaries: Vec<Summary> = Vec::with_capacity(2 * n);
    run_in_order(&specs, jobs, &work, |s| {
        summaries.push(s);
        Ok::<(), ()>(())
    })
    .expect("collecting cannot fail");
    let json: Vec<serde_json::Value> = summaries.iter().map(|s| serde_json::to_value(s).expect("serialises")).collect();
    let (ja, jb) = json.split_at(n);
    Ok(kpi_names(&Summary::default())
        .into_iter()
        .filter(|k| k != "weeks")
        .map(|kpi| {
            let v = |j: &serde_json::Value| j[&kpi].as_f64().unwrap_or(f64::NAN);
            let d: Vec<f64> = ja.iter().zip(jb).map(|(x, y)| v(y) - v(x)).collect();
            let (diff, p05, p95) = interval(&d);
            Effect {
                a: interval(&ja.iter().map(v).collect::<Vec<_>>()).0,
                b: interval(&jb.iter().map(v).collect::<Vec<_>>()).0,
                diff,
                p05,
                p95,
                p_positive: d.iter().filter(|x| **x > 0.0).count() as f64 / n as f64,
                n,
                kpi,
            }
        })
        .collect())
}

/// The effects as CSV.
pub fn to_csv(rows: &[Effect]) -> String {
    let mut s = String::from("kpi,draws,a_mean,b_mean,b_minus_a,p05,p95,p_positive\n");
    for r in rows {
        let _ = writeln!(s, "{},{},{},{},{},{},{},{}", r.kpi, r.n, r.a, r.b, r.diff, r.p05, r.p95, r.p_positive);
    }
    s
}

/// The effects as a markdown table.
pub fn to_markdown(rows: &[Effect], a: &str, b: &str, n: usize) -> String {
    let mut s = format!(
        "Paired comparison over {n} posterior draws (each one parameter set and one seed): A = `{a}`, B = `{b}`. \
         The 90% interval of B − A covers parameter uncertainty and luck.\n\n"
    );
    s.push_str("| KPI | A | B | B − A | 90% interval | P(B − A > 0) |\n|---|---:|---:|---:|---:|---:|\n");
    for r in rows {
        let _ = writeln!(
            s,
            "| {} | {:.4} | {:.4} | {:+.4} | [{:+.4}, {:+.4}] | {:.2} |",
            r.kpi, r.a, r.b, r.diff, r.p05, r.p95, r.p_positive
        );
    }
    s
}
