//! Model invariants, checked every tick by the property tests: at most one owner per account and
//! it a current rep, held accounts on their seat, pay equal to the sum of its components, no NaN or
//! negative stock, the week's close (next week's books) equal to what the accounts sum to, and
//! every deal open, won or lost exactly once ([`DealLedger`]).

use crate::sim::components::*;
use crate::sim::deals::account::AccountDeals;
use crate::sim::deals::{DealRow, Pipeline};
use crate::sim::effort::books::NextBooks;
use crate::sim::resources::*;
use bevy::prelude::*;
use std::collections::HashSet;

fn bad(v: f64) -> bool {
    !v.is_finite() || v < 0.0
}

fn unit(v: f64) -> bool {
    v.is_finite() && (-1e-9..=1.0 + 1e-9).contains(&v)
}

/// Reps: stocks finite and non-negative, morale a share, paid pay equal to its components.
fn check_reps(world: &mut World) -> Result<Vec<u32>, String> {
    let mut employed = Vec::new();
    let mut q = world.query::<(&Rep, &Workload, &PayState)>();
    for (r, w, p) in q.iter(world) {
        if r.is_employed() {
            employed.push(r.id);
        }
        for (name, v) in [
            ("hunting", w.hunting),
            ("farming", w.farming),
            ("team", w.team),
            ("fatigue", w.fatigue),
            ("expected_pay", p.expected_pay),
            ("period_commission", p.period_commission),
            ("forfeited", p.forfeited),
        ] {
            if bad(v) {
                return Err(format!("rep {}: {name} = {v}", r.id));
            }
        }
        if !unit(w.morale) {
            return Err(format!("rep {}: morale {}", r.id, w.morale));
        }
        let parts = [
            p.paid_base,
            p.paid_commission,
            p.paid_team,
            p.paid_bonus,
            p.paid_guarantee,
            p.paid_retention,
            p.paid_vested,
        ];
        if parts.iter().any(|v| bad(*v)) || bad(p.paid_total) {
            return Err(format!("rep {}: negative or NaN pay component {parts:?}", r.id));
        }
        let sum: f64 = parts.iter().sum();
        if (sum - p.paid_total).abs() > 1e-6 * p.paid_total.max(1.0) {
            return Err(format!("rep {}: paid {} but components sum to {sum}", r.id, p.paid_total));
        }
    }
    employed.sort();
    Ok(employed)
}

/// Check every invariant; `reported_revenue` is this week's `revenue` column.
pub fn check(world: &mut World, reported_revenue: f64) -> Result<(), String> {
    let employed = check_reps(world)?;
    let held: HashSet<Entity> =
        world.resource::<Staffing>().seats.iter().flat_map(|s| s.held.iter().copied()).collect();
    let mut revenue = 0.0;
    // Accounts, potential and revenue run-rate per owner, to check the week's close against.
    let mut owned: Vec<(u32, f64, f64)> = Vec::new();
    let mut q = world.query::<(Entity, &Account, &AccountState)>();
    for (e, a, st) in q.iter(world) {
        if bad(st.revenue_week) || bad(a.potential) || bad(st.credit_ahead) || !unit(a.price_sensitivity as f64) {
            return Err(format!("account {}: bad revenue, credit ahead or trait", a.id()));
        }
        for (name, v) in [
            ("loyalty_rep", st.loyalty_rep as f64),
            ("loyalty_specialist", st.loyalty_specialist as f64),
            ("loyalty_company", st.loyalty_company as f64),
            ("satisfaction", st.satisfaction as f64),
            ("wallet_share", st.wallet_share as f64),
            ("knowledge", st.knowledge as f64),
        ] {
            if !unit(v) {
                return Err(format!("account {}: {name} = {v}", a.id()));
            }
        }
        if a.held != held.contains(&e) || (a.held && a.owner.is_some()) {
            return Err(format!("account {}: held {} but its seat lists it {}", a.id(), a.held, held.contains(&e)));
        }
        revenue += st.revenue_week;
        if let Some(o) = a.owner {
            if owned.len() <= o as usize {
                owned.resize(o as usize + 1, (0, 0.0, 0.0));
            }
            let book = &mut owned[o as usize];
            book.0 += 1;
            book.1 += a.potential;
            book.2 += st.revenue_week * WEEKS_PER_YEAR;
            if employed.binary_search(&o).is_err() {
                return Err(format!("account {} owned by rep {o}, who is not employed", a.id()));
            }
        }
    }
    if (revenue - reported_revenue).abs() > 1e-6 * revenue.max(1.0) {
        return Err(format!("reported revenue {reported_revenue} != sum over accounts {revenue}"));
    }
    let close = world.resource::<NextBooks>();
    if close.is_open() {
        let books = close.books();
        for rep in 0..owned.len().max(books.len()) {
            let want = owned.get(rep).copied().unwrap_or((0, 0.0, 0.0));
            let got = books.get(rep).map_or((0, 0.0, 0.0), |b| (b.accounts, b.potential_annual, b.revenue_annual));
            let near = |a: f64, b: f64| (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0);
            if want.0 != got.0 || !near(want.1, got.1) || !near(want.2, got.2) {
                return Err(format!(
                    "rep {rep}: the close holds (accounts, potential, run-rate) {got:?} but the accounts sum to {want:?}"
                ));
            }
        }
    }
    let capacity = world.resource::<Params>().0.specialists.accounts_each;
    let mut q = world.query::<&Specialist>();
    for s in q.iter(world) {
        if s.assigned > capacity {
            return Err(format!("specialist {} serves {} accounts, over capacity {capacity}", s.id, s.assigned));
        }
    }
    Ok(())
}

/// Follows the deals over a run: each deal id is issued once, is open until it closes, closes
/// exactly once and is never open again; prospects are in the pool or in exactly one deal.
#[derive(Default)]
pub struct DealLedger {
    closed: HashSet<u32>,
}

impl DealLedger {
    /// Check the pipeline after a tick whose closed deals were `rows`.
    pub fn check(&mut self, world: &World, rows: &[DealRow]) -> Result<(), String> {
        for r in rows {
            if !self.closed.insert(r.deal_id) {
                return Err(format!("deal {} closed twice (week {})", r.deal_id, r.closed_week));
            }
        }
        let pipeline = world.resource::<Pipeline>();
        let mut open = HashSet::new();
        let mut pursued = HashSet::new();
        let mut ids: Vec<u32> = pipeline.deals.iter().map(|d| d.terms.id).collect();
        for d in &pipeline.deals {
            if !pursued.insert(d.prospect.id) {
                return Err(format!("prospect {} is in two deals", d.prospect.id));
            }
        }
        ids.extend(world.resource::<AccountDeals>().open_deals().map(|d| d.terms.id));
        for id in ids {
            if id >= pipeline.next_id || !open.insert(id) {
                return Err(format!("deal {id} open twice or never issued"));
            }
            if self.closed.contains(&id) {
                return Err(format!("deal {id} is open after it closed"));
            }
        }
        let issued = pipeline.next_id as usize;
        if open.len() + self.closed.len() != issued {
            return Err(format!("{issued} deals issued but {} open and {} closed", open.len(), self.closed.len()));
        }
        let pool = world.resource::<ProspectPool>();
        if let Some(p) = pool.icp.iter().chain(pool.other.iter()).find(|p| pursued.contains(&p.id)) {
            return Err(format!("prospect {} is both in the pool and in a deal", p.id));
        }
        Ok(())
    }
}
