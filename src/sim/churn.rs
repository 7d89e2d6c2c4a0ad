//! Mechanism 11: customers leave when dissatisfied or poorly covered, or are taken by a
//! competitor that targets customers whose loyalty to the company is low or falling.

use super::components::*;
use super::events::{CompetitorNames, EventLog};
use super::books::NextBooks;
use super::metrics::AccountCensus;
use super::resources::*;
use super::{Tick, TickSet};
use crate::rng::{Purpose, Stream, weekly_hazard};
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Tick, churn_customers.in_set(TickSet::Churn));
}

/// Hazards: h_dis = h0 · exp(κ·(0.6 − S)) · (1 − protection · max(L_rep, L_spec, L_co)), and per
/// competitor in the market h_c = appetite · sensitivity · (1 − L_co) · √(capacity / entry capacity)
/// · (1.5 if loyalty to the company is falling). One uniform draw decides which, if any, fires.
/// Every account that stays is counted in the week's [`AccountCensus`] and entered in its rep's
/// book for next week ([`NextBooks`]).
pub fn churn_customers(
    params: Res<Params>,
    clock: Res<Clock>,
    names: Res<CompetitorNames>,
    mut index: ResMut<RepIndex>,
    mut tally: ResMut<WeekTally>,
    staffing: Res<Staffing>,
    mut census: ResMut<AccountCensus>,
    mut next_books: ResMut<NextBooks>,
    mut log: ResMut<EventLog>,
    mut competitors: Query<&mut Competitor>,
    mut customers: Query<(Entity, &mut Customer, &mut Bonds, &mut Ledger), With<ActiveAccount>>,
    mut commands: Commands,
) {
    let s = &params.0;
    let u = &s.customers;
    let week = clock.week;
    let h0 = weekly_hazard(u.churn_rate_annual);
    let mut rivals: Vec<(u16, f64)> = competitors
        .iter()
        .filter(|c| c.entered)
        .map(|c| {
            let spec = &s.competitors[c.id as usize];
            let capacity = (spec.hunting_hours + 40.0 * c.reps_poached as f64) / spec.hunting_hours.max(1.0);
            (c.id, spec.customer_appetite * capacity.sqrt())
        })
        .collect();
    rivals.sort_by_key(|r| r.0);
    let mut taken = vec![0u32; s.competitors.len()];
    next_books.start(week + 1, staffing.next_rep_id as usize);
    // No hazard can exceed this bound (satisfaction ≥ 0, loyalty ≥ 0, exposure ≤ 1.5): a draw above
    // it decides "stays" without computing the hazards.
    let bound = h0 * (u.satisfaction_sensitivity * 0.6).exp() + 1.5 * rivals.iter().map(|r| r.1).sum::<f64>();
    for (e, mut c, mut b, mut l) in &mut customers {
        let mut x = Stream::new(clock.seed, c.id as u64, week, Purpose::Churn).unit();
        if x >= bound {
            census.count(&c, &b, &l);
            next_books.enter(s, e, &c, &b, &l);
            continue;
        }
        let loyalty = b.loyalty_rep.max(b.loyalty_specialist).max(b.loyalty_company);
        let h_dis =
            h0 * (u.satisfaction_sensitivity * (0.6 - b.satisfaction)).exp() * (1.0 - u.loyalty_protection * loyalty);
        let falling = if b.loyalty_company < b.loyalty_company_trend - 0.005 { 1.5 } else { 1.0 };
        let exposure = c.price_sensitivity * (1.0 - b.loyalty_company) * falling;
        let cause = if x < h_dis {
            Some(LossCause::Dissatisfied)
        } else {
            x -= h_dis;
            rivals.iter().find_map(|&(id, pressure)| {
                let h = pressure * exposure;
                if x < h {
                    Some(LossCause::Competitor(id))
                } else {
                    x -= h;
                    None
                }
            })
        };
        let Some(cause) = cause else {
            census.count(&c, &b, &l);
            next_books.enter(s, e, &c, &b, &l);
            continue;
        };
        c.stage = Stage::Lost { week, cause };
        commands.entity(e).remove::<ActiveAccount>();
        tally.churned += 1;
        tally.churned_complex += c.complex as u32;
        let rec = log.push(week, "churn").customer(c.id);
        if let Some(o) = b.owner {
            rec.rep(o);
            index.lost_one(o);
        }
        match cause {
            LossCause::Competitor(id) => {
                tally.churned_to_competitor += 1;
                taken[id as usize] += 1;
                rec.competitor(names.name(id)).cause("competitor").detail(format!(
                    "price sensitivity {:.2}; loyalty to company {:.2}",
                    c.price_sensitivity, b.loyalty_company
                ));
            }
            _ => {
                rec.cause("dissatisfied")
                    .detail(format!("satisfaction {:.2}; coverage {:.2}", b.satisfaction, b.coverage));
            }
        }
        l.revenue_week = 0.0;
        l.last_owner = b.owner;
        b.owner = None;
        b.technical = None;
        b.service = None;
    }
    for mut k in &mut competitors {
        k.customers_taken += taken[k.id as usize];
    }
}
