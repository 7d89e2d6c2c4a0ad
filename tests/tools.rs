//! Tools and programmes as a policy with a price (docs/MODEL.md "Tools and programmes",
//! src/sim/policy/tools.rs): they cost money from the week they are paid for, work only after their lag,
//! and past some level cost more than they bring in, found by a `salesim batch` sweep.

mod common;
use common::*;
use salesim::scenario::Event;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_salesim");

/// Mean of a runs.csv column at each value of `ownership.company_tools`, and the per-replicate values.
fn by_level(runs: &Path, column: &str) -> BTreeMap<String, Vec<f64>> {
    let text = std::fs::read_to_string(runs).expect("runs.csv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("no column {name}"));
    let (level, value, replicate) = (col("ownership.company_tools"), col(column), col("replicate"));
    let mut rows: Vec<(String, u64, f64)> = lines
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            (c[level].to_string(), c[replicate].parse().unwrap(), c[value].parse().unwrap())
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut out: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for (l, _, v) in rows {
        out.entry(l).or_default().push(v);
    }
    out
}

#[test]
fn tools_cost_money_and_past_some_level_lose_it_in_a_batch_sweep() {
    let out = std::env::temp_dir().join(format!("salesim-tools-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let baseline = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.ron");
    let o = Command::new(BIN)
        .args([
            "batch",
            baseline.to_str().unwrap(),
            "--set",
            "ownership.company_tools=0,0.5,1.0",
            "--replicates",
            "30",
            "--out",
        ])
        .arg(&out)
        .output()
        .expect("batch runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let runs = out.join("runs.csv");
    let cost = by_level(&runs, "total_tools_cost");
    assert!(cost["0"].iter().all(|c| *c == 0.0), "no tools, no cost");
    assert!(mean(&cost["1.0"]) > 1.9 * mean(&cost["0.5"]) && mean(&cost["0.5"]) > 0.0, "cost rises with the level");
    let contribution = by_level(&runs, "total_contribution");
    let gain: Vec<f64> = contribution["0.5"].iter().zip(&contribution["0"]).map(|(a, b)| a - b).collect();
    assert_positive("contribution at level 0.5 − none", &gain);
    let loss: Vec<f64> = contribution["0.5"].iter().zip(&contribution["1.0"]).map(|(a, b)| a - b).collect();
    assert_positive("contribution at level 0.5 − full level", &loss);
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn tools_are_paid_for_at_once_but_work_only_after_their_lag() {
    let before = small(208);
    let mut raised = before.clone();
    at(&mut raised, 104, Event::Set { path: "ownership.company_tools".into(), value: "0.8".into() });
    let loyalty_at = |week: u32| move |r: &Run| r.rows[week as usize].loyalty_to_company_mean;
    let early = paired(&before, &raised, 20, loyalty_at(106));
    let late = paired(&before, &raised, 20, loyalty_at(190));
    assert_positive("loyalty to the company a year and a half after the raise", &late);
    assert!(
        mean(&early) < 0.2 * mean(&late),
        "two weeks in, the raise has barely worked ({} against {})",
        mean(&early),
        mean(&late)
    );
    let cost = |r: &Run| r.rows[105].contribution;
    assert_positive("the week after the raise, contribution without − with", &paired(&raised, &before, 20, cost));
}
