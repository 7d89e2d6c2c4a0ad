//! The workshop game's benchmark (`cargo bench --bench game`): a real `salesim serve` holding four
//! games of eight firms on `workshop_game.ron` (32 teams, about 40,000 customers a game), each team
//! a WebSocket client. Every round, each game's eight teams submit; the time from the last
//! submission to the moment all eight teams have the next round's state is a round's "simulated
//! and published" time. Prints its median and worst over 12 rounds × 4 games, and the server's
//! resident memory with all 32 teams at the end (docs/WORKSHOP.md, "Speed").

#[path = "../tests/gameplay/mod.rs"]
mod gameplay;

use gameplay::{Client, Server, create, data_dir, join};
use serde_json::json;
use std::time::Instant;

const GAMES: usize = 4;
const FIRMS: usize = 8;
const ROUNDS: u64 = 12;

fn main() {
    let server = Server::start(&data_dir("bench"), 0);
    let mut games = Vec::new();
    for g in 0..GAMES {
        let (mut f, w) = create(&server, FIRMS, ROUNDS as u32, 0);
        let teams: Vec<Client> = (0..FIRMS).map(|i| join(&server, &w, i, &format!("g{g} team {i}"))).collect();
        f.send(&json!({"type": "control", "action": "start"}));
        f.wait_for(30, |s| s["status"] == "open");
        games.push((f, teams));
    }
    let mut times = Vec::new();
    for round in 1..=ROUNDS {
        for (_, teams) in &mut games {
            let n = teams.len();
            for (i, t) in teams.iter_mut().enumerate() {
                if i + 1 == n {
                    break;
                }
                t.send(&json!({"type": "submit", "round": round, "decisions": {"hiring_target": 50 + round}}));
                let _ = t.reply();
            }
            let start = Instant::now();
            let last = teams.last_mut().unwrap();
            last.send(&json!({"type": "submit", "round": round, "decisions": {"hiring_target": 50 + round}}));
            for t in teams.iter_mut() {
                t.wait_for(60, |s| s["week"].as_u64() == Some(13 * round));
            }
            times.push(start.elapsed().as_secs_f64());
        }
    }
    times.sort_by(f64::total_cmp);
    let rss = server.rss_kib() as f64 / 1024.0;
    println!(
        "workshop_game, {FIRMS} firms a game, {GAMES} games ({} teams), {ROUNDS} rounds of 13 weeks",
        GAMES * FIRMS
    );
    println!(
        "a round simulated and published to all {FIRMS} teams: median {:.2} s, worst {:.2} s (over {} rounds)",
        times[times.len() / 2],
        times[times.len() - 1],
        times.len()
    );
    println!("server resident memory with {} teams: {rss:.0} MiB", GAMES * FIRMS);
    let _ = std::fs::remove_dir_all(&server.data);
}
