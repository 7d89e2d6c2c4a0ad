//! Each rep's book (its accounts summed) and portfolio (its accounts listed). They are kept at
//! the close of every week (`closing.rs`) and opened at the start of the next, so a rep plans
//! its week by its book as it stood at the close of the last one (before the new week's
//! timeline events). Week 0 opens books built from the accounts as set up.

use super::components::*;
use super::effort::need_hours;
use super::resources::*;
use crate::scenario::Scenario;
use bevy::prelude::*;

/// The books and portfolios being entered for the week `week`.
#[derive(Resource, Default, Debug)]
pub struct NextBooks {
    week: Option<u32>,
    books: Vec<Book>,
    portfolios: Portfolios,
}

impl NextBooks {
    /// Start entering books for `week`, one per rep id below `reps`, keeping the memory.
    pub fn start(&mut self, week: u32, reps: usize) {
        self.week = Some(week);
        self.books.clear();
        self.books.resize(reps, Book::default());
        self.portfolios.reset(reps);
    }

    /// Add one active account to (`k` = 1) or take it out of (`k` = −1) its owner's book: count,
    /// complex accounts, coverage hours needed, accounts shared with specialists, revenue run-rate
    /// (this week × 52), potential, satisfaction and share of wallet.
    #[inline]
    pub fn post(&mut self, s: &Scenario, c: &Customer, b: &Bonds, l: &Ledger, k: i32) {
        let Some(owner) = b.owner else { return };
        if self.books.len() <= owner as usize {
            self.books.resize(owner as usize + 1, Book::default());
        }
        let n = |yes: bool| (yes as i32 * k) as u32;
        let x = k as f64;
        let book = &mut self.books[owner as usize];
        book.accounts = book.accounts.wrapping_add(n(true));
        book.complex_accounts = book.complex_accounts.wrapping_add(n(c.complex));
        book.need_hours += x * need_hours(s, c);
        book.shared_accounts = book.shared_accounts.wrapping_add(n(b.technical.is_some() || b.service.is_some()));
        book.revenue_annual += x * l.revenue_week * 52.0;
        book.potential_annual += x * c.potential;
        book.satisfaction_sum += x * b.satisfaction;
        book.wallet_sum += x * b.wallet_share;
    }

    /// List an active account in its owner's portfolio (or among the unowned). An account taken
    /// out of a book stays listed; readers check the owner.
    #[inline]
    pub fn list(&mut self, e: Entity, b: &Bonds) {
        match b.owner {
            Some(owner) => self.portfolios.add(owner, e),
            None => self.portfolios.unowned.push(e),
        }
    }

    /// Whether books are being entered (from the close of a week until the next week opens them).
    pub fn is_open(&self) -> bool {
        self.week.is_some()
    }

    /// The books entered so far (for the invariants).
    pub fn books(&self) -> &[Book] {
        &self.books
    }
}

/// Open this week's books and portfolios (entered at the close of last week, or now from the
/// accounts as they are when none were: week 0), and set this week's hit rate from the prospect
/// pool.
pub fn open_books(
    params: Res<Params>,
    clock: Res<Clock>,
    pool: Res<ProspectPool>,
    staffing: Res<Staffing>,
    mut market: ResMut<MarketState>,
    mut books: ResMut<Books>,
    mut portfolios: ResMut<Portfolios>,
    mut next: ResMut<NextBooks>,
    customers: Query<(Entity, &Customer, &Bonds, &Ledger), With<ActiveAccount>>,
) {
    let s = &params.0;
    if next.week != Some(clock.week) {
        next.start(clock.week, staffing.next_rep_id as usize);
        for (e, c, b, l) in &customers {
            next.post(s, c, b, l, 1);
            next.list(e, b);
        }
    }
    let next = &mut *next;
    std::mem::swap(&mut books.0, &mut next.books);
    std::mem::swap(&mut *portfolios, &mut next.portfolios);
    let reps = (staffing.next_rep_id as usize).max(books.0.len());
    books.0.resize(reps, Book::default());
    next.week = None;
    let fill = pool.len() as f64 / market.pool_reference.max(1.0);
    market.hit_rate = s.market.hit_rate_per_hour * fill.powf(s.market.saturation_elasticity).min(1.5);
}
