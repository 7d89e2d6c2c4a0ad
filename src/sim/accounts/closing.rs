//! The close of the week: the census of the accounts active at its end (for the metrics) and the
//! books, bins and portfolios they make for next week. Every active account is entered as
//! `serve_accounts` passes over it; an account that changes later in the week (its rep leaves,
//! it is realigned, it churns) is taken out just before the change and, if still active, entered
//! again just after it. So the close always holds the end-of-week state, and the tick needs no
//! pass over the accounts of its own for it.

use crate::sim::components::*;
use crate::sim::effort::books::NextBooks;
use crate::sim::resources::{Clock, Params};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

/// Coverage at or above which an account counts as adequately covered (`coverage_adequate_share`;
/// a definition of the metric, not behaviour).
pub const ADEQUATE_COVERAGE: f64 = 0.8;

/// Fixed-point scales of the census sums: values are summed as whole multiples of 1/scale (money
/// in hundredths of a cent, shares in trillionths), so an account entered and taken out again
/// leaves the sums exactly as they were. The values are non-negative, so adding ½ before the
/// truncation rounds to the nearest unit.
const MONEY: f64 = 1e4;
const SHARE: f64 = 1e12;

#[inline]
fn fixed(v: f64, scale: f64) -> i64 {
    (v * scale + 0.5) as i64
}

/// [`fixed`] for a value that may be negative (a gross margin): rounded half away from zero.
#[inline]
fn fixed_signed(v: f64, scale: f64) -> i64 {
    let x = v * scale;
    (x + if x < 0.0 { -0.5 } else { 0.5 }) as i64
}

/// Sums over the accounts active at the end of the week, kept by the week's close; the metrics
/// take the census and start the next. Money and shares are summed in fixed point (exact).
#[derive(Resource, Default, Debug, Clone)]
pub struct AccountCensus {
    pub active: u32,
    revenue: i64,
    /// Gross margin (may be negative), summed in the money scale.
    margin: i64,
    loyalty_rep: i64,
    loyalty_company: i64,
    satisfaction: i64,
    /// Accounts with coverage at or above [`ADEQUATE_COVERAGE`].
    pub adequate: u32,
    /// Sum of coverage ratios, each capped at 1.
    coverage: i64,
    pub unowned: u32,
    pub complex_active: u32,
    /// Share of their needs met, summed over complex accounts (`complexity.rs`).
    complex_met: i64,
    /// Accounts in their first year with the company, with 3+ years, and of the ideal profile.
    pub first_year: u32,
    pub tenured: u32,
    pub icp: u32,
}

impl AccountCensus {
    /// Count one account in (`k` = 1) or out (`k` = −1) at the end of `week`.
    #[inline(always)]
    pub(crate) fn post(&mut self, a: &Account, st: &AccountState, week: u32, k: i32) {
        let n = |yes: bool| (yes as i32 * k) as u32;
        let x = k as i64;
        let tenure = (week as i32 - a.won_week) as f64;
        self.active = self.active.wrapping_add(n(true));
        self.revenue += x * fixed(st.revenue_week, MONEY);
        self.margin += x * fixed_signed(st.margin_week, MONEY);
        self.loyalty_rep += x * fixed(st.loyalty_rep as f64, SHARE);
        self.loyalty_company += x * fixed(st.loyalty_company as f64, SHARE);
        self.satisfaction += x * fixed(st.satisfaction as f64, SHARE);
        self.adequate = self.adequate.wrapping_add(n(st.coverage as f64 >= ADEQUATE_COVERAGE));
        self.coverage += x * fixed(st.coverage.min(1.0) as f64, SHARE);
        self.unowned = self.unowned.wrapping_add(n(a.owner.is_none()));
        self.complex_active = self.complex_active.wrapping_add(n(a.complex));
        self.complex_met += x * if a.complex { fixed(st.needs_met as f64, SHARE) } else { 0 };
        self.first_year = self.first_year.wrapping_add(n(tenure < FIRST_YEAR_WEEKS));
        self.tenured = self.tenured.wrapping_add(n(tenure >= TENURED_WEEKS));
        self.icp = self.icp.wrapping_add(n(a.icp));
    }

    pub(crate) fn revenue(&self) -> f64 {
        self.revenue as f64 / MONEY
    }
    pub(crate) fn margin(&self) -> f64 {
        self.margin as f64 / MONEY
    }
    pub(crate) fn loyalty_rep(&self) -> f64 {
        self.loyalty_rep as f64 / SHARE
    }
    pub(crate) fn loyalty_company(&self) -> f64 {
        self.loyalty_company as f64 / SHARE
    }
    pub(crate) fn satisfaction(&self) -> f64 {
        self.satisfaction as f64 / SHARE
    }
    pub(crate) fn complex_met(&self) -> f64 {
        self.complex_met as f64 / SHARE
    }
    pub(crate) fn coverage(&self) -> f64 {
        self.coverage as f64 / SHARE
    }
}

/// The week's close, as a system parameter for the systems that change accounts.
#[derive(SystemParam)]
pub struct Closing<'w> {
    params: Res<'w, Params>,
    clock: Res<'w, Clock>,
    census: ResMut<'w, AccountCensus>,
    books: ResMut<'w, NextBooks>,
}

impl Closing<'_> {
    /// Start the close: next week's books for `next_week`, one per rep id below `reps`.
    pub(crate) fn open(&mut self, next_week: u32, reps: usize) {
        self.books.start(next_week, reps);
    }

    /// Enter an account that is active now.
    #[inline(always)]
    pub(crate) fn enter(&mut self, e: Entity, a: &Account, st: &AccountState) {
        self.census.post(a, st, self.clock.week, 1);
        self.books.post(&self.params.0, a, st, 1);
        self.books.list(&self.params.0, e, a, st);
    }

    /// Take out an account, as it is now, before it changes or is lost.
    #[inline]
    pub(crate) fn take_out(&mut self, a: &Account, st: &AccountState) {
        self.census.post(a, st, self.clock.week, -1);
        self.books.post(&self.params.0, a, st, -1);
    }
}
