//! The simulation: one plugin that registers every mechanism as a system in one ordered weekly
//! tick, and [`Simulation`], the handle that runs it headless or under the live view.

pub mod accounts;
pub mod acquisition;
pub mod books;
pub mod careers;
pub mod churn;
pub mod closing;
pub mod components;
pub mod coverage;
pub mod departure;
pub mod effort;
pub mod episodes;
pub mod events;
pub mod invariants;
pub mod loyalty;
pub mod metrics;
pub mod numerics;
pub mod ownership;
pub mod panels;
pub mod pay;
pub mod resources;
pub mod revenue;
pub mod setup;
pub mod specialists;
pub mod summary;
pub mod timeline;

use crate::scenario::{Event, Scenario};
use bevy::ecs::schedule::{ScheduleLabel, SingleThreadedExecutor};
use bevy::prelude::*;

/// The weekly tick schedule.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tick;

/// The mechanisms of one weekly tick, in the order they run (brief, mechanisms 1–12).
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TickSet {
    /// 1. Timeline events, policy changes and live actions.
    Timeline,
    /// 2. Reps size and split their hours by the incentives they face.
    Effort,
    /// 3. Hunting turns prospects into customers; competitors take prospects too.
    Acquisition,
    /// 4. Specialist headcount follows the policy; specialists are assigned to accounts.
    Specialists,
    /// 4–6. The week's one pass over the active accounts: farming hours and specialists cover
    /// each account and move its satisfaction (4); its loyalty to rep, specialists and company
    /// grows with the credited value and decays (5); it books revenue, credited to its rep (6).
    /// Each account is entered in the week's close and its churn draw screened.
    Accounts,
    /// 7. Base, commission, team pool, bonuses, deferral; period settlement.
    Pay,
    /// 8. Hiring, quitting, poaching offers.
    Careers,
    /// 9. Departing reps leave; their customers follow, stay or leave.
    Departure,
    /// 10. House accounts, realignment and rebalancing.
    Ownership,
    /// 11. Customers screened in the account pass leave for dissatisfaction or a competitor.
    Churn,
    /// 12. Weekly metrics, yearly panels, and the clock.
    Metrics,
}

/// Registers the model's resources and systems.
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
                TickSet::Acquisition,
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
        app.add_plugins((
            timeline::plugin,
            effort::plugin,
            acquisition::plugin,
            specialists::plugin,
            accounts::plugin,
            pay::plugin,
            careers::plugin,
            departure::plugin,
            ownership::plugin,
            churn::plugin,
            metrics::plugin,
            episodes::plugin,
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
        let mut app = App::new();
        app.add_plugins(SimPlugin);
        setup::populate(app.world_mut(), scenario);
        Simulation { world: std::mem::take(app.world_mut()) }
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    pub fn world_mut(&mut self) -> &mut World {
        &mut self.world
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

    /// Queue an event to apply at the start of the next week, exactly as a timeline event would.
    pub fn send(&mut self, event: Event) {
        self.world_mut().resource_mut::<resources::PendingEvents>().0.push(event);
    }

    /// Take this tick's outputs (timeseries row, event records, panel rows).
    pub fn drain(&mut self) -> metrics::TickOutput {
        let world = self.world_mut();
        let events = std::mem::take(&mut world.resource_mut::<events::EventLog>().0);
        let mut out = std::mem::take(&mut *world.resource_mut::<metrics::Outbox>());
        out.events = events;
        out
    }

    /// The run summary so far.
    pub fn summary(&self) -> metrics::Summary {
        metrics::summarise(self.world())
    }
}
