//! The settled start (docs/MODEL.md §3.1): the week-0 world is set as if the policies of week 0
//! had been in force for every account's and rep's history, so no output shows an artefact of
//! week 0. Each account's satisfaction, loyalty to its rep and the company and share of wallet
//! follow the closed-form paths of mechanisms 4–6 under the coverage its rep's week-0 plan gives
//! it, for as long as it has been a customer (and with that rep); the books, plans and paths are
//! solved together by a few rounds of fixed-point iteration. Pipelines hold the deals opened in the
//! weeks before week 0 that have not closed yet, with the effort given them so far; each rep's
//! pace of sales, quota and expected pay follow from its book and pipeline.

use crate::rng::{Purpose, Stream};
use crate::scenario::{QuotaSetting, Scenario};
use crate::sim::accounts::complexity::{complex_fit, needs_met};
use crate::sim::accounts::revenue::wallet_ceiling;
use crate::sim::accounts::value::{discount_lift, offered_discount};
use crate::sim::components::*;
use crate::sim::deals::account::{AccountDeals, open_account_deal};
use crate::sim::deals::forecast::credit_share;
use crate::sim::deals::hunt::{pick_prospect, pursuit};
use crate::sim::deals::{
    DealKind, Odds, Pursuit, Terms, chance, complex_factor, effort_factor, opportunities_per_hour, skill_factor,
};
use crate::sim::effort::attention::ValueBins;
use crate::sim::effort::books::{NextBooks, ln_need_hours};
use crate::sim::effort::hours::plan_rep;
use crate::sim::resources::*;

/// Rounds of the fixed point between books, plans and accounts' paths (each round moves the
/// revenue a rep plans by; three leave it within a fraction of a percent).
const SETTLE_ROUNDS: usize = 3;

/// The settled week-0 state: accounts (with the deals open on them), reps' pay, the new-customer
/// deals open, and the number of deal ids issued.
pub struct Settled {
    pub accounts: Vec<Built>,
    pub pay: Vec<PayState>,
    pub pursuits: Vec<Pursuit>,
    pub account_deals: AccountDeals,
    pub deal_ids: u32,
}

/// A bond that has grown for `weeks` from `start` under weekly growth `g·(1 − L)` and decay `δ·L`:
/// L = L* + (start − L*)·e^(−(g + δ)·weeks), L* = g / (g + δ).
fn settled_bond(growth: f64, decay: f64, start: f64, weeks: f64) -> f64 {
    let rate = growth + decay;
    if rate <= 0.0 {
        return start;
    }
    let target = growth / rate;
    target + (start - target) * libm::exp(-rate * weeks)
}

/// An account as the settled start builds it.
pub type Built = (Account, AccountFile, AccountState);

/// One account's settled bonds and wallet under the rep coverage `c`, for a rep of skill `skill` and
/// complex fit `fit` (no specialist has been assigned yet).
fn settle_account(s: &Scenario, a: &Account, f: &AccountFile, st: &mut AccountState, c: f64, skill: f64, fit: f64) {
    let u = &s.customers;
    let b = &s.behaviour;
    let n = &b.new_account;
    let r = &b.coverage;
    let covered = c.min(1.0);
    st.coverage = c as f32;
    st.knowledge = 1.0;
    let met = needs_met(s, a, fit, c, 0.0);
    st.needs_met = met as f32;
    let target = r.satisfaction_floor + r.coverage_weight * covered + r.needs_weight * met;
    let v = target.clamp(0.0, 1.0);
    st.satisfaction = v as f32;
    let c_co = s.ownership.company_tools + b.loyalty.house_contact * a.company_owned as u8 as f64;
    let total = covered + c_co;
    let (sr, sc) = if total > 0.0 { (covered / total, c_co / total) } else { (0.0, 0.0) };
    let with_rep = (-f.rep_since_week).max(0) as f64;
    let with_company = (-a.won_week).max(0) as f64;
    let rep_start = if f.rep_since_week == a.won_week { n.rep_loyalty } else { b.handover.new_rep_loyalty };
    let loyalty_rep = settled_bond(u.loyalty_growth_person * v * sr, u.loyalty_decay, rep_start, with_rep);
    let company_start = n.company_loyalty + n.tools_loyalty * s.ownership.company_tools;
    let loyalty_company = settled_bond(u.loyalty_growth_company * v * sc, u.loyalty_decay, company_start, with_company);
    st.loyalty_rep = loyalty_rep as f32;
    st.loyalty_company = loyalty_company as f32;
    st.loyalty_company_trend = st.loyalty_company;
    let q = &s.deals;
    // Its spend was won in deals at the discount its rep offers (`value.rs`).
    let offered = offered_discount(s, a.margin as f64);
    st.discount = offered as f32;
    let odds =
        skill_factor(s, skill) * effort_factor(s, covered) * complex_factor(a.complex, met) * discount_lift(s, offered);
    let p_expansion = (q.expansion_win_rate * odds).min(1.0);
    let p_renewal = (q.renewal_win_rate * v * odds).min(1.0);
    let grow = q.expansion_rate * covered * loyalty_rep * p_expansion * q.expansion_step
        + p_renewal * q.renewal_uplift / WEEKS_PER_YEAR;
    let shrink = (1.0 - p_renewal) * q.renewal_downsell / WEEKS_PER_YEAR + b.revenue.dissatisfied_shrink * (1.0 - v);
    let ceiling = wallet_ceiling(&b.revenue, a, met);
    let w0 = s.market.initial_wallet_share.min(ceiling);
    let rate = grow + shrink;
    let wallet = if rate > 0.0 {
        let target = grow * ceiling / rate;
        target + (w0 - target) * libm::exp(-rate * with_company)
    } else {
        w0
    };
    st.wallet_share = wallet as f32;
    let price = 1.0 + u.price_premium * (loyalty_rep + loyalty_company).min(1.0);
    let volume = a.potential / WEEKS_PER_YEAR * wallet;
    st.revenue_week = volume * price * (1.0 - offered);
    st.margin_week = st.revenue_week - volume * (1.0 - a.margin as f64);
}

/// The books, bins and week-0 pay of every rep for accounts as they stand.
fn books_of(s: &Scenario, reps: &[Rep], accounts: &[Built]) -> (Vec<Book>, Vec<ValueBins>) {
    let mut next = NextBooks::default();
    next.start(0, reps.len());
    for (a, _, st) in accounts {
        next.post(s, a, st, 1);
    }
    next.take()
}

/// Each rep's week-0 plan for its book as it stands (before any pipeline: a neutral chance).
fn plans(s: &Scenario, reps: &[Rep], books: &mut [Book], bins: &[ValueBins]) -> Vec<f64> {
    reps.iter()
        .map(|rep| {
            let book = &mut books[rep.id as usize];
            let pay = PayState::starting(s, book.revenue_annual);
            let w = plan_rep(
                s,
                rep,
                &Workload::rested(),
                &pay,
                book,
                &bins[rep.id as usize],
                s.market.hit_rate_per_hour,
                0.5,
                0,
                s.ownership.company_tools,
                s.careers.market_pay,
            );
            book.plan = w.plan.plan;
            w.plan.hunting
        })
        .collect()
}

/// Settle the week-0 world (see the module docs). New-customer deals take their prospects from `pool`.
pub(crate) fn settle(
    s: &Scenario,
    reps: &[Rep],
    seats: &[Seat],
    accounts: Vec<(Account, AccountFile)>,
    pool: &mut ProspectPool,
) -> Settled {
    let ln_need = ln_need_hours(s);
    let skill_of = |a: &Account| a.owner.map_or(1.0, |o| reps[o as usize].skill);
    let fit_of = |a: &Account| a.owner.map_or(s.customers.generalist_fit, |o| complex_fit(s, &reps[o as usize], 0));
    let mut accounts: Vec<Built> = accounts
        .into_iter()
        .map(|(a, f)| {
            let mut st = AccountState::default();
            let skill = skill_of(&a);
            settle_account(s, &a, &f, &mut st, 1.0, skill, fit_of(&a));
            (a, f, st)
        })
        .collect();
    let (mut books, mut bins) = books_of(s, reps, &accounts);
    let mut hunting = plans(s, reps, &mut books, &bins);
    for _ in 0..SETTLE_ROUNDS {
        for (a, f, st) in accounts.iter_mut() {
            let Some(o) = a.owner else { continue };
            let c = books[o as usize].plan.coverage(st.revenue_week * WEEKS_PER_YEAR, ln_need[a.complex as usize]);
            let skill = reps[o as usize].skill;
            let fit = fit_of(a);
            settle_account(s, a, f, st, c, skill, fit);
        }
        (books, bins) = books_of(s, reps, &accounts);
        hunting = plans(s, reps, &mut books, &bins);
    }
    let mut ids = 0;
    let mut deals = AccountDeals::default();
    account_deals(s, &mut accounts, &mut deals, &mut ids);
    let pursuits = new_customer_deals(s, reps, seats, &hunting, pool, &mut ids);
    let mut open: Vec<(Terms, Option<usize>, f64)> = Vec::new();
    for (i, (a, _, st)) in accounts.iter().enumerate() {
        if let (Some(d), Some(_)) = (deals.of(st), a.owner) {
            open.push((d.terms, Some(i), 0.0));
        }
    }
    let pay = reps
        .iter()
        .map(|r| {
            let mine: Vec<(Terms, Option<usize>)> = open
                .iter()
                .filter(|(_, i, _)| i.is_some_and(|i| accounts[i].0.owner == Some(r.id)))
                .map(|(t, i, _)| (*t, *i))
                .chain(pursuits.iter().filter(|p| p.rep == r.id).map(|p| (p.terms, None)))
                .collect();
            settled_pay(s, r, &books[r.id as usize], &accounts, &mine)
        })
        .collect();
    Settled { accounts, pay, pursuits, account_deals: deals, deal_ids: ids }
}

/// Revenue credited ahead, renewals and expansions in progress at week 0. An account won in the
/// last year has the rest of its first year's revenue credited ahead; one within
/// `renewal_lead_weeks` of its anniversary has its renewal open (worked at its coverage so far);
/// otherwise it has an expansion open with the chance that one opened in the weeks an expansion
/// stays open, of an age drawn uniformly. Deal ids are issued from `ids`.
fn account_deals(s: &Scenario, accounts: &mut [Built], deals: &mut AccountDeals, ids: &mut u32) {
    let q = &s.deals;
    for (a, _, st) in accounts.iter_mut() {
        let tenure = (-a.won_week).max(0) as u32;
        if tenure < YEAR_WEEKS {
            st.credit_ahead = st.revenue_week * (YEAR_WEEKS - tenure) as f64;
        }
        let to_anniversary = YEAR_WEEKS - tenure % YEAR_WEEKS;
        let covered = st.coverage.min(1.0) as f64;
        st.renewals_opened = tenure / YEAR_WEEKS;
        let mut r = Stream::new(s.seed, a.id() as u64, 0, Purpose::SettledPipeline);
        let (age, deal) = if to_anniversary <= q.renewal_lead_weeks {
            st.renewals_opened += 1;
            (
                q.renewal_lead_weeks - to_anniversary,
                open_account_deal(s, *ids, DealKind::Renewal, a, st, 0, to_anniversary),
            )
        } else {
            let open_chance =
                q.expansion_rate * covered * st.loyalty_rep.max(st.loyalty_specialist) as f64 * q.expansion_cycle_weeks;
            if a.owner.is_none() || !r.chance(open_chance) {
                continue;
            }
            let mut d = open_account_deal(s, *ids, DealKind::Expansion, a, st, 0, 0);
            let cycle = d.terms.due_week.max(1);
            let age = r.index(cycle as usize) as u32;
            d.terms.due_week = cycle - age;
            (age, d)
        };
        *ids += 1;
        deals.open_worked(s, st, deal, age, covered);
    }
}

/// New-customer deals opened in the weeks before week 0 and still open: each rep opened
/// Poisson(prospecting hours × opportunity rate × territory) a week, prospecting the share
/// 1 / (1 + ρ·h) of its productive hunting hours (the rest worked its deals), and each deal has
/// had its hours as planned.
fn new_customer_deals(
    s: &Scenario,
    reps: &[Rep],
    seats: &[Seat],
    hunting: &[f64],
    pool: &mut ProspectPool,
    ids: &mut u32,
) -> Vec<Pursuit> {
    let q = &s.deals;
    let longest = (q.new_cycle_weeks * q.complex_cycle_factor * libm::exp(3.0 * q.cycle_sigma)).ceil() as u32;
    let icp_weight = 1.0 + s.market.icp_targeting * s.market.icp_hit_bonus;
    let mut deals = Vec::new();
    for rep in reps {
        let productive = hunting[rep.id as usize] * rep.productivity(0, s.behaviour.effort.ramp_start);
        let rho = opportunities_per_hour(s) * seats[rep.seat as usize].territory;
        let prospecting = productive / (1.0 + rho * q.new_deal_hours);
        for age in 1..=longest.min(rep.tenure_weeks(0) as u32) {
            let mut r = Stream::new(s.seed, rep.id as u64, age, Purpose::SettledPipeline);
            for _ in 0..r.poisson(prospecting * rho) {
                let Some(p) = pick_prospect(pool, icp_weight, &mut r) else { break };
                let mut d = pursuit(s, *ids, rep.id, p, 0);
                if d.terms.due_week <= age {
                    pool.put(p);
                    continue;
                }
                *ids += 1;
                let cycle = d.terms.due_week as f64;
                d.terms.due_week -= age;
                d.hours = d.hours_needed * (age as f64 / cycle).min(1.0);
                d.specialist_hours = if s.specialists.technical > 0 { d.hours } else { 0.0 };
                deals.push(d);
            }
        }
    }
    deals
}

/// A rep's week-0 pay: its pace of recurring credit (accounts with nothing credited ahead), its
/// pace of bookings and its variance (each open deal's expected credit spread over its cycle), the
/// quota the settled ratchet sets from them (what it sells, with the growth asked), and the
/// expected pay they bring.
fn settled_pay(s: &Scenario, rep: &Rep, book: &Book, accounts: &[Built], deals: &[(Terms, Option<usize>)]) -> PayState {
    let basis = s.pay.commission_basis.credited_share(s.market.gross_margin);
    let recurring: f64 = accounts
        .iter()
        .filter(|(a, _, st)| a.owner == Some(rep.id) && st.credit_ahead <= 0.0)
        .filter(|(a, _, _)| s.pay.commission_basis.credits_account(-a.won_week, s.pay.new_customer_window_weeks))
        .map(|(_, _, st)| st.revenue_week * basis)
        .sum();
    // Each open deal closes once in its cycle: its expected credit, and its expected squared credit
    // (the variance it adds to the weeks it closes in), spread over the cycle, at the chance it has
    // with the effort it is getting.
    let k = skill_factor(s, rep.skill);
    let (bookings, variance) = deals.iter().fold((0.0, 0.0), |acc, (d, i)| {
        let (cycle, odds) = match (d.kind, i) {
            (DealKind::Renewal, Some(i)) => (s.deals.renewal_lead_weeks as f64, account_odds(&accounts[*i], k)),
            (_, Some(i)) => (s.deals.expansion_cycle_weeks.max(1.0), account_odds(&accounts[*i], k)),
            _ => (q_cycle(s, d.complex), Odds::forecast(k)),
        };
        let p = chance(s, d, &odds);
        let v = d.size * credit_share(s, d.kind);
        (acc.0 + p * v / cycle, acc.1 + p * v * v / cycle)
    });
    let weekly = recurring + bookings;
    let period = s.pay.quota_period.weeks() as f64;
    let mut pay = PayState::starting(s, weekly * WEEKS_PER_YEAR);
    pay.recurring_pace = recurring;
    pay.bookings_pace = bookings;
    pay.credit_variance = variance;
    pay.week_credit = weekly;
    pay.period_quota = match s.pay.quota_setting {
        QuotaSetting::NoQuota => 0.0,
        QuotaSetting::TerritoryShare(share) => {
            share * book.potential_annual * period / WEEKS_PER_YEAR * crate::sim::pay::accrue::period_growth(s)
        }
        // A ratchet that has run for a while sets the quota at what the rep sells, with the growth
        // the company asks for.
        QuotaSetting::Ratchet { .. } => weekly * period * crate::sim::pay::accrue::period_growth(s),
    };
    pay.period_start_accounts = book.accounts;
    pay.period_start_wallet = if book.accounts > 0 { book.wallet_sum / book.accounts as f64 } else { 0.0 };
    pay
}

/// The odds of a deal on an account as it stands: worked at its coverage.
fn account_odds((_, _, st): &Built, skill_factor: f64) -> Odds {
    Odds {
        readiness: st.coverage.min(1.0) as f64,
        skill_factor,
        needs_met: st.needs_met as f64,
        satisfaction: st.satisfaction as f64,
    }
}

/// The median cycle of a new-customer deal.
fn q_cycle(s: &Scenario, complex: bool) -> f64 {
    (s.deals.new_cycle_weeks * if complex { s.deals.complex_cycle_factor } else { 1.0 }).max(1.0)
}
