//! Sweeps on a real Slurm (a one-node cluster from Debian's slurm-wlm, tests/slurm_cluster): a
//! 3-shard array submitted with scripts/slurm_submit.sh (throttled, with a merge job that waits for
//! it), one task killed mid-way and requeued, one finished task resubmitted on purpose, a 1-based
//! task refused, and the merged batch compared byte for byte with the unsharded one.

mod research;
mod slurm_cluster;
use research::*;
use slurm_cluster::Cluster;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const SWEEP: [&str; 7] =
    ["--weeks", "520", "--replicates", "12", "--set", "pay.commission_rate=0.04,0.06,0.08", "--timeseries"];

fn sweep() -> Vec<String> {
    let mut args = vec![baseline()];
    args.extend(SWEEP.iter().map(|s| s.to_string()));
    args
}

fn lines(path: &Path) -> usize {
    std::fs::read_to_string(path).map_or(0, |t| t.lines().count())
}

/// Submit the array (and its merge job) from `work`; the two job ids.
fn submit(cluster: &Cluster, work: &Path, out: &Path) -> (String, String) {
    let o = Command::new("bash")
        .arg(repo("scripts/slurm_submit.sh"))
        .args(["-c", "1", "--"])
        .args(sweep())
        .current_dir(work)
        .env("SLURM_CONF", cluster.conf())
        .env("SHARDS", "3")
        .env("THROTTLE", "2")
        .env("OUT", out)
        .env("SALESIM", BIN)
        .output()
        .unwrap();
    assert!(o.status.success(), "submit: {}{}", stderr(&o), cluster.logs());
    let ids = String::from_utf8_lossy(&o.stdout).trim().to_string();
    let (array, merge) = ids.split_once(' ').unwrap_or_else(|| panic!("two job ids: {ids}"));
    (array.to_string(), merge.to_string())
}

/// Run one array task of the sweep with `sbatch --wait`; whether it succeeded.
fn resubmit(cluster: &Cluster, work: &Path, out: &Path, task: &str) -> bool {
    let script = repo("scripts/slurm_batch.sbatch");
    let conf = cluster.conf().display().to_string();
    let out = out.display().to_string();
    let mut args = vec!["--wait", "-c", "1", "--array", task, &script];
    let sweep = sweep();
    args.extend(sweep.iter().map(String::as_str));
    let o = Command::new("sbatch")
        .args(&args)
        .current_dir(work)
        .env("SLURM_CONF", &conf)
        .env("SHARDS", "3")
        .env("OUT", &out)
        .env("SALESIM", BIN)
        .output()
        .unwrap();
    o.status.success()
}

#[test]
fn a_sharded_sweep_on_slurm_survives_a_killed_task_and_a_resubmission_and_merges_to_the_unsharded_batch() {
    let started = Instant::now();
    let tmp = out_dir("slurm");
    let cluster = Cluster::start(&tmp.join("cluster"));
    let work = tmp.join("work");
    std::fs::create_dir_all(&work).unwrap();
    let out = work.join("runs/sweep");
    let (array, merge) = submit(&cluster, &work, &out);

    // Kill task 1 mid-way (requeue ends the running task) and let it start again at once (a
    // requeued job otherwise waits two minutes before it is eligible).
    let shard1 = out.join("shard-1/runs.csv");
    let task1 = format!("{array}_1");
    cluster.wait_for("task 1 to write a few runs", Duration::from_secs(120), |_| lines(&shard1) >= 3);
    let requeue = cluster.run("scontrol", &["requeue", &task1]);
    assert!(requeue.status.success(), "requeue: {}", stderr(&requeue));
    let done_when_killed = lines(&shard1) - 1;
    cluster.wait_for("task 1 to be pending again", Duration::from_secs(30), |c| {
        c.stdout("squeue", &["-h", "-j", &task1, "-o", "%T"]).trim() == "PENDING"
    });
    assert!(cluster.run("scontrol", &["update", &format!("JobId={task1}"), "StartTime=now"]).status.success());
    cluster.wait_for("the array and the merge job to finish", Duration::from_secs(300), |c| c.idle());
    assert!(done_when_killed < 12, "task 1 was killed mid-way ({done_when_killed} of 12 runs done)");

    let log1 = std::fs::read_to_string(work.join(format!("logs/salesim-{array}_1.out"))).unwrap();
    assert!(log1.contains("attempt 1") && log1.contains("attempt 2"), "the log of both attempts is kept:\n{log1}");
    assert!(log1.contains("resuming"), "the second attempt resumed:\n{log1}");
    let merge_log = std::fs::read_to_string(work.join(format!("logs/salesim-merge-{merge}.out"))).unwrap();
    assert!(merge_log.contains("36 runs from 3 shards"), "the merge job ran after the array:\n{merge_log}");

    // Resubmitting a finished task on purpose runs nothing again; a 1-based task id is refused.
    assert!(resubmit(&cluster, &work, &out, "1"), "resubmitted task 1");
    assert_eq!(lines(&shard1), 13, "no run twice");
    assert!(!resubmit(&cluster, &work, &out, "3"), "task 3 of 3 shards is refused");
    let logs: Vec<String> = std::fs::read_dir(work.join("logs"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(logs.iter().any(|l| l.contains("task ids are 0-based")), "the refusal says why: {logs:?}");

    ok(salesim(&["merge".to_string(), out.display().to_string()]));
    let whole = tmp.join("whole");
    let mut args = vec!["batch".to_string()];
    args.extend(sweep());
    args.extend(["--out".to_string(), whole.display().to_string()]);
    ok(salesim(&args));
    for f in ["runs.csv", "runs.parquet", "timeseries.csv", "timeseries.parquet"] {
        assert_eq!(std::fs::read(whole.join(f)).unwrap(), std::fs::read(out.join(f)).unwrap(), "{f}");
    }
    drop(cluster);
    eprintln!("the Slurm test took {:.1} s", started.elapsed().as_secs_f64());
}
