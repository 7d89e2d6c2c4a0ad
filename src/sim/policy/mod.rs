//! Stage 1 of the tick (`TickSet::Timeline`): what is in force this week. Timeline events, policy
//! changes and live actions are applied at the start of the week (`timeline.rs`), and the company's
//! tools and programmes phase in at their price (`tools.rs`). Quota rescaling and paid training run
//! in this stage too, but live with pay (`pay/`) and complex needs (`accounts/complexity.rs`).

pub mod timeline;
pub mod tools;
