//! Deals reach their date (mechanism 3, part): each is won, stalls (its date moves out by
//! `deals.stall_weeks`, at most `deals.max_stalls` times) or is lost. One uniform draw u decides:
//! won if u < p; else stalled if u < p + (1 − p)·`stall_share`·(1 − readiness) and it may stall
//! again; else lost. A pulled-in deal cannot stall. This file closes new-customer deals: a won one
//! makes its prospect an account of the rep, credited at once with the deal's value (bookings); a
//! lost one returns its prospect to the pool. (Account deals close in the weekly pass,
//! `account.rs`, by the same rule.)

use super::contest::{OfferStrength, Verdict, contenders, decide, rival_offers};
use super::*;
use crate::rng::{Purpose, Stream};
use crate::sim::accounts::complexity::complex_fit;
use crate::sim::accounts::value::margin_rate;
use crate::sim::careers::moves::{Emigrants, MovingAccount, Why};
use crate::sim::components::*;
use crate::sim::observe::events::Cause;
use crate::sim::observe::events::{CompetitorNames, EventKind, EventLog};
use crate::sim::policy::tools::ToolsInForce;
use crate::sim::resources::*;

/// The deals closed this tick, drained with the tick's outputs (`deals.csv`).
#[derive(Resource, Default, Debug)]
pub struct DealLog(pub Vec<DealRow>);

/// How a deal's date ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Won,
    Stalled,
    Lost,
    /// Its account was lost, or its rep left, before it closed.
    Cancelled,
}

/// The outcome of a deal with chance `p` and readiness `r` for the draw `u`.
pub(crate) fn outcome(s: &Scenario, t: &Terms, p: f64, readiness: f64, u: f64) -> Outcome {
    let q = &s.deals;
    if u < p {
        return Outcome::Won;
    }
    let may_stall = t.timing != Timing::PulledIn && t.stalls < q.max_stalls;
    if may_stall && u < p + (1.0 - p) * q.stall_share * (1.0 - readiness.clamp(0.0, 1.0)) {
        Outcome::Stalled
    } else {
        Outcome::Lost
    }
}

/// The close draw of a deal: keyed by its customer and the week it opened (at most one deal per
/// customer opens in a week), so it does not depend on deal ids or the order deals close in.
pub(crate) fn close_draw(seed: u64, t: &Terms, week: u32) -> f64 {
    Stream::new(seed, ((t.opened_week as u64) << 32) | t.customer as u64, week, Purpose::DealClose).unit()
}

/// Credit for a won deal `t` on an account of gross margin `margin` won in `won_week`, in the
/// commission basis (margin basis: the deal's margin at its discount, `value.rs`).
pub(crate) fn credit(s: &Scenario, t: &Terms, margin: f64, won_week: i32, week: u32) -> f64 {
    let basis = s.pay.commission_basis;
    if !basis.credits_account(week as i32 - won_week, s.pay.new_customer_window_weeks) {
        0.0
    } else if basis.on_margin() {
        t.size * margin_rate(margin, t.discount, 1.0).max(0.0)
    } else {
        t.size
    }
}

/// The share of wallet a customer won by the deal `t` starts with: the deal's list value over its
/// potential, at most `behaviour.revenue.wallet_ceiling` (here or at the rival that won it).
fn starting_wallet(s: &Scenario, t: &Terms, potential: f64) -> f64 {
    (t.list_size() / potential.max(1e-9)).clamp(0.0, s.behaviour.revenue.wallet_ceiling)
}

/// What a newly won account starts with: its share of wallet, the discount it buys at, and the
/// revenue already credited to its rep.
#[derive(Clone, Copy, Debug)]
pub struct Start {
    pub wallet: f64,
    pub discount: f64,
    pub credited: f64,
}

/// A newly won account: `traits` bought as `start` says, owned by `owner`, under tools in force at
/// level `tools`.
pub(crate) fn new_account(
    s: &Scenario,
    t: Traits,
    owner: Option<u32>,
    week: u32,
    start: Start,
    tools: f64,
) -> (Account, AccountFile, AccountState) {
    let n = &s.behaviour.new_account;
    let company = (n.company_loyalty + n.tools_loyalty * tools) as f32;
    let account = Account {
        id: t.id,
        won_week: week as i32,
        owner,
        technical: None,
        service: None,
        potential: t.potential,
        price_sensitivity: t.price_sensitivity as f32,
        complex: t.complexity_draw < s.market.complex_share,
        icp: t.icp,
        margin: t.margin as f32,
        company_owned: s.ownership.model.company_owned(0.0),
        held: false,
    };
    let file = AccountFile { complexity_draw: t.complexity_draw, rep_since_week: week as i32 };
    let state = AccountState {
        loyalty_rep: if owner.is_some() { n.rep_loyalty as f32 } else { 0.0 },
        loyalty_company: company,
        loyalty_company_trend: company,
        satisfaction: n.satisfaction as f32,
        wallet_share: start.wallet as f32,
        discount: start.discount as f32,
        coverage: 1.0,
        credit_ahead: start.credited,
        ..Default::default()
    };
    (account, file, state)
}

/// Log a closed deal: its `deals.csv` row (returned, for a contest's columns), a
/// `deal_won`/`deal_lost` event and the tallies.
pub(crate) fn record<'a>(
    log: &'a mut DealLog,
    events: &mut EventLog,
    tally: &mut WeekTally,
    t: &Terms,
    rep: Option<u32>,
    week: u32,
    o: Outcome,
) -> &'a mut DealRow {
    let won = o == Outcome::Won;
    let outcome = match o {
        Outcome::Won => DealOutcome::Won,
        Outcome::Cancelled => DealOutcome::Cancelled,
        _ => DealOutcome::Lost,
    };
    log.0.push(DealRow {
        deal_id: t.id,
        kind: t.kind,
        rep_id: rep,
        account_id: t.customer,
        opened_week: t.opened_week,
        closed_week: week,
        size: t.size,
        outcome,
        timing: t.timing,
        discount: t.discount,
        stalls: t.stalls,
        complex_needs: t.complex,
        ideal_profile: t.icp,
        ..Default::default()
    });
    let kind = if won { EventKind::DealWon } else { EventKind::DealLost };
    let rec = events.push(week, kind).customer(t.customer).cause(t.kind.cause()).amount(t.size);
    if let Some(r) = rep {
        rec.rep(r);
    }
    if won {
        tally.deals_won += 1;
        tally.bookings += t.size;
    } else {
        tally.deals_lost += 1;
    }
    log.0.last_mut().expect("just pushed")
}

/// Close every new-customer deal due this week, in deal-id order.
pub(crate) fn close_due_deals(
    params: Res<Params>,
    clock: Res<Clock>,
    staffing: Res<Staffing>,
    mut pipeline: ResMut<Pipeline>,
    mut pool: ResMut<ProspectPool>,
    mut books: ResMut<Books>,
    mut portfolios: ResMut<Portfolios>,
    mut tally: ResMut<WeekTally>,
    mut events: ResMut<EventLog>,
    mut log: ResMut<DealLog>,
    tools: Res<ToolsInForce>,
    reps: Query<&Rep>,
    (names, competitors, mut strength, mut emigrants): (
        Res<CompetitorNames>,
        Query<&Competitor>,
        ResMut<OfferStrength>,
        ResMut<Emigrants>,
    ),
    mut commands: Commands,
) {
    let s = &params.0;
    let week = clock.week;
    let rivals = rival_offers(competitors.iter());
    // Each employed rep's skill factor and complex fit.
    let mut skill: Vec<Option<(f64, f64)>> = vec![None; staffing.next_rep_id as usize];
    for r in reps.iter().filter(|r| r.is_employed()) {
        skill[r.id as usize] = Some((skill_factor(s, r.skill), complex_fit(s, r, week)));
    }
    let mut due: Vec<Pursuit> = Vec::new();
    pipeline.deals.retain(|d| {
        let close = d.terms.due_week <= week;
        if close {
            due.push(d.clone());
        }
        !close
    });
    due.sort_by_key(|d| d.terms.id);
    for mut d in due {
        let p = d.prospect;
        let Some((skill_factor, fit)) = skill.get(d.rep as usize).copied().flatten() else {
            pool.put(p);
            record(&mut log, &mut events, &mut tally, &d.terms, Some(d.rep), week, Outcome::Cancelled);
            continue;
        };
        let readiness = d.hours / d.hours_needed.max(1e-9);
        let odds = Odds {
            readiness,
            skill_factor,
            // The rep's fit meets part of a complex prospect's needs; specialist hours the rest.
            needs_met: fit + (1.0 - fit) * (d.specialist_hours / d.hours_needed.max(1e-9)).min(1.0),
            satisfaction: 1.0,
        };
        let p_own = chance(s, &d.terms, &odds);
        strength.note(p_own);
        let u = close_draw(clock.seed, &d.terms, week);
        let present = contenders(clock.seed, p.id, week, &rivals);
        // Uncontested, the deal is decided by its own chance alone.
        let verdict =
            if present.is_empty() { Verdict::NoneTaken { bought: p_own } } else { decide(p_own, &present, u) };
        let (o, winner) = match verdict {
            Verdict::Won => (Outcome::Won, None),
            Verdict::Rival(rival) => (Outcome::Lost, Some(rival)),
            Verdict::NoneTaken { bought } => (outcome(s, &d.terms, bought, readiness, u), None),
        };
        match (o, winner) {
            (Outcome::Won, _) => {
                let wallet = starting_wallet(s, &d.terms, p.potential);
                let start = Start { wallet, discount: d.terms.discount, credited: d.terms.size };
                let e = commands.spawn(new_account(s, p, Some(d.rep), week, start, tools.level)).id();
                portfolios.add(d.rep, e);
                if let Some(b) = books.get_mut(d.rep) {
                    b.bookings_week += credit(s, &d.terms, p.margin, week as i32, week);
                }
                tally.new_customers += 1;
                events.push(week, EventKind::Win).rep(d.rep).customer(p.id).cause(Cause::Deal).amount(d.terms.size);
            }
            (Outcome::Stalled, _) => {
                d.terms.stalls += 1;
                d.terms.due_week = week + s.deals.stall_weeks;
                tally.deals_stalled += 1;
                pipeline.deals.push(d);
                continue;
            }
            // A rival firm won it: it becomes that firm's customer next week (`migration.rs`).
            (Outcome::Lost, Some(rival)) => {
                let wallet = starting_wallet(s, &d.terms, p.potential);
                emigrants.accounts.push(MovingAccount {
                    rival,
                    why: Why::WonInContest,
                    traits: p,
                    complex: d.terms.complex,
                    loyalty_rep: 0.0,
                    knowledge: 0.0,
                    wallet_share: wallet as f32,
                    discount: d.terms.discount as f32,
                });
                tally.prospects_won_by_rivals += 1;
            }
            (Outcome::Lost | Outcome::Cancelled, _) => pool.put(p),
        }
        let row = record(&mut log, &mut events, &mut tally, &d.terms, Some(d.rep), week, o);
        if !present.is_empty() {
            let contested: Vec<&str> = present.iter().map(|c| names.name(c.rival)).collect();
            row.contested_by = contested.join(";");
        }
        row.won_by = match (o, winner) {
            (Outcome::Won, _) => names.firm().to_string(),
            (_, Some(rival)) => names.name(rival).to_string(),
            _ => String::new(),
        };
        // The `deal_lost` record just logged names the rival whose offer the customer took.
        if let (Some(rival), Some(lost)) = (winner, events.0.last_mut()) {
            lost.competitor(names.name(rival)).detail = "took the rival firm's offer in a contest".into();
        }
    }
    strength.close_week(s);
}
