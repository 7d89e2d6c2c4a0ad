//! Mechanism 1: timeline events, policy changes and live actions, applied at the start of a week.

use super::TickSet;
use super::components::{Competitor, Customer, Stage};
use super::events::EventLog;
use super::resources::*;
use crate::scenario::{Event, params};
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Tick, apply_timeline_events.in_set(TickSet::Timeline));
}

use super::Tick;

/// Start the week: clear the tallies, apply this week's timeline events and any queued live
/// actions (in that order), and request a scheduled realignment if one is due.
pub fn apply_timeline_events(world: &mut World) {
    *world.resource_mut::<WeekTally>() = WeekTally::default();
    let week = world.resource::<Clock>().week;
    let mut due: Vec<(Event, &'static str)> = world
        .resource::<Params>()
        .0
        .timeline
        .iter()
        .filter(|te| te.week == week)
        .map(|te| (te.event.clone(), "timeline"))
        .collect();
    due.extend(std::mem::take(&mut world.resource_mut::<PendingEvents>().0).into_iter().map(|e| (e, "live")));
    for (event, source) in due {
        apply_event(world, week, &event, source);
    }
    let every = world.resource::<Params>().0.ownership.model.rebalance_every();
    if let Some(n) = every {
        if week > 0 && week % n == 0 {
            let mut req = world.resource_mut::<RealignmentRequest>();
            if !req.requested {
                req.requested = true;
                req.cause = "scheduled";
            }
        }
    }
}

fn for_each_customer(world: &mut World, mut f: impl FnMut(&mut Customer)) {
    let mut q = world.query::<&mut Customer>();
    for mut c in q.iter_mut(world) {
        f(&mut c);
    }
}

/// Apply one event and log it.
pub fn apply_event(world: &mut World, week: u32, event: &Event, source: &'static str) {
    let detail: String;
    let mut kind = event.kind();
    let mut competitor = None;
    match event {
        Event::CompetitorEntry(name) => {
            let mut q = world.query::<&mut Competitor>();
            for mut c in q.iter_mut(world) {
                if &c.name == name && !c.entered {
                    c.entered = true;
                    c.entry_week = week;
                }
            }
            let cut = world
                .resource::<Params>()
                .0
                .competitors
                .iter()
                .find(|c| &c.name == name)
                .map(|c| c.price_cut)
                .unwrap_or(0.0);
            detail = format!("undercuts prices by {:.0}%", cut * 100.0);
            competitor = Some(name.clone());
        }
        Event::ProductBroadening { complex_share } => {
            world.resource_mut::<Params>().0.market.complex_share = *complex_share;
            let share = *complex_share;
            for_each_customer(world, |c| {
                if !matches!(c.stage, Stage::Lost { .. }) {
                    c.complex = c.complexity_draw < share;
                }
            });
            detail = format!("share of customers with complex needs now {share:.2}");
        }
        Event::MarketSaturation { prospect_factor } => {
            let mut m = world.resource_mut::<MarketState>();
            m.pool_reference /= prospect_factor.max(1e-6);
            m.inflow_per_week *= prospect_factor;
            detail = format!("prospect pool and inflow × {prospect_factor}");
        }
        Event::PriceWar { price_cut } => {
            let cut = *price_cut;
            for c in world.resource_mut::<Params>().0.competitors.iter_mut() {
                c.price_cut = c.price_cut.max(cut);
            }
            detail = format!("every competitor undercuts prices by at least {:.0}%", cut * 100.0);
        }
        Event::PriceSensitivityShift { delta } => {
            let d = *delta;
            for_each_customer(world, |c| c.price_sensitivity = (c.price_sensitivity + d).clamp(0.0, 1.0));
            detail = format!("price sensitivity {d:+.2}");
        }
        Event::CrmRollout { retention } => {
            world.resource_mut::<Params>().0.ownership.crm_retention = *retention;
            detail = format!("CRM keeps {:.0}% of account knowledge", retention * 100.0);
        }
        Event::Catalyst(what) => detail = what.clone(),
        Event::HiringFreeze(on) => {
            world.resource_mut::<Params>().0.hiring.freeze = *on;
            detail = if *on { "hiring frozen".into() } else { "hiring resumed".into() };
        }
        Event::Realignment => {
            let mut req = world.resource_mut::<RealignmentRequest>();
            req.requested = true;
            req.cause = "event";
            detail = "account realignment requested".into();
        }
        Event::SetOwnership(model) => {
            world.resource_mut::<Params>().0.ownership.model = *model;
            detail = format!("ownership.model = {}", ron::to_string(model).unwrap_or_default());
        }
        Event::Set { path, value } => {
            let mut p = world.resource_mut::<Params>();
            let old = params::get(&p.0, path).unwrap_or_default();
            let mut next = p.0.clone();
            detail = match params::set(&mut next, path, value) {
                Ok(()) if adds_specialists(&p.0, &next) && p.0.ownership.model.reps_can_block() => {
                    kind = "specialists_blocked";
                    format!("reps refused to share their accounts; {path} stays {old}")
                }
                Ok(()) => {
                    p.0 = next;
                    format!("{path}: {old} -> {}", params::get(&p.0, path).unwrap_or_default())
                }
                Err(e) => format!("ignored: {e}"),
            };
        }
    }
    let mut log = world.resource_mut::<EventLog>();
    let rec = log.push(week, kind);
    rec.cause(source).detail(detail);
    if let Some(name) = competitor {
        rec.competitor(&name);
    }
}

/// Whether `next` has more technical or service specialists than `now`.
fn adds_specialists(now: &crate::scenario::Scenario, next: &crate::scenario::Scenario) -> bool {
    next.specialists.technical > now.specialists.technical || next.specialists.service > now.specialists.service
}
