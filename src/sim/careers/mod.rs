//! Stages 8–9 of the tick: reps' careers. Vacancies are filled (`hiring.rs`), reps are reviewed
//! and managed out (`performance.rs`), quit or are poached (`quitting.rs`), all in
//! `TickSet::Careers`, against the pay of the labour market (`market.rs`); then leavers go and
//! their customers follow, leave or stay (`departure.rs`, `TickSet::Departure`), and reps gone to
//! rivals solicit the ones that stayed (`solicit.rs`). In an industry, reps and customers that go
//! to a rival firm move to it (`migration.rs`).

pub mod departure;
pub mod follow;
pub mod hiring;
pub mod market;
pub mod migration;
pub mod moves;
pub mod performance;
pub mod quitting;
pub mod solicit;

use bevy::prelude::*;

/// Registers the state the career stages own: this week's leavers, and the former customers
/// departed reps are soliciting (the labour market is inserted with the scenario's values by
/// `setup/`).
pub(crate) struct CareersPlugin;

impl Plugin for CareersPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<departure::Leavers>()
            .init_resource::<solicit::Solicitations>()
            .init_resource::<moves::Emigrants>()
            .init_resource::<moves::Arrivals>()
            .init_resource::<moves::Candidates>()
            .init_resource::<migration::Joined>();
    }
}
