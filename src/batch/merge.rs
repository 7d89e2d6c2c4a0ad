//! `salesim merge DIR`: the shard directories under DIR (each with its manifest.json) become one
//! batch in DIR, byte for byte what the unsharded batch writes: runs.csv, runs.parquet, the
//! timeseries and panels when the design has them, and a manifest. Every shard must hold the same
//! design, the shards must be 0..N-1 each once and complete, and every run must be there once with
//! whole rows; otherwise nothing is written and the refusal names the shard's file and line. The
//! outputs are built in `DIR/merge.partial` and moved into DIR only when all are whole (a killed
//! merge leaves that directory, which the next merge removes), the manifest last.

use super::design::{Design, Shard};
use super::manifest::{Manifest, Status, unix_time};
use super::outdir::{self, Refusal};
use super::runner::RunSpec;
use super::{DESIGN_KEY, output, panels};
use crate::output::parquet::{ColumnSpec, csv_to_parquet};
use crate::output::read::RowReader;
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Where a merge builds its outputs before moving them into place.
pub const STAGING: &str = "merge.partial";

/// The longest row a shard's CSV file may have (a row of runs.csv is a few kB).
const MAX_ROW_BYTES: usize = 1 << 20;

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

/// The rows of one shard's CSV file, each checked against the design's columns as it is read.
struct ShardRows {
    path: PathBuf,
    rows: RowReader<BufReader<File>>,
}

impl ShardRows {
    /// Open a shard's file and check its header.
    fn open(path: PathBuf, columns: &[ColumnSpec]) -> Result<Self, Refusal> {
        let file = File::open(&path).map_err(|e| refused(format!("{}: {e}", path.display())))?;
        let mut shard = ShardRows { rows: RowReader::new(BufReader::new(file), MAX_ROW_BYTES), path };
        let header = shard.rows.next().transpose().map_err(|e| shard.at(e.line, e.column, &e.message))?;
        let names = header.iter().flat_map(|h| h.cells.iter().map(|c| c.text.as_str()));
        if !names.eq(columns.iter().map(|c| c.name.as_str())) {
            return Err(refused(format!("{}: not the columns of this design", shard.path.display())));
        }
        Ok(shard)
    }

    fn at(&self, line: usize, column: usize, message: &str) -> Refusal {
        refused(format!("{}:{line}:{column}: {message}", self.path.display()))
    }

    /// The next row, whole (every cell there and of its column's type): its run id and line (its
    /// text is [`RowReader::text`]).
    fn next(&mut self, columns: &[ColumnSpec]) -> Result<Option<(u64, usize)>, Refusal> {
        let Some(row) = self.rows.next().transpose().map_err(|e| self.at(e.line, e.column, &e.message))? else {
            return Ok(None);
        };
        if row.cells.len() != columns.len() {
            let message = format!("{} cells where the header has {} (a torn row)", row.cells.len(), columns.len());
            return Err(self.at(row.line, 1, &message));
        }
        for (cell, spec) in row.cells.iter().zip(columns) {
            spec.kind
                .check(&cell.text)
                .map_err(|e| self.at(row.line, cell.column, &format!("column `{}`: {e}", spec.name)))?;
        }
        let id = row.cells[0].text.parse().map_err(|_| self.at(row.line, 1, "no run id"))?;
        Ok(Some((id, row.line)))
    }
}

/// Interleave the shards' rows of `file` in run-id order into `out/file`, `rows_per_run` rows per
/// run (1 for runs.csv, the weeks for the timeseries), refusing missing, duplicate or torn rows.
fn interleave(
    out: &Path,
    file: &str,
    columns: &[ColumnSpec],
    shards: &[ShardDir],
    runs: u64,
    rows_per_run: u64,
) -> Result<(), Refusal> {
    let out_path = out.join(file);
    let io = |e: std::io::Error| Refusal::Io(format!("{}: {e}", out_path.display()));
    let mut inputs =
        shards.iter().map(|s| ShardRows::open(s.dir.join(file), columns)).collect::<Result<Vec<_>, _>>()?;
    let mut w = BufWriter::new(File::create(&out_path).map_err(io)?);
    writeln!(w, "{}", output::header(columns)).map_err(io)?;
    let n = shards.len() as u64;
    for run in 0..runs {
        let input = &mut inputs[(run % n) as usize];
        for _ in 0..rows_per_run {
            match input.next(columns)? {
                Some((id, _)) if id == run => writeln!(w, "{}", input.rows.text()).map_err(io)?,
                Some((id, line)) if id < run => {
                    return Err(input.at(line, 1, &format!("run {id} appears twice or out of order")));
                }
                Some((_, line)) => return Err(input.at(line, 1, &format!("run {run} is missing or incomplete"))),
                None => return Err(refused(format!("{}: run {run} is missing or incomplete", input.path.display()))),
            }
        }
    }
    for input in &mut inputs {
        if let Some((id, line)) = input.next(columns)? {
            return Err(input.at(line, 1, &format!("run {id} is not a run of its shard or appears twice")));
        }
    }
    w.flush().map_err(io)?;
    w.get_ref().sync_all().map_err(io)
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

/// Build every output of the merged batch in `out` (the staging directory).
fn stage(out: &Path, design: &Design, shards: &[ShardDir]) -> Result<(), Refusal> {
    let io = |e: std::io::Error| Refusal::Io(format!("{}: {e}", out.display()));
    let metadata = vec![(DESIGN_KEY.to_string(), design.to_json())];
    interleave(out, "runs.csv", &design.columns, shards, design.runs, 1)?;
    csv_to_parquet(&out.join("runs.csv"), &out.join("runs.parquet"), &design.columns, &metadata).map_err(io)?;
    if design.outputs.timeseries {
        let columns = output::timeseries_columns();
        interleave(out, "timeseries.csv", &columns, shards, design.runs, design.weeks as u64)?;
        csv_to_parquet(&out.join("timeseries.csv"), &out.join("timeseries.parquet"), &columns, &metadata)
            .map_err(io)?;
    }
    if design.outputs.panels {
        let (replicates, seed, runs) = (design.replicates, design.seed, design.runs);
        merge_panels(out, shards, |shard| {
            (shard.index..runs).step_by(shard.count as usize).map(|id| RunSpec::new(id, replicates, seed)).collect()
        })?;
    }
    Ok(())
}

/// Merge the shards under `dir` into `dir`.
pub fn merge(dir: &Path, command: Vec<String>) -> Result<Merged, Refusal> {
    let _lock = outdir::lock(dir)?;
    let (design, shards) = shards(dir)?;
    let io = |e: std::io::Error| Refusal::Io(format!("{}: {e}", dir.display()));
    let staging = dir.join(STAGING);
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(io)?;
    }
    std::fs::create_dir(&staging).map_err(io)?;
    if let Err(e) = stage(&staging, &design, &shards) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    outdir::clear(dir).map_err(io)?;
    for f in outdir::OUTPUTS.iter().filter(|f| staging.join(f).exists()) {
        std::fs::rename(staging.join(f), dir.join(f)).map_err(io)?;
    }
    std::fs::remove_dir(&staging).map_err(io)?;
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
