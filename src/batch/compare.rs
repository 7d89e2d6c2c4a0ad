//! Paired comparison of two scenarios: the same replicate seeds for both, and for each KPI the
//! mean of A, of B, and of B − A with a 95% interval.

use super::runner::{RunSpec, run_in_order};
use super::{output::kpi_names, replicate_seed};
use crate::report::mean_ci;
use crate::scenario::Scenario;
use crate::sim::metrics::Summary;
use std::fmt::Write;

/// One KPI's comparison.
pub struct Row {
    pub kpi: String,
    pub a: f64,
    pub b: f64,
    pub diff: f64,
    pub half_width: f64,
}

fn values(summaries: &[Summary], kpi: &str) -> Vec<f64> {
    summaries.iter().map(|s| serde_json::to_value(s).expect("serialises")[kpi].as_f64().unwrap_or(f64::NAN)).collect()
}

/// Run A and B over `replicates` paired seeds (derived from A's seed) on `jobs` threads.
pub fn compare(a: &Scenario, b: &Scenario, replicates: u64, jobs: usize) -> Vec<Row> {
    let specs: Vec<RunSpec> = (0..2 * replicates)
        .map(|i| RunSpec {
            run_id: i,
            replicate: i % replicates,
            point: (i / replicates) as usize,
            seed: replicate_seed(a.seed, i % replicates),
        })
        .collect();
    let scenario_of = |spec: &RunSpec| {
        let mut s = if spec.point == 0 { a.clone() } else { b.clone() };
        s.seed = spec.seed;
        s
    };
    let mut summaries = Vec::with_capacity(specs.len());
    let mut progress = super::progress::Progress::new("compare", specs.len());
    run_in_order(&specs, jobs, false, &scenario_of, |r| {
        summaries.push(r.summary);
        progress.tick();
        Ok::<(), ()>(())
    })
    .expect("collecting cannot fail");
    let (sa, sb) = summaries.split_at(replicates as usize);
    kpi_names(&Summary::default())
        .into_iter()
        .filter(|k| k != "weeks")
        .map(|kpi| {
            let (va, vb) = (values(sa, &kpi), values(sb, &kpi));
            let d: Vec<f64> = va.iter().zip(&vb).map(|(x, y)| y - x).collect();
            let (diff, half_width) = mean_ci(&d);
            Row { a: mean_ci(&va).0, b: mean_ci(&vb).0, diff, half_width, kpi }
        })
        .collect()
}

/// The comparison as CSV.
pub fn to_csv(rows: &[Row]) -> String {
    let mut s = String::from("kpi,a_mean,b_mean,b_minus_a,ci95_half_width\n");
    for r in rows {
        let _ = writeln!(s, "{},{},{},{},{}", r.kpi, r.a, r.b, r.diff, r.half_width);
    }
    s
}

/// The comparison as a markdown table.
pub fn to_markdown(rows: &[Row], a: &str, b: &str, replicates: u64) -> String {
    let mut s = format!("Paired comparison over {replicates} seeds: A = `{a}`, B = `{b}` (95% intervals).\n\n");
    s.push_str("| KPI | A | B | B − A |\n|---|---:|---:|---:|\n");
    for r in rows {
        let _ = writeln!(s, "| {} | {:.4} | {:.4} | {:+.4} ± {:.4} |", r.kpi, r.a, r.b, r.diff, r.half_width);
    }
    s
}
