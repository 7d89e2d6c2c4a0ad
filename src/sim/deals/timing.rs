//! Timing games around quota deadlines (Oyer 1998; Larkin 2014; seed 001; evidence F18). In the
//! last `deals.timing_window_weeks` of a quota period:
//! - a rep whose quota is safe while extra sales pay no more now (no accelerator), or who has
//!   given up on it, lets the deals due before the period ends slip into the next period, where
//!   they count towards the next quota (at `slip_win_factor` of their chance);
//! - a rep past its quota whose accelerator pays more for a sale now than its base rate will next
//!   period, even after the discount and the lower chance, pulls in every deal it can;
//! - a rep short of its quota but not out of reach, with a bonus at quota or an accelerator to
//!   gain, pulls deals due in the first weeks of the next period into this one, most valuable
//!   first, until with its pace and the deals already due it expects to make quota (or none are
//!   left); a pulled deal closes this week at a discount and at `pull_in_win_factor` of its chance.
//! A rep's deals are its new-customer deals in the pipeline and the expansions open on its accounts.

use super::account::AccountDeals;
use super::forecast::{can_pull_in, credit_share};
use super::hunt::by_rep;
use super::*;
use crate::sim::components::*;
use crate::sim::resources::*;

/// What a rep does with its deals near the period end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Move {
    Slip,
    PullIn,
}

/// A rep near a period end that moves deals.
struct Mover {
    rep: u32,
    skill_factor: f64,
    action: Move,
    /// Quota still to make beyond its pace of recurring credit over the weeks left.
    shortfall: f64,
}

/// Where one of a rep's deals is.
#[derive(Clone, Copy, Debug)]
enum Handle {
    Pursuit(usize),
    Account(Entity),
}

/// Pull deals in or let them slip, rep by rep, in the last weeks of each quota period.
pub(crate) fn play_timing_games(
    params: Res<Params>,
    clock: Res<Clock>,
    staffing: Res<Staffing>,
    portfolios: Res<Portfolios>,
    mut pipeline: ResMut<Pipeline>,
    mut open_deals: ResMut<AccountDeals>,
    mut tally: ResMut<WeekTally>,
    reps: Query<(&Rep, &Workload, &PayState)>,
    mut accounts: Query<(&Account, &mut AccountState)>,
) {
    let s = &params.0;
    let q = &s.deals;
    let week = clock.week;
    let period = s.pay.quota_period.weeks();
    let left = period - week % period;
    if q.timing_window_weeks == 0 || left > q.timing_window_weeks || !s.pay.quota_setting.has_quota() {
        return;
    }
    let period_end = week + left - 1;
    let accelerates = s.pay.accelerator > 1.0 + 1e-9;
    // A pulled deal earns the accelerated rate now instead of the base rate next period.
    let accelerated_pull_pays = s.pay.accelerator * q.pull_in_win_factor * (1.0 - q.pull_in_discount) > 1.0;
    let mut movers: Vec<Mover> = reps
        .iter()
        .filter(|(r, _, p)| r.is_employed() && p.period_quota > 0.0)
        .filter_map(|(rep, work, pay)| {
            let made = pay.quota_made();
            let action = if (made && !accelerates) || work.quota_stance == QuotaStance::GaveUp {
                Move::Slip
            } else if (made && accelerated_pull_pays) || (!made && can_pull_in(s)) {
                Move::PullIn
            } else {
                return None;
            };
            // Past quota, every pullable deal is worth pulling; short of it, as many as close the gap.
            let shortfall = if made {
                f64::INFINITY
            } else {
                pay.period_quota - pay.period_credit - pay.recurring_pace * left as f64
            };
            Some(Mover { rep: rep.id, skill_factor: skill_factor(s, rep.skill), action, shortfall })
        })
        .collect();
    movers.sort_by_key(|m| m.rep);
    let pursuits = by_rep(&pipeline, staffing.next_rep_id as usize);
    let mut soon = portfolios.due_soon.clone();
    soon.sort_by_key(|d| d.0);
    for m in movers {
        let mut deals: Vec<(Handle, Terms)> =
            pursuits[m.rep as usize].iter().map(|&i| (Handle::Pursuit(i), pipeline.deals[i].terms)).collect();
        let start = soon.partition_point(|d| d.0 < m.rep);
        for &(_, e) in soon[start..].iter().take_while(|d| d.0 == m.rep) {
            if let Ok((a, st)) = accounts.get(e) {
                if let (Some(d), Some(_)) = (open_deals.of(st), a.owner.filter(|&o| o == m.rep)) {
                    deals.push((Handle::Account(e), d.terms));
                }
            }
        }
        let chosen: Vec<Handle> = match m.action {
            Move::Slip => deals.iter().filter(|(_, t)| t.movable() && t.due_week <= period_end).map(|d| d.0).collect(),
            Move::PullIn => pull_ins(s, &deals, m.skill_factor, m.shortfall, period_end),
        };
        for h in chosen {
            match (h, m.action) {
                (Handle::Pursuit(i), Move::Slip) => pipeline.deals[i].terms.slip(period_end + 1),
                (Handle::Pursuit(i), Move::PullIn) => pipeline.deals[i].terms.pull_in(s, week),
                (Handle::Account(e), action) => {
                    let Ok((_, mut st)) = accounts.get_mut(e) else { continue };
                    open_deals.update(s, &mut st, |d| match action {
                        Move::Slip => d.terms.slip(period_end + 1),
                        Move::PullIn => d.pull_in(s, week),
                    });
                }
            }
            match m.action {
                Move::Slip => tally.deals_slipped += 1,
                Move::PullIn => tally.deals_pulled_in += 1,
            }
        }
    }
}

/// The most valuable of a rep's deals due just after `period_end` to pull in, until with the deals
/// already due this period they are expected to cover `shortfall`.
fn pull_ins(
    s: &Scenario,
    deals: &[(Handle, Terms)],
    skill_factor: f64,
    shortfall: f64,
    period_end: u32,
) -> Vec<Handle> {
    let q = &s.deals;
    let value = |t: &Terms| chance(s, t, &Odds::forecast(skill_factor)) * t.size * credit_share(s, t.kind);
    let due_now: f64 = deals.iter().filter(|(_, t)| t.due_week <= period_end).map(|(_, t)| value(t)).sum();
    let mut gap = shortfall - due_now;
    if gap <= 0.0 {
        return Vec::new();
    }
    let horizon = period_end + q.timing_window_weeks;
    let mut candidates: Vec<(Handle, u32, f64)> = deals
        .iter()
        .filter(|(_, t)| t.movable() && t.due_week > period_end && t.due_week <= horizon)
        .map(|(h, t)| (*h, t.id, value(t) * q.pull_in_win_factor * (1.0 - q.pull_in_discount)))
        .collect();
    candidates.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.1.cmp(&b.1)));
    let mut chosen = Vec::new();
    for (h, _, v) in candidates {
        if gap <= 0.0 {
            break;
        }
        chosen.push(h);
        gap -= v;
    }
    chosen
}
