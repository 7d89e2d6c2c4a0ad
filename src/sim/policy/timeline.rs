//! Mechanism 1: timeline events, policy changes and live actions, applied at the start of a week.

use crate::scenario::{Event, params};
use crate::sim::components::{Account, AccountFile, Competitor};
use crate::sim::deals::Pipeline;
use crate::sim::observe::events::Cause;
use crate::sim::observe::events::{EventKind, EventLog};
use crate::sim::resources::*;
use bevy::prelude::*;

/// Start the week: clear the tallies, apply this week's timeline events and any queued live
/// actions (in that order), and request a scheduled realignment if one is due.
pub(crate) fn apply_timeline_events(world: &mut World) {
    *world.resource_mut::<WeekTally>() = WeekTally::default();
    let week = world.resource::<Clock>().week;
    let mut due: Vec<(Event, Cause)> = world
        .resource::<Params>()
        .0
        .timeline
        .iter()
        .filter(|te| te.week == week)
        .map(|te| (te.event.clone(), Cause::Timeline))
        .collect();
    due.extend(std::mem::take(&mut world.resource_mut::<PendingEvents>().0).into_iter().map(|e| (e, Cause::Live)));
    for (event, source) in due {
        apply_event(world, week, &event, source);
    }
    let every = world.resource::<Params>().0.ownership.model.rebalance_every();
    if let Some(n) = every {
        if week > 0 && week % n == 0 {
            let mut req = world.resource_mut::<RealignmentRequest>();
            if !req.requested {
                req.requested = true;
                req.cause = Cause::Scheduled;
            }
        }
    }
}

/// Apply `f` to the price sensitivity of every customer in the market: accounts, prospects in the
/// pool and prospects in open deals.
fn shift_price_sensitivity(world: &mut World, mut f: impl FnMut(&mut f64)) {
    let mut q = world.query::<&mut Account>();
    for mut a in q.iter_mut(world) {
        let mut p = a.price_sensitivity as f64;
        f(&mut p);
        a.price_sensitivity = p as f32;
    }
    let mut pool = world.resource_mut::<ProspectPool>();
    let pool = &mut *pool;
    pool.icp.iter_mut().chain(pool.other.iter_mut()).for_each(|p| f(&mut p.price_sensitivity));
    for d in world.resource_mut::<Pipeline>().deals.iter_mut() {
        f(&mut d.prospect.price_sensitivity);
    }
}

/// Apply one event and log it.
pub(crate) fn apply_event(world: &mut World, week: u32, event: &Event, source: Cause) {
    let detail: String;
    let mut kind = event_kind(event);
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
            let mut q = world.query::<(&mut Account, &AccountFile)>();
            for (mut a, f) in q.iter_mut(world) {
                let complex = f.complexity_draw < share;
                if a.complex != complex {
                    a.complex = complex;
                }
            }
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
            shift_price_sensitivity(world, |p| *p = (*p + d).clamp(0.0, 1.0));
            detail = format!("price sensitivity {d:+.2}");
        }
        Event::CrmRollout { retention } => {
            world.resource_mut::<Params>().0.ownership.crm_retention = *retention;
            detail = format!("CRM keeps {:.0}% of account knowledge", retention * 100.0);
        }
        Event::Catalyst(what) => {
            world.resource_mut::<crate::sim::ownership::pushback::ChangeClimate>().catalyst_week = Some(week);
            detail = what.clone();
        }
        Event::HiringFreeze(on) => {
            world.resource_mut::<Params>().0.hiring.freeze = *on;
            detail = if *on { "hiring frozen".into() } else { "hiring resumed".into() };
        }
        Event::Realignment => {
            let mut req = world.resource_mut::<RealignmentRequest>();
            req.requested = true;
            req.planned = true;
            req.cause = Cause::Event;
            detail = "account realignment requested".into();
        }
        Event::SetOwnership(model) => {
            let now = world.resource::<Params>().0.clone();
            let contested = now.ownership.model.reps_own_accounts() && !model.reps_own_accounts();
            let verdict =
                contested.then(|| crate::sim::ownership::pushback::weigh_house_accounts(world, week, &now, *model));
            if let Some(v) = &verdict {
                crate::sim::ownership::verdicts::log_verdict(&mut world.resource_mut::<EventLog>(), week, v);
                world.resource_mut::<crate::sim::ownership::pushback::PendingThreats>().queue(v);
            }
            let to = ron::to_string(model).unwrap_or_default();
            detail = match verdict {
                Some(v) if v.decision == crate::sim::ownership::pushback::Decision::Abandon => {
                    kind = EventKind::OwnershipBlocked;
                    format!(
                        "{}; ownership.model stays as it was, not {to}",
                        crate::sim::ownership::verdicts::objectors(&v)
                    )
                }
                _ => {
                    world.resource_mut::<Params>().0.ownership.model = *model;
                    format!("ownership.model = {to}")
                }
            };
        }
        Event::Set { path, value } => {
            let now = world.resource::<Params>().0.clone();
            let old = params::get(&now, path).unwrap_or_default();
            let mut next = now.clone();
            let set = params::set(&mut next, path, value);
            let contested = set.is_ok() && adds_specialists(&now, &next) && now.ownership.model.reps_own_accounts();
            let verdict =
                contested.then(|| crate::sim::ownership::pushback::weigh_specialists(world, week, &now, &next));
            if let Some(v) = &verdict {
                crate::sim::ownership::verdicts::log_verdict(&mut world.resource_mut::<EventLog>(), week, v);
                world.resource_mut::<crate::sim::ownership::pushback::PendingThreats>().queue(v);
            }
            detail = match (set, verdict) {
                (Ok(()), Some(v)) if v.decision == crate::sim::ownership::pushback::Decision::Abandon => {
                    kind = EventKind::SpecialistsBlocked;
                    format!("{}; {path} stays {old}", crate::sim::ownership::verdicts::objectors(&v))
                }
                (Ok(()), _) => {
                    if next.careers.market_pay != now.careers.market_pay {
                        // A shock to what the rest of the industry pays (`careers/market.rs`).
                        world.resource_mut::<crate::sim::careers::market::LabourMarket>().rest_pay =
                            next.careers.market_pay;
                    }
                    let mut p = world.resource_mut::<Params>();
                    p.0 = next;
                    format!("{path}: {old} -> {}", params::get(&p.0, path).unwrap_or_default())
                }
                (Err(e), _) => format!("ignored: {e}"),
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

/// The log kind of a timeline event (`Event::kind` names it).
pub(crate) fn event_kind(event: &Event) -> EventKind {
    EventKind::parse(event.kind()).expect("every timeline event's kind is an event kind")
}

/// Whether `next` has more technical or service specialists than `now`.
fn adds_specialists(now: &crate::scenario::Scenario, next: &crate::scenario::Scenario) -> bool {
    next.specialists.technical > now.specialists.technical || next.specialists.service > now.specialists.service
}
