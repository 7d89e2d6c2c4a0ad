//! A calibration on a real Slurm (the one-node cluster of tests/slurm_cluster, in its own test
//! process so its ports are its own): scripts/slurm_calibrate.sh submits round after round of a
//! 3-task array (`salesim calibrate --shard`), merges each round and writes the posterior with a
//! last job, and the files are the same bytes as a calibration on one machine.

mod research;
mod slurm_cluster;
use research::*;
use slurm_cluster::Cluster;
use std::process::Command;

const SETTINGS: [&str; 10] =
    ["--budget", "70", "--population", "10", "--weeks", "26", "--seed", "3", "--hold-out", "win_rate"];

#[test]
fn a_calibration_sharded_on_slurm_round_by_round_gives_the_posterior_of_one_never_split() {
    let tmp = out_dir("slurm-calibrate");
    let cluster = Cluster::start(&tmp.join("cluster"));
    let work = tmp.join("work");
    std::fs::create_dir_all(&work).unwrap();
    let (observed, priors) = (work.join("observed.csv"), work.join("priors.ron"));
    std::fs::write(&observed, "measure,value,sd\ncustomer_churn,0.1,0.02\nwin_rate,0.22,\n").unwrap();
    std::fs::write(&priors, "[(path: \"customers.churn_rate_annual\", prior: Uniform(0.02, 0.2))]\n").unwrap();
    let inputs = |out: &std::path::Path| -> Vec<String> {
        let mut a = vec![baseline(), "--observed".into(), observed.display().to_string()];
        a.extend(["--params".into(), priors.display().to_string()]);
        a.extend(SETTINGS.iter().map(|s| s.to_string()));
        a.extend(["--out".into(), out.display().to_string()]);
        a
    };
    let out = work.join("runs/cal");
    let o = Command::new("bash")
        .arg(repo("scripts/slurm_calibrate.sh"))
        .args(["-c", "1", "--"])
        .args(inputs(&out).iter().take_while(|a| *a != "--out"))
        .current_dir(&work)
        .env("SLURM_CONF", cluster.conf())
        .env("SHARDS", "3")
        .env("OUT", &out)
        .env("SALESIM", BIN)
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "slurm_calibrate: {printed}{}{}", stderr(&o), cluster.logs());
    assert!(printed.contains("round 2: pending") && printed.contains("posterior in"), "{printed}");
    let whole = tmp.join("whole");
    let mut args = vec!["calibrate".to_string()];
    args.extend(inputs(&whole));
    args.extend(["--jobs".to_string(), "1".to_string()]);
    ok(salesim(&args));
    for f in ["posterior.csv", "summary.csv", "checks.csv", "generations.csv"] {
        assert_eq!(std::fs::read(whole.join(f)).unwrap(), std::fs::read(out.join(f)).unwrap(), "{f} differs");
    }
    drop(cluster);
}
