//! Stage 10 of the tick (`TickSet::Ownership`): the ownership policy in force, hand-over of
//! accounts without a rep and realignment of books (`realign.rs`), and reps' push-back against a
//! planned change that takes accounts from them (`pushback.rs`), weighed by leadership
//! (`leadership.rs`) against what the change is expected to bring (`business_case.rs`), and
//! recorded (`verdicts.rs`).

pub mod business_case;
pub mod leadership;
pub mod pushback;
pub mod realign;
pub mod verdicts;

use bevy::prelude::*;

/// Registers the state the ownership stage owns: the climate for change and pending threats.
pub(crate) struct OwnershipPlugin;

impl Plugin for OwnershipPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<pushback::ChangeClimate>().init_resource::<pushback::PendingThreats>();
    }
}
