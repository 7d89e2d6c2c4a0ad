//! Scenario parameters addressed by dotted path (`pay.commission_rate`): the one way a timeline
//! `Set` event, a batch `--set` and a live-view control change a parameter.

use super::Scenario;
use serde::de::DeserializeOwned;

/// A parameter path that is unknown, or a value that does not parse for it.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for ParamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "parameter `{}`: {}", self.path, self.message)
    }
}

fn parse<T: DeserializeOwned>(path: &str, value: &str) -> Result<T, ParamError> {
    ron::from_str::<T>(value.trim()).map_err(|e| ParamError {
        path: path.to_string(),
        message: format!("value `{value}` does not fit: {}", e.code),
    })
}

macro_rules! params {
    ($( $path:literal => $($field:ident).+ ; )*) => {
        /// Every settable parameter path.
        pub const PATHS: &[&str] = &[$($path),*];

        /// Set the parameter at `path` to `value` (written in RON: `0.03`, `true`, `Annual`).
        pub fn set(s: &mut Scenario, path: &str, value: &str) -> Result<(), ParamError> {
            match path {
                $( $path => s.$($field).+ = parse(path, value)?, )*
                _ => return Err(ParamError { path: path.to_string(), message: unknown_message(path) }),
            }
            Ok(())
        }

        /// The current value at `path`, written in RON.
        pub fn get(s: &Scenario, path: &str) -> Option<String> {
            match path {
                $( $path => ron::to_string(&s.$($field).+).ok(), )*
                _ => None,
            }
        }
    };
}

params! {
    "seed" => seed;
    "weeks" => weeks;
    "market.accounts" => market.accounts;
    "market.prospects" => market.prospects;
    "market.prospect_inflow_per_year" => market.prospect_inflow_per_year;
    "market.potential_mean" => market.potential_mean;
    "market.potential_sigma" => market.potential_sigma;
    "market.initial_wallet_share" => market.initial_wallet_share;
    "market.complex_share" => market.complex_share;
    "market.price_sensitivity_mean" => market.price_sensitivity_mean;
    "market.icp_share" => market.icp_share;
    "market.icp_targeting" => market.icp_targeting;
    "market.icp_hit_bonus" => market.icp_hit_bonus;
    "market.hit_rate_per_hour" => market.hit_rate_per_hour;
    "market.saturation_elasticity" => market.saturation_elasticity;
    "market.gross_margin" => market.gross_margin;
    "sales_force.reps" => sales_force.reps;
    "sales_force.hours_per_week" => sales_force.hours_per_week;
    "sales_force.tenure_years_mean" => sales_force.tenure_years_mean;
    "sales_force.skill_sd" => sales_force.skill_sd;
    "sales_force.farming_hours_per_account" => sales_force.farming_hours_per_account;
    "sales_force.complex_extra_hours" => sales_force.complex_extra_hours;
    "sales_force.book_tenure_weight" => sales_force.book_tenure_weight;
    "pay.base_salary" => pay.base_salary;
    "pay.commission_rate" => pay.commission_rate;
    "pay.commission_basis" => pay.commission_basis;
    "pay.new_customer_window_weeks" => pay.new_customer_window_weeks;
    "pay.quota_period" => pay.quota_period;
    "pay.quota_setting" => pay.quota_setting;
    "pay.quota_growth" => pay.quota_growth;
    "pay.accelerator" => pay.accelerator;
    "pay.cap" => pay.cap;
    "pay.team_pool_share" => pay.team_pool_share;
    "pay.team_size" => pay.team_size;
    "pay.bonuses" => pay.bonuses;
    "pay.deferred_share" => pay.deferred_share;
    "pay.vesting_weeks" => pay.vesting_weeks;
    "ownership.model" => ownership.model;
    "ownership.crm_retention" => ownership.crm_retention;
    "ownership.company_tools" => ownership.company_tools;
    "ownership.overload_threshold" => ownership.overload_threshold;
    "hiring.target_headcount" => hiring.target_headcount;
    "hiring.vacancy_weeks" => hiring.vacancy_weeks;
    "hiring.ramp_weeks" => hiring.ramp_weeks;
    "hiring.freeze" => hiring.freeze;
    "hiring.ramp_guarantee" => hiring.ramp_guarantee;
    "specialists.technical" => specialists.technical;
    "specialists.service" => specialists.service;
    "specialists.accounts_each" => specialists.accounts_each;
    "specialists.salary" => specialists.salary;
    "effort.directed_hunting_share" => effort.directed_hunting_share;
    "effort.commission_horizon_years" => effort.commission_horizon_years;
    "effort.book_at_risk_share" => effort.book_at_risk_share;
    "effort.coverage_response" => effort.coverage_response;
    "effort.loss_aversion" => effort.loss_aversion;
    "effort.income_elasticity" => effort.income_elasticity;
    "effort.give_up_chance" => effort.give_up_chance;
    "effort.sales_volatility" => effort.sales_volatility;
    "effort.give_up_effort" => effort.give_up_effort;
    "effort.coast_effort" => effort.coast_effort;
    "effort.push_effort" => effort.push_effort;
    "effort.fatigue_recovery" => effort.fatigue_recovery;
    "effort.team_hours_per_shared_account" => effort.team_hours_per_shared_account;
    "careers.quit_rate_annual" => careers.quit_rate_annual;
    "careers.market_pay" => careers.market_pay;
    "careers.pay_sensitivity" => careers.pay_sensitivity;
    "careers.fatigue_sensitivity" => careers.fatigue_sensitivity;
    "careers.colleague_sensitivity" => careers.colleague_sensitivity;
    "careers.morale_sensitivity" => careers.morale_sensitivity;
    "careers.tenure_protection" => careers.tenure_protection;
    "careers.withdrawal_weeks" => careers.withdrawal_weeks;
    "careers.quit_to_rival_share" => careers.quit_to_rival_share;
    "careers.switching_premium" => careers.switching_premium;
    "careers.colleague_move_share" => careers.colleague_move_share;
    "careers.realignment_anger" => careers.realignment_anger;
    "careers.morale_recovery" => careers.morale_recovery;
    "customers.churn_rate_annual" => customers.churn_rate_annual;
    "customers.satisfaction_sensitivity" => customers.satisfaction_sensitivity;
    "customers.loyalty_protection" => customers.loyalty_protection;
    "customers.satisfaction_speed" => customers.satisfaction_speed;
    "customers.generalist_fit" => customers.generalist_fit;
    "customers.loyalty_growth_person" => customers.loyalty_growth_person;
    "customers.loyalty_growth_company" => customers.loyalty_growth_company;
    "customers.loyalty_decay" => customers.loyalty_decay;
    "customers.wallet_growth" => customers.wallet_growth;
    "customers.price_premium" => customers.price_premium;
    "customers.follow_base" => customers.follow_base;
    "customers.follow_loyalty_weight" => customers.follow_loyalty_weight;
    "customers.follow_tenure_weight" => customers.follow_tenure_weight;
    "customers.follow_contact_weight" => customers.follow_contact_weight;
    "customers.follow_crm_weight" => customers.follow_crm_weight;
    "customers.follow_colleague_weight" => customers.follow_colleague_weight;
    "customers.leave_on_departure" => customers.leave_on_departure;
    "episodes.warmup_weeks" => episodes.warmup_weeks;
    "episodes.min_reps" => episodes.min_reps;
    "episodes.poaching_wave_weeks" => episodes.poaching_wave_weeks;
    "episodes.poaching_wave_share" => episodes.poaching_wave_share;
    "episodes.loyalty_collapse_weeks" => episodes.loyalty_collapse_weeks;
    "episodes.loyalty_collapse_drop" => episodes.loyalty_collapse_drop;
    "episodes.turnover_cascade_weeks" => episodes.turnover_cascade_weeks;
    "episodes.turnover_cascade_share" => episodes.turnover_cascade_share;
    "episodes.runaway_pay_weeks" => episodes.runaway_pay_weeks;
    "episodes.runaway_pay_growth" => episodes.runaway_pay_growth;
    "episodes.runaway_pay_market_multiple" => episodes.runaway_pay_market_multiple;
}

/// Edit distance between two strings (for suggestions).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + (ca != *cb) as usize);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// "unknown parameter", with the closest known paths.
fn unknown_message(path: &str) -> String {
    let mut near: Vec<(usize, &str)> = PATHS.iter().map(|p| (distance(path, p), *p)).collect();
    near.sort();
    let close: Vec<String> =
        near.iter().take(3).filter(|(d, _)| *d <= path.len() / 2 + 2).map(|(_, p)| format!("`{p}`")).collect();
    if close.is_empty() {
        "unknown parameter (`salesim params` lists them all)".to_string()
    } else {
        format!("unknown parameter; did you mean {}? (`salesim params` lists them all)", close.join(" or "))
    }
}

/// Paths that size the world at week 0 and so cannot change mid-run.
pub fn is_initial_only(path: &str) -> bool {
    path == "seed"
        || path == "weeks"
        || path == "market.accounts"
        || path == "market.prospects"
        || path == "sales_force.reps"
        || path == "sales_force.tenure_years_mean"
        || path == "sales_force.book_tenure_weight"
}
