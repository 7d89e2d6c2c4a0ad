//! Stage 7 of the tick (`TickSet::Pay`): base, commission, team pool, bonuses and deferred pay
//! accrue every week and settle at each quota period's end (`accrue.rs`). Quotas are rescaled to
//! the period in force at the start of the week (`TickSet::Timeline`). A company that aims its pay
//! at the market reviews its commission rate against market pay (`review.rs`, `TickSet::Careers`).

pub mod accrue;
pub mod review;
