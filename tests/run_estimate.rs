//! Very large valid scenarios say what they will cost before they start: `run` and `batch` print
//! an estimate of time and memory for work of more than a minute, and refuse (exit 2, naming the
//! parameter to lower, nothing written) a run that would not fit in the memory the process may use.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_salesim");

/// A scenario file in a fresh folder: the baseline with `accounts` accounts over `weeks` weeks.
fn sized(tag: &str, accounts: u32, weeks: u32) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("salesim-estimate-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let base = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.ron")).unwrap();
    let mut s: salesim::Scenario = ron::from_str(&base).unwrap();
    s.market.accounts = accounts;
    s.weeks = weeks;
    s.timeline.clear();
    let file = dir.join("big.ron");
    std::fs::write(&file, ron::to_string(&s).unwrap()).unwrap();
    (file, dir)
}

/// Start `args`, read what it writes to stderr until its estimate (within its first three lines),
/// then kill it: a test never waits for a run of hours.
fn estimate_line(args: &[&str]) -> String {
    let mut child = Command::new(BIN).args(args).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let lines = BufReader::new(child.stderr.take().unwrap()).lines().take(3);
    let line = lines.map_while(Result::ok).find(|l| l.starts_with("estimate:")).unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    line
}

#[test]
fn a_run_of_two_million_accounts_for_a_hundred_years_says_how_long_it_will_take_before_it_starts() {
    let (file, dir) = sized("run", 2_000_000, 5_200);
    let out = dir.join("out");
    let line = estimate_line(&["run", file.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(line.starts_with("estimate: this run will take about"), "{line}");
    assert!(line.contains(" min ") && line.contains("GiB"), "minutes and gigabytes: {line}");
}

#[test]
fn a_batch_of_large_runs_says_how_long_it_will_take_on_its_jobs() {
    let (file, dir) = sized("batch", 5_000, 520);
    let out = dir.join("out");
    let args = [
        "batch",
        file.to_str().unwrap(),
        "--set",
        "market.accounts=200000,400000",
        "--replicates",
        "20",
        "--jobs",
        "2",
        "--out",
        out.to_str().unwrap(),
    ];
    let line = estimate_line(&args);
    assert!(line.starts_with("estimate: this batch will take about"), "{line}");
}

#[test]
fn a_run_that_would_not_fit_in_memory_is_refused_naming_the_parameter_before_anything_is_written() {
    let (file, dir) = sized("refused", 2_000_000, 52);
    let out = dir.join("out");
    // 1 GiB of address space: the world of 2,000,000 accounts needs more.
    let script = format!("ulimit -v 1048576; exec {BIN} run {} --out {}", file.display(), out.display());
    let o = Command::new("sh").args(["-c", &script]).output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("`market.accounts`") && stderr.contains("big.ron"), "{stderr}");
    assert!(!out.exists(), "nothing is written for a refused run");
}

#[test]
fn an_ordinary_run_prints_no_estimate() {
    let (file, dir) = sized("small", 1_000, 52);
    let out = dir.join("out");
    let o =
        Command::new(BIN).args(["run", file.to_str().unwrap(), "--out", out.to_str().unwrap(), "-q"]).output().unwrap();
    assert!(o.status.success());
    assert!(!String::from_utf8_lossy(&o.stderr).contains("estimate"), "{}", String::from_utf8_lossy(&o.stderr));
}
