//! The game under load: 30 bot teams in five games of six firms play twelve rounds against a real
//! `salesim serve`, dropping and resuming their connections at random. In round 7 half of the
//! teams submit and the server is killed with SIGKILL before the round runs; a new server on the
//! same data folder must come back with every acknowledged decision (in its journal and shown as
//! submitted), the games play on to the end, every team's final state equals a headless replay
//! of its game's session file, and the server's memory stays flat from round 8 to round 12.
#![cfg(feature = "serve")]

mod gameplay;

use gameplay::{Client, Server, create, data_dir, firm_rows, replay};
use salesim::game::bot::Bot;
use serde_json::{Value, json};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const GAMES: usize = 5;
const FIRMS: usize = 6;
const ROUNDS: u32 = 12;
const HELD_ROUND: u32 = 7;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Wait until every facilitator's state satisfies `done`.
fn all_games(facilitators: &mut [Client], secs: u64, done: impl Fn(&Value) -> bool + Copy) {
    for f in facilitators.iter_mut() {
        f.send(&json!({"type": "state"}));
        f.wait_for(secs, done);
    }
}

#[test]
fn thirty_bot_teams_survive_disconnects_and_a_killed_server_with_nothing_lost() {
    let data = data_dir("soak");
    let port = free_port();
    let server = Server::start(&data, port);
    let mut facilitators = Vec::new();
    let mut welcomes = Vec::new();
    for _ in 0..GAMES {
        let (f, w) = create(&server, FIRMS, ROUNDS, 0);
        facilitators.push(f);
        welcomes.push(w);
    }
    // 30 bots, each on its own thread; odd ones hold back from round 7 until released.
    let bots: Vec<Arc<Mutex<Bot>>> = welcomes
        .iter()
        .flat_map(|w| (0..FIRMS).map(move |i| (w.clone(), i)))
        .map(|(w, i)| {
            let code = w["codes"][i]["code"].as_str().unwrap();
            let mut b = Bot::new(&server.url(), code, &format!("bot {} {i}", w["session"].as_str().unwrap()));
            b.drop_chance = 0.1;
            if i % 2 == 1 {
                b.max_round.store(HELD_ROUND - 1, Ordering::Relaxed);
            }
            Arc::new(Mutex::new(b))
        })
        .collect();
    let holds: Vec<_> = bots.iter().map(|b| b.lock().unwrap().max_round.clone()).collect();
    let deadline = Instant::now() + Duration::from_secs(900);
    let threads: Vec<_> =
        bots.iter().cloned().map(|b| std::thread::spawn(move || b.lock().unwrap().play_until(deadline))).collect();
    // Every seat joined, then the games start.
    all_games(&mut facilitators, 60, |s| s["teams"].as_array().is_some_and(|t| t.iter().all(|t| t["joined"] == true)));
    for f in &mut facilitators {
        f.send(&json!({"type": "control", "action": "start"}));
    }
    all_games(&mut facilitators, 300, |s| s["week"].as_u64() >= Some(3 * 13));
    // Round 7: the even teams' decisions are in and acknowledged, the odd teams wait.
    all_games(&mut facilitators, 300, |s| {
        s["round"] == HELD_ROUND
            && s["teams"].as_array().is_some_and(|t| t.iter().enumerate().all(|(i, t)| t["submitted"] == (i % 2 == 0)))
    });
    // kill -9, and a new server on the same data folder and port.
    drop(server);
    let server = Server::start(&data, port);
    facilitators = welcomes
        .iter()
        .map(|w| {
            let mut f = Client::connect(&server.url());
            f.send(&json!({"type": "resume", "token": w["token"]}));
            f
        })
        .collect();
    all_games(&mut facilitators, 60, |s| {
        s["round"] == HELD_ROUND
            && s["teams"].as_array().is_some_and(|t| t.iter().enumerate().all(|(i, t)| t["submitted"] == (i % 2 == 0)))
    });
    for h in &holds {
        h.store(u32::MAX, Ordering::Relaxed);
    }
    all_games(&mut facilitators, 300, |s| s["week"].as_u64() >= Some(8 * 13));
    let rss_round_8 = server.rss_kib();
    all_games(&mut facilitators, 600, |s| s["status"] == "ended");
    let rss_round_12 = server.rss_kib();
    for t in threads {
        t.join().unwrap().expect("every bot plays to the end");
    }
    // Every acknowledged decision is in the journal, in the round it was made for.
    let db = rusqlite::Connection::open(data.join("game.sqlite")).unwrap();
    let mut journal: Vec<(String, Value)> = Vec::new();
    let mut q = db.prepare("SELECT game, entry FROM journal ORDER BY game, seq").unwrap();
    for row in q.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).unwrap() {
        let (g, e) = row.unwrap();
        journal.push((g, serde_json::from_str(&e).unwrap()));
    }
    let mut acked = 0;
    for (k, b) in bots.iter().enumerate() {
        let b = b.lock().unwrap();
        let (game, firm) = (welcomes[k / FIRMS]["session"].as_str().unwrap(), k % FIRMS);
        for (round, d) in &b.acked {
            let want = json!({"kind": "submit", "firm": firm, "round": round, "decisions": d});
            assert!(journal.iter().any(|(g, e)| g == game && *e == want), "bot {k}'s round {round} decision is lost");
            acked += 1;
        }
        let held = |(g, e): &&(String, Value)| {
            g == game && e["kind"] == "submit" && e["firm"] == firm && e["round"] == HELD_ROUND
        };
        assert!(journal.iter().any(|e| held(&e)), "bot {k}'s decision for the held round is in the journal");
    }
    // An acknowledgement can be lost with a dropped connection (the state then shows the decision
    // as submitted); most arrive.
    assert!(acked >= GAMES * FIRMS * ROUNDS as usize / 2, "{acked} acknowledged decisions");
    eprintln!("{acked} acknowledged decisions, each found in the journal");
    // Every team's final state is its game's headless replay.
    for (k, w) in welcomes.iter().enumerate() {
        let game = w["session"].as_str().unwrap();
        let out = data.join(format!("replay-{game}"));
        let r = replay(&data.join(game), &out);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        let rows = firm_rows(&out);
        for b in &bots[k * FIRMS..(k + 1) * FIRMS] {
            let b = b.lock().unwrap();
            let own = &b.state["own"];
            let firm = &rows[own["firm_name"].as_str().unwrap()];
            assert_eq!(firm.len(), (ROUNDS * 13) as usize);
            let score: f64 = firm.iter().map(|r| r["contribution"].parse::<f64>().unwrap()).sum();
            let shown = own["kpis"]["score"].as_f64().unwrap();
            assert!(
                (shown - score).abs() <= 1e-6 * score.abs(),
                "{}: {shown} shown, {score} replayed",
                own["firm_name"]
            );
            assert_eq!(own["kpis"]["customers"].as_str().map(str::to_string), None);
            assert_eq!(
                own["kpis"]["customers"].as_u64().unwrap().to_string(),
                firm.last().unwrap()["customers_active"]
            );
        }
    }
    eprintln!("server memory: {rss_round_8} KiB after round 8, {rss_round_12} KiB after round 12 (30 teams)");
    assert!(
        rss_round_12 as f64 <= rss_round_8 as f64 * 1.2 + 16_384.0,
        "memory grew from {rss_round_8} KiB (round 8) to {rss_round_12} KiB (round 12)"
    );
    let _ = std::fs::remove_dir_all(&data);
}
