//! Mechanism 6: revenue per account from potential, share of wallet, met needs and price, under
//! competitor price pressure; share of wallet grows through won expansion and renewal deals
//! (`deals/`) and erodes while the customer is dissatisfied. Run per account by
//! [`crate::sim::accounts::serve::serve_accounts`], which credits each account's revenue to its rep.

use crate::scenario::Customers;
use crate::scenario::behaviour::RevenueRules;
use crate::sim::components::*;
use crate::sim::resources::*;
use bevy::prelude::*;

/// One week as a share of a year (a multiplication is cheaper than a division in the weekly pass).
const WEEK_OF_YEAR: f64 = 1.0 / WEEKS_PER_YEAR;

/// The deepest price cut among competitors in the market.
pub(crate) fn update_price_pressure(
    params: Res<Params>,
    mut market: ResMut<MarketState>,
    competitors: Query<&Competitor>,
) {
    market.price_cut = competitors
        .iter()
        .filter(|c| c.entered)
        .map(|c| params.0.competitors[c.id as usize].price_cut)
        .fold(0.0, f64::max);
}

/// The highest share of wallet an account gives with a share `met` of its needs met:
/// `wallet_ceiling`, × (u + (1 − u)·met) for complex needs, u = `unmet_wallet_share`.
#[inline]
pub(crate) fn wallet_ceiling(r: &RevenueRules, a: &Account, met: f64) -> f64 {
    r.wallet_ceiling * if a.complex { r.unmet_wallet_share + (1.0 - r.unmet_wallet_share) * met } else { 1.0 }
}

/// This week's revenue of an account, the part of it not yet credited to a rep, its gross margin
/// and the revenue given up to its discount.
#[derive(Clone, Copy, Debug)]
pub struct Earned {
    pub revenue: f64,
    pub uncredited: f64,
    pub margin: f64,
    pub discounted: f64,
}

/// Share of wallet w −= `dissatisfied_shrink`·(1 − S)·w. Price = (1 + premium·min(1, L_rep + L_co))
/// × (1 − `price_cut_passthrough`·sensitivity·cut) × (1 − discount). Weekly revenue = potential / 52
/// × w × price, kept in the account; the revenue draws down what deals credited ahead, and the rest
/// is returned as uncredited. Gross margin = revenue − potential / 52 × w × (1 − margin): the cost
/// of what it buys does not fall with the price (`value.rs`).
#[inline]
pub(crate) fn earn_revenue(
    u: &Customers,
    r: &RevenueRules,
    price_cut: f64,
    a: &Account,
    st: &mut AccountState,
) -> Earned {
    let wallet =
        (st.wallet_share as f64 * (1.0 - r.dissatisfied_shrink * (1.0 - st.satisfaction as f64))).clamp(0.0, 1.0);
    st.wallet_share = wallet as f32;
    let price = (1.0 + u.price_premium * (st.loyalty_rep as f64 + st.loyalty_company as f64).min(1.0))
        * (1.0 - r.price_cut_passthrough * a.price_sensitivity as f64 * price_cut);
    let volume = a.potential * WEEK_OF_YEAR * wallet;
    let before_discount = volume * price;
    let revenue = before_discount * (1.0 - st.discount as f64);
    let margin = revenue - volume * (1.0 - a.margin as f64);
    st.revenue_week = revenue;
    st.revenue_year += revenue;
    st.margin_week = margin;
    st.margin_year += margin;
    let drawn = st.credit_ahead.min(revenue);
    st.credit_ahead -= drawn;
    Earned { revenue, uncredited: revenue - drawn, margin, discounted: before_discount - revenue }
}
