//! The live view's logic without rendering: the control panel's actions against the timeline,
//! pausing, and playback speed. Runs the view's non-render plugin under `MinimalPlugins`.
#![cfg(feature = "live")]

use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;
use salesim::live::LiveLogicPlugin;
use salesim::live::actions::LiveAction;
use salesim::live::host::LiveSim;
use salesim::scenario::{Event, TimedEvent};
use salesim::sim::observe::events::Cause;
use salesim::sim::observe::events::{EventKind, EventRecord};
use salesim::sim::observe::metrics::TimeseriesRow;
use salesim::{Scenario, Simulation};
use std::time::Duration;

fn scenario(weeks: u32) -> Scenario {
    let mut s = salesim::scenario::load::load_file("scenarios/baseline.ron".as_ref()).expect("baseline loads");
    s.weeks = weeks;
    s.timeline.retain(|e| e.week < weeks);
    s
}

/// A view app at `speed` weeks per second and 32 frames per (simulated) second (exact in binary).
fn view(s: Scenario, speed: f64) -> App {
    let mut app = App::new();
    app.add_plugins(MinimalPlugins);
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_micros(31_250)));
    let mut logic = LiveLogicPlugin::new(s, "scenarios/baseline.ron");
    logic.speed = speed;
    app.add_plugins(logic);
    app
}

fn week(app: &App) -> u32 {
    app.world().resource::<LiveSim>().a.sim.week()
}

fn run_until(app: &mut App, week_reached: u32) {
    for _ in 0..100_000 {
        if week(app) >= week_reached {
            return;
        }
        app.update();
    }
    panic!("week {week_reached} never reached");
}

fn headless(s: Scenario) -> (Vec<TimeseriesRow>, Vec<EventRecord>) {
    let mut sim = Simulation::new(s);
    let (mut rows, mut events) = (Vec::new(), Vec::new());
    while sim.step() {
        let out = sim.drain();
        rows.extend(out.timeseries);
        events.extend(out.events);
    }
    (rows, events)
}

#[test]
fn a_policy_change_from_the_control_panel_equals_the_same_change_in_the_timeline() {
    let change = Event::Set { path: "pay.commission_rate".into(), value: "0.03".into() };
    let mut app = view(scenario(160), 32.0);
    run_until(&mut app, 60);
    assert_eq!(week(&app), 60, "one week per frame at 32 weeks/s and 32 frames/s");
    app.world_mut().write_message(LiveAction::Apply(change.clone()));
    run_until(&mut app, 160);
    let live = app.world().resource::<LiveSim>();

    let mut timed = scenario(160);
    timed.timeline.push(TimedEvent { week: 60, event: change });
    let (rows, events) = headless(timed);
    let (plain_rows, _) = headless(scenario(160));

    assert_eq!(live.a.series.rows, rows, "the weekly metrics differ from the timeline run");
    assert_ne!(rows, plain_rows, "the change had no effect, so the test proves nothing");
    assert_eq!(live.a.log.events.len(), events.len());
    for (a, b) in live.a.log.events.iter().zip(&events) {
        if a.kind == EventKind::PolicyChange {
            // The only difference: the log says where the change came from.
            assert_eq!((a.week, a.cause, b.cause), (60, Cause::Live, Cause::Timeline));
            assert_eq!(a.detail, b.detail);
        } else {
            assert_eq!(a, b);
        }
    }
    assert!(live.a.series.markers.iter().any(|m| m.week == 60), "the change is marked on the charts");
}

#[test]
fn pausing_stops_ticks_and_a_step_runs_exactly_one_week() {
    let mut app = view(scenario(200), 32.0);
    run_until(&mut app, 10);
    app.world_mut().write_message(LiveAction::SetPlaying(false));
    app.update();
    let paused_at = week(&app);
    for _ in 0..90 {
        app.update();
    }
    assert_eq!(week(&app), paused_at, "weeks ran while paused");
    app.world_mut().write_message(LiveAction::Step);
    app.update();
    app.update();
    assert_eq!(week(&app), paused_at + 1);
    app.world_mut().write_message(LiveAction::TogglePlay);
    for _ in 0..30 {
        app.update();
    }
    assert!(week(&app) >= paused_at + 25, "playing again resumes at speed");
}

#[test]
fn speed_changes_the_weeks_per_second_not_the_model() {
    let mut slow = view(scenario(200), 16.0);
    let mut fast = view(scenario(200), 64.0);
    for _ in 0..64 {
        slow.update();
        fast.update();
    }
    let (ws, wf) = (week(&slow), week(&fast));
    assert!((31..=32).contains(&ws), "16 weeks/s for 2 s ran {ws} weeks");
    assert!((126..=128).contains(&wf), "64 weeks/s for 2 s ran {wf} weeks");
    fast.world_mut().write_message(LiveAction::SetSpeed(200.0));
    run_until(&mut fast, 200);
    run_until(&mut slow, 200);
    let (a, b) = (slow.world().resource::<LiveSim>(), fast.world().resource::<LiveSim>());
    assert_eq!(a.a.series.rows, b.a.series.rows);
    assert_eq!(a.a.log.events, b.a.log.events);
}
