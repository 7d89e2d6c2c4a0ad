//! The game's protocol, version [`VERSION`]: every message a browser, a bot or a test sends the
//! server ([`ClientMsg`]) and every message it gets back ([`ServerMsg`]), as JSON objects tagged
//! by `"type"` (docs/WORKSHOP.md, "The game's protocol"). A client message is parsed only from
//! text of at most [`MAX_MESSAGE_BYTES`], with no unknown type or field; what it asks is then
//! checked like a scenario (ranges, names), so nothing a client sends can panic the server.

use super::decisions::Decisions;
use super::play::Status;
use super::views::{FirmView, Item, Market, Standing};
use crate::scenario::Event;
use serde::{Deserialize, Serialize};

/// The protocol's version, in every `welcome`.
pub const VERSION: u32 = 1;
/// Largest client message, in bytes.
pub const MAX_MESSAGE_BYTES: usize = 16 * 1024;
/// Longest team name, in characters.
pub const MAX_TEAM_NAME: usize = 40;

/// What a facilitator may do to a game's clock and rounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Control {
    Start,
    Pause,
    Resume,
    /// Run the open round now.
    Advance,
    /// Undo the last round run.
    Rollback,
    End,
}

/// A message from a client.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMsg {
    /// A facilitator creates a game (needs the server's facilitator key).
    Create {
        key: String,
        scenario: String,
        #[serde(default)]
        firms: Option<usize>,
        #[serde(default)]
        rounds: Option<u32>,
        #[serde(default)]
        round_weeks: Option<u32>,
        #[serde(default)]
        deadline_secs: Option<u32>,
        #[serde(default)]
        seed: Option<u64>,
    },
    /// A team takes its firm's seat by the firm's join code.
    Join {
        code: String,
        name: String,
    },
    /// Any seat comes back by its token.
    Resume {
        token: String,
    },
    /// A projector watches a game by its projector code.
    Watch {
        code: String,
    },
    /// A team's decisions for the open round.
    Submit {
        round: u32,
        decisions: Decisions,
    },
    /// `round`: the round the facilitator sees open (optional; for `advance` and `rollback`, a
    /// click made before the server ran that round by itself is then refused, not applied to the
    /// next one).
    Control {
        action: Control,
        #[serde(default)]
        round: Option<u32>,
    },
    /// An event for the start of the next round, to one firm (by name) or every firm.
    Inject {
        event: Event,
        #[serde(default)]
        firm: Option<String>,
    },
    /// Ask for the state again. (Braces, so that an unknown field is refused here too.)
    State {},
    Ping {},
}

/// Who a connection is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Facilitator,
    Team,
    Projector,
}

/// Why a message was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Not a message of the protocol (bad JSON, unknown type or field, wrong type of value).
    BadMessage,
    TooLarge,
    RateLimited,
    /// A wrong or missing key, code or token, or an action the seat may not take.
    Unauthorised,
    NotFound,
    /// A value out of range or a request the game cannot take now.
    Invalid,
    /// The server could not store the request (nothing changed).
    Unavailable,
}

/// A firm's join code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JoinCode {
    pub firm: usize,
    pub firm_name: String,
    pub code: String,
}

/// A seat of the game, as the state lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamSeat {
    pub firm: usize,
    pub firm_name: String,
    pub team: String,
    pub joined: bool,
    pub connected: bool,
    pub submitted: bool,
}

/// The state of a game as one seat sees it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct State {
    pub session: String,
    pub scenario: String,
    pub status: Status,
    pub round: u32,
    pub rounds: u32,
    pub round_weeks: u32,
    pub week: u32,
    pub deadline_secs: Option<u64>,
    pub teams: Vec<TeamSeat>,
    pub leaderboard: Vec<Standing>,
    pub market: Market,
    pub news: Vec<Item>,
    /// A team's own firm.
    pub own: Option<FirmView>,
    /// Every firm (the facilitator's view).
    pub firms: Option<Vec<FirmView>>,
}

/// A message to a client.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    Welcome {
        version: u32,
        role: Role,
        token: String,
        session: String,
        firm: Option<usize>,
        firm_name: Option<String>,
        codes: Option<Vec<JoinCode>>,
        projector_code: Option<String>,
    },
    State(Box<State>),
    Ack {
        round: u32,
    },
    Error {
        code: ErrorCode,
        message: String,
        field: Option<String>,
    },
    Pong,
}

impl ServerMsg {
    pub fn error(code: ErrorCode, message: impl Into<String>, field: Option<&str>) -> ServerMsg {
        ServerMsg::Error { code, message: message.into(), field: field.map(str::to_string) }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|e| format!(r#"{{"type":"error","code":"unavailable","message":"{e}","field":null}}"#))
    }
}

/// Parse a client message, or the error to send back.
pub fn parse(text: &str) -> Result<ClientMsg, ServerMsg> {
    if text.len() > MAX_MESSAGE_BYTES {
        return Err(ServerMsg::error(
            ErrorCode::TooLarge,
            format!("a message is at most {MAX_MESSAGE_BYTES} bytes, this one is {}", text.len()),
            None,
        ));
    }
    serde_json::from_str(text).map_err(|e| ServerMsg::error(ErrorCode::BadMessage, e.to_string(), None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_submit_with_decisions_parses() {
        let m = parse(r#"{"type":"submit","round":2,"decisions":{"commission_rate":0.05,"quota_period":"Quarterly","ownership":"hybrid"}}"#)
            .unwrap();
        let ClientMsg::Submit { round, decisions } = m else { panic!("{m:?}") };
        assert_eq!(round, 2);
        assert_eq!(decisions.commission_rate, Some(0.05));
    }

    #[test]
    fn unknown_types_fields_and_oversize_text_are_refused_with_their_code() {
        let code = |t: &str| match parse(t) {
            Err(ServerMsg::Error { code, .. }) => code,
            other => panic!("{t}: {other:?}"),
        };
        assert_eq!(code(r#"{"type":"steal"}"#), ErrorCode::BadMessage);
        assert_eq!(code(r#"{"type":"ping","firm":1}"#), ErrorCode::BadMessage);
        assert_eq!(code(r#"{"type":"submit","round":1,"decisions":{"commission_rat":1}}"#), ErrorCode::BadMessage);
        assert_eq!(code(r#"{"type":"submit","round":-1,"decisions":{}}"#), ErrorCode::BadMessage);
        assert_eq!(code("not json"), ErrorCode::BadMessage);
        assert_eq!(
            code(&format!(r#"{{"type":"join","code":"{}","name":"x"}}"#, "a".repeat(MAX_MESSAGE_BYTES))),
            ErrorCode::TooLarge
        );
    }

    #[test]
    fn an_injected_event_is_the_timeline_event_in_json() {
        let m = parse(r#"{"type":"inject","event":{"Catalyst":"product launch"}}"#).unwrap();
        assert_eq!(m, ClientMsg::Inject { event: Event::Catalyst("product launch".into()), firm: None });
    }
}
