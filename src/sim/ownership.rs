//! Mechanism 10: ownership policy in force (exclusive, multiplexed, hybrid house accounts),
//! hand-over of unowned accounts, and realignment or rebalancing of overloaded books.

use super::closing::Closing;
use super::components::*;
use super::effort::need_hours;
use super::events::EventLog;
use super::resources::*;
use super::{Tick, TickSet};
use crate::scenario::OwnershipModel;
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Tick, (sync_company_ownership, realign_accounts).chain().in_set(TickSet::Ownership));
}

/// Mark accounts company-owned or rep-owned as the model in force says (hybrid: by company tenure).
pub fn sync_company_ownership(
    params: Res<Params>,
    clock: Res<Clock>,
    mut last: Local<Option<OwnershipModel>>,
    mut customers: Query<&mut Bonds, With<ActiveAccount>>,
) {
    let model = params.0.ownership.model;
    // New accounts start right for the model in force; only tenure (hybrid) or a new model moves them.
    if *last == Some(model) && !matches!(model, OwnershipModel::Hybrid { .. }) {
        return;
    }
    *last = Some(model);
    for mut b in &mut customers {
        let years = (clock.week as i32 - b.won_week).max(0) as f64 / 52.0;
        let owned = model.company_owned(years);
        if b.company_owned != owned {
            b.company_owned = owned;
        }
    }
}

/// One rep's load as the realignment sees it.
struct RepLoad {
    id: u32,
    /// Weekly coverage hours its accounts need.
    need: f64,
    revenue: f64,
    /// Productivity (skill × ramp): how much one of its hours covers.
    capacity: f64,
}

impl RepLoad {
    fn utilisation(&self) -> f64 {
        self.need / self.capacity
    }
}

/// One account as the realignment sees it.
struct Slot {
    entity: Entity,
    id: u32,
    owner: Option<u32>,
    need: f64,
    loyalty_rep: f64,
    revenue: f64,
    movable: bool,
}

/// Give unowned accounts to the least-loaded reps, and, when a realignment is requested and not
/// blocked, move accounts (weakest rep bond first) from reps whose utilisation (coverage hours
/// needed per unit of productivity) exceeds `overload_threshold` × the average to the least
/// utilised reps, each up to the average. Under exclusive
/// ownership the reps who lose accounts lose morale in proportion to the revenue taken.
pub fn realign_accounts(
    params: Res<Params>,
    clock: Res<Clock>,
    books: Res<Books>,
    portfolios: Res<Portfolios>,
    mut closing: Closing,
    mut request: ResMut<RealignmentRequest>,
    mut tally: ResMut<WeekTally>,
    mut log: ResMut<EventLog>,
    mut reps: Query<(&Rep, &mut Workload)>,
    mut customers: Query<(Entity, &Customer, &mut Bonds, &Ledger), With<ActiveAccount>>,
) {
    let s = &params.0;
    let week = clock.week;
    let model = s.ownership.model;
    let realign = std::mem::take(&mut request.requested);
    if realign && model.reps_can_block() {
        log.push(week, "realignment_blocked")
            .cause(request.cause)
            .detail("top earners objected; accounts stay where they are");
    }
    let realign = realign && !model.reps_can_block();
    // Outside a realignment only accounts without a rep move, and the portfolios list them.
    if !realign && portfolios.unowned.is_empty() {
        return;
    }
    let slot = |(entity, c, b, l): (Entity, &Customer, &Bonds, &Ledger)| Slot {
        entity,
        id: c.id,
        owner: b.owner,
        need: need_hours(s, c),
        loyalty_rep: b.loyalty_rep,
        revenue: l.revenue_week,
        movable: !matches!(model, OwnershipModel::Hybrid { .. }) || b.company_owned,
    };
    let mut slots: Vec<Slot> = if realign {
        customers.iter().map(slot).collect()
    } else {
        portfolios
            .unowned
            .iter()
            .filter_map(|&e| customers.get(e).ok())
            .filter(|(_, _, b, _)| b.owner.is_none())
            .map(slot)
            .collect()
    };
    if slots.is_empty() {
        return;
    }
    let mut load: Vec<RepLoad> = reps
        .iter()
        .filter(|(r, _)| r.status == RepStatus::Active)
        .map(|(r, _)| {
            let (need, revenue) = books.get(r.id).map_or((0.0, 0.0), |b| (b.need_hours, b.revenue_week));
            RepLoad { id: r.id, need, revenue, capacity: r.productivity(week).max(0.05) }
        })
        .collect();
    if load.is_empty() {
        return;
    }
    load.sort_by_key(|l| l.id);
    let pos = |load: &[RepLoad], id: u32| load.binary_search_by_key(&id, |l| l.id).ok();
    slots.sort_unstable_by(|a, b| {
        a.owner.is_some().cmp(&b.owner.is_some()).then(a.loyalty_rep.total_cmp(&b.loyalty_rep)).then(a.id.cmp(&b.id))
    });
    // Balance utilisation: coverage hours needed per unit of productive capacity.
    let unowned_need: f64 = slots.iter().filter(|s| s.owner.is_none()).map(|s| s.need).sum();
    let total_need = (load.iter().map(|l| l.need).sum::<f64>() + unowned_need).max(1e-9);
    let average = total_need / load.iter().map(|l| l.capacity).sum::<f64>();
    let threshold = s.ownership.overload_threshold * average;
    let revenue_before: Vec<f64> = load.iter().map(|l| l.revenue).collect();
    let mut moves: Vec<(Entity, u32, u32, Option<u32>, f64)> = Vec::new();
    // Reps ordered by utilisation (non-negative, so its bits sort like the number), then position.
    let key = |l: &RepLoad, i: usize| (l.utilisation().to_bits(), i);
    let mut by_load: std::collections::BTreeSet<(u64, usize)> =
        load.iter().enumerate().map(|(i, l)| key(l, i)).collect();
    for sl in &slots {
        let from = sl.owner.and_then(|o| pos(&load, o));
        if sl.owner.is_some() && from.is_none() {
            continue;
        }
        if let Some(f) = from {
            if !sl.movable || load[f].utilisation() <= threshold {
                continue;
            }
        }
        let to = by_load.first().expect("non-empty").1;
        if from.is_some() && (load[to].need + sl.need) / load[to].capacity > average {
            continue;
        }
        if let Some(f) = from {
            by_load.remove(&key(&load[f], f));
            load[f].need -= sl.need;
            load[f].revenue -= sl.revenue;
            by_load.insert(key(&load[f], f));
        }
        by_load.remove(&key(&load[to], to));
        load[to].need += sl.need;
        by_load.insert(key(&load[to], to));
        moves.push((sl.entity, sl.id, load[to].id, sl.owner, sl.revenue));
    }
    let anger = if matches!(model, OwnershipModel::Exclusive { .. }) { s.careers.realignment_anger } else { 0.0 };
    let cause = if realign { request.cause } else { "unowned account" };
    for &(e, id, to, from, _) in &moves {
        if let Ok((_, c, mut b, l)) = customers.get_mut(e) {
            closing.take_out(c, &b, l);
            b.owner = Some(to);
            b.rep_since_week = week as i32;
            if from.is_some() {
                b.loyalty_rep = 0.0;
                b.knowledge = b.knowledge.min(s.ownership.crm_retention);
            }
            b.loyalty_rep = b.loyalty_rep.max(0.05);
            closing.enter(e, c, &b, l);
        }
        tally.realigned_accounts += from.is_some() as u32;
        let rec = log.push(week, "reassign").rep(to).customer(id).cause(cause);
        if let Some(f) = from {
            rec.detail(format!("from rep {f}"));
        }
    }
    if anger > 0.0 {
        for (rep, mut work) in &mut reps {
            let Some(i) = pos(&load, rep.id) else { continue };
            let taken: f64 = moves.iter().filter(|m| m.3 == Some(rep.id)).map(|m| m.4).sum();
            if taken > 0.0 && revenue_before[i] > 0.0 {
                work.morale = (work.morale - anger * taken / revenue_before[i]).max(0.0);
            }
        }
    }
    if realign {
        log.push(week, "realignment")
            .cause(request.cause)
            .detail(format!("{} accounts moved", moves.iter().filter(|m| m.3.is_some()).count()));
    }
}
