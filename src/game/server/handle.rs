//! One game the server holds: its market and round clock behind a lock, the changes of its
//! journal applied to it (when taken, and again on a restart), and the state every seat is sent,
//! rendered once per change.

use super::super::play::{Game, Status};
use super::super::protocol::{Control, JoinCode, Role, ServerMsg, State, TeamSeat};
use super::super::views;
use super::store::Entry;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Who a connection is, once it has said.
#[derive(Clone, Debug, PartialEq)]
pub struct Seat {
    pub game: String,
    pub role: Role,
    pub firm: Option<usize>,
    pub token: String,
}

/// What every seat of a game is sent, rendered after each change.
#[derive(Default)]
pub(super) struct Published {
    pub(super) projector: Arc<str>,
    pub(super) facilitator: Arc<str>,
    pub(super) teams: Vec<Arc<str>>,
}

/// The clock of the open round.
pub(super) struct Live {
    pub(super) game: Game,
    /// When the open round runs by itself (none: no deadline, or paused).
    pub(super) deadline: Option<Instant>,
    /// What was left of the deadline when the game was paused.
    pub(super) paused_left: Option<Duration>,
}

/// One game the server holds.
pub struct GameHandle {
    pub id: String,
    pub(super) live: tokio::sync::Mutex<Live>,
    pub(super) published: RwLock<Published>,
    /// Bumped after each change; connections send their seat's state when it moves.
    pub changed: tokio::sync::watch::Sender<u64>,
    pub(super) codes: Vec<JoinCode>,
    pub(super) teams: RwLock<Vec<Option<String>>>,
    pub(super) connected: Vec<AtomicU32>,
    pub(super) projector_code: String,
    pub(super) facilitator_token: String,
    /// Where its scenario and session files are written.
    pub(super) dir: PathBuf,
}

/// Apply a journalled change to a game (as when it was taken, and when it is replayed).
pub(super) fn apply(live: &mut Live, entry: &Entry, now: Instant) -> Result<(), crate::scenario::validate::Problem> {
    let g = &mut live.game;
    match entry {
        Entry::Submit { firm, round, decisions } => g.submit(*firm, *round, decisions.clone()),
        Entry::Inject(inject) => g.inject(inject.clone()),
        Entry::Control { action } => {
            match action {
                Control::Start => g.start()?,
                Control::Pause => {
                    g.pause()?;
                    live.paused_left = live.deadline.map(|d| d.saturating_duration_since(now));
                    live.deadline = None;
                }
                Control::Resume => {
                    g.resume()?;
                    live.deadline = live.paused_left.take().map(|left| now + left);
                }
                Control::Advance => {
                    g.run_round()?;
                }
                Control::Rollback => g.rollback()?,
                Control::End => g.end()?,
            }
            if matches!(action, Control::Start | Control::Advance | Control::Rollback) {
                let secs = g.config.deadline_secs;
                live.deadline = (g.status == Status::Open && secs > 0).then(|| now + Duration::from_secs(secs as u64));
            }
            Ok(())
        }
    }
}

impl GameHandle {
    fn state(&self, live: &mut Live, role: Role, firm: Option<usize>, all: Option<Vec<views::FirmView>>) -> State {
        let game = &mut live.game;
        let teams = self.teams.read().expect("teams").clone();
        let names: Vec<String> = teams.iter().map(|t| t.clone().unwrap_or_default()).collect();
        let seats = game
            .firms
            .iter()
            .enumerate()
            .map(|(i, f)| TeamSeat {
                firm: i,
                firm_name: f.name.clone(),
                team: names[i].clone(),
                joined: teams[i].is_some(),
                connected: self.connected[i].load(Ordering::Relaxed) > 0,
                submitted: f.submitted.is_some(),
            })
            .collect();
        let deadline_secs = live.deadline.map(|d| d.saturating_duration_since(Instant::now()).as_secs());
        State {
            session: self.id.clone(),
            scenario: game.config.scenario.clone(),
            status: game.status,
            round: game.round(),
            rounds: game.config.rounds,
            round_weeks: game.config.round_weeks,
            week: game.week(),
            deadline_secs,
            teams: seats,
            leaderboard: views::leaderboard(game, &names),
            market: views::market(game),
            news: views::news(game),
            own: match (role, firm) {
                (Role::Team, Some(f)) => Some(views::firm_view(game, f)),
                _ => None,
            },
            firms: all,
        }
    }

    /// Render what every seat is sent now and tell the connections.
    pub(super) fn publish(&self, live: &mut Live) {
        let n = live.game.firms.len();
        let own: Vec<views::FirmView> = (0..n).map(|f| views::firm_view(&mut live.game, f)).collect();
        let msg = |s: State| Arc::<str>::from(ServerMsg::State(Box::new(s)).to_json());
        let projector = msg(self.state(live, Role::Projector, None, None));
        let teams = (0..n)
            .map(|f| {
                let mut s = self.state(live, Role::Projector, None, None);
                s.own = Some(own[f].clone());
                msg(s)
            })
            .collect();
        let facilitator = msg(self.state(live, Role::Facilitator, None, Some(own)));
        *self.published.write().expect("published") = Published { projector, facilitator, teams };
        self.changed.send_modify(|v| *v += 1);
    }

    /// The state a seat is sent now.
    pub fn state_for(&self, seat: &Seat) -> Arc<str> {
        let p = self.published.read().expect("published");
        match (seat.role, seat.firm) {
            (Role::Facilitator, _) => p.facilitator.clone(),
            (Role::Team, Some(f)) => p.teams.get(f).cloned().unwrap_or_else(|| p.projector.clone()),
            _ => p.projector.clone(),
        }
    }

    /// A team's connection opened (`true`) or closed.
    pub async fn connection(&self, firm: usize, open: bool) {
        let c = &self.connected[firm];
        if open {
            c.fetch_add(1, Ordering::Relaxed);
        } else {
            c.fetch_sub(1, Ordering::Relaxed);
        }
        let mut live = self.live.lock().await;
        self.publish(&mut live);
    }

    /// Write the played scenario and the session so far (`salesim run --actions` replays it).
    pub(super) fn write_session(&self, live: &Live) {
        let scenario = self.dir.join("scenario.ron");
        let session = live.game.session(&scenario.display().to_string());
        if let Err(e) = session.save(&self.dir.join("session.ron")) {
            eprintln!("warning: {}: cannot write the session file: {e}", self.dir.display());
        }
    }
}

/// Whether `entry` would apply to `game`, without changing it: the same checks `apply` makes
/// first. (A round run is checked by `can_run`; a rollback by there being a round to undo.)
pub(super) fn check(game: &Game, entry: &Entry) -> Result<(), crate::scenario::validate::Problem> {
    let refuse = |m: &str| Err(crate::scenario::validate::Problem { path: "action".into(), message: m.into() });
    match entry {
        Entry::Submit { firm, round, decisions } => game.check_submit(*firm, *round, decisions),
        Entry::Inject(inject) => game.check_inject(inject),
        Entry::Control { action } => match action {
            Control::Start if game.status != Status::Lobby => refuse("the game has started already"),
            Control::Pause if !matches!(game.status, Status::Lobby | Status::Open) => {
                refuse("the game cannot be paused now")
            }
            Control::Resume if game.status != Status::Paused => refuse("the game is not paused"),
            Control::Advance if !game.can_run() => refuse("no round is open to run"),
            Control::Rollback if game.rounds_run() == 0 => refuse("no round has run yet"),
            Control::End if game.status == Status::Ended => refuse("the game has ended already"),
            _ => Ok(()),
        },
    }
}
