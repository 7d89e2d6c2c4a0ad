//! Yearly panels for analysis: one row per rep per year (`reps.csv`) and one row per account per
//! year (`accounts.csv`), written at each year end and at the end of the run.

use super::components::*;
use super::events::CompetitorNames;
use super::metrics::{Outbox, Totals};
use super::resources::*;
use crate::csv_row;
use bevy::prelude::*;

csv_row! {
    /// One rep in one year.
    pub struct RepYearRow {
        pub rep_id: u32,
        pub year: u32,
        /// `company` while employed; the competitor's name if poached; `left` if it quit.
        pub employer: String,
        pub tenure_weeks: f64,
        /// Sales credited in the commission basis, $.
        pub revenue_credited: f64,
        /// Sum of the year's period quotas, $.
        pub quota: f64,
        pub attainment: f64,
        pub base_pay: f64,
        pub variable_pay: f64,
        pub hunting_share: f64,
        pub accounts_owned: u32,
        pub left_week: Option<u32>,
        /// `quit`, `quit_to_rival` or `poached`.
        pub leave_reason: String,
    }
}

csv_row! {
    /// One account in one year (accounts active at some point in that year).
    pub struct AccountYearRow {
        pub account_id: u32,
        pub year: u32,
        pub owner_rep: Option<u32>,
        /// `active` or `lost`.
        pub status: &'static str,
        pub revenue: f64,
        pub loyalty_to_rep: f64,
        pub loyalty_to_company: f64,
        pub satisfaction: f64,
        pub wallet_share: f64,
        pub complex_needs: bool,
        pub company_owned: bool,
        pub lost_week: Option<u32>,
        /// `dissatisfied`, `competitor`, `followed_rep` or `left_on_departure`.
        pub lost_cause: &'static str,
        /// Competitor or rep involved in the loss.
        pub lost_to: String,
    }
}

fn leave_reason(r: LeaveReason) -> &'static str {
    match r {
        LeaveReason::Quit { to_rival: false } => "quit",
        LeaveReason::Quit { to_rival: true } => "quit_to_rival",
        LeaveReason::Poached { .. } => "poached",
    }
}

/// At a year end: one row per rep employed during the year and per account active during it;
/// then reset the yearly accumulators.
pub fn write_year_panels(
    params: Res<Params>,
    clock: Res<Clock>,
    books: Res<Books>,
    names: Res<CompetitorNames>,
    mut totals: ResMut<Totals>,
    mut outbox: ResMut<Outbox>,
    mut reps: Query<(&Rep, &mut PayState)>,
    mut customers: Query<(&Customer, &Bonds, &mut Ledger)>,
) {
    if !clock.is_year_end(params.0.weeks) {
        return;
    }
    let year = clock.year();
    let year_start = year * 52;
    let mut rep_rows = Vec::new();
    for (rep, mut pay) in &mut reps {
        let (employer, left_week, reason) = match rep.status {
            RepStatus::Departed { week, .. } if week < year_start => continue,
            RepStatus::Departed { week, reason } => {
                let employer = match reason {
                    LeaveReason::Poached { competitor } => names.name(competitor).to_string(),
                    LeaveReason::Quit { .. } => "left".to_string(),
                };
                (employer, Some(week), leave_reason(reason).to_string())
            }
            _ => ("company".to_string(), None, String::new()),
        };
        let full_year = rep.hired_week <= year_start as i32 && left_week.is_none();
        let total = pay.year_base + pay.year_variable;
        if full_year && total > 0.0 && pay.year_quota > 0.0 {
            totals.quota_to_pay_sum += pay.year_quota / total;
            totals.quota_to_pay_n += 1;
        }
        rep_rows.push(RepYearRow {
            rep_id: rep.id,
            year,
            employer,
            tenure_weeks: rep.tenure_weeks(left_week.unwrap_or(clock.week)),
            revenue_credited: pay.year_credit,
            quota: pay.year_quota,
            attainment: if pay.year_quota > 0.0 { pay.year_credit / pay.year_quota } else { 0.0 },
            base_pay: pay.year_base,
            variable_pay: pay.year_variable,
            hunting_share: if pay.year_hours > 0.0 { pay.year_hunting / pay.year_hours } else { 0.0 },
            accounts_owned: if left_week.is_none() { books.get(rep.id).map(|b| b.accounts).unwrap_or(0) } else { 0 },
            left_week,
            leave_reason: reason,
        });
        pay.year_credit = 0.0;
        pay.year_quota = 0.0;
        pay.year_base = 0.0;
        pay.year_variable = 0.0;
        pay.year_hunting = 0.0;
        pay.year_hours = 0.0;
    }
    rep_rows.sort_by_key(|r| r.rep_id);
    let mut account_rows = Vec::new();
    for (c, b, mut l) in &mut customers {
        let (status, lost_week, cause, to) = match c.stage {
            Stage::Active => ("active", None, "", String::new()),
            Stage::Lost { week, cause } if week >= year_start => match cause {
                LossCause::Dissatisfied => ("lost", Some(week), "dissatisfied", String::new()),
                LossCause::Competitor(k) => ("lost", Some(week), "competitor", names.name(k).to_string()),
                LossCause::FollowedRep { rep, competitor } => (
                    "lost",
                    Some(week),
                    "followed_rep",
                    competitor.map_or(format!("rep {rep}"), |k| names.name(k).to_string()),
                ),
                LossCause::LeftOnDeparture { rep } => ("lost", Some(week), "left_on_departure", format!("rep {rep}")),
                LossCause::ProspectWonByCompetitor(_) => continue,
            },
            _ => continue,
        };
        account_rows.push(AccountYearRow {
            account_id: c.id,
            year,
            owner_rep: b.owner.or(l.last_owner),
            status,
            revenue: l.revenue_year,
            loyalty_to_rep: b.loyalty_rep,
            loyalty_to_company: b.loyalty_company,
            satisfaction: b.satisfaction,
            wallet_share: b.wallet_share,
            complex_needs: c.complex,
            company_owned: b.company_owned,
            lost_week,
            lost_cause: cause,
            lost_to: to,
        });
        l.revenue_year = 0.0;
    }
    account_rows.sort_unstable_by_key(|r| r.account_id);
    outbox.reps.extend(rep_rows);
    outbox.accounts.extend(account_rows);
}
