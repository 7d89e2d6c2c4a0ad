//! The model inside the live view: world A (and in twin mode world B, on the same seed, stepped
//! in lockstep), changed only through [`LiveAction`]s that are sent exactly like timeline events
//! and recorded as the session; narration captions pause the run.

use super::actions::LiveAction;
use super::clock::Playback;
use super::files::{self, load_scenario as load};
use super::recorder::Recorder;
use super::world::LiveRun;
use crate::Scenario;
use crate::scenario::{Caption, Event};
use crate::session::Target;
use bevy::prelude::*;
use std::path::{Path, PathBuf};

/// How B differs from A so far (twin mode).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TwinGap {
    /// Customers lost under B that A still has.
    pub lost_under_b_kept_by_a: u32,
    /// Customers lost under A that B still has.
    pub lost_under_a_kept_by_b: u32,
    /// Revenue over the last year, B − A, $/year.
    pub revenue_gap: f64,
}

/// What happened when the view asked for a week.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepOutcome {
    Stepped,
    /// The run is over.
    Finished,
    /// A caption is due: the run pauses until it is dismissed.
    Caption,
}

/// The running model(s) and what the view keeps of them.
#[derive(Resource)]
pub struct LiveSim {
    pub a: LiveRun,
    /// The twin world, when comparing two policies.
    pub b: Option<LiveRun>,
    /// Which world the controls change (twin mode).
    pub target: Target,
    /// `--set` overrides the run started with (kept for the session and restarts).
    pub overrides: Vec<String>,
    /// A's scenario as loaded, before overrides (what a restart starts again).
    base: Scenario,
    pub recorder: Recorder,
    /// Narration: the caption on screen, the next one due, and whether to narrate at all.
    pub caption: Option<Caption>,
    next_caption: usize,
    pub narrate: bool,
    pub gap: TwinGap,
    /// Rises whenever the worlds are rebuilt (restart, load, twin), so the scene starts afresh.
    pub generation: u32,
    /// The last message for the facilitator (file saved, load error…).
    pub notice: String,
}

/// The scenario with `overrides` applied (they were checked on it when the run started).
fn with_overrides(s: Scenario, overrides: &[String]) -> Scenario {
    let mut changed = s.clone();
    match crate::session::apply_overrides(&mut changed, overrides) {
        Ok(()) => changed,
        Err(e) => {
            warn!("{e}; starting without the overrides");
            s
        }
    }
}

/// The twin's scenario: its own policies, A's seed and length, so both face the same luck.
fn twin_of(mut b: Scenario, a: &Scenario) -> Scenario {
    b.seed = a.seed;
    b.weeks = a.weeks;
    b.timeline.retain(|e| e.week < a.weeks);
    b.narration.clear();
    b
}

impl LiveSim {
    /// A run of `scenario` (from `path`) with `overrides` (`PATH=VALUE`) applied on top.
    pub fn new(scenario: Scenario, path: PathBuf, overrides: Vec<String>, recorder: Recorder) -> Self {
        let mut live = LiveSim {
            a: LiveRun::new(with_overrides(scenario.clone(), &overrides), path),
            b: None,
            target: Target::Both,
            overrides,
            base: scenario,
            recorder,
            caption: None,
            next_caption: 0,
            narrate: true,
            gap: TwinGap::default(),
            generation: 0,
            notice: String::new(),
        };
        live.begin_session();
        live
    }

    fn begin_session(&mut self) {
        let twin = self.b.as_ref().map(|b| b.path.clone());
        self.recorder.begin(&self.a.path, &self.a.scenario, &self.overrides, twin.as_deref());
        self.caption = None;
        self.next_caption = 0;
        self.gap = TwinGap::default();
        self.generation += 1;
    }

    /// Start again from week 0 (both worlds in twin mode), showing the same firm.
    pub fn restart(&mut self) {
        let shown = self.a.shown;
        self.a = LiveRun::new(with_overrides(self.base.clone(), &self.overrides), self.a.path.clone());
        if let Some(b) = &self.b {
            self.b = Some(LiveRun::new(twin_of(b.scenario.clone(), &self.a.scenario), b.path.clone()));
        }
        self.show_firm(shown);
        self.begin_session();
        self.notice = format!("restarted {}", self.a.scenario.name);
    }

    /// Load a scenario file as A (leaving twin mode); on a bad file keep the run and say why.
    pub fn load(&mut self, path: &Path) {
        match load(path) {
            Ok(s) => {
                self.base = s;
                self.overrides.clear();
                self.a.path = path.to_path_buf();
                self.b = None;
                self.recorder.replay = None;
                self.restart();
                self.notice = format!("loaded {}", path.display());
            }
            Err(message) => self.notice = message,
        }
    }

    /// Compare with a twin from week 0: the scenario at `path`, or (`None`) a copy of A whose
    /// policies the facilitator then changes. Both restart on A's seed.
    pub fn start_twin(&mut self, path: Option<&Path>) {
        let (scenario, path) = match path {
            None => (self.a.scenario.clone(), self.a.path.clone()),
            Some(p) => match load(p) {
                Ok(s) => (s, p.to_path_buf()),
                Err(message) => {
                    self.notice = message;
                    return;
                }
            },
        };
        self.b = Some(LiveRun::new(twin_of(scenario, &self.a.scenario), path));
        self.restart();
        self.notice = format!("comparing A with B = {}", self.b.as_ref().map_or("", |b| b.scenario.name.as_str()));
    }

    /// Leave twin mode (A carries on where it is).
    pub fn stop_twin(&mut self) {
        self.b = None;
        self.notice = "twin closed".into();
    }

    /// The worlds an action aimed at `target` changes.
    fn targets(&mut self, target: Target) -> Vec<&mut LiveRun> {
        let mut out = Vec::new();
        if target.hits(false) {
            out.push(&mut self.a);
        }
        if let Some(b) = self.b.as_mut().filter(|_| target.hits(true)) {
            out.push(b);
        }
        out
    }

    /// Queue an event for the start of the next week in the target world(s), exactly as a
    /// timeline event, and record it.
    pub fn apply(&mut self, event: Event, target: Target) {
        self.apply_as(event, target, true);
    }

    fn apply_as(&mut self, event: Event, target: Target, manual: bool) {
        if self.a.finished() {
            self.notice = "the run is over: restart to apply changes".into();
            return;
        }
        if self.b.is_none() && target == Target::B && !manual {
            // A replayed action meant for a twin that is not running (as a headless replay does).
            self.notice = format!("week {}: skipped an action meant for world B", self.a.week());
            return;
        }
        let target = if self.b.is_some() { target } else { Target::A };
        let week = self.a.week();
        for run in self.targets(target) {
            if let Err(problem) = run.model.send(event.clone()) {
                self.notice = format!("week {week}: refused: {problem}");
                return;
            }
        }
        let to = match (self.b.is_some(), target) {
            (false, _) => String::new(),
            (true, Target::Both) => " (A and B)".into(),
            (true, t) => format!(" ({t:?} only)"),
        };
        self.notice = format!("week {week}: {}{to}", event.kind().replace('_', " "));
        if let Some(problem) = self.recorder.record(week, target, event, manual) {
            self.notice = problem;
        }
    }

    /// Simulate one week in every world, after any replayed actions and caption due.
    pub fn step_week(&mut self) -> StepOutcome {
        let week = self.a.week();
        if self.narrate && self.caption.is_none() {
            let due = self.a.scenario.narration.iter().skip(self.next_caption).position(|c| c.week <= week);
            if let Some(k) = due {
                self.next_caption += k + 1;
                self.caption = Some(self.a.scenario.narration[self.next_caption - 1].clone());
                return StepOutcome::Caption;
            }
        }
        for action in self.recorder.due(week) {
            self.apply_as(action.event, action.target, false);
        }
        if !self.a.step_week() {
            return StepOutcome::Finished;
        }
        if let Some(b) = &mut self.b {
            b.step_week();
            self.gap = gap(&mut self.a, b);
        }
        StepOutcome::Stepped
    }

    pub fn refresh_snapshots(&mut self) {
        self.a.refresh_snapshot();
        if let Some(b) = &mut self.b {
            b.refresh_snapshot();
        }
    }

    /// Show firm `i` of an industry in every world that has it.
    pub fn show_firm(&mut self, i: usize) {
        self.a.show_firm(i);
        if let Some(b) = &mut self.b {
            b.show_firm(i);
        }
    }

    /// Put the caption away (the run resumes when playback plays).
    pub fn dismiss_caption(&mut self) -> bool {
        self.caption.take().is_some()
    }

    /// Save the chart series (and markers) of each world under `dir`; returns the notice for
    /// the first file.
    pub fn save_series(&self, dir: &Path) -> std::io::Result<String> {
        let mut first = None;
        for (run, tag) in self.runs() {
            let firm = if run.is_industry() { format!("-{}", run.shown().name) } else { String::new() };
            let stem = format!("{}{tag}{firm}-week-{:04}", run.scenario.name, run.week());
            let saved = files::save(&dir.join(format!("{stem}-series.csv")), run.shown().series.to_csv().as_bytes())?;
            files::save(&dir.join(format!("{stem}-markers.csv")), run.shown().series.markers_csv().as_bytes())?;
            first.get_or_insert(saved);
        }
        Ok(first.expect("world A"))
    }

    /// Save the session so far (on the desktop it is also saved as it is recorded); returns the
    /// notice.
    pub fn save_session(&self, dir: &Path) -> std::io::Result<String> {
        let path = match &self.recorder.file {
            Some(f) => f.clone(),
            None => crate::session::next_session_path(dir, &files::stem(&self.a.path)),
        };
        files::save(&path, self.recorder.session.to_ron()?.as_bytes())
    }

    /// Write each world's outputs so far, as a headless run would, under `dir`; returns A's dir.
    pub fn save_outputs(&self, dir: &Path) -> std::io::Result<PathBuf> {
        let mut first = None;
        for (run, tag) in self.runs() {
            let out = dir.join(format!("{}{tag}-week-{:04}", run.scenario.name, run.week()));
            run.save_outputs(&out)?;
            first.get_or_insert(out);
        }
        Ok(first.expect("world A"))
    }

    /// The worlds with a tag for file names: A (no tag) and B (`-B`).
    pub fn runs(&self) -> impl Iterator<Item = (&LiveRun, &'static str)> {
        std::iter::once((&self.a, "")).chain(self.b.iter().map(|b| (b, "-B")))
    }
}

/// Customers each world has lost that the other keeps, and the revenue gap.
fn gap(a: &mut LiveRun, b: &mut LiveRun) -> TwinGap {
    let (sa, sb) = (a.customer_stages(), b.customer_stages());
    let mut g = TwinGap::default();
    for (id, x) in &sa {
        match (x, sb.get(id)) {
            (true, Some(false)) => g.lost_under_b_kept_by_a += 1,
            (false, Some(true)) => g.lost_under_a_kept_by_b += 1,
            _ => {}
        }
    }
    g.revenue_gap = b.shown().series.kpis().revenue_annual - a.shown().series.kpis().revenue_annual;
    g
}

/// Apply the facilitator's actions (before this frame's weeks are simulated).
pub fn apply_actions(
    mut actions: MessageReader<LiveAction>,
    mut live: ResMut<LiveSim>,
    mut playback: ResMut<Playback>,
) {
    for action in actions.read() {
        match action {
            LiveAction::TogglePlay => {
                let resumed = live.dismiss_caption();
                playback.playing = resumed || !playback.playing;
            }
            LiveAction::SetPlaying(on) => {
                live.dismiss_caption();
                playback.playing = *on;
            }
            LiveAction::Step => playback.request_step(),
            LiveAction::SetSpeed(wps) => playback.set_speed(*wps),
            LiveAction::Restart => live.restart(),
            LiveAction::Load(path) => live.load(path),
            LiveAction::Twin(path) => live.start_twin(path.as_deref()),
            LiveAction::StopTwin => live.stop_twin(),
            LiveAction::SetTarget(t) => live.target = *t,
            LiveAction::ShowFirm(i) => live.show_firm(*i),
            LiveAction::Apply(event) => {
                let target = live.target;
                live.apply(event.clone(), target);
            }
            LiveAction::SaveSeries => {
                live.notice = match live.save_series(Path::new("exports")) {
                    Ok(saved) => saved,
                    Err(e) => format!("could not save the series: {e}"),
                }
            }
            LiveAction::SaveSession => {
                live.notice = match live.save_session(Path::new("sessions")) {
                    Ok(saved) => saved,
                    Err(e) => format!("could not save the session: {e}"),
                }
            }
            LiveAction::SaveOutputs if !files::ON_DISK => {
                live.notice = "a browser cannot write run folders: download the session and replay it with \
                               `salesim run SCENARIO --actions SESSION.ron`"
                    .into();
            }
            LiveAction::SaveOutputs => {
                live.notice = match live.save_outputs(Path::new("exports")) {
                    Ok(p) => format!("saved the run to {}", p.display()),
                    Err(e) => format!("could not save the run: {e}"),
                }
            }
            LiveAction::SaveScreenshot | LiveAction::ToggleProjector => {}
        }
    }
}

/// Simulate the weeks due this frame, then refresh the snapshots the scene draws.
pub fn advance_simulation(time: Res<Time>, mut playback: ResMut<Playback>, mut live: ResMut<LiveSim>) {
    let due = playback.weeks_due(time.delta_secs_f64());
    let mut stepped = false;
    for _ in 0..due {
        match live.step_week() {
            StepOutcome::Stepped => stepped = true,
            StepOutcome::Finished | StepOutcome::Caption => {
                playback.playing = false;
                break;
            }
        }
    }
    if stepped {
        live.refresh_snapshots();
    }
}
