//! Hunting (mechanism 3): each rep's productive hunting hours first work its open new-customer
//! deals (each asks for the hours it still needs, spread over the weeks to its close), and what is
//! left prospects, opening new opportunities on prospects from the pool. Technical specialists
//! give hours to the complex deals, and late in the year drafted help goes to slow deals when the
//! policy says so.

use super::*;
use crate::rng::{Purpose, Stream};
use crate::sim::accounts::value::offered_discount;
use crate::sim::components::*;
use crate::sim::effort::hours::hourly_productivity;
use crate::sim::resources::*;

/// Take one prospect from the pool, favouring ideal-profile prospects by `icp_weight`.
pub(crate) fn pick_prospect(pool: &mut ProspectPool, icp_weight: f64, r: &mut Stream) -> Option<Prospect> {
    let wi = pool.icp.len() as f64 * icp_weight;
    let wo = pool.other.len() as f64;
    if wi + wo <= 0.0 {
        return None;
    }
    let list = if r.unit() * (wi + wo) < wi { &mut pool.icp } else { &mut pool.other };
    let i = r.index(list.len());
    Some(list.swap_remove(i))
}

/// Weekly hours a deal asks for: what it still needs, spread over the weeks to its close.
fn weekly_need(d: &Pursuit, week: u32) -> f64 {
    (d.hours_needed - d.hours).max(0.0) / d.terms.due_week.saturating_sub(week).max(1) as f64
}

/// A new-customer deal on a prospect, with its size and cycle drawn from the prospect's stream:
/// cycle lognormal around `new_cycle_weeks` (× `complex_cycle_factor` for complex needs), size =
/// potential × `initial_wallet_share` × a lognormal with mean 1.
pub(crate) fn pursuit(s: &Scenario, id: u32, rep: u32, p: Prospect, week: u32) -> Pursuit {
    let q = &s.deals;
    let mut r = Stream::new(s.seed, p.id as u64, week, Purpose::DealTerms);
    let complex = p.complexity_draw < s.market.complex_share;
    let cycle = q.new_cycle_weeks * if complex { q.complex_cycle_factor } else { 1.0 };
    let weeks = r.lognormal_median(cycle, q.cycle_sigma).round().max(1.0) as u32;
    let size = p.potential * s.market.initial_wallet_share * r.lognormal_mean(1.0, q.size_sigma);
    let terms = Terms {
        id,
        kind: DealKind::NewCustomer,
        customer: p.id,
        opened_week: week,
        due_week: week + weeks,
        size,
        complex,
        icp: p.icp,
        stalls: 0,
        timing: Timing::OnTime,
        offered: 0.0,
        discount: 0.0,
    }
    .with_offer(offered_discount(s, p.margin));
    Pursuit { terms, rep, prospect: p, hours: 0.0, hours_needed: q.new_deal_hours, specialist_hours: 0.0 }
}

/// The open deals of each rep, by rep id (positions in the pipeline).
pub(crate) fn by_rep(pipeline: &Pipeline, reps: usize) -> Vec<Vec<usize>> {
    let mut by = vec![Vec::new(); reps];
    for (i, d) in pipeline.deals.iter().enumerate() {
        if let Some(list) = by.get_mut(d.rep as usize) {
            list.push(i);
        }
    }
    by
}

/// Work the open new-customer deals and prospect with the rest of each rep's hunting hours;
/// then give specialists' hours to complex deals and drafted help to slow ones.
pub(crate) fn work_new_deals(
    params: Res<Params>,
    clock: Res<Clock>,
    market: Res<MarketState>,
    staffing: Res<Staffing>,
    mut pool: ResMut<ProspectPool>,
    mut pipeline: ResMut<Pipeline>,
    mut tally: ResMut<WeekTally>,
    reps: Query<(&Rep, &Workload)>,
    specialists: Query<&Specialist>,
) {
    let s = &params.0;
    let week = clock.week;
    let icp_weight = 1.0 + s.market.icp_targeting * s.market.icp_hit_bonus;
    let mut hunters: Vec<(u32, u32, f64)> = reps
        .iter()
        .filter(|(r, _)| r.is_employed())
        .map(|(r, w)| (r.id, r.seat, w.hunting * hourly_productivity(s, r, w, week)))
        .collect();
    hunters.sort_by_key(|h| h.0);
    let mine = by_rep(&pipeline, staffing.next_rep_id as usize);
    for &(rep, seat, productive) in &hunters {
        let mine = mine.get(rep as usize).map_or(&[][..], Vec::as_slice);
        let need: f64 = mine.iter().map(|&i| weekly_need(&pipeline.deals[i], week)).sum();
        let given = productive.min(need);
        if need > 0.0 {
            let share = given / need;
            for &i in mine {
                let n = weekly_need(&pipeline.deals[i], week);
                pipeline.deals[i].hours += n * share;
            }
        }
        let territory = staffing.seats.get(seat as usize).map_or(1.0, |t| t.territory);
        let rate = (productive - given) * market.opportunity_rate * territory;
        let mut r = Stream::new(clock.seed, rep as u64, week, Purpose::Prospecting);
        let opens = r.poisson(rate);
        let mut pick = Stream::new(clock.seed, rep as u64, week, Purpose::ProspectPick);
        for _ in 0..opens {
            let Some(p) = pick_prospect(&mut pool, icp_weight, &mut pick) else { break };
            let id = pipeline.issue_id();
            pipeline.deals.push(pursuit(s, id, rep, p, week));
            tally.deals_opened += 1;
        }
    }
    support_complex_deals(s, week, &mut pipeline, &specialists);
    draft_help(s, week, &mut pipeline, &mut tally);
}

/// Technical specialists' deal hours, shared over the open complex deals in proportion to the
/// hours each still needs this week.
fn support_complex_deals(s: &Scenario, week: u32, pipeline: &mut Pipeline, specialists: &Query<&Specialist>) {
    let technical = specialists.iter().filter(|x| x.active && x.kind == SpecialistKind::Technical).count();
    let pool = technical as f64 * s.deals.specialist_deal_hours;
    if pool <= 0.0 {
        return;
    }
    let need = |d: &Pursuit| {
        (d.hours_needed - d.specialist_hours).max(0.0) / d.terms.due_week.saturating_sub(week).max(1) as f64
    };
    let total: f64 = pipeline.deals.iter().filter(|d| d.terms.complex).map(need).sum();
    if total <= 0.0 {
        return;
    }
    let share = (pool / total).min(1.0);
    for d in pipeline.deals.iter_mut().filter(|d| d.terms.complex) {
        d.specialist_hours += need(d) * share;
    }
}

/// In the last `deals.draft_weeks` of the year, every slow new-customer deal (stalled at least
/// once) gets `deals.draft_hours` of drafted help, at `deals.draft_hour_cost` an hour (slow
/// account deals get theirs in the weekly pass, `account.rs`).
fn draft_help(s: &Scenario, week: u32, pipeline: &mut Pipeline, tally: &mut WeekTally) {
    let q = &s.deals;
    if !super::account::drafting(s, week) {
        return;
    }
    for d in pipeline.deals.iter_mut().filter(|d| d.terms.stalls > 0) {
        d.hours += q.draft_hours;
        tally.drafted_hours += q.draft_hours;
        tally.draft_cost += q.draft_hours * q.draft_hour_cost;
    }
}
