//! The close of the week: the census of the accounts active at its end (for the metrics) and the
//! books and portfolios they make for next week. Every active account is entered as
//! `serve_accounts` passes over it; an account that changes later in the week (its rep leaves,
//! it is realigned, it churns) is taken out just before the change and, if still active,
//! entered again just after it. So the close always holds the end-of-week state, and the tick
//! needs no pass over the accounts of its own for it.

use super::books::NextBooks;
use super::components::*;
use super::metrics::AccountCensus;
use super::resources::Params;
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

/// The week's close, as a system parameter for the systems that change accounts.
#[derive(SystemParam)]
pub struct Closing<'w> {
    params: Res<'w, Params>,
    census: ResMut<'w, AccountCensus>,
    books: ResMut<'w, NextBooks>,
}

impl Closing<'_> {
    /// Start the close: next week's books for `next_week`, one per rep id below `reps`.
    pub fn open(&mut self, next_week: u32, reps: usize) {
        self.books.start(next_week, reps);
    }

    /// Enter an account that is active now.
    #[inline(always)]
    pub fn enter(&mut self, e: Entity, c: &Customer, b: &Bonds, l: &Ledger) {
        self.census.post(c, b, l, 1);
        self.books.post(&self.params.0, c, b, l, 1);
        self.books.list(e, b);
    }

    /// Take out an account, as it is now, before it changes or is lost.
    #[inline]
    pub fn take_out(&mut self, c: &Customer, b: &Bonds, l: &Ledger) {
        self.census.post(c, b, l, -1);
        self.books.post(&self.params.0, c, b, l, -1);
    }
}
