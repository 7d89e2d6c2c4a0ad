//! A calibration split into shards (issue 27, as a Slurm array would run it, without Slurm): each
//! round, every shard runs as its own process, all at once (`salesim calibrate --shard I/N`), and
//! does only its runs of the next batch, `salesim merge` joins them, and once a shard reports
//! `complete`, a last run without `--shard` writes the same posterior, byte for byte, as a
//! calibration never split, simulating nothing itself. A shard refuses a folder made for other
//! inputs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_salesim");

const OBSERVED: &str = "measure,value,sd\ncustomer_churn,0.1,0.02\nwin_rate,0.22,\n";
const PRIORS: &str = "[\n  (path: \"customers.churn_rate_annual\", prior: Uniform(0.02, 0.2)),\n  \
                      (path: \"deals.new_win_rate\", prior: Uniform(0.14, 0.35)),\n]\n";

fn temp(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("salesim-shards-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("observed.csv"), OBSERVED).unwrap();
    std::fs::write(d.join("priors.ron"), PRIORS).unwrap();
    d
}

/// `salesim calibrate` of the baseline on the files in `dir`, small settings, into `dir/out`.
fn calibrate(dir: &Path, extra: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.arg("calibrate")
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.ron"))
        .arg("--observed")
        .arg(dir.join("observed.csv"))
        .arg("--params")
        .arg(dir.join("priors.ron"))
        .args(["--budget", "70", "--population", "10", "--weeks", "26", "--seed", "3", "--jobs", "1", "--out"])
        .arg(dir.join("out"))
        .args(extra);
    c
}

fn ok(o: Output) -> Output {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

/// Rounds of `shards` concurrent shard processes and a merge, until a shard says `complete`;
/// the number of rounds.
fn run_sharded(dir: &Path, shards: usize) -> usize {
    for round in 1..=50 {
        let children: Vec<_> = (0..shards)
            .map(|i| {
                let mut c = calibrate(dir, &["--shard", &format!("{i}/{shards}")]);
                c.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
            })
            .collect();
        let statuses: Vec<String> = children
            .into_iter()
            .map(|c| String::from_utf8(ok(c.wait_with_output().unwrap()).stdout).unwrap().trim().to_string())
            .collect();
        ok(Command::new(BIN).arg("merge").arg(dir.join("out")).output().unwrap());
        if statuses.iter().any(|s| s == "complete") {
            assert!(statuses.iter().all(|s| s == "complete"), "shards disagree: {statuses:?}");
            return round;
        }
        assert!(statuses.iter().all(|s| s == "pending"), "{statuses:?}");
    }
    panic!("the sharded calibration never completed");
}

#[test]
fn three_shards_and_merges_give_the_posterior_of_a_calibration_never_split() {
    let whole = temp("whole");
    ok(calibrate(&whole, &[]).output().unwrap());
    let split = temp("split");
    let rounds = run_sharded(&split, 3);
    assert!(rounds >= 3, "a calibration of several generations finished in {rounds} rounds");
    let runs = std::fs::read_to_string(split.join("out/runs.csv")).unwrap();
    assert!(runs.lines().count() >= 30, "too few runs stored: {}", runs.lines().count());
    assert!(!split.join("out/shard-0/runs.csv").exists(), "merge left a shard's runs behind");
    let last = ok(calibrate(&split, &[]).output().unwrap());
    let stderr = String::from_utf8_lossy(&last.stderr);
    assert!(stderr.contains(&format!("{} runs already done by shards", runs.lines().count())), "{stderr}");
    for f in ["posterior.csv", "summary.csv", "checks.csv", "generations.csv", "correlations.csv"] {
        let a = std::fs::read(whole.join("out").join(f)).unwrap();
        assert_eq!(a, std::fs::read(split.join("out").join(f)).unwrap(), "{f} differs when sharded");
    }
}

#[test]
fn each_shard_does_only_its_own_runs_and_a_folder_of_other_inputs_is_refused() {
    let dir = temp("own");
    for i in 0..2 {
        let o = ok(calibrate(&dir, &["--shard", &format!("{i}/2")]).output().unwrap());
        assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "pending");
    }
    let seeds = |i: usize| -> Vec<u64> {
        let text = std::fs::read_to_string(dir.join(format!("out/shard-{i}/runs.csv"))).unwrap();
        text.lines().map(|l| l.split(',').next().unwrap().parse().unwrap()).collect()
    };
    let (zero, one) = (seeds(0), seeds(1));
    assert_eq!(zero.len() + one.len(), 20, "generation 0 is 2N = 20 runs");
    assert!(zero.iter().all(|s| s % 2 == 0) && one.iter().all(|s| s % 2 == 1));
    std::fs::write(dir.join("observed.csv"), OBSERVED.replace("0.22", "0.25")).unwrap();
    let o = calibrate(&dir, &["--shard", "0/2"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.code() == Some(2) && stderr.contains("the observed file changed"), "{stderr}");
    let o = calibrate(&dir, &["--shard", "2/2"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
}
