//! Model invariants, checked every tick by the property tests: one stage per customer, at most
//! one owner and it a current rep, pay equal to the sum of its components, no NaN or negative stock,
//! and the week's close (next week's books) equal to what the accounts sum to.

use super::books::NextBooks;
use super::components::*;
use super::resources::*;
use bevy::prelude::*;

fn bad(v: f64) -> bool {
    !v.is_finite() || v < 0.0
}

fn unit(v: f64) -> bool {
    v.is_finite() && (-1e-9..=1.0 + 1e-9).contains(&v)
}

/// Check every invariant; `reported_revenue` is this week's `revenue` column.
pub fn check(world: &mut World, reported_revenue: f64) -> Result<(), String> {
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
        ] {
            if bad(v) {
                return Err(format!("rep {}: {name} = {v}", r.id));
            }
        }
        if !unit(w.morale) {
            return Err(format!("rep {}: morale {}", r.id, w.morale));
        }
        let parts = [p.paid_base, p.paid_commission, p.paid_team, p.paid_bonus, p.paid_guarantee, p.paid_vested];
        if parts.iter().any(|v| bad(*v)) || bad(p.paid_total) {
            return Err(format!("rep {}: negative or NaN pay component {parts:?}", r.id));
        }
        let sum: f64 = parts.iter().sum();
        if (sum - p.paid_total).abs() > 1e-6 * p.paid_total.max(1.0) {
            return Err(format!("rep {}: paid {} but components sum to {sum}", r.id, p.paid_total));
        }
    }
    employed.sort();
    let mut revenue = 0.0;
    // Accounts, potential and revenue run-rate per owner, to check the week's close against.
    let mut owned: Vec<(u32, f64, f64)> = Vec::new();
    let mut q = world.query::<(&Customer, &Bonds, &Ledger, Has<ActiveAccount>)>();
    for (c, b, l, marked) in q.iter(world) {
        if marked != (c.stage == Stage::Active) {
            return Err(format!("customer {}: stage {:?} but active marker {marked}", c.id, c.stage));
        }
        if bad(l.revenue_week) || bad(c.potential) || !unit(c.price_sensitivity) {
            return Err(format!("customer {}: bad revenue or trait", c.id));
        }
        for (name, v) in [
            ("loyalty_rep", b.loyalty_rep),
            ("loyalty_specialist", b.loyalty_specialist),
            ("loyalty_company", b.loyalty_company),
            ("satisfaction", b.satisfaction),
            ("wallet_share", b.wallet_share),
            ("knowledge", b.knowledge),
        ] {
            if !unit(v) {
                return Err(format!("customer {}: {name} = {v}", c.id));
            }
        }
        match c.stage {
            Stage::Active => {
                revenue += l.revenue_week;
                if let Some(o) = b.owner {
                    if owned.len() <= o as usize {
                        owned.resize(o as usize + 1, (0, 0.0, 0.0));
                    }
                    let book = &mut owned[o as usize];
                    book.0 += 1;
                    book.1 += c.potential;
                    book.2 += l.revenue_week * 52.0;
                    if employed.binary_search(&o).is_err() {
                        return Err(format!("customer {} owned by rep {o}, who is not employed", c.id));
                    }
                }
            }
            _ => {
                if b.owner.is_some() || b.technical.is_some() || b.service.is_some() || l.revenue_week != 0.0 {
                    return Err(format!(
                        "customer {} in stage {:?} still has an owner, specialist or revenue",
                        c.id, c.stage
                    ));
                }
            }
        }
    }
    if (revenue - reported_revenue).abs() > 1e-9 * revenue.max(1.0) {
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
    let pool: Vec<Entity> = {
        let p = world.resource::<ProspectPool>();
        p.icp.iter().chain(p.other.iter()).copied().collect()
    };
    for e in pool {
        match world.get::<Customer>(e) {
            Some(c) if c.stage == Stage::Prospect => {}
            other => return Err(format!("prospect pool holds a non-prospect: {other:?}")),
        }
    }
    Ok(())
}
