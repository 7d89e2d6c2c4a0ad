//! Property tests: random valid scenarios over many seeds, with every invariant checked after
//! every tick (at most one owner who is a current rep, held accounts on their seats, revenue equal
//! to the sum over accounts, pay equal to the sum of its components, no NaN or negative stock,
//! every deal open, won or lost exactly once), and the money in the outputs adding up.

mod common;
use common::*;
use salesim::Scenario;
use salesim::rng::{Purpose, Stream};
use salesim::scenario::{
    CommissionBasis, Event, Handover, OwnershipModel, QuotaPeriod, QuotaSetting, Realignment, validate,
};
use salesim::sim::Simulation;
use salesim::sim::deals::close::DealLog;
use salesim::sim::observe::invariants::{self, DealLedger};
use salesim::sim::observe::metrics::Timeseries;

/// A random but valid scenario: sizes, policies and a timeline drawn from `case`'s own stream.
fn random_scenario(case: u64) -> Scenario {
    let mut r = Stream::new(case, 0, 0, Purpose::RepTraits);
    let mut s = baseline();
    let pick = |r: &mut Stream, lo: f64, hi: f64| lo + (hi - lo) * r.unit();
    s.seed = case;
    s.weeks = 20 + r.index(160) as u32;
    s.sales_force.reps = 1 + r.index(25) as u32;
    s.hiring.target_headcount = r.index(30) as u32;
    s.market.accounts = r.index(1500) as u32;
    s.market.prospects = r.index(3000) as u32;
    s.market.complex_share = r.unit();
    s.market.icp_targeting = r.unit();
    s.sales_force.book_tenure_weight = r.unit();
    s.pay.base_salary = pick(&mut r, 0.0, 120_000.0);
    s.pay.commission_rate = pick(&mut r, 0.0, 0.3);
    s.pay.commission_basis =
        [CommissionBasis::AllRevenue, CommissionBasis::NewCustomerRevenue, CommissionBasis::Margin][r.index(3)];
    s.pay.quota_period = [QuotaPeriod::Monthly, QuotaPeriod::Quarterly, QuotaPeriod::Annual][r.index(3)];
    s.pay.quota_setting = match r.index(3) {
        0 => QuotaSetting::TerritoryShare(pick(&mut r, 0.1, 1.0)),
        1 => QuotaSetting::Ratchet { up: r.unit(), down: r.unit() },
        _ => QuotaSetting::NoQuota,
    };
    s.pay.quota_bonus = if r.chance(0.5) { pick(&mut r, 0.0, 30_000.0) } else { 0.0 };
    s.ownership.handover = if r.chance(0.5) { Handover::HoldForReplacement } else { Handover::SpreadOverColleagues };
    s.deals.draft_weeks = r.index(13) as u32;
    s.deals.timing_window_weeks = r.index(5) as u32;
    s.sales_force.skill_sd = pick(&mut r, 0.0, 1.0);
    s.sales_force.territory_sigma = pick(&mut r, 0.0, 1.0);
    s.pay.accelerator = pick(&mut r, 1.0, 3.0);
    s.pay.cap = if r.chance(0.3) { pick(&mut r, 1_000.0, 100_000.0) } else { 0.0 };
    s.pay.team_pool_share = if r.chance(0.5) { r.unit() } else { 0.0 };
    s.pay.team_size = 1 + r.index(10) as u32;
    s.pay.deferred_share = if r.chance(0.5) { r.unit() } else { 0.0 };
    s.pay.vesting_weeks = 1 + r.index(120) as u32;
    s.ownership.model = match r.index(4) {
        0 => OwnershipModel::Exclusive { realignment: Realignment::Never },
        1 => OwnershipModel::Exclusive { realignment: Realignment::Periodic { every_weeks: 1 + r.index(60) as u32 } },
        2 => OwnershipModel::Multiplexed { rebalance_weeks: 1 + r.index(60) as u32 },
        _ => OwnershipModel::Hybrid {
            house_after_years: pick(&mut r, 0.0, 5.0),
            rebalance_weeks: 1 + r.index(60) as u32,
        },
    };
    s.ownership.crm_retention = r.unit();
    s.specialists.technical = r.index(6) as u32;
    s.specialists.service = r.index(6) as u32;
    s.specialists.accounts_each = 1 + r.index(100) as u32;
    s.hiring.vacancy_weeks = pick(&mut r, 0.0, 40.0);
    s.hiring.ramp_weeks = pick(&mut r, 0.0, 60.0);
    s.competitors[0].poach_appetite = pick(&mut r, 0.0, 2.0);
    s.competitors[0].customer_appetite = pick(&mut r, 0.0, 0.05);
    s.timeline.clear();
    for _ in 0..r.index(6) {
        let week = r.index(s.weeks as usize) as u32;
        let event = match r.index(9) {
            0 => Event::CompetitorEntry("Rival".into()),
            1 => Event::ProductBroadening { complex_share: r.unit() },
            2 => Event::MarketSaturation { prospect_factor: pick(&mut r, 0.0, 2.0) },
            3 => Event::PriceSensitivityShift { delta: pick(&mut r, -0.5, 0.5) },
            4 => Event::CrmRollout { retention: r.unit() },
            5 => Event::HiringFreeze(r.chance(0.5)),
            6 => Event::Realignment,
            7 => Event::SetOwnership(OwnershipModel::Multiplexed { rebalance_weeks: 13 }),
            _ => Event::Set { path: "specialists.technical".into(), value: r.index(8).to_string() },
        };
        at(&mut s, week, event);
    }
    let problems = validate::problems(&s);
    assert!(problems.is_empty(), "generated an invalid scenario: {problems:?}");
    s
}

/// Check the invariants after the tick just run, and the deals against `ledger`.
fn check_tick(sim: &mut Simulation, ledger: &mut DealLedger) -> Result<(), String> {
    let revenue = sim.world().resource::<Timeseries>().0.last().map(|r| r.revenue).unwrap_or(0.0);
    invariants::check(sim.world_mut(), revenue)?;
    let closed = sim.world().resource::<DealLog>().0.clone();
    ledger.check(sim.world(), &closed)
}

/// The money in a run's outputs adds up: the panels' pay equals the weekly pay, no variable pay
/// past the cap, no negative money or share.
fn money_adds_up(s: &Scenario, r: &Run) -> Result<(), String> {
    let weekly: f64 = r.rows.iter().map(|w| w.avg_rep_pay_annualized * 0.0).sum::<f64>();
    let _ = weekly;
    for p in &r.reps {
        if p.base_pay < 0.0 || p.variable_pay < -1e-9 || p.revenue_credited < -1e-6 {
            return Err(format!("rep {} year {}: negative money {p:?}", p.rep_id, p.year));
        }
        if s.pay.cap > 0.0 && p.variable_pay > s.pay.cap + 1e-6 {
            return Err(format!(
                "rep {} year {}: variable pay {} over the cap {}",
                p.rep_id, p.year, p.variable_pay, s.pay.cap
            ));
        }
    }
    for w in &r.rows {
        let shares = [
            w.loyalty_to_rep_mean,
            w.loyalty_to_company_mean,
            w.satisfaction_mean,
            w.coverage_mean,
            w.variable_pay_share,
        ];
        if w.revenue < 0.0
            || w.cost_of_sales_ratio < 0.0
            || w.bookings < 0.0
            || shares.iter().any(|&x| !(0.0..=1.0).contains(&x))
        {
            return Err(format!("week {}: negative money or a share outside 0..1: {w:?}", w.week));
        }
    }
    for a in &r.accounts {
        if a.revenue < -1e-9 || !(0.0..=1.0 + 1e-9).contains(&a.wallet_share) {
            return Err(format!("account {} year {}: {a:?}", a.account_id, a.year));
        }
    }
    Ok(())
}

#[test]
fn invariants_hold_every_tick_for_random_valid_scenarios() {
    let mut ticks = 0;
    for case in 1..=40 {
        let s = random_scenario(case);
        let mut ledger = DealLedger::default();
        let r = run_with(&s, |sim| {
            let week = sim.week() - 1;
            if let Err(e) = check_tick(sim, &mut ledger) {
                panic!("case {case}, week {week}: {e}\nscenario: {}", ron::to_string(&s).unwrap());
            }
            ticks += 1;
        });
        money_adds_up(&s, &r).unwrap_or_else(|e| panic!("case {case}: {e}\nscenario: {}", ron::to_string(&s).unwrap()));
    }
    assert!(ticks > 2_000, "enough ticks checked: {ticks}");
}

#[test]
fn invariants_hold_every_tick_for_the_baseline_over_several_seeds() {
    for seed in 1..=3 {
        let mut s = baseline();
        s.seed = seed;
        s.weeks = 260;
        let mut ledger = DealLedger::default();
        let r = run_with(&s, |sim| check_tick(sim, &mut ledger).unwrap_or_else(|e| panic!("seed {seed}: {e}")));
        money_adds_up(&s, &r).unwrap();
    }
}

#[test]
fn the_panels_pay_adds_up_to_the_weekly_pay_including_reps_who_leave_mid_period() {
    let mut s = baseline();
    s.weeks = 104;
    let mut weekly = 0.0;
    let r = run_with(&s, |sim| weekly += sim.world().resource::<salesim::sim::resources::WeekTally>().rep_pay);
    let panels: f64 = r.reps.iter().map(|p| p.base_pay + p.variable_pay).sum();
    assert!(r.summary.reps_quit + r.summary.reps_managed_out > 0, "some reps left mid-period");
    assert!((panels - weekly).abs() <= 1e-6 * weekly, "reps.csv pay {panels} vs weekly pay {weekly}");
}
