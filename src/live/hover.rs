//! Hovering the map: the rep, specialist or customer under the pointer and its key numbers.

use super::host::LiveSim;
use super::scene::{MapCamera, MapSide, MapState};
use super::snapshot::{Loyalty, Place, RepPlace, Snapshot};
use crate::sim::components::{LossCause, SpecialistKind};
use bevy::prelude::*;
use bevy::window::PrimaryWindow;

/// What the pointer is over (side, pick) and its card: a title and a few lines of numbers.
#[derive(Resource, Default, Debug, Clone, PartialEq)]
pub struct Hovered {
    pub pick: Option<(usize, Pick)>,
    pub card: Option<(String, Vec<String>)>,
}

fn money(v: f64) -> String {
    if v.abs() >= 1e6 { format!("${:.2}M", v / 1e6) } else { format!("${:.0}k", v / 1e3) }
}

fn competitor(snap: &Snapshot, id: u16) -> String {
    snap.competitors.get(id as usize).map_or("a competitor".into(), |c| c.name.clone())
}

fn rep_card(snap: &Snapshot, id: u32) -> Option<(String, Vec<String>)> {
    let r = snap.rep(id)?;
    let status = match r.place {
        RepPlace::Active => "working".to_string(),
        RepPlace::Withdrawing => "serving notice".to_string(),
        RepPlace::Poached(c) => format!("poached by {}", competitor(snap, c)),
    };
    Some((
        format!("Rep {id}: {status}"),
        vec![
            format!("tenure {:.1} years, skill {:.2}", r.tenure_weeks / 52.0, r.skill),
            format!("{} accounts, book {} a year", r.accounts, money(r.revenue_annual)),
            format!("expected pay {} a year", money(r.expected_pay)),
        ],
    ))
}

fn customer_card(snap: &Snapshot, id: u32) -> Option<(String, Vec<String>)> {
    let i = snap.customers.binary_search_by_key(&id, |c| c.id).ok()?;
    let c = &snap.customers[i];
    let loyalty = match c.loyalty {
        Loyalty::Rep => "loyal to its rep",
        Loyalty::Company => "loyal to the company",
        Loyalty::Weak => "at risk (weak loyalty)",
    };
    let mut lines = vec![format!("loyalty to rep {:.2}, to company {:.2}", c.loyalty_rep, c.loyalty_company)];
    let title = match c.lost {
        Some((week, cause)) => {
            let why = match cause {
                LossCause::Dissatisfied => "left dissatisfied".to_string(),
                LossCause::Competitor(k) => format!("taken by {}", competitor(snap, k)),
                LossCause::FollowedRep { rep, competitor: Some(k) } => {
                    format!("followed rep {rep} to {}", competitor(snap, k))
                }
                LossCause::FollowedRep { rep, competitor: None } => format!("followed rep {rep} to another firm"),
                LossCause::LeftOnDeparture { rep } => format!("left when rep {rep} departed"),
                LossCause::ProspectWonByCompetitor(k) => format!("won by {} as a prospect", competitor(snap, k)),
            };
            format!("Customer {id}: lost in week {week}, {why}")
        }
        None => {
            let owner = match c.place {
                Place::Rep(r) => format!("rep {r}'s account"),
                _ => "house account".to_string(),
            };
            lines.push(format!("{owner}, {} a year, satisfaction {:.2}", money(c.revenue_annual), c.satisfaction));
            format!("Customer {id}: {loyalty}")
        }
    };
    Some((title, lines))
}

/// Something on the map: a rep, a specialist or a customer, by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    Rep(u32),
    Specialist(u32),
    Customer(u32),
}

/// What is under the pointer on one side's map (side coordinates).
fn pick_at(side: &MapSide, at: Vec2) -> Option<Pick> {
    if let Some(&(id, _, _)) = side.drawn_reps.iter().rev().find(|(_, p, r)| p.distance(at) <= r + 1.5) {
        return Some(Pick::Rep(id));
    }
    if let Some(&(id, _)) = side.drawn_specialists.iter().find(|(_, p)| p.distance(at) <= 8.0) {
        return Some(Pick::Specialist(id));
    }
    side.drawn_customers
        .iter()
        .map(|&(id, p)| (p.distance_squared(at), id))
        .filter(|(d, _)| *d <= 16.0)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| Pick::Customer(id))
}

/// The hover card of a pick.
pub fn card(snap: &Snapshot, pick: Pick) -> Option<(String, Vec<String>)> {
    match pick {
        Pick::Rep(id) => rep_card(snap, id),
        Pick::Customer(id) => customer_card(snap, id),
        Pick::Specialist(id) => snap.specialists.iter().find(|s| s.id == id).map(|s| {
            let kind = if s.kind == SpecialistKind::Technical { "Technical" } else { "Service" };
            (format!("{kind} specialist {id}"), vec![format!("serves {} accounts", s.assigned)])
        }),
    }
}

/// Find what is under the pointer (people first, then customers), on either side in twin mode.
pub fn find_hovered(
    window: Single<&Window, With<PrimaryWindow>>,
    camera: Single<(&Camera, &GlobalTransform), With<MapCamera>>,
    map_rect: Res<super::ui::MapRect>,
    map: Res<MapState>,
    live: Res<LiveSim>,
    mut hovered: ResMut<Hovered>,
) {
    let (camera, transform) = *camera;
    let inside = |p: Vec2| map_rect.0.contains(p);
    let at =
        window.cursor_position().filter(|p| inside(*p)).and_then(|p| camera.viewport_to_world_2d(transform, p).ok());
    *hovered = Hovered::default();
    let Some(at) = at else { return };
    for ((run, tag), (k, side)) in live.runs().zip(map.sides.iter().enumerate()) {
        if let Some(pick) = pick_at(side, at - side.offset) {
            hovered.pick = Some((k, pick));
            hovered.card = card(&run.snapshot, pick).map(|(title, lines)| match (map.twin, tag) {
                (false, _) => (title, lines),
                (true, "") => (format!("A · {title}"), lines),
                (true, _) => (format!("B · {title}"), lines),
            });
            return;
        }
    }
}
