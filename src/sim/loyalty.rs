//! Mechanism 5: every contact adds loyalty to whoever the customer credits with the value (rep,
//! specialists, company tools and ownership); loyalty decays without contact; loyalty to a person
//! grows faster than loyalty to a company. Run per account by [`super::accounts::serve_accounts`].

use super::components::*;
use crate::scenario::Customers;

/// Contacts: rep c_r = min(1, rep coverage), specialists c_s = min(1, 0.6·[technical] + 0.6·[service]),
/// company c_co = tools + 0.3·[company-owned]. Value V = satisfaction. With credit shares
/// σ_x = c_x / Σc (specialists' credit split half to themselves, half to the company):
/// L_rep += g_p·V·σ_r·(1 − L_rep) − δ·L_rep; L_spec += g_p·V·½σ_s·(1 − L_spec) − δ·L_spec;
/// L_co += g_c·V·(σ_co + ½σ_s)·(1 − L_co) − δ·L_co.
#[inline]
pub fn update_loyalty(u: &Customers, tools: f64, rep_attention: f64, b: &mut Bonds) {
    let c_rep = if b.owner.is_some() { rep_attention.min(1.0) } else { 0.0 };
    let c_spec = (0.6 * b.technical.is_some() as u8 as f64 + 0.6 * b.service.is_some() as u8 as f64).min(1.0);
    let c_co = tools + 0.3 * b.company_owned as u8 as f64;
    let total = c_rep + c_spec + c_co;
    let share = if total > 0.0 { 1.0 / total } else { 0.0 };
    let (sr, ss, sc) = (c_rep * share, c_spec * share, c_co * share);
    let v = b.satisfaction;
    let d = u.loyalty_decay;
    b.loyalty_rep += u.loyalty_growth_person * v * sr * (1.0 - b.loyalty_rep) - d * b.loyalty_rep;
    b.loyalty_specialist +=
        u.loyalty_growth_person * v * 0.5 * ss * (1.0 - b.loyalty_specialist) - d * b.loyalty_specialist;
    b.loyalty_company +=
        u.loyalty_growth_company * v * (sc + 0.5 * ss) * (1.0 - b.loyalty_company) - d * b.loyalty_company;
    b.loyalty_company_trend += 0.05 * (b.loyalty_company - b.loyalty_company_trend);
}
