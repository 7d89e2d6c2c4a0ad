//! Mechanisms 4–6 in one pass over the active accounts: each account is covered as its rep's
//! attention plan says (coverage.rs), its loyalty moves (loyalty.rs) and it books revenue
//! (revenue.rs), which is credited to its rep. Each account's step depends only on its own state
//! and its rep's plan, so one pass gives exactly what three passes would. The same pass works any
//! deal open on the account, asks for new expansion and renewal deals (`deals/account.rs`), enters
//! the account in the week's close (`closing.rs`) and screens its churn draw (`churn.rs`), so this
//! is the only pass over all the accounts in a week: at 200,000 accounts each pass costs a full
//! read of them from memory. It writes only [`AccountState`], without change ticks.

use crate::sim::accounts::churn::{ChurnCandidates, ChurnScreen, account_draw, account_draws};
use crate::sim::accounts::closing::Closing;
use crate::sim::accounts::complexity::needs_met;
use crate::sim::accounts::coverage::cover_account;
use crate::sim::accounts::loyalty::update_loyalty;
use crate::sim::accounts::revenue::earn_revenue;
use crate::sim::accounts::specialists::SpecialistHours;
use crate::sim::components::*;
use crate::sim::deals::Pipeline;
use crate::sim::deals::account::{AccountDeals, DealDesk};
use crate::sim::deals::close::DealLog;
use crate::sim::effort::books::ln_need_hours;
use crate::sim::observe::events::EventLog;
use crate::sim::policy::tools::ToolsInForce;
use crate::sim::resources::*;
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

/// What the week brings every account alike: the market's price cut, the tools in force and the
/// hours each technical specialist gives its accounts.
#[derive(SystemParam)]
pub struct WeekConditions<'w> {
    market: Res<'w, MarketState>,
    tools: Res<'w, ToolsInForce>,
    specialists: Res<'w, SpecialistHours>,
}

/// Cover, bond and bill every active account, and credit its revenue (less what deals credited
/// ahead) to its rep in the commission basis (new-customer basis: accounts won within
/// `new_customer_window_weeks`). Each account is then entered in the week's close, and listed as a
/// churn candidate if its draw falls below the week's hazard bound.
pub(crate) fn serve_accounts(
    params: Res<Params>,
    clock: Res<Clock>,
    week_in: WeekConditions,
    staffing: Res<Staffing>,
    mut books: ResMut<Books>,
    mut closing: Closing,
    mut candidates: ResMut<ChurnCandidates>,
    mut pipeline: ResMut<Pipeline>,
    mut open_deals: ResMut<AccountDeals>,
    mut deal_log: ResMut<DealLog>,
    mut events: ResMut<EventLog>,
    mut tally: ResMut<WeekTally>,
    competitors: Query<&Competitor>,
    reps: Query<&Rep>,
    mut accounts: Query<(Entity, &Account, &mut AccountState)>,
) {
    let s = &params.0;
    let u = &s.customers;
    let b = &s.behaviour;
    let tools = week_in.tools.level;
    let price_cut = week_in.market.price_cut;
    let specialist_hours = &*week_in.specialists;
    let vacancy = s.ownership.vacancy_coverage;
    let (basis, window) = (s.pay.commission_basis, s.pay.new_customer_window_weeks);
    let ln_need = ln_need_hours(s);
    let need_hours = ln_need.map(f64::exp);
    let week = clock.week;
    closing.open(week + 1, staffing.next_rep_id as usize);
    let screen = ChurnScreen::new(s, competitors.iter(), &reps.iter().collect::<Vec<_>>());
    candidates.0.clear();
    let draws = account_draws(clock.seed, week);
    let mut desk = DealDesk {
        s,
        seed: clock.seed,
        week,
        pipeline: &mut pipeline,
        deals: &mut open_deals,
        log: &mut deal_log,
        events: &mut events,
        tally: &mut tally,
        draft: crate::sim::deals::account::draft_coverage(s, week),
    };
    for (e, a, mut st) in &mut accounts {
        let st = st.bypass_change_detection();
        let mut book = a.owner.and_then(|o| books.0.get_mut(o as usize));
        let (rep_coverage, skill_factor) = match &book {
            Some(bk) => {
                (bk.plan.coverage(st.revenue_week * WEEKS_PER_YEAR, ln_need[a.complex as usize]), bk.skill_factor)
            }
            None => (vacancy, 1.0),
        };
        let fit = book.as_ref().map_or(u.generalist_fit, |bk| bk.complex_fit);
        let met = needs_met(s, a, fit, rep_coverage, specialist_hours.of(a.technical));
        cover_account(u, &b.coverage, rep_coverage, met, a, st);
        update_loyalty(u, &b.loyalty, tools, rep_coverage, a, st);
        let earned = earn_revenue(u, &b.revenue, price_cut, a, st);
        st.coverage_year += st.coverage;
        desk.tally.discounts += earned.discounted;
        let x = account_draw(&draws, a.id);
        let bookings = desk.serve(a, st, rep_coverage, skill_factor, x);
        if let Some(book) = book.as_mut() {
            st.hours_year += (rep_coverage * need_hours[a.complex as usize]) as f32;
            book.revenue_week += earned.revenue;
            book.margin_week += earned.margin;
            book.bookings_week += bookings;
            book.credit_week += if !basis.credits_account(week as i32 - a.won_week, window) {
                0.0
            } else if !basis.on_margin() {
                earned.uncredited
            } else if earned.revenue > 0.0 {
                // A loss-making week earns no margin credit (the deal credit's rule, `deals/close.rs`).
                earned.uncredited * earned.margin.max(0.0) / earned.revenue
            } else {
                0.0
            };
        }
        closing.enter(e, a, st);
        if screen.may_churn(s, x, a, st, week) {
            candidates.0.push(e);
        }
    }
}
