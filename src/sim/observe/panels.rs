//! Yearly panels for analysis: one row per rep per year (`reps.csv`) and one row per account per
//! year (`accounts.csv`), written at each year end and at the end of the run. The yearly sums are
//! observation ([`RepYear`], `rep_year.rs`), kept apart from the model's state.

use crate::csv_row;
use crate::sim::accounts::loss::LostAccounts;
use crate::sim::careers::departure::FollowModel;
use crate::sim::components::*;
use crate::sim::deals::close::DealLog;
use crate::sim::deals::{DealKind, DealOutcome};
use crate::sim::observe::events::CompetitorNames;
use crate::sim::observe::rep_year::RepYear;
use crate::sim::observe::scorecard::{BookAtYearEnd, Card, cost_per_hour};
use crate::sim::resources::*;
use bevy::prelude::*;

csv_row! {
    /// One rep in one year.
    pub struct RepYearRow {
        pub rep_id: u32,
        pub year: u32,
        /// The firm's name while employed (the scenario's, or the firm's in an industry); the
        /// competitor's name if poached; `left` otherwise.
        pub employer: String,
        /// The seat (territory) it held.
        pub seat: u32,
        pub skill: f64,
        pub tenure_weeks: f64,
        /// Sales credited in the commission basis, $ (recurring revenue and deals closed).
        pub revenue_credited: f64,
        /// The year's quota, $ (each period's quota, pro rata for the weeks employed).
        pub quota: f64,
        pub attainment: f64,
        /// Pay earned: base and variable (commission, team pool, bonuses, guarantee), $.
        pub base_pay: f64,
        pub variable_pay: f64,
        pub hunting_share: f64,
        pub accounts_owned: u32,
        pub deals_won: u32,
        pub deals_lost: u32,
        /// Won ÷ (won + lost) of its deals closed this year (0 with none).
        pub win_rate: f64,
        /// Annual value of the deals it won, $/year.
        pub bookings: f64,
        /// New customers it won, and the share of them of the ideal profile.
        pub new_accounts: u32,
        pub new_accounts_icp_share: f64,
        /// Accounts of its book lost this year (any cause), and its book's retention: 1 − lost ÷
        /// (accounts at the start of its year + new accounts).
        pub accounts_lost: u32,
        pub book_retention: f64,
        /// Revenue of its book this year, $, and its gross margin, $.
        pub revenue: f64,
        pub gross_margin: f64,
        /// Revenue-weighted discount its book buys at, at the year end.
        pub discount: f64,
        /// Gross margin less its pay (base and variable), $.
        pub contribution: f64,
        /// Hours worked in the year, the mean a week, and its mean fatigue (0 = rested).
        pub hours_worked: f64,
        pub hours_per_week: f64,
        pub fatigue: f64,
        /// Revenue and contribution per hour worked, $.
        pub revenue_per_hour: f64,
        pub contribution_per_hour: f64,
        /// Its pay ÷ its book's revenue.
        pub cost_of_sales: f64,
        /// Revenue a year that would follow it to a rival if it left at the year end, $/year.
        pub portable_book: f64,
        /// Its customers' loyalty to it as a share of their loyalty to it and the company
        /// (revenue-weighted, year end): high = they are its customers rather than the company's.
        pub loyalty_to_rep_share: f64,
        pub left_week: Option<u32>,
        /// `quit`, `quit_to_rival`, `poached`, `managed_out` or `managed_out_to_rival`.
        pub leave_reason: &'static str,
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
        /// Mean coverage ratio over its weeks this year (rep and specialists).
        pub coverage: f64,
        pub loyalty_to_rep: f64,
        pub loyalty_to_company: f64,
        pub satisfaction: f64,
        pub wallet_share: f64,
        pub complex_needs: bool,
        pub ideal_profile: bool,
        pub company_owned: bool,
        /// Week it became a customer (negative: before the run).
        pub won_week: i32,
        /// Gross margin at list, the discount it buys at, its gross margin this year ($), the hours
        /// its rep gave it, and its contribution: gross margin less those hours at its rep's cost
        /// per hour ($).
        pub margin: f64,
        pub discount: f64,
        pub gross_margin: f64,
        pub hours: f64,
        pub contribution: f64,
        pub lost_week: Option<u32>,
        /// `dissatisfied`, `competitor`, `followed_rep` or `left_on_departure`.
        pub lost_cause: &'static str,
        /// Competitor or rep involved in the loss.
        pub lost_to: String,
    }
}

/// What the summary needs from the panels: annual quota over pay and the annual attainment of
/// every rep employed all year.
#[derive(Resource, Default, Debug, Clone)]
pub struct YearStats {
    pub quota_to_pay_sum: f64,
    pub quota_to_pay_n: u32,
    pub attainment: Vec<f64>,
}

/// The panel rows produced this tick.
#[derive(Resource, Default, Debug)]
pub struct PanelRows {
    pub reps: Vec<RepYearRow>,
    pub accounts: Vec<AccountYearRow>,
}

fn leave_reason(r: LeaveReason) -> &'static str {
    match r {
        LeaveReason::Quit { to_rival: false } => "quit",
        LeaveReason::Quit { to_rival: true } => "quit_to_rival",
        LeaveReason::Poached { .. } => "poached",
        LeaveReason::ManagedOut { to_rival: false } => "managed_out",
        LeaveReason::ManagedOut { to_rival: true } => "managed_out_to_rival",
    }
}

/// Add this week to the year of every rep who worked in it (including one who left this week,
/// whatever its pay): credit, quota (pro rata), pay, hours, fatigue, its book's revenue and
/// margin, deals.
pub(crate) fn accumulate_rep_years(
    params: Res<Params>,
    clock: Res<Clock>,
    index: Res<RepIndex>,
    deals: Res<DealLog>,
    books: Res<Books>,
    mut reps: Query<(&Rep, &Workload, &PayState, &mut RepYear)>,
) {
    let period = params.0.pay.quota_period.weeks() as f64;
    for (rep, work, pay, mut y) in &mut reps {
        if !rep.worked_in(clock.week) {
            continue;
        }
        let book = books.get(rep.id).filter(|_| rep.is_employed());
        if y.weeks == 0 {
            y.start_accounts = book.map_or(0, |b| b.accounts);
        }
        y.weeks += 1;
        y.credit += pay.week_credit;
        y.quota += pay.period_quota / period;
        y.base += pay.week_base;
        y.variable += pay.week_variable;
        y.hunting += work.hunting;
        y.hours += work.worked();
        y.fatigue += work.fatigue;
        y.revenue += book.map_or(0.0, |b| b.revenue_week);
        y.margin += book.map_or(0.0, |b| b.margin_week);
    }
    for d in &deals.0 {
        let Some(e) = d.rep_id.and_then(|r| index.entity.get(r as usize)) else { continue };
        let Ok((_, _, _, mut y)) = reps.get_mut(*e) else { continue };
        match d.outcome {
            DealOutcome::Won => {
                y.deals_won += 1;
                y.bookings += d.size;
                if d.kind == DealKind::NewCustomer {
                    y.new_accounts += 1;
                    y.new_icp += d.ideal_profile as u32;
                }
            }
            DealOutcome::Lost => y.deals_lost += 1,
            _ => {}
        }
    }
}

/// The accounts' rows of the year, and each rep's book at the year end; resets the accounts'
/// yearly sums. `cost` is each rep's cost per hour this year (by rep id).
fn account_rows(
    follow: &FollowModel,
    clock: &Clock,
    names: &CompetitorNames,
    lost: &LostAccounts,
    cost: &[f64],
    accounts: &mut Query<(&Account, &AccountFile, &mut AccountState)>,
) -> (Vec<AccountYearRow>, Vec<BookAtYearEnd>) {
    let year_start = clock.year() * YEAR_WEEKS;
    let mut books = vec![BookAtYearEnd::default(); cost.len()];
    let cost_of = |owner: Option<u32>, hours: f64| owner.and_then(|o| cost.get(o as usize)).map_or(0.0, |c| c * hours);
    let mut rows: Vec<AccountYearRow> = Vec::new();
    let weeks_in_year = (clock.week - year_start + 1) as f64;
    for (a, f, mut st) in accounts.iter_mut() {
        let weeks = weeks_in_year.min((clock.week as i32 - a.won_week + 1).max(1) as f64);
        if let Some(b) = a.owner.and_then(|o| books.get_mut(o as usize)) {
            b.add(follow, a, f, &st, clock.week);
        }
        rows.push(AccountYearRow {
            account_id: a.id(),
            year: clock.year(),
            owner_rep: a.owner,
            status: "active",
            revenue: st.revenue_year,
            coverage: st.coverage_year as f64 / weeks,
            loyalty_to_rep: st.loyalty_rep as f64,
            loyalty_to_company: st.loyalty_company as f64,
            satisfaction: st.satisfaction as f64,
            wallet_share: st.wallet_share as f64,
            complex_needs: a.complex,
            ideal_profile: a.icp,
            company_owned: a.company_owned,
            won_week: a.won_week,
            margin: a.margin as f64,
            discount: st.discount as f64,
            gross_margin: st.margin_year,
            hours: st.hours_year as f64,
            contribution: st.margin_year - cost_of(a.owner, st.hours_year as f64),
            lost_week: None,
            lost_cause: "",
            lost_to: String::new(),
        });
        let st = st.bypass_change_detection();
        st.revenue_year = 0.0;
        st.coverage_year = 0.0;
        st.margin_year = 0.0;
        st.hours_year = 0.0;
    }
    for l in lost.since(year_start) {
        let (cause, to) = match l.cause {
            LossCause::Dissatisfied => ("dissatisfied", String::new()),
            LossCause::Competitor(k) => ("competitor", names.name(k).to_string()),
            LossCause::FollowedRep { rep, competitor } => {
                ("followed_rep", competitor.map_or(format!("rep {rep}"), |k| names.name(k).to_string()))
            }
            LossCause::LeftOnDeparture { rep } => ("left_on_departure", format!("rep {rep}")),
        };
        if let Some(b) = l.last_owner.and_then(|o| books.get_mut(o as usize)) {
            b.lost += 1;
        }
        let weeks = ((l.week - year_start + 1) as f64).min((l.week as i32 - l.won_week + 1).max(1) as f64);
        rows.push(AccountYearRow {
            account_id: l.id,
            year: clock.year(),
            owner_rep: l.last_owner,
            status: "lost",
            revenue: l.revenue_year,
            coverage: l.coverage_year / weeks,
            loyalty_to_rep: l.loyalty_rep,
            loyalty_to_company: l.loyalty_company,
            satisfaction: l.satisfaction,
            wallet_share: l.wallet_share,
            complex_needs: l.complex,
            ideal_profile: l.icp,
            company_owned: l.company_owned,
            won_week: l.won_week,
            margin: l.margin,
            discount: l.discount,
            gross_margin: l.margin_year,
            hours: l.hours_year,
            contribution: l.margin_year - cost_of(l.last_owner, l.hours_year),
            lost_week: Some(l.week),
            lost_cause: cause,
            lost_to: to,
        });
    }
    rows.sort_unstable_by_key(|r| r.account_id);
    (rows, books)
}

/// At a year end: one row per rep employed during the year and per account active during it;
/// then reset the yearly sums.
pub(crate) fn write_year_panels(
    params: Res<Params>,
    clock: Res<Clock>,
    books: Res<Books>,
    names: Res<CompetitorNames>,
    lost: Res<LostAccounts>,
    mut stats: ResMut<YearStats>,
    mut out: ResMut<PanelRows>,
    mut reps: Query<(&Rep, &mut RepYear)>,
    mut accounts: Query<(&Account, &AccountFile, &mut AccountState)>,
) {
    if !clock.is_year_end(params.0.weeks) {
        return;
    }
    let year = clock.year();
    let year_start = year * YEAR_WEEKS;
    let ids = reps.iter().map(|(r, _)| r.id as usize + 1).max().unwrap_or(0);
    let mut cost = vec![0.0; ids];
    for (rep, y) in &reps {
        cost[rep.id as usize] = cost_per_hour(&y);
    }
    let follow = FollowModel::new(&params.0);
    let (account_rows, book_ends) = account_rows(&follow, &clock, &names, &lost, &cost, &mut accounts);
    let mut rep_rows = Vec::new();
    for (rep, mut y) in &mut reps {
        let (employer, left_week, reason) = match rep.status {
            RepStatus::Departed { week, .. } if week < year_start => continue,
            RepStatus::Departed { week, reason } => {
                let employer = match reason {
                    LeaveReason::Poached { competitor } => names.name(competitor).to_string(),
                    _ => "left".to_string(),
                };
                (employer, Some(week), leave_reason(reason))
            }
            _ => (names.firm().to_string(), None, ""),
        };
        let full_year =
            rep.hired_week <= year_start as i32 && left_week.is_none() && clock.week == year_start + YEAR_WEEKS - 1;
        let pay = y.base + y.variable;
        if full_year && pay > 0.0 && y.quota > 0.0 {
            stats.quota_to_pay_sum += y.quota / pay;
            stats.quota_to_pay_n += 1;
            stats.attainment.push(y.credit / y.quota);
        }
        let end = book_ends[rep.id as usize];
        let card = Card::of(&y, end.lost);
        rep_rows.push(RepYearRow {
            rep_id: rep.id,
            year,
            employer,
            seat: rep.seat,
            skill: rep.skill,
            tenure_weeks: rep.tenure_weeks(left_week.unwrap_or(clock.week)),
            revenue_credited: y.credit,
            quota: y.quota,
            attainment: if y.quota > 0.0 { y.credit / y.quota } else { 0.0 },
            base_pay: y.base,
            variable_pay: y.variable,
            hunting_share: if y.hours > 0.0 { y.hunting / y.hours } else { 0.0 },
            accounts_owned: if left_week.is_none() { books.get(rep.id).map_or(0, |b| b.accounts) } else { 0 },
            deals_won: y.deals_won,
            deals_lost: y.deals_lost,
            win_rate: card.win_rate,
            bookings: y.bookings,
            new_accounts: y.new_accounts,
            new_accounts_icp_share: card.new_accounts_icp_share,
            accounts_lost: end.lost,
            book_retention: card.book_retention,
            revenue: y.revenue,
            gross_margin: y.margin,
            discount: end.discount(),
            contribution: card.contribution,
            hours_worked: y.hours,
            hours_per_week: card.hours_per_week,
            fatigue: card.fatigue,
            revenue_per_hour: card.revenue_per_hour,
            contribution_per_hour: card.contribution_per_hour,
            cost_of_sales: card.cost_of_sales,
            portable_book: end.portable,
            loyalty_to_rep_share: end.rep_loyalty_share(),
            left_week,
            leave_reason: reason,
        });
        *y = RepYear::default();
    }
    rep_rows.sort_by_key(|r| r.rep_id);
    out.reps.extend(rep_rows);
    out.accounts.extend(account_rows);
}
