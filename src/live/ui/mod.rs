//! The egui side of the live view: KPI bar on top, controls on the left, charts on the right,
//! legend under the map; the map's camera is fitted to the space left in the middle.

pub mod charts;
pub mod controls;
pub mod firms;
pub mod form;
pub mod kpi;
pub mod labels;
pub mod legend;
pub mod legibility;
pub mod narration;
pub mod projector;
pub mod rivalry_charts;
pub mod twin;
pub mod widgets;

use super::actions::LiveAction;
use super::clock::Playback;
use super::host::LiveSim;
use super::hover::Hovered;
use super::map::{MapCamera, MapRect, MapState};
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::{EguiContexts, egui};

/// Larger type than egui's default, to be read across a room (and larger still on a projector);
/// re-applied when the mode changes. Panel sizes are fixed per mode, so screenshots compare.
pub fn set_style(
    mut contexts: EguiContexts,
    projector: Res<projector::Projector>,
    mut done: Local<Option<bool>>,
) -> Result {
    if *done == Some(projector.0) {
        return Ok(());
    }
    let sizes = projector.sizes();
    let ctx = contexts.ctx_mut()?;
    let mut style = (*ctx.global_style()).clone();
    for (text_style, font) in style.text_styles.iter_mut() {
        font.size = match text_style {
            egui::TextStyle::Heading => sizes.heading,
            egui::TextStyle::Small => sizes.small,
            _ => sizes.body,
        };
    }
    style.spacing.interact_size.y = sizes.body + 6.0;
    style.spacing.slider_width = sizes.left_panel * 0.45;
    ctx.set_global_style(style);
    // No anti-aliasing fringe on shapes (text is unaffected): on a software renderer every
    // feathered edge is extra triangles, and a projector hides the difference.
    ctx.tessellation_options_mut(|o| o.feathering = false);
    *done = Some(projector.0);
    Ok(())
}

/// Panels draw no background of their own: the map camera has cleared the window already, and
/// on a software renderer every filled pixel costs.
fn bare() -> egui::Frame {
    egui::Frame::NONE.inner_margin(egui::Margin::same(8))
}

/// Point the map camera so the map's world rectangle (`world`, centred on the origin) fits
/// `map` (logical pixels) of a window of `window` size, and the world origin sits at the centre
/// of `map`.
pub fn fit_map(
    (mut projection, mut transform): (Mut<Projection>, Mut<Transform>),
    map: Rect,
    window: Vec2,
    world: Vec2,
) {
    let units_per_px = (world.x / map.width().max(1.0)).max(world.y / map.height().max(1.0));
    if let Projection::Orthographic(o) = &mut *projection {
        o.scale = units_per_px;
    }
    let offset = map.center() - window / 2.0;
    transform.translation.x = -offset.x * units_per_px;
    transform.translation.y = offset.y * units_per_px;
}

/// Draw every panel, send the actions the controls produced, and fit the map into the middle.
#[allow(clippy::too_many_arguments)]
pub fn draw_ui(
    mut contexts: EguiContexts,
    live: Res<LiveSim>,
    playback: Res<Playback>,
    hovered: Res<Hovered>,
    mut form: ResMut<form::PolicyForm>,
    mut actions: MessageWriter<LiveAction>,
    camera: Single<(&mut Projection, &mut Transform), With<MapCamera>>,
    window: Single<&Window, With<PrimaryWindow>>,
    mut map_rect: ResMut<MapRect>,
    map_state: Res<MapState>,
    projector: Res<projector::Projector>,
) -> Result {
    let sizes = projector.sizes();
    let ctx = contexts.ctx_mut()?;
    let mut root = egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(ctx.viewport_rect()),
    );
    let mut sent = Vec::new();
    let a = &live.a;
    let mut kpis = a.shown().series.kpis();
    if kpis.weeks_done == 0 {
        // Before the first week: the world as set up.
        let snap = &a.shown().snapshot;
        kpis.customers = snap.customers.iter().filter(|c| c.active).count() as u32;
        kpis.reps =
            snap.reps.iter().filter(|r| !matches!(r.place, super::snapshot::RepPlace::Poached(_))).count() as u32;
    }
    egui::Panel::top("kpis").frame(bare()).exact_size(sizes.top_bar).show(&mut root, |ui| {
        ui.horizontal(|ui| {
            if a.is_industry() {
                firms::picker(ui, a, &mut sent);
            }
            kpi::show(ui, &a.scenario.name, &kpis, a.model.weeks(), &playback);
        });
    });
    egui::Panel::left("controls").frame(bare()).exact_size(sizes.left_panel).show(&mut root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| controls::show(ui, &live, &playback, &mut form, &mut sent));
    });
    egui::Panel::right("charts").frame(bare()).exact_size(sizes.right_panel).show(&mut root, |ui| {
        charts::show(ui, a, live.b.as_ref(), a.model.weeks(), &sizes);
    });
    // An industry's legend has a line more: its firms' colours.
    let firm_line = if a.is_industry() { 2.0 * sizes.small + 8.0 } else { 0.0 };
    egui::Panel::bottom("legend").frame(bare()).exact_size(sizes.legend + firm_line).show(&mut root, |ui| {
        if a.is_industry() {
            firms::legend(ui, a);
        }
        legend::show(ui, sizes.legend_columns)
    });
    if live.b.is_some() {
        egui::Panel::top("twin").frame(bare()).exact_size(twin::STRIP).show(&mut root, |ui| twin::strip(ui, &live));
    }
    let map = root.available_rect_before_wrap();
    if let Some(caption) = &live.caption {
        narration::show(ctx, map, caption, &sizes, &mut sent);
    }
    if let Some((title, lines)) = &hovered.card
        && let Some(pointer) = ctx.pointer_hover_pos()
    {
        egui::Area::new("hover".into()).order(egui::Order::Tooltip).fixed_pos(pointer + egui::vec2(16.0, 16.0)).show(
            ctx,
            |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(egui::RichText::new(title).strong());
                    for l in lines {
                        ui.label(l);
                    }
                });
            },
        );
    }
    actions.write_batch(sent);
    map_rect.0 = Rect::new(map.min.x, map.min.y, map.max.x, map.max.y);
    let world = map_state.world_size();
    fit_map(camera.into_inner(), map_rect.0, Vec2::new(window.width(), window.height()), world);
    Ok(())
}

/// Keys: Space plays or pauses (and dismisses a caption), N steps, S saves a screenshot, P
/// switches projector mode, + and − change speed.
pub fn keyboard_shortcuts(
    keys: Res<ButtonInput<KeyCode>>,
    playback: Res<Playback>,
    mut contexts: EguiContexts,
    mut actions: MessageWriter<LiveAction>,
) -> Result {
    if contexts.ctx_mut()?.egui_wants_keyboard_input() {
        return Ok(());
    }
    if keys.just_pressed(KeyCode::Space) {
        actions.write(LiveAction::TogglePlay);
    }
    if keys.just_pressed(KeyCode::KeyN) || keys.just_pressed(KeyCode::ArrowRight) {
        actions.write(LiveAction::Step);
    }
    if keys.just_pressed(KeyCode::KeyS) {
        actions.write(LiveAction::SaveScreenshot);
    }
    if keys.just_pressed(KeyCode::KeyP) {
        actions.write(LiveAction::ToggleProjector);
    }
    if keys.just_pressed(KeyCode::Equal) || keys.just_pressed(KeyCode::NumpadAdd) {
        actions.write(LiveAction::SetSpeed(playback.weeks_per_second * 1.5));
    }
    if keys.just_pressed(KeyCode::Minus) || keys.just_pressed(KeyCode::NumpadSubtract) {
        actions.write(LiveAction::SetSpeed(playback.weeks_per_second / 1.5));
    }
    Ok(())
}
