//! Mechanism 5: every contact adds loyalty to whoever the customer credits with the value (rep,
//! specialists, company tools and ownership); loyalty decays without contact; loyalty to a person
//! grows faster than loyalty to a company. Run per account by [`crate::sim::accounts::serve::serve_accounts`].

use crate::scenario::Customers;
use crate::scenario::behaviour::LoyaltyRules;
use crate::sim::components::*;

/// Contacts: rep c_r = min(1, the rep's coverage) if owned; specialists c_s = min(1,
/// `technical_contact`·[technical] + `service_contact`·[service]); company c_co = tools +
/// `house_contact`·[company-owned]. Value V = satisfaction. With credit shares σ_x = c_x / Σc and
/// the specialists' credit split `specialist_company_share` = s to the company:
/// L_rep += g_p·V·σ_r·(1 − L_rep) − δ·L_rep; L_spec += g_p·V·(1 − s)·σ_s·(1 − L_spec) − δ·L_spec;
/// L_co += g_c·V·(σ_co + s·σ_s)·(1 − L_co) − δ·L_co; the trend follows L_co at `trend_weight`.
#[inline]
pub(crate) fn update_loyalty(
    u: &Customers,
    r: &LoyaltyRules,
    tools: f64,
    rep_coverage: f64,
    a: &Account,
    st: &mut AccountState,
) {
    let c_rep = if a.owner.is_some() { rep_coverage.min(1.0) } else { 0.0 };
    let c_spec = (r.technical_contact * a.technical.is_some() as u8 as f64
        + r.service_contact * a.service.is_some() as u8 as f64)
        .min(1.0);
    let c_co = tools + r.house_contact * a.company_owned as u8 as f64;
    let total = c_rep + c_spec + c_co;
    let share = if total > 0.0 { 1.0 / total } else { 0.0 };
    let (sr, ss, sc) = (c_rep * share, c_spec * share, c_co * share);
    let v = st.satisfaction as f64;
    let d = u.loyalty_decay;
    let split = r.specialist_company_share;
    let (lr, ls, lc) = (st.loyalty_rep as f64, st.loyalty_specialist as f64, st.loyalty_company as f64);
    let lc = lc + u.loyalty_growth_company * v * (sc + split * ss) * (1.0 - lc) - d * lc;
    st.loyalty_rep = (lr + u.loyalty_growth_person * v * sr * (1.0 - lr) - d * lr) as f32;
    st.loyalty_specialist = (ls + u.loyalty_growth_person * v * (1.0 - split) * ss * (1.0 - ls) - d * ls) as f32;
    st.loyalty_company = lc as f32;
    let trend = st.loyalty_company_trend as f64;
    st.loyalty_company_trend = (trend + r.trend_weight * (lc - trend)) as f32;
}
