//! `salesim scorecard`: the productivity scorecard (seed 002) of a run, read from its reps.csv.

use super::EXIT_INVALID;
use crate::scorecard::{read_reps, words};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ScorecardArgs {
    /// Output directory of `salesim run` (it holds reps.csv).
    pub run_dir: PathBuf,
    /// Reps named in each list of the final year (most successful, most productive, least productive).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub top: u32,
}

/// Print the scorecard; on bad input say what is wrong and return 2.
pub fn scorecard(args: ScorecardArgs) -> i32 {
    match read_reps(&args.run_dir) {
        Ok(reps) => {
            print!("{}", words::render(&args.run_dir.join("reps.csv").display().to_string(), &reps, args.top as usize));
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_INVALID
        }
    }
}
