//! The facilitator's session: every action taken in the live view, recorded with its week and
//! target into `sessions/` as it happens, and the script of a session being replayed.

use crate::Scenario;
use crate::scenario::Event;
use crate::session::{Session, SessionAction, Target, next_session_path};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};

/// Records the session and holds the replay script.
#[derive(Default)]
pub struct Recorder {
    /// The session so far (restarting the run starts a new one).
    pub session: Session,
    /// Where the session is saved: `None` until its first action, or when not saving.
    pub file: Option<PathBuf>,
    /// Directory sessions are saved in; `None` records in memory only (tests).
    pub dir: Option<PathBuf>,
    /// A replayed session: its actions are applied again after every restart.
    pub replay: Option<Session>,
    /// Replayed actions not applied yet.
    script: VecDeque<SessionAction>,
}

impl Recorder {
    pub fn new(dir: Option<PathBuf>, replay: Option<Session>) -> Self {
        Recorder { dir, replay, ..Default::default() }
    }

    /// Start a new session for a run of `scenario` (from `path`), with `twin` if comparing.
    pub fn begin(&mut self, path: &Path, scenario: &Scenario, overrides: &[String], twin: Option<&Path>) {
        self.session = Session {
            scenario: path.display().to_string(),
            scenario_hash: scenario.hash_hex(),
            overrides: overrides.to_vec(),
            twin: twin.map(|t| t.display().to_string()),
            actions: Vec::new(),
        };
        self.file = None;
        self.script = self.replay.iter().flat_map(|s| s.actions.iter().cloned()).collect();
    }

    /// Record one applied action; with `save`, (re)write the session file when recording to
    /// disk. Returns a message if saving failed.
    pub fn record(&mut self, week: u32, target: Target, event: Event, save: bool) -> Option<String> {
        self.session.actions.push(SessionAction { week, target, firm: None, event });
        let dir = self.dir.as_ref().filter(|_| save)?;
        let file = self.file.get_or_insert_with(|| {
            let stem = Path::new(&self.session.scenario).file_stem().map(|s| s.to_string_lossy().into_owned());
            next_session_path(dir, stem.as_deref().unwrap_or("session"))
        });
        self.session.save(file).err().map(|e| format!("could not save the session to {}: {e}", file.display()))
    }

    /// The replayed actions due at `week` (taken from the script).
    pub fn due(&mut self, week: u32) -> Vec<SessionAction> {
        let mut out = Vec::new();
        while let Some(a) = self.script.pop_front() {
            if a.week > week {
                self.script.push_front(a);
                break;
            }
            out.push(a);
        }
        out
    }
}
