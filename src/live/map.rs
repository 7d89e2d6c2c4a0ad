//! The map's state, shared by the scene that draws it (`scene.rs`, `paint.rs`), hovering
//! (`hover.rs`), the panels that frame it (`ui/`) and the inspector: where each side's dots and
//! nodes are, its meshes, and where on screen the map is. Below all of them, so each can read it.

use super::dots::DotCanvas;
use super::layout::{HALF, Layout};
use super::shapes::Shapes;
use bevy::prelude::*;

/// The camera that draws the map (the egui camera draws the panels over the whole window).
#[derive(Component)]
pub struct MapCamera;

/// Mesh layers of a side, in drawing order.
pub const LAYERS: usize = 3;
pub const AREAS: usize = 0;
pub const LINKS: usize = 1;
pub const PEOPLE: usize = 2;
/// World units between the two maps of twin mode.
pub const TWIN_GAP: f32 = 60.0;

/// Drawn state of one map: where every dot is now, and the meshes it is drawn into (in the
/// side's own coordinates; the side's meshes are moved by its offset).
pub struct MapSide {
    pub(crate) generation: u32,
    pub(crate) week: u32,
    /// The firm of an industry drawn (the shown one: picking another lays the side out afresh).
    pub(crate) firm: usize,
    pub layout: Layout,
    /// Current position of each customer's dot and rep's node, by id (customers in a map: the
    /// firms of an industry number their customers from 400 million up).
    pub customers: std::collections::HashMap<u32, Vec2>,
    pub reps: Vec<Option<Vec2>>,
    pub layers: [Shapes; LAYERS],
    pub(crate) meshes: [Handle<Mesh>; LAYERS],
    /// The customers' dots, rasterised into an image (sized to the map on screen).
    pub dots: DotCanvas,
    /// Where the side's centre is in the world.
    pub offset: Vec2,
    /// What was drawn this frame, for hovering (side coordinates): (id, position, radius).
    pub drawn_reps: Vec<(u32, Vec2, f32)>,
    pub drawn_specialists: Vec<(u32, Vec2)>,
    pub drawn_customers: Vec<(u32, Vec2)>,
}

/// Both sides (the second is empty outside twin mode).
#[derive(Resource)]
pub struct MapState {
    pub sides: Vec<MapSide>,
    /// Whether the twin is drawn.
    pub twin: bool,
    /// Height of the map's labels on screen, in logical pixels.
    pub label_px: f32,
}

impl MapState {
    /// The world rectangle the map spans: one square, or two side by side.
    pub fn world_size(&self) -> Vec2 {
        if self.twin { Vec2::new(4.0 * HALF + TWIN_GAP, 2.0 * HALF) } else { Vec2::splat(2.0 * HALF) }
    }
}

/// Where the map is drawn, in logical window pixels (between the panels).
#[derive(Resource, Default, Debug, Clone, Copy)]
pub struct MapRect(pub Rect);
