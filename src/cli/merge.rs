//! `salesim merge DIR`: merge the shard directories of a sharded batch under DIR into DIR (and,
//! for a sweep under a posterior, write its intervals.csv).

use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct MergeArgs {
    /// The directory holding one sub-directory per shard (e.g. runs/sweep with shard-0 … shard-31);
    /// the merged runs.csv, runs.parquet, timeseries, panels and manifest.json are written to it.
    pub dir: PathBuf,
}

pub fn merge(args: MergeArgs) -> i32 {
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
