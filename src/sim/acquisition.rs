//! Mechanism 3: hunting hours turn prospects into customers (ideal-profile targeting raises the
//! hit rate; the pool depletes), competitors take prospects too, and new prospects arrive.

use super::components::*;
use super::events::EventLog;
use super::resources::*;
use super::setup::{draw_customer, new_bonds};
use super::{Tick, TickSet};
use crate::rng::{Purpose, Stream, name_key};
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Tick,
        (win_prospects, competitors_take_prospects, replenish_prospects).chain().in_set(TickSet::Acquisition),
    );
}

/// Take one prospect from the pool, favouring ideal-profile prospects by `icp_weight`.
fn pick_prospect(pool: &mut ProspectPool, icp_weight: f64, r: &mut Stream) -> Option<Entity> {
    let wi = pool.icp.len() as f64 * icp_weight;
    let wo = pool.other.len() as f64;
    if wi + wo <= 0.0 {
        return None;
    }
    let list = if r.unit() * (wi + wo) < wi { &mut pool.icp } else { &mut pool.other };
    let i = r.index(list.len());
    Some(list.swap_remove(i))
}

/// Each hunting rep wins a Poisson number of prospects: λ = hunting hours × productivity × hit rate
/// × ideal-profile lift.
pub fn win_prospects(
    params: Res<Params>,
    clock: Res<Clock>,
    market: Res<MarketState>,
    mut pool: ResMut<ProspectPool>,
    mut tally: ResMut<WeekTally>,
    mut log: ResMut<EventLog>,
    mut portfolios: ResMut<Portfolios>,
    reps: Query<(&Rep, &Workload)>,
    mut customers: Query<(&mut Customer, &mut Bonds)>,
    mut commands: Commands,
) {
    let s = &params.0;
    let week = clock.week;
    let icp_weight = 1.0 + s.market.icp_targeting * s.market.icp_hit_bonus;
    let mut hunters: Vec<(u32, f64)> =
        reps.iter().filter(|(r, _)| r.is_employed()).map(|(r, w)| (r.id, w.hunting * r.productivity(week))).collect();
    hunters.sort_by_key(|(id, _)| *id);
    for (rep, productive_hours) in hunters {
        let total = pool.len() as f64;
        if total == 0.0 {
            break;
        }
        let icp_share = pool.icp.len() as f64 / total;
        let lift = (1.0 - icp_share) + icp_share * icp_weight;
        let mut r = Stream::new(clock.seed, rep as u64, week, Purpose::Acquisition);
        let wins = r.poisson(productive_hours * market.hit_rate * lift);
        let mut pick = Stream::new(clock.seed, rep as u64, week, Purpose::ProspectPick);
        for _ in 0..wins {
            let Some(e) = pick_prospect(&mut pool, icp_weight, &mut pick) else { break };
            let Ok((mut c, mut b)) = customers.get_mut(e) else { continue };
            c.stage = Stage::Active;
            *b = new_bonds(s, Some(rep), week);
            commands.entity(e).insert(ActiveAccount);
            portfolios.add(rep, e);
            tally.new_customers += 1;
            log.push(week, "win").rep(rep).customer(c.id).cause("hunting");
        }
    }
}

/// Competitors in the market win prospects with their own (growing) sales capacity.
pub fn competitors_take_prospects(
    params: Res<Params>,
    clock: Res<Clock>,
    market: Res<MarketState>,
    mut pool: ResMut<ProspectPool>,
    mut competitors: Query<&mut Competitor>,
    mut customers: Query<&mut Customer>,
) {
    let mut list: Vec<Mut<Competitor>> = competitors.iter_mut().filter(|c| c.entered).collect();
    list.sort_by_key(|c| c.id);
    for comp in list {
        let spec = &params.0.competitors[comp.id as usize];
        let hours = spec.hunting_hours + 40.0 * comp.reps_poached as f64;
        let mut r = Stream::new(clock.seed, name_key(&comp.name), clock.week, Purpose::CompetitorWin);
        let wins = r.poisson(hours * market.hit_rate);
        for _ in 0..wins {
            let Some(e) = pick_prospect(&mut pool, 1.0, &mut r) else { break };
            if let Ok(mut c) = customers.get_mut(e) {
                c.stage = Stage::Lost { week: clock.week, cause: LossCause::ProspectWonByCompetitor(comp.id) };
            }
        }
    }
}

/// New prospects enter the market at the inflow rate.
pub fn replenish_prospects(
    params: Res<Params>,
    clock: Res<Clock>,
    mut market: ResMut<MarketState>,
    mut pool: ResMut<ProspectPool>,
    mut commands: Commands,
) {
    market.inflow_carry += market.inflow_per_week;
    let n = market.inflow_carry.floor() as u32;
    market.inflow_carry -= n as f64;
    for _ in 0..n {
        let id = market.next_customer_id;
        market.next_customer_id += 1;
        let c = draw_customer(clock.seed, id, clock.week, &params.0);
        let icp = c.icp_fit;
        let e = commands.spawn((c, Bonds::default(), Ledger::default())).id();
        if icp { pool.icp.push(e) } else { pool.other.push(e) }
    }
}
