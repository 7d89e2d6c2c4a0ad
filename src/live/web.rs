//! The browser build's bridge to its page (`web/index.html`): the page's options, loading the
//! scenario files the facilitator opens (`page.rs` keeps them), and what the page (and its test)
//! can read back: the week, frame times, legibility, where the main buttons are, and the recorded
//! session.

use super::actions::LiveAction;
use super::clock::Playback;
use super::host::LiveSim;
use super::ui::legibility::Legibility;
use super::ui::projector::Projector;
use bevy::prelude::*;
use bevy_egui::EguiContexts;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Defined by the page: the page address's query string (`?scenario=…&projector=1…`).
    #[wasm_bindgen(js_name = salesimQuery)]
    fn salesim_query() -> String;
}

thread_local! {
    static STATUS: RefCell<String> = const { RefCell::new(String::new()) };
    static SESSION: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The view's state as JSON: week, playing, frames and their mean time, projector mode,
/// legibility, the facilitator's last notice and the main buttons' boxes (CSS pixels).
#[wasm_bindgen]
pub fn status() -> String {
    STATUS.with(|s| s.borrow().clone())
}

/// The session recorded so far, as the RON a session file holds.
#[wasm_bindgen]
pub fn session() -> String {
    SESSION.with(|s| s.borrow().clone())
}

/// The page's options, from its query string.
pub struct PageOptions {
    pub scenario: String,
    pub speed: f64,
    pub projector: bool,
    pub narrate: bool,
    pub overrides: Vec<String>,
    /// Open the inspector on `rep:ID` or `customer:ID` from the start (as `demo --inspect`).
    pub inspect: Option<super::hover::Pick>,
}

/// A query value decoded (`+` is a space, `%XX` a byte).
fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(&s.replace('+', " ")).decode_utf8_lossy().into_owned()
}

impl PageOptions {
    /// Read `scenario`, `speed`, `projector`, `narration` and repeated `set` from the query.
    pub fn from_query() -> Self {
        let mut o = PageOptions {
            scenario: "scenarios/baseline.ron".into(),
            speed: 10.0,
            projector: false,
            narrate: true,
            overrides: Vec::new(),
            inspect: None,
        };
        let query = salesim_query();
        for pair in query.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = decode(v);
            match k {
                "scenario" => o.scenario = v,
                "speed" => o.speed = v.parse().unwrap_or(o.speed),
                "projector" => o.projector = v != "0",
                "narration" => o.narrate = v != "0",
                "set" => o.overrides.push(v),
                "inspect" => {
                    o.inspect = match v.split_once(':').map(|(k, id)| (k, id.parse::<u32>())) {
                        Some(("rep", Ok(id))) => Some(super::hover::Pick::Rep(id)),
                        Some(("customer", Ok(id))) => Some(super::hover::Pick::Customer(id)),
                        _ => {
                            warn!("inspect=`{v}` is not rep:ID or customer:ID");
                            None
                        }
                    }
                }
                _ => warn!("unknown page option `{k}`"),
            }
        }
        o
    }
}

/// Load files the page opened (as world A, exactly as the picker's Load does).
fn load_opened_files(mut actions: MessageWriter<LiveAction>) {
    for name in super::page::take_opened() {
        actions.write(LiveAction::Load(name.into()));
    }
}

/// Frame times kept for the status's mean.
const FRAME_WINDOW: usize = 120;

/// Publish the status (and the session when it changed) for the page.
fn publish_status(
    time: Res<Time<Real>>,
    live: Res<LiveSim>,
    playback: Res<Playback>,
    projector: Res<Projector>,
    legibility: Res<Legibility>,
    mut contexts: EguiContexts,
    mut frames: Local<(u64, std::collections::VecDeque<f64>)>,
    mut recorded: Local<Option<(u32, usize)>>,
) -> Result {
    let (count, times) = &mut *frames;
    *count += 1;
    times.push_back(time.delta_secs_f64() * 1e3);
    if times.len() > FRAME_WINDOW {
        times.pop_front();
    }
    let mean = times.iter().sum::<f64>() / times.len().max(1) as f64;
    let ctx = contexts.ctx_mut()?;
    let buttons: serde_json::Map<String, serde_json::Value> = super::ui::widgets::rects(ctx)
        .into_iter()
        .map(|(name, r)| (name.to_string(), serde_json::json!([r.min.x, r.min.y, r.width(), r.height()])))
        .collect();
    let a = &live.a;
    let json = serde_json::json!({
        "scenario": a.scenario.name,
        "twin": live.b.as_ref().map(|b| b.scenario.name.clone()),
        "week": a.week(),
        "finished": a.finished(),
        "playing": playback.playing,
        "customers_active": a.shown().snapshot.customers.iter().filter(|c| c.active).count(),
        "frames": *count,
        "frame_ms_mean": mean,
        "projector": projector.0,
        "smallest_text_px": legibility.smallest_text_px,
        "event_labels": legibility.event_labels.len(),
        "overlapping_labels": legibility.overlapping_labels(),
        // Each label's box in CSS pixels and its text, and the full text hovering shows.
        "labels": legibility.event_labels.iter().map(|l| {
            let [x0, y0, x1, y1] = l.rect.map(|v| v / ctx.pixels_per_point());
            serde_json::json!({ "box": [x0, y0, x1, y1], "text": l.text })
        }).collect::<Vec<_>>(),
        "chart_hover": legibility.chart_hover,
        "notice": live.notice,
        "caption": live.caption.as_ref().map(|c| c.text.clone()),
        "actions": live.recorder.session.actions.len(),
        "buttons": buttons,
    });
    STATUS.with(|s| *s.borrow_mut() = json.to_string());
    let key = (live.generation, live.recorder.session.actions.len());
    if *recorded != Some(key) {
        *recorded = Some(key);
        let text = live.recorder.session.to_ron().unwrap_or_default();
        SESSION.with(|s| *s.borrow_mut() = text);
    }
    Ok(())
}

/// The page bridge's systems.
pub struct WebBridgePlugin;

impl Plugin for WebBridgePlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Update, load_opened_files.in_set(super::ViewSet::Input)).add_systems(Last, publish_status);
    }
}

/// Start the view in the page's canvas (`#salesim`) on the scenario its query names.
pub fn run() {
    let page = PageOptions::from_query();
    let path = std::path::PathBuf::from(&page.scenario);
    let scenario = match super::files::load_scenario(&path) {
        Ok(s) => s,
        Err(message) => {
            error!("{message}");
            STATUS.with(|s| *s.borrow_mut() = serde_json::json!({ "error": message }).to_string());
            return;
        }
    };
    let mut logic = super::LiveLogicPlugin::new(scenario.clone(), path);
    logic.speed = page.speed;
    logic.narrate = page.narrate;
    logic.overrides = page.overrides;
    let window = Window {
        title: format!("salesim: {} (workshop view)", scenario.name),
        canvas: Some("#salesim".into()),
        fit_canvas_to_parent: true,
        prevent_default_event_handling: true,
        ..default()
    };
    let opts = super::DemoOptions {
        logic,
        frames: None,
        screenshot: None,
        inspect: page.inspect,
        size: (1600, 900),
        projector: page.projector,
    };
    super::app(opts, window).add_plugins(WebBridgePlugin).run();
}
