//! Stages 4–6 and 11 of the tick: the accounts. Specialists are staffed and assigned
//! (`specialists.rs`, `TickSet::Specialists`); then one pass over the active accounts
//! (`serve.rs`, `TickSet::Accounts`) covers each as its rep's plan says (`coverage.rs`, with
//! complex needs met by capacity, `complexity.rs`), moves its loyalty (`loyalty.rs`), books its
//! revenue and margin (`revenue.rs`, `value.rs`) and enters it in the week's close
//! (`closing.rs`). Customers screened in that pass leave in `TickSet::Churn` (`churn.rs`), by the
//! one path an account is lost by (`loss.rs`).

pub mod churn;
pub mod closing;
pub mod complexity;
pub mod coverage;
pub mod loss;
pub mod loyalty;
pub mod revenue;
pub mod serve;
pub mod specialists;
pub mod value;

use bevy::prelude::*;

/// Registers the state the account stages own: specialist hours, the week's close, the churn
/// screen and the archive of lost accounts.
pub(crate) struct AccountsPlugin;

impl Plugin for AccountsPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<specialists::SpecialistHours>()
            .init_resource::<closing::AccountCensus>()
            .init_resource::<churn::ChurnCandidates>()
            .init_resource::<loss::LostAccounts>();
    }
}
