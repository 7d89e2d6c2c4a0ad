//! One run: a scenario (with its seed and length), and any live actions to replay, simulated to
//! the end with each week's rows handed on: to files (`files.rs`), to tables (`output::tables`)
//! or to whatever a caller keeps. The command line's `run`, a batch's runs, the live view's
//! replays and Python's `salesim.run` all go through here; how a scenario is made ready for a run
//! (`--seed`, `--weeks`, a session's overrides and actions) is `prepare.rs`.

mod files;
mod model;
mod prepare;

pub use files::{simulate_to, simulate_with};
pub use model::Model;
pub use prepare::{Actions, prepare_replay, resolve, resolve_noting};

use crate::Simulation;
use crate::scenario::Scenario;
use crate::sim::observe::metrics::{Summary, TickOutput};

/// Run one scenario to the end, handing each week's rows to `each_week`.
pub fn simulate<E>(s: Scenario, each_week: impl FnMut(TickOutput) -> Result<(), E>) -> Result<Summary, E> {
    simulate_with_actions(s, &[], each_week).map_err(|stop| match stop {
        Stopped::Week(e) => e,
        Stopped::Refused(r) => unreachable!("a run without actions refused one: {r}"),
    })
}

/// One action sent to a running simulation before its week, as the live view, a game's team or a
/// replayed session sends it.
#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    /// The week it applies (it is sent before that week is simulated).
    pub week: u32,
    /// In an industry, the firm it goes to by index; `None`: the first firm, and a market-wide
    /// event to every firm (`Industry::send`).
    pub firm: Option<u16>,
    pub event: crate::scenario::Event,
}

impl From<(u32, crate::scenario::Event)> for Action {
    fn from((week, event): (u32, crate::scenario::Event)) -> Action {
        Action { week, firm: None, event }
    }
}

/// A live action that the running simulation refused (checked as a timeline event is).
#[derive(Clone, Debug, PartialEq)]
pub struct ActionRefused {
    /// The week it was to apply.
    pub week: u32,
    pub problem: crate::scenario::validate::Problem,
}

impl std::fmt::Display for ActionRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "week {}: {}", self.week, self.problem)
    }
}

/// Why a run with actions stopped early: an action was refused, or `each_week` failed.
#[derive(Debug)]
pub enum Stopped<E> {
    Refused(ActionRefused),
    Week(E),
}

impl From<Stopped<std::io::Error>> for std::io::Error {
    fn from(stop: Stopped<std::io::Error>) -> Self {
        match stop {
            Stopped::Refused(r) => std::io::Error::new(std::io::ErrorKind::InvalidData, r.to_string()),
            Stopped::Week(e) => e,
        }
    }
}

/// Run one scenario to the end with live `actions` (week, event), each sent before its week
/// exactly as the live view sends it (`salesim run --actions`), handing each week's rows to
/// `each_week`.
pub fn simulate_with_actions<E>(
    s: Scenario,
    actions: &[Action],
    mut each_week: impl FnMut(TickOutput) -> Result<(), E>,
) -> Result<Summary, Stopped<E>> {
    if !s.firms.is_empty() {
        return simulate_industry(s, actions, each_week);
    }
    let mut sim = Simulation::new(s);
    let mut pending = actions.iter().peekable();
    loop {
        while let Some(action) = pending.next_if(|a| a.week <= sim.week()) {
            let week = sim.week();
            sim.send(action.event.clone()).map_err(|problem| Stopped::Refused(ActionRefused { week, problem }))?;
        }
        if !sim.step() {
            break;
        }
        each_week(sim.drain()).map_err(Stopped::Week)?;
    }
    Ok(sim.summary())
}

/// [`simulate_with_actions`] for a scenario with `firms`: every firm's rows each week, in firm
/// order (each tagged with its firm), then the industry's row (`industry/totals.rs`), the actions going to the first firm (`Industry::send`), and
/// the first firm's summary with every firm's in `firms`, all recording the scenario's hash and
/// seed.
fn simulate_industry<E>(
    s: Scenario,
    actions: &[Action],
    mut each_week: impl FnMut(TickOutput) -> Result<(), E>,
) -> Result<Summary, Stopped<E>> {
    let mut industry = crate::industry::Industry::new(&s).expect("a validated scenario builds its firms");
    let mut pending = actions.iter().peekable();
    loop {
        while let Some(action) = pending.next_if(|a| a.week <= industry.week()) {
            let week = industry.week();
            let sent = match action.firm {
                Some(firm) => industry.send_to(firm as usize, action.event.clone()),
                None => industry.send(action.event.clone()),
            };
            sent.map_err(|problem| Stopped::Refused(ActionRefused { week, problem }))?;
        }
        if !industry.step() {
            break;
        }
        let ticks = industry.drain();
        let total = crate::industry::industry_tick(&ticks);
        for tick in ticks.into_iter().chain([total]) {
            each_week(tick).map_err(Stopped::Week)?;
        }
    }
    Ok(industry_summary(&s, industry.summaries()))
}

/// An industry's summary: the first firm's, with every firm's (`firms`, in firm order) in
/// `firms`, each named and recording the scenario's hash and seed, and the industry's totals.
pub fn industry_summary(s: &Scenario, mut firms: Vec<Summary>) -> Summary {
    let hash = s.hash_hex();
    for (f, name) in firms.iter_mut().zip(s.firm_names()) {
        f.firm = name;
        f.scenario_hash.clone_from(&hash);
        f.seed = s.seed;
    }
    let industry = Some(crate::sim::observe::summary::IndustryTotals::of(&firms));
    Summary { firms: firms.clone(), industry, ..firms[0].clone() }
}
