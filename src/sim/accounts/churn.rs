//! Mechanism 11: customers leave when dissatisfied or poorly covered, or are taken by a
//! competitor that targets customers whose loyalty to the company is low or falling. New
//! customers churn more than long-standing ones, and the hazard keeps falling with tenure (a
//! power law, Fader & Hardie's retention curve); ideal-profile customers churn less.

use crate::rng::{AgentStreams, Purpose, Stream, weekly_hazard};
use crate::scenario::Scenario;
use crate::sim::accounts::loss::Losses;
use crate::sim::components::*;
use crate::sim::deals::contest::{destination, rival_offers};
use crate::sim::resources::*;
use bevy::prelude::*;

/// Steps of the precomputed dissatisfaction multiple over satisfaction 0..1 in the churn screen (a
/// numerical resolution: the screen only bounds the hazard, which is then computed exactly).
const SATISFACTION_GRID: usize = 64;

/// The accounts that may churn this week ([`ChurnScreen`]), listed by `serve_accounts` as it
/// passes over every account: no other account can churn this week.
#[derive(Resource, Default, Debug)]
pub struct ChurnCandidates(pub Vec<Entity>);

/// The week's account draws ([`account_draw`]).
#[inline]
pub(crate) fn account_draws(seed: u64, week: u32) -> AgentStreams {
    Stream::per_agent(seed, week, Purpose::AccountWeek)
}

/// The one uniform an account draws each week: low values can mean churn, high values an
/// expansion opportunity (`deals/account.rs`); the two never overlap.
#[inline]
pub(crate) fn account_draw(draws: &AgentStreams, customer: u32) -> f64 {
    draws.of(customer as u64).unit()
}

/// A competitor in the market and its pull on customers (the weekly hazard it adds per unit of a
/// customer's exposure).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RivalPull {
    pub competitor: u16,
    pub pull: f64,
}

/// Each competitor in the market with its pull on customers, appetite · √(capacity / entry
/// capacity), by id; a competitor's capacity is its hunting hours plus
/// `behaviour.churn.hours_per_poached_rep` for every rep it poached, counting `also_poached(id)` more.
pub fn rival_pulls<'a>(
    s: &Scenario,
    competitors: impl Iterator<Item = &'a Competitor>,
    also_poached: impl Fn(u16) -> u32,
) -> Vec<RivalPull> {
    let mut rivals: Vec<RivalPull> = competitors
        .filter(|c| c.entered)
        .map(|c| {
            let spec = &s.competitors[c.id as usize];
            let capacity = c.hunting_hours(s, also_poached(c.id)) / spec.hunting_hours.max(1.0);
            RivalPull { competitor: c.id, pull: spec.customer_appetite * capacity.sqrt() }
        })
        .collect();
    rivals.sort_by_key(|r| r.competitor);
    rivals
}

/// The churn hazard's multiple for a customer's tenure with the company: M·(1 + years/τ)^(−β)
/// with M = `new_customer_churn_multiple`, τ = `churn_tenure_years`, β = `churn_tenure_exponent`
/// (Fader & Hardie's shifted-beta-geometric retention curve at β = 1). It scales both the
/// dissatisfaction hazard and the competitors' pull (knowledge of its needs, switching costs and
/// contacts build with tenure), and is largest, M, at tenure 0 (the churn screen's bound).
#[inline]
fn tenure_multiple(s: &Scenario, a: &Account, week: u32) -> f64 {
    let u = &s.customers;
    let years = (week as i32 - a.won_week).max(0) as f64 / WEEKS_PER_YEAR;
    u.new_customer_churn_multiple * libm::pow(1.0 + years / u.churn_tenure_years, -u.churn_tenure_exponent)
}

/// The churn hazard's multiple for a customer's history: [`tenure_multiple`] × `icp_churn_factor`
/// for an ideal-profile customer. Like the tenure multiple it scales both the dissatisfaction
/// hazard and the competitors' pull (`icp_churn_factor` is the whole churn hazard's multiple).
#[inline]
fn history_multiple(s: &Scenario, a: &Account, tenure: f64) -> f64 {
    tenure * if a.icp { s.customers.icp_churn_factor } else { 1.0 }
}

/// How exposed an account is to a competitor's pull: price sensitivity × (1 − L_co), ×
/// `falling_loyalty_multiple` while its loyalty to the company is falling (more than
/// `falling_loyalty_margin` below its trend).
#[inline]
fn competitor_exposure(s: &Scenario, a: &Account, st: &AccountState) -> f64 {
    let r = &s.behaviour.churn;
    let (company, trend) = (st.loyalty_company as f64, st.loyalty_company_trend as f64);
    let falling = company < trend - r.falling_loyalty_margin;
    a.price_sensitivity as f64 * (1.0 - company) * if falling { r.falling_loyalty_multiple } else { 1.0 }
}

/// Picks out, as `serve_accounts` passes over the accounts, the few whose churn draw this week
/// could fall below their hazard, whatever happens to them later in the week: their rep may
/// leave (satisfaction falls by at most `behaviour.handover.satisfaction_loss`, the rep bond may be
/// cut) or they may be realigned, but loyalty to specialists and to the company, its trend, price
/// sensitivity and history stay. Reps withdrawing to a competitor count as poached already.
pub struct ChurnScreen {
    /// Above every account's hazard: most draws are rejected on this alone.
    bound: f64,
    h0: f64,
    protection: f64,
    /// Sum of the competitors' pulls.
    pull: f64,
    /// exp(κ·(pivot + loss − i/G)) for i = 0..=G (G = `SATISFACTION_GRID`): at or above
    /// exp(κ·(pivot − S)) for S ≥ i/G − loss.
    dissatisfaction: [f64; SATISFACTION_GRID + 1],
}

impl ChurnScreen {
    pub fn new<'a>(s: &Scenario, competitors: impl Iterator<Item = &'a Competitor>, reps: &[&Rep]) -> Self {
        let leaving_to = |id: u16| {
            reps.iter()
                .filter(
                    |r| matches!(r.status, RepStatus::Withdrawing { reason, .. } if reason.competitor() == Some(id)),
                )
                .count() as u32
        };
        let pull: f64 = rival_pulls(s, competitors, leaving_to).iter().map(|r| r.pull).sum();
        let u = &s.customers;
        let r = &s.behaviour;
        let h0 = weekly_hazard(u.churn_rate_annual);
        // The history multiple is largest at tenure 0 (it falls with tenure for any exponent ≥ 0).
        let worst_history = u.new_customer_churn_multiple.max(1.0);
        let pivot = r.churn.satisfaction_pivot + r.handover.satisfaction_loss;
        let exposure_max = r.churn.falling_loyalty_multiple;
        ChurnScreen {
            // Satisfaction ≥ 0, loyalty ≥ 0, history and tenure ≤ M and exposure ≤ the falling
            // multiple bound every hazard.
            bound: worst_history
                * (h0 * libm::exp(u.satisfaction_sensitivity * r.churn.satisfaction_pivot) + exposure_max * pull),
            h0,
            protection: u.loyalty_protection,
            pull,
            dissatisfaction: std::array::from_fn(|i| {
                libm::exp(u.satisfaction_sensitivity * (pivot - i as f64 / SATISFACTION_GRID as f64))
            }),
        }
    }

    /// Whether an account with this week's draw `x` could churn this week.
    #[inline]
    pub fn may_churn(&self, s: &Scenario, x: f64, a: &Account, st: &AccountState, week: u32) -> bool {
        if x >= self.bound {
            return false;
        }
        let grid = (st.satisfaction.clamp(0.0, 1.0) as f64 * SATISFACTION_GRID as f64) as usize;
        let history = history_multiple(s, a, tenure_multiple(s, a, week));
        let h_dis = self.h0
            * history
            * self.dissatisfaction[grid]
            * (1.0 - self.protection * st.loyalty_specialist.max(st.loyalty_company) as f64);
        x < (h_dis + self.pull * competitor_exposure(s, a, st) * history) * (1.0 + 1e-9) + 1e-12
    }
}

/// Whether, and why, an account with draw `x` leaves, given the weekly base hazard `h0` and the
/// competitors' pulls: h_dis = h0 · history · exp(κ·(pivot − S)) · (1 − protection ·
/// max(L_rep, L_spec, L_co)), then each competitor's h_c = pull · exposure · history, in id order.
pub fn churn_cause(
    s: &Scenario,
    h0: f64,
    rivals: &[RivalPull],
    mut x: f64,
    a: &Account,
    st: &AccountState,
    week: u32,
) -> Option<LossCause> {
    let u = &s.customers;
    let loyalty = st.loyalty_rep.max(st.loyalty_specialist).max(st.loyalty_company) as f64;
    let history = history_multiple(s, a, tenure_multiple(s, a, week));
    let h_dis = h0
        * history
        * libm::exp(u.satisfaction_sensitivity * (s.behaviour.churn.satisfaction_pivot - st.satisfaction as f64))
        * (1.0 - u.loyalty_protection * loyalty);
    if x < h_dis {
        return Some(LossCause::Dissatisfied);
    }
    x -= h_dis;
    let exposure = competitor_exposure(s, a, st) * history;
    rivals.iter().find_map(|r| {
        let h = r.pull * exposure;
        if x < h {
            Some(LossCause::Competitor(r.competitor))
        } else {
            x -= h;
            None
        }
    })
}

/// Decide the week's [`ChurnCandidates`] with their hazards as they stand after departure and
/// realignment, exactly as if every account had been looked at; a lost account is lost through
/// the shared path (`loss.rs`).
pub(crate) fn churn_customers(
    params: Res<Params>,
    clock: Res<Clock>,
    mut candidates: ResMut<ChurnCandidates>,
    mut losses: Losses,
    mut accounts: Query<(&Account, &AccountFile, &mut AccountState)>,
) {
    let s = &params.0;
    let week = clock.week;
    let h0 = weekly_hazard(s.customers.churn_rate_annual);
    let rivals = rival_pulls(s, losses.competitors(), |_| 0);
    let firms = rival_offers(losses.competitors());
    let list = std::mem::take(&mut candidates.0);
    let draws = account_draws(clock.seed, week);
    for &e in &list {
        let Ok((a, file, mut st)) = accounts.get_mut(e) else { continue };
        let x = account_draw(&draws, a.id());
        let Some(mut cause) = churn_cause(s, h0, &rivals, x, a, &st, week) else { continue };
        let mut detail = match cause {
            LossCause::Competitor(_) => {
                format!("price sensitivity {:.2}; loyalty to company {:.2}", a.price_sensitivity, st.loyalty_company)
            }
            _ => format!("satisfaction {:.2}; coverage {:.2}", st.satisfaction, st.coverage),
        };
        // A dissatisfied customer in an industry buys from the rival firm whose offer it takes.
        if cause == LossCause::Dissatisfied
            && let Some(rival) = destination(clock.seed, a.id(), week, &firms)
        {
            cause = LossCause::Competitor(rival);
            detail.push_str("; took a rival firm's offer");
        }
        losses.lose(e, a, file, &mut st, week, cause, detail);
    }
    candidates.0 = list;
    candidates.0.clear();
}
