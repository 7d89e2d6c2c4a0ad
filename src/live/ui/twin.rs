//! The twin controls: "Compare with…" (a copy of A, or another scenario as B, both restarted on
//! A's seed), closing the twin, and which world the policy controls change.

use super::form::PolicyForm;
use crate::live::actions::LiveAction;
use crate::live::files::stem;
use crate::live::host::LiveSim;
use crate::session::Target;
use bevy_egui::egui::{self, RichText};

/// Draw the twin controls.
pub fn show(ui: &mut egui::Ui, live: &LiveSim, form: &mut PolicyForm, out: &mut Vec<LiveAction>) {
    ui.separator();
    let Some(b) = &live.b else {
        ui.horizontal(|ui| {
            let label = |i: usize| match i {
                0 => "a copy of A".to_string(),
                i => form.scenarios.get(i - 1).map(|p| stem(p)).unwrap_or_default(),
            };
            ui.label("Compare with");
            egui::ComboBox::from_id_salt("twin").selected_text(label(form.twin)).width(130.0).show_ui(ui, |ui| {
                for i in 0..=form.scenarios.len() {
                    ui.selectable_value(&mut form.twin, i, label(i));
                }
            });
            let start = ui.button("Start").on_hover_text("Both worlds restart from week 0 on the same seed");
            super::widgets::note(ui, "twin_start", &start);
            if start.clicked() {
                let path = form.twin.checked_sub(1).and_then(|i| form.scenarios.get(i)).cloned();
                out.push(LiveAction::Twin(path));
            }
        });
        return;
    };
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("Twin: A = {}, B = {}", live.a.scenario.name, b.scenario.name)).strong());
        if ui.button("Close").clicked() {
            out.push(LiveAction::StopTwin);
        }
    });
    ui.horizontal(|ui| {
        ui.label("Changes apply to");
        for (t, label) in [(Target::A, "A"), (Target::B, "B"), (Target::Both, "both")] {
            if ui.radio(live.target == t, label).clicked() {
                out.push(LiveAction::SetTarget(t));
            }
        }
    });
}

/// Height of the difference strip over the twin maps, logical pixels.
pub const STRIP: f32 = 58.0;

fn money(v: f64) -> String {
    let sign = if v < 0.0 { "−" } else { "+" };
    format!("{sign}${:.2}M", v.abs() / 1e6)
}

/// The strip over the two maps: which world is which, and how B differs from A so far.
pub fn strip(ui: &mut egui::Ui, live: &LiveSim) {
    let Some(b) = &live.b else { return };
    let g = live.gap;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(ui.available_width(), 26.0), egui::Sense::hover());
    let font = egui::FontId::proportional(21.0);
    let colour = ui.visuals().strong_text_color();
    for (x, text) in [
        (rect.left(), format!("A: {}", live.a.scenario.name)),
        (rect.center().x + 8.0, format!("B: {}", b.scenario.name)),
    ] {
        ui.painter().text(egui::pos2(x, rect.center().y), egui::Align2::LEFT_CENTER, text, font.clone(), colour);
    }
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("customers lost under B that A kept: {}", g.lost_under_b_kept_by_a)).size(16.0));
        ui.label(RichText::new(format!("· lost under A that B kept: {}", g.lost_under_a_kept_by_b)).size(16.0));
        ui.label(RichText::new(format!("· revenue gap B − A: {} a year", money(g.revenue_gap))).size(16.0).strong());
    });
}
