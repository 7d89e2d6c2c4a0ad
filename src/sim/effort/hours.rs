//! Mechanism 2: each rep sizes its week and splits it between hunting, farming and team work by
//! the incentives it faces (commission basis, quota position judged from its pipeline, income
//! already earned, fatigue), and plans how its farming hours spread over its accounts
//! (`attention.rs`).

use crate::scenario::Scenario;
use crate::sim::accounts::complexity::{complex_fit, training_hours};
use crate::sim::components::*;
use crate::sim::deals::forecast::{Forecasts, chance_of_quota};
use crate::sim::deals::skill_factor;
use crate::sim::effort::attention::{PlanInputs, ValueBins, WeekPlan, plan_week};
use crate::sim::effort::books::BookBins;
use crate::sim::policy::tools::{ToolsInForce, selling_time_factor};
use crate::sim::resources::*;
use bevy::prelude::*;

/// The rep's stance to its quota (F9), from its chance of making it: give up below
/// `give_up_chance`; push after `push_after` of the period while the chance is below
/// `push_below_chance`; coast after quota when extra sales pay no more (no accelerator, or the cap
/// is reached). No quota, no stance.
pub fn quota_stance(s: &Scenario, pay: &PayState, chance: f64, week: u32) -> QuotaStance {
    let period = s.pay.quota_period.weeks();
    let elapsed = (week % period) as f64 / period as f64;
    if s.pay.cap > 0.0 && pay.variable_this_year >= s.pay.cap {
        return QuotaStance::Coasting;
    }
    if !s.pay.quota_setting.has_quota() || pay.period_quota <= 0.0 {
        return QuotaStance::Normal;
    }
    if pay.quota_made() {
        return if s.pay.accelerator <= 1.0 + 1e-9 { QuotaStance::Coasting } else { QuotaStance::Normal };
    }
    let e = &s.behaviour.effort;
    if chance < s.effort.give_up_chance {
        QuotaStance::GaveUp
    } else if elapsed >= e.push_after && chance < e.push_below_chance {
        QuotaStance::Pushing
    } else {
        QuotaStance::Normal
    }
}

/// Effort multiplier for a quota stance.
pub(crate) fn stance_effort(s: &Scenario, stance: QuotaStance) -> f64 {
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
    let hunt = r * p.commission_basis.credited_share(s.market.gross_margin);
    (if p.commission_basis.pays_on_existing_accounts() { hunt } else { 0.0 }, hunt)
}

/// Output per hour of a rep this week: its productivity (skill and ramp) less what fatigue takes,
/// / (1 + `fatigue_productivity` × fatigue).
pub(crate) fn hourly_productivity(s: &Scenario, rep: &Rep, work: &Workload, week: u32) -> f64 {
    let r = &s.behaviour.effort;
    rep.productivity(week, r.ramp_start) / (1.0 + r.fatigue_productivity * work.fatigue)
}

/// A rep's week as it plans it.
#[derive(Clone, Copy, Debug)]
pub struct RepWeek {
    pub plan: WeekPlan,
    pub team: f64,
    pub worked: f64,
    pub stance: QuotaStance,
}

/// Plan one rep's week: its hours (the hours asked, `hours_per_week` × `hours_pressure`, × effort
/// multiplier from pay mix, quota stance, income, morale and notice, less fatigue and the sick time
/// fatigue brings), team work, and the split of its selling hours with
/// its attention plan. `hit_rate` is this week's expected new customers per productive hunting
/// hour and `chance` its chance of making quota.
pub(crate) fn plan_rep(
    s: &Scenario,
    rep: &Rep,
    work: &Workload,
    pay: &PayState,
    book: &Book,
    bins: &ValueBins,
    hit_rate: f64,
    chance: f64,
    week: u32,
    tools: f64,
    market_pay: f64,
) -> RepWeek {
    let e = &s.effort;
    let r = &s.behaviour.effort;
    let (rate_farm, rate_hunt) = commission_rates(s);
    let horizon = if s.pay.commission_basis.pays_on_existing_accounts() {
        e.commission_horizon_years
    } else {
        (s.pay.new_customer_window_weeks as f64 / WEEKS_PER_YEAR).min(e.commission_horizon_years)
    };
    let bonus_farm: f64 = s.pay.bonuses.iter().map(|b| b.payout).sum();
    let new_account_revenue = s.market.potential_mean * s.market.initial_wallet_share;
    let asked = s.sales_force.hours_per_week * s.sales_force.hours_pressure;
    let prod = hourly_productivity(s, rep, work, week).max(1e-3);
    let income = pay.expected_pay.max(1.0);
    let variable_share = (1.0 - s.pay.base_salary / income).clamp(0.0, 1.0);
    let income_weight =
        libm::pow(market_pay / income, e.income_elasticity).clamp(r.income_weight_min, r.income_weight_max);
    let marginal = if pay.quota_made() { s.pay.accelerator } else { 1.0 };
    let capped = s.pay.cap > 0.0 && pay.variable_this_year >= s.pay.cap;
    let cap_factor = if capped { 0.0 } else { 1.0 };
    // Value of a weekly hunting hour sustained for a year.
    let hunt_value = rate_hunt
        * marginal
        * cap_factor
        * horizon
        * hit_rate
        * new_account_revenue
        * prod
        * WEEKS_PER_YEAR
        * income_weight;
    // A rep still ramping up is judged on its ramp, not on whether it makes quota yet.
    let ramping = rep.tenure_weeks(week) < rep.ramp_weeks;
    let stance = if ramping { QuotaStance::Normal } else { quota_stance(s, pay, chance, week) };
    let income_effort =
        libm::pow(income_weight, r.income_effort_exponent).clamp(r.income_effort_min, r.income_effort_max);
    let mut multiplier = (1.0 - variable_share) + variable_share * stance_effort(s, stance) * income_effort;
    multiplier *= (1.0 - r.morale_effort) + r.morale_effort * work.morale;
    if matches!(rep.status, RepStatus::Withdrawing { .. }) {
        multiplier *= r.withdrawing_effort;
    }
    let sick = libm::exp(-r.sick_per_fatigue * work.fatigue);
    let worked = asked * multiplier / (1.0 + r.fatigue_effort * work.fatigue) * sick;
    let team = (e.team_hours_per_shared_account * book.shared_accounts as f64).min(r.team_hours_cap * worked);
    let inputs = PlanInputs {
        selling_hours: ((worked - team) * selling_time_factor(s, tools) - training_hours(s)).max(0.0),
        variable_share,
        directed_hunting: if book.accounts == 0 { 1.0 } else { e.directed_hunting_share },
        productivity: prod,
        response: e.coverage_response,
        hunt_value,
        alpha: e.loss_aversion * rate_farm * marginal * cap_factor * e.book_at_risk_share,
        beta: e.loss_aversion * bonus_farm / book.accounts.max(1) as f64,
        need_hours: book.need_hours,
    };
    RepWeek { plan: plan_week(bins, &inputs), team, worked, stance }
}

/// Size and split every employed rep's week, and set its attention plan for the weekly pass.
pub(crate) fn allocate_rep_hours(
    params: Res<Params>,
    clock: Res<Clock>,
    market: Res<MarketState>,
    labour: Res<crate::sim::careers::market::LabourMarket>,
    tools: Res<ToolsInForce>,
    forecasts: Res<Forecasts>,
    bins: Res<BookBins>,
    mut books: ResMut<Books>,
    mut reps: Query<(&Rep, &mut Workload, &PayState)>,
) {
    let s = &params.0;
    let week = clock.week;
    let capacity = s.sales_force.hours_per_week;
    let empty = ValueBins::default();
    for (rep, mut work, pay) in &mut reps {
        if !rep.is_employed() {
            continue;
        }
        let Some(book) = books.get_mut(rep.id) else { continue };
        let chance = chance_of_quota(s, pay, &forecasts.of(rep.id), week);
        let bins = bins.0.get(rep.id as usize).unwrap_or(&empty);
        let w = plan_rep(s, rep, &work, pay, book, bins, market.hit_rate, chance, week, tools.level, labour.pay);
        book.plan = w.plan.plan;
        book.skill_factor = skill_factor(s, rep.skill);
        book.complex_fit = complex_fit(s, rep, week);
        work.hunting = w.plan.hunting;
        work.farming = w.plan.farming;
        work.team = w.team;
        work.quota_stance = w.stance;
        work.quota_chance = chance;
        work.fatigue = work.fatigue * (1.0 - s.effort.fatigue_recovery) + (w.worked - capacity).max(0.0) / capacity;
    }
}
