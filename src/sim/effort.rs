//! Mechanism 2: each rep sizes its week and splits it between hunting, farming and team work by
//! the incentives it faces (commission basis, quota position, income already earned, fatigue).

use super::components::*;
use super::resources::*;
use super::{Tick, TickSet};
use crate::scenario::{CommissionBasis, Scenario};
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Tick, (super::books::open_books, allocate_rep_hours).chain().in_set(TickSet::Effort));
}

/// Weekly coverage hours an account needs.
pub fn need_hours(s: &Scenario, c: &Customer) -> f64 {
    let f = &s.sales_force;
    f.farming_hours_per_account * if c.complex { 1.0 + f.complex_extra_hours } else { 1.0 }
}

/// The incentive-driven choice of farming hours for one rep: maximise
/// A_f·(1 − exp(−k·f/F)) + v_h·(W − f), giving f* = (F/k)·ln(A_f·k / (F·v_h)), clamped to [0, W].
pub fn incentive_farming_hours(book_value_at_risk: f64, need: f64, hunt_value: f64, k: f64, hours: f64) -> f64 {
    if need <= 0.0 || book_value_at_risk <= 0.0 {
        return 0.0;
    }
    if hunt_value <= 0.0 {
        return hours;
    }
    let f = need / k * (book_value_at_risk * k / (need * hunt_value)).ln();
    f.clamp(0.0, hours)
}

/// Standard normal distribution function (Abramowitz & Stegun 7.1.26, error < 1.5e-7).
pub fn normal_cdf(z: f64) -> f64 {
    let x = z.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * x);
    let poly =
        t * (0.254_829_592 + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-x * x).exp();
    if z >= 0.0 { 0.5 * (1.0 + erf) } else { 0.5 * (1.0 - erf) }
}

/// The chance a rep makes quota this period at its own recent pace μ (weekly credit) with weekly
/// volatility σ = `sales_volatility`·μ over the T weeks left: P = Φ((μ·T − gap) / (σ·√T)).
/// The shortfall grows with T while the noise grows with √T, so the same relative shortfall is
/// more hopeless over a year than over a quarter (Chung, Steenburgh & Sudhir 2014).
pub fn chance_of_quota(s: &Scenario, pay: &PayState, week: u32) -> f64 {
    let period = s.pay.quota_period.weeks();
    let left = (period - week % period) as f64;
    let gap = pay.period_quota - pay.period_credit;
    if gap <= 0.0 {
        return 1.0;
    }
    let mu = pay.credit_rate.max(0.0);
    let sigma = (s.effort.sales_volatility * mu).max(1e-9 * pay.period_quota.max(1.0));
    normal_cdf((mu * left - gap) / (sigma * left.sqrt()))
}

/// The rep's stance to its quota (F9): give up when its chance of making quota falls below
/// `give_up_chance`; push in the last 40% of the period while quota is in reach but not yet made;
/// coast after quota when extra sales pay no more (no accelerator, or the cap is reached).
pub fn quota_stance(s: &Scenario, pay: &PayState, week: u32) -> QuotaStance {
    let period = s.pay.quota_period.weeks();
    let elapsed = (week % period) as f64 / period as f64;
    if s.pay.cap > 0.0 && pay.variable_this_year >= s.pay.cap {
        return QuotaStance::Coasting;
    }
    if pay.period_quota <= 0.0 {
        return QuotaStance::Normal;
    }
    if pay.period_credit >= pay.period_quota {
        return if s.pay.accelerator <= 1.0 + 1e-9 { QuotaStance::Coasting } else { QuotaStance::Normal };
    }
    let chance = chance_of_quota(s, pay, week);
    if chance < s.effort.give_up_chance {
        QuotaStance::GaveUp
    } else if elapsed >= 0.6 && chance < 0.9 {
        QuotaStance::Pushing
    } else {
        QuotaStance::Normal
    }
}

/// Effort multiplier for a quota stance.
pub fn stance_effort(s: &Scenario, stance: QuotaStance) -> f64 {
    match stance {
        QuotaStance::Normal => 1.0,
        QuotaStance::Pushing => s.effort.push_effort,
        QuotaStance::Coasting => s.effort.coast_effort,
        QuotaStance::GaveUp => s.effort.give_up_effort,
    }
}

/// Commission earned per dollar of revenue on the rep's existing book and on a new account.
fn commission_rates(s: &Scenario) -> (f64, f64) {
    let p = &s.pay;
    let team = 1.0 - p.team_pool_share + p.team_pool_share / p.team_size.max(1) as f64;
    let r = p.commission_rate * team;
    match p.commission_basis {
        CommissionBasis::AllRevenue => (r, r),
        CommissionBasis::NewCustomerRevenue => (0.0, r),
        CommissionBasis::Margin => (r * s.market.gross_margin, r * s.market.gross_margin),
    }
}

/// Size and split every employed rep's week.
pub fn allocate_rep_hours(
    params: Res<Params>,
    clock: Res<Clock>,
    market: Res<MarketState>,
    mut books: ResMut<Books>,
    mut reps: Query<(&Rep, &mut Workload, &PayState)>,
) {
    let s = &params.0;
    let e = &s.effort;
    let week = clock.week;
    let (rate_farm, rate_hunt) = commission_rates(s);
    let horizon = match s.pay.commission_basis {
        CommissionBasis::NewCustomerRevenue => {
            (s.pay.new_customer_window_weeks as f64 / 52.0).min(e.commission_horizon_years)
        }
        _ => e.commission_horizon_years,
    };
    let bonus_farm: f64 = s.pay.bonuses.iter().map(|b| b.payout).sum();
    let new_account_revenue = s.market.potential_mean * s.market.initial_wallet_share;
    let capacity = s.sales_force.hours_per_week;
    for (rep, mut work, pay) in &mut reps {
        if !rep.is_employed() {
            continue;
        }
        let book = books.0.get(rep.id as usize).cloned().unwrap_or_default();
        let prod = rep.productivity(week).max(0.05);
        let income = pay.expected_pay.max(1.0);
        let variable_share = (1.0 - s.pay.base_salary / income).clamp(0.0, 1.0);
        let income_weight = (s.careers.market_pay / income).powf(e.income_elasticity).clamp(0.2, 3.0);
        let above_quota = pay.period_quota > 0.0 && pay.period_credit >= pay.period_quota;
        let marginal = if above_quota { s.pay.accelerator } else { 1.0 };
        let capped = s.pay.cap > 0.0 && pay.variable_this_year >= s.pay.cap;
        let cap_factor = if capped { 0.0 } else { 1.0 };
        // Value (per weekly hour sustained for a year) of hunting, and farming value at stake.
        let hunt_value = rate_hunt
            * marginal
            * cap_factor
            * horizon
            * market.hit_rate
            * new_account_revenue
            * prod
            * 52.0
            * income_weight;
        let at_risk = e.loss_aversion
            * (rate_farm * marginal * cap_factor * book.revenue_annual * e.book_at_risk_share + bonus_farm);
        let stance = quota_stance(s, pay, week);
        let q = stance_effort(s, stance);
        let income_effort = income_weight.powf(0.2).clamp(0.75, 1.1);
        let mut multiplier = (1.0 - variable_share) + variable_share * q * income_effort;
        multiplier *= 0.8 + 0.2 * work.morale;
        if matches!(rep.status, RepStatus::Withdrawing { .. }) {
            multiplier *= 0.6;
        }
        let worked = capacity * multiplier / (1.0 + 0.3 * work.fatigue);
        let team = (e.team_hours_per_shared_account * book.shared_accounts as f64).min(0.3 * worked);
        let selling = worked - team;
        let f_inc = incentive_farming_hours(at_risk, book.need_hours / prod, hunt_value, e.coverage_response, selling);
        let hunt_inc = if selling > 0.0 { 1.0 - f_inc / selling } else { 0.0 };
        let hunt_directed = if book.accounts == 0 { 1.0 } else { e.directed_hunting_share };
        let hunt_share = (1.0 - variable_share) * hunt_directed + variable_share * hunt_inc;
        work.hunting = selling * hunt_share;
        work.farming = selling - work.hunting;
        work.team = team;
        work.quota_stance = stance;
        work.fatigue = work.fatigue * (1.0 - e.fatigue_recovery) + (worked - capacity).max(0.0) / capacity;
        if let Some(b) = books.0.get_mut(rep.id as usize) {
            b.attention = if b.need_hours > 0.0 { work.farming * prod / b.need_hours } else { 0.0 };
        }
    }
}
