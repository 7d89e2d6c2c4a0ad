//! Market and initial sales-force parameters.

use serde::{Deserialize, Serialize};

/// The market: accounts, prospects, their spend and their needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Market {
    /// Active customer accounts at week 0. Default 5,000; at most 2,000,000.
    pub accounts: u32,
    /// Prospects (potential customers not yet won) at week 0. Default 15,000; at most 5,000,000.
    pub prospects: u32,
    /// New prospects entering the market per year, as a share of the week-0 prospect pool. Default 0.08.
    pub prospect_inflow_per_year: f64,
    /// Mean annual spend potential of an account in the product category, $/year. Default 9,000.
    pub potential_mean: f64,
    /// Log-scale spread of spend potential (lognormal sigma). Default 0.9.
    pub potential_sigma: f64,
    /// Share of wallet a newly won account starts with, 0..1. Default 0.5.
    pub initial_wallet_share: f64,
    /// Share of accounts and prospects whose needs are complex (need a technical specialist), 0..1. Default 0.10.
    pub complex_share: f64,
    /// Mean price sensitivity of customers, 0..1 (1 = switches for any discount). Default 0.3.
    pub price_sensitivity_mean: f64,
    /// Share of prospects that fit the ideal customer profile, 0..1. Default 0.4.
    pub icp_share: f64,
    /// How strongly reps target ideal-profile prospects, 0..1 (a policy). Default 0.5.
    pub icp_targeting: f64,
    /// How much more often a targeted ideal-profile prospect converts (1.0 = twice as often). Default 1.0.
    pub icp_hit_bonus: f64,
    /// New customers won per productive hunting hour when the prospect pool is full. Default 0.011.
    pub hit_rate_per_hour: f64,
    /// Elasticity of the hit rate to the remaining prospect pool (saturation). Default 1.0.
    pub saturation_elasticity: f64,
    /// Gross margin on revenue, 0..1 (used by the margin commission basis). Default 0.4.
    pub gross_margin: f64,
}

impl Default for Market {
    fn default() -> Self {
        Market {
            accounts: 5_000,
            prospects: 15_000,
            prospect_inflow_per_year: 0.08,
            potential_mean: 9_000.0,
            potential_sigma: 0.9,
            initial_wallet_share: 0.5,
            complex_share: 0.10,
            price_sensitivity_mean: 0.3,
            icp_share: 0.4,
            icp_targeting: 0.5,
            icp_hit_bonus: 1.0,
            hit_rate_per_hour: 0.011,
            saturation_elasticity: 1.0,
            gross_margin: 0.4,
        }
    }
}

/// The sales force at week 0 and how much work accounts need.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SalesForce {
    /// Reps at week 0. Default 50; at most 20,000.
    pub reps: u32,
    /// Selling hours a rep can give per week without tiring. Default 40.
    pub hours_per_week: f64,
    /// Mean tenure of the week-0 reps in years (exponentially distributed). Default 3.0.
    pub tenure_years_mean: f64,
    /// Spread of rep skill around 1.0 (normal sd, clamped to 0.4..1.8). Default 0.15.
    pub skill_sd: f64,
    /// Weekly farming hours an average account needs for adequate coverage. Default 0.15.
    pub farming_hours_per_account: f64,
    /// Extra coverage a complex-needs account needs, as a share (0.5 = 50% more). Default 0.5.
    pub complex_extra_hours: f64,
    /// How week-0 books are split: 0 = evenly, 1 = in proportion to tenure (old hands hold big books). Default 0.3.
    pub book_tenure_weight: f64,
}

impl Default for SalesForce {
    fn default() -> Self {
        SalesForce {
            reps: 50,
            hours_per_week: 40.0,
            tenure_years_mean: 3.0,
            skill_sd: 0.15,
            farming_hours_per_account: 0.15,
            complex_extra_hours: 0.5,
            book_tenure_weight: 0.3,
        }
    }
}
