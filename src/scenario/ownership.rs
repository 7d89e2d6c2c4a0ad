//! Who owns customers, how accounts are realigned, CRM and company-level tools.

use serde::{Deserialize, Serialize};

/// When accounts are moved between reps under exclusive ownership.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Realignment {
    /// Never plans one: only a one-off `Realignment` event proposes to move accounts, and the reps
    /// who would lose them may push back (`ownership.pushback`, `src/sim/ownership/pushback.rs`).
    Never,
    /// Every `every_weeks` weeks overloaded books are cut back, angering the reps who lose accounts.
    Periodic { every_weeks: u32 },
}

/// The customer-ownership model.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum OwnershipModel {
    /// The rep owns its accounts.
    Exclusive { realignment: Realignment },
    /// Accounts belong to the company: an account manager plus specialists and service, with
    /// rebalancing every `rebalance_weeks` weeks.
    Multiplexed { rebalance_weeks: u32 },
    /// The rep owns an account for its first `house_after_years` years with the company; then it
    /// becomes a house account handled as in `Multiplexed`.
    Hybrid { house_after_years: f64, rebalance_weeks: u32 },
}

/// What happens to a departing rep's accounts (the customers who stay).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Handover {
    /// Held for the rep hired into the vacancy (the seat), covered only by the manager
    /// (`vacancy_coverage`) until the new rep starts, who then ramps up on them.
    HoldForReplacement,
    /// Spread at once over colleagues with spare hours (the least utilised reps).
    SpreadOverColleagues,
}

/// Leadership's response when reps threaten to leave over a planned change (a realignment, or
/// specialists on their accounts): see `src/sim/ownership/pushback.rs`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Pushback {
    /// Go ahead whatever the threats; each threatening rep then leaves with probability
    /// `behaviour.pushback.follow_through`, to a rival, and its loyal customers follow.
    Proceed,
    /// Abandon the change when the reps who threaten hold more than this share of the company's
    /// revenue; otherwise proceed.
    AbandonAbove(f64),
    /// Go ahead and buy off each threatening rep with a one-off payment of the pay it stands to
    /// lose over `weeks` weeks; bought-off reps stay.
    Compensate { weeks: f64 },
}

/// Ownership policy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Ownership {
    /// The ownership model. Default `Exclusive(realignment: Never)`.
    pub model: OwnershipModel,
    /// Share of account knowledge the CRM keeps when an account changes hands, 0..1. Default 0.2.
    pub crm_retention: f64,
    /// Company-level value from tools and programmes, 0..1: how much value customers credit to
    /// the company rather than a person. Default 0.2.
    pub company_tools: f64,
    /// Under realignment, a book is overloaded when its utilisation (coverage hours needed per
    /// unit of its rep's productivity) exceeds this multiple of the average. Default 1.3.
    pub overload_threshold: f64,
    /// Where a departing rep's staying accounts go. Default `HoldForReplacement`.
    pub handover: Handover,
    /// Coverage a sales manager gives an account held for a replacement, as a share of its need.
    /// Default 0.15 (structural assumption: a manager covers vacancies thinly). 0 to 1.
    pub vacancy_coverage: f64,
    /// Leadership's response to reps' threats over a planned change. Default
    /// `AbandonAbove(0.05)` (structural assumption: leaders back down when reps holding a
    /// twentieth of revenue threaten to leave).
    pub pushback: Pushback,
}

impl Default for Ownership {
    fn default() -> Self {
        Ownership {
            model: OwnershipModel::Exclusive { realignment: Realignment::Never },
            crm_retention: 0.2,
            company_tools: 0.2,
            overload_threshold: 1.3,
            handover: Handover::HoldForReplacement,
            vacancy_coverage: 0.15,
            pushback: Pushback::AbandonAbove(0.05),
        }
    }
}

impl OwnershipModel {
    /// Whether accounts held `years_with_company` years are company-owned (not the rep's).
    pub fn company_owned(&self, years_with_company: f64) -> bool {
        match *self {
            OwnershipModel::Exclusive { .. } => false,
            OwnershipModel::Multiplexed { .. } => true,
            OwnershipModel::Hybrid { house_after_years, .. } => years_with_company >= house_after_years,
        }
    }

    /// Weeks between routine rebalancing/realignment, if any.
    pub fn rebalance_every(&self) -> Option<u32> {
        match *self {
            OwnershipModel::Exclusive { realignment: Realignment::Never } => None,
            OwnershipModel::Exclusive { realignment: Realignment::Periodic { every_weeks } } => Some(every_weeks),
            OwnershipModel::Multiplexed { rebalance_weeks } | OwnershipModel::Hybrid { rebalance_weeks, .. } => {
                Some(rebalance_weeks)
            }
        }
    }

    /// Whether reps own their accounts, so that taking accounts or exclusivity from them is a
    /// change they may push back against (`src/sim/ownership/pushback.rs`).
    pub fn reps_own_accounts(&self) -> bool {
        matches!(self, OwnershipModel::Exclusive { .. })
    }
}
