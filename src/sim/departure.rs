//! Mechanism 9: a rep whose withdrawal period ends leaves; each of its customers follows it,
//! leaves for a third party, or stays and is handed on with the knowledge the CRM kept.

use super::closing::Closing;
use super::components::*;
use super::events::{CompetitorNames, EventLog};
use super::numerics::{ln_tenure, logistic};
use super::resources::*;
use super::{Tick, TickSet};
use crate::rng::{Purpose, Stream};
use crate::scenario::Scenario;
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Tick, (release_departing_reps, resolve_departing_accounts).chain().in_set(TickSet::Departure));
}

/// Other company contacts an account has besides its rep: technical specialist, service
/// contact, and being a company (house/multiplexed) account.
pub fn other_contacts(b: &Bonds) -> f64 {
    (b.technical.is_some() as u8 + b.service.is_some() as u8 + b.company_owned as u8) as f64
}

/// Probability that an account follows its departing rep to a rival:
/// logit p = logit(base) + w_L·(L_rep − L_co − 0.5) + w_T·(ln(1 + rep years) − ln(1 + company years))
///           − w_C·contacts − w_CRM·crm + w_col·colleagues leaving with the rep.
pub struct FollowModel<'a> {
    s: &'a Scenario,
    /// The terms that do not depend on the account: logit(base) − w_CRM·crm.
    constant: f64,
}

impl<'a> FollowModel<'a> {
    pub fn new(s: &'a Scenario) -> Self {
        let base = s.customers.follow_base.clamp(1e-6, 1.0 - 1e-6);
        let constant = (base / (1.0 - base)).ln() - s.customers.follow_crm_weight * s.ownership.crm_retention;
        FollowModel { s, constant }
    }

    #[inline]
    pub fn probability(&self, b: &Bonds, week: u32, colleagues: u32) -> f64 {
        let u = &self.s.customers;
        // ln((1 + rep years) / (1 + company years)); 0 for an account still with the rep that won it.
        let tenure_log_ratio = if b.rep_since_week == b.won_week {
            0.0
        } else {
            ln_tenure(week as i32 - b.rep_since_week) - ln_tenure(week as i32 - b.won_week)
        };
        let logit = self.constant
            + u.follow_loyalty_weight * (b.loyalty_rep - b.loyalty_company - 0.5)
            + u.follow_tenure_weight * tenure_log_ratio
            - u.follow_contact_weight * other_contacts(b)
            + u.follow_colleague_weight * colleagues as f64;
        logistic(logit)
    }
}

/// [`FollowModel::probability`] for one account.
pub fn follow_probability(s: &Scenario, b: &Bonds, week: u32, colleagues: u32) -> f64 {
    FollowModel::new(s).probability(b, week, colleagues)
}

/// Probability that an account that does not follow leaves for a third party:
/// p = base · (1 − crm) · clamp(1 + L_rep − L_co, 0, 2).
pub fn leave_probability(s: &Scenario, b: &Bonds) -> f64 {
    (s.customers.leave_on_departure
        * (1.0 - s.ownership.crm_retention)
        * (1.0 + b.loyalty_rep - b.loyalty_company).clamp(0.0, 2.0))
    .min(1.0)
}

/// Reps leaving this week, by id: (competitor joined, joins a rival at all, colleagues leaving to the same place).
#[derive(Resource, Default, Debug)]
pub struct Leavers(pub Vec<(u32, Option<u16>, bool, u32)>);

/// Reps whose withdrawal ends leave: status, tallies, forfeited deferred pay, team morale.
pub fn release_departing_reps(
    clock: Res<Clock>,
    names: Res<CompetitorNames>,
    mut staffing: ResMut<Staffing>,
    mut tally: ResMut<WeekTally>,
    mut log: ResMut<EventLog>,
    mut leavers: ResMut<Leavers>,
    mut competitors: Query<&mut Competitor>,
    mut reps: Query<(&mut Rep, &mut Workload, &mut PayState)>,
) {
    let week = clock.week;
    leavers.0.clear();
    let mut teams = Vec::new();
    for (mut rep, _, mut pay) in &mut reps {
        let RepStatus::Withdrawing { leave_week, reason } = rep.status else { continue };
        if leave_week > week {
            continue;
        }
        rep.status = RepStatus::Departed { week, reason };
        pay.forfeited += pay.unvested();
        pay.deferred.clear();
        let first_year = rep.tenure_weeks(week) < 52.0;
        tally.first_year_departures += first_year as u32;
        tally.tenured_departures += (rep.tenure_weeks(week) >= 156.0) as u32;
        let rec = log.push(week, "").rep(rep.id);
        let (to, rival) = match reason {
            LeaveReason::Poached { competitor } => {
                tally.poached += 1;
                rec.kind = "poached";
                rec.competitor(names.name(competitor)).cause("accepted competitor offer");
                for mut c in &mut competitors {
                    if c.id == competitor {
                        c.reps_poached += 1;
                    }
                }
                (Some(competitor), true)
            }
            LeaveReason::Quit { to_rival } => {
                tally.quit += 1;
                tally.first_year_quit += first_year as u32;
                rec.kind = "quit";
                rec.cause(if to_rival { "quit to a rival firm" } else { "quit" });
                (None, to_rival)
            }
        };
        rec.detail(format!("tenure {:.0} weeks", rep.tenure_weeks(week)));
        staffing.recent_departures.push((rep.team, week));
        teams.push(rep.team);
        leavers.0.push((rep.id, to, rival, 0));
    }
    staffing.recent_departures.retain(|(_, w)| week.saturating_sub(*w) < 13);
    let snapshot = leavers.0.clone();
    for l in &mut leavers.0 {
        l.3 = snapshot.iter().filter(|o| o.0 != l.0 && o.2 && l.2 && o.1 == l.1).count() as u32;
    }
    for (rep, mut work, _) in &mut reps {
        if rep.status == RepStatus::Active && teams.contains(&rep.team) {
            work.morale = (work.morale - 0.05).max(0.0);
        }
    }
}

/// Each account of a leaving rep follows (if the rep joins a rival), leaves, or stays unowned
/// until reassigned, keeping `crm_retention` of the account knowledge. Leavers are taken in
/// their order in [`Leavers`], each one's accounts in the order of its portfolio.
pub fn resolve_departing_accounts(
    params: Res<Params>,
    clock: Res<Clock>,
    names: Res<CompetitorNames>,
    leavers: Res<Leavers>,
    mut portfolios: ResMut<Portfolios>,
    mut closing: Closing,
    mut tally: ResMut<WeekTally>,
    mut log: ResMut<EventLog>,
    mut competitors: Query<&mut Competitor>,
    mut customers: Query<(Entity, &mut Customer, &mut Bonds, &mut Ledger), With<ActiveAccount>>,
    mut commands: Commands,
) {
    if leavers.0.is_empty() {
        return;
    }
    let s = &params.0;
    let week = clock.week;
    let crm = s.ownership.crm_retention;
    let follow = FollowModel::new(s);
    let mut left_unowned = Vec::new();
    for &(rep, to, rival, colleagues) in &leavers.0 {
        for &e in portfolios.of(rep) {
            let Ok((e, mut c, mut b, mut l)) = customers.get_mut(e) else { continue };
            if b.owner != Some(rep) {
                continue;
            }
            closing.take_out(&c, &b, &l);
            tally.departing_accounts += 1;
            let poached = to.is_some();
            tally.poached_accounts += poached as u32;
            let mut r = Stream::new(clock.seed, c.id as u64, week, Purpose::Departure);
            let p_follow = if rival { follow.probability(&b, week, colleagues) } else { 0.0 };
            let detail = format!("loyalty to rep {:.2} vs company {:.2}", b.loyalty_rep, b.loyalty_company);
            if r.chance(p_follow) {
                c.stage = Stage::Lost { week, cause: LossCause::FollowedRep { rep, competitor: to } };
                tally.followed += 1;
                tally.poached_followers += poached as u32;
                let rec = log.push(week, "follow").rep(rep).customer(c.id).cause("rep left").detail(detail);
                if let Some(comp) = to {
                    rec.competitor(names.name(comp));
                    for mut k in &mut competitors {
                        if k.id == comp {
                            k.customers_taken += 1;
                        }
                    }
                }
            } else if r.chance(leave_probability(s, &b)) {
                c.stage = Stage::Lost { week, cause: LossCause::LeftOnDeparture { rep } };
                tally.left_on_departure += 1;
                log.push(week, "lost_on_departure").rep(rep).customer(c.id).cause("rep left").detail(detail);
            } else {
                b.loyalty_rep = 0.0;
                b.knowledge = b.knowledge.min(crm);
                b.satisfaction = (b.satisfaction - 0.1 * (1.0 - crm)).max(0.0);
                b.owner = None;
                closing.enter(e, &c, &b, &l);
                left_unowned.push(e);
                continue;
            }
            commands.entity(e).remove::<ActiveAccount>();
            l.revenue_week = 0.0;
            l.last_owner = Some(rep);
            b.owner = None;
            b.technical = None;
            b.service = None;
        }
    }
    portfolios.unowned.extend(left_unowned);
}
