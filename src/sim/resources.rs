//! Shared model state that is not one agent's: the policies in force, the clock, per-rep books,
//! the prospect pool, seats and vacancies, and this week's tallies. State owned by one mechanism
//! lives in that mechanism's file (the pipeline in `deals/`, the close in `closing.rs`).

use crate::scenario::Scenario;
use crate::sim::components::{Prospect, YEAR_WEEKS, is_last_week_of_year};
use crate::sim::deals::DealSums;
use crate::sim::effort::attention::AttentionPlan;
use bevy::prelude::*;

/// The scenario in force: starts as the file and changes with timeline events and live actions.
#[derive(Resource, Clone, Debug)]
pub struct Params(pub Scenario);

/// The week being simulated and the run's seed.
#[derive(Resource, Clone, Copy, Debug)]
pub struct Clock {
    pub week: u32,
    pub seed: u64,
}

impl Clock {
    pub(crate) fn year(&self) -> u32 {
        self.week / YEAR_WEEKS
    }
    pub(crate) fn is_year_end(&self, weeks: u32) -> bool {
        is_last_week_of_year(self.week) || self.week + 1 == weeks
    }
}

/// One rep's book: its accounts summed at the close of last week, its plan for this week, and
/// what it credits this week (indexed by rep id).
#[derive(Clone, Debug, Default)]
pub struct Book {
    pub accounts: u32,
    pub complex_accounts: u32,
    /// Weekly hours its accounts need for adequate coverage.
    pub need_hours: f64,
    /// Accounts shared with specialists (for team work hours).
    pub shared_accounts: u32,
    /// Annual revenue run-rate of the book, $/year (last week × 52).
    pub revenue_annual: f64,
    pub potential_annual: f64,
    pub satisfaction_sum: f64,
    pub wallet_sum: f64,
    /// Its open account deals, for its forecast: due in next week's quota period, and pullable
    /// (`deals/account.rs`).
    pub due_deals: DealSums,
    pub pullable_deals: DealSums,
    /// How the rep spreads its farming hours over the book this week (`attention.rs`).
    pub plan: AttentionPlan,
    /// The rep's skill factor in its deals' chances this week.
    pub skill_factor: f64,
    /// The rep's complex fit this week (`complexity.rs`).
    pub complex_fit: f64,
    /// Credit from recurring revenue this week, in the commission basis.
    pub credit_week: f64,
    /// Credit from deals closed this week (bookings), in the commission basis.
    pub bookings_week: f64,
    /// Revenue this week (all bases).
    pub revenue_week: f64,
    /// Gross margin of its accounts this week, $.
    pub margin_week: f64,
}

/// Per-rep books, indexed by rep id.
#[derive(Resource, Default, Debug)]
pub struct Books(pub Vec<Book>);

impl Books {
    pub(crate) fn get(&self, rep: u32) -> Option<&Book> {
        self.0.get(rep as usize)
    }
    pub(crate) fn get_mut(&mut self, rep: u32) -> Option<&mut Book> {
        self.0.get_mut(rep as usize)
    }
}

/// The active accounts each rep covers (by rep id) and the active accounts no rep covers, as the
/// close of last week left them (`books.rs`), with the week's new accounts added when they are won
/// and the accounts departure leaves without a rep added to `unowned`. Departure, poaching offers
/// and realignment read a rep's accounts from here instead of passing over every account; an
/// account listed may since have been lost or handed on, so readers check its owner.
#[derive(Resource, Default, Debug)]
pub struct Portfolios {
    pub by_rep: Vec<Vec<Entity>>,
    pub unowned: Vec<Entity>,
    /// Owned accounts whose deal's date could be moved and falls within two timing windows of the
    /// week (what the timing games may move), by owner.
    pub due_soon: Vec<(u32, Entity)>,
}

impl Portfolios {
    /// Empty every list, keeping their memory, with one list per rep id below `reps`.
    pub(crate) fn reset(&mut self, reps: usize) {
        self.by_rep.iter_mut().for_each(Vec::clear);
        self.by_rep.resize_with(reps.max(self.by_rep.len()), Vec::new);
        self.unowned.clear();
        self.due_soon.clear();
    }

    /// Record that `rep` covers `account`.
    #[inline]
    pub(crate) fn add(&mut self, rep: u32, account: Entity) {
        let i = rep as usize;
        if self.by_rep.len() <= i {
            self.by_rep.resize_with(i + 1, Vec::new);
        }
        self.by_rep[i].push(account);
    }

    /// The accounts `rep` covered this week (possibly since lost or handed on: check the owner).
    pub(crate) fn of(&self, rep: u32) -> &[Entity] {
        self.by_rep.get(rep as usize).map_or(&[], Vec::as_slice)
    }
}

/// Market state that changes over the run.
#[derive(Resource, Debug, Default)]
pub struct MarketState {
    /// Prospect pool size at week 0 (the reference for saturation).
    pub pool_reference: f64,
    /// Prospects arriving per week.
    pub inflow_per_week: f64,
    pub inflow_carry: f64,
    /// Expected new customers per productive hunting hour this week, after saturation.
    pub hit_rate: f64,
    /// New-customer opportunities a productive prospecting hour opens this week (in a territory of
    /// average richness), after saturation.
    pub opportunity_rate: f64,
    /// Largest price cut among competitors in the market.
    pub price_cut: f64,
    pub next_customer_id: u32,
}

/// Prospects not yet won or pursued, split by fit to the ideal customer profile.
#[derive(Resource, Default, Debug)]
pub struct ProspectPool {
    pub icp: Vec<Prospect>,
    pub other: Vec<Prospect>,
}

impl ProspectPool {
    pub(crate) fn len(&self) -> usize {
        self.icp.len() + self.other.len()
    }
    pub(crate) fn put(&mut self, p: Prospect) {
        if p.icp { self.icp.push(p) } else { self.other.push(p) }
    }
}

/// A territory a rep holds. A leaver's staying accounts can be held on its seat until a new rep
/// is hired into it.
#[derive(Clone, Debug, Default)]
pub struct Seat {
    /// Richness of the territory: its share of the week-0 accounts and its rate of finding
    /// prospects are × this (lognormal, mean 1).
    pub territory: f64,
    /// The rep holding it (employed, possibly withdrawing).
    pub rep: Option<u32>,
    /// Accounts held for the rep to be hired into it.
    pub held: Vec<Entity>,
    /// No longer staffed (headcount was cut).
    pub retired: bool,
}

/// An open rep vacancy on a seat.
#[derive(Clone, Copy, Debug)]
pub struct Vacancy {
    pub seat: u32,
    pub opened_week: u32,
    pub start_week: u32,
}

/// A rep who left recently, for the colleague effect on quit hazards.
#[derive(Clone, Copy, Debug)]
pub struct RecentDeparture {
    pub team: u32,
    pub week: u32,
}

/// Seats, the hiring pipeline and rep id allocation.
#[derive(Resource, Default, Debug)]
pub struct Staffing {
    pub seats: Vec<Seat>,
    pub vacancies: Vec<Vacancy>,
    pub next_rep_id: u32,
    /// Vacancies opened so far (each one's delay is drawn from its own stream).
    pub vacancies_opened: u64,
    pub recent_departures: Vec<RecentDeparture>,
    /// Week-0 headcount (the target when `hiring.target_headcount` is 0).
    pub initial_headcount: u32,
}

impl Staffing {
    /// Departures from `team` in the `window` weeks before `week`.
    pub(crate) fn team_departures(&self, team: u32, week: u32, window: u32) -> u32 {
        self.recent_departures.iter().filter(|d| d.team == team && week.saturating_sub(d.week) < window).count() as u32
    }
}

/// Events sent from outside the timeline (the live view's controls), applied next tick.
#[derive(Resource, Default, Debug)]
pub struct PendingEvents(pub Vec<crate::scenario::Event>);

/// A realignment requested this week (by event or schedule).
#[derive(Resource, Default, Debug)]
pub struct RealignmentRequest {
    pub requested: bool,
    /// A one-off change the company plans (a `Realignment` event), which reps who own their
    /// accounts may push back against; routine rebalancing is expected and is not.
    pub planned: bool,
    pub cause: crate::sim::observe::events::Cause,
}

/// Counts and sums for the week in progress; reset at the start of every tick. Mechanisms report
/// here what the metrics need; nothing in the model reads it.
#[derive(Resource, Default, Debug, Clone)]
pub struct WeekTally {
    pub new_customers: u32,
    pub churned: u32,
    pub churned_complex: u32,
    pub churned_to_competitor: u32,
    pub followed: u32,
    pub left_on_departure: u32,
    /// Accounts lost (any cause) in their first year with us, with 3+ years, of the ideal profile.
    pub lost_first_year: u32,
    pub lost_tenured: u32,
    pub lost_icp: u32,
    pub departing_accounts: u32,
    /// Accounts held by reps poached this week, and how many followed them.
    pub poached_accounts: u32,
    pub poached_followers: u32,
    pub hired: u32,
    /// Reps and customers that came from rival firms of the industry this week (`migration.rs`).
    pub joined: u32,
    pub won_from_rivals: u32,
    /// Prospects whose deal a rival firm won in a contest (`deals/contest.rs`).
    pub prospects_won_by_rivals: u32,
    /// Weeks the vacancies filled this week had been open.
    pub vacancy_weeks: f64,
    pub quit: u32,
    pub poached: u32,
    pub managed_out: u32,
    pub put_on_notice: u32,
    /// Departures of reps in their first year / with 3+ years' tenure.
    pub first_year_departures: u32,
    pub tenured_departures: u32,
    pub rep_pay: f64,
    pub rep_variable: f64,
    pub specialist_pay: f64,
    pub offers: u32,
    pub realigned_accounts: u32,
    pub deals_opened: u32,
    pub deals_won: u32,
    pub deals_lost: u32,
    pub deals_stalled: u32,
    pub deals_pulled_in: u32,
    pub deals_slipped: u32,
    /// Annual value of deals won this week, $ (after discounts).
    pub bookings: f64,
    /// Revenue given up this week to the discounts accounts buy at, $.
    pub discounts: f64,
    /// Tools and programmes paid for this week, $ (`tools.rs`).
    pub tools_cost: f64,
    /// Training paid for this week, $ (`complexity.rs`).
    pub training_cost: f64,
    /// Non-solicit agreements of the reps who left for a rival this week, $ (`departure.rs`).
    pub non_solicit_cost: f64,
    pub drafted_hours: f64,
    pub draft_cost: f64,
}

/// Rep entities by rep id, and accounts each rep lost this quota period (for retention bonuses).
#[derive(Resource, Default, Debug)]
pub struct RepIndex {
    pub entity: Vec<Entity>,
    pub period_losses: Vec<u32>,
}

impl RepIndex {
    pub(crate) fn add(&mut self, id: u32, e: Entity) {
        let i = id as usize;
        if self.entity.len() <= i {
            self.entity.resize(i + 1, Entity::PLACEHOLDER);
            self.period_losses.resize(i + 1, 0);
        }
        self.entity[i] = e;
    }
    pub(crate) fn lost_one(&mut self, rep: u32) {
        if let Some(n) = self.period_losses.get_mut(rep as usize) {
            *n += 1;
        }
    }
}

/// Hash of the resolved scenario the run started from (recorded in every output).
#[derive(Resource, Clone, Debug, Default)]
pub struct ScenarioHash(pub String);
