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
    /// Leadership weighs the change against the threats (`leadership`,
    /// `src/sim/ownership/leadership.rs`) and proceeds, phases it in, buys the threats off or
    /// abandons it.
    Weigh,
    /// Go ahead whatever the threats; each threatening rep then leaves with probability
    /// `behaviour.pushback.follow_through`, to a rival, and its loyal customers follow.
    Proceed,
    /// Go ahead and buy off each threatening rep with a one-off payment of the pay it stands to
    /// lose over `weeks` weeks; bought-off reps stay.
    Compensate { weeks: f64 },
    /// Drop any change some rep threatens to leave over (a firm that will not risk its reps).
    Abandon,
}

crate::section! {
    /// Ownership policy.
    pub struct Ownership {
        /// The ownership model: `Exclusive(realignment)`, `Multiplexed(rebalance_weeks)` or `Hybrid`.
        /// (Its payload's ranges are checked in `validate.rs`.)
        pub model: OwnershipModel = OwnershipModel::Exclusive { realignment: Realignment::Never };
        /// Share of account knowledge the CRM keeps when an account changes hands.
        pub crm_retention: f64 = 0.2, 0.0 ..= 1.0;
        /// How much value customers credit to the company rather than a person (tools, programmes).
        pub company_tools: f64 = 0.2, 0.0 ..= 1.0;
        /// Under realignment, a book is overloaded above this multiple of the average utilisation.
        /// Utilisation is the coverage hours a book needs per unit of its rep's productivity.
        pub overload_threshold: f64 = 1.3, 1.0 ..= 10.0;
        /// Where a departing rep's staying accounts go.
        pub handover: Handover = Handover::HoldForReplacement;
        /// Coverage a sales manager gives an account held for a replacement, as a share of its need.
        /// Structural assumption: a manager covers vacancies thinly.
        pub vacancy_coverage: f64 = 0.15, 0.0 ..= 1.0;
        /// Strength of the non-solicit agreements reps sign: the share of a departed rep's
        /// solicitation of its former customers they stop (`customers.solicit_rate`; customers who
        /// go with it unasked, `customers.follow_at_once`, are not stopped). Policy. 0 = none.
        pub non_solicit: f64 = 0.0, 0.0 ..= 1.0;
        /// What a non-solicit agreement costs at full strength per rep who leaves for a rival, $
        /// (× `non_solicit`): the consideration that makes it enforceable and its enforcement
        /// (legal letters, garden leave). Charged to the cost of sales when the rep leaves.
        /// Structural assumption: 20,000, about eight weeks of an on-target rep's pay with fees.
        pub non_solicit_cost: f64 = 20_000.0, 0.0 ..= 1e7;
        /// Leadership's response to reps' threats over a planned change: `Weigh` (it weighs the
        /// change against the threats as `leadership` says), or a forced `Proceed`,
        /// `Compensate{weeks}` or `Abandon`. (Its payload's ranges are checked in `validate.rs`.)
        pub pushback: Pushback = Pushback::Weigh;
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

    /// Whether accounts are handed to the company after some years (`Hybrid`).
    pub fn is_hybrid(&self) -> bool {
        matches!(self, OwnershipModel::Hybrid { .. })
    }

    /// Whether reps own their accounts, so that taking accounts or exclusivity from them is a
    /// change they may push back against (`src/sim/ownership/pushback.rs`).
    pub fn reps_own_accounts(&self) -> bool {
        matches!(self, OwnershipModel::Exclusive { .. })
    }
}
