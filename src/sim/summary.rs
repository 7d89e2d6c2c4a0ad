//! The run summary (`summary.json`): headline rates computed from exposures, annualised.

use super::metrics::Totals;
use super::resources::*;
use bevy::prelude::*;
use serde::Serialize;

/// Headline results of a run. Rates are fractions; "annual" rates are events per year of exposure.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Summary {
    pub scenario: String,
    pub scenario_hash: String,
    pub seed: u64,
    pub weeks: u32,
    pub version: String,
    pub total_revenue: f64,
    /// Reps leaving (quit or poached) per rep-year employed.
    pub annual_rep_turnover: f64,
    /// Departures of first-year reps per rep-year of first-year employment.
    pub first_year_rep_turnover: f64,
    /// Departures of reps with 3+ years' tenure per rep-year at that tenure.
    pub tenured_rep_turnover: f64,
    /// Accounts lost (all causes) per account-year.
    pub annual_customer_churn: f64,
    /// Accounts that followed a departing rep, over the accounts those reps held.
    pub follow_share_on_departure: f64,
    /// Accounts that followed a poached rep, over the accounts poached reps held.
    pub follow_share_when_poached: f64,
    /// Accounts lost (followed or left) over accounts held by departing reps.
    pub lost_share_on_departure: f64,
    /// Rep pay earned in the last 52 weeks per average head, $/year.
    pub avg_rep_pay_final_year: f64,
    /// Sales compensation (reps and specialists) over revenue, whole run.
    pub cost_of_sales_ratio: f64,
    /// Variable share of rep pay earned, whole run.
    pub variable_pay_share: f64,
    /// Hunting hours over all rep hours, whole run.
    pub hunting_hours_share: f64,
    /// Mean annual quota over annual pay, for reps employed the whole year.
    pub quota_to_pay_ratio: f64,
    pub mean_vacancy_weeks: f64,
    pub revenue_final_year: f64,
    pub reps_hired: u32,
    pub reps_quit: u32,
    pub reps_poached: u32,
    pub customers_won: u32,
    pub customers_lost: u32,
    pub customers_followed_rep: u32,
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

/// Summarise the run so far.
pub fn summarise(world: &World) -> Summary {
    let t = world.resource::<Totals>();
    let s = &world.resource::<Params>().0;
    let clock = world.resource::<Clock>();
    let (pay, _, heads, _, revenue) = t.window_sums();
    Summary {
        scenario: s.name.clone(),
        scenario_hash: world.resource::<ScenarioHash>().0.clone(),
        seed: clock.seed,
        weeks: clock.week,
        version: env!("CARGO_PKG_VERSION").to_string(),
        total_revenue: t.revenue,
        annual_rep_turnover: ratio(t.departures as f64, t.rep_weeks / 52.0),
        first_year_rep_turnover: ratio(t.first_year_departures as f64, t.first_year_rep_weeks / 52.0),
        tenured_rep_turnover: ratio(t.tenured_departures as f64, t.tenured_rep_weeks / 52.0),
        annual_customer_churn: ratio(t.customers_lost as f64, t.customer_weeks / 52.0),
        follow_share_on_departure: ratio(t.followed as f64, t.departing_accounts as f64),
        follow_share_when_poached: ratio(t.poached_followers as f64, t.poached_accounts as f64),
        lost_share_on_departure: ratio(t.departure_losses as f64, t.departing_accounts as f64),
        avg_rep_pay_final_year: ratio(pay * 52.0, heads),
        cost_of_sales_ratio: ratio(t.rep_pay + t.specialist_pay, t.revenue),
        variable_pay_share: ratio(t.rep_variable, t.rep_pay),
        hunting_hours_share: ratio(t.hunting_hours, t.hours),
        quota_to_pay_ratio: ratio(t.quota_to_pay_sum, t.quota_to_pay_n as f64),
        mean_vacancy_weeks: ratio(t.vacancy_weeks, t.hires as f64),
        revenue_final_year: revenue,
        reps_hired: t.hires,
        reps_quit: t.reps_quit,
        reps_poached: t.reps_poached,
        customers_won: t.customers_won,
        customers_lost: t.customers_lost,
        customers_followed_rep: t.followed,
    }
}
