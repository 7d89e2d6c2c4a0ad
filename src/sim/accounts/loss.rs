//! Losing an account, the one path shared by churn and departure: it is taken out of the week's
//! close, archived with its final state (the yearly panel and the live view read the archive),
//! counted and logged, and its entity is despawned (no other entity changes table).

use crate::sim::accounts::closing::Closing;
use crate::sim::careers::moves::{Emigrants, MovingAccount, Why};
use crate::sim::components::*;
use crate::sim::deals::account::AccountDeals;
use crate::sim::deals::close::{DealLog, Outcome, record};
use crate::sim::observe::events::Cause;
use crate::sim::observe::events::{CompetitorNames, EventKind, EventLog};
use crate::sim::resources::*;
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

/// An account as it was when it was lost.
#[derive(Clone, Debug, PartialEq)]
pub struct LostAccount {
    pub id: u32,
    pub week: u32,
    pub cause: LossCause,
    /// The rep that covered it when it was lost.
    pub last_owner: Option<u32>,
    pub won_week: i32,
    pub complex: bool,
    pub icp: bool,
    pub company_owned: bool,
    pub loyalty_rep: f64,
    pub loyalty_company: f64,
    pub satisfaction: f64,
    pub wallet_share: f64,
    /// Revenue, summed weekly coverage, gross margin and its rep's hours in the year it was lost.
    pub revenue_year: f64,
    pub coverage_year: f64,
    pub margin_year: f64,
    pub hours_year: f64,
    /// Its gross margin at list and the discount it bought at.
    pub margin: f64,
    pub discount: f64,
}

/// Every account lost so far, in the order lost.
#[derive(Resource, Default, Debug)]
pub struct LostAccounts(pub Vec<LostAccount>);

impl LostAccounts {
    /// The accounts lost in or after `week` (the list is in time order).
    pub(crate) fn since(&self, week: u32) -> &[LostAccount] {
        let start = self.0.partition_point(|l| l.week < week);
        &self.0[start..]
    }
}

/// An account lost to rival firm `c`, as it moves there (`migration.rs`).
fn moving_account(c: u16, cause: LossCause, a: &Account, file: &AccountFile, st: &AccountState) -> MovingAccount {
    let why = match cause {
        LossCause::FollowedRep { rep, .. } => Why::Follows(rep),
        _ => Why::Switched,
    };
    MovingAccount {
        rival: c,
        why,
        traits: Traits {
            id: a.id(),
            potential: a.potential,
            price_sensitivity: a.price_sensitivity as f64,
            icp: a.icp,
            complexity_draw: file.complexity_draw,
            margin: a.margin as f64,
        },
        complex: a.complex,
        loyalty_rep: st.loyalty_rep,
        knowledge: st.knowledge,
        wallet_share: st.wallet_share,
        discount: st.discount,
    }
}

/// What losing an account touches.
#[derive(SystemParam)]
pub struct Losses<'w, 's> {
    pub closing: Closing<'w>,
    lost: ResMut<'w, LostAccounts>,
    tally: ResMut<'w, WeekTally>,
    log: ResMut<'w, EventLog>,
    index: ResMut<'w, RepIndex>,
    names: Res<'w, CompetitorNames>,
    deal_log: ResMut<'w, DealLog>,
    deals: ResMut<'w, AccountDeals>,
    params: Res<'w, Params>,
    emigrants: ResMut<'w, Emigrants>,
    competitors: Query<'w, 's, &'static mut Competitor>,
    commands: Commands<'w, 's>,
}

impl Losses<'_, '_> {
    /// The week's tallies.
    pub(crate) fn tally(&mut self) -> &mut WeekTally {
        &mut self.tally
    }

    /// The event log.
    pub(crate) fn log(&mut self) -> &mut EventLog {
        &mut self.log
    }

    /// The competitors (for their pulls on customers).
    pub(crate) fn competitors(&self) -> impl Iterator<Item = &Competitor> {
        self.competitors.iter()
    }

    /// Lose account `e` in `week` for `cause`, logging `detail` with it.
    pub(crate) fn lose(
        &mut self,
        e: Entity,
        a: &Account,
        file: &AccountFile,
        st: &mut AccountState,
        week: u32,
        cause: LossCause,
        detail: String,
    ) {
        self.closing.take_out(a, st);
        self.lost.0.push(LostAccount {
            id: a.id(),
            week,
            cause,
            last_owner: a.owner,
            won_week: a.won_week,
            complex: a.complex,
            icp: a.icp,
            company_owned: a.company_owned,
            loyalty_rep: st.loyalty_rep as f64,
            loyalty_company: st.loyalty_company as f64,
            satisfaction: st.satisfaction as f64,
            wallet_share: st.wallet_share as f64,
            revenue_year: st.revenue_year,
            coverage_year: st.coverage_year as f64,
            margin_year: st.margin_year,
            hours_year: st.hours_year as f64,
            margin: a.margin as f64,
            discount: st.discount as f64,
        });
        self.commands.entity(e).despawn();
        if let Some(d) = self.deals.take(st) {
            record(&mut self.deal_log, &mut self.log, &mut self.tally, &d.terms, a.owner, week, Outcome::Cancelled);
        }
        let tenure = (week as i32 - a.won_week) as f64;
        self.tally.lost_first_year += (tenure < FIRST_YEAR_WEEKS) as u32;
        self.tally.lost_tenured += (tenure >= TENURED_WEEKS) as u32;
        self.tally.lost_icp += a.icp as u32;
        let (kind, why, competitor) = match cause {
            LossCause::Dissatisfied => {
                self.tally.churned += 1;
                (EventKind::Churn, Cause::Dissatisfied, None)
            }
            LossCause::Competitor(c) => {
                self.tally.churned += 1;
                self.tally.churned_to_competitor += 1;
                (EventKind::Churn, Cause::Competitor, Some(c))
            }
            LossCause::FollowedRep { competitor, .. } => {
                self.tally.followed += 1;
                (EventKind::Follow, Cause::RepLeft, competitor)
            }
            LossCause::LeftOnDeparture { .. } => {
                self.tally.left_on_departure += 1;
                (EventKind::LostOnDeparture, Cause::RepLeft, None)
            }
        };
        if kind == EventKind::Churn {
            self.tally.churned_complex += a.complex as u32;
            if let Some(o) = a.owner {
                self.index.lost_one(o);
            }
        }
        let rep = match cause {
            LossCause::FollowedRep { rep, .. } | LossCause::LeftOnDeparture { rep } => Some(rep),
            _ => a.owner,
        };
        let rec = self.log.push(week, kind).customer(a.id()).cause(why).detail(detail);
        if let Some(r) = rep {
            rec.rep(r);
        }
        if let Some(c) = competitor {
            rec.competitor(self.names.name(c));
            if self.params.0.competitors[c as usize].firm.is_some() {
                self.emigrants.accounts.push(moving_account(c, cause, a, file, st));
            }
            for mut k in &mut self.competitors {
                if k.id == c {
                    k.customers_taken += 1;
                }
            }
        }
    }
}
