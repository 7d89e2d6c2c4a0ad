//! Mechanism 12: the weekly metrics row, running totals for the summary, and the clock.

use super::components::*;
use super::resources::*;
use super::{Tick, TickSet};
use crate::csv_row;
use bevy::prelude::*;

pub use super::panels::{AccountYearRow, RepYearRow};
pub use super::summary::{Summary, summarise};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<super::departure::Leavers>();
    app.init_resource::<AccountCensus>();
    app.add_systems(
        Tick,
        (record_week, super::panels::write_year_panels, advance_clock).chain().in_set(TickSet::Metrics),
    );
}

csv_row! {
    /// One row of `timeseries.csv`: the state at the end of a week and what happened in it.
    pub struct TimeseriesRow {
        pub week: u32,
        pub year: u32,
        /// Revenue this week, $.
        pub revenue: f64,
        pub customers_active: u32,
        pub new_customers: u32,
        /// Lost to dissatisfaction or a competitor this week (not counting departures).
        pub customers_churned: u32,
        pub customers_followed_rep: u32,
        pub customers_lost_on_departure: u32,
        pub customers_churned_to_competitor: u32,
        pub reps_active: u32,
        pub reps_hired: u32,
        pub reps_quit: u32,
        pub reps_poached: u32,
        /// Reps in their first year who left (quit or poached).
        pub first_year_reps_quit: u32,
        /// Pay earned by reps over the last 52 weeks per average head, $/year.
        pub avg_rep_pay_annualized: f64,
        /// Sales compensation (reps and specialists) over revenue, last 52 weeks.
        pub cost_of_sales_ratio: f64,
        pub loyalty_to_rep_mean: f64,
        pub loyalty_to_company_mean: f64,
        pub satisfaction_mean: f64,
        /// Complex-needs accounts with a technical specialist, over all complex-needs accounts (1 if none).
        pub complex_needs_served_share: f64,
        /// Hunting hours over all hours worked by our reps this week.
        pub hunting_hours_share: f64,
        /// Accounts with coverage ratio ≥ 0.8.
        pub coverage_adequate_share: f64,
        /// Mean coverage ratio of accounts, each capped at 1 (fully covered).
        pub coverage_mean: f64,
        pub complex_customers_active: u32,
        pub complex_customers_churned: u32,
        pub accounts_unowned: u32,
        pub prospects: u32,
        /// Variable share of rep pay earned over the last 52 weeks.
        pub variable_pay_share: f64,
        pub specialists_active: u32,
        pub competitor_reps: u32,
        pub competitor_customers: u32,
        pub poaching_offers: u32,
        pub accounts_realigned: u32,
        /// Reps who gave up on an out-of-reach quota this week.
        pub reps_gave_up: u32,
    }
}

/// Rows produced this tick, drained by the runner.
#[derive(Resource, Default, Debug)]
pub struct TickOutput {
    pub timeseries: Vec<TimeseriesRow>,
    pub reps: Vec<RepYearRow>,
    pub accounts: Vec<AccountYearRow>,
    pub events: Vec<super::events::EventRecord>,
}

/// The outbox is a [`TickOutput`] filled by the metrics systems.
pub type Outbox = TickOutput;

/// Running totals for the summary (exposures in weeks, counts, money).
#[derive(Resource, Default, Debug, Clone)]
pub struct Totals {
    pub revenue: f64,
    pub rep_pay: f64,
    pub rep_variable: f64,
    pub specialist_pay: f64,
    pub rep_weeks: f64,
    pub first_year_rep_weeks: f64,
    pub tenured_rep_weeks: f64,
    pub departures: u32,
    pub first_year_departures: u32,
    pub tenured_departures: u32,
    pub customer_weeks: f64,
    pub customers_lost: u32,
    pub customers_won: u32,
    pub departing_accounts: u32,
    pub followed: u32,
    pub departure_losses: u32,
    pub poached_accounts: u32,
    pub poached_followers: u32,
    pub hunting_hours: f64,
    pub hours: f64,
    pub hires: u32,
    pub vacancies_opened: u64,
    pub vacancy_weeks: f64,
    pub quota_to_pay_sum: f64,
    pub quota_to_pay_n: u32,
    pub reps_quit: u32,
    pub reps_poached: u32,
    /// Last 52 weeks: (rep pay, rep variable pay, headcount, specialist pay, revenue).
    pub window: std::collections::VecDeque<(f64, f64, f64, f64, f64)>,
}

impl Totals {
    /// Sums over the trailing 52-week window.
    pub fn window_sums(&self) -> (f64, f64, f64, f64, f64) {
        self.window
            .iter()
            .fold((0.0, 0.0, 0.0, 0.0, 0.0), |a, w| (a.0 + w.0, a.1 + w.1, a.2 + w.2, a.3 + w.3, a.4 + w.4))
    }
}

/// Sums over the accounts active at the end of the week, kept by the week's close
/// ([`super::closing::Closing`]); [`record_week`] takes the census and starts the next.
#[derive(Resource, Default, Debug, Clone)]
pub struct AccountCensus {
    pub active: u32,
    pub revenue: f64,
    pub loyalty_rep: f64,
    pub loyalty_company: f64,
    pub satisfaction: f64,
    /// Accounts with coverage ratio ≥ 0.8.
    pub adequate: u32,
    /// Sum of coverage ratios, each capped at 1.
    pub coverage: f64,
    pub unowned: u32,
    pub complex_active: u32,
    /// Complex accounts with a technical specialist.
    pub complex_served: u32,
}

impl AccountCensus {
    /// Count one account in (`k` = 1) or out (`k` = −1).
    #[inline]
    pub fn post(&mut self, c: &Customer, b: &Bonds, l: &Ledger, k: i32) {
        let n = |yes: bool| (yes as i32 * k) as u32;
        let x = k as f64;
        self.active = self.active.wrapping_add(n(true));
        self.revenue += x * l.revenue_week;
        self.loyalty_rep += x * b.loyalty_rep;
        self.loyalty_company += x * b.loyalty_company;
        self.satisfaction += x * b.satisfaction;
        self.adequate = self.adequate.wrapping_add(n(b.coverage >= 0.8));
        self.coverage += x * b.coverage.min(1.0);
        self.unowned = self.unowned.wrapping_add(n(b.owner.is_none()));
        self.complex_active = self.complex_active.wrapping_add(n(c.complex));
        self.complex_served = self.complex_served.wrapping_add(n(c.complex && b.technical.is_some()));
    }
}

fn ratio(a: f64, b: f64, empty: f64) -> f64 {
    if b > 0.0 { a / b } else { empty }
}

/// Build the week's row from the world and update the running totals.
pub fn record_week(
    clock: Res<Clock>,
    tally: Res<WeekTally>,
    pool: Res<ProspectPool>,
    mut totals: ResMut<Totals>,
    mut outbox: ResMut<Outbox>,
    mut census: ResMut<AccountCensus>,
    reps: Query<(&Rep, &Workload)>,
    specialists: Query<&Specialist>,
    competitors: Query<&Competitor>,
) {
    let week = clock.week;
    let mut row = TimeseriesRow { week, year: clock.year(), prospects: pool.len() as u32, ..Default::default() };
    let k = std::mem::take(&mut *census);
    row.customers_active = k.active;
    row.revenue = k.revenue;
    row.accounts_unowned = k.unowned;
    row.complex_customers_active = k.complex_active;
    let n = k.active as f64;
    row.loyalty_to_rep_mean = ratio(k.loyalty_rep, n, 0.0);
    row.loyalty_to_company_mean = ratio(k.loyalty_company, n, 0.0);
    row.satisfaction_mean = ratio(k.satisfaction, n, 0.0);
    row.coverage_adequate_share = ratio(k.adequate as f64, n, 0.0);
    row.coverage_mean = ratio(k.coverage, n, 0.0);
    row.complex_needs_served_share = ratio(k.complex_served as f64, k.complex_active as f64, 1.0);
    let (mut hunting, mut hours) = (0.0, 0.0);
    for (r, w) in &reps {
        if !r.is_employed() {
            continue;
        }
        row.reps_active += 1;
        row.reps_gave_up += (w.quota_stance == QuotaStance::GaveUp) as u32;
        hunting += w.hunting;
        hours += w.worked();
        let tenure = r.tenure_weeks(week);
        totals.first_year_rep_weeks += (tenure < 52.0) as u8 as f64;
        totals.tenured_rep_weeks += (tenure >= 156.0) as u8 as f64;
    }
    row.hunting_hours_share = ratio(hunting, hours, 0.0);
    row.new_customers = tally.new_customers;
    row.customers_churned = tally.churned;
    row.customers_followed_rep = tally.followed;
    row.customers_lost_on_departure = tally.left_on_departure;
    row.customers_churned_to_competitor = tally.churned_to_competitor;
    row.complex_customers_churned = tally.churned_complex;
    row.reps_hired = tally.hired;
    row.reps_quit = tally.quit;
    row.reps_poached = tally.poached;
    row.first_year_reps_quit = tally.first_year_departures;
    row.specialists_active = specialists.iter().filter(|s| s.active).count() as u32;
    row.competitor_reps = competitors.iter().map(|c| c.reps_poached).sum();
    row.competitor_customers = competitors.iter().map(|c| c.customers_taken).sum();
    row.poaching_offers = tally.offers;
    row.accounts_realigned = tally.realigned_accounts;

    let t = &mut *totals;
    t.revenue += row.revenue;
    t.rep_pay += tally.rep_pay;
    t.rep_variable += tally.rep_variable;
    t.specialist_pay += tally.specialist_pay;
    t.rep_weeks += row.reps_active as f64;
    t.departures += tally.quit + tally.poached;
    t.first_year_departures += tally.first_year_departures;
    t.tenured_departures += tally.tenured_departures;
    t.reps_quit += tally.quit;
    t.reps_poached += tally.poached;
    t.customer_weeks += n;
    t.customers_lost += tally.churned + tally.followed + tally.left_on_departure;
    t.customers_won += tally.new_customers;
    t.departing_accounts += tally.departing_accounts;
    t.followed += tally.followed;
    t.departure_losses += tally.followed + tally.left_on_departure;
    t.poached_accounts += tally.poached_accounts;
    t.poached_followers += tally.poached_followers;
    t.hunting_hours += hunting;
    t.hours += hours;
    t.window.push_back((tally.rep_pay, tally.rep_variable, row.reps_active as f64, tally.specialist_pay, row.revenue));
    if t.window.len() > 52 {
        t.window.pop_front();
    }
    let (pay, variable, heads, spec, revenue) = t.window_sums();
    row.avg_rep_pay_annualized = ratio(pay * 52.0, heads, 0.0);
    row.cost_of_sales_ratio = ratio(pay + spec, revenue, 0.0);
    row.variable_pay_share = ratio(variable, pay, 0.0);
    outbox.timeseries.push(row);
}

/// Move to the next week.
pub fn advance_clock(mut clock: ResMut<Clock>) {
    clock.week += 1;
}
