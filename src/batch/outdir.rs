//! The output directory of a batch: one writer at a time (a lock the system releases if the
//! writer dies), and no silent mixing: a directory that already holds a batch is refused unless
//! `--resume` continues the same design or `--force` clears it first.

use super::design::{Design, Shard};
use super::manifest::Manifest;
use std::fs::File;
use std::io::Write;
use std::path::Path;

/// The files and directories a batch writes (and `--force` removes).
pub const OUTPUTS: &[&str] =
    &["manifest.json", "runs.csv", "runs.parquet", "timeseries.csv", "timeseries.parquet", "panels"];

/// Name of the lock file.
pub const LOCK: &str = "batch.lock";

/// Held while a batch (or a merge) writes the directory; released when dropped or when the
/// process ends, however it ends.
pub struct Lock {
    _file: File,
}

/// Why a directory cannot be written.
#[derive(Debug)]
pub enum Refusal {
    /// Invalid use (exit code 2): in use, already holding a batch, or another design.
    Refused(String),
    /// The file system failed (exit code 1).
    Io(String),
}

fn io(dir: &Path) -> impl Fn(std::io::Error) -> Refusal + '_ {
    move |e| Refusal::Io(format!("{}: {e}", dir.display()))
}

/// Create `dir` and take its lock, or say who holds it.
pub fn lock(dir: &Path) -> Result<Lock, Refusal> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let path = dir.join(LOCK);
    let mut file =
        std::fs::OpenOptions::new().create(true).truncate(false).read(true).write(true).open(&path).map_err(io(dir))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let holder = std::fs::read_to_string(&path).unwrap_or_default();
            return Err(Refusal::Refused(format!(
                "{} is being written by another salesim ({}); wait for it to finish or use another --out",
                dir.display(),
                holder.trim()
            )));
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(io(dir)(e)),
    }
    file.set_len(0).map_err(io(dir))?;
    write!(file, "pid {}", std::process::id()).map_err(io(dir))?;
    Ok(Lock { _file: file })
}

/// Whether `dir` holds any batch output.
pub fn used(dir: &Path) -> bool {
    OUTPUTS.iter().any(|f| dir.join(f).exists() || dir.join(format!("{f}.partial")).exists())
}

/// Remove every batch output from `dir` (`--force`), leaving other files alone.
pub fn clear(dir: &Path) -> std::io::Result<()> {
    for f in OUTPUTS {
        for p in [dir.join(f), dir.join(format!("{f}.partial"))] {
            if p.is_dir() {
                std::fs::remove_dir_all(&p)?;
            } else if p.exists() {
                std::fs::remove_file(&p)?;
            }
        }
    }
    Ok(())
}

/// What the batch should do with the directory's rows.
pub enum Start {
    /// Start afresh (the directory holds no batch, or was cleared).
    Fresh,
    /// Continue: the directory holds this design and shard.
    Resume,
}

/// Decide how a batch of `design` and `shard` may use `dir` (already locked).
pub fn prepare(dir: &Path, design: &Design, shard: Shard, resume: bool, force: bool) -> Result<Start, Refusal> {
    if force {
        clear(dir).map_err(io(dir))?;
        return Ok(Start::Fresh);
    }
    let existing = Manifest::read(dir).map_err(Refusal::Refused)?;
    match (existing, resume) {
        (None, _) if !used(dir) => Ok(Start::Fresh),
        (None, _) => Err(Refusal::Refused(format!(
            "{} holds batch files but no manifest.json, so its design cannot be checked; use --force to replace \
             them or another --out",
            dir.display()
        ))),
        (Some(_), false) => Err(Refusal::Refused(format!(
            "{} already holds a batch; use --resume to continue it, --force to replace it, or another --out",
            dir.display()
        ))),
        (Some(m), true) => {
            let mut differences = m.design.differences(design);
            if m.shard != shard {
                differences.push(format!("shard: {} there, {shard} now", m.shard));
            }
            if differences.is_empty() {
                Ok(Start::Resume)
            } else {
                Err(Refusal::Refused(format!(
                    "--resume: {} holds another design, so its rows cannot be continued:\n  {}\n(use --force to \
                     replace it, or another --out)",
                    dir.display(),
                    differences.join("\n  ")
                )))
            }
        }
    }
}
