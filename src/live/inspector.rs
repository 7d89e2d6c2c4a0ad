//! The inspector: click a customer or rep on the map to see its state, its bonds over time
//! (loyalty to its rep, its specialists and the company) and its history of events, with the
//! cause chain of a lost customer in plain words, read from the run's own event log.

use super::host::LiveSim;
use super::hover::{Hovered, Pick, card};
use super::palette::{self, Rgba};
use super::world::LiveRun;
use crate::explain::{Story, customer_story, rep_story};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui_plot::{Legend, Line, Plot, PlotPoints};

/// The agent being inspected: side (0 = A, 1 = B) and pick.
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq)]
pub struct Inspected(pub Option<(usize, Pick)>);

/// Showing another firm closes the inspector: ids are a firm's own, so the agent inspected
/// belongs to the firm shown before.
pub fn close_on_firm_switch(mut actions: MessageReader<super::actions::LiveAction>, mut inspected: ResMut<Inspected>) {
    if actions.read().any(|a| matches!(a, super::actions::LiveAction::ShowFirm(_))) {
        inspected.0 = None;
    }
}

/// A left click on the map inspects what is under the pointer (a click on empty map closes it).
pub fn select_on_click(
    buttons: Res<ButtonInput<MouseButton>>,
    hovered: Res<Hovered>,
    map_rect: Res<super::map::MapRect>,
    window: Single<&Window, With<bevy::window::PrimaryWindow>>,
    mut inspected: ResMut<Inspected>,
) {
    if !buttons.just_pressed(MouseButton::Left) {
        return;
    }
    let on_map = window.cursor_position().is_some_and(|p| map_rect.0.contains(p));
    if let Some(pick) = hovered.pick.filter(|(_, p)| on_map && !matches!(p, Pick::Specialist(_))) {
        inspected.0 = Some(pick);
    }
}

fn c32(c: Rgba) -> egui::Color32 {
    egui::Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3])
}

/// The customer's bonds over time.
fn bonds_plot(ui: &mut egui::Ui, history: &[(u32, [f64; 3])]) {
    let line = |k: usize| PlotPoints::from(history.iter().map(|(w, b)| [*w as f64, b[k]]).collect::<Vec<_>>());
    Plot::new("inspector-bonds")
        .height(150.0)
        .legend(Legend::default())
        .include_y(0.0)
        .include_y(1.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.line(Line::new("to rep", line(0)).color(c32(palette::LOYAL_TO_REP)).width(2.0));
            plot.line(Line::new("to specialists", line(1)).color(c32(palette::SPECIALIST)).width(2.0));
            plot.line(Line::new("to company", line(2)).color(c32(palette::LOYAL_TO_COMPANY)).width(2.0));
        });
}

/// What the inspector shows from the run's log: the story and the bond history of one pick,
/// worked out again only when the pick, the run or its log changes (not every frame).
#[derive(Default)]
pub struct Shown {
    /// (side, pick, generation, events logged) it was worked out for.
    key: Option<(usize, Pick, u32, usize)>,
    story: Option<Story>,
    bonds: Vec<(u32, [f64; 3])>,
    /// A rep's productivity scorecard for its latest year (`salesim scorecard`'s sentence).
    scorecard: Option<String>,
}

impl Shown {
    fn update(&mut self, live: &LiveSim, run: &LiveRun, side: usize, pick: Pick) {
        let key = Some((side, pick, live.generation, run.shown().log.events.len()));
        if self.key == key {
            return;
        }
        self.key = key;
        let events = &run.shown().log.events;
        self.scorecard =
            match pick {
                Pick::Rep(id) => {
                    run.shown().log.reps.iter().rev().find(|p| p.rep_id == id).map(|p| {
                        format!("Scorecard, year {}: {}", p.year, crate::scorecard::words::sentence(&p.into()))
                    })
                }
                _ => None,
            };
        (self.story, self.bonds) = match pick {
            Pick::Customer(id) => (Some(customer_story(events, id)), run.shown().bonds.of(id)),
            Pick::Rep(id) => (Some(rep_story(events, id)), Vec::new()),
            Pick::Specialist(_) => (None, Vec::new()),
        };
    }
}

/// Draw the inspector window for the selected agent.
pub fn draw_inspector(
    mut contexts: EguiContexts,
    live: Res<LiveSim>,
    mut inspected: ResMut<Inspected>,
    mut shown: Local<Shown>,
) -> Result {
    let Some((side, pick)) = inspected.0 else { return Ok(()) };
    let Some((run, _)) = live.runs().nth(side) else {
        inspected.0 = None;
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    shown.update(&live, run, side, pick);
    let story = &shown.story;
    let (title, lines) = card(&run.shown().snapshot, pick).unwrap_or_else(|| {
        (story.as_ref().map_or_else(|| "Not on the map".into(), |s| s.headline.clone()), Vec::new())
    });
    let world = if live.b.is_some() { if side == 0 { "A · " } else { "B · " } } else { "" };
    let what = match pick {
        Pick::Customer(id) => format!("customer {id}"),
        Pick::Rep(id) => format!("rep {id}"),
        Pick::Specialist(id) => format!("specialist {id}"),
    };
    let mut open = true;
    egui::Window::new(format!("Inspector · {world}{what}"))
        .id("inspector".into())
        .open(&mut open)
        .default_pos(egui::pos2(
            super::ui::projector::DESKTOP.left_panel + 16.0,
            super::ui::projector::DESKTOP.top_bar + 16.0,
        ))
        .default_width(560.0)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label(egui::RichText::new(&title).strong());
            for l in &lines {
                ui.label(l);
            }
            if let Some(card) = &shown.scorecard {
                ui.separator();
                ui.label(card);
            }
            let Some(story) = story else { return };
            ui.separator();
            if story.headline != title {
                ui.label(egui::RichText::new(&story.headline).strong());
            }
            if let Some(cause) = &story.cause {
                ui.label(egui::RichText::new(format!("Why: {cause}")).color(c32(palette::AT_RISK)));
            }
            if matches!(pick, Pick::Customer(_)) {
                ui.label("Loyalty over time");
                bonds_plot(ui, &shown.bonds);
            }
            ui.label(egui::RichText::new("History").strong());
            egui::ScrollArea::vertical().min_scrolled_height(140.0).max_height(200.0).show(ui, |ui| {
                for h in &story.history {
                    ui.label(h);
                }
            });
        });
    if !open {
        inspected.0 = None;
    }
    Ok(())
}
