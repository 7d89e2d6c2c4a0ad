//! Workshop sessions, twins and narration through the live view's own action path (no
//! rendering): a recorded session replays headless to the byte and live to the event; twin
//! worlds on the same seed match until a policy separates them; captions pause the run.
#![cfg(feature = "live")]

use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;
use salesim::Scenario;
use salesim::live::LiveLogicPlugin;
use salesim::live::actions::LiveAction;
use salesim::live::host::LiveSim;
use salesim::scenario::{Caption, Event, OwnershipModel};
use salesim::session::Target;
use salesim::sim::observe::events::{Cause, EventKind};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const WEEKS: u32 = 130;

fn scenario() -> Scenario {
    let mut s = salesim::scenario::load::load_file("scenarios/baseline.ron".as_ref()).expect("baseline loads");
    s.weeks = WEEKS;
    s.timeline.retain(|e| e.week < WEEKS);
    s
}

/// A view app at 32 weeks per second and 32 frames per second: one week per frame.
fn view(logic: LiveLogicPlugin) -> App {
    let mut app = App::new();
    app.add_plugins(MinimalPlugins);
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_micros(31_250)));
    app.add_plugins(LiveLogicPlugin { speed: 32.0, ..logic });
    app
}

fn live(app: &App) -> &LiveSim {
    app.world().resource::<LiveSim>()
}

fn run_until(app: &mut App, week: u32) {
    for _ in 0..100_000 {
        if live(app).a.week() >= week || live(app).a.finished() {
            return;
        }
        app.update();
    }
    panic!("week {week} never reached");
}

fn act(app: &mut App, action: LiveAction) {
    app.world_mut().write_message(action);
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("salesim-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Drive a workshop: a commission cut, a competitor, an ownership change and a realignment.
fn facilitate(app: &mut App) {
    let steps: [(u32, Event); 4] = [
        (20, Event::Set { path: "pay.commission_rate".into(), value: "0.03".into() }),
        (45, Event::CompetitorEntry("Rival".into())),
        (70, Event::SetOwnership(OwnershipModel::Multiplexed { rebalance_weeks: 13 })),
        (90, Event::Realignment),
    ];
    for (week, event) in steps {
        run_until(app, week);
        act(app, LiveAction::Apply(event));
    }
    run_until(app, WEEKS);
}

fn read(dir: &Path, file: &str) -> Vec<u8> {
    std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{}: {e}", dir.join(file).display()))
}

#[test]
fn a_session_driven_through_the_live_view_replays_headless_byte_for_byte() {
    let dir = temp_dir("session-replay");
    let mut app = view(LiveLogicPlugin::new(scenario(), "scenarios/baseline.ron"));
    facilitate(&mut app);
    let live = live(&app);
    assert_eq!(live.recorder.session.actions.len(), 4, "every action is recorded");
    let session_file = dir.join("session.ron");
    live.recorder.session.save(&session_file).unwrap();
    let live_out = dir.join("live");
    live.a.save_outputs(&live_out).unwrap();

    let headless = dir.join("headless");
    let status = Command::new(env!("CARGO_BIN_EXE_salesim"))
        .args(["run", "scenarios/baseline.ron", "--quiet", "--weeks", &WEEKS.to_string()])
        .arg("--actions")
        .arg(&session_file)
        .arg("--out")
        .arg(&headless)
        .status()
        .unwrap();
    assert!(status.success());
    for file in ["timeseries.csv", "events.csv", "reps.csv", "accounts.csv", "summary.json"] {
        assert!(
            read(&live_out, file) == read(&headless, file),
            "{file} differs between the live session and its replay"
        );
    }
    let events = String::from_utf8(read(&headless, "events.csv")).unwrap();
    assert_eq!(events.lines().filter(|l| l.contains(",live,")).count(), 4, "the replay logs the four live actions");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_session_replayed_live_applies_each_action_at_its_week() {
    let mut first = view(LiveLogicPlugin::new(scenario(), "scenarios/baseline.ron"));
    facilitate(&mut first);
    let session = live(&first).recorder.session.clone();
    let mut logic = LiveLogicPlugin::new(scenario(), "scenarios/baseline.ron");
    logic.replay = Some(session.clone());
    let mut replay = view(logic);
    run_until(&mut replay, WEEKS);
    assert_eq!(live(&replay).a.shown().log.events, live(&first).a.shown().log.events);
    assert_eq!(live(&replay).recorder.session.actions, session.actions, "the replay records the same session");
}

fn twin(b: &str) -> App {
    let mut logic = LiveLogicPlugin::new(scenario(), "scenarios/baseline.ron");
    logic.twin = Some(b.into());
    view(logic)
}

#[test]
fn a_twin_identical_to_a_has_identical_series() {
    let mut app = twin("scenarios/baseline.ron");
    run_until(&mut app, WEEKS);
    let live = live(&app);
    let b = live.b.as_ref().expect("twin mode");
    assert_eq!(live.a.shown().log.timeseries.len(), WEEKS as usize);
    assert_eq!(live.a.shown().log.timeseries, b.shown().log.timeseries);
    assert_eq!(live.a.shown().log.events, b.shown().log.events);
    assert_eq!(live.a.shown().series.markers, b.shown().series.markers);
    assert_eq!((live.gap.lost_under_b_kept_by_a, live.gap.revenue_gap), (0, 0.0));
}

#[test]
fn a_twin_changed_only_from_week_w_matches_a_before_w() {
    const W: u32 = 40;
    // "Compare with… a copy of A", pressed a few weeks in: both worlds restart from week 0.
    let mut app = view(LiveLogicPlugin::new(scenario(), "scenarios/baseline.ron"));
    run_until(&mut app, 5);
    act(&mut app, LiveAction::Twin(None));
    app.update();
    assert!(live(&app).b.is_some() && live(&app).a.week() <= 1, "the twin did not start from week 0");
    run_until(&mut app, W);
    act(&mut app, LiveAction::SetTarget(Target::B));
    act(&mut app, LiveAction::Apply(Event::SetOwnership(OwnershipModel::Multiplexed { rebalance_weeks: 13 })));
    act(&mut app, LiveAction::Apply(Event::CompetitorEntry("Rival".into())));
    run_until(&mut app, WEEKS);
    let live = live(&app);
    let (a, b) = (&live.a.shown().log, &live.b.as_ref().expect("twin mode").shown().log);
    let before = |rows: &[salesim::sim::observe::metrics::TimeseriesRow]| rows[..W as usize].to_vec();
    assert_eq!(before(&a.timeseries), before(&b.timeseries), "A and B differ before week {W}");
    let early = |e: &&salesim::sim::observe::events::EventRecord| e.week < W;
    assert!(a.events.iter().filter(early).eq(b.events.iter().filter(early)));
    assert_ne!(a.timeseries[W as usize..], b.timeseries[W as usize..], "the change to B had no effect");
    assert!(
        b.events.iter().any(|e| e.kind == EventKind::CompetitorEntry && e.week == W),
        "the change was applied to B at week {W}"
    );
    assert!(!a.events.iter().any(|e| e.cause == Cause::Live), "A was changed though only B was targeted");
    assert!(live.gap.lost_under_b_kept_by_a > 0, "B, with a rival in the market, keeps every customer A kept");
}

#[test]
fn a_caption_pauses_the_run_until_the_facilitator_continues() {
    let mut s = scenario();
    s.narration = vec![Caption { week: 12, text: "A competitor enters.".into() }];
    let mut app = view(LiveLogicPlugin::new(s, "scenarios/baseline.ron"));
    run_until(&mut app, 12);
    for _ in 0..20 {
        app.update();
    }
    assert_eq!(live(&app).a.week(), 12, "the run went on past the caption");
    assert_eq!(live(&app).caption.as_ref().map(|c| c.text.as_str()), Some("A competitor enters."));
    act(&mut app, LiveAction::TogglePlay);
    for _ in 0..10 {
        app.update();
    }
    assert!(live(&app).caption.is_none());
    assert!(live(&app).a.week() >= 20, "the run did not resume after the caption");
}
