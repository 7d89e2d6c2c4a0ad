//! Mechanism 6: revenue per account from potential, share of wallet, met needs and price, under
//! competitor price pressure. Run per account by [`super::accounts::serve_accounts`], which
//! credits each account's revenue to its rep.

use super::components::*;
use super::coverage::needs_met;
use super::resources::*;
use crate::scenario::Customers;
use bevy::prelude::*;

/// The deepest price cut among competitors in the market.
pub fn update_price_pressure(params: Res<Params>, mut market: ResMut<MarketState>, competitors: Query<&Competitor>) {
    market.price_cut = competitors
        .iter()
        .filter(|c| c.entered)
        .map(|c| params.0.competitors[c.id as usize].price_cut)
        .fold(0.0, f64::max);
}

/// Share of wallet: w += g·L_person·met·(w_max − w) − 0.01·(1 − S)·w, with w_max = 0.95·(0.5 + 0.5·met)
/// for complex needs (0.95 otherwise) and L_person = max(L_rep, L_spec) (only loyalty to people
/// grows wallet share, F5). Price: (1 + premium·min(1, L_rep + L_co)) × (1 − ½·sensitivity·cut).
/// Weekly revenue = potential / 52 × w × price; returned and kept in the ledger.
#[inline]
pub fn earn_revenue(u: &Customers, price_cut: f64, c: &Customer, b: &mut Bonds, l: &mut Ledger) -> f64 {
    let met = needs_met(c, b, u.generalist_fit);
    let w_max = 0.95 * if c.complex { 0.5 + 0.5 * met } else { 1.0 };
    let person = b.loyalty_rep.max(b.loyalty_specialist);
    let w = b.wallet_share;
    b.wallet_share =
        (w + u.wallet_growth * person * met * (w_max - w).max(0.0) - 0.01 * (1.0 - b.satisfaction) * w).clamp(0.0, 1.0);
    let price = (1.0 + u.price_premium * (b.loyalty_rep + b.loyalty_company).min(1.0))
        * (1.0 - 0.5 * c.price_sensitivity * price_cut);
    let revenue = c.potential / 52.0 * b.wallet_share * price;
    l.revenue_week = revenue;
    l.revenue_year += revenue;
    revenue
}
