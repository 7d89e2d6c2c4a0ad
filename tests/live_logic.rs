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
    app.world().resource::<LiveSim>().a.week()
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

    assert_eq!(live.a.shown().series.rows, rows, "the weekly metrics differ from the timeline run");
    assert_ne!(rows, plain_rows, "the change had no effect, so the test proves nothing");
    assert_eq!(live.a.shown().log.events.len(), events.len());
    for (a, b) in live.a.shown().log.events.iter().zip(&events) {
        if a.kind == EventKind::PolicyChange {
            // The only difference: the log says where the change came from.
            assert_eq!((a.week, a.cause, b.cause), (60, Cause::Live, Cause::Timeline));
            assert_eq!(a.detail, b.detail);
        } else {
            assert_eq!(a, b);
        }
    }
    assert!(live.a.shown().series.markers.iter().any(|m| m.week == 60), "the change is marked on the charts");
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
    assert_eq!(a.a.shown().series.rows, b.a.shown().series.rows);
    assert_eq!(a.a.shown().log.events, b.a.shown().log.events);
}

fn industry(weeks: u32) -> Scenario {
    let path = "scenarios/industry_pay_race.ron";
    let mut s = salesim::scenario::load::load_file(path.as_ref()).expect("the industry loads");
    s.weeks = weeks;
    s.timeline.retain(|e| e.week < weeks);
    s
}

fn industry_view(s: Scenario) -> App {
    let mut app = App::new();
    app.add_plugins(MinimalPlugins);
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_micros(31_250)));
    let mut logic = LiveLogicPlugin::new(s, "scenarios/industry_pay_race.ron");
    logic.speed = 32.0;
    app.add_plugins(logic);
    app
}

/// Every firm's weekly rows and events of a headless run with `actions`, by firm.
fn headless_firms(s: Scenario, actions: &[salesim::run::Action]) -> Vec<(Vec<TimeseriesRow>, Vec<EventRecord>)> {
    let mut firms: Vec<(Vec<TimeseriesRow>, Vec<EventRecord>)> = vec![Default::default(); s.firms.len()];
    salesim::run::simulate_with_actions(s, actions, |tick| {
        // The industry's own row follows the firms' each week; the view shows the firms'.
        let Some(f) = firms.get_mut(tick.firm as usize) else { return Ok(()) };
        f.0.extend(tick.timeseries);
        f.1.extend(tick.events);
        Ok::<_, ()>(())
    })
    .expect("the headless industry runs");
    firms
}

#[test]
fn an_industry_in_the_live_view_steps_every_firm_and_shows_the_picked_firm() {
    let change = Event::Set { path: "pay.commission_rate".into(), value: "0.05".into() };
    let mut app = industry_view(industry(40));
    run_until(&mut app, 10);
    app.world_mut().write_message(LiveAction::Apply(change));
    run_until(&mut app, 40);
    let live = app.world().resource::<LiveSim>();
    assert_eq!(live.a.firms.len(), 2, "both firms of the industry are hosted");
    assert_eq!(live.a.shown().name, "Apex", "the first firm is shown by default");
    let actions: Vec<salesim::run::Action> =
        live.recorder.session.actions.iter().map(|a| (a.week, a.event.clone()).into()).collect();
    assert_eq!(actions.len(), 1, "the change was recorded");
    let headless = headless_firms(industry(40), &actions);
    for (firm, (rows, events)) in live.a.firms.iter().zip(&headless) {
        assert_eq!(firm.series.rows.len(), 40, "{} did not step every week", firm.name);
        assert_eq!(&firm.series.rows, rows, "{}'s weeks differ from the headless replay", firm.name);
        let live_kinds: Vec<_> = firm.log.events.iter().map(|e| (e.week, e.kind)).collect();
        let headless_kinds: Vec<_> = events.iter().map(|e| (e.week, e.kind)).collect();
        assert_eq!(live_kinds, headless_kinds, "{}'s events differ from the headless replay", firm.name);
    }

    app.world_mut().write_message(LiveAction::ShowFirm(1));
    app.update();
    let live = app.world().resource::<LiveSim>();
    assert_eq!(live.a.shown().name, "Borealis", "the picker shows the second firm");
    assert_eq!(live.a.shown().series.rows[..40], headless[1].0[..40], "the charts follow the picked firm");
    let ids = |f: &salesim::live::world::FirmRun| f.snapshot.customers.iter().map(|c| c.id).collect::<Vec<_>>();
    assert_eq!(ids(live.a.shown()), ids(&live.a.firms[1]), "the map draws the picked firm");
    assert_ne!(ids(&live.a.firms[0]), ids(&live.a.firms[1]));
}

#[test]
fn moves_between_firms_are_counted_from_the_joined_and_came_over_events() {
    let mut app = industry_view(industry(120));
    run_until(&mut app, 120);
    let live = app.world().resource::<LiveSim>();
    let counted: u32 = live.a.rivalry.cumulative.last().expect("weeks absorbed").iter().sum();
    let logged = live.a.firms.iter().flat_map(|f| &f.log.events);
    let moves = logged.filter(|e| matches!(e.kind, EventKind::Joined | EventKind::CameOver)).count() as u32;
    assert!(moves > 0, "nothing moved between the firms in 120 weeks, so the test proves nothing");
    assert_eq!(counted, moves, "every rep who joined and customer who came over is one move");
    let pairs: u32 = live.a.rivalry.totals.values().flatten().sum();
    assert_eq!(pairs, moves, "the moves by pair of firms add up to the total");
    assert_eq!(live.a.rivalry.firm_pay.iter().map(Vec::len).collect::<Vec<_>>(), [120, 120], "each firm's pay line");
}

#[test]
fn bond_history_of_a_rival_firms_customer_does_not_allocate_by_id() {
    let mut app = industry_view(industry(12));
    run_until(&mut app, 12);
    let live = app.world().resource::<LiveSim>();
    let rival = &live.a.firms[1];
    let customer =
        rival.snapshot.customers.iter().find(|c| c.active && c.won_week <= 0).expect("the rival has customers");
    assert!(customer.id >= 400_000_000, "the second firm numbers its customers from 400,000,000");
    let history = rival.bonds.of(customer.id);
    assert_eq!(history.len(), 6, "sampled every 2 weeks over 12 weeks: {history:?}");
    let known = rival.snapshot.customers.len() + 5_000;
    assert!(rival.bonds.customers() <= known, "{} histories for {known} customers", rival.bonds.customers());
}
