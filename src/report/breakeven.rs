//! The break-even of tools and programmes (seed 000, remedy 2; `src/sim/policy/tools.rs`): the baseline
//! run again at each level of `ownership.company_tools` over the report's seeds, with the
//! contribution (gross margin less the whole cost of sales, tools included) at each level and the
//! paired change from the level below. The level past which more tools lose money is read off
//! those changes, not assumed.

use super::checks::paired_verdict;
use super::format::{estimate, num};
use super::{Results, mean_ci};
use crate::scenario::Scenario;
use std::fmt::Write;

/// The levels of tools the report tries (a design of the report, not behaviour).
pub const LEVELS: [f64; 6] = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0];

/// The scenario whose tools the report varies.
pub const SCENARIO: &str = "baseline";

fn name(level: f64) -> String {
    format!("{SCENARIO} · tools {level:.1}")
}

/// The baseline at every level of [`LEVELS`], named by its level.
pub fn variants(baseline: &Scenario) -> Vec<Scenario> {
    LEVELS
        .iter()
        .map(|&level| {
            let mut s = baseline.clone();
            s.name = name(level);
            s.ownership.company_tools = level;
            s
        })
        .collect()
}

fn values(r: &Results, level: f64, metric: &str) -> Vec<f64> {
    r.get(&name(level)).and_then(|m| m.get(metric)).cloned().unwrap_or_default()
}

/// The section of docs/VALIDATION.md.
pub fn render(r: &Results, own_level: f64) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "## Tools and programmes: break-even (`{SCENARIO}`)\n");
    let _ = writeln!(
        w,
        "The baseline at each level of `ownership.company_tools` (its own is {}), paired over the same seeds. \
         Tools cost `tools.cost_per_rep` × level a rep a year from the week they are paid for and work after \
         `tools.lag_weeks`; they raise customers' loyalty to the company and free selling time \
         (`src/sim/policy/tools.rs`). Contribution = gross margin − the whole cost of sales.\n",
        num(own_level)
    );
    let _ = writeln!(
        w,
        "| level | contribution | change from the level below (paired) | tools cost | revenue | customer churn |"
    );
    let _ = writeln!(w, "|---|---|---|---|---|---|");
    let mut last_gain: Option<f64> = None;
    for (i, &level) in LEVELS.iter().enumerate() {
        let (c, ch) = mean_ci(&values(r, level, "total_contribution"));
        let step = if i == 0 {
            "–".to_string()
        } else {
            let below: Vec<f64> = values(r, LEVELS[i - 1], "total_contribution");
            let d: Vec<f64> = values(r, level, "total_contribution").iter().zip(&below).map(|(a, b)| a - b).collect();
            let v = paired_verdict(&d, true);
            if last_gain.is_none() && v.mean + v.half_width < 0.0 {
                last_gain = Some(LEVELS[i - 1]);
            }
            estimate(v.mean, v.half_width)
        };
        let cost = mean_ci(&values(r, level, "tools_cost")).0;
        let revenue = mean_ci(&values(r, level, "total_revenue")).0;
        let churn = mean_ci(&values(r, level, "annual_customer_churn")).0;
        let _ = writeln!(
            w,
            "| {level:.1} | {} | {step} | {} | {} | {} |",
            estimate(c, ch),
            num(cost),
            num(revenue),
            num(churn)
        );
    }
    let _ = writeln!(
        w,
        "\n{}\n",
        match last_gain {
            Some(l) => format!(
                "Past a level of {l:.1}, more tools and programmes lose money: the next step's paired change in contribution is below zero."
            ),
            None => "No step of the sweep loses money with 95% confidence.".to_string(),
        }
    );
    out
}
