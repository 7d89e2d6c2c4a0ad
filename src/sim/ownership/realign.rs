//! Mechanism 10: ownership policy in force (exclusive, multiplexed, hybrid house accounts),
//! hand-over of accounts without a rep, and realignment or rebalancing of overloaded books. All of
//! it works from the portfolios: only accounts without a rep, and those of overloaded reps, are
//! gathered.

use crate::scenario::OwnershipModel;
use crate::sim::accounts::closing::Closing;
use crate::sim::careers::departure::FollowModel;
use crate::sim::components::*;
use crate::sim::observe::events::Cause;
use crate::sim::observe::events::{EventKind, EventLog};
use crate::sim::ownership::business_case::{Outlook, gain_over, wallet};
use crate::sim::ownership::leadership::{self, BusinessCase};
use crate::sim::ownership::pushback::{self, BookAtStake, ChangeClimate, Decision, PendingThreats};
use crate::sim::ownership::verdicts;
use crate::sim::resources::*;
use bevy::prelude::*;

/// Mark accounts company-owned or rep-owned as the model in force says (hybrid: by company tenure).
pub(crate) fn sync_company_ownership(
    params: Res<Params>,
    clock: Res<Clock>,
    mut last: Local<Option<OwnershipModel>>,
    mut accounts: Query<&mut Account>,
) {
    let model = params.0.ownership.model;
    // New accounts start right for the model in force; only tenure (hybrid) or a new model moves them.
    if *last == Some(model) && !model.is_hybrid() {
        return;
    }
    *last = Some(model);
    for mut a in &mut accounts {
        let years = (clock.week as i32 - a.won_week).max(0) as f64 / WEEKS_PER_YEAR;
        let owned = model.company_owned(years);
        if a.company_owned != owned {
            a.company_owned = owned;
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
    potential: f64,
    /// The coverage it got this week.
    coverage: f64,
    /// The annual revenue its wallet allows (`business_case.rs`).
    wallet: f64,
    movable: bool,
}

/// An account moved to another rep.
struct Reassignment {
    entity: Entity,
    id: u32,
    to: u32,
    from: Option<u32>,
    revenue: f64,
    potential: f64,
    coverage: f64,
    wallet: f64,
}

/// What the realignment needs besides the accounts and reps.
#[derive(bevy::ecs::system::SystemParam)]
pub struct ChangeDesk<'w, 's> {
    climate: Res<'w, ChangeClimate>,
    pending: ResMut<'w, PendingThreats>,
    labour: Res<'w, crate::sim::careers::market::LabourMarket>,
    competitors: Query<'w, 's, &'static Competitor>,
}

/// Give accounts without a rep (not held for a replacement) to the least-loaded reps, and, when a
/// realignment is requested, move accounts (weakest rep bond first) from reps whose utilisation
/// (coverage hours needed per unit of productivity) exceeds `overload_threshold` × the average to
/// the least utilised reps, each up to the average. A planned (one-off) realignment of accounts
/// reps own is first weighed by the reps who would lose accounts (`pushback.rs`) and may be
/// abandoned. Under exclusive ownership the reps who lose accounts lose morale in proportion to
/// the revenue taken (less after a catalyst).
pub(crate) fn realign_accounts(
    params: Res<Params>,
    clock: Res<Clock>,
    books: Res<Books>,
    portfolios: Res<Portfolios>,
    mut closing: Closing,
    mut request: ResMut<RealignmentRequest>,
    mut tally: ResMut<WeekTally>,
    mut log: ResMut<EventLog>,
    mut desk: ChangeDesk,
    mut reps: Query<(&Rep, &mut Workload, &PayState)>,
    mut accounts: Query<(Entity, &mut Account, &mut AccountFile, &mut AccountState)>,
) {
    let s = &params.0;
    let week = clock.week;
    let model = s.ownership.model;
    let realign = std::mem::take(&mut request.requested);
    let planned = std::mem::take(&mut request.planned) && realign && model.reps_own_accounts();
    if !realign && portfolios.unowned.is_empty() {
        return;
    }
    let ramp_start = s.behaviour.effort.ramp_start;
    let mut load: Vec<RepLoad> = reps
        .iter()
        .filter(|(r, _, _)| r.status == RepStatus::Active)
        .map(|(r, _, _)| {
            let (need, revenue) = books.get(r.id).map_or((0.0, 0.0), |b| (b.need_hours, b.revenue_annual));
            RepLoad { id: r.id, need, revenue, capacity: r.productivity(week, ramp_start).max(0.05) }
        })
        .collect();
    if load.is_empty() {
        return;
    }
    load.sort_by_key(|l| l.id);
    let slot = |(entity, a, st): (Entity, &Account, &AccountState)| Slot {
        entity,
        id: a.id(),
        owner: a.owner,
        need: s.sales_force.need_hours(a.complex),
        loyalty_rep: st.loyalty_rep as f64,
        revenue: st.revenue_week * WEEKS_PER_YEAR,
        potential: a.potential,
        coverage: st.coverage as f64,
        wallet: wallet(s, a, st.needs_met as f64),
        movable: !model.is_hybrid() || a.company_owned,
    };
    let mut slots: Vec<Slot> = portfolios
        .unowned
        .iter()
        .filter_map(|&e| accounts.get(e).ok())
        .filter(|(_, a, _, _)| a.owner.is_none() && !a.held)
        .map(|(e, a, _, st)| slot((e, a, st)))
        .collect();
    let unowned_need: f64 = slots.iter().map(|s| s.need).sum();
    let total_need = (load.iter().map(|l| l.need).sum::<f64>() + unowned_need).max(1e-9);
    let average = total_need / load.iter().map(|l| l.capacity).sum::<f64>();
    let threshold = s.ownership.overload_threshold * average;
    if realign {
        for l in load.iter().filter(|l| l.utilisation() > threshold) {
            slots.extend(
                portfolios
                    .of(l.id)
                    .iter()
                    .filter_map(|&e| accounts.get(e).ok())
                    .filter(|(_, a, _, _)| a.owner == Some(l.id))
                    .map(|(e, a, _, st)| slot((e, a, st))),
            );
        }
    }
    if slots.is_empty() {
        return;
    }
    // A routine rebalancing cuts overloaded books back to the threshold; a planned realignment
    // cuts them to the average.
    let keep = if planned { average } else { threshold };
    let pos = |load: &[RepLoad], id: u32| load.binary_search_by_key(&id, |l| l.id).ok();
    slots.sort_unstable_by(|a, b| {
        a.owner.is_some().cmp(&b.owner.is_some()).then(a.loyalty_rep.total_cmp(&b.loyalty_rep)).then(a.id.cmp(&b.id))
    });
    let revenue_before: Vec<f64> = load.iter().map(|l| l.revenue).collect();
    let utilisation_before: Vec<f64> = load.iter().map(RepLoad::utilisation).collect();
    let mut moves: Vec<Reassignment> = Vec::new();
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
            if !sl.movable || load[f].utilisation() <= keep {
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
        moves.push(Reassignment {
            entity: sl.entity,
            id: sl.id,
            to: load[to].id,
            from: sl.owner,
            revenue: sl.revenue,
            potential: sl.potential,
            coverage: sl.coverage,
            wallet: sl.wallet,
        });
    }
    let expectation = desk.climate.expectation(s, week);
    let mut abandoned = false;
    if planned {
        let follow = FollowModel::new(s);
        let mut at_stake = vec![BookAtStake::default(); load.iter().map(|l| l.id as usize + 1).max().unwrap_or(0)];
        for (i, l) in load.iter().enumerate() {
            let touched: f64 = moves.iter().filter(|m| m.from == Some(l.id)).map(|m| m.potential).sum();
            if touched <= 0.0 {
                continue;
            }
            let mut b = BookAtStake { revenue: revenue_before[i], touched, ..Default::default() };
            let owned =
                portfolios.of(l.id).iter().filter_map(|&e| accounts.get(e).ok()).filter(|x| x.1.owner == Some(l.id));
            for (_, a, f, st) in owned {
                b.portable += st.revenue_week * WEEKS_PER_YEAR * follow.probability(&a, &f, &st, week, 0);
                b.potential += a.potential;
            }
            at_stake[l.id as usize] = b;
        }
        let stakes = pushback::stakes(&at_stake, 1.0, s, reps.iter().map(|(r, _, p)| (r, p)));
        let rivals = pushback::rivals(s, desk.competitors.iter());
        let horizon = leadership::horizon(s, desk.climate.catalyst(s, week));
        let c = pushback::Circumstances {
            change: pushback::Change::Realignment,
            seed: clock.seed,
            week,
            horizon,
            expectation,
            rivals: &rivals,
            market_pay: desk.labour.pay,
            revenue: revenue_before.iter().sum(),
            case: realignment_case(s, &moves, &load, &utilisation_before, horizon),
        };
        let v = pushback::weigh(s, &c, &stakes);
        verdicts::log_verdict(&mut log, week, &v);
        desk.pending.queue(&v);
        if v.decision == Decision::Abandon {
            abandoned = true;
            moves.retain(|m| m.from.is_none());
            log.push(week, EventKind::RealignmentBlocked)
                .cause(request.cause)
                .detail(format!("{}; accounts stay where they are", verdicts::objectors(&v)));
        }
    }
    let h = &s.behaviour.handover;
    let cause = if realign { request.cause } else { Cause::UnownedAccount };
    for m in &moves {
        if let Ok((e, mut a, mut file, mut st)) = accounts.get_mut(m.entity) {
            closing.take_out(&a, &st);
            a.owner = Some(m.to);
            file.rep_since_week = week as i32;
            if m.from.is_some() {
                st.loyalty_rep = 0.0;
                st.knowledge = st.knowledge.min(s.ownership.crm_retention as f32);
            }
            st.loyalty_rep = st.loyalty_rep.max(h.new_rep_loyalty as f32);
            closing.enter(e, &a, &st);
        }
        tally.realigned_accounts += m.from.is_some() as u32;
        let rec = log.push(week, EventKind::Reassign).rep(m.to).customer(m.id).cause(cause);
        if let Some(f) = m.from {
            rec.detail(format!("from rep {f}"));
        }
    }
    let anger = if model.reps_own_accounts() { s.careers.realignment_anger * (1.0 - expectation) } else { 0.0 };
    if anger > 0.0 {
        for (rep, mut work, _) in &mut reps {
            let Some(i) = pos(&load, rep.id) else { continue };
            let taken: f64 = moves.iter().filter(|m| m.from == Some(rep.id)).map(|m| m.revenue).sum();
            if taken > 0.0 && revenue_before[i] > 0.0 {
                work.morale = (work.morale - anger * taken / revenue_before[i]).max(0.0);
            }
        }
    }
    if realign && !abandoned {
        log.push(week, EventKind::Realignment)
            .cause(request.cause)
            .detail(format!("{} accounts moved", moves.iter().filter(|m| m.from.is_some()).count()));
    }
}

/// Leadership's business case for a realignment over `h` years: each moved account's coverage
/// scales by its old rep's utilisation before the move over its new rep's after it
/// (`business_case.rs`).
fn realignment_case(
    s: &crate::scenario::Scenario,
    moves: &[Reassignment],
    load: &[RepLoad],
    before: &[f64],
    h: f64,
) -> BusinessCase {
    let at = |id: u32| load.binary_search_by_key(&id, |l| l.id).ok();
    let mut case = BusinessCase::default();
    for m in moves {
        let (Some(from), Some(to)) = (m.from.and_then(at), at(m.to)) else { continue };
        let ratio = before[from] / load[to].utilisation().max(f64::MIN_POSITIVE);
        let now = Outlook { revenue: m.revenue, wallet: m.wallet, coverage: m.coverage };
        case.add(load[from].id, gain_over(s, now, Outlook { coverage: m.coverage * ratio, ..now }, h));
    }
    case.gains.sort_by_key(|g| g.rep);
    case
}
