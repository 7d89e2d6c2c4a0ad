//! Mechanism 10, push-back: when the company plans a change that takes accounts or exclusivity
//! from reps who own them (a one-off realignment, specialists on their accounts, accounts moved
//! to the house), each affected rep weighs the pay it stands to lose against its outside option
//! and may threaten to leave. Leadership then weighs the change against the threats
//! (`leadership.rs`) and proceeds, phases it in, buys the threats off or abandons it.
//!
//! Rep i with pay at stake Δᵢ, expected pay Eᵢ, unvested pay Uᵢ and portable book Pᵢ (the revenue
//! that would follow it, `departure.rs`) has the outside offer Oᵢ = M + r·Pᵢ (M market pay,
//! `careers/market.rs`), with r the
//! highest of `careers.rival_book_rate` and the offer rates of the competitors in the market, and
//! threatens with the probability that the change tips it into taking the offer:
//! [σ(k·(Oᵢ / Rᵢ(Eᵢ − Δᵢ) − 1)) − σ(k·(Oᵢ / Rᵢ(Eᵢ − e·Δᵢ) − 1))]⁺, with the reservation
//! Rᵢ(pay) = pay·(1 + premium) + Uᵢ, k = `behaviour.careers.offer_steepness`, premium
//! `careers.switching_premium`, as for competitors' offers (`careers.rs`), and e the share of the
//! change reps already count on: `behaviour.pushback.catalyst_expectation` for
//! `catalyst_weeks` after a catalyst (a merger, new leadership, a launch, a missed goal), else 0.

use crate::rng::{Purpose, Stream};
use crate::scenario::{OwnershipModel, Scenario};
use crate::sim::careers::market::LabourMarket;
use crate::sim::careers::quitting::{acceptance, offer_pay, reservation_pay};
use crate::sim::components::*;
use crate::sim::observe::events::Cause;
use crate::sim::observe::events::{EventKind, EventLog};
use crate::sim::ownership::business_case::{CaseBuilder, ExclusivityGain};
pub use crate::sim::ownership::leadership::Decision;
use crate::sim::ownership::leadership::{self, BusinessCase, ThreatCost, Weighing};
use crate::sim::resources::*;
use bevy::prelude::*;

/// When reps last had reason to expect change: the week of the last catalyst.
#[derive(Resource, Default, Debug)]
pub struct ChangeClimate {
    pub catalyst_week: Option<u32>,
}

impl ChangeClimate {
    /// Whether a catalyst is still in force in `week` (for `behaviour.pushback.catalyst_weeks`).
    pub(crate) fn catalyst(&self, s: &Scenario, week: u32) -> bool {
        matches!(self.catalyst_week, Some(c) if week >= c && week - c < s.behaviour.pushback.catalyst_weeks)
    }

    /// The share of a coming change reps already count on in `week` (0 without a catalyst).
    pub(crate) fn expectation(&self, s: &Scenario, week: u32) -> f64 {
        if self.catalyst(s, week) { s.behaviour.pushback.catalyst_expectation } else { 0.0 }
    }
}

/// A planned change reps may push back against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Accounts moved from overloaded books (a `Realignment` event).
    Realignment,
    /// Specialists added to reps' accounts.
    Specialists,
    /// Accounts moved to the house (a move to multiplexed or hybrid ownership).
    HouseAccounts,
}

impl Change {
    /// Its cause in the event log (`cause` of a `threat`).
    pub(crate) fn cause(self) -> Cause {
        match self {
            Change::Realignment => Cause::Realignment,
            Change::Specialists => Cause::Specialists,
            Change::HouseAccounts => Cause::HouseAccounts,
        }
    }
}

/// What a planned change puts at stake for one rep.
#[derive(Clone, Copy, Debug)]
pub struct Stake {
    pub rep: u32,
    /// Annual pay it stands to lose, $.
    pub pay_at_stake: f64,
    pub expected_pay: f64,
    pub unvested: f64,
    /// Annual revenue that would follow it to a rival.
    pub portable_book: f64,
    /// Annual revenue of its book.
    pub book_revenue: f64,
}

/// A rep who threatens to leave.
#[derive(Clone, Copy, Debug)]
pub struct Threat {
    pub stake: Stake,
    /// The outside offer it holds, $/year, and the modelled competitor making it (None: a rival
    /// firm outside the model).
    pub offer: f64,
    pub rival: Option<u16>,
}

/// The threats over one planned change and the answer to them.
#[derive(Clone, Debug)]
pub struct Verdict {
    pub change: Change,
    pub threats: Vec<Threat>,
    pub decision: Decision,
    /// Share of the company's revenue held by the threatening reps (reported; it decides nothing).
    pub threatened_share: f64,
    /// What leadership weighed.
    pub weighing: Weighing,
}

/// A competitor in the market and the rate on a rep's portable book its offers pay.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RivalOffer {
    pub competitor: u16,
    pub book_rate: f64,
}

/// The best offer a rep has outside the company.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OutsideOffer {
    /// Its pay, $/year.
    pub pay: f64,
    /// The competitor in the market that makes it; `None` for a rival firm outside the model.
    pub competitor: Option<u16>,
}

/// The best outside offer for a rep with portable book `portable`: market pay plus the highest
/// book rate among rival firms and the competitors in the market.
pub(crate) fn outside_offer(s: &Scenario, market_pay: f64, rivals: &[RivalOffer], portable: f64) -> OutsideOffer {
    let (rate, competitor) = rivals.iter().fold((s.careers.rival_book_rate, None), |best, r| {
        if r.book_rate > best.0 { (r.book_rate, Some(r.competitor)) } else { best }
    });
    OutsideOffer { pay: offer_pay(market_pay, rate, portable), competitor }
}

/// The chance that a rep threatens to leave over a change that puts `stake` at risk: how much
/// the change raises the chance that it would take the outside offer, from the pay it already
/// counts on (less `expected` of the stake) to the pay the change leaves it,
/// σ(k·(O / reservation after − 1)) − σ(k·(O / reservation as expected − 1)).
pub(crate) fn threat_chance(s: &Scenario, stake: &Stake, offer: f64, expected: f64) -> f64 {
    if stake.pay_at_stake <= 0.0 {
        return 0.0;
    }
    let takes = |pay: f64| acceptance(s, offer, reservation_pay(s, pay.max(0.0), stake.unvested));
    let counted_on = stake.expected_pay - expected * stake.pay_at_stake;
    (takes(stake.expected_pay - stake.pay_at_stake) - takes(counted_on)).max(0.0)
}

/// How credible a threat is to leadership: the chance that the rep would take its outside offer
/// `offer` once the change leaves it its pay less the stake.
pub(crate) fn credibility(s: &Scenario, stake: &Stake, offer: f64) -> f64 {
    acceptance(s, offer, reservation_pay(s, (stake.expected_pay - stake.pay_at_stake).max(0.0), stake.unvested))
}

/// The circumstances of a planned change.
pub struct Circumstances<'a> {
    pub change: Change,
    pub seed: u64,
    pub week: u32,
    /// The years leadership looks ahead ([`leadership::horizon`]).
    pub horizon: f64,
    /// The share of the change reps already count on ([`ChangeClimate::expectation`]).
    pub expectation: f64,
    /// The modelled competitors in the market and their offer rates ([`rivals`]).
    pub rivals: &'a [RivalOffer],
    /// Market pay this week (`careers/market.rs`).
    pub market_pay: f64,
    /// The company's annual revenue.
    pub revenue: f64,
    /// What the change is expected to bring.
    pub case: BusinessCase,
}

/// Weigh a planned change: each affected rep draws whether it threatens (its stream for the week
/// and the change), and leadership answers (`leadership.rs`).
pub(crate) fn weigh(s: &Scenario, c: &Circumstances, stakes: &[Stake]) -> Verdict {
    let threats: Vec<Threat> = stakes
        .iter()
        .filter_map(|st| {
            let OutsideOffer { pay: offer, competitor: rival } =
                outside_offer(s, c.market_pay, c.rivals, st.portable_book);
            let p = threat_chance(s, st, offer, c.expectation);
            let key = ((c.change as u64) << 32) | st.rep as u64;
            Stream::new(c.seed, key, c.week, Purpose::Threat).chance(p).then_some(Threat { stake: *st, offer, rival })
        })
        .collect();
    let held: f64 = threats.iter().map(|t| t.stake.book_revenue).sum();
    let threatened_share = if c.revenue > 0.0 { held / c.revenue } else { 0.0 };
    let costs: Vec<ThreatCost> = threats
        .iter()
        .map(|t| ThreatCost {
            rep: t.stake.rep,
            portable_book: t.stake.portable_book,
            expected_pay: t.stake.expected_pay,
            pay_at_stake: t.stake.pay_at_stake,
            credibility: credibility(s, &t.stake, t.offer),
        })
        .collect();
    let (decision, weighing) = leadership::decide(s, &c.case, &costs, c.horizon);
    Verdict { change: c.change, threats, decision, threatened_share, weighing }
}

/// The modelled competitors in the market and their offer rates, by id.
pub(crate) fn rivals<'a>(s: &Scenario, competitors: impl Iterator<Item = &'a Competitor>) -> Vec<RivalOffer> {
    let mut v: Vec<RivalOffer> = competitors
        .filter(|c| c.entered)
        .map(|c| RivalOffer {
            competitor: c.id,
            book_rate: s.competitors.get(c.id as usize).map_or(0.0, |x| x.offer_commission_rate),
        })
        .collect();
    v.sort_by_key(|x| x.competitor);
    v
}

/// Each rep's book as a planned change sees it, by rep id: its revenue and the revenue that would
/// follow it to a rival (annual), and its accounts' spend potential with the part the change
/// touches. A rep values its accounts by what they could bring (their potential), so taking a
/// neglected account with little revenue still costs it.
#[derive(Clone, Copy, Debug, Default)]
pub struct BookAtStake {
    pub revenue: f64,
    pub portable: f64,
    pub potential: f64,
    pub touched: f64,
}

/// The stake of each active rep whose book a change touches (`touched` of its potential): that
/// share of its variable pay, × `share_of_pay` (1 when the accounts are taken,
/// `behaviour.pushback.exclusivity_stake` when only exclusivity is lost).
pub(crate) fn stakes<'a>(
    books: &[BookAtStake],
    share_of_pay: f64,
    s: &Scenario,
    reps: impl Iterator<Item = (&'a Rep, &'a PayState)>,
) -> Vec<Stake> {
    let mut out: Vec<Stake> = reps
        .filter(|(r, _)| r.status == RepStatus::Active)
        .filter_map(|(r, p)| {
            let b = books.get(r.id as usize).copied().unwrap_or_default();
            (b.touched > 0.0 && b.potential > 0.0).then(|| Stake {
                rep: r.id,
                pay_at_stake: share_of_pay * (b.touched / b.potential) * (p.expected_pay - s.pay.base_salary).max(0.0),
                expected_pay: p.expected_pay,
                unvested: p.unvested(),
                portable_book: b.portable,
                book_revenue: b.revenue,
            })
        })
        .collect();
    out.sort_by_key(|x| x.rep);
    out
}

/// Weigh a change that takes exclusivity over the accounts `touches` picks from the reps who own
/// them (specialists on their accounts, accounts moved to the house), at
/// `behaviour.pushback.exclusivity_stake` of the pay on them, against what it is expected to
/// bring (`business_case.rs`).
pub(crate) fn weigh_exclusivity(
    world: &mut World,
    change: Change,
    gain: ExclusivityGain,
    week: u32,
    now: &Scenario,
    touches: impl Fn(&Account) -> bool,
) -> Verdict {
    let n = world.resource::<Staffing>().next_rep_id as usize;
    let mut books = vec![BookAtStake::default(); n];
    let follow = crate::sim::careers::departure::FollowModel::new(now);
    let climate = world.resource::<ChangeClimate>();
    let (horizon, expectation) =
        (leadership::horizon(now, climate.catalyst(now, week)), climate.expectation(now, week));
    let mut case = CaseBuilder::new(now, gain, horizon);
    let mut total = 0.0;
    let mut q = world.query::<(&Account, &AccountFile, &AccountState)>();
    for (a, f, st) in q.iter(world) {
        let revenue = st.revenue_week * WEEKS_PER_YEAR;
        total += revenue;
        let Some(owner) = a.owner else { continue };
        let Some(b) = books.get_mut(owner as usize) else { continue };
        let portable = revenue * follow.probability(a, f, st, week, 0);
        b.revenue += revenue;
        b.portable += portable;
        b.potential += a.potential;
        if touches(a) {
            b.touched += a.potential;
            case.touch(owner, a, st, revenue, portable);
        }
    }
    let mut reps = world.query::<(&Rep, &PayState)>();
    let stakes = stakes(&books, now.behaviour.pushback.exclusivity_stake, now, reps.iter(world));
    let mut competitors = world.query::<&Competitor>();
    let rivals = rivals(now, competitors.iter(world));
    let seed = world.resource::<Clock>().seed;
    let market_pay = world.resource::<LabourMarket>().pay;
    let c = Circumstances {
        change,
        seed,
        week,
        horizon,
        expectation,
        rivals: &rivals,
        market_pay,
        revenue: total,
        case: case.finish(),
    };
    weigh(now, &c, &stakes)
}

/// Weigh adding specialists (`next` has more than `now`): technical specialists touch the
/// accounts with complex needs, service contacts every account.
pub(crate) fn weigh_specialists(world: &mut World, week: u32, now: &Scenario, next: &Scenario) -> Verdict {
    let (a, b) = (&now.specialists, &next.specialists);
    let technical = b.technical > a.technical;
    let service = b.service > a.service;
    let added = b.technical.saturating_sub(a.technical) + b.service.saturating_sub(a.service);
    let gain = ExclusivityGain::Specialists { technical, service, added };
    weigh_exclusivity(world, Change::Specialists, gain, week, now, |a| service || (technical && a.complex))
}

/// Weigh moving from rep-owned accounts to the ownership model `next`: the accounts it would make
/// house accounts (every account under `Multiplexed`; those old enough under `Hybrid`).
pub(crate) fn weigh_house_accounts(world: &mut World, week: u32, now: &Scenario, next: OwnershipModel) -> Verdict {
    weigh_exclusivity(world, Change::HouseAccounts, ExclusivityGain::HouseAccounts, week, now, |a| {
        next.company_owned((week as i32 - a.won_week).max(0) as f64 / WEEKS_PER_YEAR)
    })
}

/// Threats still to be carried out or bought off, queued by the change that raised them.
#[derive(Resource, Default, Debug)]
pub struct PendingThreats(pub Vec<QueuedThreat>);

/// A threat to leave over a change that went ahead, and how leadership answered it.
#[derive(Clone, Copy, Debug)]
pub struct QueuedThreat {
    pub threat: Threat,
    pub decision: Decision,
}

impl PendingThreats {
    /// Queue the threats of a change that goes ahead.
    pub(crate) fn queue(&mut self, v: &Verdict) {
        if v.decision != Decision::Abandon {
            self.0.extend(v.threats.iter().map(|&threat| QueuedThreat { threat, decision: v.decision }));
        }
    }
}

/// After a change went ahead: each threatening rep that was bought off is paid; each that was
/// ignored leaves with probability `follow_through`, to the competitor that made its offer (or a
/// rival firm), and its loyal customers may follow (`departure.rs`).
pub(crate) fn carry_out_threats(
    params: Res<Params>,
    clock: Res<Clock>,
    mut pending: ResMut<PendingThreats>,
    mut tally: ResMut<WeekTally>,
    mut log: ResMut<EventLog>,
    mut reps: Query<(&mut Rep, &mut PayState)>,
) {
    if pending.0.is_empty() {
        return;
    }
    let s = &params.0;
    let week = clock.week;
    let queued = std::mem::take(&mut pending.0);
    for (mut rep, mut pay) in &mut reps {
        let Some(QueuedThreat { threat: t, decision }) = queued.iter().find(|q| q.threat.stake.rep == rep.id) else {
            continue;
        };
        if rep.status != RepStatus::Active {
            continue;
        }
        match *decision {
            Decision::Compensate { weeks } => {
                let amount = t.stake.pay_at_stake * weeks / WEEKS_PER_YEAR;
                crate::sim::pay::accrue::pay_retention(s, &mut pay, &mut tally, amount);
                log.push(week, EventKind::Threat).rep(rep.id).cause(Cause::BoughtOff).amount(amount);
            }
            Decision::Proceed => {
                let mut r = Stream::new(clock.seed, rep.id as u64, week, Purpose::FollowThrough);
                if r.chance(s.behaviour.pushback.follow_through) {
                    let reason = match t.rival {
                        Some(competitor) => LeaveReason::Poached { competitor },
                        None => LeaveReason::Quit { to_rival: true },
                    };
                    rep.status = RepStatus::Withdrawing { leave_week: week + s.careers.withdrawal_weeks, reason };
                    log.push(week, EventKind::Notice)
                        .rep(rep.id)
                        .cause(Cause::ThreatCarriedOut)
                        .detail(format!("the change went ahead; leaving for an offer of {:.0}", t.offer));
                }
            }
            Decision::Abandon => {}
        }
    }
}
