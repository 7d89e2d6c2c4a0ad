//! Playback: whether the model runs, and how many weeks are due each frame at a speed in weeks
//! per second that does not depend on the frame rate.

use bevy::prelude::*;

/// Slowest and fastest playback speeds, weeks per second.
pub const MIN_SPEED: f64 = 1.0;
pub const MAX_SPEED: f64 = 500.0;

/// Playback state of the live view.
#[derive(Resource, Clone, Debug)]
pub struct Playback {
    pub playing: bool,
    /// Weeks simulated per second of wall-clock time. Default 10.
    pub weeks_per_second: f64,
    /// Fraction of a week carried to the next frame.
    carry: f64,
    /// A single step asked for (runs one week even when paused).
    step_requested: bool,
}

impl Default for Playback {
    fn default() -> Self {
        Playback { playing: true, weeks_per_second: 10.0, carry: 0.0, step_requested: false }
    }
}

impl Playback {
    pub fn set_speed(&mut self, weeks_per_second: f64) {
        if weeks_per_second.is_finite() {
            self.weeks_per_second = weeks_per_second.clamp(MIN_SPEED, MAX_SPEED);
        }
    }

    pub fn request_step(&mut self) {
        self.step_requested = true;
    }

    /// Weeks to simulate for a frame that took `dt` seconds. A slow frame never queues more than
    /// a quarter of a second of weeks, so the view catches up instead of stalling.
    pub fn weeks_due(&mut self, dt: f64) -> u32 {
        let mut due = 0;
        if self.playing {
            self.carry += dt.max(0.0) * self.weeks_per_second;
            let cap = (self.weeks_per_second * 0.25).ceil().max(1.0);
            if self.carry > cap {
                self.carry = cap;
            }
            due = self.carry.floor() as u32;
            self.carry -= due as f64;
        }
        if std::mem::take(&mut self.step_requested) {
            due += 1;
        }
        due
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_due_follow_speed_not_frame_rate() {
        for fps in [20.0, 60.0, 144.0] {
            let mut p = Playback::default();
            p.set_speed(30.0);
            let total: u32 = (0..(fps as usize * 10)).map(|_| p.weeks_due(1.0 / fps)).sum();
            assert!((299..=300).contains(&total), "{fps} fps gave {total} weeks in 10 s");
        }
    }

    #[test]
    fn paused_playback_runs_only_requested_steps() {
        let mut p = Playback { playing: false, ..Default::default() };
        assert_eq!(p.weeks_due(1.0), 0);
        p.request_step();
        assert_eq!(p.weeks_due(1.0), 1);
        assert_eq!(p.weeks_due(1.0), 0);
    }
}
