//! Mechanism 8, hiring: vacancies open on seats (territories) whenever active reps plus open
//! vacancies fall short of the headcount target, and are filled after a delay unless hiring is
//! frozen. A new rep takes over its seat and the accounts held on it, and its skill is drawn from
//! a candidate pool whose quality rises with what the company's reps earn against the market.

use crate::rng::{Purpose, Stream};
use crate::scenario::Scenario;
use crate::sim::accounts::closing::Closing;
use crate::sim::careers::moves::{Candidates, Emigrants};
use crate::sim::components::*;
use crate::sim::observe::events::Cause;
use crate::sim::observe::events::{EventKind, EventLog};
use crate::sim::observe::rep_year::RepYear;
use crate::sim::resources::*;
use crate::sim::setup::{draw_rep, draw_seat};
use bevy::prelude::*;

/// Mean log-skill of a hire: `hiring.pay_selection` × ln(average expected pay of the active reps /
/// market pay), less σ²/2 (σ = `sales_force.skill_sd`) so that a company paying the market hires
/// reps of skill 1 on average.
pub(crate) fn hire_log_skill(s: &Scenario, mean_pay: f64, market_pay: f64) -> f64 {
    let sigma = s.sales_force.skill_sd;
    let relative = (mean_pay / market_pay).max(1e-6);
    s.hiring.pay_selection * libm::log(relative) - 0.5 * sigma * sigma
}

/// The seats that need a rep and have no vacancy (their rep left or is leaving), found in seat
/// order in one pass however many vacancies open (a force growing by thousands at once).
struct UnstaffedSeats {
    has_vacancy: Vec<bool>,
    next: usize,
}

impl UnstaffedSeats {
    fn new(staffing: &Staffing) -> Self {
        let mut has_vacancy = vec![false; staffing.seats.len()];
        for v in &staffing.vacancies {
            has_vacancy[v.seat as usize] = true;
        }
        UnstaffedSeats { has_vacancy, next: 0 }
    }

    /// The first seat from the last one found that needs a vacancy, marked as having one (seats
    /// before it cannot need one again while vacancies are only being opened).
    fn take(&mut self, staffing: &Staffing, active: &[u32]) -> Option<u32> {
        while self.next < staffing.seats.len() {
            let i = self.next;
            self.next += 1;
            let seat = &staffing.seats[i];
            // A seat added since the search began was added with a vacancy.
            let vacant = self.has_vacancy.get(i).copied().unwrap_or(true);
            if !seat.retired && seat.rep.is_none_or(|r| active.binary_search(&r).is_err()) && !vacant {
                self.has_vacancy[i] = true;
                return Some(i as u32);
            }
        }
        None
    }
}

/// Open vacancies up to the headcount target (closing surplus ones and retiring their seats, whose
/// held accounts are then spread over colleagues), and hire into every vacancy whose delay has run
/// out unless hiring is frozen.
pub(crate) fn hire_reps(
    params: Res<Params>,
    clock: Res<Clock>,
    market: Res<crate::sim::careers::market::LabourMarket>,
    mut staffing: ResMut<Staffing>,
    mut index: ResMut<RepIndex>,
    mut portfolios: ResMut<Portfolios>,
    mut tally: ResMut<WeekTally>,
    mut log: ResMut<EventLog>,
    mut closing: Closing,
    mut candidates: ResMut<Candidates>,
    mut emigrants: ResMut<Emigrants>,
    reps: Query<(&Rep, &PayState)>,
    mut accounts: Query<(&mut Account, &mut AccountFile, &mut AccountState)>,
    mut commands: Commands,
) {
    let s = &params.0;
    let week = clock.week;
    let target = if s.hiring.target_headcount > 0 { s.hiring.target_headcount } else { staffing.initial_headcount };
    let mut active: Vec<u32> = reps.iter().filter(|(r, _)| r.status == RepStatus::Active).map(|(r, _)| r.id).collect();
    active.sort();
    let mut open = active.len() as u32 + staffing.vacancies.len() as u32;
    while open > target {
        let Some(v) = staffing.vacancies.pop() else { break };
        let seat = &mut staffing.seats[v.seat as usize];
        seat.retired = true;
        for e in std::mem::take(&mut seat.held) {
            if let Ok((mut a, _, _)) = accounts.get_mut(e) {
                a.held = false;
                portfolios.unowned.push(e);
            }
        }
        open -= 1;
    }
    let mut unstaffed = UnstaffedSeats::new(&staffing);
    while open < target {
        let seat = match unstaffed.take(&staffing, &active) {
            Some(i) => i,
            None => {
                let id = staffing.seats.len() as u32;
                staffing.seats.push(draw_seat(clock.seed, id, s));
                id
            }
        };
        let n = staffing.vacancies_opened;
        staffing.vacancies_opened += 1;
        let mut r = Stream::new(clock.seed, n, week, Purpose::Vacancy);
        let delay = r.lognormal_median(s.hiring.vacancy_weeks, s.behaviour.careers.vacancy_sigma).round() as u32;
        staffing.vacancies.push(Vacancy { seat, opened_week: week, start_week: week + delay });
        open += 1;
    }
    if s.hiring.freeze {
        emigrants.unhired.extend(candidates.0.drain(..));
        return;
    }
    let pays: Vec<f64> =
        reps.iter().filter(|(r, _)| r.status == RepStatus::Active).map(|(_, p)| p.expected_pay).collect();
    let mean_pay = if pays.is_empty() { market.pay } else { pays.iter().sum::<f64>() / pays.len() as f64 };
    let log_skill = hire_log_skill(s, mean_pay, market.pay);
    let due: Vec<Vacancy> = staffing.vacancies.iter().filter(|v| v.start_week <= week).copied().collect();
    staffing.vacancies.retain(|v| v.start_week > week);
    for v in due {
        let id = staffing.next_rep_id;
        staffing.next_rep_id += 1;
        let mut rep = draw_rep(clock.seed, id, v.seat, week, 0.0, log_skill, s);
        // In an industry, a rep between jobs the industry offered is hired first if it is at least
        // as skilled as the median hire from outside (exp of the mean log-skill).
        let from_pool = candidates.0.pop_front();
        let from_pool = match from_pool {
            Some(c) if c.skill >= libm::exp(log_skill) => Some(c),
            Some(c) => {
                emigrants.unhired.push(c);
                None
            }
            None => None,
        };
        if let Some(c) = &from_pool {
            rep.skill = c.skill;
        }
        let mut pay = PayState::starting(s, 0.0);
        pay.expected_pay += s.hiring.ramp_guarantee * (market.pay - s.pay.base_salary).max(0.0);
        spawn_rep(&mut commands, &mut index, id, rep, pay);
        tally.hired += 1;
        tally.vacancy_weeks += (week - v.opened_week) as f64;
        let between_jobs = from_pool.map(|c| format!("; between jobs since week {}, was {}", c.left_week, c.was));
        log.push(week, EventKind::Hire).rep(id).cause(Cause::Vacancy).detail(format!(
            "vacancy open {} weeks{}",
            week - v.opened_week,
            between_jobs.unwrap_or_default()
        ));
        take_over_seat(s, week, v.seat, id, &mut staffing, &mut portfolios, &mut log, &mut closing, &mut accounts);
    }
    emigrants.unhired.extend(candidates.0.drain(..));
}

/// Rep `id` takes seat `seat` and the accounts held on it for a rep to be hired (by a hire, or a
/// rep who joins from a rival firm, `migration.rs`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn take_over_seat(
    s: &Scenario,
    week: u32,
    seat: u32,
    id: u32,
    staffing: &mut Staffing,
    portfolios: &mut Portfolios,
    log: &mut EventLog,
    closing: &mut Closing,
    accounts: &mut Query<(&mut Account, &mut AccountFile, &mut AccountState)>,
) {
    let seat = &mut staffing.seats[seat as usize];
    seat.rep = Some(id);
    for e in std::mem::take(&mut seat.held) {
        let Ok((mut a, mut file, mut st)) = accounts.get_mut(e) else { continue };
        if a.owner.is_some() {
            continue;
        }
        closing.take_out(&a, &st);
        a.held = false;
        a.owner = Some(id);
        file.rep_since_week = week as i32;
        st.loyalty_rep = s.behaviour.handover.new_rep_loyalty as f32;
        closing.enter(e, &a, &st);
        portfolios.add(id, e);
        log.push(week, EventKind::Reassign).rep(id).customer(a.id()).cause(Cause::ReplacementHire);
    }
}

/// Spawn rep `id` joining the force (a hire, or a rep from a rival firm, `migration.rs`): rested,
/// with its pay state and no review history, and index it.
pub(crate) fn spawn_rep(commands: &mut Commands, index: &mut RepIndex, id: u32, rep: Rep, pay: PayState) {
    index.add(id, commands.spawn((rep, Workload::rested(), pay, Performance::default(), RepYear::default())).id());
}
