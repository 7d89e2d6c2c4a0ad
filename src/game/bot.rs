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
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
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

/// Seconds before a submission that got no `ack` is sent again.
const RESUBMIT_SECS: f64 = 2.0;

/// A bot's seat and connection.
pub struct Bot {
    url: String,
    code: String,
    name: String,
    pub token: Option<String>,
    socket: Option<Socket>,
    /// The latest state it was sent.
    pub state: Value,
    /// The decisions the server acknowledged, by round.
    pub acked: Vec<(u32, Decisions)>,
    /// The last submission not yet acknowledged, and when it was sent.
    sent: Option<(u32, Decisions, Instant)>,
    /// Errors the server sent it.
    pub errors: Vec<Value>,
    /// It submits decisions for rounds up to this one only (the tests hold a bot back with it).
    pub max_round: Arc<AtomicU32>,
    /// Chance of dropping its connection after each state it reads (a phone on hotel Wi-Fi), and
    /// the generator that draws it.
    pub drop_chance: f64,
    rng: u64,
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
            acked: Vec::new(),
            sent: None,
            errors: Vec::new(),
            max_round: Arc::new(AtomicU32::new(u32::MAX)),
            drop_chance: 0.0,
            rng: name.bytes().fold(0x9e37_79b9_7f4a_7c15, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3)),
        }
    }

    /// Connect (or reconnect): join the first time, resume by token after.
    pub fn connect(&mut self) -> Result<(), String> {
        let (mut socket, _) = tungstenite::connect(&self.url).map_err(|e| format!("{}: {e}", self.url))?;
        if let MaybeTlsStream::Plain(s) = socket.get_ref() {
            s.set_read_timeout(Some(Duration::from_millis(200))).map_err(|e| e.to_string())?;
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

    fn chance(&mut self) -> f64 {
        self.rng = self.rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.rng >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Submit decisions for the open round if it has none acknowledged for it.
    fn maybe_submit(&mut self) {
        let s = &self.state;
        let round = s["round"].as_u64().unwrap_or(0) as u32;
        let open = s["status"] == "open" || s["status"] == "paused";
        let done = !s["own"]["submitted"].is_null() || self.acked.iter().any(|(r, _)| *r == round);
        let waiting =
            self.sent.as_ref().is_some_and(|(r, _, at)| *r == round && at.elapsed().as_secs_f64() < RESUBMIT_SECS);
        if !open || done || waiting || round > self.max_round.load(Ordering::Relaxed) {
            return;
        }
        let decisions = decide(s);
        let msg = ClientMsg::Submit { round, decisions: decisions.clone() };
        match self.socket.as_mut().map(|sock| send(sock, &msg)) {
            Some(Ok(())) => self.sent = Some((round, decisions, Instant::now())),
            _ => self.socket = None,
        }
    }

    /// Read what the server sends until `deadline`, submitting decisions for each open round;
    /// reconnects (by token) whenever the connection drops. Returns once the game has ended, at
    /// the deadline, or with the server's refusal of its join code.
    pub fn play_until(&mut self, deadline: Instant) -> Result<(), String> {
        while Instant::now() < deadline {
            if self.socket.is_none() && self.connect().is_err() {
                std::thread::sleep(Duration::from_millis(200));
                continue;
            }
            let socket = self.socket.as_mut().expect("connected");
            let msg = match socket.read() {
                Ok(Message::Text(t)) => t.to_string(),
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e))
                    if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) =>
                {
                    // Nothing new: a held-back bot may have been let go, or a submission lost.
                    self.maybe_submit();
                    continue;
                }
                Err(_) => {
                    self.socket = None;
                    continue;
                }
            };
            let v: Value = serde_json::from_str(&msg).map_err(|e| format!("the server sent bad JSON: {e}"))?;
            match v["type"].as_str() {
                Some("welcome") => self.token = v["token"].as_str().map(str::to_string),
                Some("ack") => {
                    let round = v["round"].as_u64().unwrap_or(0) as u32;
                    if let Some((r, d, _)) = self.sent.take().filter(|(r, _, _)| *r == round) {
                        self.acked.push((r, d));
                    }
                }
                Some("error") => {
                    let refused = self.token.is_none() && v["code"] == "unauthorised";
                    self.errors.push(v);
                    if refused {
                        return Err(format!("the server refused to seat {}: wrong join code", self.name));
                    }
                }
                Some("state") => {
                    self.state = v;
                    if self.state["status"] == "ended" {
                        return Ok(());
                    }
                    self.maybe_submit();
                    if self.drop_chance > 0.0 && self.chance() < self.drop_chance {
                        self.disconnect();
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
        eprintln!("error: cannot reach the game server: {e}");
        return 1;
    }
    let outcome = bot.play_until(Instant::now() + Duration::from_secs(max_secs));
    for e in &bot.errors {
        eprintln!("server: {} ({})", e["message"].as_str().unwrap_or("?"), e["code"].as_str().unwrap_or("?"));
    }
    match outcome {
        Ok(()) if bot.state["status"] == "ended" => {
            println!("the game has ended; {name} submitted decisions for {} round(s)", bot.acked.len());
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
