//! The live view in a real web browser: `scripts/build_web.sh` builds the page, `python3 -m
//! http.server` serves it, and headless Chromium (software WebGL through SwiftShader) opens it
//! and is driven over the DevTools protocol as a facilitator would use it: real clicks on the
//! view's buttons, downloads of the session and the chart CSV. The screenshots pass the same
//! pixel checks as the desktop view's; the downloaded session replays headless to the byte;
//! projector mode keeps every label at 24 px or more with no two event labels overlapping, and
//! hovering over an event label paints its whole text.
#![cfg(feature = "live")]

mod browser;
mod shots;

use base64::Engine;
use browser::{Browser, Killed, TempDir, free_port};
use salesim::live::ui::projector::{DESKTOP, PROJECTOR};
use serde_json::{Value, json};
use shots::Shot;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The page's own cargo target directory inside this build's (as the Python extension has).
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("the target directory").join("web-build")
}

/// Build `web/dist` with the script docs/WORKSHOP.md names.
fn build_page() {
    let out =
        Command::new("bash").arg("scripts/build_web.sh").env("CARGO_TARGET_DIR", target_dir()).output().expect("bash");
    assert!(out.status.success(), "scripts/build_web.sh failed:\n{}", String::from_utf8_lossy(&out.stderr));
    for f in ["index.html", "salesim-web.js", "salesim-web_bg.wasm"] {
        assert!(Path::new("web/dist").join(f).exists(), "web/dist/{f} not built");
    }
}

/// `python3 -m http.server` on web/dist, as docs/WORKSHOP.md serves it.
fn serve() -> (Killed, u16) {
    let port = free_port();
    let child = Command::new("python3")
        .args(["-m", "http.server", &port.to_string(), "--bind", "127.0.0.1", "-d", "web/dist"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3");
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "http.server did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    (Killed(child), port)
}

/// The live view's own controls and status, on the shared driver's page.
impl Browser {
    /// The view's status (`salesim.status()`), or null before it runs.
    fn status(&mut self) -> Value {
        let s = self.eval("window.salesim ? window.salesim.status() : ''");
        serde_json::from_str(s.as_str().unwrap_or("")).unwrap_or(Value::Null)
    }

    /// Wait until the status satisfies `done` (polling); the status then.
    fn wait_for(&mut self, what: &str, timeout_s: u64, done: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + Duration::from_secs(timeout_s);
        loop {
            let s = self.status();
            assert!(s.get("error").is_none(), "the page failed to start: {s}");
            if done(&s) {
                return s;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}; status {s}");
            std::thread::sleep(Duration::from_millis(250));
        }
    }

    /// Click the view's button `name` where the view says it laid it out.
    fn click(&mut self, name: &str) {
        let s = self.status();
        let b = &s["buttons"][name];
        let (x, y) = (
            b[0].as_f64().expect(name) + b[2].as_f64().unwrap() / 2.0,
            b[1].as_f64().unwrap() + b[3].as_f64().unwrap() / 2.0,
        );
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            let p = json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 });
            self.call("Input.dispatchMouseEvent", p);
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    /// Press and release Space (the view's play/pause and caption key).
    fn press_space(&mut self) {
        for kind in ["keyDown", "keyUp"] {
            let p = json!({ "type": kind, "key": " ", "code": "Space", "windowsVirtualKeyCode": 32, "text": " " });
            self.call("Input.dispatchKeyEvent", p);
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    fn screenshot(&mut self) -> Shot {
        let r = self.call("Page.captureScreenshot", json!({ "format": "png" }));
        let bytes =
            base64::engine::general_purpose::STANDARD.decode(r["data"].as_str().expect("data")).expect("base64");
        Shot::from_png(&bytes)
    }
}

/// The one file in `dir` whose name ends with `suffix`, once its download has finished.
fn downloaded(dir: &Path, suffix: &str) -> PathBuf {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let found = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.to_string_lossy().ends_with(suffix));
        if let Some(p) = found {
            return p;
        }
        assert!(Instant::now() < deadline, "no *{suffix} downloaded into {}", dir.display());
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// A CSV's header and rows as cells (the files compared hold numbers and plain words only).
fn csv_table(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut lines = text.lines();
    let split = |l: &str| l.split(',').map(str::to_string).collect::<Vec<_>>();
    let header = split(lines.next().expect("a header"));
    (header, lines.map(split).collect())
}

#[test]
fn the_page_runs_the_baseline_in_headless_chromium_and_its_session_replays_headless_to_the_byte() {
    build_page();
    let (_server, port) = serve();
    let mut browser = Browser::launch();
    browser.viewport(1600, 900);
    let downloads = TempDir::new("downloads");
    browser.call("Page.setDownloadBehavior", json!({ "behavior": "allow", "downloadPath": downloads.0 }));
    browser.call("Page.navigate", json!({ "url": format!("http://127.0.0.1:{port}/?speed=40&narration=0") }));

    // The model runs in the page; the facilitator realigns the accounts twice, then pauses.
    let s = browser.wait_for("26 weeks in the page", 600, |s| s["week"].as_u64().unwrap_or(0) >= 26);
    assert_eq!(s["scenario"], "baseline");
    browser.click("realign");
    browser.wait_for("the first realignment recorded", 120, |s| s["actions"] == 1);
    let first = browser.status()["week"].as_u64().unwrap();
    browser.wait_for("ten more weeks", 300, |s| s["week"].as_u64().unwrap_or(0) >= first + 10);
    browser.click("realign");
    browser.wait_for("the second realignment recorded", 120, |s| s["actions"] == 2);
    browser.wait_for("week 70", 300, |s| s["week"].as_u64().unwrap_or(0) >= 70);
    browser.click("play");
    let paused = browser.wait_for("the pause", 120, |s| s["playing"] == false);
    let frame_ms = paused["frame_ms_mean"].as_f64().unwrap();
    eprintln!(
        "browser: {} active customers, frame time {frame_ms:.1} ms under software WebGL at 1600x900",
        paused["customers_active"]
    );

    // The view on screen passes the desktop view's pixel checks.
    let shot = browser.screenshot();
    assert_eq!((shot.width, shot.height), (1600, 900), "screenshot size");
    shot.assert_map_legend_and_charts(&DESKTOP);

    // The view's own screenshot (S, or its button) comes down as a PNG of the whole canvas.
    browser.click("screenshot");
    let saved = Shot::load(&downloaded(&downloads.0, ".png"));
    assert_eq!((saved.width, saved.height), (1600, 900), "the downloaded screenshot's size");
    saved.assert_map_legend_and_charts(&DESKTOP);

    // The session and the chart series come down as downloads.
    browser.click("session");
    let session = downloaded(&downloads.0, ".ron");
    browser.click("chart_csv");
    let series = downloaded(&downloads.0, "-series.csv");
    let weeks = paused["week"].as_u64().unwrap() as usize;
    let recorded = salesim::session::Session::load(&session).expect("a session file");
    assert_eq!(recorded.scenario, "scenarios/baseline.ron");
    assert_eq!(recorded.actions.len(), 2, "both realignments recorded: {recorded:?}");
    let at: Vec<u64> = recorded.actions.iter().map(|a| a.week as u64).collect();
    assert!(at[0] >= 26 && at[0] <= first && at[1] >= at[0] + 10, "the realignments' weeks: {at:?}");

    // Replayed headless, the session gives the page's weeks cell for cell.
    let out = downloads.0.join("replay");
    let run = Command::new(env!("CARGO_BIN_EXE_salesim"))
        .args(["run", "scenarios/baseline.ron", "--quiet", "--actions"])
        .arg(&session)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success(), "replay failed: {}", String::from_utf8_lossy(&run.stderr));
    let (page_header, page_rows) = csv_table(&std::fs::read_to_string(&series).unwrap());
    let (run_header, run_rows) = csv_table(&std::fs::read_to_string(out.join("timeseries.csv")).unwrap());
    assert_eq!(page_rows.len(), weeks, "the page's series covers every week it ran");
    let shared: Vec<(usize, usize)> = page_header
        .iter()
        .enumerate()
        .filter_map(|(i, name)| run_header.iter().position(|n| n == name).map(|j| (i, j)))
        .collect();
    assert!(shared.len() >= 20, "the series and timeseries.csv share their columns: {page_header:?}");
    for (week, (p, r)) in page_rows.iter().zip(&run_rows).enumerate() {
        for &(i, j) in &shared {
            assert_eq!(p[i], r[j], "week {week}, column {}: page and headless replay differ", page_header[i]);
        }
    }

    // A scenario file opened from the computer: a bad one is refused naming its line and field,
    // a good one becomes the run.
    browser.eval("window.salesim.openScenario('broken.ron', '(name: \"x\", weeks: -3)')");
    let refused = browser.wait_for("the refusal", 60, |s| s["notice"].as_str().unwrap_or("").contains("not loaded"));
    assert!(refused["notice"].as_str().unwrap().contains("broken.ron:1:"), "{refused}");
    let text = std::fs::read_to_string("scenarios/remedy_crm.ron").unwrap();
    browser.eval(&format!("window.salesim.openScenario('my_crm.ron', {})", json!(text)));
    browser.wait_for("the opened scenario", 60, |s| s["scenario"] == "remedy_crm");

    // Twin mode in the page: a copy of A as B, both maps drawn side by side.
    browser.click("twin_start");
    browser.wait_for("the twin", 60, |s| s["twin"] == "remedy_crm");
    browser.click("play");
    browser.wait_for("the twin's first weeks", 300, |s| {
        s["twin"] == "remedy_crm" && s["week"].as_u64().unwrap_or(0) >= 20
    });
    let shot = browser.screenshot();
    let (map, _, _) = shot.areas(&DESKTOP);
    let mid = (map.0 + map.2) / 2;
    let dots = |side| {
        shot.count(salesim::live::palette::LOYAL_TO_REP, side, 6)
            + shot.count(salesim::live::palette::LOYAL_TO_COMPANY, side, 6)
    };
    assert!(dots((map.0, map.1, mid, map.3)) > 300, "world A's map is empty in twin mode");
    assert!(dots((mid, map.1, map.2, map.3)) > 300, "world B's map is empty in twin mode");

    // The inspector, opened on a rep from the address (as `demo --inspect`), covers the top left
    // of the map with its window.
    browser.call(
        "Page.navigate",
        json!({ "url": format!("http://127.0.0.1:{port}/?inspect=rep:3&narration=0&speed=40") }),
    );
    browser.wait_for("the inspected run's first weeks", 300, |s| s["week"].as_u64().unwrap_or(0) >= 10);
    let shot = browser.screenshot();
    let (map, _, _) = shot.areas(&DESKTOP);
    let window = (map.0 + 16, map.1 + 12, map.0 + 560, map.1 + 400);
    assert!(shot.count([27, 27, 27, 255], window, 0) >= 40_000, "no inspector window over the map");

    // Narration: the story's first caption pauses the run; Space dismisses it and the run goes on.
    let story = "scenario=scenarios/medical_device_runaway_pay.ron";
    browser.call("Page.navigate", json!({ "url": format!("http://127.0.0.1:{port}/?{story}") }));
    let s = browser.wait_for("the first caption", 300, |s| !s["caption"].is_null());
    assert_eq!(s["week"], 0, "the first caption is due before week 0 runs: {s}");
    assert!(s["caption"].as_str().unwrap().contains("4% of all their revenue"), "{s}");
    browser.wait_for("the canvas to have focus", 60, |s| s["frames"].as_u64().unwrap_or(0) > 30);
    browser.press_space();
    browser.wait_for("the run to resume after the caption", 120, |s| {
        s["caption"].is_null() && s["week"].as_u64().unwrap_or(0) >= 3
    });

    // Projector mode at 1920x1080: every text at least 24 px, no event labels overlapping.
    browser.viewport(1920, 1080);
    browser.call("Page.navigate", json!({ "url": format!("http://127.0.0.1:{port}/?scenario=scenarios/medical_device_runaway_pay.ron&speed=200&narration=0") }));
    browser.wait_for("the story's competitor entry", 900, |s| s["week"].as_u64().unwrap_or(0) >= 450);
    browser.click("projector");
    let s = browser.wait_for("projector mode", 120, |s| {
        s["projector"] == true && s["smallest_text_px"].as_f64().unwrap_or(0.0) >= 20.0
    });
    let shot = browser.screenshot();
    assert_eq!((shot.width, shot.height), (1920, 1080), "screenshot size");
    shot.assert_map_legend_and_charts(&PROJECTOR);
    let s = browser.wait_for("a settled frame", 60, |t| t["frames"].as_u64() > s["frames"].as_u64());
    assert!(s["smallest_text_px"].as_f64().unwrap() >= 24.0, "text under 24 px in projector mode: {s}");
    assert!(s["event_labels"].as_u64().unwrap() >= 3, "the story's events are labelled: {s}");
    assert_eq!(s["overlapping_labels"], 0, "event labels overlap: {s}");

    // Hovering over an event label paints its whole text (labels are abbreviated to fit).
    browser.click("play");
    let s = browser.wait_for("the run to pause", 60, |s| s["playing"] == false);
    let label = s["labels"].as_array().and_then(|l| l.first()).cloned().expect("a label");
    let corner = |i: usize| label["box"][i].as_f64().unwrap();
    let (left, top, right, bottom) = (corner(0), corner(1), corner(2), corner(3));
    let mut shown = None;
    // A label hangs to one side of its marker's week line: try its left end, then its right.
    for x in [left + 3.0, right - 3.0] {
        let at = json!({ "type": "mouseMoved", "x": x, "y": (top + bottom) / 2.0 });
        browser.call("Input.dispatchMouseEvent", at);
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while shown.is_none() && std::time::Instant::now() < deadline {
            shown = browser.status()["chart_hover"].as_str().map(str::to_string);
            std::thread::sleep(Duration::from_millis(200));
        }
        if shown.is_some() {
            break;
        }
    }
    let shown = shown.unwrap_or_else(|| panic!("no full text painted over the label {label}"));
    let text = label["text"].as_str().unwrap().trim_end_matches('…');
    assert!(shown.starts_with("week ") && shown.contains(text), "hover shows `{shown}` over the label `{text}`");
    assert!(shown.len() >= text.len() + "week 1: ".len(), "the hover text is the whole text: {shown}");

    // An industry runs in the page too (on one thread), each firm in its colour on the map.
    browser.viewport(1600, 900);
    let industry = "scenario=scenarios/industry_pay_race.ron&speed=200&narration=0";
    browser.call("Page.navigate", json!({ "url": format!("http://127.0.0.1:{port}/?{industry}") }));
    browser.wait_for("the industry's year 1", 600, |s| {
        s["scenario"] == "industry_pay_race" && s["week"].as_u64().unwrap_or(0) >= 52
    });
    let shot = browser.screenshot();
    shot.assert_map_legend_and_charts(&DESKTOP);
    let (map, _, _) = shot.areas(&DESKTOP);
    for (j, name) in ["Apex", "Borealis"].iter().enumerate() {
        let colour = salesim::live::palette::firm(j, 255);
        assert!(shot.count(colour, map, 10) > 150, "{name}'s colour is not on the page's map");
    }
}
