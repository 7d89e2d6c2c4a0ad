//! Each rep's book (its accounts summed, and binned by revenue for the attention plan) and
//! portfolio (its accounts listed). They are entered at the close of every week (`closing.rs`)
//! and opened at the start of the next, so a rep plans its week by its book as it stood at the
//! close of the last one (before the new week's timeline events). Week 0 opens books built from
//! the accounts as set up.

use crate::scenario::Scenario;
use crate::sim::components::*;
use crate::sim::deals::account::forecast_entry;
use crate::sim::effort::attention::ValueBins;
use crate::sim::resources::*;
use bevy::prelude::*;

/// ln of the weekly hours simple and complex accounts need (`SalesForce::need_hours`), for the
/// weekly pass.
pub(crate) fn ln_need_hours(s: &Scenario) -> [f64; 2] {
    [false, true].map(|complex| libm::log(s.sales_force.need_hours(complex).max(1e-12)))
}

/// Each rep's accounts binned by revenue (for the attention plan), by rep id; opened with the books.
#[derive(Resource, Default, Debug)]
pub struct BookBins(pub Vec<ValueBins>);

/// The books, bins and portfolios being entered for the week `week`.
#[derive(Resource, Default, Debug)]
pub struct NextBooks {
    week: Option<u32>,
    books: Vec<Book>,
    bins: Vec<ValueBins>,
    portfolios: Portfolios,
}

impl NextBooks {
    /// Start entering books for `week`, one per rep id below `reps`, keeping the memory.
    pub(crate) fn start(&mut self, week: u32, reps: usize) {
        self.week = Some(week);
        self.books.clear();
        self.books.resize(reps, Book::default());
        self.bins.iter_mut().for_each(ValueBins::clear);
        self.bins.resize_with(reps, ValueBins::default);
        self.portfolios.reset(reps);
    }

    /// Add one active account to (`k` = 1) or take it out of (`k` = −1) its owner's book: count,
    /// complex accounts, coverage hours needed, accounts shared with specialists, revenue run-rate
    /// (this week × 52), potential, satisfaction, share of wallet, and its revenue bin.
    #[inline]
    pub(crate) fn post(&mut self, s: &Scenario, a: &Account, st: &AccountState, k: i32) {
        let Some(owner) = a.owner else { return };
        let o = owner as usize;
        if self.books.len() <= o {
            self.books.resize(o + 1, Book::default());
            self.bins.resize_with(o + 1, ValueBins::default);
        }
        let n = |yes: bool| (yes as i32 * k) as u32;
        let x = k as f64;
        let need = s.sales_force.need_hours(a.complex);
        let revenue = st.revenue_week * WEEKS_PER_YEAR;
        let book = &mut self.books[o];
        book.accounts = book.accounts.wrapping_add(n(true));
        book.complex_accounts = book.complex_accounts.wrapping_add(n(a.complex));
        book.need_hours += x * need;
        book.shared_accounts = book.shared_accounts.wrapping_add(n(a.technical.is_some() || a.service.is_some()));
        book.revenue_annual += x * revenue;
        book.potential_annual += x * a.potential;
        book.satisfaction_sum += x * st.satisfaction as f64;
        book.wallet_sum += x * st.wallet_share as f64;
        self.bins[o].post(revenue, need, k as f32);
        if let Some(f) = forecast_entry(s, st, self.week.unwrap_or(0)) {
            let sums = if f.in_period { &mut book.due_deals } else { &mut book.pullable_deals };
            sums.add(f.chance, f.value, x);
        }
    }

    /// List an active account in its owner's portfolio (or among the unowned, unless it is held
    /// for a replacement: its seat lists it). An account taken out of a book stays listed; readers
    /// check the owner.
    #[inline]
    pub(crate) fn list(&mut self, s: &Scenario, e: Entity, a: &Account, st: &AccountState) {
        match a.owner {
            Some(owner) => {
                self.portfolios.add(owner, e);
                let soon = self.week.unwrap_or(0) + 2 * s.deals.timing_window_weeks;
                if st.deal_movable && st.has_deal() && st.deal_due <= soon {
                    self.portfolios.due_soon.push((owner, e));
                }
            }
            None if !a.held => self.portfolios.unowned.push(e),
            None => {}
        }
    }

    /// Whether books are being entered (from the close of a week until the next week opens them).
    pub(crate) fn is_open(&self) -> bool {
        self.week.is_some()
    }

    /// Take the books and bins entered (the settled start builds its books this way).
    pub(crate) fn take(&mut self) -> (Vec<Book>, Vec<ValueBins>) {
        self.week = None;
        (std::mem::take(&mut self.books), std::mem::take(&mut self.bins))
    }

    /// The books entered so far (for the invariants).
    pub(crate) fn books(&self) -> &[Book] {
        &self.books
    }
}

/// Open this week's books, bins and portfolios (entered at the close of last week, or now from
/// the accounts as they are when none were: week 0), and set this week's rates of finding and
/// winning prospects from the prospect pool.
pub(crate) fn open_books(
    params: Res<Params>,
    clock: Res<Clock>,
    pool: Res<ProspectPool>,
    staffing: Res<Staffing>,
    mut market: ResMut<MarketState>,
    mut books: ResMut<Books>,
    mut bins: ResMut<BookBins>,
    mut portfolios: ResMut<Portfolios>,
    mut next: ResMut<NextBooks>,
    accounts: Query<(Entity, &Account, &AccountState)>,
) {
    let s = &params.0;
    if next.week != Some(clock.week) {
        next.start(clock.week, staffing.next_rep_id as usize);
        for (e, a, st) in &accounts {
            next.post(s, a, st, 1);
            next.list(s, e, a, st);
        }
    }
    let next = &mut *next;
    std::mem::swap(&mut books.0, &mut next.books);
    std::mem::swap(&mut bins.0, &mut next.bins);
    std::mem::swap(&mut *portfolios, &mut next.portfolios);
    let reps = (staffing.next_rep_id as usize).max(books.0.len());
    books.0.resize(reps, Book::default());
    bins.0.resize_with(reps, ValueBins::default);
    next.week = None;
    let fill = libm::pow(pool.len() as f64 / market.pool_reference.max(1.0), s.market.saturation_elasticity)
        .min(s.market.saturation_fill_cap);
    market.hit_rate = s.market.hit_rate_per_hour * fill;
    market.opportunity_rate = crate::sim::deals::opportunities_per_hour(s) * fill;
}
