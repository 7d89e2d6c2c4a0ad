//! Mechanism 4: the rep's coverage of an account (its attention plan, `attention.rs`), with
//! specialists and service adding to it, moves satisfaction towards what coverage and met needs
//! (`complexity.rs`) justify. Run per account by [`crate::sim::accounts::serve::serve_accounts`].

use crate::scenario::Customers;
use crate::scenario::behaviour::CoverageRules;
use crate::sim::components::*;

/// Coverage c = the rep's coverage + `service_coverage`·[service] + `technical_coverage`·[technical];
/// target satisfaction S* = `satisfaction_floor` + `coverage_weight`·min(1, c) + `needs_weight`·met
/// (`met`: the share of its needs met this week, `complexity.rs`)
/// + `service_weight`·[service] − `knowledge_weight`·(1 − knowledge); S ← S + speed·(clamp(S*, 0, 1) − S).
/// An owned account's knowledge recovers `knowledge_recovery` of its gap a week.
#[inline]
pub(crate) fn cover_account(
    u: &Customers,
    r: &CoverageRules,
    rep_coverage: f64,
    met: f64,
    a: &Account,
    st: &mut AccountState,
) {
    let service = a.service.is_some() as u8 as f64;
    let technical = a.technical.is_some() as u8 as f64;
    let coverage = rep_coverage + r.service_coverage * service + r.technical_coverage * technical;
    let knowledge = st.knowledge as f64;
    let target = r.satisfaction_floor
        + r.coverage_weight * coverage.min(1.0)
        + r.needs_weight * met
        + r.service_weight * service
        - r.knowledge_weight * (1.0 - knowledge);
    let satisfaction = st.satisfaction as f64;
    st.coverage = coverage as f32;
    st.needs_met = met as f32;
    // Satisfaction is a share: the target is held in [0, 1] (a large knowledge weight could take
    // it below the floor's 0).
    st.satisfaction = (satisfaction + u.satisfaction_speed * (target.clamp(0.0, 1.0) - satisfaction)) as f32;
    if a.owner.is_some() {
        st.knowledge = (knowledge + r.knowledge_recovery * (1.0 - knowledge)) as f32;
    }
}
