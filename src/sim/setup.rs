//! Week-0 world: the sales force, its books, prospects, specialists and competitors.

use super::components::*;
use super::events::{CompetitorNames, EventLog};
use super::metrics::{Outbox, Totals};
use super::resources::*;
use crate::rng::{Purpose, Stream};
use crate::scenario::Scenario;
use bevy::prelude::*;

/// Draw a customer's fixed traits from its own stream.
pub fn draw_customer(seed: u64, id: u32, week: u32, s: &Scenario) -> Customer {
    let m = &s.market;
    let mut r = Stream::new(seed, id as u64, week, Purpose::CustomerTraits);
    let potential = r.lognormal_mean(m.potential_mean, m.potential_sigma);
    let complexity_draw = r.unit();
    let price_sensitivity = (m.price_sensitivity_mean + 0.15 * r.normal()).clamp(0.0, 1.0);
    let icp_fit = r.chance(m.icp_share);
    Customer {
        id,
        stage: Stage::Prospect,
        potential,
        complex: complexity_draw < m.complex_share,
        price_sensitivity,
        icp_fit,
        complexity_draw,
    }
}

/// Draw a new rep (week-0 reps pass their tenure in weeks).
pub fn draw_rep(seed: u64, id: u32, week: u32, tenure_weeks: f64, s: &Scenario) -> Rep {
    let mut r = Stream::new(seed, id as u64, 0, Purpose::RepTraits);
    let skill = (1.0 + s.sales_force.skill_sd * r.normal()).clamp(0.4, 1.8);
    let ramp_weeks = s.hiring.ramp_weeks * (0.4 * r.normal()).exp();
    Rep {
        id,
        team: id / s.pay.team_size.max(1),
        skill,
        hired_week: week as i32 - tenure_weeks.round() as i32,
        ramp_weeks,
        status: RepStatus::Active,
    }
}

/// A rep's starting pay state: expected pay is base plus commission on the book it starts with.
pub fn new_pay_state(s: &Scenario, book_revenue: f64) -> PayState {
    PayState { expected_pay: s.pay.base_salary + s.pay.commission_rate * book_revenue, ..Default::default() }
}

/// A rested, content rep's workload.
pub fn new_workload() -> Workload {
    Workload { morale: 1.0, ..Default::default() }
}

/// Fresh bonds for a newly won account.
pub fn new_bonds(s: &Scenario, owner: Option<u32>, week: u32) -> Bonds {
    Bonds {
        owner,
        company_owned: s.ownership.model.company_owned(0.0),
        loyalty_rep: 0.1,
        loyalty_company: 0.05 + 0.1 * s.ownership.company_tools,
        loyalty_company_trend: 0.05 + 0.1 * s.ownership.company_tools,
        satisfaction: 0.65,
        wallet_share: s.market.initial_wallet_share,
        knowledge: 1.0,
        coverage: 1.0,
        won_week: week as i32,
        rep_since_week: week as i32,
        ..Default::default()
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

/// Spawn the week-0 world and insert every resource.
pub fn populate(world: &mut World, scenario: Scenario) {
    let s = scenario;
    let seed = s.seed;
    let n_reps = s.sales_force.reps;
    let mut reps = Vec::with_capacity(n_reps as usize);
    for id in 0..n_reps {
        let mut r = Stream::new(seed, id as u64, 0, Purpose::Vacancy);
        let tenure = -s.sales_force.tenure_years_mean * 52.0 * (1.0 - r.unit()).ln();
        reps.push(draw_rep(seed, id, 0, tenure, &s));
    }
    let mean_tenure = reps.iter().map(|r| r.tenure_weeks(0)).sum::<f64>() / n_reps.max(1) as f64;
    let btw = s.sales_force.book_tenure_weight;
    let weights: Vec<f64> = reps.iter().map(|r| (1.0 - btw) + btw * r.tenure_weeks(0) / mean_tenure.max(1.0)).collect();
    let counts = apportion(s.market.accounts, &weights);
    let mut book_revenue = vec![0.0; n_reps as usize];

    let mut next_customer = 0u32;
    let mut owner_of = counts.iter().enumerate().flat_map(|(rep, &c)| std::iter::repeat_n(rep as u32, c as usize));
    for _ in 0..s.market.accounts {
        let id = next_customer;
        next_customer += 1;
        let mut c = draw_customer(seed, id, 0, &s);
        c.stage = Stage::Active;
        let owner = owner_of.next().expect("apportioned");
        let rep = &reps[owner as usize];
        let mut r = Stream::new(seed, id as u64, 1, Purpose::CustomerTraits);
        let years = -4.0 * (1.0 - r.unit()).ln();
        let won_week = -(years * 52.0).round() as i32;
        let rep_since = won_week.max(rep.hired_week);
        let rep_years = (-rep_since) as f64 / 52.0;
        let mut b = new_bonds(&s, Some(owner), 0);
        b.company_owned = s.ownership.model.company_owned(years);
        b.won_week = won_week;
        b.rep_since_week = rep_since;
        b.loyalty_rep = (0.35 + 0.1 * rep_years).min(0.8);
        b.loyalty_company = 0.2 + 0.2 * s.ownership.company_tools;
        b.loyalty_company_trend = b.loyalty_company;
        b.satisfaction = 0.7;
        b.wallet_share = (s.market.initial_wallet_share + 0.05 * years).min(0.9);
        book_revenue[owner as usize] += c.potential * b.wallet_share;
        world.spawn((c, b, Ledger::default(), ActiveAccount));
    }
    let mut pool = ProspectPool::default();
    for _ in 0..s.market.prospects {
        let c = draw_customer(seed, next_customer, 0, &s);
        next_customer += 1;
        let icp = c.icp_fit;
        let e = world.spawn((c, Bonds::default(), Ledger::default())).id();
        if icp { pool.icp.push(e) } else { pool.other.push(e) }
    }
    let mut index = RepIndex::default();
    for rep in reps {
        let pay = new_pay_state(&s, book_revenue[rep.id as usize]);
        let id = rep.id;
        index.add(id, world.spawn((rep, new_workload(), pay)).id());
    }
    world.insert_resource(index);
    let mut names = CompetitorNames::default();
    for (i, c) in s.competitors.iter().enumerate() {
        names.0.push(c.name.clone());
        world.spawn(Competitor {
            id: i as u16,
            name: c.name.clone(),
            entered: false,
            entry_week: 0,
            reps_poached: 0,
            customers_taken: 0,
        });
    }
    world.insert_resource(names);
    world.insert_resource(MarketState {
        pool_reference: s.market.prospects.max(1) as f64,
        inflow_per_week: s.market.prospect_inflow_per_year * s.market.prospects as f64 / 52.0,
        next_customer_id: next_customer,
        ..Default::default()
    });
    world.insert_resource(pool);
    world.insert_resource(Staffing { next_rep_id: n_reps, initial_headcount: n_reps, ..Default::default() });
    world.insert_resource(Clock { week: 0, seed });
    world.insert_resource(Books::default());
    world.insert_resource(Portfolios::default());
    world.insert_resource(super::books::NextBooks::default());
    world.insert_resource(PendingEvents::default());
    world.insert_resource(RealignmentRequest::default());
    world.insert_resource(WeekTally::default());
    world.insert_resource(EventLog::default());
    world.insert_resource(Outbox::default());
    world.insert_resource(Totals::default());
    world.insert_resource(ScenarioHash(s.hash_hex()));
    world.insert_resource(Params(s));
}
