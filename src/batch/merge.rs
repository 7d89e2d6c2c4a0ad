//! `salesim merge DIR`: the shard directories under DIR (each with its manifest.json) become one
//! batch in DIR, byte for byte what the unsharded batch writes: runs.csv, runs.parquet, the
//! timeseries and panels when the design has them, and a manifest. Every shard must hold the same
//! design, the shards must be 0..N-1 each once and complete, and every run must be there once;
//! otherwise nothing is written and the refusal says what is wrong.

use super::design::{Design, Shard};
use super::manifest::{Manifest, Status, unix_time};
use super::outdir::{self, Refusal};
use super::runner::RunSpec;
use super::{DESIGN_KEY, output, panels};
use crate::output::parquet::csv_to_parquet;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Lines, Write};
use std::path::{Path, PathBuf};

/// One shard directory and its manifest.
struct ShardDir {
    dir: PathBuf,
    manifest: Manifest,
}

/// What a merge did.
pub struct Merged {
    pub shards: usize,
    pub runs: u64,
}

fn refused(m: String) -> Refusal {
    Refusal::Refused(m)
}

/// The shard directories under `dir`, ordered by shard index, checked against each other.
fn shards(dir: &Path) -> Result<(Design, Vec<ShardDir>), Refusal> {
    let io = |e: std::io::Error| Refusal::Io(format!("{}: {e}", dir.display()));
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir()
            && let Some(manifest) = Manifest::read(&path).map_err(refused)?
        {
            found.push(ShardDir { dir: path, manifest });
        }
    }
    found.sort_by_key(|s| (s.manifest.shard.index, s.dir.clone()));
    let first = found
        .first()
        .ok_or_else(|| refused(format!("{}: no shard directories (with a manifest.json)", dir.display())))?;
    let (design, count) = (first.manifest.design.clone(), first.manifest.shard.count);
    for s in &found {
        let name = s.dir.display();
        let differences = design.differences(&s.manifest.design);
        if !differences.is_empty() {
            return Err(refused(format!(
                "{name} holds another design than {}:\n  {}",
                first.dir.display(),
                differences.join("\n  ")
            )));
        }
        if s.manifest.shard.count != count {
            return Err(refused(format!(
                "{name} is shard {} where {} is one of {count}",
                s.manifest.shard,
                first.dir.display()
            )));
        }
        if s.manifest.status != Status::Complete {
            return Err(refused(format!(
                "{name} (shard {}) is not complete; run it again with --resume",
                s.manifest.shard
            )));
        }
    }
    for pair in found.windows(2) {
        if pair[0].manifest.shard == pair[1].manifest.shard {
            return Err(refused(format!(
                "{} and {} are both shard {}",
                pair[0].dir.display(),
                pair[1].dir.display(),
                pair[0].manifest.shard
            )));
        }
    }
    let missing: Vec<String> = (0..count)
        .filter(|i| !found.iter().any(|s| s.manifest.shard.index == *i))
        .map(|i| format!("{i}/{count}"))
        .collect();
    if !missing.is_empty() {
        return Err(refused(format!(
            "{}: shard(s) {} missing (shards are 0-based)",
            dir.display(),
            missing.join(", ")
        )));
    }
    Ok((design, found))
}

/// The data lines of a shard's CSV file, after checking its header.
fn data_lines(path: &Path, header: &str) -> Result<Lines<BufReader<File>>, Refusal> {
    let file = File::open(path).map_err(|e| refused(format!("{}: {e}", path.display())))?;
    let mut lines = BufReader::new(file).lines();
    let first = lines.next().transpose().map_err(|e| Refusal::Io(format!("{}: {e}", path.display())))?;
    if first.as_deref() != Some(header) {
        return Err(refused(format!("{}: not the columns of this design", path.display())));
    }
    Ok(lines)
}

fn run_id(line: &str) -> Option<u64> {
    line.split(',').next()?.parse().ok()
}

/// Interleave the shards' rows of `file` in run-id order into `dir/file`, `rows_per_run` lines
/// per run (1 for runs.csv, the weeks for the timeseries), refusing missing or duplicate runs.
fn interleave(
    dir: &Path,
    file: &str,
    header: &str,
    shards: &[ShardDir],
    runs: u64,
    rows_per_run: u64,
) -> Result<(), Refusal> {
    let out_path = dir.join(file);
    let io = |e: std::io::Error| Refusal::Io(format!("{}: {e}", out_path.display()));
    let mut inputs = shards
        .iter()
        .map(|s| data_lines(&s.dir.join(file), header).map(|l| l.peekable()))
        .collect::<Result<Vec<_>, _>>()?;
    let partial = dir.join(format!("{file}.partial"));
    let mut out = BufWriter::new(File::create(&partial).map_err(io)?);
    writeln!(out, "{header}").map_err(io)?;
    let n = shards.len() as u64;
    for run in 0..runs {
        let (k, shard) = ((run % n) as usize, shards[(run % n) as usize].dir.display().to_string());
        for _ in 0..rows_per_run {
            let line = inputs[k].next().transpose().map_err(io)?;
            match line.as_deref().map(|l| (run_id(l), l)) {
                Some((Some(id), l)) if id == run => writeln!(out, "{l}").map_err(io)?,
                Some((Some(id), _)) if id < run => {
                    return Err(refused(format!("{shard}/{file}: run {id} appears twice or out of order")));
                }
                _ => return Err(refused(format!("{shard}/{file}: run {run} is missing or incomplete"))),
            }
        }
    }
    for (input, s) in inputs.iter_mut().zip(shards) {
        if let Some(line) = input.next().transpose().map_err(io)? {
            let id = run_id(&line).map_or("?".to_string(), |i| i.to_string());
            return Err(refused(format!(
                "{}/{file}: run {id} is not a run of its shard or appears twice",
                s.dir.display()
            )));
        }
    }
    out.flush().map_err(io)?;
    out.get_ref().sync_all().map_err(io)?;
    drop(out);
    std::fs::rename(&partial, dir.join(file)).map_err(io)
}

/// Link (or copy) every shard's panel files into `dir/panels`, checking each run has all of them.
fn merge_panels(dir: &Path, shards: &[ShardDir], batch_runs: impl Fn(&Shard) -> Vec<RunSpec>) -> Result<(), Refusal> {
    for s in shards {
        for spec in batch_runs(&s.manifest.shard) {
            for table in panels::TABLES {
                let (from, to) = (panels::file(&s.dir, table, &spec), panels::file(dir, table, &spec));
                if !from.exists() {
                    return Err(refused(format!("{}: missing (run {})", from.display(), spec.run_id)));
                }
                let io = |e: std::io::Error| Refusal::Io(format!("{}: {e}", to.display()));
                std::fs::create_dir_all(to.parent().expect("a point directory")).map_err(io)?;
                if std::fs::hard_link(&from, &to).is_err() {
                    std::fs::copy(&from, &to).map_err(io)?;
                }
            }
        }
    }
    Ok(())
}

/// Merge the shards under `dir` into `dir`.
pub fn merge(dir: &Path, command: Vec<String>) -> Result<Merged, Refusal> {
    let _lock = outdir::lock(dir)?;
    let (design, shards) = shards(dir)?;
    let io = |e: std::io::Error| Refusal::Io(format!("{}: {e}", dir.display()));
    outdir::clear(dir).map_err(io)?;
    let metadata = vec![(DESIGN_KEY.to_string(), design.to_json())];
    let header = output::header(&design.columns);
    interleave(dir, "runs.csv", &header, &shards, design.runs, 1)?;
    csv_to_parquet(&dir.join("runs.csv"), &dir.join("runs.parquet"), &design.columns, &metadata).map_err(io)?;
    if design.outputs.timeseries {
        let columns = output::timeseries_columns();
        interleave(dir, "timeseries.csv", &output::header(&columns), &shards, design.runs, design.weeks as u64)?;
        csv_to_parquet(&dir.join("timeseries.csv"), &dir.join("timeseries.parquet"), &columns, &metadata)
            .map_err(io)?;
    }
    if design.outputs.panels {
        let (replicates, seed, runs) = (design.replicates, design.seed, design.runs);
        merge_panels(dir, &shards, |shard| {
            (shard.index..runs).step_by(shard.count as usize).map(|id| RunSpec::new(id, replicates, seed)).collect()
        })?;
    }
    let now = unix_time();
    let manifest = Manifest {
        runs_in_shard: design.runs,
        shard: Shard::WHOLE,
        status: Status::Complete,
        command,
        design_file: shards[0].manifest.design_file.clone(),
        merged_from: shards.iter().map(|s| s.dir.display().to_string()).collect(),
        started_unix: now,
        finished_unix: Some(now),
        runs_this_invocation: Some(0),
        design,
    };
    manifest.write(dir).map_err(io)?;
    Ok(Merged { shards: shards.len(), runs: manifest.design.runs })
}
