//! The run summary (`summary.json`): headline rates computed from exposures, annualised.

use crate::sim::components::WEEKS_PER_YEAR;
use crate::sim::observe::panels::YearStats;
use crate::sim::resources::*;
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// Headline results of a run. Rates are fractions; "annual" rates are events per year of exposure.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Summary {
    /// The firm it is about (of an industry's `firms`; a scenario without them is one firm named
    /// after it).
    #[serde(default)]
    pub firm: String,
    pub scenario: String,
    pub scenario_hash: String,
    pub seed: u64,
    pub weeks: u32,
    pub version: String,
    pub total_revenue: f64,
    /// Gross margin of all revenue, $, and the contribution: gross margin less the whole cost of
    /// sales (rep and specialist pay, drafted help, tools and programmes), $.
    pub total_gross_margin: f64,
    pub total_contribution: f64,
    /// Tools and programmes paid for, $ (in the cost of sales).
    pub total_tools_cost: f64,
    /// Reps leaving (quit, poached or let go) per rep-year employed.
    pub annual_rep_turnover: f64,
    /// Share of departures that were managed out for performance (involuntary).
    pub managed_out_share: f64,
    /// Departures of first-year reps per rep-year of first-year employment.
    pub first_year_rep_turnover: f64,
    /// Departures of reps with 3+ years' tenure per rep-year at that tenure.
    pub tenured_rep_turnover: f64,
    /// Accounts lost (all causes) per account-year.
    pub annual_customer_churn: f64,
    /// The same for accounts in their first year with us, with 3+ years, of the ideal profile,
    /// and of other profiles.
    pub first_year_customer_churn: f64,
    pub tenured_customer_churn: f64,
    pub ideal_profile_customer_churn: f64,
    pub other_profile_customer_churn: f64,
    /// Accounts that followed a departing rep, over the accounts those reps held.
    pub follow_share_on_departure: f64,
    /// Accounts that followed a poached rep, over the accounts poached reps held.
    pub follow_share_when_poached: f64,
    /// Accounts lost (followed or left) over accounts held by departing reps.
    pub lost_share_on_departure: f64,
    /// Rep pay earned in the last 52 weeks per average head, $/year.
    pub avg_rep_pay_final_year: f64,
    /// Sales compensation (reps, specialists and drafted help) over revenue, whole run.
    pub cost_of_sales_ratio: f64,
    /// Variable share of rep pay earned, whole run.
    pub variable_pay_share: f64,
    /// Hunting hours over all rep hours, whole run.
    pub hunting_hours_share: f64,
    /// Mean annual quota over annual pay, for reps employed the whole year.
    pub quota_to_pay_ratio: f64,
    /// Share of reps employed the whole year who reached their annual quota.
    pub quota_attainment_share: f64,
    /// 10th, 50th and 90th percentiles of those reps' annual attainment.
    pub attainment_p10: f64,
    pub attainment_p50: f64,
    pub attainment_p90: f64,
    /// Won share of the new-customer deals that closed.
    pub new_deal_win_rate: f64,
    pub deals_pulled_in: u32,
    pub deals_slipped: u32,
    /// Rep-weeks in which a rep had given up on its quota.
    pub rep_weeks_given_up: u32,
    pub mean_vacancy_weeks: f64,
    pub revenue_final_year: f64,
    pub reps_hired: u32,
    pub reps_quit: u32,
    pub reps_poached: u32,
    pub reps_managed_out: u32,
    pub customers_won: u32,
    pub customers_lost: u32,
    pub customers_followed_rep: u32,
    /// Reps and customers of rival firms of the industry who came over.
    #[serde(default)]
    pub reps_joined_from_rivals: u32,
    #[serde(default)]
    pub customers_from_rivals: u32,
    /// In an industry, every firm's summary in the scenario's order (this one is the first's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub firms: Vec<Summary>,
    /// In an industry, the whole industry's totals (the firms' summed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<IndustryTotals>,
}

/// An industry's totals over its firms: money and counts summed (each customer and rep is at one
/// firm at a time, so nothing is counted twice), and what moved between the firms.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IndustryTotals {
    pub firms: u32,
    pub total_revenue: f64,
    pub total_gross_margin: f64,
    pub total_contribution: f64,
    pub revenue_final_year: f64,
    /// Each firm's share of the industry's final-year revenue, in firm order.
    pub revenue_share_final_year: Vec<f64>,
    pub customers_won: u32,
    /// Customers lost to anything (including those that went to another firm of the industry).
    pub customers_lost: u32,
    /// Customers and reps that moved from one firm of the industry to another.
    pub customers_moved_between_firms: u32,
    pub reps_moved_between_firms: u32,
    pub reps_hired: u32,
}

impl IndustryTotals {
    /// The totals of `firms`' summaries.
    pub fn of(firms: &[Summary]) -> IndustryTotals {
        let sum = |f: fn(&Summary) -> f64| firms.iter().map(f).sum::<f64>();
        let count = |f: fn(&Summary) -> u32| firms.iter().map(f).sum::<u32>();
        let final_year = sum(|s| s.revenue_final_year);
        IndustryTotals {
            firms: firms.len() as u32,
            total_revenue: sum(|s| s.total_revenue),
            total_gross_margin: sum(|s| s.total_gross_margin),
            total_contribution: sum(|s| s.total_contribution),
            revenue_final_year: final_year,
            revenue_share_final_year: firms.iter().map(|s| ratio(s.revenue_final_year, final_year)).collect(),
            customers_won: count(|s| s.customers_won),
            customers_lost: count(|s| s.customers_lost),
            customers_moved_between_firms: count(|s| s.customers_from_rivals),
            reps_moved_between_firms: count(|s| s.reps_joined_from_rivals),
            reps_hired: count(|s| s.reps_hired),
        }
    }
}

pub use crate::sim::numerics::ratio;

/// One week in the trailing 52-week window of the totals.
#[derive(Clone, Copy, Debug, Default)]
pub struct WindowWeek {
    pub rep_pay: f64,
    pub rep_variable: f64,
    pub heads: f64,
    pub other_cost: f64,
    pub revenue: f64,
    pub margin: f64,
}

/// Running totals for the summary (exposures in weeks, counts, money).
#[derive(Resource, Default, Debug, Clone)]
pub struct Totals {
    /// Reps and customers that came from rival firms of the industry.
    pub reps_joined: u32,
    pub customers_from_rivals: u32,
    pub revenue: f64,
    /// Gross margin, $.
    pub margin: f64,
    /// Tools and programmes paid for, $.
    pub tools_cost: f64,
    pub rep_pay: f64,
    pub rep_variable: f64,
    /// Specialists' salaries and drafted help.
    pub other_cost: f64,
    pub rep_weeks: f64,
    pub first_year_rep_weeks: f64,
    pub tenured_rep_weeks: f64,
    pub departures: u32,
    pub managed_out: u32,
    pub first_year_departures: u32,
    pub tenured_departures: u32,
    pub customer_weeks: f64,
    pub first_year_customer_weeks: f64,
    pub tenured_customer_weeks: f64,
    pub icp_customer_weeks: f64,
    pub customers_lost: u32,
    pub first_year_customers_lost: u32,
    pub tenured_customers_lost: u32,
    pub icp_customers_lost: u32,
    pub customers_won: u32,
    pub departing_accounts: u32,
    pub followed: u32,
    pub departure_losses: u32,
    pub poached_accounts: u32,
    pub poached_followers: u32,
    pub hunting_hours: f64,
    pub hours: f64,
    pub hires: u32,
    pub vacancy_weeks: f64,
    pub reps_quit: u32,
    pub reps_poached: u32,
    pub rep_weeks_given_up: u32,
    pub new_deals_won: u32,
    pub new_deals_closed: u32,
    pub deals_pulled_in: u32,
    pub deals_slipped: u32,
    /// The last 52 weeks.
    pub window: std::collections::VecDeque<WindowWeek>,
}

impl Totals {
    /// Sums over the trailing 52-week window.
    pub(crate) fn window_sums(&self) -> WindowWeek {
        self.window.iter().fold(WindowWeek::default(), |a, w| WindowWeek {
            rep_pay: a.rep_pay + w.rep_pay,
            rep_variable: a.rep_variable + w.rep_variable,
            heads: a.heads + w.heads,
            other_cost: a.other_cost + w.other_cost,
            revenue: a.revenue + w.revenue,
            margin: a.margin + w.margin,
        })
    }
}

/// The `q` quantile of `v` (linear between order statistics; 0 if empty).
pub(crate) fn quantile(v: &[f64], q: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    let x = q.clamp(0.0, 1.0) * (v.len() - 1) as f64;
    let (i, f) = (x.floor() as usize, x - x.floor());
    v[i] + f * (v[(i + 1).min(v.len() - 1)] - v[i])
}

/// Summarise the run so far.
pub fn summarise(world: &World) -> Summary {
    let t = world.resource::<Totals>();
    let y = world.resource::<YearStats>();
    let s = &world.resource::<Params>().0;
    let clock = world.resource::<Clock>();
    let w = t.window_sums();
    let made = y.attainment.iter().filter(|&&a| a >= 1.0).count() as f64;
    let churn = |lost: u32, weeks: f64| ratio(lost as f64, weeks / WEEKS_PER_YEAR);
    Summary {
        firm: s.name.clone(),
        scenario: s.name.clone(),
        scenario_hash: world.resource::<ScenarioHash>().0.clone(),
        seed: clock.seed,
        weeks: clock.week,
        version: env!("CARGO_PKG_VERSION").to_string(),
        total_revenue: t.revenue,
        total_gross_margin: t.margin,
        total_contribution: t.margin - t.rep_pay - t.other_cost,
        total_tools_cost: t.tools_cost,
        annual_rep_turnover: ratio(t.departures as f64, t.rep_weeks / WEEKS_PER_YEAR),
        managed_out_share: ratio(t.managed_out as f64, t.departures as f64),
        first_year_rep_turnover: ratio(t.first_year_departures as f64, t.first_year_rep_weeks / WEEKS_PER_YEAR),
        tenured_rep_turnover: ratio(t.tenured_departures as f64, t.tenured_rep_weeks / WEEKS_PER_YEAR),
        annual_customer_churn: churn(t.customers_lost, t.customer_weeks),
        first_year_customer_churn: churn(t.first_year_customers_lost, t.first_year_customer_weeks),
        tenured_customer_churn: churn(t.tenured_customers_lost, t.tenured_customer_weeks),
        ideal_profile_customer_churn: churn(t.icp_customers_lost, t.icp_customer_weeks),
        other_profile_customer_churn: churn(
            t.customers_lost - t.icp_customers_lost,
            t.customer_weeks - t.icp_customer_weeks,
        ),
        follow_share_on_departure: ratio(t.followed as f64, t.departing_accounts as f64),
        follow_share_when_poached: ratio(t.poached_followers as f64, t.poached_accounts as f64),
        lost_share_on_departure: ratio(t.departure_losses as f64, t.departing_accounts as f64),
        avg_rep_pay_final_year: ratio(w.rep_pay * WEEKS_PER_YEAR, w.heads),
        cost_of_sales_ratio: ratio(t.rep_pay + t.other_cost, t.revenue),
        variable_pay_share: ratio(t.rep_variable, t.rep_pay),
        hunting_hours_share: ratio(t.hunting_hours, t.hours),
        quota_to_pay_ratio: ratio(y.quota_to_pay_sum, y.quota_to_pay_n as f64),
        quota_attainment_share: ratio(made, y.attainment.len() as f64),
        attainment_p10: quantile(&y.attainment, 0.1),
        attainment_p50: quantile(&y.attainment, 0.5),
        attainment_p90: quantile(&y.attainment, 0.9),
        new_deal_win_rate: ratio(t.new_deals_won as f64, t.new_deals_closed as f64),
        deals_pulled_in: t.deals_pulled_in,
        deals_slipped: t.deals_slipped,
        rep_weeks_given_up: t.rep_weeks_given_up,
        mean_vacancy_weeks: ratio(t.vacancy_weeks, t.hires as f64),
        revenue_final_year: w.revenue,
        reps_hired: t.hires,
        reps_quit: t.reps_quit,
        reps_poached: t.reps_poached,
        reps_managed_out: t.managed_out,
        customers_won: t.customers_won,
        customers_lost: t.customers_lost,
        customers_followed_rep: t.followed,
        reps_joined_from_rivals: t.reps_joined,
        customers_from_rivals: t.customers_from_rivals,
        firms: Vec::new(),
        industry: None,
    }
}
