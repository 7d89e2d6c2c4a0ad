//! The workshop as a game: teams of sales leaders each lead a firm of an industry in one shared
//! market, round by round, from their own browsers; a facilitator runs the game and debriefs it.
//!
//! - `decisions.rs`: what a team decides, as the validated events a timeline would send;
//! - `config.rs`: a game's set-up and the scenario it plays;
//! - `play.rs`: one game's market and rounds (`Game`); `session_file.rs` the game as a session file;
//! - `views.rs`: what each seat sees (leaderboard, market, news, a firm's own dashboard);
//! - `scorecard.rs`: a firm's productivity scorecard for its dashboard;
//! - `protocol.rs`: the versioned JSON messages between clients and the server;
//! - `debrief.rs`: the facilitator's report, with a twin run that undoes one decision;
//! - `server/` (feature `serve`): `salesim serve`, the games' SQLite journal and the WebSockets;
//! - `bot.rs` (feature `serve`): a player that joins as a team and plays a simple policy.
//!
//! The engine knows nothing of the game: a game is an `Industry` stepped `round_weeks` at a time
//! with each team's decisions sent to its own firm (`Industry::send_to`).

pub mod config;
pub mod debrief;
pub mod decisions;
pub mod play;
pub mod protocol;
pub mod scorecard;
mod session_file;
pub mod views;

#[cfg(all(feature = "serve", not(target_arch = "wasm32")))]
pub mod bot;
#[cfg(all(feature = "serve", not(target_arch = "wasm32")))]
pub mod server;
