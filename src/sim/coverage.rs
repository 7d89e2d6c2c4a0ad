//! Mechanism 4: farming hours spread over each rep's accounts; specialists and service add
//! coverage; satisfaction moves towards what the coverage and met needs justify.

use super::components::*;
use super::resources::*;
use super::{Tick, TickSet};
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Tick, cover_accounts.in_set(TickSet::Coverage).after(super::specialists::assign_specialists));
}

/// How fully an account's needs are met: complex needs need a technical specialist (F12).
pub fn needs_met(c: &Customer, b: &Bonds, generalist_fit: f64) -> f64 {
    if !c.complex || b.technical.is_some() { 1.0 } else { generalist_fit }
}

/// Coverage ratio c = rep attention (farming hours × productivity / hours needed) + 0.5·[service]
/// + 0.25·[technical]; target satisfaction S* = 0.2 + 0.5·min(1, c) + 0.2·needs met + 0.1·[service]
/// − 0.15·(1 − knowledge); S ← S + speed·(S* − S). Knowledge of a covered account recovers 3% of
/// the gap a week.
pub fn cover_accounts(
    params: Res<Params>,
    books: Res<Books>,
    mut customers: Query<(&Customer, &mut Bonds), With<ActiveAccount>>,
) {
    let u = &params.0.customers;
    for (c, mut b) in &mut customers {
        let rep_attention = b.owner.and_then(|o| books.get(o)).map(|bk| bk.attention).unwrap_or(0.0);
        let service = b.service.is_some() as u8 as f64;
        let technical = b.technical.is_some() as u8 as f64;
        let coverage = rep_attention + 0.5 * service + 0.25 * technical;
        let target = 0.2 + 0.5 * coverage.min(1.0) + 0.2 * needs_met(c, &b, u.generalist_fit) + 0.1 * service
            - 0.15 * (1.0 - b.knowledge);
        b.coverage = coverage;
        b.satisfaction += u.satisfaction_speed * (target.min(1.0) - b.satisfaction);
        if b.owner.is_some() {
            b.knowledge += 0.03 * (1.0 - b.knowledge);
        }
    }
}
