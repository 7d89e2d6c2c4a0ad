//! Calibration to a company's own numbers (`salesim calibrate`, `salesim kpis`): the measures
//! vocabulary and how a run gives each one (`vocabulary.rs`, `measures.rs`, by year `years.rs`, `run_dir.rs`), the observed and priors
//! files (`observed.rs`, `priors.rs`), population Monte Carlo ABC (`abc.rs` with `kernel.rs` and
//! `weighted.rs`), a calibration of a scenario (`fit.rs`), its checkpoints for `--resume`
//! (`checkpoint.rs`) and its shards on a cluster (`shards.rs`), what its posterior says, policy comparisons under it (`decide.rs`)
//! (`posterior.rs`), sweeps under it (`sweep.rs`), and its files and plot (`output.rs`, `plot.rs`). docs/CALIBRATION.md
//! describes the method and every measure.

pub mod abc;
pub mod checkpoint;
pub mod decide;
pub mod fit;
pub mod kernel;
pub mod measures;
pub mod observed;
pub mod output;
pub mod plot;
pub mod posterior;
pub mod priors;
pub mod run_dir;
pub mod shards;
pub mod sweep;
pub mod vocabulary;
pub mod weighted;
pub mod years;

pub use fit::{Calibration, Plan, Request, calibrate};
pub use measures::{Measure, RunFacts};
