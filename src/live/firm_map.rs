//! An industry on the relationship map of its shown firm. The shown firm is drawn as one company
//! is (its reps, books and house), inside a ring in its colour; every rival firm is one of the
//! map's competitor areas, filled in its colour, holding a node per rep it employs now and the
//! customers the shown firm lost to it; the moves of the last weeks between any two firms are
//! arrows in the colour of the firm that gained, from the area of the one that lost.

use super::layout::{Layout, disc_point};
use super::map::{AREAS, PEOPLE};
use super::palette::{self, Rgba};
use super::rivalry::{RECENT_WEEKS, Route};
use super::shapes::Shapes;
use super::snapshot::RepPlace;
use super::world::LiveRun;
use bevy::math::Vec2;

/// Radius of the ring around the shown firm's territory (outside its seats, inside the corners).
const TERRITORY: f32 = 438.0;
/// Where the shown firm's end of an arrow is: just outside its house, so arrows cross its seats.
const ARROW_END: f32 = 150.0;
/// Rival reps drawn as nodes in a rival's area at most (more only fill it).
const MAX_NODES: u32 = 80;

/// One firm as the map shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct FirmOnMap {
    pub name: String,
    pub colour: Rgba,
    /// Its employed reps and active customers now.
    pub reps: u32,
    pub customers: u32,
}

/// What the map of an industry's shown firm needs of the others.
#[derive(Clone, Debug, PartialEq)]
pub struct FirmsOnMap {
    pub shown: usize,
    pub firms: Vec<FirmOnMap>,
    /// By the shown firm's competitor id: the firm it is, if a firm of the industry.
    pub rival_firm: Vec<Option<usize>>,
    /// The moves of the last weeks: (weeks ago, route, how many).
    pub recent: Vec<(u32, Route, u32)>,
    /// Everything moved between the shown firm and each other firm (either way), by firm.
    pub moved_with_shown: Vec<u32>,
}

impl FirmsOnMap {
    /// The firms of `run`, or `None` for one company.
    pub fn of(run: &LiveRun) -> Option<FirmsOnMap> {
        if !run.is_industry() {
            return None;
        }
        let firms = run
            .firms
            .iter()
            .enumerate()
            .map(|(i, f)| FirmOnMap {
                name: f.name.clone(),
                colour: palette::firm(i, 255),
                reps: f.snapshot.reps.iter().filter(|r| !matches!(r.place, RepPlace::Poached(_))).count() as u32,
                customers: f.snapshot.customers.iter().filter(|c| c.active).count() as u32,
            })
            .collect();
        let sim = run.sim();
        let rival_firm = (0..run.shown().snapshot.competitors.len())
            .map(|c| sim.firm_of_rival(c as u16).map(|f| f as usize))
            .collect();
        let week = run.week();
        let recent =
            run.rivalry.recent.iter().map(|&(w, route, n)| (week - 1 - w, route, n.iter().sum::<u32>())).collect();
        let shown = run.shown;
        let moved_with_shown =
            (0..run.firms.len()).map(|j| run.rivalry.between(shown as u16, j as u16).iter().sum()).collect();
        Some(FirmsOnMap { shown, firms, rival_firm, recent, moved_with_shown })
    }

    /// Whether competitor `c` of the shown firm is a firm of the industry.
    pub fn is_firm(&self, c: usize) -> bool {
        self.rival_firm.get(c).is_some_and(Option::is_some)
    }

    /// The label of competitor area `c`, if it is a firm.
    pub fn label(&self, c: usize) -> Option<String> {
        let j = (*self.rival_firm.get(c)?)?;
        let f = &self.firms[j];
        let shown = &self.firms[self.shown].name;
        let moved = self.moved_with_shown[j];
        Some(format!("{}: {} reps, {} customers\n{moved} moved from or to {shown}", f.name, f.reps, f.customers))
    }

    /// The label over the shown firm's territory.
    pub fn shown_label(&self) -> String {
        let f = &self.firms[self.shown];
        format!("{} (shown): {} reps, {} customers", f.name, f.reps, f.customers)
    }

    /// Where firm `j` is on the map, facing `towards`: a rival's area's centre, or the shown
    /// firm's ring.
    fn anchor(&self, l: &Layout, j: usize, towards: Vec2) -> Option<Vec2> {
        if j == self.shown {
            return Some(towards.normalize_or_zero() * ARROW_END);
        }
        let c = self.rival_firm.iter().position(|f| *f == Some(j))?;
        l.competitors.get(c).map(|r| r.center)
    }

    /// The ring, the rivals' areas and reps, and the arrows of recent moves.
    pub fn draw(&self, l: &Layout, layers: &mut [Shapes]) {
        layers[AREAS].ring(Vec2::ZERO, TERRITORY, 3.0, palette::firm(self.shown, 255));
        for (c, r) in l.competitors.iter().enumerate() {
            let Some(Some(j)) = self.rival_firm.get(c).copied() else { continue };
            let f = &self.firms[j];
            layers[AREAS].disc(r.center, r.radius, palette::firm(j, 55));
            layers[AREAS].ring(r.center, r.radius, 3.0, palette::firm(j, 200));
            for k in 0..f.reps.min(MAX_NODES) {
                let at = r.center + disc_point(k as u64 ^ 0xf1, r.radius * 0.8, 0.0);
                layers[PEOPLE].disc(at, 5.5, palette::BACKGROUND);
                layers[PEOPLE].disc(at, 4.0, f.colour);
            }
        }
        for &(ago, (from, to), n) in &self.recent {
            let centre_of = |j: usize| self.anchor(l, j, Vec2::ZERO).filter(|_| j != self.shown);
            let (from, to) = (from as usize, to as usize);
            // The shown firm's end faces the other firm's area.
            let other = centre_of(from).or(centre_of(to)).unwrap_or(Vec2::X);
            let (Some(a), Some(b)) = (self.anchor(l, from, other), self.anchor(l, to, other)) else { continue };
            let fade = 1.0 - ago as f32 / RECENT_WEEKS as f32;
            let colour = palette::firm(to, (60.0 + 195.0 * fade) as u8);
            arrow(&mut layers[PEOPLE], a, b, 2.0 + 1.5 * (n as f32).sqrt().min(6.0), colour);
        }
    }
}

/// An arrow from `a` to `b`, set off to its right so the two ways between two firms are apart.
fn arrow(s: &mut Shapes, a: Vec2, b: Vec2, width: f32, colour: Rgba) {
    let dir = (b - a).normalize_or_zero();
    let side = -dir.perp() * 10.0;
    let (a, b) = (a + side + dir * 30.0, b + side - dir * 30.0);
    s.line(a, b - dir * 14.0, width, colour);
    let n = dir.perp() * (width + 7.0);
    s.triangle([b, b - dir * 18.0 + n, b - dir * 18.0 - n], colour);
}
