//! Narration: captions a scenario carries for the live view, shown (and pausing the run) at
//! their weeks so a facilitator can run a story without preparation. No effect on the model.

use serde::{Deserialize, Serialize};

/// Longest caption, in characters (it must fit on a projected slide).
pub const MAX_CAPTION_CHARS: usize = 280;

/// One caption: at the start of `week` the live view pauses and shows `text`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Caption {
    /// Week the caption is shown, before that week is simulated (0-based; must be before `weeks`).
    pub week: u32,
    /// Plain-language text, at most 280 characters.
    pub text: String,
}
