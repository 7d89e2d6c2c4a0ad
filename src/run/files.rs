//! One run written to a folder: the six output files, each under a `.partial` name until the run
//! is complete (`output::writer`).

use crate::Scenario;
use crate::output::writer::{RunMeta, RunWriter};
use crate::sim::observe::metrics::Summary;
use std::path::Path;

/// Simulate to the end, writing every tick's rows as they come.
pub fn simulate_to(scenario: Scenario, dir: &Path) -> std::io::Result<Summary> {
    simulate_with(scenario, dir, &[])
}

/// Simulate to the end with live `actions` (week, event), each sent before its week exactly as
/// the live view sends it, writing every tick's rows as they come.
pub fn simulate_with(scenario: Scenario, dir: &Path, actions: &[super::Action]) -> std::io::Result<Summary> {
    let meta = RunMeta::of(&scenario);
    let mut writer = RunWriter::create(dir, &meta)?;
    let summary =
        super::simulate_with_actions(scenario, actions, |week| writer.write(&week)).map_err(std::io::Error::from)?;
    writer.finish(&summary)?;
    Ok(summary)
}
