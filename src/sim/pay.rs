//! Mechanism 7: base, commission (basis, accelerator, cap), team pool, qualitative bonuses,
//! ramp guarantee and deferred/vesting pay; settled at each quota period's end, when the next
//! quota is set.

use super::components::*;
use super::resources::*;
use super::{Tick, TickSet};
use crate::scenario::{BonusMetric, QuotaSetting, Scenario};
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Tick,
        rescale_quotas_to_period.in_set(TickSet::Timeline).after(super::timeline::apply_timeline_events),
    );
    app.add_systems(
        Tick,
        (accrue_pay, settle_pay_periods, vest_deferred_pay, pay_specialists).chain().in_set(TickSet::Pay),
    );
}

/// When the quota period changes, each quota in force is rescaled pro rata to the new period.
pub fn rescale_quotas_to_period(params: Res<Params>, mut reps: Query<&mut PayState>) {
    let weeks = params.0.pay.quota_period.weeks();
    for mut pay in &mut reps {
        if pay.quota_weeks != weeks {
            if pay.quota_weeks > 0 {
                pay.period_quota *= weeks as f64 / pay.quota_weeks as f64;
            }
            pay.quota_weeks = weeks;
        }
    }
}

/// Commission on `credit` given what was already credited this period: the part above quota earns
/// the accelerator; a cap limits the year's variable pay.
pub fn commission_on(s: &Scenario, pay: &PayState, credit: f64, rate: f64) -> f64 {
    let below = if pay.period_quota > 0.0 { (pay.period_quota - pay.period_credit).clamp(0.0, credit) } else { credit };
    let c = rate * (below + (credit - below) * s.pay.accelerator);
    if s.pay.cap > 0.0 { c.min((s.pay.cap - pay.variable_this_year).max(0.0)) } else { c }
}

/// Book pay earned this week: smooths expected pay and adds to the week's tally.
fn record(pay: &mut PayState, tally: &mut WeekTally, fixed: f64, variable: f64) {
    pay.expected_pay += ((fixed + variable) * 52.0 - pay.expected_pay) / 13.0;
    tally.rep_pay += fixed + variable;
    tally.rep_variable += variable;
}

/// Weekly accrual: base salary, individual commission on this week's credit, and the team pool
/// (share s of commission on the team's credit, split evenly among the team's reps).
pub fn accrue_pay(
    params: Res<Params>,
    books: Res<Books>,
    mut tally: ResMut<WeekTally>,
    mut reps: Query<(&Rep, &Workload, &mut PayState)>,
) {
    let s = &params.0;
    let share = s.pay.team_pool_share;
    let mut team_credit: Vec<(f64, u32)> = Vec::new();
    for (rep, _, _) in &reps {
        if rep.is_employed() {
            let t = rep.team as usize;
            if team_credit.len() <= t {
                team_credit.resize(t + 1, (0.0, 0));
            }
            team_credit[t].0 += books.get(rep.id).map(|b| b.credit_week).unwrap_or(0.0);
            team_credit[t].1 += 1;
        }
    }
    let base = s.pay.base_salary / 52.0;
    for (rep, work, mut pay) in &mut reps {
        if !rep.is_employed() {
            continue;
        }
        let credit = books.get(rep.id).map(|b| b.credit_week).unwrap_or(0.0);
        let commission = commission_on(s, &pay, credit, s.pay.commission_rate * (1.0 - share));
        let (tc, tn) = team_credit[rep.team as usize];
        let team = if share > 0.0 { share * s.pay.commission_rate * tc / tn.max(1) as f64 } else { 0.0 };
        pay.period_credit += credit;
        pay.credit_rate += (credit - pay.credit_rate) / 8.0;
        pay.period_commission += commission;
        pay.period_team += team;
        pay.variable_this_year += commission + team;
        pay.paid_base += base;
        pay.paid_total += base;
        pay.year_base += base;
        pay.year_credit += credit;
        pay.year_hunting += work.hunting;
        pay.year_hours += work.worked();
        record(&mut pay, &mut tally, base, commission + team);
    }
}

/// The quota for the period starting next week.
fn next_quota(s: &Scenario, pay: &PayState, book: &Book, fallback: f64) -> f64 {
    let period = s.pay.quota_period.weeks() as f64;
    let run_rate = book.credit_week * period * (1.0 + s.pay.quota_growth);
    let q = match s.pay.quota_setting {
        QuotaSetting::TerritoryShare(share) => share * book.potential_annual * period / 52.0,
        QuotaSetting::Ratchet { up, down } if pay.period_quota > 0.0 => {
            let w = if pay.period_credit >= pay.period_quota { up } else { down };
            w * pay.period_credit + (1.0 - w) * pay.period_quota
        }
        QuotaSetting::Ratchet { .. } => run_rate,
    };
    q.max(fallback)
}

/// At a period end: pay qualitative bonuses and the ramp guarantee, defer the deferred share,
/// and set the next quota. A rep's first quota is set after its first week.
pub fn settle_pay_periods(
    params: Res<Params>,
    clock: Res<Clock>,
    books: Res<Books>,
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
        .filter(|(r, p)| r.is_employed() && r.tenure_weeks(week) >= 52.0 && p.period_quota > 0.0)
        .map(|(_, p)| p.period_quota)
        .collect();
    let mean_quota = if tenured.is_empty() { 0.0 } else { tenured.iter().sum::<f64>() / tenured.len() as f64 };
    for (rep, mut pay) in &mut reps {
        if !rep.is_employed() {
            continue;
        }
        let book = books.get(rep.id).cloned().unwrap_or_default();
        // A ramping rep's quota is at least half the typical quota, scaled by its ramp at mid-period.
        let ramp = ((rep.tenure_weeks(week) + period as f64 / 2.0) / rep.ramp_weeks.max(1.0)).min(1.0);
        let fallback = 0.5 * ramp * mean_quota;
        if pay.period_quota <= 0.0 && !period_end {
            let weeks_left = (period - week % period) as f64;
            pay.period_quota = next_quota(s, &PayState::default(), &book, fallback) * weeks_left / period as f64;
            pay.period_start_accounts = book.accounts;
            pay.period_start_wallet = if book.accounts > 0 { book.wallet_sum / book.accounts as f64 } else { 0.0 };
            continue;
        }
        if !period_end {
            continue;
        }
        let fraction = period as f64 / 52.0;
        let losses = index.period_losses.get(rep.id as usize).copied().unwrap_or(0);
        let mut bonus = 0.0;
        for b in &s.pay.bonuses {
            let achieved = match b.metric {
                BonusMetric::Satisfaction => {
                    book.accounts > 0 && book.satisfaction_sum / book.accounts as f64 >= b.target
                }
                BonusMetric::Retention => {
                    pay.period_start_accounts > 0 && 1.0 - losses as f64 / pay.period_start_accounts as f64 >= b.target
                }
                BonusMetric::CrossSell => {
                    book.accounts > 0 && book.wallet_sum / book.accounts as f64 - pay.period_start_wallet >= b.target
                }
            };
            if achieved {
                bonus += b.payout * fraction;
            }
        }
        let earned = pay.period_commission + pay.period_team + bonus;
        let guarantee = if rep.tenure_weeks(week) < rep.ramp_weeks {
            (s.hiring.ramp_guarantee * (s.careers.market_pay - s.pay.base_salary).max(0.0) * fraction - earned).max(0.0)
        } else {
            0.0
        };
        let keep = 1.0 - s.pay.deferred_share;
        let deferred = earned * s.pay.deferred_share;
        if deferred > 0.0 {
            pay.deferred.push_back((week + s.pay.vesting_weeks, deferred));
        }
        let (c, t) = (pay.period_commission * keep, pay.period_team * keep);
        pay.paid_commission += c;
        pay.paid_team += t;
        pay.paid_bonus += bonus * keep;
        pay.paid_guarantee += guarantee;
        pay.paid_total += c + t + bonus * keep + guarantee;
        pay.variable_this_year += bonus + guarantee;
        pay.year_variable += earned + guarantee;
        pay.year_quota += pay.period_quota;
        record(&mut pay, &mut tally, 0.0, bonus + guarantee);
        pay.period_quota = next_quota(s, &pay, &book, fallback);
        pay.period_credit = 0.0;
        pay.period_commission = 0.0;
        pay.period_team = 0.0;
        pay.period_start_accounts = book.accounts;
        pay.period_start_wallet = if book.accounts > 0 { book.wallet_sum / book.accounts as f64 } else { 0.0 };
        if let Some(n) = index.period_losses.get_mut(rep.id as usize) {
            *n = 0;
        }
        if week % 52 == 51 {
            pay.variable_this_year = 0.0;
        }
    }
}

/// Deferred pay whose vesting week has come is paid.
pub fn vest_deferred_pay(clock: Res<Clock>, mut reps: Query<(&Rep, &mut PayState)>) {
    for (rep, mut pay) in &mut reps {
        if !rep.is_employed() {
            continue;
        }
        while pay.deferred.front().is_some_and(|(w, _)| *w <= clock.week) {
            let (_, amount) = pay.deferred.pop_front().expect("checked");
            pay.paid_vested += amount;
            pay.paid_total += amount;
        }
    }
}

/// Specialists' salaries count in the cost of sales.
pub fn pay_specialists(params: Res<Params>, mut tally: ResMut<WeekTally>, specialists: Query<&Specialist>) {
    let active = specialists.iter().filter(|s| s.active).count() as f64;
    tally.specialist_pay += active * params.0.specialists.salary / 52.0;
}
