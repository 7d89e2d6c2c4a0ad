//! Research mode: batches are identical for any number of jobs, shards concatenate to the whole,
//! a killed batch resumes to the same result, paired comparisons of equivalent policies differ by
//! exactly zero, and bad designs write nothing. (Design integrity: tests/batch_integrity.rs;
//! Parquet and panels: tests/batch_parquet.rs; external designs and merging: tests/batch_design.rs.)

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_salesim");

fn baseline() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.ron").display().to_string()
}

fn out_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("salesim-batch-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn batch(out: &Path, extra: &[&str]) -> Output {
    let mut args =
        vec!["batch".to_string(), baseline(), "--weeks".into(), "52".into(), "--replicates".into(), "3".into()];
    args.extend(["--set", "pay.commission_rate=0.04,0.07", "--set", "hiring.vacancy_weeks=8..24:2"].map(String::from));
    args.extend(["--out".to_string(), out.display().to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    Command::new(BIN).args(&args).output().expect("runs")
}

fn rows(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("runs.csv")).unwrap().lines().skip(1).map(String::from).collect()
}

#[test]
fn runs_csv_is_byte_identical_for_one_and_two_jobs() {
    let (a, b) = (out_dir("j1"), out_dir("j2"));
    assert!(batch(&a, &["--jobs", "1"]).status.success());
    assert!(batch(&b, &["--jobs", "2"]).status.success());
    let (x, y) = (std::fs::read(a.join("runs.csv")).unwrap(), std::fs::read(b.join("runs.csv")).unwrap());
    assert_eq!(x, y);
    assert_eq!(rows(&a).len(), 12, "2 × 2 points × 3 replicates");
}

#[test]
fn shards_concatenate_to_the_unsharded_batch() {
    let whole = out_dir("whole");
    assert!(batch(&whole, &[]).status.success());
    let mut merged = Vec::new();
    for i in 0..3 {
        let d = out_dir(&format!("shard{i}"));
        assert!(batch(&d, &["--shard", &format!("{i}/3")]).status.success());
        merged.extend(rows(&d));
    }
    merged.sort_by_key(|l| l.split(',').next().unwrap().parse::<u64>().unwrap());
    assert_eq!(merged, rows(&whole));
}

#[test]
fn a_killed_batch_resumes_to_the_same_runs_without_duplicates() {
    let design =
        ["--weeks", "260", "--replicates", "30", "--set", "market.icp_targeting=0.2,0.4,0.6,0.8", "--jobs", "2"];
    let run = |out: &Path, extra: &[&str]| {
        Command::new(BIN)
            .arg("batch")
            .arg(baseline())
            .args(design)
            .args(["--out", out.to_str().unwrap()])
            .args(extra)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let whole = out_dir("uninterrupted");
    assert!(run(&whole, &[]).wait().unwrap().success());
    let killed = out_dir("killed");
    let mut child = run(&killed, &[]);
    // Kill it as soon as a few rows are on disk (SIGKILL: no chance to tidy up).
    let written = || std::fs::read_to_string(killed.join("runs.csv")).map_or(0, |t| t.lines().count());
    while written() < 4 && child.try_wait().unwrap().is_none() {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    let _ = child.wait();
    let partial = rows(&killed).len();
    assert!(partial < rows(&whole).len(), "the batch was killed part-way ({partial} rows)");
    let manifest = std::fs::read_to_string(killed.join("manifest.json")).unwrap();
    assert!(manifest.contains("\"status\": \"running\""), "the manifest says the batch is unfinished: {manifest}");
    assert!(!killed.join("runs.parquet").exists(), "no Parquet file for an unfinished batch");
    assert!(run(&killed, &["--resume"]).wait().unwrap().success());
    assert_eq!(std::fs::read(killed.join("runs.csv")).unwrap(), std::fs::read(whole.join("runs.csv")).unwrap());
}

#[test]
fn comparing_policies_that_differ_in_nothing_that_matters_gives_zero_differences() {
    let dir = out_dir("compare");
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(baseline()).unwrap();
    // B renames the scenario and changes a competitor that never enters.
    let b = text
        .replace("name: \"baseline\"", "name: \"baseline_b\"")
        .replace("(week: 104, event: CompetitorEntry(\"Rival\")),", "");
    let b = b.replace("competitors: [", "competitors: [(name: \"Ghost\", price_cut: 0.5),");
    let b = b.replace("timeline: [", "timeline: [(week: 104, event: CompetitorEntry(\"Rival\")),");
    std::fs::write(dir.join("b.ron"), b).unwrap();
    let out = Command::new(BIN)
        .args([
            "compare",
            &baseline(),
            dir.join("b.ron").to_str().unwrap(),
            "--replicates",
            "4",
            "--out",
            dir.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let csv = std::fs::read_to_string(dir.join("compare.csv")).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("no {name}: {header:?}"));
    let mut kpis = 0;
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f[col("b_minus_a")].parse::<f64>().unwrap(), 0.0, "{line}");
        assert_eq!(f[col("sd_b_minus_a")].parse::<f64>().unwrap(), 0.0, "{line}");
        assert_eq!(f[col("n")], "4", "{line}");
        kpis += 1;
    }
    assert!(kpis > 10);
    assert!(std::fs::read_to_string(dir.join("compare.md")).unwrap().contains("| annual_rep_turnover |"));
}

#[test]
fn bad_designs_exit_2_naming_the_path_and_write_nothing() {
    for (set, needle) in [
        ("pay.comission=0.1", "pay.comission"),
        ("pay.commission_rate=lots", "pay.commission_rate"),
        ("pay.commission_rate=2.0", "pay.commission_rate"),
        ("pay.commission_rate=", "pay.commission_rate"),
        ("pay.commission_rate=0.1..0.2:0", "pay.commission_rate"),
        ("seed=1,2", "seed"),
        ("weeks=10,20", "weeks"),
    ] {
        let d = out_dir("bad");
        let out = Command::new(BIN)
            .args(["batch", &baseline(), "--set", set, "--out", d.to_str().unwrap()])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{set}: {err}");
        assert!(err.contains(needle), "{set}: {err}");
        assert!(!d.exists(), "{set}: nothing is written");
    }
}
