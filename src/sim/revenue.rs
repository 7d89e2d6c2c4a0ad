//! Mechanism 6: revenue per account from potential, share of wallet, met needs and price, under
//! competitor price pressure; each account's revenue is credited to its rep.

use super::components::*;
use super::coverage::needs_met;
use super::resources::*;
use super::{Tick, TickSet};
use crate::scenario::CommissionBasis;
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Tick, (update_price_pressure, book_revenue).chain().in_set(TickSet::Revenue));
}

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
/// Weekly revenue = potential / 52 × w × price.
pub fn book_revenue(
    params: Res<Params>,
    clock: Res<Clock>,
    market: Res<MarketState>,
    mut books: ResMut<Books>,
    mut customers: Query<(&Customer, &mut Bonds, &mut Ledger), With<ActiveAccount>>,
) {
    let s = &params.0;
    let u = &s.customers;
    let window = s.pay.new_customer_window_weeks as i32;
    for (c, mut b, mut l) in &mut customers {
        let met = needs_met(c, &b, u.generalist_fit);
        let w_max = 0.95 * if c.complex { 0.5 + 0.5 * met } else { 1.0 };
        let person = b.loyalty_rep.max(b.loyalty_specialist);
        let w = b.wallet_share;
        b.wallet_share = (w + u.wallet_growth * person * met * (w_max - w).max(0.0)
            - 0.01 * (1.0 - b.satisfaction) * w)
            .clamp(0.0, 1.0);
        let price = (1.0 + u.price_premium * (b.loyalty_rep + b.loyalty_company).min(1.0))
            * (1.0 - 0.5 * c.price_sensitivity * market.price_cut);
        let revenue = c.potential / 52.0 * b.wallet_share * price;
        l.revenue_week = revenue;
        l.revenue_year += revenue;
        if let Some(book) = b.owner.and_then(|o| books.0.get_mut(o as usize)) {
            book.revenue_week += revenue;
            book.credit_week += match s.pay.commission_basis {
                CommissionBasis::AllRevenue => revenue,
                CommissionBasis::NewCustomerRevenue if clock.week as i32 - b.won_week < window => revenue,
                CommissionBasis::NewCustomerRevenue => 0.0,
                CommissionBasis::Margin => revenue * s.market.gross_margin,
            };
        }
    }
}
