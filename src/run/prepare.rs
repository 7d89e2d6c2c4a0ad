//! What a scenario needs before a run: `--seed` and `--weeks` applied and the result re-checked,
//! and a recorded session's overrides applied and its actions checked against it.

use super::Action;
use crate::Scenario;
use crate::session::Session;
use std::path::Path;

/// Apply `--seed` and `--weeks` and re-check the result. A shorter run drops the timeline events
/// it no longer reaches (saying so on stderr).
pub fn resolve(s: Scenario, seed: Option<u64>, weeks: Option<u32>, file: &Path) -> Result<Scenario, String> {
    let mut notes = Vec::new();
    let s = resolve_noting(s, seed, weeks, file, &mut notes);
    for n in notes {
        eprintln!("note: {n}");
    }
    s
}

/// [`resolve`], with what it would say added to `notes` instead (Python turns them into warnings).
pub fn resolve_noting(
    mut s: Scenario,
    seed: Option<u64>,
    weeks: Option<u32>,
    file: &Path,
    notes: &mut Vec<String>,
) -> Result<Scenario, String> {
    if let Some(seed) = seed {
        s.seed = seed;
    }
    if let Some(w) = weeks {
        s.weeks = w;
        let before = s.timeline.len();
        s.timeline.retain(|e| e.week < w);
        s.narration.retain(|c| c.week < w);
        if s.timeline.len() < before {
            notes.push(format!(
                "{} timeline event(s) at week {w} or later are not reached in a {w}-week run",
                before - s.timeline.len()
            ));
        }
    }
    let problems = crate::scenario::validate::problems(&s);
    match problems.first() {
        None => Ok(s),
        Some(p) => {
            Err(format!("{}: with the command-line overrides, field `{}`: {}", file.display(), p.path, p.message))
        }
    }
}

/// Check a session against the scenario it replays on (overrides applied, `--seed`/`--weeks`
/// resolved): its actions for world A, or why they cannot be replayed. A session recorded on a
/// different file or scenario hash replays with a warning.
fn session_actions(session: &Session, path: &Path, scenario: &Scenario, file: &Path) -> Result<Vec<Action>, String> {
    if Path::new(&session.scenario) != file {
        eprintln!("note: {} was recorded on {}, replaying it on {}", path.display(), session.scenario, file.display());
    }
    if session.scenario_hash != scenario.hash_hex() {
        eprintln!(
            "warning: {} was recorded on scenario hash {}, this scenario has hash {}: the replay may differ",
            path.display(),
            session.scenario_hash,
            scenario.hash_hex()
        );
    }
    let b_only = session.actions.iter().filter(|a| a.target == crate::session::Target::B).count();
    if session.twin.is_some() || b_only > 0 {
        let twin = session.twin.as_deref().unwrap_or("a twin");
        eprintln!(
            "note: the session compared with {twin}; replaying world A ({b_only} action(s) aimed at B only are left out)"
        );
    }
    let mut reached = session.clone();
    reached.actions.retain(|a| a.week < scenario.weeks);
    if reached.actions.len() < session.actions.len() {
        eprintln!(
            "note: {} session action(s) at week {} or later are not reached in a {}-week run",
            session.actions.len() - reached.actions.len(),
            scenario.weeks,
            scenario.weeks
        );
    }
    match reached.problems(scenario).first() {
        Some(p) => Err(format!("{}: {p}", path.display())),
        None => Ok(reached.actions_for(false, &scenario.firm_names())),
    }
}

/// Live actions to replay, in order.
pub type Actions = Vec<Action>;

/// What `salesim run` does with a loaded scenario (from `file`) before it runs: the session's
/// overrides (if it replays one, read from `path`), `--seed` and `--weeks`, then the session's
/// actions for world A checked against the result; notes for the user go to `notes`. Python's
/// `salesim.run` and `Simulation` use the same steps.
pub fn prepare_replay(
    mut s: Scenario,
    file: &Path,
    session: Option<(&Session, &Path)>,
    seed: Option<u64>,
    weeks: Option<u32>,
    notes: &mut Vec<String>,
) -> Result<(Scenario, Actions), String> {
    if let Some((session, path)) = session {
        session.apply_overrides(&mut s).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let s = resolve_noting(s, seed, weeks, file, notes)?;
    let actions = match session {
        Some((session, path)) => session_actions(session, path, &s, file)?,
        None => Vec::new(),
    };
    Ok((s, actions))
}
