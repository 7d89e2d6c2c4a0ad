//! The facilitator's panel: playback, speed, restart, the scenario picker, the policy controls
//! and the event buttons. Every control only sends a [`LiveAction`]; nothing here touches the model.

use super::form::{OWNERSHIP_CHOICES, PolicyForm};
use super::widgets;
use crate::live::actions::LiveAction;
use crate::live::clock::{MAX_SPEED, MIN_SPEED, Playback};
use crate::live::files::stem;
use crate::live::host::LiveSim;
use crate::scenario::{Event, QuotaPeriod, params};
use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};

const PERIODS: [QuotaPeriod; 3] = [QuotaPeriod::Monthly, QuotaPeriod::Quarterly, QuotaPeriod::Annual];

/// A slider for the parameter at `path` over its declared range (logarithmic where the range spans
/// orders of magnitude), with its documentation as the tooltip: range and doc are declared once,
/// in the parameter's section, not copied here.
fn parameter(ui: &mut egui::Ui, path: &str, value: &mut f64, tune: impl FnOnce(egui::Slider) -> egui::Slider) {
    let (lo, hi) = params::range(path).unwrap_or((0.0, 1.0));
    let wide = hi - lo > 1000.0;
    let shown = ui.add(tune(egui::Slider::new(value, lo..=hi).logarithmic(wide)));
    if let Some(doc) = params::doc(path) {
        shown.on_hover_text(doc);
    }
}

fn set(path: &str, value: impl ToString) -> LiveAction {
    LiveAction::Apply(Event::Set { path: path.into(), value: value.to_string() })
}

/// A labelled control with an "Apply" button; returns whether it was pressed.
fn row(ui: &mut egui::Ui, label: &str, button: &str, control: impl FnOnce(&mut egui::Ui)) -> bool {
    ui.label(label);
    ui.horizontal(|ui| {
        control(ui);
        ui.button(button).clicked()
    })
    .inner
}

/// Draw the panel, sending an action for every control used.
pub fn show(ui: &mut egui::Ui, live: &LiveSim, playback: &Playback, form: &mut PolicyForm, out: &mut Vec<LiveAction>) {
    form.refresh(live);
    ui.horizontal(|ui| {
        let play = if playback.playing { "⏸ Pause" } else { "▶ Play" };
        let play = ui.button(RichText::new(play).strong());
        widgets::note(ui, "play", &play);
        if play.clicked() {
            out.push(LiveAction::TogglePlay);
        }
        if ui.button("Step").clicked() {
            out.push(LiveAction::Step);
        }
        if ui.button("Restart").clicked() {
            out.push(LiveAction::Restart);
        }
    });
    let mut speed = playback.weeks_per_second;
    if ui.add(egui::Slider::new(&mut speed, MIN_SPEED..=MAX_SPEED).logarithmic(true).text("weeks/s")).changed() {
        out.push(LiveAction::SetSpeed(speed));
    }
    ui.horizontal(|ui| {
        let current = form.scenarios.get(form.scenario).map(|p| stem(p)).unwrap_or_default();
        egui::ComboBox::from_id_salt("scenario").selected_text(current).width(170.0).show_ui(ui, |ui| {
            for (i, p) in form.scenarios.iter().enumerate() {
                ui.selectable_value(&mut form.scenario, i, stem(p));
            }
        });
        if ui.button("Load").clicked()
            && let Some(p) = form.scenarios.get(form.scenario)
        {
            out.push(LiveAction::Load(p.clone()));
        }
    });
    super::twin::show(ui, live, form, out);
    ui.separator();
    ui.label(RichText::new("Policies (apply next week)").strong());
    if row(ui, "Commission rate", "Apply", |ui| {
        parameter(ui, "pay.commission_rate", &mut form.commission_rate, |s| s.logarithmic(true).fixed_decimals(3));
    }) {
        out.push(set("pay.commission_rate", form.commission_rate));
    }
    if row(ui, "Base salary ($ a year)", "Apply", |ui| {
        parameter(ui, "pay.base_salary", &mut form.base_salary, |s| s.step_by(1000.0));
    }) {
        out.push(set("pay.base_salary", form.base_salary));
    }
    if row(ui, "Customer ownership", "Apply", |ui| {
        egui::ComboBox::from_id_salt("ownership")
            .selected_text(OWNERSHIP_CHOICES[form.ownership].0)
            .width(190.0)
            .show_ui(ui, |ui| {
                for (i, (label, _)) in OWNERSHIP_CHOICES.iter().enumerate() {
                    ui.selectable_value(&mut form.ownership, i, *label);
                }
            });
    }) {
        out.push(LiveAction::Apply(Event::SetOwnership(OWNERSHIP_CHOICES[form.ownership].1)));
    }
    if row(ui, "CRM keeps account knowledge", "Roll out", |ui| {
        parameter(ui, "ownership.crm_retention", &mut form.crm_retention, |s| s);
    }) {
        out.push(LiveAction::Apply(Event::CrmRollout { retention: form.crm_retention }));
    }
    if row(ui, "Specialists (technical, service)", "Apply", |ui| {
        ui.add(egui::DragValue::new(&mut form.technical).range(0..=500));
        ui.add(egui::DragValue::new(&mut form.service).range(0..=500));
    }) {
        out.push(set("specialists.technical", form.technical));
        out.push(set("specialists.service", form.service));
    }
    if row(ui, "Quota period", "Apply", |ui| {
        egui::ComboBox::from_id_salt("period").selected_text(format!("{:?}", form.quota_period)).show_ui(ui, |ui| {
            for p in PERIODS {
                ui.selectable_value(&mut form.quota_period, p, format!("{p:?}"));
            }
        });
    }) {
        out.push(set("pay.quota_period", format!("{:?}", form.quota_period)));
    }
    ui.separator();
    ui.label(RichText::new("Events (next week)").strong());
    let waiting: Vec<&str> =
        live.a.shown().snapshot.competitors.iter().filter(|c| !c.entered).map(|c| c.name.as_str()).collect();
    form.competitor = form.competitor.min(waiting.len().saturating_sub(1));
    if row(ui, "Competitor entry", "Enter", |ui| {
        let label = waiting.get(form.competitor).copied().unwrap_or("(all in the market)");
        egui::ComboBox::from_id_salt("competitor").selected_text(label).show_ui(ui, |ui| {
            for (i, n) in waiting.iter().enumerate() {
                ui.selectable_value(&mut form.competitor, i, *n);
            }
        });
    }) && let Some(n) = waiting.get(form.competitor)
    {
        out.push(LiveAction::Apply(Event::CompetitorEntry(n.to_string())));
    }
    if row(ui, "Broaden the product line: complex share", "Broaden", |ui| {
        ui.add(egui::Slider::new(&mut form.complex_share, 0.0..=1.0));
    }) {
        out.push(LiveAction::Apply(Event::ProductBroadening { complex_share: form.complex_share }));
    }
    if row(ui, "Price war: competitors' price cut", "Start", |ui| {
        ui.add(egui::Slider::new(&mut form.price_cut, 0.0..=0.5));
    }) {
        out.push(LiveAction::Apply(Event::PriceWar { price_cut: form.price_cut }));
    }
    let realign = ui.button("Realign accounts");
    widgets::note(ui, "realign", &realign);
    if realign.clicked() {
        out.push(LiveAction::Apply(Event::Realignment));
    }
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        let shot = ui.button("Screenshot (S)");
        widgets::note(ui, "screenshot", &shot);
        if shot.clicked() {
            out.push(LiveAction::SaveScreenshot);
        }
        let chart = ui.button("Chart CSV").on_hover_text("The chart series and event markers, under exports/");
        widgets::note(ui, "chart_csv", &chart);
        if chart.clicked() {
            out.push(LiveAction::SaveSeries);
        }
        let session = ui.button("Session").on_hover_text("The session so far (replay it with salesim run --actions)");
        widgets::note(ui, "session", &session);
        if session.clicked() {
            out.push(LiveAction::SaveSession);
        }
        if crate::live::files::ON_DISK {
            let run =
                ui.button("Run files").on_hover_text("timeseries.csv, events.csv… for the run so far, under exports/");
            if run.clicked() {
                out.push(LiveAction::SaveOutputs);
            }
        } else if ui.button("Open file…").on_hover_text("A scenario file from this computer").clicked() {
            #[cfg(target_arch = "wasm32")]
            crate::live::page::pick_file();
        }
        let projector = ui.button("Projector (P)").on_hover_text("Large type and lines, four charts");
        widgets::note(ui, "projector", &projector);
        if projector.clicked() {
            out.push(LiveAction::ToggleProjector);
        }
    });
    ui.label("Space: play/pause · N: step · +/−: speed");
    if !live.notice.is_empty() {
        ui.label(RichText::new(&live.notice).italics());
    }
}
