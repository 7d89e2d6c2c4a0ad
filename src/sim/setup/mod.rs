//! Week-0 world: seats and the sales force, the accounts and their books (in a settled state,
//! `settle.rs`), prospects, specialists and competitors.

pub mod settle;

use crate::rng::{Purpose, Stream};
use crate::scenario::Scenario;
use crate::sim::components::*;
use crate::sim::deals::Pipeline;
use crate::sim::observe::events::CompetitorNames;
use crate::sim::observe::rep_year::RepYear;
use crate::sim::resources::*;
use crate::sim::setup::settle::settle;
use bevy::prelude::*;

/// Draw a customer's fixed traits from its own stream. Ideal-profile customers can spend
/// `icp_potential_lift` more; the lift is spread so that `potential_mean` stays the mean.
pub(crate) fn draw_traits(seed: u64, id: u32, week: u32, s: &Scenario) -> Traits {
    let m = &s.market;
    let mut r = Stream::new(seed, id as u64, week, Purpose::CustomerTraits);
    let icp = r.chance(m.icp_share);
    let base = m.potential_mean / (1.0 + m.icp_share * m.icp_potential_lift);
    let mean = if icp { base * (1.0 + m.icp_potential_lift) } else { base };
    let potential = r.lognormal_mean(mean, m.potential_sigma);
    let complexity_draw = r.unit();
    let price_sensitivity = (m.price_sensitivity_mean + m.price_sensitivity_sd * r.normal()).clamp(0.0, 1.0);
    let margin = r.beta_mean_sd(m.gross_margin, m.margin_sd);
    Traits { id, potential, price_sensitivity, icp, complexity_draw, margin }
}

/// A seat (territory) with its richness, a lognormal draw with mean 1.
pub(crate) fn draw_seat(seed: u64, id: u32, s: &Scenario) -> Seat {
    let mut r = Stream::new(seed, id as u64, 0, Purpose::Territory);
    Seat { territory: r.lognormal_mean(1.0, s.sales_force.territory_sigma), ..Default::default() }
}

/// Draw a rep: skill lognormal around `log_skill_mean` with log-scale spread `sales_force.skill_sd`,
/// ramp lognormal around `hiring.ramp_weeks`; week-0 reps pass their tenure in weeks.
pub(crate) fn draw_rep(
    seed: u64,
    id: u32,
    seat: u32,
    week: u32,
    tenure_weeks: f64,
    log_skill_mean: f64,
    s: &Scenario,
) -> Rep {
    let mut r = Stream::new(seed, id as u64, 0, Purpose::RepTraits);
    let skill = libm::exp(log_skill_mean + s.sales_force.skill_sd * r.normal());
    let ramp_weeks = r.lognormal_median(s.hiring.ramp_weeks, s.behaviour.careers.ramp_sigma);
    Rep {
        id,
        team: id / s.pay.team_size.max(1),
        seat,
        skill,
        hired_week: week as i32 - tenure_weeks.round() as i32,
        ramp_weeks,
        status: RepStatus::Active,
    }
}

/// Split `n` accounts over reps in proportion to `weights` (largest remainder, deterministic).
fn apportion(n: u32, weights: &[f64]) -> Vec<u32> {
    let total: f64 = weights.iter().sum();
    if weights.is_empty() || total <= 0.0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<f64> = weights.iter().map(|w| n as f64 * w / total).collect();
    let mut counts: Vec<u32> = exact.iter().map(|e| e.floor() as u32).collect();
    let mut rest = n - counts.iter().sum::<u32>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b)));
    for i in order.into_iter().cycle() {
        if rest == 0 {
            break;
        }
        counts[i] += 1;
        rest -= 1;
    }
    counts
}

/// The week-0 sales force: one seat each, tenure exponential with mean `tenure_years_mean`, skill
/// lognormal with mean 1.
fn sales_force(s: &Scenario) -> (Vec<Seat>, Vec<Rep>) {
    let n = s.sales_force.reps;
    let seats: Vec<Seat> = (0..n).map(|i| draw_seat(s.seed, i, s)).collect();
    let sigma = s.sales_force.skill_sd;
    let reps = (0..n)
        .map(|id| {
            let mut r = Stream::new(s.seed, id as u64, 0, Purpose::RepHistory);
            let tenure = r.exponential(s.sales_force.tenure_years_mean * WEEKS_PER_YEAR);
            draw_rep(s.seed, id, id, 0, tenure, -0.5 * sigma * sigma, s)
        })
        .collect();
    (seats, reps)
}

/// The week-0 accounts (before settling): apportioned to reps in proportion to their seats'
/// territory × ((1 − w) + w·tenure / mean tenure), w = `book_tenure_weight`; each a customer for an
/// exponential `account_tenure_years`, and with its rep since the later of its start and the rep's.
fn week_zero_accounts(s: &Scenario, seats: &[Seat], reps: &[Rep], first_id: u32) -> Vec<(Account, AccountFile)> {
    let mean_tenure = reps.iter().map(|r| r.tenure_weeks(0)).sum::<f64>() / reps.len().max(1) as f64;
    let w = s.sales_force.book_tenure_weight;
    let weights: Vec<f64> = reps
        .iter()
        .map(|r| {
            let relative = if mean_tenure > 0.0 { r.tenure_weeks(0) / mean_tenure } else { 1.0 };
            seats[r.seat as usize].territory * ((1.0 - w) + w * relative)
        })
        .collect();
    let counts = apportion(s.market.accounts, &weights);
    let owners = counts.iter().enumerate().flat_map(|(rep, &c)| std::iter::repeat_n(rep as u32, c as usize));
    owners
        .enumerate()
        .map(|(i, owner)| {
            let id = first_id + i as u32;
            let traits = draw_traits(s.seed, id, 0, s);
            let mut r = Stream::new(s.seed, id as u64, 0, Purpose::AccountHistory);
            let years = r.exponential(s.market.account_tenure_years);
            let won_week = -(years * WEEKS_PER_YEAR).round() as i32;
            let account = Account {
                id: traits.id,
                won_week,
                owner: Some(owner),
                technical: None,
                service: None,
                potential: traits.potential,
                price_sensitivity: traits.price_sensitivity as f32,
                complex: traits.complexity_draw < s.market.complex_share,
                icp: traits.icp,
                margin: traits.margin as f32,
                company_owned: s.ownership.model.company_owned(years),
                held: false,
            };
            let file = AccountFile {
                complexity_draw: traits.complexity_draw,
                rep_since_week: won_week.max(reps[owner as usize].hired_week),
            };
            (account, file)
        })
        .collect()
}

/// Spawn the week-0 world and insert every resource; customer ids start at `first_id` (a firm
/// of an industry has its own range, `scenario::firms::CUSTOMER_ID_SPAN`).
pub(crate) fn populate(world: &mut World, scenario: Scenario, first_id: u32) {
    let s = scenario;
    let seed = s.seed;
    let (mut seats, reps) = sales_force(&s);
    let accounts = week_zero_accounts(&s, &seats, &reps, first_id);
    let n_accounts = accounts.len() as u32;
    let mut pool = ProspectPool::default();
    for i in 0..s.market.prospects {
        pool.put(draw_traits(seed, first_id + n_accounts + i, 0, &s));
    }
    let settled = settle(&s, &reps, &seats, accounts, &mut pool);
    for (a, f, st) in settled.accounts {
        world.spawn((a, f, st));
    }
    world.insert_resource(settled.account_deals);
    let pipeline = Pipeline { deals: settled.pursuits, next_id: settled.deal_ids };
    let mut index = RepIndex::default();
    for (rep, pay) in reps.into_iter().zip(settled.pay) {
        let id = rep.id;
        seats[rep.seat as usize].rep = Some(id);
        let perf = Performance {
            credit: pay.week_credit,
            quota: pay.period_quota / pay.quota_weeks.max(1) as f64,
            ..Default::default()
        };
        index.add(id, world.spawn((rep, Workload::rested(), pay, perf, RepYear::default())).id());
    }
    world.insert_resource(index);
    let mut names = CompetitorNames(Vec::new(), s.name.clone());
    for (i, c) in s.competitors.iter().enumerate() {
        names.0.push(c.name.clone());
        // A firm of the industry is in the market from the start, unless the timeline says when
        // it enters (`scenario::firms::entry_week`).
        let enters_later =
            s.timeline.iter().any(|t| matches!(&t.event, crate::scenario::Event::CompetitorEntry(n) if n == &c.name));
        let link = c.firm.map(|_| FirmLink {
            size: 1.0,
            headcount: 0,
            pay_level: s.careers.market_pay,
            hire_pay: s.careers.market_pay,
            offer_chance: s.deals.new_win_rate,
            presence: 0.0,
        });
        world.spawn(Competitor {
            id: i as u16,
            name: c.name.clone(),
            entered: link.is_some() && !enters_later,
            entry_week: 0,
            reps_poached: 0,
            customers_taken: 0,
            link,
        });
    }
    world.insert_resource(names);
    world.insert_resource(crate::sim::policy::tools::ToolsInForce::settled(&s));
    world.insert_resource(crate::sim::careers::market::LabourMarket::starting(&s));
    world.insert_resource(crate::sim::deals::contest::OfferStrength::starting(&s));
    world.insert_resource(MarketState {
        pool_reference: s.market.prospects.max(1) as f64,
        inflow_per_week: s.market.prospect_inflow_per_year * s.market.prospects as f64 / WEEKS_PER_YEAR,
        next_customer_id: first_id + n_accounts + s.market.prospects,
        ..Default::default()
    });
    world.insert_resource(pool);
    world.insert_resource(pipeline);
    let n_reps = s.sales_force.reps;
    world.insert_resource(Staffing { seats, next_rep_id: n_reps, initial_headcount: n_reps, ..Default::default() });
    world.insert_resource(Clock { week: 0, seed });
    world.insert_resource(ScenarioHash(s.hash_hex()));
    world.insert_resource(Params(s));
}
