//! Stage 12 of the tick (`TickSet::Metrics`) and everything that only reads the model: the event
//! log (`events.rs`), the weekly metrics row and the clock (`metrics.rs`), yearly panels
//! (`panels.rs`, `rep_year.rs`, `scorecard.rs`), episodes (`episodes.rs`), the run summary
//! (`summary.rs`) and the invariants the property tests check (`invariants.rs`). Nothing in the
//! mechanisms reads what is here except the event log they write to.

pub mod episodes;
pub mod events;
pub mod invariants;
pub mod metrics;
pub mod panels;
pub mod rep_year;
pub mod scorecard;
pub mod summary;

use bevy::prelude::*;

/// Registers the observation state: the event log, metrics, totals, panels and episode watch.
pub(crate) struct ObservePlugin;

impl Plugin for ObservePlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<events::EventLog>()
            .init_resource::<metrics::Timeseries>()
            .init_resource::<metrics::Totals>()
            .init_resource::<panels::PanelRows>()
            .init_resource::<panels::YearStats>()
            .init_resource::<episodes::EpisodeWatch>();
    }
}
