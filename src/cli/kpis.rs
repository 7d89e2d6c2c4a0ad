//! `salesim kpis RUN_DIR [--window "year N"]`: the calibration measures of a finished run
//! (`salesim run --out`), printed as `measure,value` CSV (with `--window`, `measure,value,window`
//! for the measures computed by year): the observed file's format, computed as `salesim
//! calibrate` computes them.

use super::EXIT_INVALID;
use crate::calibrate::measures::{Measure, Window, to_csv};
use crate::calibrate::run_dir::read_run;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct KpisArgs {
    /// A run's output folder (with summary.json, timeseries.csv and deals.csv).
    pub run_dir: PathBuf,
    /// Only year N of the run (`year N`, N from 1), for the measures computed by year.
    #[arg(long, value_name = "WINDOW")]
    pub window: Option<String>,
}

pub fn kpis(args: KpisArgs) -> i32 {
    let window = match args.window.as_deref().map(|w| (w, Window::parse(w))) {
        None => Window::Run,
        Some((_, Some(w))) => w,
        Some((text, None)) => {
            eprintln!("error: --window {text}: expected `run` or `year N` (N from 1)");
            return EXIT_INVALID;
        }
    };
    match read_run(&args.run_dir) {
        Ok(facts) if window == Window::Run => {
            print!("{}", to_csv(&facts.all()));
            0
        }
        Ok(facts) => {
            let mut out = String::from("measure,value,window\n");
            for m in Measure::ALL.into_iter().filter(|m| m.by_year()) {
                out.push_str(&format!("{m},{},{window}\n", facts.value_in(m, window)));
            }
            print!("{out}");
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_INVALID
        }
    }
}
