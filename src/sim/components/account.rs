//! The customer side of the agents' state: a customer's traits, an active account (what the
//! weekly pass reads, [`Account`]; what it does not, [`AccountFile`]; what it writes,
//! [`AccountState`]) and why an account was lost.

use bevy::prelude::*;

/// Why an account was lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LossCause {
    /// Left because it was dissatisfied or poorly covered.
    Dissatisfied,
    /// Taken by a competitor's price and sales push.
    Competitor(u16),
    /// Followed its departing rep (to a competitor, or `None`: to another rival firm).
    FollowedRep { rep: u32, competitor: Option<u16> },
    /// Left for a third party when its rep departed.
    LeftOnDeparture { rep: u32 },
}

/// A customer's traits, fixed when it enters the market.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Traits {
    /// Stable id (0-based; week-0 accounts first, then prospects, then later arrivals).
    pub id: u32,
    /// Annual spend potential in the category, $/year.
    pub potential: f64,
    /// 0..1; how readily it switches for a lower price.
    pub price_sensitivity: f64,
    /// Fits the ideal customer profile.
    pub icp: bool,
    /// Uniform draw fixed at birth: its needs are complex while this is below the market's
    /// complex share (which rises when the product line broadens).
    pub complexity_draw: f64,
    /// Gross margin at list price: revenue less the cost of what it buys, as a share of revenue.
    pub margin: f64,
}

/// A potential customer not yet won: in the pool, or in an open new-customer deal.
pub type Prospect = Traits;

/// An active account: who it is and who serves it. Read by the weekly pass (so kept small),
/// written rarely: when it changes hands, gets specialists, or its needs or ownership change.
#[derive(Component, Clone, Debug)]
pub struct Account {
    /// Stable customer id.
    pub id: u32,
    /// Week it became a customer (company tenure; its contract renews on this anniversary).
    pub won_week: i32,
    /// Rep covering the account (account manager), if any.
    pub owner: Option<u32>,
    pub technical: Option<u32>,
    pub service: Option<u32>,
    /// Annual spend potential in the category, $/year.
    pub potential: f64,
    /// 0..1; how readily it switches for a lower price.
    pub price_sensitivity: f32,
    /// Needs complexity: complex needs require a technical specialist to be fully met.
    pub complex: bool,
    /// Fits the ideal customer profile.
    pub icp: bool,
    /// Gross margin at list price (see [`Traits`]).
    pub margin: f32,
    /// Company-owned (house / multiplexed) rather than the rep's own.
    pub company_owned: bool,
    /// Without a rep, held on its seat for the rep to be hired into it.
    pub held: bool,
}

impl Account {
    pub(crate) fn id(&self) -> u32 {
        self.id
    }
}

/// What the weekly pass does not need about an account.
#[derive(Component, Clone, Copy, Debug)]
pub struct AccountFile {
    /// The uniform draw that decides when its needs turn complex (see [`Traits`]).
    pub complexity_draw: f64,
    /// Week the current owner took it over (tenure with the rep).
    pub rep_since_week: i32,
}

/// No deal open on an account.
pub const NO_DEAL: u32 = u32::MAX;

/// An account's bonds and money, written by the weekly pass; shares are stored in single
/// precision (computed in double) to keep the pass's reads small.
#[derive(Component, Clone, Debug)]
pub struct AccountState {
    pub loyalty_rep: f32,
    pub loyalty_specialist: f32,
    pub loyalty_company: f32,
    /// Slow moving average of loyalty to the company (to see it falling).
    pub loyalty_company_trend: f32,
    pub satisfaction: f32,
    pub wallet_share: f32,
    /// Account knowledge held by the current owner, 0..1.
    pub knowledge: f32,
    /// Coverage ratio this week: attention received / attention needed (rep and specialists).
    pub coverage: f32,
    /// Share of its needs met this week (1 for simple needs; `complexity.rs`).
    pub needs_met: f32,
    pub revenue_week: f64,
    pub revenue_year: f64,
    /// Price discount off list the account buys at (revenue-weighted over the deals that won its
    /// spend, `value.rs`).
    pub discount: f32,
    /// Hours its rep gave it this year.
    pub hours_year: f32,
    /// Gross margin this week and this year, $ (revenue less the cost of what it buys).
    pub margin_week: f64,
    pub margin_year: f64,
    /// Revenue already credited to a rep when a deal closed (bookings), not yet earned; earned
    /// revenue draws it down before any more is credited.
    pub credit_ahead: f64,
    /// Sum of weekly coverage this year (the panel reports its mean).
    pub coverage_year: f32,
    /// Contract years whose renewal has been opened (0 = none yet).
    pub renewals_opened: u32,
    /// The expansion or renewal deal open on the account (its slot in `AccountDeals`), or [`NO_DEAL`].
    pub deal: u32,
    /// That deal's date, chance at full effort (without the rep's skill) and credited value, and
    /// whether its date can be moved: what the rep's forecast needs, kept here for the close.
    pub deal_due: u32,
    pub deal_chance: f32,
    pub deal_value: f32,
    pub deal_movable: bool,
    /// Whether that deal has stalled at least once (slow to close: drafted help goes to it).
    pub deal_stalled: bool,
    /// Weeks that deal has been open, and the rep's coverage summed over them (each week at most
    /// 1): its readiness is their ratio. Kept here so that the weekly pass never reads the deal itself.
    pub deal_weeks: u32,
    pub deal_coverage: f32,
}

impl Default for AccountState {
    fn default() -> Self {
        AccountState {
            loyalty_rep: 0.0,
            loyalty_specialist: 0.0,
            loyalty_company: 0.0,
            loyalty_company_trend: 0.0,
            satisfaction: 0.0,
            wallet_share: 0.0,
            knowledge: 1.0,
            coverage: 0.0,
            needs_met: 1.0,
            revenue_week: 0.0,
            revenue_year: 0.0,
            discount: 0.0,
            hours_year: 0.0,
            margin_week: 0.0,
            margin_year: 0.0,
            credit_ahead: 0.0,
            coverage_year: 0.0,
            renewals_opened: 0,
            deal: NO_DEAL,
            deal_due: 0,
            deal_chance: 0.0,
            deal_value: 0.0,
            deal_movable: false,
            deal_stalled: false,
            deal_weeks: 0,
            deal_coverage: 0.0,
        }
    }
}

impl AccountState {
    pub(crate) fn has_deal(&self) -> bool {
        self.deal != NO_DEAL
    }
}
