//! The agents' state: reps, accounts (active customers), prospects, specialists and competitors.
//!
//! An account is an entity from the week it is won until it is lost; it never changes table
//! (no marker is added or removed), and the one weekly pass reads [`Account`] and writes only
//! [`AccountState`]. Prospects are plain data in the pool or in a deal; lost accounts are archived
//! (`loss.rs`) and their entities despawned.

use bevy::prelude::*;
use std::collections::VecDeque;

/// Tenure bands the outputs report rates in, for reps and customers alike: the first year, and
/// three years or more (definitions of the measures, not behaviour).
pub const FIRST_YEAR_WEEKS: f64 = 52.0;
pub const TENURED_WEEKS: f64 = 156.0;

/// Why a rep left the company.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeaveReason {
    /// Quit for the outside market; `to_rival` means it joined a firm that can take customers.
    Quit { to_rival: bool },
    /// Accepted a competitor's offer.
    Poached { competitor: u16 },
    /// Let go by its manager after reviews below the performance floor.
    ManagedOut { to_rival: bool },
}

impl LeaveReason {
    /// Whether the rep goes where its customers can follow it.
    pub fn to_rival(self) -> bool {
        match self {
            LeaveReason::Quit { to_rival } | LeaveReason::ManagedOut { to_rival } => to_rival,
            LeaveReason::Poached { .. } => true,
        }
    }
    /// The competitor it joins, if a modelled one.
    pub fn competitor(self) -> Option<u16> {
        match self {
            LeaveReason::Poached { competitor } => Some(competitor),
            _ => None,
        }
    }
    /// Left of its own accord (quit or poached) rather than being let go.
    pub fn voluntary(self) -> bool {
        !matches!(self, LeaveReason::ManagedOut { .. })
    }
}

/// Where a rep is in its career with us.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RepStatus {
    Active,
    /// Decided (or was told) to leave; works at reduced effort until `leave_week`.
    Withdrawing {
        leave_week: u32,
        reason: LeaveReason,
    },
    Departed {
        week: u32,
        reason: LeaveReason,
    },
}

/// A sales rep: identity, traits, seat and employment.
#[derive(Component, Clone, Debug)]
pub struct Rep {
    /// Stable id (0-based, in hiring order).
    pub id: u32,
    /// Team (consecutive ids share a team).
    pub team: u32,
    /// The seat (territory) it holds; a replacement takes over the same seat.
    pub seat: u32,
    /// Selling skill, 1.0 = the week-0 force's mean.
    pub skill: f64,
    /// Week hired (negative for reps already employed at week 0).
    pub hired_week: i32,
    /// Weeks to full productivity for this rep.
    pub ramp_weeks: f64,
    pub status: RepStatus,
}

impl Rep {
    pub fn tenure_weeks(&self, week: u32) -> f64 {
        (week as i32 - self.hired_week).max(0) as f64
    }
    /// Productivity from skill and ramp: `ramp_start` of full on day one, rising linearly to full at
    /// `ramp_weeks`.
    pub fn productivity(&self, week: u32, ramp_start: f64) -> f64 {
        let ramp = if self.ramp_weeks <= 0.0 {
            1.0
        } else {
            (ramp_start + (1.0 - ramp_start) * self.tenure_weeks(week) / self.ramp_weeks).min(1.0)
        };
        self.skill * ramp
    }
    /// Working for us this week (including while withdrawing).
    pub fn is_employed(&self) -> bool {
        !matches!(self.status, RepStatus::Departed { .. })
    }
}

/// How a rep responds to its quota position (F9).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QuotaStance {
    /// On pace, or no quota.
    #[default]
    Normal,
    /// Quota in reach near the period end: extra effort.
    Pushing,
    /// Quota made and extra sales pay no more (no accelerator, or capped): less effort.
    Coasting,
    /// So far behind that the quota is out of reach: less effort.
    GaveUp,
}

/// How a rep spends its week and how it feels.
#[derive(Component, Clone, Debug, Default)]
pub struct Workload {
    pub hunting: f64,
    pub farming: f64,
    pub team: f64,
    /// Fatigue stock from hours over capacity (0 = rested).
    pub fatigue: f64,
    /// 1 = content; lowered by realignment and colleagues leaving.
    pub morale: f64,
    /// How the rep stands to its quota this week.
    pub quota_stance: QuotaStance,
    /// Its chance of making quota this period, as it judges it this week (1 without a quota).
    pub quota_chance: f64,
}

impl Workload {
    pub fn worked(&self) -> f64 {
        self.hunting + self.farming + self.team
    }
}

/// Deferred pay waiting to vest.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Deferral {
    pub vests_week: u32,
    pub amount: f64,
}

/// A rep's pay: the period in progress, its pace of sales, and what has been paid (by component).
#[derive(Component, Clone, Debug, Default)]
pub struct PayState {
    pub period_quota: f64,
    /// Weeks of the quota period `period_quota` was set for.
    pub quota_weeks: u32,
    pub period_credit: f64,
    /// Recent weekly credit from recurring revenue (smoothed over `behaviour.pay.pace_weeks`).
    pub recurring_pace: f64,
    /// Recent weekly credit from deals closed (bookings), smoothed the same way.
    pub bookings_pace: f64,
    /// How much its weekly credit varies around its pace, as the rep has seen it (the mean squared
    /// deviation over `behaviour.pay.volatility_weeks`).
    pub credit_variance: f64,
    /// What it expected to sell in the period when it started (its paces × the period's weeks).
    pub period_forecast: f64,
    /// How far its periods' sales have missed that forecast, as a share of quota: on average
    /// (`forecast_bias`) and squared (`forecast_error`, from `behaviour.pay.forecast_error_prior`),
    /// learned period by period.
    pub forecast_bias: f64,
    pub forecast_error: f64,
    /// Commission accrued this period, before deferral (paid at period end).
    pub period_commission: f64,
    pub period_team: f64,
    pub variable_this_year: f64,
    /// Expected annual pay (smoothed earned pay, annualised).
    pub expected_pay: f64,
    /// Deferred pay not yet vested, oldest first.
    pub deferred: VecDeque<Deferral>,
    pub paid_base: f64,
    pub paid_commission: f64,
    pub paid_team: f64,
    pub paid_bonus: f64,
    pub paid_guarantee: f64,
    /// One-off payments that bought off a threat to leave (`pushback.rs`).
    pub paid_retention: f64,
    pub paid_vested: f64,
    pub paid_total: f64,
    pub forfeited: f64,
    /// This week: credited sales, base earned and variable pay earned (for the panels).
    pub week_credit: f64,
    pub week_base: f64,
    pub week_variable: f64,
    /// Accounts held at the period start and their mean share of wallet (for bonuses).
    pub period_start_accounts: u32,
    pub period_start_wallet: f64,
}

impl PayState {
    pub fn unvested(&self) -> f64 {
        self.deferred.iter().map(|d| d.amount).sum()
    }
    /// Whether the quota of the period in progress is made.
    pub fn quota_made(&self) -> bool {
        self.period_quota > 0.0 && self.period_credit >= self.period_quota
    }
}

/// How a rep is doing against its quota, as its manager reviews it (`performance.rs`).
#[derive(Component, Clone, Debug, Default)]
pub struct Performance {
    /// Credited sales and quota per week, exponentially averaged over the review window.
    pub credit: f64,
    pub quota: f64,
    /// Reviews in a row below the floor.
    pub strikes: u32,
    /// Told that the next review below the floor means being let go.
    pub on_notice: bool,
}

impl Performance {
    /// Attainment over the review window (credit over quota; 1 before any quota).
    pub fn attainment(&self) -> f64 {
        if self.quota > 0.0 { self.credit / self.quota } else { 1.0 }
    }
}

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
    pub fn id(&self) -> u32 {
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
    pub fn has_deal(&self) -> bool {
        self.deal != NO_DEAL
    }
}

/// Technical or service specialist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecialistKind {
    Technical,
    Service,
}

/// A specialist who serves accounts alongside the account manager.
#[derive(Component, Clone, Debug)]
pub struct Specialist {
    pub id: u32,
    pub kind: SpecialistKind,
    /// False once headcount was cut below it.
    pub active: bool,
    pub assigned: u32,
}

/// A competitor in the market.
#[derive(Component, Clone, Debug)]
pub struct Competitor {
    pub id: u16,
    pub name: String,
    pub entered: bool,
    pub entry_week: u32,
    pub reps_poached: u32,
    pub customers_taken: u32,
}
