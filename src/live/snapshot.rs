//! What the scene draws, read from the model world after each tick: every account's place,
//! bonds and money (active accounts from their components, recently lost ones from the archive),
//! every rep's book, pay, quota and performance, the seats, the specialists and the competitors.

use crate::sim::accounts::loss::{LostAccount, LostAccounts};
use crate::sim::components::*;
use crate::sim::resources::{Books, Clock, Staffing};
use bevy::platform::collections::HashMap;
use bevy::prelude::*;

/// Loyalty below this, to both the rep and the company, counts as weak (the customer is at risk).
pub const WEAK_LOYALTY: f64 = 0.3;
/// Lost customers stay on the map this many weeks, in the region they went to.
pub const LOST_VISIBLE_WEEKS: u32 = 104;
/// Weeks in the model's year (its panels and year ends run on 52-week years).
pub const WEEKS_PER_YEAR: u32 = 52;

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
    /// Company-owned, or without a rep and not held for one: the house area.
    House,
    /// Without a rep, held on this vacant seat for the rep to be hired into it.
    Seat(u32),
    /// Taken by a competitor (lost to it, or followed a rep there).
    Competitor(u16),
    /// Lost for another reason (dissatisfied, or left with a rep for another firm).
    LostElsewhere,
}

/// An account on the map: active (read from its `Account` and `AccountState`), or lost within
/// [`LOST_VISIBLE_WEEKS`] (read from the archive of lost accounts).
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerView {
    pub id: u32,
    pub place: Place,
    pub active: bool,
    pub loyalty: Loyalty,
    pub loyalty_rep: f64,
    /// Loyalty to its technical and service specialists (0 for a lost account: not archived).
    pub loyalty_specialist: f64,
    pub loyalty_company: f64,
    pub satisfaction: f64,
    pub wallet_share: f64,
    /// Coverage ratio this week (attention received over attention needed); for a lost account,
    /// its mean over the year it was lost.
    pub coverage: f64,
    /// Revenue run-rate, $/year (this week × 52; 0 once lost).
    pub revenue_annual: f64,
    /// Revenue booked this year (for a lost account: in the year it was lost), $.
    pub revenue_year: f64,
    /// The rep covering it (for a lost account: the last one).
    pub owner: Option<u32>,
    pub company_owned: bool,
    /// Without a rep, held on its seat for the rep to be hired into it.
    pub held: bool,
    pub complex: bool,
    pub icp: bool,
    pub technical: Option<u32>,
    pub service: Option<u32>,
    /// The expansion or renewal deal open on it: (week due, credited value $).
    pub deal: Option<(u32, f64)>,
    pub won_week: i32,
    /// Week lost and why, for a lost customer.
    pub lost: Option<(u32, LossCause)>,
}

/// A rep's situation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RepPlace {
    Active,
    /// Serving notice before leaving, for this reason (quitting, poached or let go).
    Withdrawing(LeaveReason),
    /// Working for a competitor now.
    Poached(u16),
}

/// A rep on the map: its book, pay, quota and how its manager rates it.
#[derive(Clone, Debug, PartialEq)]
pub struct RepView {
    pub id: u32,
    pub seat: u32,
    pub place: RepPlace,
    pub tenure_weeks: f64,
    pub accounts: u32,
    pub revenue_annual: f64,
    pub skill: f64,
    /// Expected annual pay, $/year, and variable pay earned so far this year, $.
    pub expected_pay: f64,
    pub variable_this_year: f64,
    /// The quota period in progress: its quota and the credit so far, $.
    pub period_quota: f64,
    pub period_credit: f64,
    /// Its own judgement of its chance of making that quota, and how it responds to it.
    pub quota_chance: f64,
    pub stance: QuotaStance,
    /// Attainment over the review window (credit over quota), and whether it is on notice.
    pub attainment: f64,
    pub on_notice: bool,
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

/// A seat (territory) still staffed or to be staffed: who holds it, and how many accounts are
/// held on it for its next rep.
#[derive(Clone, Debug, PartialEq)]
pub struct SeatView {
    pub id: u32,
    pub rep: Option<u32>,
    pub held: u32,
}

/// The drawable state of the model at the end of a week. Vectors are sorted by id.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// Weeks simulated.
    pub week: u32,
    pub customers: Vec<CustomerView>,
    /// Employed reps, and reps a competitor took.
    pub reps: Vec<RepView>,
    /// Seats not retired, by seat id.
    pub seats: Vec<SeatView>,
    pub specialists: Vec<SpecialistView>,
    pub competitors: Vec<CompetitorView>,
}

fn lost_place(cause: LossCause) -> Place {
    match cause {
        LossCause::Competitor(c) | LossCause::FollowedRep { competitor: Some(c), .. } => Place::Competitor(c),
        LossCause::Dissatisfied
        | LossCause::FollowedRep { competitor: None, .. }
        | LossCause::LeftOnDeparture { .. } => Place::LostElsewhere,
    }
}

/// The view of an active account (`seat`: the seat it is held on, if any).
fn active_view(a: &Account, st: &AccountState, seat: Option<u32>) -> CustomerView {
    let (loyalty_rep, loyalty_company) = (st.loyalty_rep as f64, st.loyalty_company as f64);
    CustomerView {
        id: a.id,
        place: match (a.owner, seat) {
            (Some(r), _) if !a.company_owned => Place::Rep(r),
            (None, Some(seat)) => Place::Seat(seat),
            _ => Place::House,
        },
        active: true,
        loyalty: Loyalty::of(loyalty_rep, loyalty_company),
        loyalty_rep,
        loyalty_specialist: st.loyalty_specialist as f64,
        loyalty_company,
        satisfaction: st.satisfaction as f64,
        wallet_share: st.wallet_share as f64,
        coverage: st.coverage as f64,
        revenue_annual: st.revenue_week * WEEKS_PER_YEAR as f64,
        revenue_year: st.revenue_year,
        owner: a.owner,
        company_owned: a.company_owned,
        held: a.held,
        complex: a.complex,
        icp: a.icp,
        technical: a.technical,
        service: a.service,
        deal: st.has_deal().then_some((st.deal_due, st.deal_value as f64)),
        won_week: a.won_week,
        lost: None,
    }
}

/// The view of a lost account (the archive keeps its final bonds and money). Its coverage is the
/// mean over the weeks of the year it was lost that it was a customer, as the yearly panel has it.
fn lost_view(l: &LostAccount) -> CustomerView {
    let year_start = l.week / WEEKS_PER_YEAR * WEEKS_PER_YEAR;
    let weeks_in_year = ((l.week - year_start + 1) as f64).min((l.week as i32 - l.won_week + 1).max(1) as f64);
    CustomerView {
        id: l.id,
        place: lost_place(l.cause),
        active: false,
        loyalty: Loyalty::of(l.loyalty_rep, l.loyalty_company),
        loyalty_rep: l.loyalty_rep,
        loyalty_specialist: 0.0,
        loyalty_company: l.loyalty_company,
        satisfaction: l.satisfaction,
        wallet_share: l.wallet_share,
        coverage: l.coverage_year / weeks_in_year,
        revenue_annual: 0.0,
        revenue_year: l.revenue_year,
        owner: l.last_owner,
        company_owned: l.company_owned,
        held: false,
        complex: l.complex,
        icp: l.icp,
        technical: None,
        service: None,
        deal: None,
        won_week: l.won_week,
        lost: Some((l.week, l.cause)),
    }
}

impl Snapshot {
    /// Read the world (needs `&mut` only to build queries; changes nothing).
    pub fn extract(world: &mut World) -> Snapshot {
        let week = world.resource::<Clock>().week;
        let mut s = Snapshot { week, ..Default::default() };
        let staffing = world.resource::<Staffing>();
        let mut held_on = HashMap::new();
        for (id, seat) in staffing.seats.iter().enumerate().filter(|(_, seat)| !seat.retired) {
            let id = id as u32;
            held_on.extend(seat.held.iter().map(|&e| (e, id)));
            s.seats.push(SeatView { id, rep: seat.rep, held: seat.held.len() as u32 });
        }
        let mut q = world.query::<(Entity, &Account, &AccountState)>();
        s.customers.extend(q.iter(world).map(|(e, a, st)| active_view(a, st, held_on.get(&e).copied())));
        let lost = world.resource::<LostAccounts>().since(week.saturating_sub(LOST_VISIBLE_WEEKS));
        s.customers.extend(lost.iter().map(lost_view));
        s.customers.sort_by_key(|c| c.id);
        let books: Vec<(u32, f64)> =
            world.resource::<Books>().0.iter().map(|b| (b.accounts, b.revenue_annual)).collect();
        let mut reps = Vec::new();
        let mut q = world.query::<(&Rep, &PayState, &Performance, &Workload)>();
        for (r, pay, perf, work) in q.iter(world) {
            let place = match r.status {
                RepStatus::Active => RepPlace::Active,
                RepStatus::Withdrawing { reason, .. } => RepPlace::Withdrawing(reason),
                RepStatus::Departed { reason: LeaveReason::Poached { competitor }, .. } => {
                    RepPlace::Poached(competitor)
                }
                RepStatus::Departed { .. } => continue,
            };
            let book = books.get(r.id as usize).filter(|_| r.is_employed());
            reps.push(RepView {
                id: r.id,
                seat: r.seat,
                place,
                tenure_weeks: r.tenure_weeks(week),
                accounts: book.map_or(0, |b| b.0),
                revenue_annual: book.map_or(0.0, |b| b.1),
                skill: r.skill,
                expected_pay: pay.expected_pay,
                variable_this_year: pay.variable_this_year,
                period_quota: pay.period_quota,
                period_credit: pay.period_credit,
                quota_chance: work.quota_chance,
                stance: work.quota_stance,
                attainment: perf.attainment(),
                on_notice: perf.on_notice,
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
