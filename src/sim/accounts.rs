//! Mechanisms 4–6 in one pass over the active accounts: each account is covered (coverage.rs),
//! its loyalty moves (loyalty.rs) and it books revenue (revenue.rs), which is credited to its rep.
//! Each account's step depends only on its own state and its rep's attention, so one pass gives
//! exactly what three passes would. The same pass enters the account in the week's close
//! (`closing.rs`) and draws its churn lot (`churn.rs`), so this is the only pass over all the
//! accounts in a week: at 200,000 accounts each pass costs a full read of them from memory.

use super::churn::{ChurnCandidates, ChurnScreen, churn_draw};
use super::closing::Closing;
use super::components::*;
use super::coverage::cover_account;
use super::loyalty::update_loyalty;
use super::resources::*;
use super::revenue::{earn_revenue, update_price_pressure};
use super::{Tick, TickSet};
use crate::scenario::CommissionBasis;
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Tick, (update_price_pressure, serve_accounts).chain().in_set(TickSet::Accounts));
}

/// Cover, bond and bill every active account, and credit its revenue to its rep's book in the
/// commission basis (new-customer basis: accounts won within `new_customer_window_weeks`). Each
/// account is then entered in the week's close, and listed as a churn candidate if its churn
/// draw falls below the week's hazard bound.
pub fn serve_accounts(
    params: Res<Params>,
    clock: Res<Clock>,
    market: Res<MarketState>,
    staffing: Res<Staffing>,
    mut books: ResMut<Books>,
    mut closing: Closing,
    mut candidates: ResMut<ChurnCandidates>,
    competitors: Query<&Competitor>,
    reps: Query<&Rep>,
    mut customers: Query<(Entity, &Customer, &mut Bonds, &mut Ledger), With<ActiveAccount>>,
) {
    let s = &params.0;
    let u = &s.customers;
    let tools = s.ownership.company_tools;
    let window = s.pay.new_customer_window_weeks as i32;
    let week = clock.week as i32;
    closing.open(clock.week + 1, staffing.next_rep_id as usize);
    let screen = ChurnScreen::new(s, competitors.iter(), &reps.iter().collect::<Vec<_>>());
    candidates.0.clear();
    for (e, c, mut b, mut l) in &mut customers {
        let b = &mut *b;
        let book = b.owner.and_then(|o| books.0.get_mut(o as usize));
        let attention = book.as_ref().map_or(0.0, |bk| bk.attention);
        cover_account(u, attention, c, b);
        update_loyalty(u, tools, attention, b);
        let revenue = earn_revenue(u, market.price_cut, c, b, &mut l);
        if let Some(book) = book {
            book.revenue_week += revenue;
            book.credit_week += match s.pay.commission_basis {
                CommissionBasis::AllRevenue => revenue,
                CommissionBasis::NewCustomerRevenue if week - b.won_week < window => revenue,
                CommissionBasis::NewCustomerRevenue => 0.0,
                CommissionBasis::Margin => revenue * s.market.gross_margin,
            };
        }
        closing.enter(e, c, b, &l);
        if screen.may_churn(churn_draw(clock.seed, c.id, clock.week), c, b) {
            candidates.0.push(e);
        }
    }
}
