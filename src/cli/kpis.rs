//! `salesim kpis RUN_DIR`: the calibration measures of a finished run (`salesim run --out`),
//! printed as `measure,value` CSV: the observed file's format, computed as `salesim calibrate`
//! computes them.

use super::EXIT_INVALID;
use crate::calibrate::measures::to_csv;
use crate::calibrate::run_dir::read_run;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct KpisArgs {
    /// A run's output folder (with summary.json, timeseries.csv and deals.csv).
    pub run_dir: PathBuf,
}

pub fn kpis(args: KpisArgs) -> i32 {
    match read_run(&args.run_dir) {
        Ok(facts) => {
            print!("{}", to_csv(&facts.all()));
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_INVALID
        }
    }
}
