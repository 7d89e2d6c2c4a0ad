//! Mechanisms 8–9 across the firms of an industry: a rep who leaves for a rival that is a firm
//! (`Competitor::link`), and every customer lost to such a rival (following its rep, or won by the
//! rival's pull), is written out as it leaves ([`Emigrants`]); the industry (`src/industry/`)
//! carries them to that firm after the week, and the firm admits them at the start of its next
//! Careers stage ([`admit_arrivals`]). Without an industry nothing is ever written or admitted.
//!
//! A rep who joins takes an open vacancy's seat (the earliest opened) or, with none open, a new
//! seat: the firm grows by the reps it poaches. It keeps its skill and its expected pay, and
//! starts its tenure and ramp with the firm. A customer who comes over starts a new relationship
//! with the firm (a new account's loyalty to it and satisfaction), keeping its traits, its id, its
//! share of wallet and the discount it buys at; one that followed its rep is that rep's account
//! again, with its bond to the rep and the rep's knowledge of it, if the rep is still with the
//! firm; any other is unowned until the firm's rebalancing gives it a rep.

use crate::sim::accounts::closing::Closing;
use crate::sim::careers::hiring::{spawn_rep, take_over_seat};
use crate::sim::careers::moves::{Arrivals, Why};
use crate::sim::components::*;
use crate::sim::deals::close::{Start, new_account};
use crate::sim::observe::events::{Cause, CompetitorNames, EventKind, EventLog};
use crate::sim::policy::tools::ToolsInForce;
use crate::sim::resources::*;
use crate::sim::setup::{draw_rep, draw_seat};
use bevy::prelude::*;
use std::collections::HashMap;

/// The reps that joined from rival firms: (rival, id there) → id here, for the customers that
/// follow them later.
#[derive(Resource, Default, Debug)]
pub(crate) struct Joined(HashMap<(u16, u32), u32>);

/// Admit the reps, then the customers, that came from rival firms (see the module documentation),
/// each in the order the industry delivered them.
#[allow(clippy::too_many_arguments)]
pub(crate) fn admit_arrivals(
    params: Res<Params>,
    clock: Res<Clock>,
    names: Res<CompetitorNames>,
    tools: Res<ToolsInForce>,
    mut arrivals: ResMut<Arrivals>,
    mut joined: ResMut<Joined>,
    mut staffing: ResMut<Staffing>,
    mut index: ResMut<RepIndex>,
    mut portfolios: ResMut<Portfolios>,
    mut tally: ResMut<WeekTally>,
    mut log: ResMut<EventLog>,
    mut closing: Closing,
    reps: Query<&Rep>,
    mut accounts: Query<(&mut Account, &mut AccountFile, &mut AccountState)>,
    mut commands: Commands,
) {
    if arrivals.reps.is_empty() && arrivals.accounts.is_empty() {
        return;
    }
    let s = &params.0;
    let week = clock.week;
    let mut active: Vec<u32> = reps.iter().filter(|r| r.status == RepStatus::Active).map(|r| r.id).collect();
    for m in std::mem::take(&mut arrivals.reps) {
        let id = staffing.next_rep_id;
        staffing.next_rep_id += 1;
        let earliest = (0..staffing.vacancies.len()).min_by_key(|&i| (staffing.vacancies[i].opened_week, i));
        let seat = match earliest {
            Some(i) => staffing.vacancies.remove(i).seat,
            None => {
                let n = staffing.seats.len() as u32;
                staffing.seats.push(draw_seat(clock.seed, n, s));
                n
            }
        };
        let mut rep = draw_rep(clock.seed, id, seat, week, 0.0, 0.0, s);
        rep.skill = m.skill;
        let pay = PayState { expected_pay: m.expected_pay, ..PayState::starting(s, 0.0) };
        spawn_rep(&mut commands, &mut index, id, rep, pay);
        tally.joined += 1;
        let name = names.name(m.rival);
        log.push(week, EventKind::Joined).rep(id).competitor(name).detail(format!("rep {} at {name}", m.rep));
        joined.0.insert((m.rival, m.rep), id);
        active.push(id);
        take_over_seat(s, week, seat, id, &mut staffing, &mut portfolios, &mut log, &mut closing, &mut accounts);
    }
    active.sort_unstable();
    for m in std::mem::take(&mut arrivals.accounts) {
        let follows = match m.why {
            Why::Follows(r) => Some(r),
            Why::Switched | Why::WonInContest => None,
        };
        let owner = follows.and_then(|r| joined.0.get(&(m.rival, r)).copied());
        let owner = owner.filter(|o| active.binary_search(o).is_ok());
        let start = Start { wallet: m.wallet_share as f64, discount: m.discount as f64, credited: 0.0 };
        let (mut a, file, mut st) = new_account(s, m.traits, owner, week, start, tools.level);
        a.complex = m.complex;
        if owner.is_some() {
            st.loyalty_rep = m.loyalty_rep;
            st.knowledge = m.knowledge;
        }
        let e = commands.spawn((a.clone(), file, st.clone())).id();
        // Active from now: in this week's close, and this week's rebalancing finds it if unowned.
        closing.enter(e, &a, &st);
        match owner {
            Some(o) => portfolios.add(o, e),
            None => portfolios.unowned.push(e),
        }
        tally.won_from_rivals += 1;
        let cause = match (m.why, owner) {
            (Why::WonInContest, _) => Cause::WonInContest,
            (_, Some(_)) => Cause::FollowedItsRep,
            _ => Cause::Switched,
        };
        let rec = log.push(week, EventKind::CameOver).customer(a.id()).competitor(names.name(m.rival)).cause(cause);
        if let Some(o) = owner {
            rec.rep(o);
        }
    }
}
