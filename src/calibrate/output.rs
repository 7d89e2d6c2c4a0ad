//! A calibration's output folder: `posterior.csv` and `posterior.parquet` (the final particles'
//! parameters in their own units, weights and distances), `summary.csv` (each parameter's median,
//! intervals and verdict), `correlations.csv`, `checks.csv` (the posterior predictive check),
//! `generations.csv` (tolerance and effective sample size by generation) and `calibration.svg`;
//! and the summary printed on the terminal. Numbers are written in Rust's shortest round-trip
//! form, so the same posterior gives the same bytes.

use super::fit::Calibration;
use crate::output::parquet::{ColumnSpec, csv_to_parquet};
use crate::output::typed::Kind;
use crate::output::write_atomically;
use std::fmt::Write;
use std::path::Path;

/// Write every file of `c` into `dir` (created if missing).
pub fn write_all(dir: &Path, c: &Calibration) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    write_atomically(&dir.join("posterior.csv"), posterior_csv(c).as_bytes())?;
    let mut columns = vec![
        ColumnSpec::new("particle", Kind::Int),
        ColumnSpec::new("weight", Kind::Float),
        ColumnSpec::new("distance", Kind::Float),
    ];
    columns.extend(c.parameters.iter().map(|p| ColumnSpec::new(p.path.clone(), Kind::Float)));
    csv_to_parquet(&dir.join("posterior.csv"), &dir.join("posterior.parquet"), &columns, &[])?;
    write_atomically(&dir.join("summary.csv"), summary_csv(c).as_bytes())?;
    write_atomically(&dir.join("correlations.csv"), correlations_csv(c).as_bytes())?;
    write_atomically(&dir.join("checks.csv"), checks_csv(c).as_bytes())?;
    write_atomically(&dir.join("generations.csv"), generations_csv(c).as_bytes())?;
    super::plot::write(&dir.join("calibration.svg"), &c.marginals, c.particles(), &c.checks)
}

/// `posterior.csv`: particle, weight, distance, then each parameter in its own units.
pub fn posterior_csv(c: &Calibration) -> String {
    let mut out = String::from("particle,weight,distance");
    for p in &c.parameters {
        let _ = write!(out, ",{}", p.path);
    }
    out.push('\n');
    for (i, particle) in c.particles().iter().enumerate() {
        let _ = write!(out, "{i},{},{}", particle.weight, particle.distance);
        for (u, p) in particle.working.iter().zip(&c.parameters) {
            let _ = write!(out, ",{}", p.prior.to_value(*u));
        }
        out.push('\n');
    }
    out
}

/// `summary.csv`: one row per parameter.
pub fn summary_csv(c: &Calibration) -> String {
    let mut out = String::from("parameter,prior,prior_lo,prior_hi,median,q05,q25,q75,q95,width_ratio,verdict\n");
    for m in &c.marginals {
        let (lo, hi) = m.parameter.prior.bounds();
        let _ = writeln!(
            out,
            "{},{},{lo},{hi},{},{},{},{},{},{},{}",
            m.parameter.path,
            m.parameter.prior.name(),
            m.median,
            m.q05,
            m.q25,
            m.q75,
            m.q95,
            m.width_ratio,
            m.verdict.name()
        );
    }
    out
}

/// `correlations.csv`: every pair of parameters.
pub fn correlations_csv(c: &Calibration) -> String {
    let mut out = String::from("parameter_a,parameter_b,correlation\n");
    for r in &c.correlations {
        let _ = writeln!(out, "{},{},{}", c.parameters[r.a].path, c.parameters[r.b].path, r.r);
    }
    out
}

/// `checks.csv`: every observed measure against its predictive band.
pub fn checks_csv(c: &Calibration) -> String {
    let mut out = String::from("measure,window,role,observed,p05,p50,p95,inside\n");
    for k in &c.checks {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{}",
            k.measure,
            k.window,
            k.role.name(),
            k.observed,
            k.p05,
            k.p50,
            k.p95,
            k.inside
        );
    }
    out
}

/// `generations.csv`: what each generation did.
pub fn generations_csv(c: &Calibration) -> String {
    let mut out = String::from("generation,simulations,tolerance,ess\n");
    for g in &c.population.generations {
        let _ = writeln!(out, "{},{},{},{}", g.index, g.simulations, g.tolerance, g.ess);
    }
    out
}

/// The summary printed on the terminal.
pub fn printed(c: &Calibration) -> String {
    let mut out = String::from(
        "parameter                                   median      50% interval           90% interval           verdict\n",
    );
    for m in &c.marginals {
        let _ = writeln!(
            out,
            "{:<40} {:>10.4}  [{:>9.4}, {:>9.4}]  [{:>9.4}, {:>9.4}]  {} (width {:.0}% of prior)",
            m.parameter.path,
            m.median,
            m.q25,
            m.q75,
            m.q05,
            m.q95,
            m.verdict.name(),
            100.0 * m.width_ratio
        );
    }
    let strong: Vec<_> = c.correlations.iter().filter(|r| r.r.abs() >= 0.5).collect();
    if !strong.is_empty() {
        out.push_str("\ntrade-offs (|correlation| ≥ 0.5):\n");
        for r in strong {
            let _ = writeln!(out, "  {} ~ {}: {:+.2}", c.parameters[r.a].path, c.parameters[r.b].path, r.r);
        }
    }
    out.push_str("\nposterior predictive check (observed inside the predicted 90% band?):\n");
    for k in &c.checks {
        let _ = writeln!(
            out,
            "  {:<36} {:<8} observed {:>12.4}  band [{:>12.4}, {:>12.4}]  {}",
            k.label(),
            k.role.name(),
            k.observed,
            k.p05,
            k.p95,
            if k.inside { "inside" } else { "OUTSIDE" }
        );
    }
    out
}
