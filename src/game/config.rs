//! How a facilitator sets a game up: which bundled scenario, how many of its firms, how many
//! rounds of how many weeks, the deadline and the seed; and the scenario a game plays (only the
//! played firms, as many weeks as its rounds take).

use crate::scenario::firms::MAX_FIRMS;
use crate::scenario::validate::Problem;
use crate::scenario::{Event, Scenario};
use serde::{Deserialize, Serialize};

/// Most rounds a game may have.
pub const MAX_ROUNDS: u32 = 60;
/// Most weeks a round may last.
pub const MAX_ROUND_WEEKS: u32 = 52;
/// Most seconds a round's deadline may be.
pub const MAX_DEADLINE_SECS: u32 = 24 * 3600;

/// How a game is set up by its facilitator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GameConfig {
    /// The bundled scenario it is played on, by name.
    pub scenario: String,
    /// How many of the scenario's firms are played (the first ones).
    pub firms: usize,
    pub rounds: u32,
    pub round_weeks: u32,
    /// Seconds a round stays open (0: until every team submits or the facilitator runs it).
    pub deadline_secs: u32,
    pub seed: u64,
}

impl GameConfig {
    /// The problems of this set-up against the scenario `s`, each naming its field.
    pub fn problems(&self, s: &Scenario) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut fail = |path: &str, message: String| out.push(Problem { path: path.into(), message });
        if s.firms.len() < 2 {
            fail(
                "scenario",
                format!("`{}` has no firms for teams to lead: choose a scenario with `firms`", self.scenario),
            );
        } else if !(2..=s.firms.len().min(MAX_FIRMS)).contains(&self.firms) {
            fail("firms", format!("must be 2 to {} (the scenario's firms), got {}", s.firms.len(), self.firms));
        }
        if !(1..=MAX_ROUNDS).contains(&self.rounds) {
            fail("rounds", format!("must be 1 to {MAX_ROUNDS}, got {}", self.rounds));
        }
        if !(1..=MAX_ROUND_WEEKS).contains(&self.round_weeks) {
            fail("round_weeks", format!("must be 1 to {MAX_ROUND_WEEKS}, got {}", self.round_weeks));
        }
        if self.deadline_secs > MAX_DEADLINE_SECS {
            fail("deadline_secs", format!("must be at most {MAX_DEADLINE_SECS}, got {}", self.deadline_secs));
        }
        out
    }

    /// The scenario the game plays: `s` with only the played firms, as many weeks as the rounds
    /// take and the game's seed, checked whole.
    pub fn scenario(&self, s: &Scenario) -> Result<Scenario, Problem> {
        if let Some(p) = self.problems(s).into_iter().next() {
            return Err(p);
        }
        let mut k = s.clone();
        k.firms.truncate(self.firms);
        k.weeks = self.rounds * self.round_weeks;
        k.seed = self.seed;
        let kept: Vec<String> = k.firms.iter().map(|f| f.name.clone()).collect();
        // Entries of firms no longer played and events beyond the game are dropped.
        k.timeline.retain(|t| t.week < k.weeks);
        k.timeline.retain(|t| match &t.event {
            Event::CompetitorEntry(n) => !s.firms.iter().any(|f| &f.name == n) || kept.contains(n),
            _ => true,
        });
        k.narration.clear();
        match crate::scenario::validate::problems(&k).into_iter().next() {
            Some(p) => Err(Problem { path: format!("scenario.{}", p.path), message: p.message }),
            None => Ok(k),
        }
    }
}
