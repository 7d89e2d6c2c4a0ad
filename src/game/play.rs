//! One game: an industry whose firms are led by teams, simulated round by round. A round opens,
//! teams submit decisions (the latest submission of a team counts), the facilitator may inject
//! events; when the round runs, each team's decisions become events sent to its own firm at the
//! start of the round's first week (`Industry::send_to`), injected events go to the firms they
//! name, and the industry steps `round_weeks` weeks. A team that did not submit keeps the
//! decisions in force. Everything a round applied is kept, so the game is its scenario plus a list
//! of actions: [`Game::session`] is the session file `salesim run --actions` replays to the same
//! rows, and a rollback rebuilds the market from that list without the last round.

pub use super::config::GameConfig;
use super::decisions::Decisions;
use crate::industry::Industry;
use crate::run::Action;
use crate::scenario::validate::Problem;
use crate::scenario::{Event, Scenario};
use crate::sim::observe::events::{EventKind, EventRecord};
use crate::sim::observe::metrics::TimeseriesRow;
use serde::{Deserialize, Serialize};

/// Events of one firm kept for its view (the latest).
const KEPT_EVENTS: usize = 4000;

/// Where a game is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Teams are joining; no round is open yet.
    Lobby,
    /// A round is open for decisions.
    Open,
    /// The facilitator paused the clock (decisions are still taken).
    Paused,
    /// Every round has run, or the facilitator ended the game.
    Ended,
}

/// An event the facilitator injects, applied at the start of the next round.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inject {
    /// The firm it goes to; `None`: every firm.
    pub firm: Option<usize>,
    pub event: Event,
}

/// What one round applied, and what was pending before it ran (restored by a rollback).
#[derive(Clone, Debug, Default)]
struct Round {
    actions: Vec<Action>,
    submitted: Vec<Option<Decisions>>,
    injects: Vec<Inject>,
}

/// One firm's record of the game so far.
#[derive(Clone, Debug, Default)]
pub struct FirmRecord {
    pub name: String,
    /// Its weekly rows, from week 0.
    pub rows: Vec<TimeseriesRow>,
    /// Its latest events other than deals (at most [`KEPT_EVENTS`]).
    pub events: Vec<EventRecord>,
    /// Every threat its reps made over a change and every answer to one (never dropped).
    pub threats: Vec<EventRecord>,
    /// Its reps' rows of the latest year that has ended (`reps.csv`), for its scorecard.
    pub last_year: Vec<crate::sim::observe::panels::RepYearRow>,
    /// The decisions in force (read from its scenario in force after each round).
    pub in_force: Decisions,
    /// What its team submitted for the open round.
    pub submitted: Option<Decisions>,
}

/// A game being played.
pub struct Game {
    pub config: GameConfig,
    /// The scenario as played (`GameConfig::scenario`).
    pub scenario: Scenario,
    industry: Industry,
    pub firms: Vec<FirmRecord>,
    /// The industry's weekly rows.
    pub industry_rows: Vec<TimeseriesRow>,
    injects: Vec<Inject>,
    rounds: Vec<Round>,
    pub status: Status,
    /// The status to return to when a pause ends.
    resume_to: Status,
}

impl Game {
    /// A game in its lobby on `scenario` (already made by `GameConfig::scenario`).
    pub fn new(config: GameConfig, scenario: Scenario) -> Result<Game, Problem> {
        let industry = Industry::new(&scenario).map_err(|p| Problem { path: p.path, message: p.message })?;
        let mut game = Game {
            config,
            firms: Vec::new(),
            industry,
            industry_rows: Vec::new(),
            injects: Vec::new(),
            rounds: Vec::new(),
            status: Status::Lobby,
            resume_to: Status::Lobby,
            scenario,
        };
        game.firms = game.fresh_records();
        Ok(game)
    }

    fn fresh_records(&self) -> Vec<FirmRecord> {
        self.industry
            .firms()
            .iter()
            .map(|f| FirmRecord {
                name: f.name.clone(),
                in_force: Decisions::in_force(f.sim.params()),
                ..Default::default()
            })
            .collect()
    }

    /// The industry (for views of its firms' worlds).
    pub fn industry(&self) -> &Industry {
        &self.industry
    }

    pub fn industry_mut(&mut self) -> &mut Industry {
        &mut self.industry
    }

    /// Rounds run so far.
    pub fn rounds_run(&self) -> u32 {
        self.rounds.len() as u32
    }

    /// The round open for decisions (from 1), or the last one once the game has ended.
    pub fn round(&self) -> u32 {
        (self.rounds_run() + 1).min(self.config.rounds)
    }

    /// Weeks simulated so far.
    pub fn week(&self) -> u32 {
        self.industry.week()
    }

    /// Open the first round.
    pub fn start(&mut self) -> Result<(), Problem> {
        match self.status {
            Status::Lobby => {
                self.status = Status::Open;
                Ok(())
            }
            _ => Err(refusal("action", "the game has started already")),
        }
    }

    pub fn pause(&mut self) -> Result<(), Problem> {
        match self.status {
            Status::Lobby | Status::Open => {
                self.resume_to = self.status;
                self.status = Status::Paused;
                Ok(())
            }
            Status::Paused => Err(refusal("action", "the game is paused already")),
            Status::Ended => Err(refusal("action", "the game has ended")),
        }
    }

    pub fn resume(&mut self) -> Result<(), Problem> {
        match self.status {
            Status::Paused => {
                self.status = self.resume_to;
                Ok(())
            }
            _ => Err(refusal("action", "the game is not paused")),
        }
    }

    pub fn end(&mut self) -> Result<(), Problem> {
        match self.status {
            Status::Ended => Err(refusal("action", "the game has ended already")),
            _ => {
                self.status = Status::Ended;
                Ok(())
            }
        }
    }

    /// Whether firm `firm`'s decisions for round `round` would be taken: the round is open and
    /// every decision is in range (the problem names the field).
    pub fn check_submit(&self, firm: usize, round: u32, decisions: &Decisions) -> Result<(), Problem> {
        if self.status == Status::Ended {
            return Err(refusal("round", "the game has ended"));
        }
        if round != self.round() {
            return Err(refusal("round", &format!("round {round} is not open; round {} is", self.round())));
        }
        let Some(f) = self.industry.firms().get(firm) else {
            return Err(refusal("firm", &format!("no firm {firm}")));
        };
        decisions.events(f.sim.params()).map(|_| ()).map_err(|p| Problem { path: format!("decisions.{}", p.path), ..p })
    }

    /// Take firm `firm`'s decisions for round `round`, replacing any it submitted before (checked
    /// by [`Game::check_submit`]).
    pub fn submit(&mut self, firm: usize, round: u32, decisions: Decisions) -> Result<(), Problem> {
        self.check_submit(firm, round, &decisions)?;
        self.firms[firm].submitted = Some(decisions);
        Ok(())
    }

    /// Whether an event can be queued for the next round: the firm exists, the event is not a
    /// firm's entry, and it applies as a timeline event to every firm it goes to.
    pub fn check_inject(&self, inject: &Inject) -> Result<(), Problem> {
        if self.status == Status::Ended {
            return Err(refusal("event", "the game has ended"));
        }
        let firms = self.industry.firms();
        let targets: Vec<usize> = match inject.firm {
            Some(f) if f >= firms.len() => return Err(refusal("firm", &format!("no firm {f}"))),
            Some(f) => vec![f],
            None => (0..firms.len()).collect(),
        };
        self.industry.refuse_firm_entry(&inject.event)?;
        for t in targets {
            crate::scenario::validate::check_live_event(firms[t].sim.params(), &inject.event)?;
        }
        Ok(())
    }

    /// Queue an event for the start of the next round (checked by [`Game::check_inject`]).
    pub fn inject(&mut self, inject: Inject) -> Result<(), Problem> {
        self.check_inject(&inject)?;
        self.injects.push(inject);
        Ok(())
    }

    /// Whether every team has submitted for the open round.
    pub fn all_submitted(&self) -> bool {
        self.firms.iter().all(|f| f.submitted.is_some())
    }

    /// Whether a round can run now.
    pub fn can_run(&self) -> bool {
        self.status == Status::Open && self.rounds_run() < self.config.rounds
    }

    /// Run the open round: apply the submitted decisions and the injected events at its first
    /// week, then simulate its weeks. Decisions a firm can no longer take (the model refused them)
    /// are left out and named in the result.
    pub fn run_round(&mut self) -> Result<Vec<(usize, Problem)>, Problem> {
        if !self.can_run() {
            return Err(refusal("action", "no round is open to run"));
        }
        let week = self.week();
        let submitted: Vec<Option<Decisions>> = self.firms.iter_mut().map(|f| f.submitted.take()).collect();
        let injects = std::mem::take(&mut self.injects);
        let mut planned = Vec::new();
        let mut refused = Vec::new();
        for (i, d) in submitted.iter().enumerate() {
            let Some(d) = d else { continue };
            match d.events(self.industry.firms()[i].sim.params()) {
                Ok(events) => {
                    planned.extend(events.into_iter().map(|(_, event)| Action { week, firm: Some(i as u16), event }))
                }
                Err(p) => refused.push((i, p)),
            }
        }
        for inject in &injects {
            match inject.firm {
                Some(f) => planned.push(Action { week, firm: Some(f as u16), event: inject.event.clone() }),
                None if inject.event.is_market_wide() => {
                    planned.push(Action { week, firm: None, event: inject.event.clone() })
                }
                None => planned.extend((0..self.firms.len()).map(|f| Action {
                    week,
                    firm: Some(f as u16),
                    event: inject.event.clone(),
                })),
            }
        }
        let mut actions = Vec::new();
        for a in planned {
            match send(&mut self.industry, &a) {
                Ok(()) => actions.push(a),
                Err(p) => refused.push((a.firm.unwrap_or(0) as usize, p)),
            }
        }
        self.step_weeks(self.config.round_weeks);
        self.rounds.push(Round { actions, submitted, injects });
        self.after_round();
        Ok(refused)
    }

    /// Undo the last round run: the market as it was before it, its decisions and injected events
    /// pending again.
    pub fn rollback(&mut self) -> Result<(), Problem> {
        let Some(last) = self.rounds.pop() else {
            return Err(refusal("action", "no round has run yet"));
        };
        self.industry = Industry::new(&self.scenario).map_err(|p| Problem { path: p.path, message: p.message })?;
        self.firms = self.fresh_records();
        self.industry_rows.clear();
        let rounds = std::mem::take(&mut self.rounds);
        for r in &rounds {
            for a in &r.actions {
                send(&mut self.industry, a).map_err(|p| Problem { path: "rollback".into(), message: p.message })?;
            }
            self.step_weeks(self.config.round_weeks);
        }
        self.rounds = rounds;
        self.after_round();
        for (f, d) in self.firms.iter_mut().zip(last.submitted) {
            f.submitted = d;
        }
        self.injects = last.injects;
        if self.status == Status::Ended {
            self.status = Status::Open;
        }
        Ok(())
    }

    fn step_weeks(&mut self, weeks: u32) {
        for _ in 0..weeks {
            if !self.industry.step() {
                break;
            }
            let ticks = self.industry.drain();
            self.industry_rows.extend(crate::industry::industry_tick(&ticks).timeseries);
            for t in ticks {
                let f = &mut self.firms[t.firm as usize];
                f.rows.extend(t.timeseries);
                if let Some(year) = t.reps.first().map(|r| r.year) {
                    if f.last_year.first().is_some_and(|r| r.year != year) {
                        f.last_year.clear();
                    }
                    f.last_year.extend(t.reps);
                }
                for e in t.events {
                    if is_threat(e.kind) {
                        f.threats.push(e.clone());
                    }
                    if !matches!(e.kind, EventKind::DealWon | EventKind::DealLost | EventKind::Win) {
                        f.events.push(e);
                    }
                }
                if f.events.len() > KEPT_EVENTS {
                    f.events.drain(..f.events.len() - KEPT_EVENTS);
                }
            }
        }
    }

    fn after_round(&mut self) {
        for (rec, firm) in self.firms.iter_mut().zip(self.industry.firms()) {
            rec.in_force = Decisions::in_force(firm.sim.params());
        }
        if self.rounds_run() >= self.config.rounds {
            self.status = Status::Ended;
        }
    }

    /// Every action applied so far, in order.
    pub fn actions(&self) -> impl Iterator<Item = &Action> {
        self.rounds.iter().flat_map(|r| r.actions.iter())
    }
}

/// Events a firm's reps raised against a change, and how the firm answered.
pub(crate) fn is_threat(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::Threat
            | EventKind::Decision
            | EventKind::RealignmentBlocked
            | EventKind::SpecialistsBlocked
            | EventKind::OwnershipBlocked
    )
}

fn send(industry: &mut Industry, a: &Action) -> Result<(), Problem> {
    match a.firm {
        Some(f) => industry.send_to(f as usize, a.event.clone()),
        None => industry.send(a.event.clone()),
    }
}

fn refusal(path: &str, message: &str) -> Problem {
    Problem { path: path.into(), message: message.into() }
}
