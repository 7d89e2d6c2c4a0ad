//! Paired comparison of two scenarios: the same replicate seeds for both, and for each KPI the
//! mean of A, of B, and of B − A with its SD and a 95% Student-t interval over the n pairs.

use super::runner::{RunSpec, run_in_order};
use super::{output::kpi_names, replicate_seed};
use crate::report::interval::mean_interval;
use crate::run::simulate;
use crate::scenario::Scenario;
use crate::sim::observe::metrics::Summary;
use std::fmt::Write;

/// One KPI's comparison.
pub struct Row {
    pub kpi: String,
    pub a: f64,
    pub b: f64,
    /// Paired seeds.
    pub n: usize,
    /// Mean of B − A.
    pub diff: f64,
    /// Standard deviation of the paired differences B − A.
    pub sd_diff: f64,
    /// Half-width of the 95% Student-t interval of the mean difference.
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
    let work = |spec: &RunSpec| {
        let mut s = if spec.point == 0 { a.clone() } else { b.clone() };
        s.seed = spec.seed;
        simulate(s, |_| Ok::<(), ()>(())).expect("no per-week work to fail")
    };
    let mut summaries = Vec::with_capacity(specs.len());
    let mut progress = super::progress::Progress::new("compare", specs.len());
    run_in_order(&specs, jobs, &work, |summary| {
        summaries.push(summary);
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
            let i = mean_interval(&d);
            Row {
                a: mean_interval(&va).mean,
                b: mean_interval(&vb).mean,
                n: i.n,
                diff: i.mean,
                sd_diff: i.sd,
                half_width: i.half_width,
                kpi,
            }
        })
        .collect()
}

/// The comparison as CSV.
pub fn to_csv(rows: &[Row]) -> String {
    let mut s = String::from("kpi,n,a_mean,b_mean,b_minus_a,sd_b_minus_a,ci95_half_width,ci95_low,ci95_high\n");
    for r in rows {
        let (lo, hi) = (r.diff - r.half_width, r.diff + r.half_width);
        let _ = writeln!(s, "{},{},{},{},{},{},{},{lo},{hi}", r.kpi, r.n, r.a, r.b, r.diff, r.sd_diff, r.half_width);
    }
    s
}

/// The comparison as a markdown table.
pub fn to_markdown(rows: &[Row], a: &str, b: &str, replicates: u64) -> String {
    let mut s = format!(
        "Paired comparison over {replicates} seeds: A = `{a}`, B = `{b}` (95% Student-t intervals, {} degrees of \
         freedom).\n\n",
        replicates.saturating_sub(1)
    );
    s.push_str("| KPI | A | B | B − A | SD of B − A |\n|---|---:|---:|---:|---:|\n");
    for r in rows {
        let _ = writeln!(
            s,
            "| {} | {:.4} | {:.4} | {:+.4} ± {:.4} | {:.4} |",
            r.kpi, r.a, r.b, r.diff, r.half_width, r.sd_diff
        );
    }
    s
}
