//! Mechanism 9, continued: departures that play out. A rep who leaves for a rival keeps working
//! its former customers from there. Each of its accounts that stayed is solicited every week while
//! it has no fully ramped rep of ours (held through the vacancy, unowned, or with a replacement
//! still ramping up), and follows the rep with a weekly hazard that grows with the rival's effort,
//! the customer's follow probability that week (its remembered bond to the rep, fading, against
//! its bonds to the company and our other contacts) and the cover it lacks, and that a non-solicit
//! agreement cuts. Each loss is a `FollowedRep` in the week it happens.

use crate::rng::{Purpose, Stream};
use crate::sim::accounts::loss::Losses;
use crate::sim::careers::follow::FollowModel;
use crate::sim::components::*;
use crate::sim::numerics::exp;
use crate::sim::resources::*;
use bevy::prelude::*;

/// A former customer a departed rep is soliciting.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Solicited {
    account: Entity,
    rep: u32,
    competitor: Option<u16>,
    /// The week the rep left (solicitation starts the week after).
    left_week: u32,
    /// The account's loyalty to the departed rep: its loyalty when the rep left, fading by
    /// `customers.loyalty_decay` each week it is solicited.
    bond: f32,
    /// The follow logit's terms fixed at the departure ([`FollowModel::fixed_terms`]).
    fixed: f32,
}

/// The former customers departed reps are soliciting, in the order they were left.
#[derive(Resource, Default, Debug)]
pub(crate) struct Solicitations(Vec<Solicited>);

impl Solicitations {
    /// Remember account `e` of `rep` (gone to a rival, `competitor` if a modelled one, in `week`)
    /// with its bond to the rep and the fixed terms of its follow logit.
    pub(crate) fn remember(&mut self, e: Entity, rep: u32, competitor: Option<u16>, week: u32, bond: f32, fixed: f64) {
        self.0.push(Solicited { account: e, rep, competitor, left_week: week, bond, fixed: fixed as f32 });
    }
}

/// Each competitor's effort on the former customers of the reps who join it, by id:
/// `solicit_effort` × √(capacity / entry capacity) (its sales force grows with the reps it poaches).
fn rival_efforts(s: &crate::Scenario, losses: &Losses) -> Vec<f64> {
    let mut efforts = vec![1.0; s.competitors.len()];
    for c in losses.competitors() {
        let spec = &s.competitors[c.id as usize];
        efforts[c.id as usize] = spec.solicit_effort * (c.hunting_hours(s, 0) / spec.hunting_hours.max(1.0)).sqrt();
    }
    efforts
}

/// By rep id: whether the rep is one of ours, active and past its ramp (its accounts are no
/// longer in play).
fn ramped_reps(reps: &Query<&Rep>, week: u32) -> Vec<bool> {
    let mut ramped = Vec::new();
    for rep in reps {
        if rep.status == RepStatus::Active && rep.tenure_weeks(week) >= rep.ramp_weeks {
            let i = rep.id as usize;
            if ramped.len() <= i {
                ramped.resize(i + 1, false);
            }
            ramped[i] = true;
        }
    }
    ramped
}

/// Each solicited account still in play follows its departed rep this week with probability
/// 1 − exp(−h), h = `solicit_rate` · effort · p_follow(bond, fading by (1 − decay) a week) ·
/// (1 − `solicit_cover_protection` · min(1, coverage)) · (1 − `non_solicit`). An account lost to
/// anything else, or with a fully ramped rep of ours, is no longer solicited.
pub(crate) fn solicit_former_customers(
    params: Res<Params>,
    clock: Res<Clock>,
    mut solicitations: ResMut<Solicitations>,
    mut losses: Losses,
    reps: Query<&Rep>,
    mut accounts: Query<(&Account, &AccountFile, &mut AccountState)>,
) {
    if solicitations.0.is_empty() {
        return;
    }
    let s = &params.0;
    let week = clock.week;
    let follow = FollowModel::new(s);
    let efforts = rival_efforts(s, &losses);
    let rate = s.customers.solicit_rate * (1.0 - s.ownership.non_solicit);
    let protection = s.behaviour.handover.solicit_cover_protection;
    let keep_bond = (1.0 - s.customers.loyalty_decay) as f32;
    // Per week, not per account: which reps are ours and ramped, and the highest chance any
    // account can have (follow probability and lack of cover at most 1), which most draws exceed.
    let ramped = ramped_reps(&reps, week);
    let most = 1.0 - exp(-rate * efforts.iter().fold(1.0_f64, |m, e| m.max(*e)));
    let draws = Stream::per_agent(clock.seed, week, Purpose::Solicitation);
    let list = std::mem::take(&mut solicitations.0);
    let mut still = Vec::with_capacity(list.len());
    // Accounts lost this week (two departed reps may solicit one account; it is despawned only
    // after this pass).
    let mut lost: Vec<Entity> = Vec::new();
    for mut r in list {
        if r.left_week >= week {
            still.push(r);
            continue;
        }
        if lost.contains(&r.account) {
            continue;
        }
        let Ok((a, file, mut st)) = accounts.get_mut(r.account) else { continue };
        if a.owner.is_some_and(|o| ramped.get(o as usize).copied().unwrap_or(false)) {
            continue;
        }
        r.bond *= keep_bond;
        let x = draws.of(a.id() as u64).unit();
        if x >= most {
            still.push(r);
            continue;
        }
        let p_follow = follow.probability_with(r.bond as f64, r.fixed as f64, a, &st);
        let effort = r.competitor.map_or(1.0, |c| efforts[c as usize]);
        let uncovered = 1.0 - protection * (st.coverage as f64).min(1.0);
        if x >= 1.0 - exp(-rate * effort * p_follow * uncovered) {
            still.push(r);
            continue;
        }
        losses.tally().poached_followers += r.competitor.is_some() as u32;
        let cause = LossCause::FollowedRep { rep: r.rep, competitor: r.competitor };
        let detail = format!(
            "solicited {} weeks after its rep left: loyalty to that rep {:.2} vs company {:.2}; coverage {:.2}",
            week - r.left_week,
            r.bond,
            st.loyalty_company,
            st.coverage
        );
        losses.lose(r.account, a, file, &mut st, week, cause, detail);
        lost.push(r.account);
    }
    solicitations.0 = still;
}
