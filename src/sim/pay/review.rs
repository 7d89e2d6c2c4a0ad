//! Mechanism 7, the pay review: a company that aims its reps' pay at a position against the
//! market (`pay.market_position` = m, every `pay.review_weeks`) scales its commission rate by the
//! gap between the variable pay it aims at and the variable pay its reps expect:
//! r ← r · clamp((m·M − b)/(p̄ − b), 1 − s, 1 + s), with M market pay (`careers/market.rs`), b the
//! base salary, p̄ the active reps' mean expected pay and s = `behaviour.pay.review_step`. Firms of
//! an industry that all aim above the market race each other's pay up; one firm's runaway pay
//! lifts what the others aim at.

use crate::sim::careers::market::LabourMarket;
use crate::sim::components::*;
use crate::sim::observe::events::{Cause, EventKind, EventLog};
use crate::sim::resources::*;
use bevy::prelude::*;

/// The commission rate a review sets: `rate` scaled by the gap between the variable pay aimed at
/// (`position` × `market_pay` − `base`) and the reps' (`mean_pay` − `base`), by at most `step`.
/// `None` when the reps expect no variable pay (there is nothing to scale).
pub(crate) fn reviewed_rate(
    rate: f64,
    position: f64,
    market_pay: f64,
    mean_pay: f64,
    base: f64,
    step: f64,
) -> Option<f64> {
    let variable = mean_pay - base;
    if variable <= 0.0 || rate <= 0.0 {
        return None;
    }
    let aim = (position * market_pay - base).max(0.0);
    Some((rate * (aim / variable).clamp(1.0 - step, 1.0 + step)).clamp(0.0, 1.0))
}

/// At each pay review, set the commission rate as [`reviewed_rate`] says and log the change.
pub(crate) fn review_pay_against_market(
    mut params: ResMut<Params>,
    clock: Res<Clock>,
    market: Res<LabourMarket>,
    mut log: ResMut<EventLog>,
    reps: Query<(&Rep, &PayState)>,
) {
    let p = &params.0.pay;
    let week = clock.week;
    if p.market_position <= 0.0 || week == 0 || !week.is_multiple_of(p.review_weeks.max(1)) {
        return;
    }
    let (mut n, mut sum) = (0usize, 0.0);
    for (r, pay) in &reps {
        if r.status == RepStatus::Active {
            n += 1;
            sum += pay.expected_pay;
        }
    }
    if n == 0 {
        return;
    }
    let mean = sum / n as f64;
    let step = params.0.behaviour.pay.review_step;
    let Some(rate) = reviewed_rate(p.commission_rate, p.market_position, market.pay, mean, p.base_salary, step) else {
        return;
    };
    let old = p.commission_rate;
    let position = p.market_position;
    params.0.pay.commission_rate = rate;
    log.push(week, EventKind::PolicyChange).cause(Cause::PayReview).detail(format!(
        "pay review: commission rate {:.2}% -> {:.2}% (reps expect {mean:.0} a year; market pay {:.0} x {position})",
        100.0 * old,
        100.0 * rate,
        market.pay
    ));
}

#[cfg(test)]
mod tests {
    use super::reviewed_rate;

    #[test]
    fn a_company_below_its_aim_raises_its_rate_by_at_most_the_step() {
        // Aims at 110k with a 60k base: 50k variable against 30k expected, so up by the full step.
        let r = reviewed_rate(0.08, 1.1, 100_000.0, 90_000.0, 60_000.0, 0.25).unwrap();
        assert!((r - 0.10).abs() < 1e-12, "{r}");
        // A small gap moves the rate in proportion.
        let r = reviewed_rate(0.08, 1.0, 100_000.0, 95_000.0, 60_000.0, 0.25).unwrap();
        assert!((r - 0.08 * 40.0 / 35.0).abs() < 1e-12, "{r}");
    }

    #[test]
    fn a_company_above_its_aim_cuts_and_one_paying_no_variable_pay_does_not_review() {
        assert!(reviewed_rate(0.08, 1.0, 100_000.0, 120_000.0, 60_000.0, 0.25).unwrap() < 0.08);
        assert_eq!(reviewed_rate(0.08, 1.0, 100_000.0, 60_000.0, 60_000.0, 0.25), None);
    }
}
