//! Mechanism 7: base, commission (basis, accelerator), team pool, a bonus at quota, qualitative
//! bonuses, ramp guarantee and deferred/vesting pay, all variable pay within the cap; settled at
//! each quota period's end, when the next quota is set.

use crate::scenario::{BonusMetric, QuotaSetting, Scenario};
use crate::sim::components::*;
use crate::sim::resources::*;
use bevy::prelude::*;

/// When the quota period changes, the period in force is rescaled pro rata to the new length: its
/// quota, the credit it has so far and the rep's forecast for it, all × new weeks / old weeks, so
/// that attainment so far is unchanged and the next quota (a ratchet's figure is the period's
/// credit) is set from a period's worth of sales, not from the longer period's.
pub(crate) fn rescale_quotas_to_period(params: Res<Params>, mut reps: Query<&mut PayState>) {
    let weeks = params.0.pay.quota_period.weeks();
    for mut pay in &mut reps {
        if pay.quota_weeks != weeks {
            if pay.quota_weeks > 0 {
                let k = weeks as f64 / pay.quota_weeks as f64;
                pay.period_quota *= k;
                pay.period_credit *= k;
                pay.period_forecast *= k;
            }
            pay.quota_weeks = weeks;
        }
    }
}

/// Variable pay the rep can still earn this year under the cap (unbounded without one). Every
/// component of variable pay (commission, team pool, bonuses, ramp guarantee) counts against it.
pub fn cap_room(s: &Scenario, pay: &PayState) -> f64 {
    if s.pay.cap > 0.0 { (s.pay.cap - pay.variable_this_year).max(0.0) } else { f64::INFINITY }
}

/// Take up to `amount` from the cap room left.
fn take(room: &mut f64, amount: f64) -> f64 {
    let x = amount.min(*room).max(0.0);
    *room -= x;
    x
}

/// Commission on `credit` given what was already credited this period: the part above quota
/// earns the accelerator (no quota: every dollar at the base rate). Credit is never negative (a
/// loss-making sale earns none); should any reach here, it earns nothing rather than a clawback.
pub fn commission_on(s: &Scenario, pay: &PayState, credit: f64, rate: f64) -> f64 {
    let credit = credit.max(0.0);
    let below =
        if pay.period_quota > 0.0 { (pay.period_quota - pay.period_credit).max(0.0).min(credit) } else { credit };
    rate * (below + (credit - below) * s.pay.accelerator)
}

/// Book pay earned this week: smooths expected pay, keeps the week's amounts and adds to the tally.
fn record(s: &Scenario, pay: &mut PayState, tally: &mut WeekTally, fixed: f64, variable: f64) {
    pay.expected_pay += ((fixed + variable) * WEEKS_PER_YEAR - pay.expected_pay) / s.behaviour.pay.expected_pay_weeks;
    pay.variable_this_year += variable;
    pay.week_base += fixed;
    pay.week_variable += variable;
    tally.rep_pay += fixed + variable;
    tally.rep_variable += variable;
}

/// A one-off payment that buys off a rep's threat to leave: outside the plan (not capped), but
/// counted in the year's variable pay.
pub(crate) fn pay_retention(s: &Scenario, pay: &mut PayState, tally: &mut WeekTally, amount: f64) {
    pay.paid_retention += amount;
    pay.paid_total += amount;
    record(s, pay, tally, 0.0, amount);
}

/// Weekly accrual: base salary, individual commission on this week's credit (recurring revenue
/// and deals closed), and the team pool (share s of commission on the team's credit, split
/// evenly among the team's reps); the rep's paces of recurring credit and bookings.
pub(crate) fn accrue_pay(
    params: Res<Params>,
    books: Res<Books>,
    mut tally: ResMut<WeekTally>,
    mut reps: Query<(&Rep, &mut PayState)>,
) {
    let s = &params.0;
    let share = s.pay.team_pool_share;
    let credit_of = |id: u32| books.get(id).map_or((0.0, 0.0), |b| (b.credit_week, b.bookings_week));
    let mut team_credit: Vec<(f64, u32)> = Vec::new();
    for (rep, _) in &reps {
        if rep.is_employed() {
            let t = rep.team as usize;
            if team_credit.len() <= t {
                team_credit.resize(t + 1, (0.0, 0));
            }
            let (recurring, bookings) = credit_of(rep.id);
            team_credit[t].0 += recurring + bookings;
            team_credit[t].1 += 1;
        }
    }
    let base = s.pay.base_salary / WEEKS_PER_YEAR;
    let pace = 1.0 / s.behaviour.pay.pace_weeks;
    for (rep, mut pay) in &mut reps {
        pay.week_credit = 0.0;
        pay.week_base = 0.0;
        pay.week_variable = 0.0;
        if !rep.is_employed() {
            continue;
        }
        let (recurring, bookings) = credit_of(rep.id);
        let credit = recurring + bookings;
        let commission = commission_on(s, &pay, credit, s.pay.commission_rate * (1.0 - share));
        let (tc, tn) = team_credit[rep.team as usize];
        let team = if share > 0.0 { share * s.pay.commission_rate * tc / tn.max(1) as f64 } else { 0.0 };
        let mut room = cap_room(s, &pay);
        let commission = take(&mut room, commission);
        let team = take(&mut room, team);
        pay.period_credit += credit;
        pay.week_credit = credit;
        let deviation = credit - (pay.recurring_pace + pay.bookings_pace);
        pay.credit_variance += (deviation * deviation - pay.credit_variance) / s.behaviour.pay.volatility_weeks;
        pay.recurring_pace += (recurring - pay.recurring_pace) * pace;
        pay.bookings_pace += (bookings - pay.bookings_pace) * pace;
        pay.period_commission += commission;
        pay.period_team += team;
        pay.paid_base += base;
        pay.paid_total += base;
        record(s, &mut pay, &mut tally, base, commission + team);
    }
}

/// The growth a period's quota asks for: (1 + `quota_growth`)^(weeks in the period / 52).
pub(crate) fn period_growth(s: &Scenario) -> f64 {
    libm::pow(1.0 + s.pay.quota_growth, s.pay.quota_period.weeks() as f64 / WEEKS_PER_YEAR)
}

/// A ratchet's figure for a rep's next quota, w·credit + (1 − w)·quota, with w = `up` when the
/// period's sales beat its quota and `down` when they fell short; None for other rules or a rep
/// without a quota yet.
fn ratchet_figure(s: &Scenario, pay: &PayState) -> Option<f64> {
    match s.pay.quota_setting {
        QuotaSetting::Ratchet { up, down } if pay.period_quota > 0.0 => {
            let w = if pay.period_credit >= pay.period_quota { up } else { down };
            Some(w * pay.period_credit + (1.0 - w) * pay.period_quota)
        }
        _ => None,
    }
}

/// The company's plan under a ratchet, as the factor that turns each rep's figure into its quota:
/// the plan is the period's sales of the reps with a quota × the period's growth, shared out in
/// proportion to their figures (1 when there is nothing to share).
fn plan_scale<'a>(s: &Scenario, reps: impl Iterator<Item = &'a PayState>) -> f64 {
    let (credit, figures) = reps
        .filter_map(|p| ratchet_figure(s, p).map(|f| (p.period_credit, f)))
        .fold((0.0, 0.0), |a, (c, f)| (a.0 + c, a.1 + f));
    if figures > 0.0 && credit > 0.0 { period_growth(s) * credit / figures } else { 1.0 }
}

/// The quota for the period starting next week (at least `fallback`, the ramping rep's floor).
/// A ratchet gives the rep its figure × `plan` (see [`plan_scale`]), so a force that sells the
/// same every period settles at quotas of its sales × the growth (attainment 1/g), the state the
/// run starts in (`settle.rs`); a rep's first quota is its run-rate × the growth.
fn next_quota(s: &Scenario, pay: &PayState, book: &Book, fallback: f64, plan: f64) -> f64 {
    let period = s.pay.quota_period.weeks() as f64;
    let run_rate = (pay.recurring_pace + pay.bookings_pace) * period;
    let q = match s.pay.quota_setting {
        QuotaSetting::NoQuota => return 0.0,
        QuotaSetting::TerritoryShare(share) => {
            share * book.potential_annual * period / WEEKS_PER_YEAR * period_growth(s)
        }
        QuotaSetting::Ratchet { .. } => ratchet_figure(s, pay).map_or(run_rate * period_growth(s), |f| f * plan),
    };
    q.max(fallback)
}

/// The bonuses a rep earned this period: the bonus at quota and each qualitative bonus met.
fn period_bonus(s: &Scenario, pay: &PayState, book: &Book, losses: u32) -> f64 {
    let fraction = s.pay.quota_period.weeks() as f64 / WEEKS_PER_YEAR;
    let mut bonus = if pay.quota_made() { s.pay.quota_bonus * fraction } else { 0.0 };
    let mean = |sum: f64| if book.accounts > 0 { Some(sum / book.accounts as f64) } else { None };
    for b in &s.pay.bonuses {
        let achieved = match b.metric {
            BonusMetric::Satisfaction => mean(book.satisfaction_sum).is_some_and(|m| m >= b.target),
            BonusMetric::Retention => {
                pay.period_start_accounts > 0 && 1.0 - losses as f64 / pay.period_start_accounts as f64 >= b.target
            }
            BonusMetric::CrossSell => mean(book.wallet_sum).is_some_and(|m| m - pay.period_start_wallet >= b.target),
        };
        if achieved {
            bonus += b.payout * fraction;
        }
    }
    bonus
}

/// At a period end: pay the bonuses and the ramp guarantee (within the cap), defer the deferred
/// share, and set the next quota. A rep's first quota is set for the rest of its first period.
pub(crate) fn settle_pay_periods(
    params: Res<Params>,
    clock: Res<Clock>,
    books: Res<Books>,
    market: Res<crate::sim::careers::market::LabourMarket>,
    mut index: ResMut<RepIndex>,
    mut tally: ResMut<WeekTally>,
    mut reps: Query<(&Rep, &mut PayState)>,
) {
    let s = &params.0;
    let week = clock.week;
    let period = s.pay.quota_period.weeks();
    let period_end = week % period == period - 1;
    let tenured: Vec<f64> = reps
        .iter()
        .filter(|(r, p)| r.is_employed() && r.tenure_weeks(week) >= WEEKS_PER_YEAR && p.period_quota > 0.0)
        .map(|(_, p)| p.period_quota)
        .collect();
    let mean_quota = if tenured.is_empty() { 0.0 } else { tenured.iter().sum::<f64>() / tenured.len() as f64 };
    let no_quota = !s.pay.quota_setting.has_quota();
    let plan =
        if period_end { plan_scale(s, reps.iter().filter(|(r, _)| r.is_employed()).map(|(_, p)| p)) } else { 1.0 };
    for (rep, mut pay) in &mut reps {
        if !rep.is_employed() {
            continue;
        }
        let book = books.get(rep.id).cloned().unwrap_or_default();
        let ramp = ((rep.tenure_weeks(week) + period as f64 / 2.0) / rep.ramp_weeks.max(1.0)).min(1.0);
        let fallback = if no_quota { 0.0 } else { s.behaviour.pay.ramp_quota_share * ramp * mean_quota };
        if pay.period_quota <= 0.0 && !period_end && !no_quota {
            let weeks_left = (period - week % period) as f64;
            pay.period_quota = next_quota(s, &PayState { period_quota: 0.0, ..pay.clone() }, &book, fallback, plan)
                * weeks_left
                / period as f64;
            start_period(s, &mut pay, &book);
            continue;
        }
        if !period_end {
            continue;
        }
        let fraction = period as f64 / WEEKS_PER_YEAR;
        let losses = index.period_losses.get(rep.id as usize).copied().unwrap_or(0);
        let mut room = cap_room(s, &pay);
        let bonus = take(&mut room, period_bonus(s, &pay, &book, losses));
        let earned = pay.period_commission + pay.period_team + bonus;
        let guarantee = if rep.tenure_weeks(week) < rep.ramp_weeks {
            let floor = s.hiring.ramp_guarantee * (market.pay - s.pay.base_salary).max(0.0) * fraction;
            (floor - earned).max(0.0)
        } else {
            0.0
        };
        let guarantee = take(&mut room, guarantee);
        let keep = 1.0 - s.pay.deferred_share;
        let deferred = earned * s.pay.deferred_share;
        if deferred > 0.0 {
            pay.deferred.push_back(Deferral { vests_week: week + s.pay.vesting_weeks, amount: deferred });
        }
        let (c, t) = (pay.period_commission * keep, pay.period_team * keep);
        pay.paid_commission += c;
        pay.paid_team += t;
        pay.paid_bonus += bonus * keep;
        pay.paid_guarantee += guarantee;
        pay.paid_total += c + t + bonus * keep + guarantee;
        record(s, &mut pay, &mut tally, 0.0, bonus + guarantee);
        learn_forecast_error(s, &mut pay);
        pay.period_quota = next_quota(s, &pay, &book, fallback, plan);
        pay.period_credit = 0.0;
        pay.period_commission = 0.0;
        pay.period_team = 0.0;
        start_period(s, &mut pay, &book);
        if let Some(n) = index.period_losses.get_mut(rep.id as usize) {
            *n = 0;
        }
        if is_last_week_of_year(week) {
            pay.variable_this_year = 0.0;
        }
    }
}

/// Learn how far the period's sales missed the rep's forecast, as a share of quota.
fn learn_forecast_error(s: &Scenario, pay: &mut PayState) {
    if pay.period_quota > 0.0 && pay.period_forecast > 0.0 {
        let miss = (pay.period_credit - pay.period_forecast) / pay.period_quota;
        let learn = s.behaviour.pay.forecast_learning;
        pay.forecast_bias += (miss - pay.forecast_bias) * learn;
        pay.forecast_error += (miss * miss - pay.forecast_error) * learn;
    }
}

/// Note the book a period starts with (for the retention and cross-sell bonuses) and what the
/// rep expects to sell in it.
fn start_period(s: &Scenario, pay: &mut PayState, book: &Book) {
    pay.period_forecast = (pay.recurring_pace + pay.bookings_pace) * s.pay.quota_period.weeks() as f64;
    pay.period_start_accounts = book.accounts;
    pay.period_start_wallet = if book.accounts > 0 { book.wallet_sum / book.accounts as f64 } else { 0.0 };
}

/// Deferred pay whose vesting week has come is paid.
pub(crate) fn vest_deferred_pay(clock: Res<Clock>, mut reps: Query<(&Rep, &mut PayState)>) {
    for (rep, mut pay) in &mut reps {
        if !rep.is_employed() {
            continue;
        }
        while pay.deferred.front().is_some_and(|d| d.vests_week <= clock.week) {
            let d = pay.deferred.pop_front().expect("checked");
            pay.paid_vested += d.amount;
            pay.paid_total += d.amount;
        }
    }
}

/// A leaving rep is paid the commission and team pool it accrued this period (it earned them);
/// unvested deferred pay is forfeited.
pub(crate) fn settle_leaver(s: &Scenario, pay: &mut PayState) {
    let keep = 1.0 - s.pay.deferred_share;
    let (c, t) = (pay.period_commission * keep, pay.period_team * keep);
    pay.paid_commission += c;
    pay.paid_team += t;
    pay.paid_total += c + t;
    pay.forfeited += pay.unvested() + (pay.period_commission + pay.period_team) * s.pay.deferred_share;
    pay.deferred.clear();
    pay.period_commission = 0.0;
    pay.period_team = 0.0;
}

/// Specialists' salaries count in the cost of sales.
pub(crate) fn pay_specialists(params: Res<Params>, mut tally: ResMut<WeekTally>, specialists: Query<&Specialist>) {
    let active = specialists.iter().filter(|s| s.active).count() as f64;
    tally.specialist_pay += active * params.0.specialists.salary / WEEKS_PER_YEAR;
}
