//! The command-line contract: outputs and their columns, determinism across runs and thread
//! counts, `--seed`, exit codes, and outputs that appear only when complete.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_salesim");
const FILES: [&str; 6] = ["timeseries.csv", "events.csv", "reps.csv", "accounts.csv", "deals.csv", "summary.json"];

fn scenario(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios").join(name)
}

fn out_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("salesim-cli-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn salesim(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("runs")
}

fn run_baseline(tag: &str, extra: &[&str]) -> PathBuf {
    let dir = out_dir(tag);
    let base = scenario("baseline.ron");
    let mut args = vec!["run", base.to_str().unwrap(), "--out", dir.to_str().unwrap(), "--weeks", "260"];
    args.extend_from_slice(extra);
    let o = salesim(&args);
    assert!(o.status.success(), "run failed: {}", String::from_utf8_lossy(&o.stderr));
    dir
}

#[test]
fn the_same_scenario_and_seed_give_byte_identical_outputs_on_one_or_several_threads() {
    let a = run_baseline("one", &["--threads", "1"]);
    let b = run_baseline("two", &["--threads", "2"]);
    let c = run_baseline("again", &["--threads", "2"]);
    for f in FILES {
        let (x, y, z) =
            (std::fs::read(a.join(f)).unwrap(), std::fs::read(b.join(f)).unwrap(), std::fs::read(c.join(f)).unwrap());
        assert!(x == y && y == z, "{f} differs between runs");
        assert!(x.len() > 100, "{f} has content");
    }
}

#[test]
fn seed_overrides_the_scenario_seed_and_changes_the_run() {
    let a = run_baseline("seed1", &["--seed", "1"]);
    let b = run_baseline("seed2", &["--seed", "2"]);
    let sa = std::fs::read_to_string(a.join("summary.json")).unwrap();
    let sb = std::fs::read_to_string(b.join("summary.json")).unwrap();
    assert!(sa.contains("\"seed\": 1,") && sb.contains("\"seed\": 2,"));
    assert_ne!(std::fs::read(a.join("events.csv")).unwrap(), std::fs::read(b.join("events.csv")).unwrap());
}

#[test]
fn every_output_has_the_contract_columns_and_records_scenario_hash_seed_and_version() {
    let dir = run_baseline("columns", &[]);
    let header = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap().lines().next().unwrap().to_string();
    let ts = header("timeseries.csv");
    for col in [
        "week",
        "revenue",
        "customers_active",
        "new_customers",
        "customers_churned",
        "customers_followed_rep",
        "reps_active",
        "reps_hired",
        "reps_quit",
        "reps_poached",
        "first_year_reps_quit",
        "avg_rep_pay_annualized",
        "cost_of_sales_ratio",
        "loyalty_to_rep_mean",
        "loyalty_to_company_mean",
        "satisfaction_mean",
        "complex_needs_served_share",
        "hunting_hours_share",
    ] {
        assert!(ts.split(',').any(|c| c == col), "timeseries.csv lacks {col}");
    }
    for f in ["timeseries.csv", "events.csv", "reps.csv", "accounts.csv"] {
        let h = header(f);
        assert!(h.ends_with("scenario,scenario_hash,seed,version"), "{f}: {h}");
    }
    for col in [
        "rep_id",
        "year",
        "employer",
        "tenure_weeks",
        "revenue_credited",
        "quota",
        "attainment",
        "base_pay",
        "variable_pay",
        "hunting_share",
        "accounts_owned",
        "left_week",
        "leave_reason",
    ] {
        assert!(header("reps.csv").split(',').any(|c| c == col), "reps.csv lacks {col}");
    }
    for col in [
        "account_id",
        "year",
        "owner_rep",
        "status",
        "revenue",
        "loyalty_to_rep",
        "loyalty_to_company",
        "satisfaction",
        "lost_cause",
    ] {
        assert!(header("accounts.csv").split(',').any(|c| c == col), "accounts.csv lacks {col}");
    }
    let events = std::fs::read_to_string(dir.join("events.csv")).unwrap();
    for kind in ["hire", "quit", "churn", "competitor_entry", "realignment", "reassign", "win"] {
        assert!(events.lines().any(|l| l.split(',').nth(1) == Some(kind)), "events.csv has no `{kind}` row");
    }
    let ts_rows = std::fs::read_to_string(dir.join("timeseries.csv")).unwrap().lines().count();
    assert_eq!(ts_rows, 261, "one row per week plus the header");
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    for key in [
        "scenario",
        "scenario_hash",
        "seed",
        "weeks",
        "version",
        "total_revenue",
        "annual_rep_turnover",
        "first_year_rep_turnover",
        "annual_customer_churn",
        "follow_share_on_departure",
        "avg_rep_pay_final_year",
        "cost_of_sales_ratio",
    ] {
        assert!(summary.get(key).is_some(), "summary.json lacks {key}");
    }
    assert_eq!(summary["weeks"], 260);
    assert_eq!(summary["scenario"], "baseline");
    let rate = summary["annual_rep_turnover"].as_f64().unwrap();
    assert!((0.0..1.0).contains(&rate), "rates are fractions: {rate}");
}

#[test]
fn the_run_prints_a_short_human_summary() {
    let dir = out_dir("human");
    let o =
        salesim(&["run", scenario("baseline.ron").to_str().unwrap(), "--out", dir.to_str().unwrap(), "--weeks", "104"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("rep turnover") && text.contains("revenue") && text.contains(dir.to_str().unwrap()),
        "{text}"
    );
    assert!(text.lines().count() <= 24, "fits one screen");
}

#[test]
fn an_interrupted_run_leaves_no_file_pretending_to_be_whole() {
    let dir = out_dir("killed");
    let mut child = Command::new(BIN)
        .args([
            "run",
            scenario("baseline.ron").to_str().unwrap(),
            "--out",
            dir.to_str().unwrap(),
            "--weeks",
            "5200",
            "-q",
        ])
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(400));
    child.kill().unwrap();
    let _ = child.wait();
    for f in FILES {
        assert!(!dir.join(f).exists(), "{f} exists after the run was killed");
    }
    assert!(dir.join("timeseries.csv.partial").exists(), "the partial file is there, named as partial");
}

#[test]
fn invalid_input_exits_with_code_2_and_names_the_problem() {
    let o = salesim(&["run", "no/such/file.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no/such/file.ron"));
    let o = salesim(&[
        "run",
        scenario("baseline.ron").to_str().unwrap(),
        "--weeks",
        "0",
        "--out",
        out_dir("zero").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("weeks"));
    let o = salesim(&["validate", scenario("baseline.ron").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
}
