//! The simulation: one plugin that registers every mechanism as a system in one ordered weekly
//! tick, and [`Simulation`], the handle that runs it headless or under the live view.

pub mod accounts;
pub mod careers;
pub mod components;
pub mod deals;
pub mod effort;
mod exchange;
pub mod numerics;
pub mod observe;
pub mod ownership;
pub mod pay;
pub mod policy;
pub mod resources;
pub mod setup;

use crate::scenario::{Event, Scenario};
use bevy::ecs::schedule::{ScheduleLabel, SingleThreadedExecutor};
use bevy::prelude::*;

/// The weekly tick schedule.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tick;

/// The mechanisms of one weekly tick, in the order they run (mechanisms 1–12 of docs/MODEL.md).
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TickSet {
    /// 1. Timeline events, policy changes and live actions.
    Timeline,
    /// 2. Reps open their books, forecast their pipelines and plan their hours and attention.
    Effort,
    /// 3. Hunting works and opens new-customer deals; timing games near period ends; deals reach
    ///    their dates; competitors take prospects; new prospects arrive.
    Deals,
    /// 4. Specialist headcount follows the policy; specialists are assigned to accounts.
    Specialists,
    /// 4–6. The week's one pass over the accounts: each is covered as its rep's plan says and its
    /// satisfaction moves (4); its loyalty grows with the credited value and decays (5); it books
    /// revenue, credited to its rep (6). It works, closes and opens the deal on it; it is entered
    /// in the week's close and its churn draw screened.
    Accounts,
    /// 7. Base, commission, team pool, bonuses, deferral; period settlement.
    Pay,
    /// 8. Reps and customers from rival firms join; market pay, pay reviews against it, hiring
    ///    into seats, performance reviews, quitting, poaching offers.
    Careers,
    /// 9. Departing reps leave; their customers follow, stay (held or spread) or leave; reps gone
    ///    to rivals solicit the ones that stayed.
    Departure,
    /// 10. House accounts, hand-over and realignment (with push-back against a planned one).
    Ownership,
    /// 11. Customers screened in the account pass leave for dissatisfaction or a competitor.
    Churn,
    /// 12. Weekly metrics, yearly panels, episodes, and the clock.
    Metrics,
}

/// Registers the model's resources and, in one place, every system of the weekly tick in order.
pub struct SimPlugin;

impl Plugin for SimPlugin {
    fn build(&self, app: &mut App) {
        // Mechanisms run strictly in order, so the tick needs no parallel scheduling; systems
        // that split work over threads do it within themselves, in an order-independent way.
        let mut schedule = Schedule::new(Tick);
        schedule.set_executor(SingleThreadedExecutor::new());
        app.add_schedule(schedule);
        app.configure_sets(
            Tick,
            (
                TickSet::Timeline,
                TickSet::Effort,
                TickSet::Deals,
                TickSet::Specialists,
                TickSet::Accounts,
                TickSet::Pay,
                TickSet::Careers,
                TickSet::Departure,
                TickSet::Ownership,
                TickSet::Churn,
                TickSet::Metrics,
            )
                .chain(),
        );
        app.add_systems(
            Tick,
            (
                (
                    policy::timeline::apply_timeline_events,
                    pay::accrue::rescale_quotas_to_period,
                    policy::tools::phase_in_tools,
                    accounts::complexity::pay_for_training,
                )
                    .chain()
                    .in_set(TickSet::Timeline),
                (effort::books::open_books, deals::forecast::forecast_pipelines, effort::hours::allocate_rep_hours)
                    .chain()
                    .in_set(TickSet::Effort),
                (
                    deals::hunt::work_new_deals,
                    deals::timing::play_timing_games,
                    deals::close::close_due_deals,
                    deals::acquisition::competitors_take_prospects,
                    deals::acquisition::replenish_prospects,
                )
                    .chain()
                    .in_set(TickSet::Deals),
                (accounts::specialists::sync_specialist_headcount, accounts::specialists::assign_specialists)
                    .chain()
                    .in_set(TickSet::Specialists),
                (accounts::revenue::update_price_pressure, accounts::serve::serve_accounts)
                    .chain()
                    .in_set(TickSet::Accounts),
                (
                    pay::accrue::accrue_pay,
                    pay::accrue::settle_pay_periods,
                    pay::accrue::vest_deferred_pay,
                    pay::accrue::pay_specialists,
                )
                    .chain()
                    .in_set(TickSet::Pay),
                (
                    careers::migration::admit_arrivals,
                    careers::market::update_market_pay,
                    pay::review::review_pay_against_market,
                    careers::hiring::hire_reps,
                    careers::performance::review_performance,
                    careers::quitting::assess_quit_risk,
                    careers::quitting::make_poaching_offers,
                )
                    .chain()
                    .in_set(TickSet::Careers),
                (
                    careers::departure::release_departing_reps,
                    careers::departure::resolve_departing_accounts,
                    careers::solicit::solicit_former_customers,
                )
                    .chain()
                    .in_set(TickSet::Departure),
                (
                    ownership::realign::sync_company_ownership,
                    ownership::realign::realign_accounts,
                    ownership::pushback::carry_out_threats,
                )
                    .chain()
                    .in_set(TickSet::Ownership),
                accounts::churn::churn_customers.in_set(TickSet::Churn),
                (
                    observe::metrics::record_week,
                    observe::panels::accumulate_rep_years,
                    observe::panels::write_year_panels,
                    observe::episodes::sample_week,
                    observe::episodes::detect_poaching_wave,
                    observe::episodes::detect_loyalty_collapse,
                    observe::episodes::detect_turnover_cascade,
                    observe::episodes::detect_runaway_pay,
                    observe::metrics::advance_clock,
                )
                    .chain()
                    .in_set(TickSet::Metrics),
            ),
        );
        // State shared by every stage (resources.rs); each stage's plugin registers its own, and
        // the world built from the scenario (setup/) inserts what needs the scenario's values.
        app.init_resource::<resources::Books>()
            .init_resource::<resources::Portfolios>()
            .init_resource::<resources::PendingEvents>()
            .init_resource::<resources::RealignmentRequest>()
            .init_resource::<resources::WeekTally>();
        app.add_plugins((
            effort::EffortPlugin,
            deals::DealsPlugin,
            accounts::AccountsPlugin,
            careers::CareersPlugin,
            ownership::OwnershipPlugin,
            observe::ObservePlugin,
        ));
    }
}

/// A running simulation: a Bevy `World` holding the agents, the policies and the [`Tick`]
/// schedule, stepped one week at a time. It is `Send`, so the live view keeps it as a resource
/// of its own app and steps the very same systems.
pub struct Simulation {
    world: World,
}

impl Simulation {
    /// Build the world for `scenario` (already validated).
    pub fn new(scenario: Scenario) -> Self {
        Self::with_customer_ids_from(scenario, 0)
    }

    /// Build the world for `scenario` (already validated) with customer ids from `first_id` (a
    /// firm of an industry, `src/industry/`).
    pub fn with_customer_ids_from(scenario: Scenario, first_id: u32) -> Self {
        let mut app = App::new();
        app.add_plugins(SimPlugin);
        setup::populate(app.world_mut(), scenario, first_id);
        Simulation { world: std::mem::take(app.world_mut()) }
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    pub fn world_mut(&mut self) -> &mut World {
        &mut self.world
    }

    /// The scenario in force: the file's, changed by the timeline events and actions applied so far.
    pub fn params(&self) -> &Scenario {
        &self.world().resource::<resources::Params>().0
    }

    /// The next week to simulate (= weeks done).
    pub fn week(&self) -> u32 {
        self.world().resource::<resources::Clock>().week
    }

    pub fn weeks(&self) -> u32 {
        self.world().resource::<resources::Params>().0.weeks
    }

    pub fn finished(&self) -> bool {
        self.week() >= self.weeks()
    }

    /// Simulate one week. Returns false (and does nothing) once the run is over.
    pub fn step(&mut self) -> bool {
        if self.finished() {
            return false;
        }
        self.world.run_schedule(Tick);
        true
    }

    /// Queue an event to apply at the start of the next week, exactly as a timeline event would,
    /// after checking it against the scenario in force as a timeline event is checked; a refused
    /// event changes nothing.
    pub fn send(&mut self, event: Event) -> Result<(), crate::scenario::validate::Problem> {
        crate::scenario::validate::check_live_event(&self.world().resource::<resources::Params>().0, &event)?;
        self.world_mut().resource_mut::<resources::PendingEvents>().0.push(event);
        Ok(())
    }

    /// Take this tick's outputs (timeseries row, event records, panel rows, closed deals).
    pub fn drain(&mut self) -> observe::metrics::TickOutput {
        let world = self.world_mut();
        let events = std::mem::take(&mut world.resource_mut::<observe::events::EventLog>().0);
        let deals = std::mem::take(&mut world.resource_mut::<deals::close::DealLog>().0);
        let timeseries = std::mem::take(&mut world.resource_mut::<observe::metrics::Timeseries>().0);
        let panels = std::mem::take(&mut *world.resource_mut::<observe::panels::PanelRows>());
        observe::metrics::TickOutput {
            firm: 0,
            timeseries,
            reps: panels.reps,
            accounts: panels.accounts,
            events,
            deals,
        }
    }

    /// The run summary so far.
    pub fn summary(&self) -> observe::metrics::Summary {
        observe::metrics::summarise(self.world())
    }
}
