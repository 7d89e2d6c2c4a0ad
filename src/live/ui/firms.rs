//! An industry's firms in the panels: the picker choosing which firm the KPIs, charts, map and
//! inspector show, and the legend's line giving each firm's colour on the map.

use super::legend::{Swatch, swatch};
use crate::live::actions::LiveAction;
use crate::live::palette;
use crate::live::world::LiveRun;
use bevy_egui::egui::{self, RichText};

/// The firm picker (a combo naming every firm in its colour); sends [`LiveAction::ShowFirm`].
pub fn picker(ui: &mut egui::Ui, run: &LiveRun, out: &mut Vec<LiveAction>) {
    let heading = egui::TextStyle::Heading.resolve(ui.style()).size;
    ui.vertical(|ui| {
        ui.label(RichText::new("firm shown").small().weak());
        let mut picked = run.shown;
        let name = |i: usize| RichText::new(&run.firms[i].name).color(super::legend::c32(palette::firm(i, 255)));
        egui::ComboBox::from_id_salt("firm").selected_text(name(picked).strong()).show_ui(ui, |ui| {
            for i in 0..run.firms.len() {
                ui.selectable_value(&mut picked, i, name(i));
            }
        });
        if picked != run.shown {
            out.push(LiveAction::ShowFirm(picked));
        }
    });
    ui.add_space(0.8 * heading);
}

/// One legend line: each firm's colour, the shown one marked.
pub fn legend(ui: &mut egui::Ui, run: &LiveRun) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Firms (ring and area on the map, arrows: who moved where):").small());
        for (i, f) in run.firms.iter().enumerate() {
            swatch(ui, Swatch::Area(palette::firm(i, 255)));
            let shown = if i == run.shown { " (shown)" } else { "" };
            ui.label(RichText::new(format!("{}{shown}", f.name)).small());
        }
    });
}
