//! A bot player: joins a game as a team over the same WebSocket protocol a browser uses and plays
//! a simple policy each round (`salesim bot`, and the tests' teams). It keeps its token and comes
//! back to its seat with `resume` when the connection drops.
//!
//! The policy reads only what a team sees: its firm's KPIs, its rank and its decisions in force.
//! A firm losing reps faster than [`TURNOVER_ALARM`] raises base pay by [`PAY_STEP`]; a firm in
//! the bottom half of the leaderboard raises its commission rate by [`COMMISSION_STEP`] (up to
//! [`COMMISSION_MOST`]); one losing customers faster than [`CHURN_ALARM`] puts more into its CRM;
//! its hiring target follows its headcount at week 0.

use super::decisions::Decisions;
use super::protocol::ClientMsg;
use serde_json::Value;
use std::net::TcpStream;
use std::time::{Duration, Instant};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// Annual rep turnover above which the bot raises base pay.
pub const TURNOVER_ALARM: f64 = 0.25;
/// Share by which it raises base pay.
pub const PAY_STEP: f64 = 0.03;
/// Step and ceiling of its commission rate.
pub const COMMISSION_STEP: f64 = 0.005;
pub const COMMISSION_MOST: f64 = 0.15;
/// Annual churn above which it strengthens its CRM, by [`CRM_STEP`] up to [`CRM_MOST`].
pub const CHURN_ALARM: f64 = 0.15;
pub const CRM_STEP: f64 = 0.1;
pub const CRM_MOST: f64 = 0.9;

/// The decisions the bot takes for a state message of its own firm.
pub fn decide(state: &Value) -> Decisions {
    let own = &state["own"];
    let k = &own["kpis"];
    let d: Decisions = serde_json::from_value(own["decisions"].clone()).unwrap_or_default();
    let firms = state["leaderboard"].as_array().map_or(1, Vec::len);
    let rank = state["leaderboard"]
        .as_array()
        .and_then(|l| l.iter().find(|s| s["firm"] == own["firm"]))
        .and_then(|s| s["rank"].as_u64())
        .unwrap_or(1) as usize;
    let mut out = Decisions::default();
    if k["rep_turnover"].as_f64().unwrap_or(0.0) > TURNOVER_ALARM {
        out.base_salary = d.base_salary.map(|b| (b * (1.0 + PAY_STEP)).round());
    }
    if rank * 2 > firms {
        out.commission_rate =
            d.commission_rate.map(|c| ((c + COMMISSION_STEP) * 1e4).round() / 1e4).filter(|c| *c <= COMMISSION_MOST);
    }
    if k["churn"].as_f64().unwrap_or(0.0) > CHURN_ALARM {
        out.crm_retention = d.crm_retention.map(|c| ((c + CRM_STEP).min(CRM_MOST) * 100.0).round() / 100.0);
    }
    out
}

type Socket = WebSocket<MaybeTlsStream<TcpStream>>;

/// A bot's seat and connection.
pub struct Bot {
    url: String,
    code: String,
    name: String,
    pub token: Option<String>,
    socket: Option<Socket>,
    /// The latest state it was sent.
    pub state: Value,
    /// Rounds it submitted decisions for.
    pub submitted: Vec<u32>,
    /// Errors the server sent it.
    pub errors: Vec<Value>,
}

fn send(socket: &mut Socket, msg: &ClientMsg) -> Result<(), String> {
    let text = serde_json::to_string(msg).map_err(|e| e.to_string())?;
    socket.send(Message::text(text)).map_err(|e| e.to_string())
}

impl Bot {
    /// A bot for the game at `url` (`ws://HOST:PORT/ws`) with join code `code`.
    pub fn new(url: &str, code: &str, name: &str) -> Bot {
        Bot {
            url: url.to_string(),
            code: code.to_string(),
            name: name.to_string(),
            token: None,
            socket: None,
            state: Value::Null,
            submitted: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// Connect (or reconnect): join the first time, resume by token after.
    pub fn connect(&mut self) -> Result<(), String> {
        let (mut socket, _) = tungstenite::connect(&self.url).map_err(|e| format!("{}: {e}", self.url))?;
        if let MaybeTlsStream::Plain(s) = socket.get_ref() {
            s.set_read_timeout(Some(Duration::from_millis(500))).map_err(|e| e.to_string())?;
        }
        let hello = match &self.token {
            Some(t) => ClientMsg::Resume { token: t.clone() },
            None => ClientMsg::Join { code: self.code.clone(), name: self.name.clone() },
        };
        send(&mut socket, &hello)?;
        self.socket = Some(socket);
        Ok(())
    }

    /// Drop the connection (as a phone losing Wi-Fi would).
    pub fn disconnect(&mut self) {
        if let Some(mut s) = self.socket.take() {
            let _ = s.close(None);
            let _ = s.flush();
        }
    }

    /// Read what the server sent until `deadline`, submitting decisions when a round is open for
    /// which it has not submitted. Returns once the game has ended, or at the deadline.
    pub fn play_until(&mut self, deadline: Instant) -> Result<(), String> {
        while Instant::now() < deadline {
            if self.socket.is_none() {
                self.connect()?;
            }
            let socket = self.socket.as_mut().expect("connected");
            let msg = match socket.read() {
                Ok(Message::Text(t)) => t.to_string(),
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e))
                    if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) =>
                {
                    continue;
                }
                Err(_) => {
                    self.socket = None;
                    std::thread::sleep(Duration::from_millis(200));
                    continue;
                }
            };
            let v: Value = serde_json::from_str(&msg).map_err(|e| format!("the server sent bad JSON: {e}"))?;
            match v["type"].as_str() {
                Some("welcome") => self.token = v["token"].as_str().map(str::to_string),
                Some("error") => self.errors.push(v),
                Some("state") => {
                    self.state = v;
                    if self.state["status"] == "ended" {
                        return Ok(());
                    }
                    let round = self.state["round"].as_u64().unwrap_or(0) as u32;
                    let open = self.state["status"] == "open" || self.state["status"] == "paused";
                    let mine = self.state["own"]["submitted"].is_null();
                    if open && mine && !self.submitted.contains(&round) {
                        let msg = ClientMsg::Submit { round, decisions: decide(&self.state) };
                        if send(self.socket.as_mut().expect("connected"), &msg).is_ok() {
                            self.submitted.push(round);
                        } else {
                            self.socket = None;
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// `salesim bot`: play until the game ends (or `max_secs` pass); the exit code.
pub fn run(server: &str, code: &str, name: &str, max_secs: u64) -> i32 {
    let url = if server.ends_with("/ws") { server.to_string() } else { format!("{}/ws", server.trim_end_matches('/')) };
    let url = url.replacen("http://", "ws://", 1);
    let mut bot = Bot::new(&url, code, name);
    if let Err(e) = bot.connect() {
        eprintln!("error: {e}");
        return 1;
    }
    let outcome = bot.play_until(Instant::now() + Duration::from_secs(max_secs));
    for e in &bot.errors {
        eprintln!("server: {} ({})", e["message"].as_str().unwrap_or("?"), e["code"].as_str().unwrap_or("?"));
    }
    match outcome {
        Ok(()) if bot.state["status"] == "ended" => {
            println!("the game has ended; {} submitted decisions for {} round(s)", name, bot.submitted.len());
            0
        }
        Ok(()) => {
            eprintln!("stopped after {max_secs} s before the game ended");
            1
        }
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}
