//! The agents' state: reps, customers (prospects and accounts), specialists and competitors.

use bevy::prelude::*;
use std::collections::VecDeque;

/// Why a rep left the company.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeaveReason {
    /// Quit for the outside market; `to_rival` means it joined a firm that can take customers.
    Quit { to_rival: bool },
    /// Accepted a competitor's offer.
    Poached { competitor: u16 },
}

/// Where a rep is in its career with us.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RepStatus {
    Active,
    /// Decided to leave; works at reduced effort until `leave_week`.
    Withdrawing {
        leave_week: u32,
        reason: LeaveReason,
    },
    Departed {
        week: u32,
        reason: LeaveReason,
    },
}

/// A sales rep: identity, traits and employment.
#[derive(Component, Clone, Debug)]
pub struct Rep {
    /// Stable id (0-based, in hiring order).
    pub id: u32,
    /// Team (consecutive ids share a team).
    pub team: u32,
    /// Selling skill, 1.0 = average.
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
    /// Productivity multiplier from skill and ramp: 25% on day one, linear to 100% at `ramp_weeks`.
    pub fn productivity(&self, week: u32) -> f64 {
        let ramp = if self.ramp_weeks <= 0.0 {
            1.0
        } else {
            (0.25 + 0.75 * self.tenure_weeks(week) / self.ramp_weeks).min(1.0)
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
    /// On pace, or no quota yet.
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
}

impl Workload {
    pub fn worked(&self) -> f64 {
        self.hunting + self.farming + self.team
    }
}

/// A rep's pay: the period in progress, what has been paid (by component) and yearly totals.
#[derive(Component, Clone, Debug, Default)]
pub struct PayState {
    pub period_quota: f64,
    /// Weeks of the quota period `period_quota` was set for.
    pub quota_weeks: u32,
    pub period_credit: f64,
    /// The rep's recent weekly credited sales (8-week moving average).
    pub credit_rate: f64,
    /// Commission accrued this period, before deferral (paid at period end).
    pub period_commission: f64,
    pub period_team: f64,
    pub variable_this_year: f64,
    /// Expected annual pay (smoothed earned pay, annualised).
    pub expected_pay: f64,
    /// Deferred pay not yet vested: (vesting week, amount).
    pub deferred: VecDeque<(u32, f64)>,
    pub paid_base: f64,
    pub paid_commission: f64,
    pub paid_team: f64,
    pub paid_bonus: f64,
    pub paid_guarantee: f64,
    pub paid_vested: f64,
    pub paid_total: f64,
    pub forfeited: f64,
    /// Yearly panel accumulators (reset each year).
    pub year_credit: f64,
    pub year_quota: f64,
    pub year_base: f64,
    pub year_variable: f64,
    pub year_hunting: f64,
    pub year_hours: f64,
    /// Retention bookkeeping: accounts held at period start and how many are still active.
    pub period_start_accounts: u32,
    pub period_start_wallet: f64,
}

impl PayState {
    pub fn unvested(&self) -> f64 {
        self.deferred.iter().map(|(_, a)| a).sum()
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
    /// A prospect won by a competitor before we reached it (never our customer).
    ProspectWonByCompetitor(u16),
}

/// Where a customer is in its life with us. Exactly one at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Prospect,
    Active,
    Lost { week: u32, cause: LossCause },
}

/// A customer: identity, needs and stage.
#[derive(Component, Clone, Debug)]
pub struct Customer {
    /// Stable id (0-based; week-0 accounts first, then prospects, then later arrivals).
    pub id: u32,
    pub stage: Stage,
    /// Annual spend potential in the category, $/year.
    pub potential: f64,
    /// Needs complexity: complex needs require a technical specialist to be fully met.
    pub complex: bool,
    /// 0..1; how readily it switches for a lower price.
    pub price_sensitivity: f64,
    /// Fits the ideal customer profile.
    pub icp_fit: bool,
    /// Uniform draw fixed at birth, used to decide who turns complex when the product line broadens.
    pub complexity_draw: f64,
}

/// Marks a customer whose stage is `Active`, so per-account systems skip prospects and lost
/// customers. Always mirrors `Customer::stage` (checked by the invariants).
#[derive(Component, Clone, Copy, Debug, Default)]
pub struct ActiveAccount;

/// A customer's relationships: owner or account team, and its loyalty bonds.
#[derive(Component, Clone, Debug, Default)]
pub struct Bonds {
    /// Rep covering the account (account manager), if any.
    pub owner: Option<u32>,
    /// Company-owned (house / multiplexed) rather than the rep's own.
    pub company_owned: bool,
    pub technical: Option<u32>,
    pub service: Option<u32>,
    pub loyalty_rep: f64,
    pub loyalty_specialist: f64,
    pub loyalty_company: f64,
    /// Slow moving average of loyalty to the company (to see it falling).
    pub loyalty_company_trend: f64,
    pub satisfaction: f64,
    pub wallet_share: f64,
    /// Account knowledge held by the current owner, 0..1.
    pub knowledge: f64,
    /// Coverage ratio this week: attention received / attention needed.
    pub coverage: f64,
    /// Week it became a customer (company tenure).
    pub won_week: i32,
    /// Week the current owner took it over (tenure with the rep).
    pub rep_since_week: i32,
}

/// A customer's revenue this week and this year.
#[derive(Component, Clone, Debug, Default)]
pub struct Ledger {
    pub revenue_week: f64,
    pub revenue_year: f64,
    /// The rep that covered it when it was lost.
    pub last_owner: Option<u32>,
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
