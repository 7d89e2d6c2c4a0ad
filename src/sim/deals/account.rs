//! Deals on accounts (mechanism 4, part), kept on the account and worked, closed and opened in
//! the weekly pass as it serves each account. An expansion opportunity opens with weekly
//! probability `deals.expansion_rate` × the rep's coverage (at most 1) × the account's loyalty to
//! its rep or specialist (only loyalty to people grows share of wallet, evidence F5); a renewal
//! opens `deals.renewal_lead_weeks` before each contract anniversary. An account has at most one
//! such deal open; its readiness is the rep's mean coverage (each week at most 1) while it is open,
//! summed on the account (`AccountState::deal_weeks`, `deal_coverage`). In the drafting weeks
//! (`deals.draft_weeks`) a deal that has stalled also gets `deals.draft_hours` of drafted help a
//! week, which adds draft_hours / need_hours to its week's coverage (the sum still at most 1).
//! It closes by the rule of `close.rs`: a won expansion adds `expansion_step` of the headroom (×
//! a lognormal with mean 1), a won renewal `renewal_uplift` of it, both credited to the account's
//! rep at once; a lost renewal gives up `renewal_downsell` of the share of wallet.

use super::close::{Outcome, close_draw, credit, outcome, record};
use super::forecast::credit_share;
use super::*;
use crate::rng::{Purpose, Stream};
use crate::sim::accounts::revenue::wallet_ceiling;
use crate::sim::accounts::value::{blend_discount, offered_discount};
use crate::sim::components::*;
use crate::sim::observe::events::EventLog;
use crate::sim::resources::WeekTally;

/// An expansion or renewal open on an account.
#[derive(Clone, Copy, Debug)]
pub struct AccountDeal {
    pub terms: Terms,
    /// The account's rep when it opened.
    pub rep: Option<u32>,
    /// Share of wallet it adds if won.
    pub wallet_step: f64,
}

impl AccountDeal {
    /// Pull it in to close this week at a further discount (on the price of what it adds).
    pub(crate) fn pull_in(&mut self, s: &Scenario, week: u32) {
        self.terms.pull_in(s, week);
    }
}

/// The account deals open, by slot (an account names its deal's slot, `AccountState::deal`).
/// Slots freed by closed deals are reused, last freed first.
#[derive(Resource, Default, Debug)]
pub struct AccountDeals {
    slots: Vec<Option<AccountDeal>>,
    free: Vec<u32>,
}

impl AccountDeals {
    /// Open `d` on the account whose state is `st`.
    pub(crate) fn open(&mut self, s: &Scenario, st: &mut AccountState, d: AccountDeal) {
        let slot = match self.free.pop() {
            Some(i) => {
                self.slots[i as usize] = Some(d);
                i
            }
            None => {
                self.slots.push(Some(d));
                (self.slots.len() - 1) as u32
            }
        };
        st.deal = slot;
        summarize(s, st, &d);
    }

    /// Open `d` on an account that has been working it for `weeks` weeks at coverage `coverage` a
    /// week (the settled start).
    pub(crate) fn open_worked(
        &mut self,
        s: &Scenario,
        st: &mut AccountState,
        d: AccountDeal,
        weeks: u32,
        coverage: f64,
    ) {
        self.open(s, st, d);
        st.deal_weeks = weeks;
        st.deal_coverage = (coverage * weeks as f64) as f32;
    }

    /// The deal open on an account, if any.
    pub(crate) fn of(&self, st: &AccountState) -> Option<&AccountDeal> {
        self.slots.get(st.deal as usize).and_then(Option::as_ref)
    }

    /// Change the deal open on an account (and its summary on the account).
    pub(crate) fn update(&mut self, s: &Scenario, st: &mut AccountState, f: impl FnOnce(&mut AccountDeal)) {
        if let Some(d) = self.slots.get_mut(st.deal as usize).and_then(Option::as_mut) {
            f(d);
            let d = *d;
            summarize(s, st, &d);
        }
    }

    /// Take the deal off an account (it closed, or the account was lost).
    pub(crate) fn take(&mut self, st: &mut AccountState) -> Option<AccountDeal> {
        let d = self.slots.get_mut(st.deal as usize).and_then(Option::take);
        if d.is_some() {
            self.free.push(st.deal);
        }
        st.deal = NO_DEAL;
        d
    }

    /// Every deal open on an account (for the invariants).
    pub(crate) fn open_deals(&self) -> impl Iterator<Item = &AccountDeal> {
        self.slots.iter().flatten()
    }
}

/// Keep on the account what its rep's forecast needs of its deal: date, chance at full effort
/// without skill, credited value, and whether its date can move.
fn summarize(s: &Scenario, st: &mut AccountState, d: &AccountDeal) {
    st.deal_due = d.terms.due_week;
    st.deal_chance = chance(s, &d.terms, &Odds::forecast(1.0)) as f32;
    st.deal_value = (d.terms.size * credit_share(s, d.terms.kind)) as f32;
    st.deal_movable = d.terms.movable();
    st.deal_stalled = d.terms.stalls > 0;
}

/// An account deal of `kind` opened in `week` (a renewal closes on `anniversary`): its terms drawn
/// from the customer's stream.
pub(crate) fn open_account_deal(
    s: &Scenario,
    id: u32,
    kind: DealKind,
    a: &Account,
    st: &AccountState,
    week: u32,
    anniversary: u32,
) -> AccountDeal {
    let q = &s.deals;
    let headroom = (wallet_ceiling(&s.behaviour.revenue, a, st.needs_met as f64) - st.wallet_share as f64).max(0.0);
    let mut r = Stream::new(s.seed, a.id as u64, week, Purpose::DealTerms);
    let (step, due) = match kind {
        DealKind::Renewal => (q.renewal_uplift * headroom, anniversary.max(week + 1)),
        _ => {
            let cycle = q.expansion_cycle_weeks * if a.complex { q.complex_cycle_factor } else { 1.0 };
            let weeks = r.lognormal_median(cycle, q.cycle_sigma).round().max(1.0) as u32;
            ((q.expansion_step * headroom * r.lognormal_mean(1.0, q.size_sigma)).min(headroom), week + weeks)
        }
    };
    let terms = Terms {
        id,
        kind,
        customer: a.id,
        opened_week: week,
        due_week: due,
        size: a.potential * step,
        complex: a.complex,
        icp: a.icp,
        stalls: 0,
        timing: Timing::OnTime,
        offered: 0.0,
        discount: 0.0,
    }
    .with_offer(offered_discount(s, a.margin as f64));
    AccountDeal { terms, rep: a.owner, wallet_step: step }
}

/// Which deal, if any, an account asks for this week: a renewal once it is within
/// `renewal_lead_weeks` of a contract anniversary whose renewal is not yet open, else an
/// expansion when its draw `x` lands in the top `expansion_rate · min(1, rep coverage) ·
/// max(L_rep, L_spec)` of the unit interval. No expansion without a rep.
#[inline]
fn wanted(
    s: &Scenario,
    a: &Account,
    st: &AccountState,
    rep_coverage: f64,
    x: f64,
    week: u32,
) -> Option<(DealKind, u32)> {
    let tenure = (week as i32 - a.won_week).max(0) as u32;
    let contract_year = tenure / YEAR_WEEKS + 1;
    let to_anniversary = YEAR_WEEKS - tenure % YEAR_WEEKS;
    if to_anniversary <= s.deals.renewal_lead_weeks && st.renewals_opened < contract_year {
        return Some((DealKind::Renewal, week + to_anniversary));
    }
    let person = st.loyalty_rep.max(st.loyalty_specialist) as f64;
    let p = s.deals.expansion_rate * rep_coverage.min(1.0) * person;
    (a.owner.is_some() && x > 1.0 - p).then_some((DealKind::Expansion, 0))
}

/// What the weekly pass needs to work the accounts' deals.
pub struct DealDesk<'a> {
    pub s: &'a Scenario,
    pub seed: u64,
    pub week: u32,
    pub pipeline: &'a mut Pipeline,
    pub deals: &'a mut AccountDeals,
    pub log: &'a mut close::DealLog,
    pub events: &'a mut EventLog,
    pub tally: &'a mut WeekTally,
    /// Coverage that drafted help adds to a slow deal this week, for simple and complex accounts
    /// (0 outside the drafting weeks): see [`draft_coverage`].
    pub draft: DraftCoverage,
}

/// Coverage that drafted help adds to a slow deal this week (0 outside the drafting weeks).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DraftCoverage {
    pub simple: f64,
    pub complex: f64,
}

impl DraftCoverage {
    /// For an account with simple or complex needs.
    pub(crate) fn of(&self, complex: bool) -> f64 {
        if complex { self.complex } else { self.simple }
    }
}

/// Whether `week` is in the last `deals.draft_weeks` of its year (the drafting policy is on).
pub(crate) fn drafting(s: &Scenario, week: u32) -> bool {
    let q = &s.deals;
    q.draft_weeks > 0 && week % YEAR_WEEKS >= YEAR_WEEKS - q.draft_weeks.min(YEAR_WEEKS)
}

/// Coverage that `deals.draft_hours` of drafted help a week gives a slow account deal this week,
/// for simple and complex accounts: the hours over the account's weekly need hours.
pub(crate) fn draft_coverage(s: &Scenario, week: u32) -> DraftCoverage {
    if !drafting(s, week) {
        return DraftCoverage::default();
    }
    let of = |complex: bool| s.deals.draft_hours / s.sales_force.need_hours(complex).max(1e-9);
    DraftCoverage { simple: of(false), complex: of(true) }
}

impl DealDesk<'_> {
    /// Work the deal open on an account (readiness from this week's rep coverage), close it if
    /// due, and open a new one if the account asks for it. `skill_factor` is its rep's (1 without
    /// one); `x` is the account's draw this week. Returns the credit for its rep's book.
    #[inline]
    pub(crate) fn serve(
        &mut self,
        a: &Account,
        st: &mut AccountState,
        rep_coverage: f64,
        skill_factor: f64,
        x: f64,
    ) -> f64 {
        let s = self.s;
        let mut credited = 0.0;
        if st.has_deal() {
            st.deal_weeks += 1;
            let help = if st.deal_stalled { self.draft.of(a.complex) } else { 0.0 };
            if help > 0.0 {
                self.tally.drafted_hours += s.deals.draft_hours;
                self.tally.draft_cost += s.deals.draft_hours * s.deals.draft_hour_cost;
            }
            st.deal_coverage += (rep_coverage + help).min(1.0) as f32;
            if st.deal_due <= self.week {
                credited = self.close(a, st, skill_factor);
            }
        }
        if !st.has_deal() {
            if let Some((kind, anniversary)) = wanted(s, a, st, rep_coverage, x, self.week) {
                if kind == DealKind::Renewal {
                    st.renewals_opened = ((self.week as i32 - a.won_week).max(0) as u32) / YEAR_WEEKS + 1;
                }
                let id = self.pipeline.issue_id();
                let d = open_account_deal(s, id, kind, a, st, self.week, anniversary);
                self.deals.open(s, st, d);
                st.deal_weeks = 0;
                st.deal_coverage = 0.0;
                self.tally.deals_opened += 1;
            }
        }
        credited
    }

    /// Close the account's due deal; returns the credit for its rep.
    #[cold]
    fn close(&mut self, a: &Account, st: &mut AccountState, skill_factor: f64) -> f64 {
        let s = self.s;
        let readiness = st.deal_coverage as f64 / st.deal_weeks.max(1) as f64;
        let Some(mut d) = self.deals.take(st) else { return 0.0 };
        let odds =
            Odds { readiness, skill_factor, needs_met: st.needs_met as f64, satisfaction: st.satisfaction as f64 };
        let u = close_draw(self.seed, &d.terms, self.week);
        let o = outcome(s, &d.terms, chance(s, &d.terms, &odds), readiness, u);
        let mut credited = 0.0;
        match o {
            Outcome::Won => {
                let wallet = st.wallet_share as f64;
                let added = (wallet + d.wallet_step).min(s.behaviour.revenue.wallet_ceiling) - wallet;
                st.discount = blend_discount(st.discount as f64, wallet, d.terms.discount, added.max(0.0)) as f32;
                st.wallet_share = (wallet + added) as f32;
                st.credit_ahead += d.terms.size;
                if a.owner.is_some() {
                    credited = credit(s, &d.terms, a.margin as f64, a.won_week, self.week);
                }
            }
            Outcome::Lost if d.terms.kind == DealKind::Renewal => {
                st.wallet_share = (st.wallet_share as f64 * (1.0 - s.deals.renewal_downsell)) as f32
            }
            Outcome::Stalled => {
                d.terms.stalls += 1;
                d.terms.due_week = self.week + s.deals.stall_weeks;
                self.tally.deals_stalled += 1;
                let (weeks, coverage) = (st.deal_weeks, st.deal_coverage);
                self.deals.open(s, st, d);
                (st.deal_weeks, st.deal_coverage) = (weeks, coverage);
                return 0.0;
            }
            _ => {}
        }
        record(self.log, self.events, self.tally, &d.terms, a.owner, self.week, o);
        credited
    }
}

/// How an account's open deal counts in its rep's forecast: due in the quota period or pullable
/// into it, its chance at full effort (without skill) and its credited value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ForecastEntry {
    pub in_period: bool,
    pub chance: f64,
    pub value: f64,
}

/// Where an account's open deal counts in its rep's forecast for `week`'s quota period: due in
/// the period, or pullable (due in the first `timing_window_weeks` of the next), with its chance
/// at full effort (without skill) and credited value. `None` if it counts in neither.
#[inline]
pub(crate) fn forecast_entry(s: &Scenario, st: &AccountState, week: u32) -> Option<ForecastEntry> {
    if !st.has_deal() {
        return None;
    }
    let period = s.pay.quota_period.weeks();
    let period_end = week + (period - week % period) - 1;
    let due = st.deal_due;
    let in_period = due <= period_end;
    if !in_period && (due > period_end + s.deals.timing_window_weeks || !st.deal_movable) {
        return None;
    }
    let (p, v) = (st.deal_chance as f64, st.deal_value as f64);
    let q = &s.deals;
    Some(if in_period {
        ForecastEntry { in_period, chance: p, value: v }
    } else {
        ForecastEntry { in_period, chance: p * q.pull_in_win_factor, value: v * (1.0 - q.pull_in_discount) }
    })
}
