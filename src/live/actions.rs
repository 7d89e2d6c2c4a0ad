//! What the facilitator can do: the messages that keys and the control panel send. The host
//! applies them; model changes go through `Simulation::send`, exactly like a timeline event.

use crate::scenario::Event;
use crate::session::Target;
use bevy::prelude::*;
use std::path::PathBuf;

/// One facilitator action, applied before the model's next tick.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum LiveAction {
    /// Play if paused, pause if playing.
    TogglePlay,
    /// Play (`true`) or pause (`false`).
    SetPlaying(bool),
    /// Simulate exactly one week (also while paused).
    Step,
    /// Weeks simulated per second of wall-clock time (clamped to the allowed range).
    SetSpeed(f64),
    /// Start the current scenario again from week 0.
    Restart,
    /// Load another scenario file and start it from week 0.
    Load(PathBuf),
    /// Apply an event or policy change at the start of the next week to the targeted world(s),
    /// logged as a live event and recorded in the session.
    Apply(Event),
    /// Compare with a twin from week 0: this scenario file as B, or (`None`) a copy of A.
    Twin(Option<PathBuf>),
    /// Leave twin mode.
    StopTwin,
    /// Which world(s) the policy controls change in twin mode.
    SetTarget(Target),
    /// Save each world's outputs so far (timeseries.csv, events.csv…) under `exports/`.
    SaveOutputs,
    /// Save a PNG of the window under `screenshots/`.
    SaveScreenshot,
    /// Save the chart series as CSV under `exports/` (a download in a browser).
    SaveSeries,
    /// Save the recorded session under `sessions/` (a download in a browser).
    SaveSession,
    /// Show firm `i` of an industry (its KPIs, charts, map and inspector) in both worlds: the view
    /// only, not recorded (live actions still go to the first firm, as in a headless replay).
    ShowFirm(usize),
    /// Switch projector mode (large type, thick lines, four charts) on or off.
    ToggleProjector,
}
