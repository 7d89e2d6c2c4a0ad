//! Customer behaviour: satisfaction, loyalty bonds, share of wallet, churn and following a rep.

use serde::{Deserialize, Serialize};

/// Customer behaviour parameters (mechanisms 4, 5, 6, 9 and 11).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Customers {
    /// Annual churn probability of a satisfied, neutral-loyalty customer. Default 0.06.
    pub churn_rate_annual: f64,
    /// Churn hazard multiplier per unit of dissatisfaction below 0.6 (exponential). Default 3.0.
    pub satisfaction_sensitivity: f64,
    /// Share of churn hazard removed by full loyalty (to rep or company). Default 0.6.
    pub loyalty_protection: f64,
    /// Share of the gap to its target satisfaction closed each week. Default 0.05.
    pub satisfaction_speed: f64,
    /// How well a generalist meets complex needs without a technical specialist, 0..1. Default 0.3.
    pub generalist_fit: f64,
    /// Weekly loyalty growth towards a person credited with the value. Default 0.04.
    pub loyalty_growth_person: f64,
    /// Weekly loyalty growth towards the company credited with the value. Default 0.015.
    pub loyalty_growth_company: f64,
    /// Weekly loyalty decay without contact. Default 0.006.
    pub loyalty_decay: f64,
    /// Weekly share-of-wallet growth at full loyalty to the rep. Default 0.01.
    pub wallet_growth: f64,
    /// Price premium at full loyalty, as a share of list price. Default 0.08.
    pub price_premium: f64,
    /// Base probability that a rep-owned, single-contact account follows a departing rep to a rival. Default 0.25.
    pub follow_base: f64,
    /// Log-odds of following per unit of (loyalty to rep − loyalty to company). Default 2.5.
    pub follow_loyalty_weight: f64,
    /// Log-odds of following per log-year of tenure with the rep (minus per log-year with the company). Default 0.4.
    pub follow_tenure_weight: f64,
    /// Log-odds of following removed per other company contact (specialist, service, company-owned). Default 1.2.
    pub follow_contact_weight: f64,
    /// Log-odds of following removed at full CRM retention. Default 1.0.
    pub follow_crm_weight: f64,
    /// Log-odds of following added per colleague leaving in the same week. Default 0.5.
    pub follow_colleague_weight: f64,
    /// Base probability that an account whose rep leaves goes to a third party instead of staying. Default 0.12.
    pub leave_on_departure: f64,
}

impl Default for Customers {
    fn default() -> Self {
        Customers {
            churn_rate_annual: 0.06,
            satisfaction_sensitivity: 3.0,
            loyalty_protection: 0.6,
            satisfaction_speed: 0.05,
            generalist_fit: 0.3,
            loyalty_growth_person: 0.04,
            loyalty_growth_company: 0.015,
            loyalty_decay: 0.006,
            wallet_growth: 0.01,
            price_premium: 0.08,
            follow_base: 0.25,
            follow_loyalty_weight: 2.5,
            follow_tenure_weight: 0.4,
            follow_contact_weight: 1.2,
            follow_crm_weight: 1.0,
            follow_colleague_weight: 0.5,
            leave_on_departure: 0.12,
        }
    }
}
