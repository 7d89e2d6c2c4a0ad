//! The workshop game's server, for real: `salesim serve` on a loopback port with real WebSocket
//! clients. A played game's session file replays headless to the numbers the teams were shown and
//! to the same bytes every time; the debrief's twin run differs from the game only after the
//! decision it undoes; and no client can read or change another firm, guess its way in, or make
//! the server panic, however it misbehaves.
#![cfg(feature = "serve")]

mod gameplay;

use gameplay::{Client, Server, create, data_dir, firm_rows, join, replay};
use serde_json::{Value, json};
use std::time::Duration;
use tungstenite::stream::MaybeTlsStream as MaybeTls;

fn submit(t: &mut Client, round: u64, decisions: Value) -> Value {
    t.send(&json!({"type": "submit", "round": round, "decisions": decisions}));
    t.reply()
}

/// Four rounds of three teams: different decisions each round, all submitted, so each round runs
/// at once. Returns the server, the facilitator and the teams.
fn play_four_rounds(name: &str) -> (Server, Client, Vec<Client>, Value) {
    let server = Server::start(&data_dir(name), 0);
    let (mut f, welcome) = create(&server, 3, 4, 0);
    let mut teams: Vec<Client> = (0..3).map(|i| join(&server, &welcome, i, &format!("Team {i}"))).collect();
    f.send(&json!({"type": "control", "action": "start"}));
    f.wait_for(10, |s| s["status"] == "open");
    let choices = [
        json!({"commission_rate": 0.09, "hiring_target": 55}),
        json!({"quota_period": "Quarterly", "retention_bonus": 9000.0}),
        json!({"ownership": "multiplexed", "technical_specialists": 4, "pushback": "proceed"}),
    ];
    for round in 1..=4u64 {
        for (i, t) in teams.iter_mut().enumerate() {
            let d = if round == 1 || i == round as usize % 3 {
                choices[(i + round as usize) % 3].clone()
            } else {
                json!({})
            };
            let ack = submit(t, round, d);
            assert_eq!(ack, json!({"type": "ack", "round": round}), "team {i} round {round}");
        }
        let want = round + 1;
        f.wait_for(60, |s| s["round"].as_u64() == Some(want.min(4)) && (s["week"].as_u64() == Some(13 * round)));
    }
    f.wait_for(30, |s| s["status"] == "ended");
    for t in &mut teams {
        t.send(&json!({"type": "state"}));
        t.wait_for(30, |s| s["status"] == "ended" && s["week"] == 52);
    }
    (server, f, teams, welcome)
}

#[test]
fn a_played_game_replays_headless_to_what_every_team_was_shown_and_to_the_same_bytes() {
    let (server, mut f, teams, welcome) = play_four_rounds("replay");
    let game = welcome["session"].as_str().unwrap();
    let dir = server.data.join(game);
    let session = std::fs::read_to_string(dir.join("session.ron")).unwrap();
    assert!(session.contains("firm: Some(\"Boreal\")") || session.contains("firm: \"Boreal\""), "{session}");
    let (a, b) = (server.data.join("replay-a"), server.data.join("replay-b"));
    for out in [&a, &b] {
        let r = replay(&dir, out);
        assert!(r.status.success(), "replay failed: {}", String::from_utf8_lossy(&r.stderr));
    }
    for file in ["timeseries.csv", "events.csv", "reps.csv", "accounts.csv", "deals.csv"] {
        assert_eq!(std::fs::read(a.join(file)).unwrap(), std::fs::read(b.join(file)).unwrap(), "{file} differs");
    }
    let rows = firm_rows(&a);
    f.send(&json!({"type": "state"}));
    let facilitator = f.wait_for(10, |s| s["firms"].is_array());
    for (i, t) in teams.iter().enumerate() {
        let own = &t.state["own"];
        let name = own["firm_name"].as_str().unwrap();
        let firm = &rows[name];
        assert_eq!(firm.len(), 52, "{name}: 52 weeks replayed");
        let last = firm.last().unwrap();
        let num = |r: &std::collections::HashMap<String, String>, k: &str| r[k].parse::<f64>().unwrap();
        assert_eq!(own["kpis"]["customers"].as_f64().unwrap(), num(last, "customers_active"), "{name}");
        assert_eq!(own["kpis"]["reps"].as_f64().unwrap(), num(last, "reps_active"), "{name}");
        let score: f64 = firm.iter().map(|r| num(r, "contribution")).sum();
        let shown = own["kpis"]["score"].as_f64().unwrap();
        assert!((shown - score).abs() <= 1e-6 * score.abs().max(1.0), "{name}: score {shown} shown, {score} replayed");
        let revenue: f64 = firm.iter().map(|r| num(r, "revenue")).sum();
        let shown = own["kpis"]["revenue_year"].as_f64().unwrap();
        assert!((shown - revenue).abs() <= 1e-3, "{name}: revenue {shown} shown, {revenue} replayed");
        let board = t.state["leaderboard"].as_array().unwrap();
        let mine = board.iter().find(|s| s["firm"] == i).unwrap();
        assert_eq!(mine["score"], own["kpis"]["score"], "the leaderboard shows the firm's own score");
        assert_eq!(facilitator["firms"][i]["kpis"], own["kpis"], "the facilitator sees what the team sees");
        // Week 52 starts a year: the card is the year just ended.
        let card = &own["scorecard"];
        assert_eq!(card["year"], 0, "{card}");
        let (rph, cph) = (card["revenue_per_hour"].as_f64().unwrap(), card["contribution_per_hour"].as_f64().unwrap());
        assert!(rph > 0.0 && rph > cph, "{card}");
        assert!((0.0..=1.0).contains(&card["win_rate"].as_f64().unwrap()), "{card}");
        assert_eq!(card["most_revenue"].as_array().unwrap().len(), 3, "{card}");
        let reps: Vec<&Value> = own["map"]["reps"].as_array().unwrap().iter().map(|r| &r["id"]).collect();
        assert!(
            card["most_productive"].as_array().unwrap().iter().all(|id| reps.contains(&id)),
            "scorecard reps are the firm's"
        );
    }
    let ranks: Vec<u64> =
        teams[0].state["leaderboard"].as_array().unwrap().iter().map(|s| s["rank"].as_u64().unwrap()).collect();
    assert_eq!(ranks, [1, 2, 3]);
    let _ = std::fs::remove_dir_all(&server.data);
}

#[test]
fn the_debrief_twin_differs_from_the_game_only_after_the_undone_decision() {
    let (server, _f, _teams, welcome) = play_four_rounds("debrief");
    let game = welcome["session"].as_str().unwrap().to_string();
    let scenario = salesim::scenario::load::load_file(&server.data.join(&game).join("scenario.ron")).unwrap();
    let session = salesim::session::Session::load(&server.data.join(&game).join("session.ron")).unwrap();
    let actions = session.actions_for(false, &scenario.firm_names());
    // Undo the first decision taken after the first round.
    let undo = actions.iter().position(|a| a.week >= 13).expect("a decision after round 1");
    let week = actions[undo].week as usize;
    let kept: Vec<_> = actions.iter().enumerate().filter(|(i, _)| *i != undo).map(|(_, a)| a.clone()).collect();
    let actual = salesim::game::debrief::replay(&scenario, &actions, 52);
    let twin = salesim::game::debrief::replay(&scenario, &kept, 52);
    for (a, t) in actual.iter().zip(&twin) {
        assert_eq!(a.rows[..week], t.rows[..week], "the twin is the game before the undone decision");
    }
    let after_differs = actual.iter().zip(&twin).any(|(a, t)| a.rows[week..] != t.rows[week..]);
    assert!(after_differs, "undoing a decision changes the market after it");
    let page =
        http_get(server.port, &format!("/debrief/{game}?token={}&undo={undo}", welcome["token"].as_str().unwrap()));
    assert!(page.starts_with("HTTP/1.1 200"), "{}", &page[..page.len().min(300)]);
    assert!(page.contains("What one decision did") && page.contains("<svg"), "the debrief has its twin and charts");
    assert!(page.contains("Why did"), "the debrief tells the story of a loss");
    let refused = http_get(server.port, &format!("/debrief/{game}?token=guess"));
    assert!(refused.starts_with("HTTP/1.1 404"), "a wrong token gets no debrief");
    let _ = std::fs::remove_dir_all(&server.data);
}

fn http_get(port: u16, path: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut body = String::new();
    let _ = s.read_to_string(&mut body);
    body
}

fn error_code(v: &Value) -> &str {
    assert_eq!(v["type"], "error", "{v}");
    v["code"].as_str().unwrap()
}

#[test]
fn a_team_cannot_read_or_change_another_firm_and_guessed_tokens_are_refused() {
    let server = Server::start(&data_dir("seats"), 0);
    let (mut f, welcome) = create(&server, 2, 2, 0);
    let mut a = join(&server, &welcome, 0, "Alpha");
    let mut b = join(&server, &welcome, 1, "Beta");
    f.send(&json!({"type": "control", "action": "start"}));
    a.wait_for(10, |s| s["status"] == "open");
    b.wait_for(10, |s| s["status"] == "open");
    assert_eq!(a.state["own"]["firm"], 0);
    assert!(a.state["firms"].is_null(), "a team never gets every firm's view");
    assert_eq!(b.state["own"]["firm"], 1, "each team sees only its own firm");
    // A team's messages act for its own seat: it cannot name a firm, control or inject.
    a.send(&json!({"type": "submit", "round": 1, "firm": 1, "decisions": {"commission_rate": 0.2}}));
    assert_eq!(error_code(&a.reply()), "bad_message");
    a.send(&json!({"type": "control", "action": "advance"}));
    assert_eq!(error_code(&a.reply()), "unauthorised");
    a.send(&json!({"type": "inject", "event": {"Catalyst": "x"}}));
    assert_eq!(error_code(&a.reply()), "unauthorised");
    // Guessed or missing tokens, codes and keys.
    let mut x = Client::connect(&server.url());
    x.send(&json!({"type": "resume", "token": "0123456789abcdef0123456789abcdef"}));
    assert_eq!(error_code(&x.reply()), "unauthorised");
    x.send(&json!({"type": "submit", "round": 1, "decisions": {}}));
    assert_eq!(error_code(&x.reply()), "unauthorised", "no seat, no submission");
    x.send(&json!({"type": "join", "code": "AAAAAAAA", "name": "Mallory"}));
    assert_eq!(error_code(&x.reply()), "unauthorised");
    x.send(&json!({"type": "create", "key": "guess", "scenario": "workshop_game"}));
    assert_eq!(error_code(&x.reply()), "unauthorised");
    // A connection that keeps guessing is closed.
    for _ in 0..5 {
        if !x.send_text(&json!({"type": "resume", "token": "nope"}).to_string()) {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let closed = (0..40).any(|_| {
        matches!(
            x.ws.read(),
            Err(tungstenite::Error::ConnectionClosed
                | tungstenite::Error::AlreadyClosed
                | tungstenite::Error::Protocol(_))
                | Ok(tungstenite::Message::Close(_))
        )
    });
    assert!(closed, "the server closes a connection after repeated wrong codes");
    // Nothing above changed the game: no firm has submitted.
    f.send(&json!({"type": "state"}));
    let s = f.wait_for(10, |s| s["firms"].is_array());
    assert!(s["teams"].as_array().unwrap().iter().all(|t| t["submitted"] == false), "{}", s["teams"]);
    assert_eq!(s["firms"][1]["decisions"]["commission_rate"], 0.07);
    let _ = std::fs::remove_dir_all(&server.data);
}

#[test]
fn oversize_malformed_out_of_range_and_too_frequent_messages_get_a_clear_error_and_change_nothing() {
    let server = Server::start(&data_dir("abuse"), 0);
    let (mut f, welcome) = create(&server, 2, 2, 0);
    let mut a = join(&server, &welcome, 0, "Alpha");
    f.send(&json!({"type": "control", "action": "start"}));
    a.wait_for(10, |s| s["status"] == "open");
    a.send_text(&format!(r#"{{"type":"ping","pad":"{}"}}"#, "x".repeat(20_000)));
    assert_eq!(error_code(&a.reply()), "too_large");
    a.send_text("{\"type\": \"submit\", \"round\": 1, \"decisions\": {\"commission_rate\": ");
    assert_eq!(error_code(&a.reply()), "bad_message");
    for (decisions, field) in [
        (json!({"commission_rate": 3.0}), "decisions.commission_rate"),
        (json!({"hiring_target": 100000000}), "decisions.hiring_target"),
        (json!({"accelerator": -1.0}), "decisions.accelerator"),
    ] {
        a.send(&json!({"type": "submit", "round": 1, "decisions": decisions}));
        let e = a.reply();
        assert_eq!(error_code(&e), "invalid", "{e}");
        assert_eq!(e["field"], field, "{e}");
    }
    a.send(&json!({"type": "submit", "round": 2, "decisions": {}}));
    assert_eq!(a.reply()["field"], "round", "a round that is not open is refused");
    f.send(&json!({"type": "control", "action": "advance", "round": 2}));
    let stale = f.reply();
    assert_eq!(
        (error_code(&stale), &stale["field"]),
        ("invalid", &json!("round")),
        "a click on a round that is not open"
    );
    // Too frequent: a burst beyond the bucket is refused.
    for _ in 0..60 {
        a.send(&json!({"type": "ping"}));
    }
    let mut limited = 0;
    for _ in 0..60 {
        if a.reply()["code"] == "rate_limited" {
            limited += 1;
        }
    }
    assert!(limited >= 30, "{limited} of 60 pings in a burst were rate-limited");
    std::thread::sleep(Duration::from_secs(2));
    a.send(&json!({"type": "state"}));
    let s = a.wait_for(10, |s| s["own"]["submitted"].is_null() && s["status"] == "open");
    assert_eq!(s["own"]["decisions"]["commission_rate"], 0.07, "nothing refused changed the firm");
    assert_eq!(s["teams"][0]["submitted"], false);
    let _ = std::fs::remove_dir_all(&server.data);
}

/// A tiny deterministic generator for the fuzzer.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.next() as usize % xs.len()]
    }
}

/// A message that is nearly right: a known type with fields of the wrong kind, values out of any
/// range, unknown fields, cut-off JSON, or random bytes.
fn fuzzed(r: &mut Lcg) -> String {
    let types = ["create", "join", "resume", "watch", "submit", "control", "inject", "state", "ping", "x"];
    let fields = [
        "round",
        "decisions",
        "code",
        "name",
        "token",
        "key",
        "scenario",
        "firms",
        "rounds",
        "event",
        "action",
        "firm",
    ];
    let values = [
        "1",
        "-1",
        "0",
        "1e308",
        "-1e308",
        "null",
        "true",
        "\"\"",
        "\"Quarterly\"",
        "{}",
        "[]",
        "18446744073709551616",
        "{\"commission_rate\":1e300}",
        "{\"hiring_target\":4294967295}",
        "{\"ownership\":\"hybrid\"}",
        "{\"Catalyst\":\"\"}",
        "{\"Set\":{\"path\":\"pay.cap\",\"value\":\"1e999\"}}",
        "\"advance\"",
        "\"rollback\"",
        "\"\\u0000\"",
    ];
    let mut m = format!("{{\"type\":\"{}\"", r.pick(&types));
    for _ in 0..(r.next() % 4) {
        m.push_str(&format!(",\"{}\":{}", r.pick(&fields), r.pick(&values)));
    }
    m.push('}');
    match r.next() % 10 {
        0 => m.truncate(r.next() as usize % m.len()),
        1 => m = (0..(r.next() % 64)).map(|_| (r.next() % 94 + 32) as u8 as char).collect(),
        _ => {}
    }
    m
}

/// Read whatever the server has sent; false once the connection is closed.
fn drain(c: &mut Client) -> bool {
    loop {
        match c.ws.read() {
            Ok(_) => continue,
            Err(tungstenite::Error::Io(e))
                if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) =>
            {
                return true;
            }
            Err(_) => return false,
        }
    }
}

#[test]
fn the_server_never_panics_under_a_hundred_thousand_fuzzed_messages() {
    let server = Server::start(&data_dir("fuzz"), 0);
    let (mut f, welcome) = create(&server, 2, 3, 0);
    drop(join(&server, &welcome, 0, "Fuzz"));
    f.send(&json!({"type": "control", "action": "start"}));
    f.wait_for(10, |s| s["status"] == "open");
    let mut r = Lcg(2026);
    let seats = [
        json!({"type": "join", "code": welcome["codes"][0]["code"], "name": "F"}),
        json!({"type": "resume", "token": welcome["token"]}),
        json!({"type": "ping"}),
    ];
    let (mut sent, mut clients) = (0, 0);
    // Each connection sends one burst (the rate limit is per connection), so every message is
    // parsed and checked; a third log in as a team and a third as the facilitator first.
    while sent < 100_000 {
        let mut c = Client::connect(&server.url());
        if let MaybeTls::Plain(s) = c.ws.get_ref() {
            s.set_read_timeout(Some(Duration::from_millis(1))).unwrap();
        }
        c.send(&seats[clients % 3]);
        clients += 1;
        for _ in 0..19 {
            if !c.send_text(&fuzzed(&mut r)) {
                break;
            }
            sent += 1;
        }
        drain(&mut c);
        let _ = c.ws.close(None);
        let _ = drain(&mut c);
    }
    // The server still answers, and its games still work.
    let mut p = Client::connect(&server.url());
    p.send(&json!({"type": "ping"}));
    assert_eq!(p.reply()["type"], "pong");
    f.send(&json!({"type": "state"}));
    f.wait_for(10, |s| s["firms"].is_array());
    let stderr = server.kill_and_stderr();
    assert!(!stderr.contains("panicked"), "the server panicked:\n{stderr}");
    eprintln!("{sent} fuzzed messages over {clients} connections");
}
