//! Mechanism 4: farming hours spread over each rep's accounts; specialists and service add
//! coverage; satisfaction moves towards what the coverage and met needs justify.
//! Run per account by [`super::accounts::serve_accounts`].

use super::components::*;
use crate::scenario::Customers;

/// How fully an account's needs are met: complex needs need a technical specialist (F12).
pub fn needs_met(c: &Customer, b: &Bonds, generalist_fit: f64) -> f64 {
    if !c.complex || b.technical.is_some() { 1.0 } else { generalist_fit }
}

/// Coverage ratio c = rep attention (farming hours × productivity / hours needed) +
/// 0.5·[service] + 0.25·[technical]; target satisfaction S* = 0.2 + 0.5·min(1, c) + 0.2·needs
/// met + 0.1·[service] − 0.15·(1 − knowledge); S ← S + speed·(S* − S). Knowledge of a covered
/// account recovers 3% of the gap a week. `rep_attention` is the owner's attention per hour of
/// need (0 if unowned).
#[inline]
pub fn cover_account(u: &Customers, rep_attention: f64, c: &Customer, b: &mut Bonds) {
    let service = b.service.is_some() as u8 as f64;
    let technical = b.technical.is_some() as u8 as f64;
    let coverage = rep_attention + 0.5 * service + 0.25 * technical;
    let target = 0.2 + 0.5 * coverage.min(1.0) + 0.2 * needs_met(c, b, u.generalist_fit) + 0.1 * service
        - 0.15 * (1.0 - b.knowledge);
    b.coverage = coverage;
    b.satisfaction += u.satisfaction_speed * (target.min(1.0) - b.satisfaction);
    if b.owner.is_some() {
        b.knowledge += 0.03 * (1.0 - b.knowledge);
    }
}
