//! Mechanism 3, the market side: competitors in the market win prospects with their own (growing)
//! sales capacity, and new prospects arrive. (Our reps' hunting is in `deals/hunt.rs`.)

use crate::rng::{Purpose, Stream, name_key};
use crate::sim::components::*;
use crate::sim::deals::hunt::pick_prospect;
use crate::sim::resources::*;
use crate::sim::setup::draw_traits;
use bevy::prelude::*;

/// Competitors in the market win Poisson(capacity × hit rate) prospects a week; a competitor's
/// capacity is its hunting hours plus `behaviour.churn.hours_per_poached_rep` for every rep it
/// poached. The prospects it wins leave the market. A rival that is a firm of the industry hunts
/// in its own world, with its own reps, so it takes no prospects here.
pub(crate) fn competitors_take_prospects(
    params: Res<Params>,
    clock: Res<Clock>,
    market: Res<MarketState>,
    mut pool: ResMut<ProspectPool>,
    competitors: Query<&Competitor>,
) {
    let s = &params.0;
    let mut list: Vec<&Competitor> = competitors.iter().filter(|c| c.entered && c.link.is_none()).collect();
    list.sort_by_key(|c| c.id);
    for comp in list {
        let hours = comp.hunting_hours(s, 0);
        let mut r = Stream::new(clock.seed, name_key(&comp.name), clock.week, Purpose::CompetitorWin);
        let wins = r.poisson(hours * market.hit_rate);
        for _ in 0..wins {
            if pick_prospect(&mut pool, 1.0, &mut r).is_none() {
                break;
            }
        }
    }
}

/// New prospects enter the market at the inflow rate.
pub(crate) fn replenish_prospects(
    params: Res<Params>,
    clock: Res<Clock>,
    mut market: ResMut<MarketState>,
    mut pool: ResMut<ProspectPool>,
) {
    market.inflow_carry += market.inflow_per_week;
    let n = market.inflow_carry.floor() as u32;
    market.inflow_carry -= n as f64;
    for _ in 0..n {
        let id = market.next_customer_id;
        market.next_customer_id += 1;
        pool.put(draw_traits(clock.seed, id, clock.week, &params.0));
    }
}
