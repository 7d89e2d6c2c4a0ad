//! A rep's sums for the year in progress: what the weekly observation adds up (`panels.rs`) and
//! the yearly panel row and scorecard are made from (`scorecard.rs`), kept apart from the model's
//! state.

use bevy::prelude::*;

/// A rep's sums for the year in progress (observation).
#[derive(Component, Clone, Debug, Default)]
pub struct RepYear {
    pub credit: f64,
    pub quota: f64,
    pub base: f64,
    pub variable: f64,
    pub hunting: f64,
    pub hours: f64,
    pub deals_won: u32,
    pub deals_lost: u32,
    pub bookings: f64,
    pub weeks: u32,
    pub fatigue: f64,
    pub revenue: f64,
    pub margin: f64,
    pub new_accounts: u32,
    pub new_icp: u32,
    /// Accounts in its book when its year started.
    pub start_accounts: u32,
}
