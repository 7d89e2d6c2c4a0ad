//! Mechanism 9: a rep whose notice ends leaves; each of its customers follows it at once (if it
//! joins a rival), leaves for a third party, or stays with the knowledge the CRM kept (and, if the
//! rep joined a rival, is solicited by it over the weeks after, `solicit.rs`). Staying accounts go
//! where `ownership.handover` says: held on the rep's seat for its replacement (covered only by a
//! manager until then), or spread at once over colleagues (`ownership.rs`). Its open
//! new-customer deals are lost with it.

use crate::rng::{Purpose, Stream};
use crate::scenario::{Handover, Scenario};
use crate::sim::accounts::loss::Losses;
pub use crate::sim::careers::follow::{FollowModel, follow_probability};
use crate::sim::careers::moves::{Emigrants, MovingRep};
use crate::sim::careers::solicit::Solicitations;
use crate::sim::components::*;
use crate::sim::deals::Pipeline;
use crate::sim::observe::events::Cause;
use crate::sim::observe::events::{CompetitorNames, EventKind};
use crate::sim::pay::accrue::settle_leaver;
use crate::sim::resources::*;
use bevy::prelude::*;

/// Probability that an account that does not follow leaves for a third party:
/// p = base · (1 − crm) · clamp(1 + L_rep − L_co, 0, 2).
pub(crate) fn leave_probability(s: &Scenario, st: &AccountState) -> f64 {
    (s.customers.leave_on_departure
        * (1.0 - s.ownership.crm_retention)
        * (1.0 + st.loyalty_rep as f64 - st.loyalty_company as f64).clamp(0.0, 2.0))
    .min(1.0)
}

/// A rep leaving this week.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Leaver {
    pub rep: u32,
    pub seat: u32,
    /// The competitor whose offer it took, if a modelled one.
    pub competitor: Option<u16>,
    /// The competitor it joins: the one whose offer it took, or, for a rep who quits for a rival
    /// firm in an industry, the firm it joins (`join_rival_firm`).
    pub joins: Option<u16>,
    /// Whether it goes where customers can follow it.
    pub to_rival: bool,
    /// Colleagues leaving this week for the same place.
    pub colleagues: u32,
}

/// The reps leaving this week, in rep-id order.
#[derive(Resource, Default, Debug)]
pub struct Leavers(pub Vec<Leaver>);

/// Reps whose notice ends leave: status, tallies, settled pay, team morale, seats.
pub(crate) fn release_departing_reps(
    params: Res<Params>,
    clock: Res<Clock>,
    names: Res<CompetitorNames>,
    mut staffing: ResMut<Staffing>,
    mut tally: ResMut<WeekTally>,
    mut log: ResMut<crate::sim::observe::events::EventLog>,
    mut leavers: ResMut<Leavers>,
    mut emigrants: ResMut<Emigrants>,
    market: Res<crate::sim::careers::market::LabourMarket>,
    mut competitors: Query<&mut Competitor>,
    mut reps: Query<(&mut Rep, &mut Workload, &mut PayState)>,
) {
    let s = &params.0;
    let week = clock.week;
    leavers.0.clear();
    let firms: Vec<(u16, FirmLink)> = {
        let mut v: Vec<(u16, FirmLink)> =
            competitors.iter().filter_map(|c| c.link.filter(|_| c.entered).map(|l| (c.id, l))).collect();
        v.sort_by_key(|f| f.0);
        v
    };
    // The rest of the industry as an employer: its reps × what it pays them.
    let rest_weight = s.careers.industry_reps as f64 * market.rest_pay;
    let mut teams = Vec::new();
    for (mut rep, _, mut pay) in &mut reps {
        let RepStatus::Withdrawing { leave_week, reason } = rep.status else { continue };
        if leave_week > week {
            continue;
        }
        rep.status = RepStatus::Departed { week, reason };
        settle_leaver(s, &mut pay);
        let joins =
            reason.competitor().or_else(|| join_rival_firm(clock.seed, rep.id, week, reason, &firms, rest_weight));
        if let Some(c) = joins.filter(|&c| s.competitors[c as usize].firm.is_some()) {
            emigrants.reps.push(MovingRep { rival: c, rep: rep.id, skill: rep.skill, expected_pay: pay.expected_pay });
        } else if !reason.to_rival() && !firms.is_empty() {
            // In an industry, a rep who leaves for no rival is between jobs.
            emigrants.between_jobs.push((rep.id, rep.skill));
        }
        let tenure = rep.tenure_weeks(week);
        tally.first_year_departures += (tenure < FIRST_YEAR_WEEKS) as u32;
        tally.tenured_departures += (tenure >= TENURED_WEEKS) as u32;
        let (kind, cause) = match reason {
            LeaveReason::Poached { competitor } => {
                tally.poached += 1;
                for mut c in &mut competitors {
                    if c.id == competitor {
                        c.reps_poached += 1;
                    }
                }
                (EventKind::Poached, Cause::AcceptedCompetitorOffer)
            }
            LeaveReason::Quit { to_rival } => {
                tally.quit += 1;
                (EventKind::Quit, if to_rival { Cause::QuitToRival } else { Cause::Quit })
            }
            LeaveReason::ManagedOut { to_rival } => {
                tally.managed_out += 1;
                (EventKind::ManagedOut, if to_rival { Cause::LetGoToRival } else { Cause::LetGo })
            }
        };
        let rec = log.push(week, kind).rep(rep.id).cause(cause).detail(format!("tenure {tenure:.0} weeks"));
        if let Some(c) = joins {
            rec.competitor(names.name(c));
        }
        staffing.recent_departures.push(RecentDeparture { team: rep.team, week });
        if let Some(seat) = staffing.seats.get_mut(rep.seat as usize) {
            if seat.rep == Some(rep.id) {
                seat.rep = None;
            }
        }
        teams.push(rep.team);
        if reason.to_rival() {
            tally.non_solicit_cost += s.ownership.non_solicit * s.ownership.non_solicit_cost;
        }
        leavers.0.push(Leaver {
            rep: rep.id,
            seat: rep.seat,
            competitor: reason.competitor(),
            joins,
            to_rival: reason.to_rival(),
            colleagues: 0,
        });
    }
    leavers.0.sort_by_key(|l| l.rep);
    let window = s.behaviour.careers.colleague_window_weeks;
    staffing.recent_departures.retain(|d| week.saturating_sub(d.week) < window);
    let snapshot = leavers.0.clone();
    for l in &mut leavers.0 {
        l.colleagues = snapshot
            .iter()
            .filter(|o| o.rep != l.rep && o.to_rival && l.to_rival && o.competitor == l.competitor)
            .count() as u32;
    }
    let loss = s.behaviour.careers.teammate_morale_loss;
    for (rep, mut work, _) in &mut reps {
        if rep.status == RepStatus::Active && teams.contains(&rep.team) {
            work.morale = (work.morale - loss).max(0.0);
        }
    }
}

/// The rival firm a rep who quits (or is let go) for a rival joins in an industry: one of the
/// firms in the market, or the rest of the industry (`careers.industry_reps`, outside the model:
/// `None`), drawn in proportion to its headcount × the pay it offers its hires (the rest: what it
/// pays, `LabourMarket::rest_pay`), so a firm that pays more draws more of the reps who leave;
/// `None` without firms, or for a rep who does not go to a rival.
fn join_rival_firm(
    seed: u64,
    rep: u32,
    week: u32,
    reason: LeaveReason,
    firms: &[(u16, FirmLink)],
    rest: f64,
) -> Option<u16> {
    if !reason.to_rival() || firms.is_empty() {
        return None;
    }
    let weight = |l: &FirmLink| l.headcount as f64 * l.hire_pay.max(0.0);
    let total: f64 = firms.iter().map(|(_, l)| weight(l)).sum::<f64>() + rest.max(0.0);
    if total <= 0.0 {
        return None;
    }
    let mut x = Stream::new(seed, rep as u64, week, Purpose::JoinRival).unit() * total;
    for (c, l) in firms {
        x -= weight(l);
        if x < 0.0 {
            return Some(*c);
        }
    }
    // The rest of the industry; without one, the last firm (a draw at the very top).
    if rest > 0.0 { None } else { firms.last().map(|f| f.0) }
}

/// Each account of a leaving rep follows it at once (if it joins a rival: `follow_at_once` of its
/// follow probability), leaves, or stays unowned with `crm_retention` of its knowledge, held on
/// the seat or listed for colleagues; a staying account of a rep gone to a rival is remembered for
/// the rep to solicit (`solicit.rs`). Leavers are taken
/// in rep-id order, each one's accounts in the order of its portfolio. Their open new-customer
/// deals go back to the pool (cancelled when they come due).
pub(crate) fn resolve_departing_accounts(
    params: Res<Params>,
    clock: Res<Clock>,
    leavers: Res<Leavers>,
    mut staffing: ResMut<Staffing>,
    mut portfolios: ResMut<Portfolios>,
    mut pipeline: ResMut<Pipeline>,
    mut losses: Losses,
    mut solicitations: ResMut<Solicitations>,
    mut accounts: Query<(Entity, &mut Account, &mut AccountFile, &mut AccountState)>,
) {
    if leavers.0.is_empty() {
        return;
    }
    let s = &params.0;
    let week = clock.week;
    let crm = s.ownership.crm_retention;
    let follow = FollowModel::new(s);
    let mut spread = Vec::new();
    for l in &leavers.0 {
        for d in pipeline.deals.iter_mut().filter(|d| d.rep == l.rep) {
            d.terms.due_week = week + 1;
        }
        let replacement = staffing.seats.get(l.seat as usize).and_then(|seat| seat.rep);
        for &e in portfolios.of(l.rep) {
            let Ok((e, mut a, mut file, mut st)) = accounts.get_mut(e) else { continue };
            if a.owner != Some(l.rep) {
                continue;
            }
            losses.tally().departing_accounts += 1;
            losses.tally().poached_accounts += l.competitor.is_some() as u32;
            let mut r = Stream::new(clock.seed, a.id() as u64, week, Purpose::Departure);
            let p_follow = if l.to_rival { follow.probability(&a, &file, &st, week, l.colleagues) } else { 0.0 };
            let detail = || format!("loyalty to rep {:.2} vs company {:.2}", st.loyalty_rep, st.loyalty_company);
            if r.chance(s.customers.follow_at_once * p_follow) {
                losses.tally().poached_followers += l.competitor.is_some() as u32;
                let cause = LossCause::FollowedRep { rep: l.rep, competitor: l.joins };
                let detail = detail();
                losses.lose(e, &a, &file, &mut st, week, cause, detail);
                continue;
            }
            if r.chance(leave_probability(s, &st)) {
                let detail = detail();
                losses.lose(e, &a, &file, &mut st, week, LossCause::LeftOnDeparture { rep: l.rep }, detail);
                continue;
            }
            if l.to_rival {
                let fixed = follow.fixed_terms(&a, &file, week, l.colleagues);
                solicitations.remember(e, l.rep, l.joins, week, st.loyalty_rep, fixed);
            }
            losses.closing.take_out(&a, &st);
            st.loyalty_rep = 0.0;
            st.knowledge = st.knowledge.min(crm as f32);
            st.satisfaction =
                (st.satisfaction as f64 - s.behaviour.handover.satisfaction_loss * (1.0 - crm)).max(0.0) as f32;
            a.owner = None;
            match (s.ownership.handover, replacement) {
                (_, Some(new)) => {
                    a.owner = Some(new);
                    file.rep_since_week = week as i32;
                    st.loyalty_rep = s.behaviour.handover.new_rep_loyalty as f32;
                    spread.push((e, Some(new)));
                    losses
                        .log()
                        .push(week, EventKind::Reassign)
                        .rep(new)
                        .customer(a.id())
                        .cause(Cause::ReplacementHire);
                }
                (Handover::HoldForReplacement, None) => {
                    if let Some(seat) = staffing.seats.get_mut(l.seat as usize) {
                        seat.held.push(e);
                        a.held = true;
                    } else {
                        spread.push((e, None));
                    }
                    losses.log().push(week, EventKind::Held).rep(l.rep).customer(a.id()).cause(Cause::Vacancy);
                }
                (Handover::SpreadOverColleagues, None) => spread.push((e, None)),
            }
            losses.closing.enter(e, &a, &st);
        }
    }
    for (e, owner) in spread {
        match owner {
            Some(r) => portfolios.add(r, e),
            None => portfolios.unowned.push(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn firm(headcount: u32, hire_pay: f64) -> FirmLink {
        FirmLink { size: 1.0, headcount, pay_level: 2.0 * hire_pay, hire_pay, offer_chance: 0.3, presence: 0.1 }
    }

    /// Where 2,000 reps quitting for a rival go: (to firm 0, to firm 1, to the rest of the industry).
    fn destinations(firms: &[(u16, FirmLink)], rest: f64) -> (u32, u32, u32) {
        let mut n = (0, 0, 0);
        for rep in 0..2_000 {
            match join_rival_firm(7, rep, 100, LeaveReason::Quit { to_rival: true }, firms, rest) {
                Some(0) => n.0 += 1,
                Some(_) => n.1 += 1,
                None => n.2 += 1,
            }
        }
        n
    }

    #[test]
    fn a_rep_quitting_for_a_rival_joins_firms_and_the_rest_of_the_industry_by_headcount_times_hire_pay() {
        let firms = [(0, firm(10, 100_000.0)), (1, firm(10, 300_000.0))];
        let (a, b, rest) = destinations(&firms, 0.0);
        assert_eq!(rest, 0, "with no rest of the industry, every such rep joins a firm");
        assert!(b > 2 * a, "the firm paying its hires three times as much draws more: {a} against {b}");
        // The rest of the industry: 80 reps paid 50k weigh as much as both firms together.
        let (a, b, rest) = destinations(&firms, 80.0 * 50_000.0);
        assert!((800..1200).contains(&rest), "about half go to the rest of the industry: {rest} ({a}, {b})");
        let leaving = LeaveReason::Quit { to_rival: false };
        assert_eq!(join_rival_firm(7, 1, 100, leaving, &firms, 0.0), None, "a rep not going to a rival joins none");
    }
}
