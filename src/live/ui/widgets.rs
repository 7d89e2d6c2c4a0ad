//! Where the main buttons were laid out this frame, by name, so the browser page's test can
//! press them as a facilitator would (a real click at the button's place on the canvas).

use bevy_egui::egui;
use std::collections::BTreeMap;

fn key() -> egui::Id {
    egui::Id::new("salesim-widget-rects")
}

/// Remember where the widget `name` was drawn.
pub fn note(ui: &egui::Ui, name: &'static str, response: &egui::Response) {
    let rect = response.rect;
    ui.ctx().data_mut(|d| {
        d.get_temp_mut_or_default::<BTreeMap<&'static str, egui::Rect>>(key()).insert(name, rect);
    });
}

/// Every noted widget's box, in logical pixels.
pub fn rects(ctx: &egui::Context) -> BTreeMap<&'static str, egui::Rect> {
    ctx.data(|d| d.get_temp::<BTreeMap<&'static str, egui::Rect>>(key())).unwrap_or_default()
}
