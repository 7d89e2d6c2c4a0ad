//! Where things sit on the relationship map, in world units (the map spans ±500 both ways): the
//! house area in the middle, seats (territories) in slots on a ring around it, each with its rep
//! and its book about it (or, while vacant, the accounts held for its next rep), and at the
//! corners the new-customer entry, the competitors and the area for customers lost elsewhere.

use super::snapshot::{CustomerView, Place, RepPlace, RepView, SeatView};
use crate::rng::mix64;
use bevy::math::Vec2;
use std::collections::{BTreeMap, BTreeSet};

/// Half the side of the map.
pub const HALF: f32 = 500.0;
const RING_INNER: f32 = 180.0;
const RING_OUTER: f32 = 370.0;
const GOLDEN_ANGLE: f32 = 2.399_963;

/// A round area of the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    pub center: Vec2,
    pub radius: f32,
}

/// A uniform point in a disc (or in the ring from `inner` to 1 of it), fixed by `key`.
pub fn disc_point(key: u64, radius: f32, inner: f32) -> Vec2 {
    let h = mix64(key ^ 0x1a7e_55ed);
    let u = (h >> 40) as f32 / (1u64 << 24) as f32;
    let v = ((h >> 16) & 0xff_ffff) as f32 / (1u64 << 24) as f32;
    let r = (inner * inner + u * (1.0 - inner * inner)).sqrt() * radius;
    let a = v * std::f32::consts::TAU;
    Vec2::new(r * a.cos(), r * a.sin())
}

/// The map's geometry and which slot each seat has (and who holds the seat).
#[derive(Clone, Debug)]
pub struct Layout {
    slots: Vec<Vec2>,
    /// Radius of the disc a rep's book is drawn in.
    pub slot_radius: f32,
    /// By seat id: its slot and the rep holding it.
    seat_slot: BTreeMap<u32, (usize, Option<u32>)>,
    pub house: Region,
    pub lost: Region,
    pub market: Region,
    pub competitors: Vec<Region>,
}

impl Layout {
    /// A layout with room for `reps` reps and `competitors` competitors.
    pub fn new(reps: usize, competitors: usize) -> Self {
        let mut l = Layout {
            slots: Vec::new(),
            slot_radius: 0.0,
            seat_slot: BTreeMap::new(),
            house: Region { center: Vec2::ZERO, radius: 110.0 },
            lost: Region { center: Vec2::new(-390.0, -390.0), radius: 100.0 },
            market: Region { center: Vec2::new(-390.0, 390.0), radius: 70.0 },
            competitors: Vec::new(),
        };
        l.make_slots(reps);
        l.competitors = (0..competitors)
            .map(|i| {
                if competitors <= 2 {
                    Region { center: Vec2::new(390.0, if i == 0 { 390.0 } else { -390.0 }), radius: 100.0 }
                } else {
                    let step = 820.0 / (competitors - 1) as f32;
                    Region { center: Vec2::new(440.0, 410.0 - step * i as f32), radius: (step * 0.45).min(100.0) }
                }
            })
            .collect();
        l
    }

    /// `n` slots spread evenly over the ring (a sunflower pattern), each with a disc for its book.
    fn make_slots(&mut self, n: usize) {
        let n = n.max(8);
        let (a, b) = (RING_INNER * RING_INNER, RING_OUTER * RING_OUTER);
        self.slots = (0..n)
            .map(|k| {
                let r = (a + (k as f32 + 0.5) / n as f32 * (b - a)).sqrt();
                let t = k as f32 * GOLDEN_ANGLE;
                Vec2::new(r * t.cos(), r * t.sin())
            })
            .collect();
        let area = std::f32::consts::PI * (b - a) / n as f32;
        self.slot_radius = (0.5 * area.sqrt()).min(55.0);
    }

    /// Keep each seat in its slot (so a replacement sits where its predecessor sat); give new
    /// seats the lowest free slots (more slots if full).
    pub fn assign(&mut self, seats: &[SeatView]) {
        let holders: BTreeMap<u32, Option<u32>> = seats.iter().map(|s| (s.id, s.rep)).collect();
        self.seat_slot.retain(|id, _| holders.contains_key(id));
        let new: Vec<u32> = holders.keys().copied().filter(|id| !self.seat_slot.contains_key(id)).collect();
        if self.seat_slot.len() + new.len() > self.slots.len() {
            self.make_slots((holders.len() as f32 * 1.2).ceil() as usize);
            self.seat_slot.clear();
        }
        let taken: BTreeSet<usize> = self.seat_slot.values().map(|v| v.0).collect();
        let mut free = (0..self.slots.len()).filter(|s| !taken.contains(s));
        for (id, rep) in holders {
            match self.seat_slot.get_mut(&id) {
                Some(v) => v.1 = rep,
                None => {
                    if let Some(s) = free.next() {
                        self.seat_slot.insert(id, (s, rep));
                    }
                }
            }
        }
    }

    /// Centre of a seat's slot, if it has one.
    pub fn seat_position(&self, seat: u32) -> Option<Vec2> {
        self.seat_slot.get(&seat).map(|&(s, _)| self.slots[s])
    }

    /// Whether a seat is vacant (no rep holds it).
    pub fn vacant(&self, seat: u32) -> bool {
        self.seat_slot.get(&seat).is_some_and(|v| v.1.is_none())
    }

    fn competitor(&self, id: u16) -> &Region {
        self.competitors.get(id as usize).unwrap_or(&self.lost)
    }

    /// Centre of a rep's node.
    pub fn rep_position(&self, rep: &RepView) -> Vec2 {
        match rep.place {
            RepPlace::Poached(c) => {
                let r = self.competitor(c);
                r.center + disc_point(rep.id as u64 ^ 0x9e9, r.radius * 0.55, 0.0)
            }
            _ => match self.seat_slot.get(&rep.seat) {
                Some(&(s, holder)) if holder == Some(rep.id) => self.slots[s],
                // A rep serving notice on a seat its replacement already holds stands beside it.
                Some(&(s, _)) => self.slots[s] + disc_point(rep.id as u64, self.slot_radius * 0.5, 0.6),
                None => self.house.center,
            },
        }
    }

    /// Where a customer's dot belongs.
    pub fn customer_position(&self, c: &CustomerView, reps: &BTreeMap<u32, Vec2>) -> Vec2 {
        let key = c.id as u64;
        match c.place {
            Place::Rep(r) => match reps.get(&r) {
                Some(&at) => at + disc_point(key, self.slot_radius, 0.35),
                None => self.house.center + disc_point(key, self.house.radius, 0.0),
            },
            Place::Seat(seat) => match self.seat_position(seat) {
                Some(at) => at + disc_point(key, self.slot_radius, 0.35),
                None => self.house.center + disc_point(key, self.house.radius, 0.0),
            },
            Place::House => self.house.center + disc_point(key, self.house.radius, 0.0),
            Place::Competitor(id) => {
                let r = self.competitor(id);
                r.center + disc_point(key, r.radius * 0.95, 0.3)
            }
            Place::LostElsewhere => self.lost.center + disc_point(key, self.lost.radius * 0.95, 0.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rep(id: u32, seat: u32, place: RepPlace) -> RepView {
        RepView {
            id,
            seat,
            place,
            tenure_weeks: 10.0,
            accounts: 5,
            revenue_annual: 1.0,
            skill: 1.0,
            expected_pay: 1.0,
            variable_this_year: 0.0,
            period_quota: 0.0,
            period_credit: 0.0,
            quota_chance: 1.0,
            stance: Default::default(),
            attainment: 1.0,
            on_notice: false,
        }
    }

    fn seats(reps: &[RepView]) -> Vec<SeatView> {
        let mut out: Vec<SeatView> = Vec::new();
        for r in reps.iter().filter(|r| !matches!(r.place, RepPlace::Poached(_))) {
            out.retain(|s| s.id != r.seat);
            out.push(SeatView { id: r.seat, rep: Some(r.id), held: 0 });
        }
        out
    }

    #[test]
    fn reps_keep_their_slots_and_a_replacement_takes_its_predecessors_seat() {
        let mut l = Layout::new(10, 1);
        let reps: Vec<_> = (0..10).map(|i| rep(i, i, RepPlace::Active)).collect();
        l.assign(&seats(&reps));
        let before: Vec<_> = reps.iter().map(|r| l.rep_position(r)).collect();
        let mut next = reps.clone();
        next[3].place = RepPlace::Poached(0);
        let mut vacant = seats(&next);
        vacant.push(SeatView { id: 3, rep: None, held: 4 });
        l.assign(&vacant);
        assert!(l.vacant(3) && l.seat_position(3) == Some(before[3]), "the vacant seat keeps its slot");
        next.push(rep(10, 3, RepPlace::Active));
        l.assign(&seats(&next));
        for i in [0usize, 1, 2, 4, 9] {
            assert_eq!(l.rep_position(&next[i]), before[i], "rep {i} moved");
        }
        assert_eq!(l.rep_position(&next[10]), before[3], "the new hire sits where the poached rep sat");
        assert!(l.rep_position(&next[3]).distance(l.competitors[0].center) < l.competitors[0].radius);
    }

    #[test]
    fn rep_slots_do_not_overlap_the_corner_regions() {
        let l = Layout::new(200, 2);
        for s in &l.slots {
            for r in l.competitors.iter().chain([&l.lost, &l.market]) {
                assert!(s.distance(r.center) > r.radius + l.slot_radius, "slot {s} overlaps a corner region");
            }
            assert!(s.length() > l.house.radius + l.slot_radius * 0.5);
        }
    }
}
