//! Projector mode (`--projector`, key P or the panel's toggle): type and lines about twice the
//! size, wider panels and at most four charts, so the view reads from the back of a room at
//! 1920×1080. Every size the panels use comes from here.

use bevy::prelude::*;

/// Whether the view is in projector mode.
#[derive(Resource, Default, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Projector(pub bool);

/// The sizes of one mode, in logical pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sizes {
    pub heading: f32,
    pub body: f32,
    /// Chart labels and axis text use egui's small style.
    pub small: f32,
    /// Chart lines (event markers are three quarters of this).
    pub line: f32,
    pub top_bar: f32,
    pub left_panel: f32,
    pub right_panel: f32,
    pub legend: f32,
    /// A narration caption's text, and its week line and button.
    pub caption: f32,
    pub caption_note: f32,
    /// Charts shown in the right panel.
    pub charts: usize,
    pub legend_columns: usize,
}

/// The desktop sizes (readable at 1600×900 on a screen).
pub const DESKTOP: Sizes = Sizes {
    heading: 22.0,
    body: 15.0,
    small: 12.0,
    line: 2.0,
    top_bar: 64.0,
    left_panel: 320.0,
    right_panel: 470.0,
    legend: 118.0,
    caption: 26.0,
    caption_note: 18.0,
    charts: 5,
    legend_columns: 3,
};

/// Projector sizes: every text at least 24 px, lines twice as thick, four charts.
pub const PROJECTOR: Sizes = Sizes {
    heading: 36.0,
    body: 26.0,
    small: 24.0,
    line: 4.0,
    top_bar: 104.0,
    left_panel: 440.0,
    right_panel: 720.0,
    legend: 240.0,
    caption: 40.0,
    caption_note: 26.0,
    charts: 4,
    legend_columns: 2,
};

impl Projector {
    pub fn sizes(self) -> Sizes {
        if self.0 { PROJECTOR } else { DESKTOP }
    }
}

/// Key P or the toggle: switch modes.
pub fn toggle_projector(
    mut actions: MessageReader<crate::live::actions::LiveAction>,
    mut projector: ResMut<Projector>,
) {
    for a in actions.read() {
        if *a == crate::live::actions::LiveAction::ToggleProjector {
            projector.0 = !projector.0;
        }
    }
}
