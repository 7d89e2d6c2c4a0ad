//! Complex needs served by capacity (F12): a complex account's needs are met by the hours given to
//! it and the skill behind them, not by a specialist's name on it. Its rep meets a part, its
//! complex fit × its coverage (at most 1); a technical specialist meets the rest in proportion to
//! the hours it gives the account (its `specialists.technical_hours` split over the accounts it
//! serves) over `specialists.complex_need_hours`. A rep's complex fit starts at
//! `customers.generalist_fit` and closes the gap to a full fit with experience (tenure) and
//! training (a policy with a cost in money and selling time, `training.*`):
//!
//!   fit = g + (1 − g)·min(1, experience_fit·(1 − e^(−tenure / experience_weeks)) + fit_gain·level)
//!   met = min(1, fit·min(1, rep coverage) + specialist hours / complex_need_hours)   (complex)

use crate::scenario::Scenario;
use crate::sim::components::*;
use crate::sim::resources::*;
use bevy::prelude::*;

/// A rep's complex fit in `week` (see the module docs).
pub fn complex_fit(s: &Scenario, rep: &Rep, week: u32) -> f64 {
    let u = &s.customers;
    let learned = u.experience_fit * (1.0 - libm::exp(-rep.tenure_weeks(week) / u.experience_weeks));
    let trained = s.training.fit_gain * s.training.level;
    u.generalist_fit + (1.0 - u.generalist_fit) * (learned + trained).min(1.0)
}

/// How fully an account's needs are met this week: 1 for simple needs; for complex needs the rep's
/// part, `fit` × min(1, `rep_coverage`), plus the specialist's, `specialist_hours` /
/// `complex_need_hours`, at most 1.
#[inline]
pub(crate) fn needs_met(s: &Scenario, a: &Account, fit: f64, rep_coverage: f64, specialist_hours: f64) -> f64 {
    if !a.complex {
        return 1.0;
    }
    (fit * rep_coverage.min(1.0) + specialist_hours / s.specialists.complex_need_hours).min(1.0)
}

/// Selling hours a rep spends in training this week.
pub(crate) fn training_hours(s: &Scenario) -> f64 {
    s.training.hours_per_week * s.training.level
}

/// Pay for this week's training: `training.cost_per_rep` × level × reps employed, a year.
pub(crate) fn pay_for_training(params: Res<Params>, mut tally: ResMut<WeekTally>, reps: Query<&Rep>) {
    let t = &params.0.training;
    if t.level > 0.0 {
        let employed = reps.iter().filter(|r| r.is_employed()).count() as f64;
        tally.training_cost += t.cost_per_rep * t.level * employed / WEEKS_PER_YEAR;
    }
}
