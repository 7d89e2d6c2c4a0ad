//! The workshop game in a real browser: `salesim serve` on a loopback port, headless Chromium
//! driven over the DevTools protocol, a facilitator and three teams each in a browser context of
//! their own, every action a real click or keystroke on the page (web/game.js). The facilitator
//! creates a three-firm game on `workshop_game`, the teams join by their codes (two by the link,
//! one by typing the code), and four rounds are played with different decisions each round, an
//! injected product launch, and a last round the facilitator runs without a late team, rolls
//! back and runs again once that team is in. Then every team's dashboard
//! and the projector's leaderboard show, number for number, what a headless replay of the
//! server's session file computes; the pages reconnect by themselves when the server restarts
//! mid-game; a reloaded team page comes back to its seat by its token; the
//! team page downloads far less than the live view's 50 MB; and on a 390 px wide phone the
//! dashboard is one column with no text under 14 px (the projector's none under 24 px).
#![cfg(feature = "serve")]

mod browser;

use browser::{Chromium, Killed, Page, TempDir};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Weeks in a round and rounds in the game played.
const ROUND_WEEKS: u64 = 13;
const ROUNDS: u64 = 4;
const TEAMS: usize = 3;

/// `salesim serve` on loopback `port` (0: a free one) with its data in `data`; the facilitator's
/// address.
fn serve(data: &Path, port: u16) -> (Killed, String) {
    let mut child = Killed(
        Command::new(env!("CARGO_BIN_EXE_salesim"))
            .args(["serve", "--port", &port.to_string(), "--data"])
            .arg(data)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("salesim serve"),
    );
    // Its stdout is read on a thread (and drained to the end), so a silent server times out.
    let stdout = BufReader::new(child.0.stdout.take().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            if let Some(url) = line.strip_prefix("facilitator: ") {
                let _ = tx.send(url.trim().to_string());
            }
        }
    });
    let url = rx.recv_timeout(Duration::from_secs(60)).expect("salesim serve printed no facilitator address");
    assert!(url.starts_with("http://127.0.0.1:") && url.contains("/?game&key="), "{url}");
    (child, url)
}

/// A number of the page's state (a JSON value) as f64.
fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// A firm's headline figures as the game defines them (src/game/views.rs), from its weekly rows
/// of a replay's timeseries.csv: money and rates over its latest year, counts and pay at the end,
/// the score being its contribution since the game began.
fn kpis(rows: &[BTreeMap<String, String>]) -> BTreeMap<&'static str, f64> {
    let col = |r: &BTreeMap<String, String>, c: &str| -> f64 {
        r.get(c).and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("timeseries.csv: no number in column {c}"))
    };
    let year = &rows[rows.len().saturating_sub(52)..];
    let per_year = 52.0 / year.len() as f64;
    let sum = |rows: &[BTreeMap<String, String>], f: &dyn Fn(&BTreeMap<String, String>) -> f64| -> f64 {
        rows.iter().map(f).sum()
    };
    let reps = sum(year, &|r| col(r, "reps_active")) / year.len() as f64;
    let customers = sum(year, &|r| col(r, "customers_active")) / year.len() as f64;
    let left = sum(year, &|r| col(r, "reps_quit") + col(r, "reps_poached") + col(r, "reps_managed_out"));
    let lost = sum(year, &|r| {
        col(r, "customers_churned") + col(r, "customers_followed_rep") + col(r, "customers_lost_on_departure")
    });
    let last = rows.last().expect("a firm's rows");
    BTreeMap::from([
        ("revenue_year", sum(year, &|r| col(r, "revenue")) * per_year),
        ("contribution_year", sum(year, &|r| col(r, "contribution")) * per_year),
        ("customers", col(last, "customers_active")),
        ("reps", col(last, "reps_active")),
        ("rep_turnover", if reps > 0.0 { left * per_year / reps } else { 0.0 }),
        ("churn", if customers > 0.0 { lost * per_year / customers } else { 0.0 }),
        ("avg_pay", col(last, "avg_rep_pay_annualized")),
        ("score", sum(rows, &|r| col(r, "contribution"))),
    ])
}

/// The value a formatted number on the page stands for ("$1.2M", "12.3%", "5,012") and half its
/// last digit's unit (how far the exact value may be from it).
fn shown(text: &str) -> (f64, f64) {
    let t = text.trim().replace(',', "");
    let (sign, t) = match t.strip_prefix('-') {
        Some(r) => (-1.0, r.to_string()),
        None => (1.0, t),
    };
    let t = t.trim_start_matches('$');
    let (digits, scale) = match t.chars().last() {
        Some('B') => (&t[..t.len() - 1], 1e9),
        Some('M') => (&t[..t.len() - 1], 1e6),
        Some('k') => (&t[..t.len() - 1], 1e3),
        Some('%') => (&t[..t.len() - 1], 0.01),
        _ => (t, 1.0),
    };
    let v: f64 = digits.parse().unwrap_or_else(|_| panic!("not a number on the page: {text}"));
    let decimals = digits.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
    (sign * v * scale, 0.5 * 10f64.powi(-decimals) * scale)
}

/// Assert a number shown on the page is `exact` as far as its digits go.
fn assert_shows(text: &str, exact: f64, what: &str) {
    let (v, half) = shown(text);
    assert!((v - exact).abs() <= half * (1.0 + 1e-9), "{what}: the page shows {text}, the replay has {exact}");
}

/// The smallest computed font size of any visible text or form control on the page, with where.
const SMALLEST_TEXT: &str = r##"(() => {
  let min = 1e9, where = "";
  const look = (el, text) => {
    const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || cs.visibility === "hidden" || cs.display === "none") return;
    const px = parseFloat(cs.fontSize);
    if (px < min) { min = px; where = el.tagName + "#" + el.id + ": " + text.trim().slice(0, 40); }
  };
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (w.nextNode()) {
    const t = w.currentNode;
    if (t.textContent.trim() && t.parentElement) look(t.parentElement, t.textContent);
  }
  for (const el of document.querySelectorAll("input, select, button")) look(el, el.value || el.textContent);
  return { min, where, scroll_width: document.documentElement.scrollWidth };
})()"##;

/// Each team's decisions in each round: (commission rate, quota period, hiring target).
fn decisions(team: usize, round: u64) -> (&'static str, &'static str, &'static str) {
    const RATES: [[&str; 4]; TEAMS] =
        [["0.06", "0.05", "0.08", "0.07"], ["0.09", "0.1", "0.1", "0.12"], ["0.07", "0.04", "0.045", "0.05"]];
    const PERIODS: [[&str; 4]; TEAMS] = [
        ["Quarterly", "Quarterly", "Monthly", "Monthly"],
        ["Annual", "Monthly", "Monthly", "Quarterly"],
        ["Monthly", "Annual", "Quarterly", "Quarterly"],
    ];
    const HIRING: [[&str; 4]; TEAMS] = [["55", "60", "60", "65"], ["50", "45", "70", "70"], ["52", "58", "40", "80"]];
    let r = round as usize - 1;
    (RATES[team][r], PERIODS[team][r], HIRING[team][r])
}

/// A team sets its decisions for `round` with the keyboard and mouse and submits them.
fn play_round(page: &mut Page, team: usize, round: u64) {
    page.wait_until(
        "the round open in the form",
        30,
        &format!("window.gameState && window.gameState.round === {round} && !document.getElementById('submit-decisions').disabled"),
    );
    let (rate, period, hiring) = decisions(team, round);
    if team == 1 && round == 1 {
        // A commission rate out of range is refused, naming its field, and nothing is saved.
        page.type_into("#d-commission_rate", "1.5");
        page.click("#submit-decisions");
        let msg = page.wait_until(
            "the refusal of a commission rate of 1.5",
            30,
            "(t => t.startsWith('Error') ? t : null)(document.getElementById('decision-msg').textContent)",
        );
        assert!(msg.as_str().unwrap().contains("commission_rate"), "the error names its field: {msg}");
        assert_eq!(page.eval("document.getElementById('d-commission_rate').classList.contains('bad')"), true);
        assert_eq!(page.eval("window.gameState.teams[1].submitted"), false, "a refused submission counts");
    }
    page.type_into("#d-commission_rate", rate);
    page.choose("#d-quota_period", period);
    page.type_into("#d-hiring_target", hiring);
    if team == 0 && round == 2 {
        page.click("#d-realign_now");
        assert_eq!(page.eval("document.getElementById('d-realign_now').checked"), true, "the realign box ticked");
    }
    if team == 2 && round == 3 {
        // Going ahead whatever the reps threaten, so the change is in force after the round.
        page.choose("#d-ownership", "hybrid");
        page.choose("#d-pushback", "proceed");
        page.type_into("#d-technical_specialists", "3");
    }
    page.click("#submit-decisions");
    page.wait_until(
        &format!("team {team}'s ack of round {round}"),
        30,
        &format!("document.getElementById('decision-msg').textContent.startsWith('Decisions for round {round} saved')"),
    );
}

/// Wait until a page's state has `weeks` simulated.
fn wait_weeks(page: &mut Page, who: &str, weeks: u64) -> Value {
    let expr = format!("window.gameState && window.gameState.week === {weeks} ? window.gameState : null");
    page.wait_until(&format!("{who} to see week {weeks}"), 120, &expr)
}

#[test]
fn a_game_played_in_the_browser_shows_every_team_and_the_projector_what_the_replayed_session_computes() {
    let started = Instant::now();
    let data = TempDir::new("game-data");
    let (mut server, facilitator_url) = serve(&data.0, 0);
    let origin = facilitator_url.split("/?").next().unwrap().to_string();
    let port: u16 = origin.rsplit(':').next().and_then(|p| p.parse().ok()).expect("the server's port");
    let chromium = Chromium::launch();

    // The facilitator creates the game through the "New game" form.
    let mut fac = chromium.page_in_new_context();
    fac.viewport(1400, 1000);
    fac.navigate(&facilitator_url);
    fac.wait_until("the new-game form", 30, "document.getElementById('create-game')");
    assert_eq!(fac.eval("document.getElementById('g-scenario').value"), "workshop_game");
    fac.type_into("#g-firms", "3");
    fac.type_into("#g-rounds", &ROUNDS.to_string());
    fac.type_into("#g-round_weeks", &ROUND_WEEKS.to_string());
    fac.type_into("#g-deadline_secs", "0");
    fac.type_into("#g-seed", "7");
    fac.click("#create-game");
    let welcome = fac.wait_until(
        "the facilitator's welcome",
        60,
        "window.gameWelcome && window.gameWelcome.role === 'facilitator' && window.gameState ? window.gameWelcome : null",
    );
    let session = welcome["session"].as_str().expect("a session").to_string();
    let codes: Vec<String> =
        welcome["codes"].as_array().expect("codes").iter().map(|c| c["code"].as_str().unwrap().to_string()).collect();
    assert_eq!(codes.len(), TEAMS, "one join code per firm: {welcome}");
    let projector = welcome["projector_code"].as_str().expect("a projector code").to_string();
    for (i, code) in codes.iter().enumerate() {
        let href = fac.eval(&format!("document.getElementById('code-{i}').getAttribute('href')"));
        assert_eq!(href.as_str(), Some(format!("?game&join={code}").as_str()), "firm {i}'s join link");
    }

    // The teams join, each in its own browser context: two by their links, one by typing its code.
    let mut teams: Vec<Page> = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        let mut page = chromium.page_in_new_context();
        page.viewport(1280, 900);
        if i == 0 {
            page.call("Network.enable", serde_json::json!({}));
            page.keep("Network.loadingFinished");
        }
        if i == 2 {
            page.navigate(&format!("{origin}/?game"));
            page.wait_until("the join form", 30, "document.getElementById('join-code')");
            page.type_into("#join-code", code);
        } else {
            page.navigate(&format!("{origin}/?game&join={code}"));
            page.wait_until("the join form", 30, "document.getElementById('join-name')");
        }
        page.type_into("#join-name", &format!("Team {i}"));
        page.click("#join-go");
        let w = page.wait_until(
            "the team's welcome",
            30,
            "window.gameWelcome && window.gameState && window.gameState.own ? window.gameWelcome : null",
        );
        assert_eq!(w["role"], "team");
        assert_eq!(w["firm"].as_u64(), Some(i as u64), "the code of firm {i} seats its team: {w}");
        teams.push(page);
    }

    // What the team page downloaded: the page and its script, never the live view's wasm.
    let bytes: f64 = teams[0].events("Network.loadingFinished").iter().map(|e| f(&e["encodedDataLength"])).sum();
    eprintln!("the team page downloaded {bytes} bytes");
    assert!(bytes > 10_000.0, "the page and game.js were downloaded ({bytes} bytes counted)");
    assert!(bytes < 8e6, "the team page downloaded {bytes} bytes (at most 8 MB)");
    let wasm = teams[0].eval("performance.getEntriesByType('resource').some(r => r.name.includes('salesim-web'))");
    assert_eq!(wasm, false, "the team page asked for the live view's wasm");

    fac.wait_until(
        "every team joined",
        30,
        "window.gameState.teams.length === 3 && window.gameState.teams.every(t => t.joined)",
    );
    fac.click("#btn-start");
    fac.wait_until("the first round open", 30, "window.gameState.status === 'open' && window.gameState.round === 1");

    for round in 1..=ROUNDS {
        if round == 2 {
            // A product launch for every firm, at the start of round 2.
            fac.choose("#inject-kind", "launch");
            fac.click("#inject-go");
            fac.wait_until(
                "the inject's notice",
                10,
                "document.getElementById('msg').textContent.includes('product launch')",
            );
        }
        if round == 3 {
            // The server restarts between rounds: every page reconnects by itself and resumes
            // its seat, and the game goes on from the store.
            drop(server);
            fac.wait_until(
                "the console to notice",
                30,
                "document.getElementById('conn').textContent.startsWith('reconnecting')",
            );
            server = serve(&data.0, port).0;
            let back = format!(
                "document.getElementById('conn').textContent === 'connected' && window.gameState.week === {}",
                2 * ROUND_WEEKS
            );
            for page in std::iter::once(&mut fac).chain(teams.iter_mut()) {
                page.wait_until("the page to reconnect", 60, &back);
            }
        }
        if round < ROUNDS {
            // Every team submits and there is no deadline: the round runs as the last one is in.
            for (i, page) in teams.iter_mut().enumerate() {
                play_round(page, i, round);
            }
            wait_weeks(&mut fac, "the facilitator", round * ROUND_WEEKS);
            continue;
        }
        // The last round: the third team is late, so the facilitator runs the round without it...
        for (i, page) in teams.iter_mut().enumerate().take(2) {
            play_round(page, i, round);
        }
        fac.wait_until(
            "two teams submitted",
            30,
            "window.gameState.teams.filter(t => t.submitted).length === 2 && !window.gameState.teams[2].submitted",
        );
        fac.click("#btn-advance");
        let ended =
            format!("window.gameState.status === 'ended' && window.gameState.week === {}", ROUNDS * ROUND_WEEKS);
        fac.wait_until("the game's end", 120, &ended);
        // ...then rolls that round back (the two teams' decisions stay in), the third team
        // submits after all, and the round runs again with all three.
        fac.click("#btn-rollback");
        let reopened = format!(
            "window.gameState.week === {} && window.gameState.status === 'open' && window.gameState.round === {round} \
             && window.gameState.teams.filter(t => t.submitted).length === 2",
            (ROUNDS - 1) * ROUND_WEEKS
        );
        fac.wait_until("the last round open again", 120, &reopened);
        play_round(&mut teams[2], 2, round);
        fac.wait_until("the game's end", 120, &ended);
    }
    let weeks = ROUNDS * ROUND_WEEKS;
    assert_eq!(fac.eval("window.gameState.week").as_u64(), Some(weeks));

    // A reloaded team page comes back to its seat by its token, without joining again.
    let url = teams[1].eval("location.href").as_str().unwrap().to_string();
    teams[1].navigate(&url);
    let back = teams[1].wait_until(
        "the resumed seat",
        30,
        "window.gameWelcome && window.gameState ? window.gameWelcome : null",
    );
    assert_eq!(back["firm"].as_u64(), Some(1), "the reload resumed firm 1's seat: {back}");
    assert_eq!(teams[1].eval("!!document.getElementById('join-name')"), false, "the reload asked to join again");

    // The projector.
    let mut proj = chromium.page_in_new_context();
    proj.viewport(1920, 1080);
    proj.navigate(&format!("{origin}/?game&watch={projector}"));
    let proj_state = wait_weeks(&mut proj, "the projector", weeks);
    assert!(proj_state["own"].is_null(), "the projector sees no firm's own view");

    // The headless replay of the session file the server wrote.
    let game_dir = data.0.join(&session);
    let out = data.0.join("replay");
    let run = Command::new(env!("CARGO_BIN_EXE_salesim"))
        .arg("run")
        .arg(game_dir.join("scenario.ron"))
        .arg("--quiet")
        .arg("--actions")
        .arg(game_dir.join("session.ron"))
        .arg("--out")
        .arg(&out)
        .output()
        .expect("salesim run");
    assert!(run.status.success(), "the replay failed: {}", String::from_utf8_lossy(&run.stderr));
    let text = std::fs::read_to_string(out.join("timeseries.csv")).expect("timeseries.csv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let mut by_firm: BTreeMap<String, Vec<BTreeMap<String, String>>> = BTreeMap::new();
    for l in lines {
        let row: BTreeMap<String, String> =
            header.iter().map(|h| h.to_string()).zip(l.split(',').map(str::to_string)).collect();
        by_firm.entry(row["firm"].clone()).or_default().push(row);
    }
    let session_text = std::fs::read_to_string(game_dir.join("session.ron")).unwrap();
    assert!(session_text.contains("product launch"), "the injected launch is in the session:\n{session_text}");

    // Every team's dashboard: its state and the KPI tiles on the page, number for number.
    let mut replayed: BTreeMap<String, BTreeMap<&str, f64>> = BTreeMap::new();
    for (i, page) in teams.iter_mut().enumerate() {
        let s = wait_weeks(page, &format!("team {i}"), weeks);
        let own = &s["own"];
        let name = own["firm_name"].as_str().unwrap().to_string();
        let rows = by_firm.get(&name).unwrap_or_else(|| panic!("no rows of {name} in the replay"));
        assert_eq!(rows.len() as u64, weeks, "{name}: the replay's weeks");
        // The weekly series, every week.
        for (w, row) in rows.iter().enumerate() {
            assert_eq!(f(&own["series"]["week"][w]), row["week"].parse::<f64>().unwrap(), "{name}'s week {w}");
            assert_eq!(
                f(&own["series"]["revenue"][w]),
                row["revenue"].parse::<f64>().unwrap(),
                "{name} week {w} revenue"
            );
            assert_eq!(
                f(&own["series"]["customers"][w]),
                row["customers_active"].parse::<f64>().unwrap(),
                "{name} week {w} customers"
            );
        }
        let want = kpis(rows);
        for (k, v) in &want {
            assert_eq!(f(&own["kpis"][*k]), *v, "{name}'s {k} in the team's state");
            let (text, value) = {
                let js = format!(
                    "(() => {{ const e = document.getElementById('kpi-{k}'); return e ? [e.textContent, e.dataset.value] : null; }})()"
                );
                let v = page.eval(&js);
                (v[0].as_str().unwrap_or_default().to_string(), v[1].as_str().unwrap_or_default().to_string())
            };
            assert_eq!(value.parse::<f64>().ok(), Some(*v), "{name}'s {k} on the dashboard");
            assert_shows(&text, *v, &format!("{name}'s {k} on the dashboard"));
        }
        // The decisions in force are the last ones the team typed.
        let (rate, period, hiring) = decisions(i, ROUNDS);
        assert_eq!(f(&own["decisions"]["commission_rate"]), rate.parse::<f64>().unwrap(), "{name}'s commission rate");
        assert_eq!(own["decisions"]["quota_period"], period, "{name}'s quota period");
        assert_eq!(f(&own["decisions"]["hiring_target"]), hiring.parse::<f64>().unwrap(), "{name}'s hiring target");
        // The map's reps are the firm's reps; its customers its customers.
        let map = &own["map"];
        assert_eq!(map["reps"].as_array().map(Vec::len).unwrap_or(0) as f64, want["reps"], "{name}'s reps on the map");
        let accounts: f64 = map["reps"].as_array().unwrap().iter().map(|r| f(&r["accounts"])).sum::<f64>()
            + f(&map["house"]["accounts"]);
        assert!(
            accounts >= want["customers"],
            "{name}'s map holds its {} customers ({accounts} accounts)",
            want["customers"]
        );
        replayed.insert(name, want);
    }
    let own2 = teams[2].eval("window.gameState.own");
    assert_eq!(own2["decisions"]["ownership"], "hybrid", "team 2's ownership; its threats: {}", own2["threats"]);
    assert_eq!(own2["decisions"]["technical_specialists"], 3, "team 2's technical specialists");

    // The projector's leaderboard, in the state and on the screen.
    let total: f64 = replayed.values().map(|k| k["customers"]).sum();
    let board = proj_state["leaderboard"].as_array().expect("a leaderboard");
    assert_eq!(board.len(), TEAMS);
    let mut last_score = f64::INFINITY;
    for (rank, row) in board.iter().enumerate() {
        let name = row["firm_name"].as_str().unwrap();
        let want = &replayed[name];
        assert_eq!(row["rank"].as_u64(), Some(rank as u64 + 1));
        assert_eq!(f(&row["score"]), want["score"], "{name}'s score on the projector");
        assert_eq!(f(&row["revenue_year"]), want["revenue_year"], "{name}'s revenue on the projector");
        assert_eq!(f(&row["customers"]), want["customers"], "{name}'s customers on the projector");
        assert_eq!(f(&row["share"]), want["customers"] / total, "{name}'s share on the projector");
        assert!(want["score"] <= last_score, "the leaderboard is best first");
        last_score = want["score"];
        let firm = row["firm"].as_u64().unwrap();
        let cells = proj.eval(&format!("[...document.querySelectorAll('#lb-{firm} td')].map(td => td.textContent)"));
        let cells: Vec<&str> =
            cells.as_array().expect("the firm's row on the projector").iter().map(|c| c.as_str().unwrap()).collect();
        assert_eq!(cells[0], (rank + 1).to_string(), "{name}'s rank on the screen");
        assert_eq!(cells[1], name);
        assert_eq!(cells[2], format!("Team {firm}"));
        assert_shows(cells[3], want["score"], &format!("{name}'s score on the projector"));
        assert_shows(cells[4], want["revenue_year"], &format!("{name}'s revenue on the projector"));
        assert_shows(cells[5], want["customers"] / total, &format!("{name}'s share on the projector"));
    }
    let teams_differ = replayed.values().map(|k| k["score"].to_bits()).collect::<std::collections::BTreeSet<_>>();
    assert_eq!(teams_differ.len(), TEAMS, "the teams' different decisions gave different scores");

    // The facilitator's console shows every firm's KPIs too.
    let firms = fac.eval("window.gameState.firms");
    for fv in firms.as_array().expect("every firm's view") {
        let name = fv["firm_name"].as_str().unwrap();
        assert_eq!(f(&fv["kpis"]["score"]), replayed[name]["score"], "{name}'s score on the console");
    }

    // The scorecard on the dashboard is the state's.
    let shown = teams[1].eval("+document.getElementById('sc-win_rate').dataset.value");
    assert_eq!(shown, teams[1].eval("window.gameState.own.scorecard.win_rate"), "the scorecard's win rate");

    // Pictures of each role for docs/WORKSHOP.md (in the test's target folder).
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("game-shots");
    std::fs::create_dir_all(&shots).unwrap();
    for (page, name) in [(&mut fac, "console"), (&mut teams[1], "team"), (&mut proj, "projector")] {
        page.viewport(1400, 900);
        page.screenshot(&shots.join(format!("game-{name}.png")), false);
    }

    // Text sizes: the projector's at least 24 px; a phone's dashboard one column, 14 px or more.
    let p = proj.eval(SMALLEST_TEXT);
    assert!(f(&p["min"]) >= 24.0, "text under 24 px on the projector: {p}");
    let phone = &mut teams[0];
    phone.viewport(390, 844);
    phone.wait_until("the phone layout", 10, "window.innerWidth === 390");
    let t = phone.eval(SMALLEST_TEXT);
    assert!(f(&t["min"]) >= 14.0, "text under 14 px on a phone: {t}");
    assert!(f(&t["scroll_width"]) <= 390.0, "the dashboard is wider than the phone: {t}");
    let lefts = phone.eval(
        "[...new Set([...document.querySelectorAll('.card')].map(c => Math.round(c.getBoundingClientRect().left)))]",
    );
    assert_eq!(lefts.as_array().map(Vec::len), Some(1), "the phone's cards are not in one column: {lefts}");
    phone.screenshot(&shots.join("game-phone.png"), false);
    eprintln!("the game in the browser took {:.0} s", started.elapsed().as_secs_f64());
}
