//! A narration caption over the map: large type, the week, and a button to carry on.

use super::projector::Sizes;
use crate::live::actions::LiveAction;
use crate::scenario::Caption;
use bevy_egui::egui::{self, RichText};

/// Widest a caption gets, in its own type size (about 28 characters a line).
const CAPTION_LINE_EMS: f32 = 28.0;

/// Show `caption` centred over `map`; "Continue" (or Space) resumes the run.
pub fn show(ctx: &egui::Context, map: egui::Rect, caption: &Caption, sizes: &Sizes, out: &mut Vec<LiveAction>) {
    let width = (map.width() * 0.8).clamp(240.0, CAPTION_LINE_EMS * sizes.caption);
    egui::Area::new("caption".into())
        .order(egui::Order::Foreground)
        .fixed_pos(egui::pos2(map.center().x - width / 2.0, map.min.y + map.height() * 0.3))
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).inner_margin(egui::Margin::same(18)).show(ui, |ui| {
                ui.set_width(width);
                ui.label(RichText::new(format!("Week {}", caption.week)).size(sizes.caption_note).weak());
                ui.label(RichText::new(&caption.text).size(sizes.caption).strong());
                ui.add_space(8.0);
                if ui.button(RichText::new("Continue (Space)").size(sizes.caption_note)).clicked() {
                    out.push(LiveAction::SetPlaying(true));
                }
            });
        });
}
