//! A game as a session file: its played scenario and every action its rounds applied, each aimed
//! at its firm by name, so `salesim run SCENARIO --actions` replays the game headless to the same
//! rows (the server rewrites it after every change, `server/handle.rs`).

use super::play::Game;
use crate::session::{Session, SessionAction, Target};

impl Game {
    /// The session file of the game so far: `salesim run SCENARIO --actions` replays it headless
    /// to the same rows (`scenario_file` is where the played scenario is written).
    pub fn session(&self, scenario_file: &str) -> Session {
        let names = self.scenario.firm_names();
        let actions = self
            .actions()
            .map(|a| SessionAction {
                week: a.week,
                target: Target::A,
                firm: a.firm.map(|f| names[f as usize].clone()),
                event: a.event.clone(),
            })
            .collect();
        Session {
            scenario: scenario_file.to_string(),
            scenario_hash: self.scenario.hash_hex(),
            overrides: Vec::new(),
            twin: None,
            actions,
        }
    }
}
