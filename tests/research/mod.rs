//! Helpers shared by the research-mode tests: the binary, the baseline, fresh output directories,
//! running a command and reading runs.csv.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_salesim");

pub fn baseline() -> String {
    repo("scenarios/baseline.ron")
}

/// A path in the repository.
pub fn repo(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel).display().to_string()
}

/// A fresh (absent) directory for one test.
pub fn out_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("salesim-research-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// Run salesim with these arguments.
pub fn salesim<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(BIN).args(args).output().expect("salesim runs")
}

/// `salesim batch` on the baseline, 26 weeks, into `out`, with `extra` arguments.
pub fn batch(out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["batch".to_string(), baseline(), "--weeks".into(), "26".into()];
    args.extend(["--out".to_string(), out.display().to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    salesim(&args)
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Assert success, showing stderr otherwise.
pub fn ok(o: Output) -> Output {
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(&o));
    o
}

/// The data lines of a CSV file.
pub fn rows(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path).unwrap().lines().skip(1).map(String::from).collect()
}

/// The header of a CSV file.
pub fn header(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path).unwrap().lines().next().unwrap().split(',').map(String::from).collect()
}

/// Every file and directory under `dir`, at any depth.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path.clone());
            }
            found.push(path);
        }
    }
    found
}

/// Every path under `dir` that is not a whole file: a `.partial` file or directory.
pub fn partial_files(dir: &Path) -> Vec<String> {
    let mut found: Vec<String> =
        walk(dir).iter().map(|p| p.display().to_string()).filter(|p| p.ends_with(".partial")).collect();
    found.sort();
    found
}

/// Every file under `dir`, as paths relative to it, sorted; the lock files a batch or merge takes
/// (empty of data, kept so that the lock stays one file) are left out.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut found: Vec<String> = walk(dir)
        .iter()
        .filter(|p| !p.is_dir() && !p.ends_with("batch.lock"))
        .map(|p| p.strip_prefix(dir).unwrap().display().to_string())
        .collect();
    found.sort();
    found
}
