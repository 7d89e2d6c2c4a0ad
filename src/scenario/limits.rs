//! Largest sizes a scenario may ask for, so a typo cannot ask for terabytes: checked by
//! `validate.rs` and used as the upper ends of the ranges declared in the sections.

pub const MAX_WEEKS: u32 = 5_200;
pub const MAX_ACCOUNTS: u32 = 2_000_000;
pub const MAX_PROSPECTS: u32 = 5_000_000;
pub const MAX_REPS: u32 = 20_000;
pub const MAX_SPECIALISTS: u32 = 10_000;
pub const MAX_COMPETITORS: usize = 32;
pub const MAX_EVENTS: usize = 10_000;
/// Longest scenario name (it is copied into every output row).
pub const MAX_NAME_CHARS: usize = 200;
/// Longest competitor name or catalyst label.
pub const MAX_LABEL_CHARS: usize = 200;
/// Longest parameter path in a `Set` event.
pub const MAX_PATH_CHARS: usize = 100;
pub const MAX_BONUSES: usize = 16;
/// Longest episode-detection window, weeks (ten years).
pub const MAX_EPISODE_WINDOW: u32 = 520;
