//! What the scene draws, read from the model world after each tick: every customer's place and
//! loyalty, every rep's book and status, the specialists and the competitors.

use crate::sim::components::*;
use crate::sim::resources::{Books, Clock};
use bevy::prelude::*;

/// Loyalty below this, to both the rep and the company, counts as weak (the customer is at risk).
pub const WEAK_LOYALTY: f64 = 0.3;
/// Lost customers stay on the map this many weeks, in the region they went to.
pub const LOST_VISIBLE_WEEKS: u32 = 104;

/// Where a customer's loyalty lies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loyalty {
    Rep,
    Company,
    /// Weak to both: at risk.
    Weak,
}

impl Loyalty {
    pub fn of(loyalty_rep: f64, loyalty_company: f64) -> Self {
        if loyalty_rep.max(loyalty_company) < WEAK_LOYALTY {
            Loyalty::Weak
        } else if loyalty_rep >= loyalty_company {
            Loyalty::Rep
        } else {
            Loyalty::Company
        }
    }
}

/// Where a customer is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// In its owner rep's book.
    Rep(u32),
    /// Company-owned or without an owner: the house area.
    House,
    /// Taken by a competitor (lost to it, or followed a rep there).
    Competitor(u16),
    /// Lost for another reason (dissatisfied, or left with a rep for another firm).
    LostElsewhere,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CustomerView {
    pub id: u32,
    pub place: Place,
    pub active: bool,
    pub loyalty: Loyalty,
    pub loyalty_rep: f64,
    pub loyalty_company: f64,
    pub satisfaction: f64,
    pub revenue_annual: f64,
    pub technical: Option<u32>,
    pub service: Option<u32>,
    pub won_week: i32,
    /// Week lost and why, for a lost customer.
    pub lost: Option<(u32, LossCause)>,
}

/// A rep's situation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RepPlace {
    Active,
    /// Serving notice before leaving.
    Withdrawing,
    /// Working for a competitor now.
    Poached(u16),
}

#[derive(Clone, Debug, PartialEq)]
pub struct RepView {
    pub id: u32,
    pub place: RepPlace,
    pub tenure_weeks: f64,
    pub accounts: u32,
    pub revenue_annual: f64,
    pub expected_pay: f64,
    pub skill: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SpecialistView {
    pub id: u32,
    pub kind: SpecialistKind,
    pub assigned: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CompetitorView {
    pub id: u16,
    pub name: String,
    pub entered: bool,
    pub reps_poached: u32,
    pub customers_taken: u32,
}

/// The drawable state of the model at the end of a week. Vectors are sorted by id.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// Weeks simulated.
    pub week: u32,
    pub customers: Vec<CustomerView>,
    /// Employed reps, and reps a competitor took.
    pub reps: Vec<RepView>,
    pub specialists: Vec<SpecialistView>,
    pub competitors: Vec<CompetitorView>,
}

fn lost_place(cause: LossCause) -> Option<Place> {
    match cause {
        LossCause::Competitor(c) | LossCause::FollowedRep { competitor: Some(c), .. } => Some(Place::Competitor(c)),
        LossCause::Dissatisfied
        | LossCause::FollowedRep { competitor: None, .. }
        | LossCause::LeftOnDeparture { .. } => Some(Place::LostElsewhere),
        LossCause::ProspectWonByCompetitor(_) => None,
    }
}

impl Snapshot {
    /// Read the world (needs `&mut` only to build queries; changes nothing).
    pub fn extract(world: &mut World) -> Snapshot {
        let week = world.resource::<Clock>().week;
        let mut s = Snapshot { week, ..Default::default() };
        let mut q = world.query::<(&Customer, &Bonds, &Ledger)>();
        for (c, b, l) in q.iter(world) {
            let (place, lost) = match c.stage {
                Stage::Prospect => continue,
                Stage::Active => (
                    match b.owner {
                        Some(r) if !b.company_owned => Place::Rep(r),
                        _ => Place::House,
                    },
                    None,
                ),
                Stage::Lost { week: lost_week, cause } => {
                    if week.saturating_sub(lost_week) > LOST_VISIBLE_WEEKS {
                        continue;
                    }
                    match lost_place(cause) {
                        Some(p) => (p, Some((lost_week, cause))),
                        None => continue,
                    }
                }
            };
            s.customers.push(CustomerView {
                id: c.id,
                place,
                active: lost.is_none(),
                loyalty: Loyalty::of(b.loyalty_rep, b.loyalty_company),
                loyalty_rep: b.loyalty_rep,
                loyalty_company: b.loyalty_company,
                satisfaction: b.satisfaction,
                revenue_annual: l.revenue_week * 52.0,
                technical: b.technical,
                service: b.service,
                won_week: b.won_week,
                lost,
            });
        }
        s.customers.sort_by_key(|c| c.id);
        let books: Vec<(u32, f64)> =
            world.resource::<Books>().0.iter().map(|b| (b.accounts, b.revenue_annual)).collect();
        let mut reps = Vec::new();
        let mut q = world.query::<(&Rep, &PayState)>();
        for (r, pay) in q.iter(world) {
            let place = match r.status {
                RepStatus::Active => RepPlace::Active,
                RepStatus::Withdrawing { .. } => RepPlace::Withdrawing,
                RepStatus::Departed { reason: LeaveReason::Poached { competitor }, .. } => {
                    RepPlace::Poached(competitor)
                }
                RepStatus::Departed { .. } => continue,
            };
            let book = books.get(r.id as usize).filter(|_| r.is_employed());
            reps.push(RepView {
                id: r.id,
                place,
                tenure_weeks: r.tenure_weeks(week),
                accounts: book.map_or(0, |b| b.0),
                revenue_annual: book.map_or(0.0, |b| b.1),
                expected_pay: pay.expected_pay,
                skill: r.skill,
            });
        }
        reps.sort_by_key(|r| r.id);
        s.reps = reps;
        let mut q = world.query::<&Specialist>();
        s.specialists = q
            .iter(world)
            .filter(|x| x.active)
            .map(|x| SpecialistView { id: x.id, kind: x.kind, assigned: x.assigned })
            .collect();
        s.specialists.sort_by_key(|x| x.id);
        let mut q = world.query::<&Competitor>();
        s.competitors = q
            .iter(world)
            .map(|c| CompetitorView {
                id: c.id,
                name: c.name.clone(),
                entered: c.entered,
                reps_poached: c.reps_poached,
                customers_taken: c.customers_taken,
            })
            .collect();
        s.competitors.sort_by_key(|c| c.id);
        s
    }

    pub fn rep(&self, id: u32) -> Option<&RepView> {
        self.reps.binary_search_by_key(&id, |r| r.id).ok().map(|i| &self.reps[i])
    }
}
