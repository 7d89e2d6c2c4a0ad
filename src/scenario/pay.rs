//! The pay plan: base, commission, quota, accelerators, team pool, bonuses and deferral.

use super::limits::{MAX_REPS, MAX_WEEKS};
use serde::{Deserialize, Serialize};

/// What commission is paid on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommissionBasis {
    /// All revenue from the rep's accounts.
    AllRevenue,
    /// Only revenue from accounts won within `new_customer_window_weeks`.
    NewCustomerRevenue,
    /// Gross margin (revenue × `market.gross_margin`) from the rep's accounts.
    Margin,
}

impl CommissionBasis {
    /// Whether credit is on margin rather than revenue.
    pub fn on_margin(self) -> bool {
        self == CommissionBasis::Margin
    }

    /// The credited share of a dollar of revenue earned at gross margin `margin`: the margin on the
    /// margin basis, all of it on a revenue basis.
    pub fn credited_share(self, margin: f64) -> f64 {
        if self.on_margin() { margin } else { 1.0 }
    }

    /// Whether revenue from accounts the rep already has earns credit (not on the new-customer
    /// basis, which credits only accounts won within its window).
    pub fn pays_on_existing_accounts(self) -> bool {
        self != CommissionBasis::NewCustomerRevenue
    }

    /// Whether revenue from an account won `age_weeks` ago earns credit; on the new-customer basis
    /// only within `window_weeks` of the win.
    pub fn credits_account(self, age_weeks: i32, window_weeks: u32) -> bool {
        self.pays_on_existing_accounts() || age_weeks < window_weeks as i32
    }
}

/// How long a quota (and commission) period lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuotaPeriod {
    /// 4-or-5-week months (13 periods a year of 4 weeks).
    Monthly,
    /// 13-week quarters.
    Quarterly,
    /// 52-week years.
    Annual,
}

impl QuotaPeriod {
    /// Weeks in one period.
    pub fn weeks(self) -> u32 {
        match self {
            QuotaPeriod::Monthly => 4,
            QuotaPeriod::Quarterly => 13,
            QuotaPeriod::Annual => 52,
        }
    }
}

/// How each period's quota is set.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum QuotaSetting {
    /// Quota = `share` × annual spend potential of the rep's accounts, pro rata for the period.
    TerritoryShare(f64),
    /// A company plan of its reps' sales this period × (1 + `quota_growth`)^(period/52), shared out
    /// in proportion to each rep's w·last credited sales + (1−w)·last quota, with `up` used when
    /// sales beat quota and `down` when they fell short (quotas rise faster than they fall).
    Ratchet { up: f64, down: f64 },
    /// No quota: commission on every credited dollar at the base rate, no bonus at quota; reps
    /// neither push, coast nor give up, and play no timing games.
    NoQuota,
}

impl QuotaSetting {
    /// Whether reps have a quota at all (not `NoQuota`).
    pub fn has_quota(self) -> bool {
        !matches!(self, QuotaSetting::NoQuota)
    }
}

/// A qualitative goal paid as a bonus at the end of each quota period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BonusMetric {
    /// Mean satisfaction (0..1) of the rep's accounts reaches the target.
    Satisfaction,
    /// Share of the rep's accounts at the period start still active at its end reaches the target.
    Retention,
    /// Mean share-of-wallet growth of the rep's accounts over the period reaches the target (e.g. 0.01).
    CrossSell,
}

/// One qualitative bonus.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualitativeBonus {
    /// What is measured.
    pub metric: BonusMetric,
    /// The level to reach (a share or a satisfaction level, 0..1).
    pub target: f64,
    /// Bonus at full achievement, $ per year (paid pro rata each period).
    pub payout: f64,
}

crate::section! {
    /// The pay plan in force.
    pub struct Pay {
        required {
            /// Annual base salary per rep, $/year.
            pub base_salary: f64, 0.0 ..= 1e8;
            /// Commission as a fraction of the commission basis (0.04 = 4%).
            pub commission_rate: f64, 0.0 ..= 1.0;
        }
        /// What commission is paid on.
        pub commission_basis: CommissionBasis = CommissionBasis::AllRevenue;
        /// Weeks after winning during which an account's revenue counts as new.
        pub new_customer_window_weeks: u32 = 52, 1 ..= MAX_WEEKS;
        /// Quota and commission period.
        pub quota_period: QuotaPeriod = QuotaPeriod::Quarterly;
        /// How quotas are set: `TerritoryShare(share)`, `Ratchet(up, down)` or `NoQuota`.
        /// (Its payload's ranges are checked in `validate.rs`.)
        pub quota_setting: QuotaSetting = QuotaSetting::Ratchet { up: 0.5, down: 0.25 };
        /// Growth the company plans for each year, as a share. A territory-share quota is × (1 +
        /// this)^(weeks in the period / 52); a ratchet's plan is the period's sales × the same (a
        /// rep's first quota: its run-rate × the same). Structural assumption.
        pub quota_growth: f64 = 0.05, -0.9 ..= 10.0;
        /// Commission multiplier on credited sales above quota (1 = no accelerator).
        pub accelerator: f64 = 1.5, 1.0 ..= 5.0;
        /// Cap on variable pay per year, $ (0 = no cap).
        pub cap: f64 = 0.0, 0.0 ..= 1e9;
        /// Bonus paid at the end of each quota period in which a rep reaches its quota, $ per year.
        /// Paid pro rata each period: × weeks in the period / 52.
        pub quota_bonus: f64 = 0.0, 0.0 ..= 1e8;
        /// Share of commission paid from a pool on the team's total credit and split evenly.
        pub team_pool_share: f64 = 0.0, 0.0 ..= 1.0;
        /// Reps per team (teams are consecutive rep ids).
        pub team_size: u32 = 8, 1 ..= MAX_REPS;
        /// Qualitative bonuses (satisfaction/NPS, retention, cross-sell).
        /// (At most `MAX_BONUSES`, checked in `validate.rs`.)
        pub bonuses: Vec<QualitativeBonus> = Vec::new();
        /// Share of variable pay deferred until it vests (forfeited by a rep who leaves first).
        pub deferred_share: f64 = 0.0, 0.0 ..= 1.0;
        /// Weeks until deferred pay vests.
        pub vesting_weeks: u32 = 104, 1 ..= MAX_WEEKS;
        /// Where the company aims its reps' pay against market pay at each pay review, as a
        /// multiple (1.1: 10% above the market); 0: no review, the plan stays as set. At a review
        /// the commission rate is scaled by the gap between what it aims the reps' variable pay
        /// at and what they expect (`src/sim/pay/review.rs`). Default 0 (plans change only by
        /// decision). 0 to 5.
        pub market_position: f64 = 0.0, 0.0 ..= 5.0;
        /// Weeks between pay reviews against the market (`market_position`). Default 52.
        pub review_weeks: u32 = 52, 1 ..= MAX_WEEKS;
    }
}
