//! Stage 2 of the tick (`TickSet::Effort`): each rep opens its book (`books.rs`), forecasts its
//! pipeline (`deals/forecast.rs`) and splits its week between hunting, farming and team work
//! (`hours.rs`), spreading its farming hours over its accounts by value (`attention.rs`).

pub mod attention;
pub mod books;
pub mod hours;

use bevy::prelude::*;

/// Registers the state the effort stage owns: the book bins and next week's books.
pub(crate) struct EffortPlugin;

impl Plugin for EffortPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<books::BookBins>().init_resource::<books::NextBooks>();
    }
}
