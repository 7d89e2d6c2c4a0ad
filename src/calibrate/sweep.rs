//! Sweeps under a posterior (`salesim batch --posterior DIR`): replicate k of every design point
//! runs posterior draw k (picked by weight as `compare --posterior` picks them, [`decide::picks`])
//! on replicate k's seed, so the points meet the same draws and the same luck; `intervals.csv`
//! then gives each point's KPIs as a mean and a 90% interval over its replicates, an interval that
//! covers parameter uncertainty as well as luck. [`intervals_csv`] reads any finished (or merged)
//! batch folder, so a seed-only sweep's intervals can be set beside it.

use super::checkpoint::text_hash;
use super::decide::{self, interval};
use crate::batch::design::ReplicateParams;
use crate::batch::grid::Axis;
use crate::batch::manifest::Manifest;
use crate::batch::output::kpi_names;
use crate::output::csv::Cell;
use crate::output::read;
use crate::scenario::Scenario;
use std::fmt::Write;
use std::path::Path;

/// The per-point intervals' file in a batch folder.
pub const FILE: &str = "intervals.csv";

/// The parameter sets of `replicates` replicates of a sweep of `base` over `axes`, drawn from the
/// posterior in `dir` (keyed by the base's seed). Refused if an axis is a posterior parameter
/// (the point would silently override the draw) or a draw does not apply to the scenario.
pub fn replicate_params(
    dir: &Path,
    base: &Scenario,
    axes: &[Axis],
    replicates: u64,
) -> Result<ReplicateParams, String> {
    let draws = decide::read_posterior(dir)?;
    if let Some(a) = axes.iter().find(|a| draws.paths.contains(&a.path)) {
        return Err(format!(
            "--set {}: a parameter of the posterior in {}; a sweep under a posterior varies other parameters",
            a.path,
            dir.display()
        ));
    }
    let picks = decide::picks(&draws, base.seed, replicates as usize);
    let mut checked = std::collections::BTreeSet::new();
    for &p in &picks {
        if checked.insert(p) {
            decide::with_draw(base, &draws, p)?;
        }
    }
    let path = dir.join("posterior.csv");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(ReplicateParams {
        source: format!("posterior.csv {}", text_hash(&text)),
        paths: draws.paths.clone(),
        values: picks.iter().map(|&p| draws.values[p].iter().map(|v| format!("{v:?}")).collect()).collect(),
    })
}

/// `point_id`, the axes' values, then per KPI the runs, mean and 5% and 95% points over the
/// point's replicates, one row per (point, KPI), from the finished batch in `dir`.
pub fn intervals_csv(dir: &Path) -> Result<String, String> {
    let manifest = Manifest::read(dir)?.ok_or_else(|| format!("{}: no manifest.json (not a batch)", dir.display()))?;
    let design = manifest.design;
    let path = dir.join("runs.csv");
    let file = path.display().to_string();
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{file}: {e}"))?;
    let rows = read::parse(&text).map_err(|e| format!("{file}:{}:{}: {}", e.line, e.column, e.message))?;
    let Some((header, rows)) = rows.split_first() else { return Err(format!("{file}: empty")) };
    let col = |name: &str| {
        header.cells.iter().position(|c| c.text == name).ok_or_else(|| format!("{file}:1: no `{name}` column"))
    };
    let kpis = kpi_names(&Default::default());
    let kpi_cols = kpis.iter().map(|k| col(k)).collect::<Result<Vec<_>, _>>()?;
    let (run_col, point_col) = (col("run_id")?, col("point_id")?);
    let number = |row: &read::Row, c: usize| -> Result<f64, String> {
        let cell = row.cells.get(c).ok_or_else(|| format!("{file}:{}: too few cells", row.line))?;
        if cell.text.is_empty() {
            return Ok(f64::NAN);
        }
        cell.text.parse::<f64>().map_err(|_| {
            format!(
                "{file}:{}:{}: field `{}`: `{}` is not a number",
                row.line, cell.column, header.cells[c].text, cell.text
            )
        })
    };
    // (run id, point, KPI values), in run-id order whatever order the rows were written in.
    let mut runs = Vec::with_capacity(rows.len());
    for row in rows {
        let values = kpi_cols.iter().map(|&c| number(row, c)).collect::<Result<Vec<_>, _>>()?;
        runs.push((number(row, run_col)? as u64, number(row, point_col)? as usize, values));
    }
    runs.sort_by_key(|r| r.0);
    let mut out = String::from("point_id");
    for a in &design.axes {
        out.push(',');
        a.path.as_str().cell(&mut out);
    }
    out.push_str(",kpi,runs,mean,p05,p95\n");
    for (p, point) in design.points.iter().enumerate() {
        for (k, kpi) in kpis.iter().enumerate() {
            let x: Vec<f64> = runs.iter().filter(|r| r.1 == p).map(|r| r.2[k]).filter(|v| v.is_finite()).collect();
            if x.is_empty() {
                continue;
            }
            let (mean, p05, p95) = interval(&x);
            let _ = write!(out, "{p}");
            for v in point {
                out.push(',');
                v.as_str().cell(&mut out);
            }
            let _ = writeln!(out, ",{kpi},{},{mean},{p05},{p95}", x.len());
        }
    }
    Ok(out)
}

/// Write `dir/intervals.csv` (whole or not at all).
pub fn write_intervals(dir: &Path) -> Result<(), String> {
    let csv = intervals_csv(dir)?;
    crate::output::write_atomically(&dir.join(FILE), csv.as_bytes()).map_err(|e| format!("{}: {e}", dir.display()))
}
