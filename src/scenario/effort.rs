//! How reps decide how many hours to work and how to split them.

use serde::{Deserialize, Serialize};

/// Rep effort parameters (mechanism 2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Effort {
    /// Share of hours management expects on hunting; reps follow it with the fixed part of their
    /// motivation (the salaried share of pay). Default 0.45.
    pub directed_hunting_share: f64,
    /// Years of a new account's revenue a rep counts when valuing a hunting hour. Default 2.0.
    pub commission_horizon_years: f64,
    /// Share of a book's annual revenue that depends on the rep's coverage. Default 0.3.
    pub book_at_risk_share: f64,
    /// How fast coverage protects the book: retained share = 1 − exp(−k·coverage). Default 3.0.
    pub coverage_response: f64,
    /// Weight on protecting income already earned relative to winning new income (loss aversion). Default 1.5.
    pub loss_aversion: f64,
    /// Diminishing value of extra income: weight = (market pay / expected pay)^elasticity. Default 1.0.
    pub income_elasticity: f64,
    /// A rep gives up when its chance of making quota this period, at its own recent pace, falls
    /// below this probability. Default 0.1.
    pub give_up_chance: f64,
    /// Week-to-week volatility of a rep's credited sales, as a share of its weekly pace (the
    /// uncertainty reps see in reaching quota). Default 1.0.
    pub sales_volatility: f64,
    /// Effort of a rep who gave up, relative to normal (applies to the incentive-driven part). Default 0.6.
    pub give_up_effort: f64,
    /// Effort after making quota when extra sales pay no more (no accelerator or capped). Default 0.75.
    pub coast_effort: f64,
    /// Effort near the period end when quota is within reach. Default 1.15.
    pub push_effort: f64,
    /// Share of fatigue recovered each week. Default 0.15.
    pub fatigue_recovery: f64,
    /// Weekly hours of team work per account shared with specialists. Default 0.02.
    pub team_hours_per_shared_account: f64,
}

impl Default for Effort {
    fn default() -> Self {
        Effort {
            directed_hunting_share: 0.45,
            commission_horizon_years: 2.0,
            book_at_risk_share: 0.3,
            coverage_response: 3.0,
            loss_aversion: 1.5,
            income_elasticity: 1.0,
            give_up_chance: 0.1,
            sales_volatility: 1.0,
            give_up_effort: 0.6,
            coast_effort: 0.75,
            push_effort: 1.15,
            fatigue_recovery: 0.15,
            team_hours_per_shared_account: 0.02,
        }
    }
}
