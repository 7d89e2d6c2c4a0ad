//! salesim: an agent-based simulation of a sales organisation on Bevy's ECS. Reps, customers,
//! specialists and competitors interact every weekly tick under configurable ownership and pay
//! policies. See `docs/MODEL.md` for the model, `docs/RESEARCH.md` for the command line and
//! `docs/ARCHITECTURE.md` for where everything is.

// Bevy systems take each resource and query they use as an argument.
#![allow(clippy::too_many_arguments, clippy::type_complexity)]

pub mod batch;
pub mod calibrate;
pub mod cli;
pub mod cost;
pub mod explain;
pub mod game;
pub mod industry;
#[cfg(feature = "live")]
pub mod live;
pub mod output;
pub mod report;
pub mod rng;
pub mod run;
pub mod scenario;
pub mod scorecard;
pub mod session;
pub mod sim;

pub use scenario::Scenario;
pub use sim::Simulation;

/// The program version written into every output.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Size bevy's compute task pool (call before building any simulation; later calls are no-ops).
pub fn init_threads(threads: Option<usize>) {
    use bevy::tasks::{ComputeTaskPool, TaskPoolBuilder};
    let n = threads.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)).max(1);
    ComputeTaskPool::get_or_init(|| TaskPoolBuilder::new().num_threads(n).build());
}
