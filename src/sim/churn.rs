//! Mechanism 11: customers leave when dissatisfied or poorly covered, or are taken by a
//! competitor that targets customers whose loyalty to the company is low or falling.

use super::closing::Closing;
use super::components::*;
use super::events::{CompetitorNames, EventLog};
use super::resources::*;
use super::{Tick, TickSet};
use crate::rng::{Purpose, Stream, weekly_hazard};
use crate::scenario::Scenario;
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ChurnCandidates>();
    app.add_systems(Tick, churn_customers.in_set(TickSet::Churn));
}

/// The accounts that may churn this week ([`ChurnScreen`]), listed by `serve_accounts` as it
/// passes over every account: no other account can churn this week.
#[derive(Resource, Default, Debug)]
pub struct ChurnCandidates(pub Vec<Entity>);

/// The uniform draw that decides whether, and why, an account leaves this week.
#[inline]
pub fn churn_draw(seed: u64, customer: u32, week: u32) -> f64 {
    Stream::new(seed, customer as u64, week, Purpose::Churn).unit()
}

/// Each competitor in the market with its pull on customers, appetite · √(capacity / entry
/// capacity), by id; a competitor's capacity is its hunting hours plus 40 an hour-week for every rep
/// it poached, counting `also_poached(id)` more.
pub fn rival_pulls<'a>(
    s: &Scenario,
    competitors: impl Iterator<Item = &'a Competitor>,
    also_poached: impl Fn(u16) -> u32,
) -> Vec<(u16, f64)> {
    let mut rivals: Vec<(u16, f64)> = competitors
        .filter(|c| c.entered)
        .map(|c| {
            let spec = &s.competitors[c.id as usize];
            let reps = (c.reps_poached + also_poached(c.id)) as f64;
            let capacity = (spec.hunting_hours + 40.0 * reps) / spec.hunting_hours.max(1.0);
            (c.id, spec.customer_appetite * capacity.sqrt())
        })
        .collect();
    rivals.sort_by_key(|r| r.0);
    rivals
}

/// Picks out, as `serve_accounts` passes over the accounts, the few whose churn draw this week
/// could fall below their hazard, whatever happens to them later in the week: their rep may
/// leave (satisfaction falls by at most 0.1, the rep bond may be cut) or they may be realigned,
/// but loyalty to specialists and to the company, its trend and price sensitivity stay. Reps
/// withdrawing to a competitor are counted as poached already (leaving only adds to its pull).
pub struct ChurnScreen {
    /// Above every account's hazard: most draws are rejected on this alone.
    bound: f64,
    h0: f64,
    protection: f64,
    /// Sum of the competitors' pulls.
    pull: f64,
    /// exp(κ·(0.7 − i/64)) for i = 0..=64: at or above exp(κ·(0.6 − S)) for S ≥ i/64 − 0.1.
    dissatisfaction: [f64; 65],
}

impl ChurnScreen {
    pub fn new<'a>(s: &Scenario, competitors: impl Iterator<Item = &'a Competitor>, reps: &[&Rep]) -> Self {
        let leaving_to = |id: u16| {
            reps.iter()
                .filter(|r| {
                    matches!(r.status, RepStatus::Withdrawing { reason: LeaveReason::Poached { competitor }, .. } if competitor == id)
                })
                .count() as u32
        };
        let pull: f64 = rival_pulls(s, competitors, leaving_to).iter().map(|r| r.1).sum();
        let u = &s.customers;
        let h0 = weekly_hazard(u.churn_rate_annual);
        ChurnScreen {
            // Satisfaction ≥ 0, loyalty ≥ 0 and exposure ≤ 1.5 bound every account's hazard.
            bound: h0 * (u.satisfaction_sensitivity * 0.6).exp() + 1.5 * pull,
            h0,
            protection: u.loyalty_protection,
            pull,
            dissatisfaction: std::array::from_fn(|i| (u.satisfaction_sensitivity * (0.7 - i as f64 / 64.0)).exp()),
        }
    }

    /// Whether an account with this week's churn draw `x` could churn this week.
    #[inline]
    pub fn may_churn(&self, x: f64, c: &Customer, b: &Bonds) -> bool {
        if x >= self.bound {
            return false;
        }
        let grid = (b.satisfaction.clamp(0.0, 1.0) * 64.0) as usize;
        let h_dis = self.h0
            * self.dissatisfaction[grid]
            * (1.0 - self.protection * b.loyalty_specialist.max(b.loyalty_company));
        x < (h_dis + self.pull * competitor_exposure(c, b)) * (1.0 + 1e-9) + 1e-12
    }
}

/// How exposed an account is to a competitor's pull: price sensitivity × (1 − L_co), × 1.5 while
/// its loyalty to the company is falling (more than 0.005 below its trend).
fn competitor_exposure(c: &Customer, b: &Bonds) -> f64 {
    let falling = if b.loyalty_company < b.loyalty_company_trend - 0.005 { 1.5 } else { 1.0 };
    c.price_sensitivity * (1.0 - b.loyalty_company) * falling
}

/// Whether, and why, an account with churn draw `x` leaves, given the weekly base hazard `h0`
/// and the competitors' pulls.
pub fn churn_cause(
    s: &Scenario,
    h0: f64,
    rivals: &[(u16, f64)],
    mut x: f64,
    c: &Customer,
    b: &Bonds,
) -> Option<LossCause> {
    let u = &s.customers;
    let loyalty = b.loyalty_rep.max(b.loyalty_specialist).max(b.loyalty_company);
    let h_dis =
        h0 * (u.satisfaction_sensitivity * (0.6 - b.satisfaction)).exp() * (1.0 - u.loyalty_protection * loyalty);
    if x < h_dis {
        return Some(LossCause::Dissatisfied);
    }
    x -= h_dis;
    let exposure = competitor_exposure(c, b);
    rivals.iter().find_map(|&(id, pull)| {
        let h = pull * exposure;
        if x < h {
            Some(LossCause::Competitor(id))
        } else {
            x -= h;
            None
        }
    })
}

/// Hazards: h_dis = h0 · exp(κ·(0.6 − S)) · (1 − protection · max(L_rep, L_spec, L_co)), and per
/// competitor in the market h_c = appetite · sensitivity · (1 − L_co) · √(capacity / entry capacity)
/// · (1.5 if loyalty to the company is falling). One uniform draw decides which, if any, fires.
/// Only the week's [`ChurnCandidates`] are looked at; a lost account is taken out of the close.
pub fn churn_customers(
    params: Res<Params>,
    clock: Res<Clock>,
    names: Res<CompetitorNames>,
    mut candidates: ResMut<ChurnCandidates>,
    mut index: ResMut<RepIndex>,
    mut tally: ResMut<WeekTally>,
    mut closing: Closing,
    mut log: ResMut<EventLog>,
    mut competitors: Query<&mut Competitor>,
    mut customers: Query<(Entity, &mut Customer, &mut Bonds, &mut Ledger), With<ActiveAccount>>,
    mut commands: Commands,
) {
    let s = &params.0;
    let week = clock.week;
    let h0 = weekly_hazard(s.customers.churn_rate_annual);
    let rivals = rival_pulls(s, competitors.iter(), |_| 0);
    let mut taken = vec![0u32; s.competitors.len()];
    let list = std::mem::take(&mut candidates.0);
    for &e in &list {
        let Ok((e, mut c, mut b, mut l)) = customers.get_mut(e) else { continue };
        let Some(cause) = churn_cause(s, h0, &rivals, churn_draw(clock.seed, c.id, week), &c, &b) else { continue };
        closing.take_out(&c, &b, &l);
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
    candidates.0 = list;
    candidates.0.clear();
    for mut k in &mut competitors {
        k.customers_taken += taken[k.id as usize];
    }
}
