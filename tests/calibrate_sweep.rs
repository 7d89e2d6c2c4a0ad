//! Sweeps under a posterior (`salesim batch --posterior DIR`, issue 27): replicate k of every
//! point runs the posterior draw that `compare --posterior` would pick, so a wide posterior widens
//! each point's interval beyond the seeds' own spread; the outputs do not depend on the number of
//! jobs or on sharding and merging; and a posterior that cannot apply is refused before any run.

use salesim::calibrate::decide::{picks, read_posterior};
use salesim::calibrate::sweep::intervals_csv;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_salesim");

fn temp(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("salesim-sweep-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn baseline() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.ron")
}

/// A calibration folder whose posterior spreads customer churn evenly over 2% to 30% a year.
fn wide_posterior(tag: &str) -> PathBuf {
    let dir = temp(tag).join("posterior");
    std::fs::create_dir_all(&dir).unwrap();
    let mut csv = String::from("particle,weight,distance,customers.churn_rate_annual\n");
    for i in 0..20 {
        csv.push_str(&format!("{i},0.05,0.1,{:?}\n", 0.02 + 0.28 * i as f64 / 19.0));
    }
    std::fs::write(dir.join("posterior.csv"), csv).unwrap();
    dir
}

/// `salesim batch` of the baseline over two head counts, 8 replicates of 52 weeks, then `extra`.
fn sweep(out: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .arg("batch")
        .arg(baseline())
        .args(["--set", "sales_force.reps=20,40", "--replicates", "8", "--weeks", "52", "--out"])
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

fn ok(o: std::process::Output) -> std::process::Output {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

/// The 90% width (p95 − p05) of `kpi` at each point, from intervals.csv text.
fn widths(intervals: &str, kpi: &str) -> Vec<f64> {
    intervals
        .lines()
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|c| c[2] == kpi)
        .map(|c| c[6].parse::<f64>().unwrap() - c[5].parse::<f64>().unwrap())
        .collect()
}

#[test]
fn a_wide_posterior_widens_every_points_interval_beyond_the_spread_of_seeds_alone() {
    let posterior = wide_posterior("wide");
    let root = posterior.parent().unwrap();
    ok(sweep(&root.join("seeds"), &["--jobs", "2"]));
    ok(sweep(&root.join("drawn"), &["--jobs", "2", "--posterior", posterior.to_str().unwrap()]));
    let seeds_only = intervals_csv(&root.join("seeds")).unwrap();
    let drawn = std::fs::read_to_string(root.join("drawn/intervals.csv")).unwrap();
    assert!(drawn.starts_with("point_id,sales_force.reps,kpi,runs,mean,p05,p95\n"), "{drawn}");
    let (narrow, wide) = (widths(&seeds_only, "annual_customer_churn"), widths(&drawn, "annual_customer_churn"));
    assert_eq!(narrow.len(), 2);
    for (n, w) in narrow.iter().zip(&wide) {
        assert!(*w > 2.0 * n, "the interval under the posterior ({w}) is not wider than the seeds' ({n})");
    }
}

#[test]
fn each_replicate_runs_the_draw_compare_would_pick_on_the_same_seed_at_every_point() {
    let posterior = wide_posterior("picks");
    let out = posterior.parent().unwrap().join("drawn");
    ok(sweep(&out, &["--jobs", "1", "--posterior", posterior.to_str().unwrap()]));
    let draws = read_posterior(&posterior).unwrap();
    let baseline_seed = salesim::scenario::load::load_file(&baseline()).unwrap().seed;
    let expected = picks(&draws, baseline_seed, 8);
    let runs = std::fs::read_to_string(out.join("runs.csv")).unwrap();
    let header: Vec<&str> = runs.lines().next().unwrap().split(',').collect();
    let churn = header.iter().position(|c| *c == "customers.churn_rate_annual").expect("the drawn column");
    for line in runs.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let replicate: usize = cells[2].parse().unwrap();
        let value: f64 = cells[churn].parse().unwrap();
        assert_eq!(value, draws.values[expected[replicate]][0], "run {line}");
    }
    let distinct: std::collections::BTreeSet<usize> = expected.iter().copied().collect();
    assert!(distinct.len() > 3, "the replicates drew too few distinct parameter sets: {expected:?}");
}

#[test]
fn a_sweep_under_a_posterior_is_the_same_on_one_and_two_jobs_and_when_sharded_and_merged() {
    let posterior = wide_posterior("jobs");
    let root = posterior.parent().unwrap().to_path_buf();
    let p = posterior.to_str().unwrap();
    ok(sweep(&root.join("one"), &["--jobs", "1", "--posterior", p]));
    ok(sweep(&root.join("two"), &["--jobs", "2", "--posterior", p]));
    for i in 0..3 {
        let shard = root.join(format!("sharded/shard-{i}"));
        ok(sweep(&shard, &["--jobs", "1", "--posterior", p, "--shard", &format!("{i}/3")]));
        assert!(!shard.join("intervals.csv").exists(), "a shard alone wrote intervals");
    }
    ok(Command::new(BIN).arg("merge").arg(root.join("sharded")).output().unwrap());
    let read = |d: &str, f: &str| std::fs::read(root.join(d).join(f)).unwrap();
    for f in ["runs.csv", "intervals.csv"] {
        assert_eq!(read("one", f), read("two", f), "{f} differs between 1 and 2 jobs");
        assert_eq!(read("one", f), read("sharded", f), "{f} differs after sharding and merging");
    }
}

#[test]
fn a_posterior_parameter_swept_as_an_axis_or_a_broken_posterior_is_refused_before_any_run() {
    let posterior = wide_posterior("refused");
    let root = posterior.parent().unwrap().to_path_buf();
    let p = posterior.to_str().unwrap();
    let o = sweep(&root.join("axis"), &["--set", "customers.churn_rate_annual=0.1,0.2", "--posterior", p]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.code() == Some(2) && stderr.contains("--set customers.churn_rate_annual"), "{stderr}");
    assert!(!root.join("axis").exists(), "a refused sweep wrote its folder");
    std::fs::write(posterior.join("posterior.csv"), "particle,weight,distance,customers.churn_rate_annual\n0,1,0,x\n")
        .unwrap();
    let o = sweep(&root.join("broken"), &["--posterior", p]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.code() == Some(2) && stderr.contains("posterior.csv:2:"), "{stderr}");
    assert!(stderr.contains("field `customers.churn_rate_annual`"), "{stderr}");
    assert!(!root.join("broken").exists(), "a refused sweep wrote its folder");
    std::fs::write(posterior.join("posterior.csv"), "particle,weight,distance,customers.no_such\n0,1,0,0.1\n").unwrap();
    let o = sweep(&root.join("unknown"), &["--posterior", p]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
}
