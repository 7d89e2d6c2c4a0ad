//! Rep careers: quitting, accepting competitors' offers and withdrawal before leaving.

use serde::{Deserialize, Serialize};

/// Career parameters (mechanism 8).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Careers {
    /// Annual quit probability of a new, fairly paid, rested rep (tenure lowers it). Default 0.25.
    pub quit_rate_annual: f64,
    /// On-target earnings the outside market pays a rep, $/year. Default 100,000.
    pub market_pay: f64,
    /// Quit hazard multiplier per 100% shortfall of expected pay against market pay (exponential). Default 2.0.
    pub pay_sensitivity: f64,
    /// Quit hazard multiplier from fatigue (exponential, per unit of fatigue). Default 1.0.
    pub fatigue_sensitivity: f64,
    /// Quit hazard multiplier per colleague departure in the rep's team over the last 13 weeks. Default 0.25.
    pub colleague_sensitivity: f64,
    /// Quit hazard multiplier from low morale (exponential, per unit of lost morale). Default 1.5.
    pub morale_sensitivity: f64,
    /// Quit hazard falls by this share per year of tenure, up to five years. Default 0.08.
    pub tenure_protection: f64,
    /// Weeks between deciding to leave and leaving, with reduced effort. Default 4.
    pub withdrawal_weeks: u32,
    /// Share of quitting reps who join a rival and can take customers with them. Default 0.5.
    pub quit_to_rival_share: f64,
    /// Pay rise a rep needs to accept a competitor's offer, as a share. Default 0.15.
    pub switching_premium: f64,
    /// Share of poaching moves in which a teammate is recruited too. Default 0.19.
    pub colleague_move_share: f64,
    /// Share of morale lost per share of book revenue taken away in a realignment. Default 1.0.
    pub realignment_anger: f64,
    /// Share of lost morale recovered each week. Default 0.02.
    pub morale_recovery: f64,
}

impl Default for Careers {
    fn default() -> Self {
        Careers {
            quit_rate_annual: 0.25,
            market_pay: 100_000.0,
            pay_sensitivity: 2.0,
            fatigue_sensitivity: 1.0,
            colleague_sensitivity: 0.25,
            morale_sensitivity: 1.5,
            tenure_protection: 0.08,
            withdrawal_weeks: 4,
            quit_to_rival_share: 0.5,
            switching_premium: 0.15,
            colleague_move_share: 0.19,
            realignment_anger: 1.0,
            morale_recovery: 0.02,
        }
    }
}
