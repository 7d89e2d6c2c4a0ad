//! Mechanism 8, performance: managers review every rep past its ramp (and `review_grace_weeks`
//! after it) each `careers.review_weeks`
//! on its attainment over the recent `careers.review_window_weeks` (credited sales over quota,
//! exponentially averaged since it was hired). A review below `careers.performance_floor` is a strike; after
//! `strikes_to_notice` strikes in a row the rep is put on notice, and a further review below the
//! floor lets it go (it leaves `managed_out_weeks` later). A review at or above the floor clears
//! the record. Attainment relative to peers also moves the quit and offer hazards (`careers.rs`).

use crate::rng::{Purpose, Stream};
use crate::scenario::Scenario;
use crate::sim::components::*;
use crate::sim::observe::events::Cause;
use crate::sim::observe::events::{EventKind, EventLog};
use crate::sim::resources::*;
use bevy::prelude::*;

/// Each reviewed rep's attainment relative to the mean of the reviewed reps (1 if none).
pub struct Peers {
    mean: f64,
}

impl Peers {
    /// The peers among `reps`: employed, past ramp and the review window, with a quota.
    pub(crate) fn of<'a>(s: &Scenario, week: u32, reps: impl Iterator<Item = (&'a Rep, &'a Performance)>) -> Peers {
        let (sum, n) = reps
            .filter(|(r, p)| reviewed(s, r, week) && p.quota > 0.0)
            .fold((0.0, 0u32), |a, (_, p)| (a.0 + p.attainment(), a.1 + 1));
        Peers { mean: if n > 0 && sum > 0.0 { sum / n as f64 } else { 1.0 } }
    }

    /// Attainment relative to the peers, less 1, within ±`performance_gap_max` (0 before review).
    pub(crate) fn gap(&self, s: &Scenario, rep: &Rep, p: &Performance, week: u32) -> f64 {
        if !reviewed(s, rep, week) || p.quota <= 0.0 {
            return 0.0;
        }
        let max = s.behaviour.careers.performance_gap_max;
        (p.attainment() / self.mean - 1.0).clamp(-max, max)
    }
}

/// Whether a rep is past its ramp and the grace after it, so that reviews judge it.
pub(crate) fn reviewed(s: &Scenario, rep: &Rep, week: u32) -> bool {
    rep.status == RepStatus::Active && rep.tenure_weeks(week) >= rep.ramp_weeks + s.careers.review_grace_weeks
}

/// Update every rep's review averages, and at a review week judge those past ramp.
pub(crate) fn review_performance(
    params: Res<Params>,
    clock: Res<Clock>,
    mut tally: ResMut<WeekTally>,
    mut log: ResMut<EventLog>,
    mut reps: Query<(&mut Rep, &PayState, &mut Performance)>,
) {
    let s = &params.0;
    let k = &s.careers;
    let week = clock.week;
    if !s.pay.quota_setting.has_quota() {
        return;
    }
    let memory = 1.0 / k.review_window_weeks;
    let period = s.pay.quota_period.weeks() as f64;
    let review = week % k.review_weeks == k.review_weeks - 1;
    for (mut rep, pay, mut perf) in &mut reps {
        if !rep.is_employed() || pay.period_quota <= 0.0 {
            continue;
        }
        perf.credit += (pay.week_credit - perf.credit) * memory;
        perf.quota += (pay.period_quota / period - perf.quota) * memory;
        if !review || !reviewed(s, &rep, week) {
            continue;
        }
        let attainment = perf.attainment();
        if attainment >= k.performance_floor {
            perf.strikes = 0;
            perf.on_notice = false;
            continue;
        }
        perf.strikes += 1;
        let detail = format!(
            "attainment {attainment:.2} over {:.0} weeks (floor {:.2})",
            k.review_window_weeks, k.performance_floor
        );
        if perf.on_notice {
            let to_rival = Stream::new(clock.seed, rep.id as u64, week, Purpose::Review).chance(k.quit_to_rival_share);
            rep.status = RepStatus::Withdrawing {
                leave_week: week + k.managed_out_weeks,
                reason: LeaveReason::ManagedOut { to_rival },
            };
            log.push(week, EventKind::LetGo).rep(rep.id).cause(Cause::Performance).detail(detail);
        } else if perf.strikes >= k.strikes_to_notice {
            perf.on_notice = true;
            tally.put_on_notice += 1;
            log.push(week, EventKind::PerformanceNotice).rep(rep.id).cause(Cause::Performance).detail(detail);
        }
    }
}
