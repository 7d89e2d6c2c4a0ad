//! Hovering the map: the rep, specialist or customer under the pointer and its key numbers (an
//! account's bonds, money and who serves it; a rep's book, quota, performance and pay).

use super::host::LiveSim;
use super::map::{MapCamera, MapSide, MapState};
use super::snapshot::{CustomerView, Loyalty, Place, RepPlace, RepView, Snapshot, WEEKS_PER_YEAR};
use crate::sim::components::{LeaveReason, LossCause, QuotaStance, SpecialistKind};
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

fn percent(v: f64) -> String {
    format!("{:.0}%", v * 100.0)
}

fn rep_status(snap: &Snapshot, r: &RepView) -> String {
    match r.place {
        RepPlace::Active if r.on_notice => "on notice for performance".to_string(),
        RepPlace::Active => "working".to_string(),
        RepPlace::Withdrawing(LeaveReason::Quit { .. }) => "serving notice: quitting".to_string(),
        RepPlace::Withdrawing(LeaveReason::Poached { competitor: c }) => {
            format!("serving notice: leaving for {}", competitor(snap, c))
        }
        RepPlace::Withdrawing(LeaveReason::ManagedOut { .. }) => "serving notice: let go".to_string(),
        RepPlace::Poached(c) => format!("poached by {}", competitor(snap, c)),
    }
}

/// How the rep stands to the quota of the period in progress.
fn quota_line(r: &RepView) -> String {
    if r.period_quota <= 0.0 {
        return "no quota this period".to_string();
    }
    let stance = match r.stance {
        QuotaStance::Normal => "",
        QuotaStance::Pushing => ", pushing",
        QuotaStance::Coasting => ", coasting",
        QuotaStance::GaveUp => ", gave up",
    };
    format!(
        "quota {}: {} credited ({}), {} chance{stance}",
        money(r.period_quota),
        money(r.period_credit),
        percent(r.period_credit / r.period_quota),
        percent(r.quota_chance)
    )
}

fn rep_card(snap: &Snapshot, id: u32) -> Option<(String, Vec<String>)> {
    let r = snap.rep(id)?;
    let mut lines = vec![format!(
        "seat {}, tenure {:.1} years, skill {:.2}",
        r.seat,
        r.tenure_weeks / WEEKS_PER_YEAR as f64,
        r.skill
    )];
    if !matches!(r.place, RepPlace::Poached(_)) {
        lines.push(format!("{} accounts, book {} a year", r.accounts, money(r.revenue_annual)));
        lines.push(quota_line(r));
        lines.push(format!("attainment {} over the review window", percent(r.attainment)));
    }
    lines.push(format!(
        "expected pay {} a year, variable {} this year",
        money(r.expected_pay),
        money(r.variable_this_year)
    ));
    Some((format!("Rep {id}: {}", rep_status(snap, r)), lines))
}

fn loss_reason(snap: &Snapshot, cause: LossCause) -> String {
    match cause {
        LossCause::Dissatisfied => "left dissatisfied".to_string(),
        LossCause::Competitor(k) => format!("taken by {}", competitor(snap, k)),
        LossCause::FollowedRep { rep, competitor: Some(k) } => format!("followed rep {rep} to {}", competitor(snap, k)),
        LossCause::FollowedRep { rep, competitor: None } => format!("followed rep {rep} to another firm"),
        LossCause::LeftOnDeparture { rep } => format!("left when rep {rep} departed"),
    }
}

/// Who serves an active account.
fn owner_line(c: &CustomerView) -> String {
    let specialists = match (c.technical, c.service) {
        (Some(t), Some(s)) => format!(", technical {t}, service {s}"),
        (Some(t), None) => format!(", technical {t}"),
        (None, Some(s)) => format!(", service {s}"),
        (None, None) => String::new(),
    };
    let who = match (c.owner, c.company_owned, c.place) {
        (Some(r), false, _) => format!("rep {r}'s account"),
        (Some(r), true, _) => format!("house account managed by rep {r}"),
        (None, _, Place::Seat(seat)) => format!("held on vacant seat {seat} for its next rep"),
        (None, ..) => "house account without a rep".to_string(),
    };
    format!("{who}{specialists}")
}

fn customer_card(snap: &Snapshot, id: u32) -> Option<(String, Vec<String>)> {
    let i = snap.customers.binary_search_by_key(&id, |c| c.id).ok()?;
    let c = &snap.customers[i];
    if let Some((week, cause)) = c.lost {
        let last = c.owner.map_or("no rep".to_string(), |r| format!("last with rep {r}"));
        let lines = vec![
            format!("at the end: loyalty to rep {:.2}, to company {:.2}", c.loyalty_rep, c.loyalty_company),
            format!("{last}, {} that year, satisfaction {:.2}", money(c.revenue_year), c.satisfaction),
        ];
        return Some((format!("Customer {id}: lost in week {week}, {}", loss_reason(snap, cause)), lines));
    }
    let loyalty = match c.loyalty {
        Loyalty::Rep => "loyal to its rep",
        Loyalty::Company => "loyal to the company",
        Loyalty::Weak => "at risk (weak loyalty)",
    };
    let mut lines = vec![
        format!(
            "loyalty to rep {:.2}, specialists {:.2}, company {:.2}",
            c.loyalty_rep, c.loyalty_specialist, c.loyalty_company
        ),
        owner_line(c),
        format!(
            "{} a year, {} of wallet, satisfaction {:.2}, covered {} of need",
            money(c.revenue_annual),
            percent(c.wallet_share),
            c.satisfaction,
            percent(c.coverage)
        ),
    ];
    if c.complex && c.technical.is_none() {
        lines.push("complex needs, no technical specialist".to_string());
    }
    if let Some((due, value)) = c.deal {
        lines.push(format!("deal open, due week {due}, worth {} a year", money(value)));
    }
    Some((format!("Customer {id}: {loyalty}"), lines))
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
    map_rect: Res<super::map::MapRect>,
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
            hovered.card = card(&run.shown().snapshot, pick).map(|(title, lines)| match (map.twin, tag) {
                (false, _) => (title, lines),
                (true, "") => (format!("A · {title}"), lines),
                (true, _) => (format!("B · {title}"), lines),
            });
            return;
        }
    }
}
