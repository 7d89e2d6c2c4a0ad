//! Hiring and specialist headcount.

use serde::{Deserialize, Serialize};

/// Hiring policy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Hiring {
    /// Rep headcount the company hires towards (0 = keep the week-0 headcount). Default 0.
    pub target_headcount: u32,
    /// Mean weeks from a vacancy opening to the new rep starting. Default 17; 0..200.
    pub vacancy_weeks: f64,
    /// Median weeks for a new rep to reach full productivity (lognormal, sigma 0.4). Default 22.
    pub ramp_weeks: f64,
    /// While true no new rep is hired. Default false.
    pub freeze: bool,
    /// Commission a new rep is guaranteed during ramp, as a share of target variable pay
    /// (a "draw"; 0 = none). Default 0.5.
    pub ramp_guarantee: f64,
}

impl Default for Hiring {
    fn default() -> Self {
        Hiring { target_headcount: 0, vacancy_weeks: 17.0, ramp_weeks: 22.0, freeze: false, ramp_guarantee: 0.5 }
    }
}

/// Technical and service specialists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Specialists {
    /// Technical specialists, who meet complex needs. Default 0; at most 10,000.
    pub technical: u32,
    /// Service specialists, who add coverage and company contact. Default 0; at most 10,000.
    pub service: u32,
    /// Accounts one specialist can serve. Default 80.
    pub accounts_each: u32,
    /// Annual cost of one specialist, $/year (counted in cost of sales). Default 120,000.
    pub salary: f64,
}

impl Default for Specialists {
    fn default() -> Self {
        Specialists { technical: 0, service: 0, accounts_each: 80, salary: 120_000.0 }
    }
}
