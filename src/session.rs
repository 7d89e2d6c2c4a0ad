//! Recorded facilitator sessions: the scenario a live session ran and every action taken, with
//! its week and target, so the session replays exactly, headless (`salesim run --actions`) or
//! live (`salesim demo --replay`).

use crate::Scenario;
use crate::run::Action;
use crate::scenario::load::{ScenarioError, parse_ron, read_text};
use crate::scenario::{Event, params, validate};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Which world of a twin run an action changes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    /// The main run (the only one outside twin mode).
    #[default]
    A,
    /// The twin run.
    B,
    /// Both runs.
    Both,
}

impl Target {
    /// Whether the action changes world A (`false`) or B (`true`).
    pub fn hits(self, twin: bool) -> bool {
        match self {
            Target::A => !twin,
            Target::B => twin,
            Target::Both => true,
        }
    }
}

/// One facilitator action: an event or policy change applied at the start of `week`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionAction {
    /// Week the action applied (before that week was simulated).
    pub week: u32,
    /// World it changed. Default `A`.
    #[serde(default)]
    pub target: Target,
    /// In an industry, the firm it went to, by name (a game's team decisions); default none: the
    /// first firm, and a market-wide event to every firm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firm: Option<String>,
    /// What was applied, exactly as in a scenario timeline.
    pub event: Event,
}

/// A recorded session.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The scenario file, as given to `salesim demo`.
    pub scenario: String,
    /// Hash of the scenario as run (after `overrides`); a replay warns if the file has changed.
    pub scenario_hash: String,
    /// `PATH=VALUE` changes applied to the scenario before week 0 (`demo --set`). Default none.
    #[serde(default)]
    pub overrides: Vec<String>,
    /// The twin (B) scenario file, when the session compared two policies. Default none.
    #[serde(default)]
    pub twin: Option<String>,
    /// Every action, in the order it was applied.
    #[serde(default)]
    pub actions: Vec<SessionAction>,
}

impl Session {
    /// Read a session file; errors name the file, line, column and field.
    pub fn load(path: &Path) -> Result<Session, ScenarioError> {
        let src = read_text(path)?;
        parse_ron(&src, &path.display().to_string())
    }

    /// The session as the pretty RON a session file holds.
    pub fn to_ron(&self) -> std::io::Result<String> {
        let config = ron::ser::PrettyConfig::new().depth_limit(3);
        let text = ron::ser::to_string_pretty(self, config).map_err(std::io::Error::other)?;
        Ok(format!("{text}\n"))
    }

    /// Write the session (atomically) as pretty RON.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        crate::output::write_atomically(path, self.to_ron()?.as_bytes())
    }

    /// The actions that change one world of the run (`twin` = world B), in order, each aimed at
    /// its firm among `firms` (the scenario's firm names; a name not among them, which
    /// [`Session::problems`] reports, goes to the first firm).
    pub fn actions_for(&self, twin: bool, firms: &[String]) -> Vec<Action> {
        let firm =
            |name: &Option<String>| name.as_ref().and_then(|n| firms.iter().position(|f| f == n)).map(|i| i as u16);
        self.actions
            .iter()
            .filter(|a| a.target.hits(twin))
            .map(|a| Action { week: a.week, firm: firm(&a.firm), event: a.event.clone() })
            .collect()
    }

    /// Apply the recorded `overrides` to a freshly loaded scenario.
    pub fn apply_overrides(&self, scenario: &mut Scenario) -> Result<(), String> {
        apply_overrides(scenario, &self.overrides)
    }

    /// Problems replaying this session's actions for one world on `scenario`, as messages naming
    /// `actions[i]`: weeks beyond the run, unknown competitors, bad parameter paths or values. Every
    /// action is checked, however many there are, exactly as a timeline event is.
    pub fn problems(&self, scenario: &Scenario) -> Vec<String> {
        let actions = self.actions.iter().map(|a| (a.week, &a.event));
        let mut out: Vec<String> = validate::timed_event_problems(scenario, actions)
            .into_iter()
            .map(|(i, p)| format!("actions[{i}].{}: {}", p.path, p.message))
            .collect();
        let names = scenario.firm_names();
        for (i, a) in self.actions.iter().enumerate() {
            match &a.firm {
                Some(f) if scenario.firms.is_empty() => {
                    out.push(format!("actions[{i}].firm: `{f}`: the scenario is one company, not an industry of firms"))
                }
                Some(f) if !names.contains(f) => {
                    out.push(format!("actions[{i}].firm: no firm is named `{f}` (the firms: {})", names.join(", ")))
                }
                _ => {}
            }
        }
        out
    }
}

/// Apply `PATH=VALUE` changes (`demo --set`, a session's `overrides`) to a scenario, each checked
/// as `batch --set` checks a value; the first bad one is the error.
pub fn apply_overrides(scenario: &mut Scenario, overrides: &[String]) -> Result<(), String> {
    for o in overrides {
        let (path, value) = o.split_once('=').ok_or_else(|| format!("--set {o}: expected PATH=VALUE"))?;
        let (path, value) = (path.trim(), value.trim());
        crate::batch::grid::check_value(scenario, path, value)?;
        params::set(scenario, path, value).map_err(|e| format!("--set {o}: {e}"))?;
    }
    Ok(())
}

/// The first free `DIR/STEM-NNN.ron`.
pub fn next_session_path(dir: &Path, stem: &str) -> PathBuf {
    (1..).map(|n| dir.join(format!("{stem}-{n:03}.ron"))).find(|p| !p.exists()).expect("an unused session number")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        Session {
            scenario: "scenarios/baseline.ron".into(),
            scenario_hash: "0".into(),
            actions: vec![
                SessionAction { week: 3, target: Target::A, firm: None, event: Event::Realignment },
                SessionAction { week: 5, target: Target::B, firm: None, event: Event::HiringFreeze(true) },
                SessionAction {
                    week: 9,
                    target: Target::Both,
                    firm: None,
                    event: Event::Set { path: "pay.commission_rate".into(), value: "0.03".into() },
                },
            ],
            ..Default::default()
        }
    }

    #[test]
    fn a_saved_session_reads_back_the_same() {
        let path = std::env::temp_dir().join(format!("salesim-session-{}.ron", std::process::id()));
        session().save(&path).unwrap();
        let back = Session::load(&path).unwrap();
        std::fs::remove_file(&path).ok();
        assert_eq!(back, session());
    }

    #[test]
    fn each_world_replays_only_the_actions_aimed_at_it() {
        let weeks = |twin| session().actions_for(twin, &[]).into_iter().map(|a| a.week).collect::<Vec<_>>();
        assert_eq!(weeks(false), vec![3, 9]);
        assert_eq!(weeks(true), vec![5, 9]);
    }

    #[test]
    fn an_action_beyond_the_run_is_named_by_its_index() {
        let mut s = crate::scenario::load::load_file(Path::new("scenarios/baseline.ron")).unwrap();
        s.weeks = 8;
        let problems = session().problems(&s);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("actions[2].week"), "{problems:?}");
    }
}
