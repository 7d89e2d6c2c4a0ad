//! Design integrity of batch directories: a changed design on resume is refused saying what
//! differs, a second writer is refused, a used --out is refused unless --resume or --force (which
//! leaves no stale file), and every row says which point, replicate and seed it is. A refused
//! merge, batch, run or report leaves no partial or torn file, and a killed batch leaves only whole
//! files, `.partial` ones, and a manifest saying it is running, which merge refuses.

mod research;
use research::*;
use std::process::Command;

const DESIGN: [&str; 4] = ["--replicates", "2", "--set", "pay.commission_rate=0.04,0.07"];

#[test]
fn resume_refuses_a_directory_whose_design_differs_and_says_what_differs() {
    let d = out_dir("changed");
    ok(batch(&d, &DESIGN));
    let before = std::fs::read(d.join("runs.csv")).unwrap();
    for (change, needle) in [
        (vec!["--replicates", "3", "--set", "pay.commission_rate=0.04,0.07"], "replicates"),
        (vec!["--replicates", "2", "--set", "pay.commission_rate=0.04,0.08"], "points"),
        (vec!["--replicates", "2", "--set", "pay.base_salary=50000,60000"], "axes"),
        (vec!["--replicates", "2", "--set", "pay.commission_rate=0.04,0.07", "--timeseries"], "outputs"),
        (vec!["--replicates", "2", "--set", "pay.commission_rate=0.04,0.07", "--shard", "0/2"], "shard"),
    ] {
        let mut args = change.clone();
        args.push("--resume");
        let o = batch(&d, &args);
        assert_eq!(o.status.code(), Some(2), "{change:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(needle), "{change:?} names `{needle}`: {}", stderr(&o));
        assert_eq!(std::fs::read(d.join("runs.csv")).unwrap(), before, "{change:?}: the rows are untouched");
    }
    let other_weeks = salesim(&[
        "batch",
        &baseline(),
        "--weeks",
        "27",
        "--out",
        d.to_str().unwrap(),
        "--resume",
        "--replicates",
        "2",
        "--set",
        "pay.commission_rate=0.04,0.07",
    ]);
    assert_eq!(other_weeks.status.code(), Some(2));
    assert!(stderr(&other_weeks).contains("weeks: 26 there, 27 now"), "{}", stderr(&other_weeks));
    let same = ok(batch(&d, &[&DESIGN[..], &["--resume"]].concat()));
    assert!(
        String::from_utf8_lossy(&same.stdout).contains("0 runs done"),
        "the same design resumes with nothing to do"
    );
}

#[test]
fn a_second_concurrent_writer_is_refused() {
    let d = out_dir("concurrent");
    let mut first = Command::new(BIN)
        .args(["batch", &baseline(), "--weeks", "520", "--replicates", "40", "--jobs", "1"])
        .args(["--out", d.to_str().unwrap()])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    while !d.join("manifest.json").exists() {
        assert!(first.try_wait().unwrap().is_none(), "the first batch is still running");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    for extra in [&["--resume"][..], &["--force"], &[]] {
        let mut args = vec!["--weeks", "520", "--replicates", "40"];
        args.extend_from_slice(extra);
        let o = salesim(&[&["batch", &baseline(), "--out", d.to_str().unwrap()][..], &args].concat());
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("being written by another salesim"), "{extra:?}: {}", stderr(&o));
    }
    first.kill().unwrap();
    let _ = first.wait();
    let torn = std::fs::read_to_string(d.join("runs.csv")).unwrap();
    assert!(torn.lines().skip(1).all(|l| l.split(',').count() == torn.lines().next().unwrap().split(',').count()));
}

#[test]
fn a_used_out_is_refused_and_force_leaves_no_stale_file() {
    let d = out_dir("used");
    ok(batch(&d, &["--replicates", "2", "--timeseries"]));
    let again = batch(&d, &["--replicates", "2"]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(stderr(&again).contains("--resume") && stderr(&again).contains("--force"), "{}", stderr(&again));
    ok(batch(&d, &["--replicates", "3", "--force"]));
    for stale in ["timeseries.csv", "timeseries.parquet"] {
        assert!(!d.join(stale).exists(), "{stale} of the old batch is gone");
    }
    assert_eq!(rows(&d.join("runs.csv")).len(), 3);
}

#[test]
fn every_row_names_its_point_replicate_seed_firm_parameters_hash_and_version() {
    let d = out_dir("columns");
    ok(batch(&d, &[&DESIGN[..], &["--timeseries"]].concat()));
    let h = header(&d.join("runs.csv"));
    for col in ["run_id", "point_id", "replicate", "seed", "pay.commission_rate", "firm", "scenario_hash", "version"] {
        assert!(h.iter().any(|c| c == col), "runs.csv lacks {col}: {h:?}");
    }
    let mut unique = h.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), h.len(), "no duplicate columns");
    let at = |name: &str| h.iter().position(|c| c == name).unwrap();
    let rows: Vec<Vec<String>> =
        rows(&d.join("runs.csv")).iter().map(|l| l.split(',').map(String::from).collect()).collect();
    let hash_of = |point: &str| {
        let hashes: Vec<&String> =
            rows.iter().filter(|r| r[at("point_id")] == point).map(|r| &r[at("scenario_hash")]).collect();
        assert_eq!(hashes.len(), 2);
        assert_eq!(hashes[0], hashes[1], "replicates of a point share its hash (the seed is not in it)");
        hashes[0].clone()
    };
    assert_ne!(hash_of("0"), hash_of("1"), "points differ in their hash");
    let ts = header(&d.join("timeseries.csv"));
    assert_eq!(&ts[..6], ["run_id", "point_id", "replicate", "seed", "firm", "week"]);
}

#[test]
fn set_seed_and_set_weeks_are_refused_naming_the_way_to_vary_them() {
    for (set, hint) in [("seed=1,2", "--replicates"), ("weeks=52,104", "--weeks")] {
        let d = out_dir("seed");
        let o = batch(&d, &["--set", set]);
        assert_eq!(o.status.code(), Some(2), "{set}");
        assert!(stderr(&o).contains(hint), "{set}: {}", stderr(&o));
        assert!(!d.exists(), "{set}: nothing written");
    }
    let o = batch(&out_dir("twice"), &["--set", "pay.commission_rate=0.04", "--set", "pay.commission_rate=0.05"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("given twice"), "{}", stderr(&o));
}

#[test]
fn a_refused_merge_batch_run_or_report_leaves_no_partial_or_torn_file() {
    let d = out_dir("refusals");
    // merge: a shard marked complete whose last row is torn (lines 2 to 4 hold runs 1, 3 and 5).
    let sweep = ["--replicates", "3", "--set", "pay.commission_rate=0.04,0.07", "--timeseries", "--panels"];
    for i in 0..2 {
        let shard = d.join(format!("merge/shard-{i}"));
        ok(batch(&shard, &[&sweep[..], &["--shard", &format!("{i}/2")]].concat()));
    }
    let runs = d.join("merge/shard-1/runs.csv");
    let csv = std::fs::read_to_string(&runs).unwrap();
    std::fs::write(&runs, &csv[..csv.trim_end().len() - 20]).unwrap();
    let before = files_under(&d.join("merge"));
    let o = salesim(&["merge", d.join("merge").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "merge: {}", stderr(&o));
    assert_eq!(files_under(&d.join("merge")), before, "merge wrote nothing");
    // batch: a design whose last row is bad, into a directory that already holds a batch.
    let design = d.join("points.csv");
    std::fs::write(&design, "pay.commission_rate\n0.05\n0.06\n7\n").unwrap();
    let before = files_under(&d.join("merge/shard-0"));
    let o = batch(&d.join("merge/shard-0"), &["--design", design.to_str().unwrap(), "--force"]);
    assert_eq!(o.status.code(), Some(2), "batch: {}", stderr(&o));
    assert!(stderr(&o).contains(":4:1: column `pay.commission_rate`"), "batch: {}", stderr(&o));
    assert_eq!(files_under(&d.join("merge/shard-0")), before, "batch wrote nothing");
    // run: an output name taken by a directory, complete or partial.
    for taken in ["reps.csv", "events.csv.partial"] {
        let out = d.join(format!("run-{taken}"));
        std::fs::create_dir_all(out.join(taken)).unwrap();
        let o = salesim(&["run", &baseline(), "--weeks", "8", "-q", "--out", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "run: {}", stderr(&o));
        assert!(stderr(&o).contains(taken), "run names {taken}: {}", stderr(&o));
        assert_eq!(files_under(&out), Vec::<String>::new(), "run wrote nothing");
        std::fs::remove_dir_all(&out).unwrap();
    }
    // report: a stored analysis naming a parameter that does not exist.
    let report = d.join("report/VALIDATION.md");
    std::fs::create_dir_all(report.parent().unwrap()).unwrap();
    let stored = "{\"command\": \"x\", \"seeds\": 3, \"rows\": [{\"path\": \"behaviour.nope\", \"factor\": 0.8, \
                  \"from\": \"1\", \"to\": \"0.8\", \"changes\": {}}], \"skipped\": []}";
    std::fs::write(report.with_extension("sensitivity.json"), stored).unwrap();
    let o = salesim(&[
        "report",
        "--scenarios",
        &repo("scenarios"),
        "--seeds",
        "3",
        "--sensitivity-seeds",
        "0",
        "--out",
        report.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "report: {}", stderr(&o));
    assert_eq!(files_under(&d.join("report")), ["VALIDATION.sensitivity.json"], "report wrote nothing");
    assert_eq!(partial_files(&d), Vec::<String>::new(), "no partial file anywhere");
}

#[test]
fn a_batch_killed_mid_way_leaves_whole_files_and_a_running_manifest_that_merge_refuses() {
    let d = out_dir("killed");
    let out = d.join("shard-0");
    let mut child = Command::new(BIN)
        .args(["batch", &baseline(), "--weeks", "104", "--replicates", "60", "--jobs", "2", "--shard", "0/1"])
        .args(["--timeseries", "--panels", "--out", out.to_str().unwrap()])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while std::fs::read_to_string(out.join("runs.csv")).map_or(0, |t| t.lines().count()) < 4 {
        assert!(child.try_wait().unwrap().is_none(), "the batch is still running");
        assert!(started.elapsed() < std::time::Duration::from_secs(120), "three runs within two minutes");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    let _ = child.wait();
    // The manifest is whole and says the batch is running: the in-progress marker.
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).expect("a whole manifest");
    assert_eq!(manifest["status"], "running");
    // Parquet files appear only whole; the rest are `.partial`, which readers do not take.
    assert!(!out.join("runs.parquet").exists() && !out.join("timeseries.parquet").exists());
    for f in files_under(&out).iter().filter(|f| f.ends_with(".parquet")) {
        let file = std::fs::File::open(out.join(f)).unwrap();
        parquet::file::reader::SerializedFileReader::new(file).unwrap_or_else(|e| panic!("{f} is whole: {e}"));
    }
    // runs.csv holds whole rows, but for at most a torn last one.
    let header = header(&out.join("runs.csv")).len();
    let lines = rows(&out.join("runs.csv"));
    let (last, whole) = lines.split_last().unwrap();
    assert!(whole.iter().all(|l| l.split(',').count() == header), "whole rows before the last");
    assert!(last.split(',').count() <= header);
    // merge refuses the running shard and writes nothing; --resume completes it, then merge works.
    let before = files_under(&d);
    let o = salesim(&["merge", d.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("is not complete"), "{}", stderr(&o));
    assert_eq!(files_under(&d), before, "merge wrote nothing");
    let resumed = salesim(&[
        "batch",
        &baseline(),
        "--weeks",
        "104",
        "--replicates",
        "60",
        "--jobs",
        "2",
        "--shard",
        "0/1",
        "--timeseries",
        "--panels",
        "--resume",
        "--out",
        out.to_str().unwrap(),
    ]);
    ok(resumed);
    ok(salesim(&["merge", d.to_str().unwrap()]));
    assert_eq!(rows(&d.join("runs.csv")).len(), 60);
    assert_eq!(partial_files(&d), Vec::<String>::new(), "no partial file once complete");
}
