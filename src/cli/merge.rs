//! `salesim merge DIR`: merge the shard directories of a sharded batch under DIR into DIR (and,
//! for a sweep under a posterior, write its intervals.csv); or, for a calibration split with
//! `salesim calibrate --shard`, add the shards' runs to DIR/runs.csv.

use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct MergeArgs {
    /// The directory holding one sub-directory per shard (e.g. runs/sweep with shard-0 … shard-31);
    /// the merged runs.csv, runs.parquet, timeseries, panels and manifest.json are written to it.
    /// For a sharded calibration, its --out: the shards' runs are added to its runs.csv.
    pub dir: PathBuf,
}

pub fn merge(args: MergeArgs) -> i32 {
    if crate::calibrate::shards::is_calibration(&args.dir) {
        return match crate::calibrate::shards::merge(&args.dir) {
            Ok((runs, shards)) => {
                println!("merge: {runs} calibration runs from {shards} shards into {}/runs.csv", args.dir.display());
                0
            }
            Err(e) => {
                eprintln!("error: {e}");
                super::EXIT_INVALID
            }
        };
    }
    match crate::batch::merge::merge(&args.dir, std::env::args().collect()) {
        Ok(m) => {
            println!("merge: {} runs from {} shards into {}", m.runs, m.shards, args.dir.display());
            match crate::batch::manifest::Manifest::read(&args.dir) {
                Ok(Some(manifest)) if manifest.design.replicate_params.is_some() => {
                    super::batch::posterior_intervals(&args.dir)
                }
                _ => 0,
            }
        }
        Err(e) => super::batch::refusal(e),
    }
}
