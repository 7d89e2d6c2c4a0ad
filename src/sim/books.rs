//! Each rep's book (its accounts summed) and portfolio (its accounts listed). They are entered at
//! the close of every week, as `churn_customers` passes over the accounts that stay, and opened
//! at the start of the next week, so a rep plans its week by its book as it stood at the close
//! of the last one (before the new week's timeline events), and no extra pass over the accounts
//! is needed. Week 0 opens books built from the accounts as set up.

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

    /// Enter one active account in its owner's book and portfolio (or among the unowned): count,
    /// complex accounts, coverage hours needed, accounts shared with specialists, revenue run-rate
    /// (last week × 52), potential, satisfaction and share of wallet.
    #[inline]
    pub fn enter(&mut self, s: &Scenario, e: Entity, c: &Customer, b: &Bonds, l: &Ledger) {
        let Some(owner) = b.owner else {
            self.portfolios.unowned.push(e);
            return;
        };
        self.portfolios.add(owner, e);
        if self.books.len() <= owner as usize {
            self.books.resize(owner as usize + 1, Book::default());
        }
        let book = &mut self.books[owner as usize];
        book.accounts += 1;
        book.complex_accounts += c.complex as u32;
        book.need_hours += need_hours(s, c);
        book.shared_accounts += (b.technical.is_some() || b.service.is_some()) as u32;
        book.revenue_annual += l.revenue_week * 52.0;
        book.potential_annual += c.potential;
        book.satisfaction_sum += b.satisfaction;
        book.wallet_sum += b.wallet_share;
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
            next.enter(s, e, c, b, l);
        }
    }
    let next = &mut *next;
    std::mem::swap(&mut books.0, &mut next.books);
    std::mem::swap(&mut *portfolios, &mut next.portfolios);
    next.week = None;
    let fill = pool.len() as f64 / market.pool_reference.max(1.0);
    market.hit_rate = s.market.hit_rate_per_hour * fill.powf(s.market.saturation_elasticity).min(1.5);
}
