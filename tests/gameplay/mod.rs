//! What the game's tests share: a real `salesim serve` on a free loopback port with its own data
//! folder (killed by pid when dropped), and WebSocket clients that speak the game's protocol.
#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

pub const BIN: &str = env!("CARGO_BIN_EXE_salesim");

/// A running server.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub key: String,
    pub data: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fresh data folder for test `name`.
pub fn data_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("salesim-game-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

impl Server {
    /// Start `salesim serve` on `data` (port `port`, 0 for any) and wait for its link.
    pub fn start(data: &Path, port: u16) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--port", &port.to_string(), "--data"])
            .arg(data)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("salesim serve starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let link = loop {
            let line = lines.next().expect("the server prints its link").expect("stdout");
            if let Some(l) = line.strip_prefix("facilitator: ") {
                break l.to_string();
            }
        };
        // Keep draining stdout so the server never blocks on it.
        std::thread::spawn(move || for _ in lines {});
        let (host, key) = link.trim_start_matches("http://").split_once("/?game&key=").expect("the link");
        let port = host.rsplit(':').next().unwrap().parse().unwrap();
        Server { child, port, key: key.to_string(), data: data.to_path_buf() }
    }

    pub fn url(&self) -> String {
        format!("ws://127.0.0.1:{}/ws", self.port)
    }

    /// The server's stderr so far (after it was killed).
    pub fn kill_and_stderr(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut s = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            use std::io::Read;
            let _ = e.read_to_string(&mut s);
        }
        s
    }

    /// The server's resident memory, KiB.
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }
}

/// One WebSocket client.
pub struct Client {
    pub ws: WebSocket<MaybeTlsStream<TcpStream>>,
    /// The latest state it was sent.
    pub state: Value,
}

impl Client {
    pub fn connect(url: &str) -> Client {
        let (ws, _) = tungstenite::connect(url).expect("a WebSocket to the server");
        if let MaybeTlsStream::Plain(s) = ws.get_ref() {
            s.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
        }
        Client { ws, state: Value::Null }
    }

    pub fn send(&mut self, v: &Value) {
        self.ws.send(Message::text(v.to_string())).expect("send");
    }

    pub fn send_text(&mut self, t: &str) -> bool {
        self.ws.send(Message::text(t.to_string())).is_ok()
    }

    /// The next message that is not a state (states are kept), within 10 s.
    pub fn reply(&mut self) -> Value {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(v) = self.read() {
                if v["type"] == "state" {
                    self.state = v;
                } else {
                    return v;
                }
            }
        }
        panic!("no reply within 10 s");
    }

    /// Read one message if one comes within the read timeout.
    pub fn read(&mut self) -> Option<Value> {
        match self.ws.read() {
            Ok(Message::Text(t)) => {
                let v: Value = serde_json::from_str(&t).expect("the server sends JSON");
                if v["type"] == "state" {
                    self.state = v.clone();
                }
                Some(v)
            }
            Ok(_) => None,
            Err(tungstenite::Error::Io(e))
                if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) =>
            {
                None
            }
            Err(e) => panic!("the connection failed: {e}"),
        }
    }

    /// Read states until `done` holds for the latest, within `secs`.
    pub fn wait_for(&mut self, secs: u64, done: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if done(&self.state) {
                return self.state.clone();
            }
            assert!(Instant::now() < deadline, "state not reached within {secs} s; last: {}", self.state);
            self.read();
        }
    }
}

/// Create a game as the facilitator: (the facilitator's client, its welcome).
pub fn create(server: &Server, firms: usize, rounds: u32, deadline_secs: u32) -> (Client, Value) {
    let mut f = Client::connect(&server.url());
    f.send(&json!({"type": "create", "key": server.key, "scenario": "workshop_game", "firms": firms,
                   "rounds": rounds, "deadline_secs": deadline_secs, "seed": 7}));
    let welcome = f.reply();
    assert_eq!(welcome["type"], "welcome", "{welcome}");
    (f, welcome)
}

/// Join firm `i`'s seat with the codes of a welcome.
pub fn join(server: &Server, welcome: &Value, i: usize, name: &str) -> Client {
    let mut t = Client::connect(&server.url());
    let code = welcome["codes"][i]["code"].as_str().unwrap();
    t.send(&json!({"type": "join", "code": code, "name": name}));
    let w = t.reply();
    assert_eq!(w["type"], "welcome", "{w}");
    assert_eq!(w["firm"], i);
    t
}

/// `salesim run` of a game's played scenario with its session file, into `out`.
pub fn replay(game_dir: &Path, out: &Path) -> std::process::Output {
    Command::new(BIN)
        .arg("run")
        .arg(game_dir.join("scenario.ron"))
        .arg("--actions")
        .arg(game_dir.join("session.ron"))
        .arg("--out")
        .arg(out)
        .output()
        .expect("salesim run")
}

/// Each firm's rows of a run's timeseries.csv: firm name → rows as column → value.
pub fn firm_rows(out: &Path) -> std::collections::BTreeMap<String, Vec<std::collections::HashMap<String, String>>> {
    let text = std::fs::read_to_string(out.join("timeseries.csv")).expect("timeseries.csv");
    let mut lines = text.lines();
    let header: Vec<String> = lines.next().unwrap().split(',').map(str::to_string).collect();
    let mut by = std::collections::BTreeMap::new();
    for l in lines {
        let row: std::collections::HashMap<String, String> =
            header.iter().cloned().zip(l.split(',').map(str::to_string)).collect();
        by.entry(row["firm"].clone()).or_insert_with(Vec::new).push(row);
    }
    by
}
