//! A narration caption over the map: large type, the week, and a button to carry on.

use crate::live::actions::LiveAction;
use crate::scenario::Caption;
use bevy_egui::egui::{self, RichText};

/// Show `caption` centred over `map`; "Continue" (or Space) resumes the run.
pub fn show(ctx: &egui::Context, map: egui::Rect, caption: &Caption, out: &mut Vec<LiveAction>) {
    let width = (map.width() * 0.8).clamp(240.0, 720.0);
    egui::Area::new("caption".into())
        .order(egui::Order::Foreground)
        .fixed_pos(egui::pos2(map.center().x - width / 2.0, map.min.y + map.height() * 0.3))
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).inner_margin(egui::Margin::same(18)).show(ui, |ui| {
                ui.set_width(width);
                ui.label(RichText::new(format!("Week {}", caption.week)).size(18.0).weak());
                ui.label(RichText::new(&caption.text).size(26.0).strong());
                ui.add_space(8.0);
                if ui.button(RichText::new("Continue (Space)").size(18.0)).clicked() {
                    out.push(LiveAction::SetPlaying(true));
                }
            });
        });
}
