//! Mechanism 8: hiring into vacancies after a delay, the quit hazard, and competitors' poaching
//! offers sized by the book that would follow the rep.

use super::components::*;
use super::departure::FollowModel;
use super::events::{CompetitorNames, EventLog};
use super::metrics::Totals;
use super::resources::*;
use super::setup::{draw_rep, new_pay_state, new_workload};
use super::{Tick, TickSet};
use crate::rng::{Purpose, Stream, name_key, weekly_hazard};
use crate::scenario::Scenario;
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Tick, (hire_reps, assess_quit_risk, make_poaching_offers).chain().in_set(TickSet::Careers));
}

/// Steepness of offer acceptance around the point where the offer matches current pay plus the
/// switching premium and unvested deferred pay.
pub const OFFER_ACCEPT_STEEPNESS: f64 = 6.0;

/// Open vacancies up to the headcount target (closing surplus ones), and hire into every vacancy
/// whose delay has run out unless hiring is frozen.
pub fn hire_reps(
    params: Res<Params>,
    clock: Res<Clock>,
    mut staffing: ResMut<Staffing>,
    mut index: ResMut<RepIndex>,
    mut tally: ResMut<WeekTally>,
    mut totals: ResMut<Totals>,
    mut log: ResMut<EventLog>,
    reps: Query<&Rep>,
    mut commands: Commands,
) {
    let s = &params.0;
    let week = clock.week;
    let target = if s.hiring.target_headcount > 0 { s.hiring.target_headcount } else { staffing.initial_headcount };
    let staying = reps.iter().filter(|r| r.status == RepStatus::Active).count() as u32;
    let mut open = staying + staffing.vacancies.len() as u32;
    while open > target && !staffing.vacancies.is_empty() {
        staffing.vacancies.pop();
        open -= 1;
    }
    while open < target {
        let n = totals.vacancies_opened;
        totals.vacancies_opened += 1;
        let mut r = Stream::new(clock.seed, 3_000_000 + n, week, Purpose::Vacancy);
        let delay = (s.hiring.vacancy_weeks * (0.3 * r.normal()).exp()).round() as u32;
        staffing.vacancies.push(Vacancy { opened_week: week, start_week: week + delay });
        open += 1;
    }
    if s.hiring.freeze {
        return;
    }
    let due: Vec<Vacancy> = staffing.vacancies.iter().filter(|v| v.start_week <= week).copied().collect();
    staffing.vacancies.retain(|v| v.start_week > week);
    for v in due {
        let id = staffing.next_rep_id;
        staffing.next_rep_id += 1;
        let rep = draw_rep(clock.seed, id, week, 0.0, s);
        let mut pay = new_pay_state(s, 0.0);
        pay.expected_pay += s.hiring.ramp_guarantee * (s.careers.market_pay - s.pay.base_salary).max(0.0);
        index.add(id, commands.spawn((rep, new_workload(), pay)).id());
        tally.hired += 1;
        totals.vacancy_weeks += (week - v.opened_week) as f64;
        totals.hires += 1;
        log.push(week, "hire").rep(id).cause("vacancy").detail(format!("vacancy open {} weeks", week - v.opened_week));
    }
}

/// Weekly quit hazard of a rep:
/// h = h0 · exp(β_pay·clamp((market − expected)/market, −1, 1.5)) · exp(β_fat·fatigue)
///       · (1 + β_col·team departures) · exp(β_mor·(1 − morale)) · max(0.2, 1 − τ·min(5, years))
///       · exp(−unvested / market).
pub fn quit_hazard(s: &Scenario, rep: &Rep, work: &Workload, pay: &PayState, team_departures: u32, week: u32) -> f64 {
    let k = &s.careers;
    let shortfall = ((k.market_pay - pay.expected_pay) / k.market_pay).clamp(-1.0, 1.5);
    let years = rep.tenure_weeks(week) / 52.0;
    let h = weekly_hazard(k.quit_rate_annual)
        * (k.pay_sensitivity * shortfall).exp()
        * (k.fatigue_sensitivity * work.fatigue).exp()
        * (1.0 + k.colleague_sensitivity * team_departures as f64)
        * (k.morale_sensitivity * (1.0 - work.morale)).exp()
        * (1.0 - k.tenure_protection * years.min(5.0)).max(0.2)
        * (-pay.unvested() / k.market_pay).exp();
    h.min(1.0)
}

/// Active reps draw against their quit hazard; a rep who quits gives notice and withdraws.
pub fn assess_quit_risk(
    params: Res<Params>,
    clock: Res<Clock>,
    staffing: Res<Staffing>,
    mut log: ResMut<EventLog>,
    mut reps: Query<(&mut Rep, &mut Workload, &PayState)>,
) {
    let s = &params.0;
    let week = clock.week;
    for (mut rep, mut work, pay) in &mut reps {
        work.morale += s.careers.morale_recovery * (1.0 - work.morale);
        if rep.status != RepStatus::Active {
            continue;
        }
        let h = quit_hazard(s, &rep, &work, pay, staffing.team_departures(rep.team, week), week);
        let mut r = Stream::new(clock.seed, rep.id as u64, week, Purpose::Quit);
        if r.chance(h) {
            let to_rival = r.chance(s.careers.quit_to_rival_share);
            rep.status = RepStatus::Withdrawing {
                leave_week: week + s.careers.withdrawal_weeks,
                reason: LeaveReason::Quit { to_rival },
            };
            log.push(week, "notice").rep(rep.id).cause("quit").detail(format!(
                "expected pay {:.0} vs market {:.0}; fatigue {:.2}; morale {:.2}",
                pay.expected_pay, s.careers.market_pay, work.fatigue, work.morale
            ));
        }
    }
}

/// The revenue a rival would take with a rep: its accounts' run-rates (this week × 52), each
/// weighted by the probability it would follow the rep ([`FollowModel`]).
fn portable_book(
    follow: &FollowModel,
    week: u32,
    rep: u32,
    portfolios: &Portfolios,
    customers: &Query<(&Bonds, &Ledger), With<ActiveAccount>>,
) -> f64 {
    portfolios
        .of(rep)
        .iter()
        .filter_map(|&e| customers.get(e).ok())
        .filter(|(b, _)| b.owner == Some(rep))
        .map(|(b, l)| l.revenue_week * 52.0 * follow.probability(b, week, 0))
        .sum()
}

/// Competitors in the market make offers with weekly probability 1 − exp(−appetite · portable
/// book in $M); the offer is market pay + offer rate × portable book, accepted with probability
/// σ(k · (offer / (expected · (1 + premium) + unvested) − 1)). With probability
/// `colleague_move_share` the competitor also recruits the teammate with the largest portable book.
/// A rep's portable book is at most its book's run-rate, so it is summed over the rep's accounts
/// only when the draw falls below the offer probability at that bound: most weeks, for most reps,
/// no account is visited.
pub fn make_poaching_offers(
    params: Res<Params>,
    clock: Res<Clock>,
    books: Res<Books>,
    names: Res<CompetitorNames>,
    portfolios: Res<Portfolios>,
    mut tally: ResMut<WeekTally>,
    mut log: ResMut<EventLog>,
    competitors: Query<&Competitor>,
    customers: Query<(&Bonds, &Ledger), With<ActiveAccount>>,
    mut reps: Query<(&mut Rep, &PayState)>,
) {
    let s = &params.0;
    let week = clock.week;
    let mut entered: Vec<u16> = competitors.iter().filter(|c| c.entered).map(|c| c.id).collect();
    entered.sort();
    if entered.is_empty() {
        return;
    }
    // (id, team, reservation pay, bound on the portable book: this week's revenue × 52).
    let mut order: Vec<(u32, u32, f64, f64)> = reps
        .iter()
        .filter(|(r, _)| r.status == RepStatus::Active)
        .map(|(r, p)| {
            (
                r.id,
                r.team,
                p.expected_pay * (1.0 + s.careers.switching_premium) + p.unvested(),
                books.get(r.id).map_or(0.0, |b| b.revenue_week * 52.0 * (1.0 + 1e-9)),
            )
        })
        .collect();
    order.sort_by_key(|o| o.0);
    let follow = FollowModel::new(s);
    let mut portable: Vec<Option<f64>> = vec![None; order.len()];
    let mut portable_of = |i: usize| {
        *portable[i].get_or_insert_with(|| portable_book(&follow, week, order[i].0, &portfolios, &customers))
    };
    let mut moving: Vec<(u32, u16, &'static str)> = Vec::new();
    for &c in &entered {
        let spec = &s.competitors[c as usize];
        let offer_chance = |book: f64| 1.0 - (-spec.poach_appetite * book / 1e6).exp();
        for (i, &(id, team, reservation, bound)) in order.iter().enumerate() {
            if moving.iter().any(|m| m.0 == id) {
                continue;
            }
            let mut r = Stream::new(clock.seed, name_key(&spec.name) ^ id as u64, week, Purpose::PoachOffer);
            let draw = r.unit();
            if draw >= offer_chance(bound) {
                continue;
            }
            let book = portable_of(i);
            if draw >= offer_chance(book) {
                continue;
            }
            tally.offers += 1;
            let offer = s.careers.market_pay + spec.offer_commission_rate * book;
            let accept = 1.0 / (1.0 + (-OFFER_ACCEPT_STEEPNESS * (offer / reservation.max(1.0) - 1.0)).exp());
            if !r.chance(accept) {
                continue;
            }
            moving.push((id, c, "offer"));
            if r.chance(s.careers.colleague_move_share) {
                let mate = (0..order.len())
                    .filter(|&j| order[j].1 == team && order[j].0 != id && !moving.iter().any(|m| m.0 == order[j].0))
                    .map(|j| (order[j].0, portable_of(j)))
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
                if let Some((m, _)) = mate {
                    moving.push((m, c, "colleague"));
                }
            }
        }
    }
    for (id, c, cause) in moving {
        for (mut rep, _) in &mut reps {
            if rep.id == id {
                rep.status = RepStatus::Withdrawing {
                    leave_week: week + s.careers.withdrawal_weeks,
                    reason: LeaveReason::Poached { competitor: c },
                };
            }
        }
        log.push(week, "accepts_offer").rep(id).competitor(names.name(c)).cause(cause);
    }
}
