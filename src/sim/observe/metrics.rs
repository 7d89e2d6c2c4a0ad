//! Mechanism 12: the weekly metrics row, running totals for the summary, and the clock. The
//! metrics only read the model (the week's close, tallies and agents); nothing in the model reads
//! them.

use crate::csv_row;
use crate::sim::accounts::closing::AccountCensus;
use crate::sim::components::*;
use crate::sim::deals::{DealKind, DealOutcome, Pipeline};
use crate::sim::resources::*;
use bevy::prelude::*;

pub use crate::sim::observe::panels::{AccountYearRow, RepYearRow};
pub use crate::sim::observe::summary::{Summary, Totals, WindowWeek, summarise};

csv_row! {
    /// One row of `timeseries.csv`: the state at the end of a week and what happened in it.
    pub struct TimeseriesRow {
        pub week: u32,
        pub year: u32,
        /// Revenue this week, $.
        pub revenue: f64,
        /// Gross margin of the week's revenue, $ (revenue less the cost of what customers bought).
        pub gross_margin: f64,
        /// Revenue given up to the discounts customers buy at, $.
        pub discounts: f64,
        /// Gross margin less the week's cost of sales (rep pay and the other cost of sales), $.
        pub contribution: f64,
        /// Rep pay earned this week (base, commission, team pool, bonuses, ramp guarantee,
        /// retention pay), $: each year's weeks add up to that year's pay in reps.csv.
        pub rep_pay: f64,
        /// The rest of the week's cost of sales: specialists' salaries, drafted help, tools,
        /// training programmes and non-solicit agreements of reps who left for a rival, $.
        pub other_sales_cost: f64,
        pub customers_active: u32,
        pub new_customers: u32,
        /// Customers of rival firms of the industry who came over this week (`migration.rs`).
        pub customers_from_rivals: u32,
        /// Prospects whose deal a rival firm of the industry won in a contest this week (they
        /// come over to it next week, `deals/contest.rs`).
        pub prospects_won_by_rivals: u32,
        /// Lost to dissatisfaction or a competitor this week (not counting departures).
        pub customers_churned: u32,
        pub customers_followed_rep: u32,
        pub customers_lost_on_departure: u32,
        pub customers_churned_to_competitor: u32,
        /// Reps employed at the end of the week (including those serving notice).
        pub reps_active: u32,
        pub reps_hired: u32,
        /// Reps of rival firms of the industry who joined this week (`migration.rs`).
        pub reps_joined_from_rivals: u32,
        pub reps_quit: u32,
        pub reps_poached: u32,
        /// Reps let go for performance who left this week.
        pub reps_managed_out: u32,
        /// Reps put on notice after reviews below the performance floor.
        pub reps_put_on_notice: u32,
        /// First-year reps who left (quit, poached or let go).
        pub first_year_reps_quit: u32,
        /// Rep pay earned over the last 52 weeks per average head, $/year.
        pub avg_rep_pay_annualized: f64,
        /// Market pay this week: the mean pay of the industry's reps, the company's and the rest
        /// of the industry's (`careers/market.rs`), $/year.
        pub market_pay: f64,
        /// Contribution per rep over the last 52 weeks (gross margin less the cost of sales, per
        /// rep employed), $/year: set beside `avg_rep_pay_annualized`.
        pub avg_rep_contribution_annualized: f64,
        /// Revenue per rep over the last 52 weeks, $/year.
        pub avg_rep_revenue_annualized: f64,
        /// Sales compensation (reps, specialists, drafted help) over revenue, last 52 weeks.
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
        /// Accounts without a rep at the end of the week (most held for a replacement).
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
        pub deals_opened: u32,
        pub deals_won: u32,
        pub deals_lost: u32,
        pub deals_stalled: u32,
        pub deals_pulled_in: u32,
        pub deals_slipped: u32,
        /// Annual value of the deals won this week, $/year.
        pub bookings: f64,
        /// Deals open at the end of the week.
        pub pipeline_deals: u32,
        /// Hours of drafted help given to slow deals this week.
        pub drafted_hours: f64,
    }
}

/// The weekly rows produced this tick, drained by the runner.
#[derive(Resource, Default, Debug)]
pub struct Timeseries(pub Vec<TimeseriesRow>);

/// Everything one tick outputs.
#[derive(Default, Debug)]
pub struct TickOutput {
    /// The firm of the industry the rows are about, by index (0: the first, or the only one).
    pub firm: u16,
    pub timeseries: Vec<TimeseriesRow>,
    pub reps: Vec<RepYearRow>,
    pub accounts: Vec<AccountYearRow>,
    pub events: Vec<crate::sim::observe::events::EventRecord>,
    pub deals: Vec<crate::sim::deals::DealRow>,
}

fn ratio(a: f64, b: f64, empty: f64) -> f64 {
    if b > 0.0 { a / b } else { empty }
}

/// Build the week's row from the week's close and tallies, and update the running totals.
pub(crate) fn record_week(
    clock: Res<Clock>,
    tally: Res<WeekTally>,
    pool: Res<ProspectPool>,
    pipeline: Res<Pipeline>,
    deal_log: Res<crate::sim::deals::close::DealLog>,
    mut totals: ResMut<Totals>,
    mut out: ResMut<Timeseries>,
    mut census: ResMut<AccountCensus>,
    reps: Query<(&Rep, &Workload)>,
    specialists: Query<&Specialist>,
    competitors: Query<&Competitor>,
    labour: Res<crate::sim::careers::market::LabourMarket>,
) {
    let week = clock.week;
    let mut row = TimeseriesRow { week, year: clock.year(), prospects: pool.len() as u32, ..Default::default() };
    let k = std::mem::take(&mut *census);
    row.customers_active = k.active;
    row.revenue = k.revenue();
    row.gross_margin = k.margin();
    row.discounts = tally.discounts;
    row.accounts_unowned = k.unowned;
    row.complex_customers_active = k.complex_active;
    let n = k.active as f64;
    row.loyalty_to_rep_mean = ratio(k.loyalty_rep(), n, 0.0);
    row.loyalty_to_company_mean = ratio(k.loyalty_company(), n, 0.0);
    row.satisfaction_mean = ratio(k.satisfaction(), n, 0.0);
    row.coverage_adequate_share = ratio(k.adequate as f64, n, 0.0);
    row.coverage_mean = ratio(k.coverage(), n, 0.0);
    row.complex_needs_served_share = ratio(k.complex_met(), k.complex_active as f64, 1.0);
    let (mut hunting, mut hours) = (0.0, 0.0);
    let t = &mut *totals;
    for (r, w) in &reps {
        if !r.is_employed() {
            continue;
        }
        row.reps_active += 1;
        row.reps_gave_up += (w.quota_stance == QuotaStance::GaveUp) as u32;
        hunting += w.hunting;
        hours += w.worked();
        let tenure = r.tenure_weeks(week);
        t.first_year_rep_weeks += (tenure < FIRST_YEAR_WEEKS) as u8 as f64;
        t.tenured_rep_weeks += (tenure >= TENURED_WEEKS) as u8 as f64;
    }
    row.hunting_hours_share = ratio(hunting, hours, 0.0);
    row.new_customers = tally.new_customers;
    row.customers_from_rivals = tally.won_from_rivals;
    row.prospects_won_by_rivals = tally.prospects_won_by_rivals;
    row.customers_churned = tally.churned;
    row.customers_followed_rep = tally.followed;
    row.customers_lost_on_departure = tally.left_on_departure;
    row.customers_churned_to_competitor = tally.churned_to_competitor;
    row.complex_customers_churned = tally.churned_complex;
    row.reps_hired = tally.hired;
    row.reps_joined_from_rivals = tally.joined;
    row.reps_quit = tally.quit;
    row.reps_poached = tally.poached;
    row.reps_managed_out = tally.managed_out;
    row.reps_put_on_notice = tally.put_on_notice;
    row.first_year_reps_quit = tally.first_year_departures;
    row.specialists_active = specialists.iter().filter(|s| s.active).count() as u32;
    row.competitor_reps = competitors.iter().map(|c| c.reps_poached).sum();
    row.competitor_customers = competitors.iter().map(|c| c.customers_taken).sum();
    row.poaching_offers = tally.offers;
    row.accounts_realigned = tally.realigned_accounts;
    row.deals_opened = tally.deals_opened;
    row.deals_won = tally.deals_won;
    row.deals_lost = tally.deals_lost;
    row.deals_stalled = tally.deals_stalled;
    row.deals_pulled_in = tally.deals_pulled_in;
    row.deals_slipped = tally.deals_slipped;
    row.bookings = tally.bookings;
    row.pipeline_deals = pipeline.deals.len() as u32;
    row.drafted_hours = tally.drafted_hours;

    let other_cost =
        tally.specialist_pay + tally.draft_cost + tally.tools_cost + tally.training_cost + tally.non_solicit_cost;
    row.contribution = row.gross_margin - tally.rep_pay - other_cost;
    row.rep_pay = tally.rep_pay;
    row.other_sales_cost = other_cost;
    t.revenue += row.revenue;
    t.margin += row.gross_margin;
    t.tools_cost += tally.tools_cost;
    t.rep_pay += tally.rep_pay;
    t.rep_variable += tally.rep_variable;
    t.other_cost += other_cost;
    t.rep_weeks += row.reps_active as f64;
    let departures = tally.quit + tally.poached + tally.managed_out;
    t.departures += departures;
    t.managed_out += tally.managed_out;
    t.first_year_departures += tally.first_year_departures;
    t.tenured_departures += tally.tenured_departures;
    t.reps_quit += tally.quit;
    t.reps_poached += tally.poached;
    t.rep_weeks_given_up += row.reps_gave_up;
    t.customer_weeks += n;
    t.first_year_customer_weeks += k.first_year as f64;
    t.tenured_customer_weeks += k.tenured as f64;
    t.icp_customer_weeks += k.icp as f64;
    t.customers_lost += tally.churned + tally.followed + tally.left_on_departure;
    t.first_year_customers_lost += tally.lost_first_year;
    t.tenured_customers_lost += tally.lost_tenured;
    t.icp_customers_lost += tally.lost_icp;
    t.customers_won += tally.new_customers;
    t.departing_accounts += tally.departing_accounts;
    t.followed += tally.followed;
    t.departure_losses += tally.followed + tally.left_on_departure;
    t.poached_accounts += tally.poached_accounts;
    t.poached_followers += tally.poached_followers;
    t.hunting_hours += hunting;
    t.hours += hours;
    t.hires += tally.hired;
    t.reps_joined += tally.joined;
    t.customers_from_rivals += tally.won_from_rivals;
    t.vacancy_weeks += tally.vacancy_weeks;
    t.deals_pulled_in += tally.deals_pulled_in;
    t.deals_slipped += tally.deals_slipped;
    for d in deal_log.0.iter().filter(|d| d.kind == DealKind::NewCustomer && d.outcome != DealOutcome::Cancelled) {
        t.new_deals_closed += 1;
        t.new_deals_won += (d.outcome == DealOutcome::Won) as u32;
    }
    t.window.push_back(WindowWeek {
        rep_pay: tally.rep_pay,
        rep_variable: tally.rep_variable,
        heads: row.reps_active as f64,
        other_cost,
        revenue: row.revenue,
        margin: row.gross_margin,
    });
    if t.window.len() > YEAR_WEEKS as usize {
        t.window.pop_front();
    }
    let w = t.window_sums();
    row.avg_rep_pay_annualized = ratio(w.rep_pay * WEEKS_PER_YEAR, w.heads, 0.0);
    row.market_pay = labour.pay;
    row.avg_rep_contribution_annualized = ratio((w.margin - w.rep_pay - w.other_cost) * WEEKS_PER_YEAR, w.heads, 0.0);
    row.avg_rep_revenue_annualized = ratio(w.revenue * WEEKS_PER_YEAR, w.heads, 0.0);
    row.cost_of_sales_ratio = ratio(w.rep_pay + w.other_cost, w.revenue, 0.0);
    row.variable_pay_share = ratio(w.rep_variable, w.rep_pay, 0.0);
    out.0.push(row);
}

/// Move to the next week.
pub(crate) fn advance_clock(mut clock: ResMut<Clock>) {
    clock.week += 1;
}
