//! The agents' state: reps, accounts (active customers), prospects, specialists and competitors.
//!
//! An account is an entity from the week it is won until it is lost; it never changes table
//! (no marker is added or removed), and the one weekly pass reads [`Account`] and writes only
//! [`AccountState`]. Prospects are plain data in the pool or in a deal; lost accounts are archived
//! (`loss.rs`) and their entities despawned.

use crate::scenario::Scenario;
use bevy::prelude::*;
use std::collections::VecDeque;

mod account;
pub use account::*;

/// Weeks in a year: the tick is a week (a unit, not behaviour).
pub const YEAR_WEEKS: u32 = 52;
/// [`YEAR_WEEKS`] for rates and annualised money.
pub const WEEKS_PER_YEAR: f64 = YEAR_WEEKS as f64;

/// Whether `week` is the last week of its year.
pub(crate) fn is_last_week_of_year(week: u32) -> bool {
    week % YEAR_WEEKS == YEAR_WEEKS - 1
}

/// Tenure bands the outputs report rates in, for reps and customers alike: the first year, and
/// three years or more (definitions of the measures, not behaviour).
pub const FIRST_YEAR_WEEKS: f64 = WEEKS_PER_YEAR;
pub const TENURED_WEEKS: f64 = 3.0 * WEEKS_PER_YEAR;

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
    pub(crate) fn to_rival(self) -> bool {
        match self {
            LeaveReason::Quit { to_rival } | LeaveReason::ManagedOut { to_rival } => to_rival,
            LeaveReason::Poached { .. } => true,
        }
    }
    /// The competitor it joins, if a modelled one.
    pub(crate) fn competitor(self) -> Option<u16> {
        match self {
            LeaveReason::Poached { competitor } => Some(competitor),
            _ => None,
        }
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
    pub(crate) fn productivity(&self, week: u32, ramp_start: f64) -> f64 {
        let ramp = if self.ramp_weeks <= 0.0 {
            1.0
        } else {
            (ramp_start + (1.0 - ramp_start) * self.tenure_weeks(week) / self.ramp_weeks).min(1.0)
        };
        self.skill * ramp
    }
    /// Working for us this week (including while withdrawing).
    pub(crate) fn is_employed(&self) -> bool {
        !matches!(self.status, RepStatus::Departed { .. })
    }
    /// Worked for us in `week`: employed, or left in that week (after it was paid).
    pub(crate) fn worked_in(&self, week: u32) -> bool {
        match self.status {
            RepStatus::Departed { week: left, .. } => left == week,
            _ => true,
        }
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
    pub(crate) fn unvested(&self) -> f64 {
        self.deferred.iter().map(|d| d.amount).sum()
    }
    /// Whether the quota of the period in progress is made.
    pub(crate) fn quota_made(&self) -> bool {
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
    pub(crate) fn attainment(&self) -> f64 {
        if self.quota > 0.0 { self.credit / self.quota } else { 1.0 }
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
    /// For a competitor that is a firm of the industry, what the industry last told of it.
    pub link: Option<FirmLink>,
}

/// A rival firm as the industry shows it to a firm, refreshed every week (`src/industry/`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FirmLink {
    /// Its active reps over its reps at week 0: its selling capacity relative to its start.
    pub size: f64,
    /// Its active reps.
    pub headcount: u32,
    /// The mean expected pay of its active reps, $/year.
    pub pay_level: f64,
    /// What it pays a rep it hires, $/year (`Headcount::hire_pay`): what its offers and a rep's
    /// alternative of joining it start from.
    pub hire_pay: f64,
    /// Its offer to new customers: the mean chance of its new-customer deals
    /// (`deals/contest.rs`).
    pub offer_chance: f64,
    /// The share of its market its reps are working: the chance it pitches any one prospect.
    pub presence: f64,
}

impl Competitor {
    /// Its hunting capacity, hours a week: its own hunting hours plus
    /// `behaviour.churn.hours_per_poached_rep` for every rep it poached, counting `also_poached`
    /// more (reps serving notice to join it); a firm's is its selling hours at week 0 × its size
    /// now (the reps it poached are among its reps once they join).
    pub(crate) fn hunting_hours(&self, s: &Scenario, also_poached: u32) -> f64 {
        let spec = &s.competitors[self.id as usize];
        match self.link {
            Some(link) => spec.hunting_hours * link.size,
            None => {
                spec.hunting_hours + s.behaviour.churn.hours_per_poached_rep * (self.reps_poached + also_poached) as f64
            }
        }
    }
}

impl PayState {
    /// A rep's starting pay state: expected pay is base plus commission on the credit it starts
    /// with.
    pub(crate) fn starting(s: &Scenario, annual_credit: f64) -> PayState {
        let prior = s.behaviour.pay.forecast_error_prior;
        PayState {
            expected_pay: s.pay.base_salary + s.pay.commission_rate * annual_credit,
            quota_weeks: s.pay.quota_period.weeks(),
            forecast_error: prior * prior,
            period_forecast: annual_credit * s.pay.quota_period.weeks() as f64 / WEEKS_PER_YEAR,
            ..Default::default()
        }
    }
}

impl Workload {
    /// A rested, content rep's workload.
    pub(crate) fn rested() -> Workload {
        Workload { morale: 1.0, quota_chance: 1.0, ..Default::default() }
    }
}
