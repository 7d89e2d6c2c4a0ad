//! The session store: every game, its seats and its journal in one SQLite file
//! (`DATA/game.sqlite`, WAL, every write synced before it returns). A request that changes a game
//! (a submission, an injected event, a control) is appended to the journal before the server
//! acknowledges it, and a restarted server rebuilds every game by replaying its journal on the
//! scenario text stored with it, so a `kill -9` loses nothing that was acknowledged.

use super::super::decisions::Decisions;
use super::super::play::{GameConfig, Inject};
use super::super::protocol::Control;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One change to a game, in the order it was taken.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Entry {
    Submit { firm: usize, round: u32, decisions: Decisions },
    Inject(Inject),
    Control { action: Control },
}

/// A seat as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredSeat {
    pub firm: usize,
    pub code: String,
    pub token: String,
    /// The team's name once it has joined.
    pub team: Option<String>,
}

/// A game as stored: what rebuilds it.
#[derive(Clone, Debug)]
pub struct StoredGame {
    pub id: String,
    pub config: GameConfig,
    /// The scenario as played, as RON.
    pub scenario: String,
    pub facilitator_token: String,
    pub projector_code: String,
    pub projector_token: String,
    pub seats: Vec<StoredSeat>,
    pub journal: Vec<Entry>,
}

/// The open store.
pub struct Store {
    db: Connection,
}

fn fail(e: impl std::fmt::Display) -> String {
    format!("the session store: {e}")
}

impl Store {
    /// Open (or create) the store at `path`.
    pub fn open(path: &Path) -> Result<Store, String> {
        let db = Connection::open(path).map_err(fail)?;
        db.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             CREATE TABLE IF NOT EXISTS games(
                 id TEXT PRIMARY KEY, config TEXT NOT NULL, scenario TEXT NOT NULL,
                 facilitator_token TEXT NOT NULL, projector_code TEXT NOT NULL UNIQUE,
                 projector_token TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS seats(
                 game TEXT NOT NULL, firm INTEGER NOT NULL, code TEXT NOT NULL UNIQUE,
                 token TEXT NOT NULL, team TEXT, PRIMARY KEY(game, firm));
             CREATE TABLE IF NOT EXISTS journal(
                 game TEXT NOT NULL, seq INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY(game, seq));",
        )
        .map_err(fail)?;
        Ok(Store { db })
    }

    /// Store a new game and its seats, all or nothing.
    pub fn create(&mut self, g: &StoredGame) -> Result<(), String> {
        let tx = self.db.transaction().map_err(fail)?;
        let config = serde_json::to_string(&g.config).map_err(fail)?;
        tx.execute(
            "INSERT INTO games VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![g.id, config, g.scenario, g.facilitator_token, g.projector_code, g.projector_token],
        )
        .map_err(fail)?;
        for s in &g.seats {
            tx.execute(
                "INSERT INTO seats VALUES (?1, ?2, ?3, ?4, ?5)",
                params![g.id, s.firm as i64, s.code, s.token, s.team],
            )
            .map_err(fail)?;
        }
        tx.commit().map_err(fail)
    }

    /// Record a team's name on its seat.
    pub fn join(&mut self, game: &str, firm: usize, team: &str) -> Result<(), String> {
        self.db
            .execute("UPDATE seats SET team = ?3 WHERE game = ?1 AND firm = ?2", params![game, firm as i64, team])
            .map_err(fail)?;
        Ok(())
    }

    /// Append a change to a game's journal (synced before it returns).
    pub fn append(&mut self, game: &str, entry: &Entry) -> Result<(), String> {
        let text = serde_json::to_string(entry).map_err(fail)?;
        let next: i64 = self
            .db
            .query_row("SELECT COALESCE(MAX(seq), 0) + 1 FROM journal WHERE game = ?1", [game], |r| r.get(0))
            .map_err(fail)?;
        self.db.execute("INSERT INTO journal VALUES (?1, ?2, ?3)", params![game, next, text]).map_err(fail)?;
        Ok(())
    }

    /// Every stored game, oldest first, with its seats and journal.
    pub fn games(&self) -> Result<Vec<StoredGame>, String> {
        let mut q = self
            .db
            .prepare("SELECT id, config, scenario, facilitator_token, projector_code, projector_token FROM games ORDER BY rowid")
            .map_err(fail)?;
        let rows = q
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
            })
            .map_err(fail)?;
        let mut out = Vec::new();
        for row in rows {
            let (id, config, scenario, facilitator_token, projector_code, projector_token) = row.map_err(fail)?;
            let config: GameConfig = serde_json::from_str(&config).map_err(fail)?;
            out.push(StoredGame {
                seats: self.seats(&id)?,
                journal: self.journal(&id)?,
                id,
                config,
                scenario,
                facilitator_token,
                projector_code,
                projector_token,
            });
        }
        Ok(out)
    }

    fn seats(&self, game: &str) -> Result<Vec<StoredSeat>, String> {
        let mut q =
            self.db.prepare("SELECT firm, code, token, team FROM seats WHERE game = ?1 ORDER BY firm").map_err(fail)?;
        let rows = q
            .query_map([game], |r| {
                Ok(StoredSeat {
                    firm: r.get::<_, i64>(0)? as usize,
                    code: r.get(1)?,
                    token: r.get(2)?,
                    team: r.get(3)?,
                })
            })
            .map_err(fail)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(fail)
    }

    fn journal(&self, game: &str) -> Result<Vec<Entry>, String> {
        let mut q = self.db.prepare("SELECT entry FROM journal WHERE game = ?1 ORDER BY seq").map_err(fail)?;
        let rows = q.query_map([game], |r| r.get::<_, String>(0)).map_err(fail)?;
        let mut out = Vec::new();
        for text in rows {
            out.push(serde_json::from_str(&text.map_err(fail)?).map_err(fail)?);
        }
        Ok(out)
    }

    /// Whether a game with this id exists.
    pub fn has(&self, game: &str) -> bool {
        self.db.query_row("SELECT 1 FROM games WHERE id = ?1", [game], |_| Ok(())).optional().ok().flatten().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_game_and_its_journal_read_back_in_order_after_reopening() {
        let dir = std::env::temp_dir().join(format!("salesim-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("game.sqlite");
        let _ = std::fs::remove_file(&path);
        let game = StoredGame {
            id: "g1".into(),
            config: GameConfig {
                scenario: "workshop_game".into(),
                firms: 2,
                rounds: 4,
                round_weeks: 13,
                deadline_secs: 0,
                seed: 7,
            },
            scenario: "Scenario()".into(),
            facilitator_token: "f".into(),
            projector_code: "P".into(),
            projector_token: "p".into(),
            seats: vec![
                StoredSeat { firm: 0, code: "A".into(), token: "ta".into(), team: None },
                StoredSeat { firm: 1, code: "B".into(), token: "tb".into(), team: None },
            ],
            journal: Vec::new(),
        };
        let entries = [
            Entry::Control { action: Control::Start },
            Entry::Submit { firm: 1, round: 1, decisions: Decisions { hiring_target: Some(9), ..Default::default() } },
            Entry::Control { action: Control::Advance },
        ];
        {
            let mut s = Store::open(&path).unwrap();
            s.create(&game).unwrap();
            s.join("g1", 1, "Blue").unwrap();
            for e in &entries {
                s.append("g1", e).unwrap();
            }
        }
        let back = Store::open(&path).unwrap().games().unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].journal, entries);
        assert_eq!(back[0].seats[1].team.as_deref(), Some("Blue"));
        assert_eq!(back[0].config, game.config);
    }
}
