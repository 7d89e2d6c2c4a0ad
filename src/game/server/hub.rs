//! The server's games and seats, apart from the network: who a token, join code or projector
//! code is; what each client message does to which game (checked, journalled, then applied,
//! `handle.rs`); and the round clock (a round runs when every team has submitted, its deadline
//! passes or the facilitator says so).

use super::super::play::{Game, GameConfig, Inject};
use super::super::protocol::{ClientMsg, Control, ErrorCode, JoinCode, MAX_TEAM_NAME, Role, ServerMsg, VERSION};
use super::handle::{GameHandle, Live, Seat, apply, check};
use super::secrets::{code, token};
use super::store::{Entry, Store, StoredGame, StoredSeat};
use crate::scenario::Scenario;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU32;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

/// Most games a server holds at once.
pub const MAX_GAMES: usize = 32;
/// Default rounds, round length (a quarter) and deadline of a new game.
pub const DEFAULT_ROUNDS: u32 = 8;
pub const DEFAULT_ROUND_WEEKS: u32 = 13;
pub const DEFAULT_DEADLINE_SECS: u32 = 600;
/// Wrong codes, tokens or keys a connection may send before it is closed.
pub const MAX_FAILED_LOGINS: u32 = 5;

/// Every game and seat of a server.
pub struct Hub {
    store: Mutex<Store>,
    games: RwLock<HashMap<String, Arc<GameHandle>>>,
    seats: RwLock<HashMap<String, Seat>>,
    /// Join code → (game, firm); projector code → (game, None).
    codes: RwLock<HashMap<String, (String, Option<usize>)>>,
    key: String,
    scenarios: PathBuf,
    data: PathBuf,
}

fn invalid(p: crate::scenario::validate::Problem) -> ServerMsg {
    ServerMsg::error(ErrorCode::Invalid, p.message, Some(&p.path))
}

fn unauthorised(message: &str) -> ServerMsg {
    ServerMsg::error(ErrorCode::Unauthorised, message, None)
}

impl Hub {
    /// A hub on the store in `data` (created if new), rebuilding every stored game.
    pub fn open(data: &Path, scenarios: &Path, key: String) -> Result<Hub, String> {
        std::fs::create_dir_all(data).map_err(|e| format!("{}: {e}", data.display()))?;
        let store = Store::open(&data.join("game.sqlite"))?;
        let stored = store.games()?;
        let hub = Hub {
            store: Mutex::new(store),
            games: RwLock::default(),
            seats: RwLock::default(),
            codes: RwLock::default(),
            key,
            scenarios: scenarios.to_path_buf(),
            data: data.to_path_buf(),
        };
        for g in stored {
            hub.rebuild(g)?;
        }
        Ok(hub)
    }

    /// How many games it holds.
    pub fn game_count(&self) -> usize {
        self.games.read().expect("games").len()
    }

    /// Rebuild a stored game by replaying its journal.
    fn rebuild(&self, g: StoredGame) -> Result<(), String> {
        let scenario = crate::scenario::load::parse_str(&g.scenario, &format!("game {}", g.id))
            .map_err(|e| format!("game {}: its stored scenario: {}", g.id, e[0]))?;
        let game = Game::new(g.config.clone(), scenario).map_err(|p| format!("game {}: {p}", g.id))?;
        let mut live = Live { game, deadline: None, paused_left: None };
        let now = Instant::now();
        for (i, e) in g.journal.iter().enumerate() {
            // Every entry was applied before it was stored; one that fails now changes nothing.
            if let Err(p) = apply(&mut live, e, now) {
                eprintln!("warning: game {}: journal entry {i} no longer applies: {p}", g.id);
            }
        }
        self.register(&g, live);
        Ok(())
    }

    fn register(&self, g: &StoredGame, live: Live) {
        let codes = g
            .seats
            .iter()
            .map(|s| JoinCode { firm: s.firm, firm_name: live.game.firms[s.firm].name.clone(), code: s.code.clone() })
            .collect::<Vec<_>>();
        let handle = Arc::new(GameHandle {
            id: g.id.clone(),
            published: RwLock::default(),
            changed: tokio::sync::watch::channel(0).0,
            codes,
            teams: RwLock::new(g.seats.iter().map(|s| s.team.clone()).collect()),
            connected: g.seats.iter().map(|_| AtomicU32::new(0)).collect(),
            projector_code: g.projector_code.clone(),
            facilitator_token: g.facilitator_token.clone(),
            dir: self.data.join(&g.id),
            live: tokio::sync::Mutex::new(live),
        });
        {
            let mut live = handle.live.try_lock().expect("a new game is not shared yet");
            handle.publish(&mut live);
            handle.write_session(&live);
        }
        let mut seats = self.seats.write().expect("seats");
        let mut codes = self.codes.write().expect("codes");
        let seat = |role, firm, token: &str| Seat { game: g.id.clone(), role, firm, token: token.to_string() };
        seats.insert(g.facilitator_token.clone(), seat(Role::Facilitator, None, &g.facilitator_token));
        seats.insert(g.projector_token.clone(), seat(Role::Projector, None, &g.projector_token));
        codes.insert(g.projector_code.clone(), (g.id.clone(), None));
        for s in &g.seats {
            seats.insert(s.token.clone(), seat(Role::Team, Some(s.firm), &s.token));
            codes.insert(s.code.clone(), (g.id.clone(), Some(s.firm)));
        }
        self.games.write().expect("games").insert(g.id.clone(), handle);
    }

    pub fn game(&self, id: &str) -> Option<Arc<GameHandle>> {
        self.games.read().expect("games").get(id).cloned()
    }

    /// The seat a token stands for.
    pub fn seat(&self, token: &str) -> Option<Seat> {
        self.seats.read().expect("seats").get(token).cloned()
    }

    fn welcome(&self, seat: &Seat, handle: &GameHandle) -> ServerMsg {
        let facilitator = seat.role == Role::Facilitator;
        let firm_name = seat.firm.and_then(|f| handle.codes.get(f)).map(|c| c.firm_name.clone());
        ServerMsg::Welcome {
            version: VERSION,
            role: seat.role,
            token: seat.token.clone(),
            session: handle.id.clone(),
            firm: seat.firm,
            firm_name,
            codes: facilitator.then(|| handle.codes.clone()),
            projector_code: facilitator.then(|| handle.projector_code.clone()),
        }
    }

    /// Create a game: checked, stored, then held.
    async fn create(&self, msg: ClientMsg) -> Result<Seat, ServerMsg> {
        let ClientMsg::Create { key, scenario, firms, rounds, round_weeks, deadline_secs, seed } = msg else {
            unreachable!("create is called with a create message")
        };
        if key != self.key {
            return Err(unauthorised("wrong facilitator key"));
        }
        if self.game_count() >= MAX_GAMES {
            return Err(ServerMsg::error(
                ErrorCode::Invalid,
                format!("this server holds at most {MAX_GAMES} games"),
                None,
            ));
        }
        let named = !scenario.is_empty()
            && scenario.len() <= 64
            && scenario.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        let path = self.scenarios.join(format!("{scenario}.ron"));
        if !named || !path.is_file() {
            let message = format!("no bundled scenario `{scenario}` (a name such as workshop_game)");
            return Err(ServerMsg::error(ErrorCode::NotFound, message, Some("scenario")));
        }
        let base: Scenario = crate::scenario::load::load_file(&path)
            .map_err(|e| ServerMsg::error(ErrorCode::Invalid, e[0].to_string(), Some("scenario")))?;
        let config = GameConfig {
            firms: firms.unwrap_or(base.firms.len()),
            rounds: rounds.unwrap_or(DEFAULT_ROUNDS),
            round_weeks: round_weeks.unwrap_or(DEFAULT_ROUND_WEEKS),
            deadline_secs: deadline_secs.unwrap_or(DEFAULT_DEADLINE_SECS),
            seed: seed.unwrap_or(base.seed),
            scenario,
        };
        let played = config.scenario(&base).map_err(invalid)?;
        let text = ron::ser::to_string_pretty(&played, ron::ser::PrettyConfig::new())
            .map_err(|e| ServerMsg::error(ErrorCode::Unavailable, e.to_string(), None))?;
        let game = Game::new(config.clone(), played).map_err(invalid)?;
        let id = loop {
            let id = code().to_lowercase();
            if self.game(&id).is_none() {
                break id;
            }
        };
        let stored = StoredGame {
            id: id.clone(),
            seats: (0..config.firms)
                .map(|firm| StoredSeat { firm, code: code(), token: token(), team: None })
                .collect(),
            config,
            scenario: text.clone(),
            facilitator_token: token(),
            projector_code: code(),
            projector_token: token(),
            journal: Vec::new(),
        };
        let dir = self.data.join(&id);
        std::fs::create_dir_all(&dir)
            .and_then(|()| crate::output::write_atomically(&dir.join("scenario.ron"), text.as_bytes()))
            .map_err(|e| {
                ServerMsg::error(ErrorCode::Unavailable, format!("cannot write the game's files: {e}"), None)
            })?;
        self.store
            .lock()
            .expect("store")
            .create(&stored)
            .map_err(|e| ServerMsg::error(ErrorCode::Unavailable, e, None))?;
        let token = stored.facilitator_token.clone();
        self.register(&stored, Live { game, deadline: None, paused_left: None });
        Ok(Seat { game: id, role: Role::Facilitator, firm: None, token })
    }

    /// Log a connection in: the seat it takes, or the error to send.
    pub async fn login(&self, msg: ClientMsg) -> Result<Seat, ServerMsg> {
        match msg {
            ClientMsg::Create { .. } => self.create(msg).await,
            ClientMsg::Resume { token } => self.seat(&token).ok_or_else(|| unauthorised("unknown token")),
            ClientMsg::Watch { code } => match self.codes.read().expect("codes").get(&code.to_uppercase()) {
                Some((game, None)) => {
                    let handle = self.game(game).ok_or_else(|| unauthorised("unknown code"))?;
                    let token = self
                        .seats
                        .read()
                        .expect("seats")
                        .values()
                        .find(|s| s.game == handle.id && s.role == Role::Projector)
                        .map(|s| s.token.clone())
                        .ok_or_else(|| unauthorised("unknown code"))?;
                    Ok(Seat { game: game.clone(), role: Role::Projector, firm: None, token })
                }
                _ => Err(unauthorised("unknown projector code")),
            },
            ClientMsg::Join { code, name } => {
                let name = name.trim().to_string();
                if name.is_empty() || name.chars().count() > MAX_TEAM_NAME || name.chars().any(char::is_control) {
                    let message = format!("a team name is 1 to {MAX_TEAM_NAME} printable characters");
                    return Err(ServerMsg::error(ErrorCode::Invalid, message, Some("name")));
                }
                let found = self.codes.read().expect("codes").get(&code.trim().to_uppercase()).cloned();
                let Some((game, Some(firm))) = found else { return Err(unauthorised("unknown join code")) };
                let handle = self.game(&game).ok_or_else(|| unauthorised("unknown join code"))?;
                let token = self
                    .seats
                    .read()
                    .expect("seats")
                    .values()
                    .find(|s| s.game == game && s.firm == Some(firm))
                    .map(|s| s.token.clone())
                    .ok_or_else(|| unauthorised("unknown join code"))?;
                let first = handle.teams.read().expect("teams")[firm].is_none();
                if first {
                    self.store
                        .lock()
                        .expect("store")
                        .join(&game, firm, &name)
                        .map_err(|e| ServerMsg::error(ErrorCode::Unavailable, e, None))?;
                    handle.teams.write().expect("teams")[firm] = Some(name);
                    let mut live = handle.live.lock().await;
                    handle.publish(&mut live);
                }
                Ok(Seat { game, role: Role::Team, firm: Some(firm), token })
            }
            _ => Err(unauthorised("say who you are first: create, join, resume or watch")),
        }
    }

    /// The welcome a seat gets on logging in.
    pub fn welcome_for(&self, seat: &Seat) -> Option<ServerMsg> {
        self.game(&seat.game).map(|h| self.welcome(seat, &h))
    }

    /// Act on a message from a logged-in seat: the reply to send it (an `ack`, a `pong` or an
    /// `error`), if any. A change is journalled before it is applied and acknowledged.
    pub async fn act(&self, seat: &Seat, msg: ClientMsg) -> Option<ServerMsg> {
        let handle = self.game(&seat.game)?;
        let mut expected_round = None;
        let entry = match (msg, seat.role) {
            (ClientMsg::Ping {}, _) => return Some(ServerMsg::Pong),
            (ClientMsg::State {}, _) => return None,
            (ClientMsg::Submit { round, decisions }, Role::Team) => {
                Entry::Submit { firm: seat.firm.expect("a team has a firm"), round, decisions }
            }
            (ClientMsg::Control { action, round }, Role::Facilitator) => {
                expected_round = round.filter(|_| matches!(action, Control::Advance | Control::Rollback));
                Entry::Control { action }
            }
            (ClientMsg::Inject { event, firm }, Role::Facilitator) => {
                let firm = match firm {
                    None => None,
                    Some(name) => match handle.codes.iter().find(|c| c.firm_name == name) {
                        Some(c) => Some(c.firm),
                        None => {
                            return Some(ServerMsg::error(
                                ErrorCode::Invalid,
                                format!("no firm `{name}`"),
                                Some("firm"),
                            ));
                        }
                    },
                };
                Entry::Inject(Inject { firm, event })
            }
            (
                ClientMsg::Create { .. } | ClientMsg::Join { .. } | ClientMsg::Resume { .. } | ClientMsg::Watch { .. },
                _,
            ) => {
                return Some(unauthorised("this connection has a seat already"));
            }
            _ => return Some(unauthorised("your seat may not do that")),
        };
        let mut live = handle.live.lock().await;
        let round = live.game.round();
        if let Some(r) = expected_round.filter(|r| *r != round) {
            let message = format!("round {r} is no longer open (round {round} is): look again before you click");
            return Some(ServerMsg::error(ErrorCode::Invalid, message, Some("round")));
        }
        // Checked before it is stored: only a change that applies is journalled.
        if let Err(p) = check(&live.game, &entry) {
            return Some(invalid(p));
        }
        if let Err(e) = self.store.lock().expect("store").append(&handle.id, &entry) {
            return Some(ServerMsg::error(ErrorCode::Unavailable, e, None));
        }
        let outcome = tokio::task::block_in_place(|| apply(&mut live, &entry, Instant::now()));
        if let Err(p) = outcome {
            eprintln!("warning: game {}: a checked change failed: {p}", handle.id);
        }
        self.after_change(&handle, &mut live);
        match entry {
            Entry::Submit { .. } => Some(ServerMsg::Ack { round }),
            _ => None,
        }
    }

    fn after_change(&self, handle: &GameHandle, live: &mut Live) {
        handle.publish(live);
        handle.write_session(live);
    }

    /// Run every open round that is due (all teams in, or its deadline passed); called by the
    /// server's clock.
    pub async fn tick(&self) {
        let games: Vec<Arc<GameHandle>> = self.games.read().expect("games").values().cloned().collect();
        for handle in games {
            let mut live = handle.live.lock().await;
            let due = live.game.can_run()
                && (live.game.all_submitted() || live.deadline.is_some_and(|d| Instant::now() >= d));
            if !due {
                continue;
            }
            let entry = Entry::Control { action: Control::Advance };
            if let Err(e) = self.store.lock().expect("store").append(&handle.id, &entry) {
                eprintln!("warning: game {}: {e}", handle.id);
                continue;
            }
            if let Err(p) = tokio::task::block_in_place(|| apply(&mut live, &entry, Instant::now())) {
                eprintln!("warning: game {}: {p}", handle.id);
            }
            self.after_change(&handle, &mut live);
        }
    }

    /// A facilitator's files of a game: (scenario, session) RON, for its token.
    pub async fn files(&self, game: &str, token: &str) -> Option<(String, String)> {
        let handle = self.game(game)?;
        if handle.facilitator_token != token {
            return None;
        }
        let scenario = std::fs::read_to_string(handle.dir.join("scenario.ron")).ok()?;
        let session = std::fs::read_to_string(handle.dir.join("session.ron")).ok()?;
        Some((scenario, session))
    }

    /// The game behind a facilitator's token, locked, for a debrief.
    pub async fn with_game<T>(&self, game: &str, token: &str, f: impl FnOnce(&mut Game) -> T) -> Option<T> {
        let handle = self.game(game)?;
        if handle.facilitator_token != token {
            return None;
        }
        let mut live = handle.live.lock().await;
        Some(tokio::task::block_in_place(|| f(&mut live.game)))
    }
}
