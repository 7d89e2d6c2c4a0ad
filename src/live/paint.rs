//! Painting one side of the relationship map into its four layers: the areas, the reps and
//! specialists moving to their places, and every customer's dot streaming after its rep, its
//! new competitor or into the house.

use super::firm_map::FirmsOnMap;
use super::layout::disc_point;
use super::map::{AREAS, LINKS, MapSide, PEOPLE};
use super::palette::{self, Rgba};
use super::snapshot::{Loyalty, Place, RepPlace, Snapshot};
use bevy::prelude::*;
use std::collections::BTreeMap;

/// A vacant seat's ring, as a share of the slot's radius.
const VACANT_RING: f32 = 0.3;

/// The house, lost, new-customer and competitor areas, and the vacant seats; an industry's rival
/// firms among the competitors are drawn by `firm_map.rs` instead.
pub fn draw_areas(side: &mut MapSide, snap: &Snapshot, firms: Option<&FirmsOnMap>) {
    let l = &side.layout;
    let areas = &mut side.layers[AREAS];
    areas.disc(l.house.center, l.house.radius, palette::HOUSE_AREA);
    areas.disc(l.lost.center, l.lost.radius, palette::LOST_AREA);
    areas.disc(l.market.center, l.market.radius, palette::MARKET_AREA);
    for seat in snap.seats.iter().filter(|s| l.vacant(s.id)) {
        if let Some(at) = l.seat_position(seat.id) {
            areas.ring(at, l.slot_radius * VACANT_RING, 1.5, palette::VACANT_SEAT);
        }
    }
    for (i, r) in l.competitors.iter().enumerate().filter(|(i, _)| !firms.is_some_and(|f| f.is_firm(*i))) {
        let entered = snap.competitors.get(i).is_some_and(|c| c.entered);
        let colour = if entered { palette::COMPETITOR_AREA } else { palette::COMPETITOR_WAITING };
        areas.disc(r.center, r.radius, colour);
        areas.ring(r.center, r.radius, 2.0, colour);
    }
    if let Some(f) = firms {
        f.draw(l, &mut side.layers);
    }
}

/// Exponential approach to `target`, at a per-agent pace so that followers stream rather than jump.
fn approach(pos: &mut Option<Vec2>, start: Vec2, target: Vec2, pace: f32, dt: f32) -> Vec2 {
    let p = pos.get_or_insert(start);
    *p += (target - *p) * (1.0 - (-dt * pace).exp());
    *p
}

fn pace(id: u32, salt: u64) -> f32 {
    1.5 + 3.0 * (crate::rng::mix64(id as u64 ^ salt) >> 40) as f32 / (1u64 << 24) as f32
}

fn slot<T: Default + Clone>(v: &mut Vec<T>, id: u32) -> &mut T {
    if v.len() <= id as usize {
        v.resize(id as usize + 1, T::default());
    }
    &mut v[id as usize]
}

/// Move rep nodes and specialists; returns where each rep's book is drawn (its target).
pub fn move_reps(side: &mut MapSide, snap: &Snapshot, dt: f32) -> BTreeMap<u32, Vec2> {
    side.drawn_reps.clear();
    side.drawn_specialists.clear();
    let working: Vec<_> = snap.reps.iter().filter(|r| !matches!(r.place, RepPlace::Poached(_))).collect();
    let mean = working.iter().map(|r| r.revenue_annual).sum::<f64>() / working.len().max(1) as f64;
    let scale = side.layout.slot_radius / 40.0;
    let mut targets = BTreeMap::new();
    for r in &snap.reps {
        let target = side.layout.rep_position(r);
        targets.insert(r.id, target);
        let start = side.layout.market.center;
        let pos = approach(slot(&mut side.reps, r.id), start, target, 2.5, dt);
        let size = if mean > 0.0 { (r.revenue_annual / mean).sqrt() as f32 } else { 1.0 };
        let radius = ((4.0 + 8.0 * size) * scale).clamp(3.0, 22.0);
        let colour: Rgba = match r.place {
            RepPlace::Active => palette::rep_by_tenure(r.tenure_weeks),
            RepPlace::Withdrawing(_) => palette::REP_LEAVING,
            RepPlace::Poached(_) => palette::REP_POACHED,
        };
        let people = &mut side.layers[PEOPLE];
        people.disc(pos, radius + 1.5, palette::BACKGROUND);
        people.disc(pos, radius, colour);
        side.drawn_reps.push((r.id, pos, radius));
    }
    let n = snap.specialists.len().max(1) as f32;
    let house = &side.layout.house;
    for (k, s) in snap.specialists.iter().enumerate() {
        let a = k as f32 / n * std::f32::consts::TAU;
        let pos = house.center + house.radius * 0.8 * Vec2::new(a.cos(), a.sin());
        side.layers[PEOPLE].diamond(pos, 7.0 * scale.max(0.6), palette::SPECIALIST);
        side.drawn_specialists.push((s.id, pos));
    }
    targets
}

fn customer_colour(c: &super::snapshot::CustomerView) -> Rgba {
    if !c.active {
        return palette::LOST;
    }
    match c.loyalty {
        Loyalty::Rep => palette::LOYAL_TO_REP,
        Loyalty::Company => palette::LOYAL_TO_COMPANY,
        Loyalty::Weak => palette::AT_RISK,
    }
}

/// Every customer's dot, moving towards its place; links to its specialists.
pub fn draw_customers(side: &mut MapSide, snap: &Snapshot, reps: &BTreeMap<u32, Vec2>, dt: f32) {
    side.drawn_customers.clear();
    let half = (side.layout.slot_radius / 40.0 * 2.2).clamp(1.4, 2.6);
    let specialists: BTreeMap<u32, Vec2> = side.drawn_specialists.iter().copied().collect();
    let market = side.layout.market.center;
    // Lost customers first, so active ones are drawn on top.
    for pass_active in [false, true] {
        for c in snap.customers.iter().filter(|c| c.active == pass_active) {
            let target = side.layout.customer_position(c, reps);
            let start = if c.won_week > 0 { market + disc_point(c.id as u64, 40.0, 0.0) } else { target };
            let mut at = side.customers.get(&c.id).copied();
            let pos = approach(&mut at, start, target, pace(c.id, 7), dt);
            side.customers.insert(c.id, pos);
            side.dots.dot(pos, half, customer_colour(c));
            side.drawn_customers.push((c.id, pos));
            if c.active && matches!(c.place, Place::Rep(_) | Place::House | Place::Seat(_)) {
                for s in [c.technical, c.service].into_iter().flatten() {
                    if let Some(&at) = specialists.get(&s) {
                        side.layers[LINKS].line(at, pos, 0.8, palette::SPECIALIST_LINK);
                    }
                }
            }
        }
    }
}
