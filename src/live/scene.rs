//! The relationship map: reps, their customers, the specialists, the house area and the
//! competitors, drawn as three vertex-coloured meshes (areas, links, people) and one image of
//! the customers' dots, following the model with smooth motion so that poaching and churn are
//! seen as movement. In twin mode a second map, world B, is drawn to the right of A's.

use super::dots::DotCanvas;
use super::firm_map::FirmsOnMap;
use super::host::LiveSim;
use super::layout::{HALF, Layout};
use super::map::*;
use super::paint;
use super::snapshot::Snapshot;

use super::world::LiveRun;
use bevy::asset::RenderAssetUsages;
use bevy::camera::ScalingMode;
use bevy::core_pipeline::tonemapping::{DebandDither, Tonemapping};
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;
use bevy::render::view::Msaa;
use bevy::sprite_render::AlphaMode2d;

/// A label on the map: an area's name, or a competitor's name and tally.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Label {
    House,
    Lost,
    Market,
    Competitor(u16),
    /// The shown firm of an industry, over its territory.
    Firm,
}

/// A label of one side of the map.
#[derive(Component, Clone, Copy)]
pub struct MapLabel {
    pub side: usize,
    pub label: Label,
}

/// One of a side's mesh layers.
#[derive(Component, Clone, Copy)]
pub struct MapLayer {
    pub side: usize,
}

/// Drawing order (z) of the mesh layers; the customers' dots sprite sits at [`DOTS_Z`].
const LAYER_Z: [f32; LAYERS] = [0.0, 1.0, 3.0];
const DOTS_Z: f32 = 2.0;

/// The sprite showing one side's customer dots.
#[derive(Component, Clone, Copy)]
pub struct MapDots {
    pub side: usize,
}
fn layout_for(run: &LiveRun) -> Layout {
    let s = &run.scenario;
    let heads = s.sales_force.reps.max(s.hiring.target_headcount) as f32;
    // An industry's firm sees the other firms as competitors too.
    let competitors = if run.is_industry() { run.shown().snapshot.competitors.len() } else { s.competitors.len() };
    Layout::new((heads * 1.15).ceil() as usize, competitors)
}

fn side_offset(side: usize, twin: bool) -> Vec2 {
    match (twin, side) {
        (false, _) => Vec2::ZERO,
        (true, 0) => Vec2::new(-(HALF + TWIN_GAP / 2.0), 0.0),
        (true, _) => Vec2::new(HALF + TWIN_GAP / 2.0, 0.0),
    }
}

/// Spawn the camera (egui draws its panels with it too; the map is fitted to the space between
/// them by `ui::fit_map`) and, for each side, its four map layers.
pub fn setup_map(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    mut images: ResMut<Assets<Image>>,
    live: Res<LiveSim>,
) {
    // Software rendering pays for every pixel pass: no multisampling, tonemapping or dithering.
    let cheap = || (Msaa::Off, Tonemapping::None, DebandDither::Disabled);
    commands.spawn((
        cheap(),
        MapCamera,
        Camera2d,
        Projection::Orthographic(OrthographicProjection {
            scaling_mode: ScalingMode::WindowSize,
            ..OrthographicProjection::default_2d()
        }),
    ));
    let material = materials.add(ColorMaterial { alpha_mode: AlphaMode2d::Blend, ..ColorMaterial::from(Color::WHITE) });
    let sides = (0..2)
        .map(|side| {
            let handles: [Handle<Mesh>; LAYERS] = std::array::from_fn(|layer| {
                let mesh = meshes.add(Mesh::new(PrimitiveTopology::TriangleList, RenderAssetUsages::default()));
                commands.spawn((
                    Mesh2d(mesh.clone()),
                    MeshMaterial2d(material.clone()),
                    MapLayer { side },
                    Transform::from_xyz(0.0, 0.0, LAYER_Z[layer]),
                ));
                mesh
            });
            let dots = DotCanvas::new(&mut images, 64);
            commands.spawn((
                Sprite { image: dots.image.clone(), custom_size: Some(Vec2::splat(2.0 * HALF)), ..default() },
                MapDots { side },
                MapLayer { side },
                Transform::from_xyz(0.0, 0.0, DOTS_Z),
            ));
            MapSide {
                generation: u32::MAX,
                week: u32::MAX,
                firm: 0,
                layout: layout_for(&live.a),
                customers: Default::default(),
                reps: Vec::new(),
                layers: Default::default(),
                meshes: handles,
                dots,
                offset: Vec2::ZERO,
                drawn_reps: Vec::new(),
                drawn_specialists: Vec::new(),
                drawn_customers: Vec::new(),
            }
        })
        .collect();
    commands.insert_resource(MapState { sides, twin: false, label_px: 0.0 });
}

/// Labels sit above an area, or below it for the areas at the top edge.
fn label_y(region: &super::layout::Region) -> f32 {
    if region.center.y > 0.0 { region.center.y - region.radius - 16.0 } else { region.center.y + region.radius + 14.0 }
}

fn label_text(label: Label, snap: &Snapshot, firms: Option<&FirmsOnMap>) -> String {
    if let Some(f) = firms {
        match label {
            Label::Firm => return f.shown_label(),
            Label::Competitor(id) => {
                if let Some(text) = f.label(id as usize) {
                    return text;
                }
            }
            _ => {}
        }
    }
    match label {
        Label::Firm => String::new(),
        Label::House => "House accounts".into(),
        Label::Lost => "Lost elsewhere".into(),
        Label::Market => "New customers".into(),
        Label::Competitor(id) => match snap.competitors.get(id as usize) {
            // Two short lines rather than one long one, so labels at the edge stay on the map.
            Some(c) if c.entered => {
                let reps = if c.reps_poached == 1 { "rep" } else { "reps" };
                format!("{}\n{} {reps}, {} customers", c.name, c.reps_poached, c.customers_taken)
            }
            Some(c) => format!("{} (not in the market)", c.name),
            None => String::new(),
        },
    }
}

/// The map labels' font size in map units: larger in twin mode, where the map is drawn smaller.
fn label_font_size(twin: bool) -> f32 {
    if twin { 28.0 } else { 17.0 }
}

/// Respawn a side's labels for its layout (larger in twin mode, where the map is drawn smaller).
fn spawn_labels(
    commands: &mut Commands,
    side: usize,
    s: &MapSide,
    twin: bool,
    snap: &Snapshot,
    firms: Option<&FirmsOnMap>,
) {
    let l = &s.layout;
    let at = |r: &super::layout::Region| Vec2::new(r.center.x, label_y(r));
    let mut labels = vec![(Label::House, at(&l.house)), (Label::Lost, at(&l.lost)), (Label::Market, at(&l.market))];
    for (i, r) in l.competitors.iter().enumerate() {
        labels.push((Label::Competitor(i as u16), at(r)));
    }
    if firms.is_some() {
        labels.push((Label::Firm, Vec2::new(0.0, FIRM_LABEL_Y)));
    }
    for (label, pos) in labels {
        commands.spawn((
            MapLabel { side, label },
            Text2d::new(label_text(label, snap, firms)),
            TextFont::from_font_size(label_font_size(twin)),
            TextColor(Color::srgba(1.0, 1.0, 1.0, 0.85)),
            Transform::from_xyz(s.offset.x + pos.x, s.offset.y + pos.y, 10.0),
        ));
    }
}

/// Height of the shown firm's label: between its ring and the top of the map.
const FIRM_LABEL_Y: f32 = 465.0;

/// Start a side afresh after a restart, load or twin change.
fn reset_side(side: &mut MapSide, run: &LiveRun, generation: u32, offset: Vec2) {
    side.generation = generation;
    side.firm = run.shown;
    side.layout = layout_for(run);
    side.customers.clear();
    side.reps.clear();
    side.week = u32::MAX;
    side.offset = offset;
}

/// What `draw_map` needs to size and swap the dots images.
type DotsAccess<'w, 's> =
    (ResMut<'w, Assets<Image>>, Query<'w, 's, (&'static MapDots, &'static mut Sprite)>, Res<'w, MapRect>);

/// Follow the model(s): on a new generation lay the sides out again; on a new week re-target;
/// every frame move everything a step towards its target and rebuild the meshes.
#[allow(clippy::too_many_arguments)]
pub fn draw_map(
    time: Res<Time>,
    live: Res<LiveSim>,
    mut state: ResMut<MapState>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut commands: Commands,
    mut labels: Query<(Entity, &MapLabel, &mut Text2d, &mut TextFont)>,
    projector: Res<crate::live::ui::projector::Projector>,
    mut layers: Query<(&MapLayer, &mut Transform, &mut Visibility)>,
    (mut images, mut sprites, map_rect): DotsAccess,
) {
    let state = &mut *state;
    let world = state.world_size();
    let px_per_unit = (map_rect.0.width() / world.x).min(map_rect.0.height() / world.y);
    state.twin = live.b.is_some();
    let runs: Vec<&LiveRun> = live.runs().map(|(r, _)| r).collect();
    let dt = time.delta_secs().min(0.1);
    for (k, side) in state.sides.iter_mut().enumerate() {
        let run = runs.get(k).copied();
        if side.generation != live.generation || run.is_some_and(|r| r.shown != side.firm) {
            for (e, l, _, _) in &labels {
                if l.side == k {
                    commands.entity(e).despawn();
                }
            }
            if let Some(run) = run {
                reset_side(side, run, live.generation, side_offset(k, state.twin));
                let firms = FirmsOnMap::of(run);
                spawn_labels(&mut commands, k, side, state.twin, &run.shown().snapshot, firms.as_ref());
            }
            for (l, mut t, mut v) in &mut layers {
                if l.side == k {
                    t.translation.x = side.offset.x;
                    t.translation.y = side.offset.y;
                    *v = if run.is_some() { Visibility::Inherited } else { Visibility::Hidden };
                }
            }
            side.generation = live.generation;
        }
        let Some(run) = run else { continue };
        let snap = &run.shown().snapshot;
        let firms = FirmsOnMap::of(run);
        if side.week != snap.week {
            side.week = snap.week;
            side.layout.assign(&snap.seats);
            for (_, l, mut text, _) in &mut labels {
                if l.side == k {
                    text.0 = label_text(l.label, snap, firms.as_ref());
                }
            }
        }
        // On a projector the labels keep the body type's size on screen, whatever the map's scale.
        for (_, l, _, mut font) in &mut labels {
            let size =
                if projector.0 { projector.sizes().body / px_per_unit.max(1e-6) } else { label_font_size(state.twin) };
            if l.side == k && font.font_size != FontSize::Px(size) {
                font.font_size = FontSize::Px(size);
            }
        }
        state.label_px = label_font_size(state.twin) * px_per_unit;
        if projector.0 {
            state.label_px = projector.sizes().body;
        }
        let wanted = DotCanvas::side_for(px_per_unit);
        if wanted.abs_diff(side.dots.side) * 50 > side.dots.side {
            side.dots = DotCanvas::new(&mut images, wanted);
            for (d, mut sprite) in &mut sprites {
                if d.side == k {
                    sprite.image = side.dots.image.clone();
                }
            }
        }
        paint_side(side, snap, firms.as_ref(), dt, &mut meshes);
        side.dots.upload(&mut images);
    }
}

/// Move and paint one side into its meshes.
fn paint_side(side: &mut MapSide, snap: &Snapshot, firms: Option<&FirmsOnMap>, dt: f32, meshes: &mut Assets<Mesh>) {
    for l in &mut side.layers {
        l.clear();
        // One invisible triangle so no layer is ever empty.
        l.dot(Vec2::ZERO, 0.0, [0, 0, 0, 0]);
    }
    side.dots.clear();
    paint::draw_areas(side, snap, firms);
    let rep_targets = paint::move_reps(side, snap, dt);
    paint::draw_customers(side, snap, &rep_targets, dt);
    for (i, l) in side.layers.iter().enumerate() {
        if let Some(mut mesh) = meshes.get_mut(&side.meshes[i]) {
            mesh.insert_attribute(Mesh::ATTRIBUTE_POSITION, l.positions.clone());
            mesh.insert_attribute(Mesh::ATTRIBUTE_COLOR, l.colors.clone());
            mesh.insert_indices(Indices::U32(l.indices.clone()));
        }
    }
}
