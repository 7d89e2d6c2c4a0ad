//! Mechanism 10, leadership's business case: what a planned change is expected to bring over the
//! leadership's horizon, reckoned from what leadership can see of each account it touches (its
//! revenue, potential, coverage and met needs) by the model's own expansion rule
//! (`deals/account.rs`): an account's revenue closes the gap to its wallet, potential ×
//! `behaviour.revenue.wallet_ceiling` (× u + (1 − u)·met for complex needs, u =
//! `unmet_wallet_share`), at the yearly rate k = 52 · `deals.expansion_rate` · min(1, c) ·
//! `expansion_win_rate` · `expansion_step` of an account covered c, as a loyal account does.
//! Revenue from r₀ towards r_max over H years sums to r_max·H − (r_max − r₀)·(1 − e^(−kH))/k;
//! a change is worth the difference it makes to that sum.
//!
//! - Realignment: a moved account's coverage scales by its old rep's utilisation over its new
//!   rep's (`realign.rs`).
//! - Specialists: service contacts add `behaviour.coverage.service_coverage`, technical
//!   specialists `technical_coverage` and meet complex needs in full, on as many accounts as the
//!   added specialists can take (`specialists.accounts_each`), for their `salary`.
//! - House accounts: the revenue that would follow departing reps stays, at the rate reps leave
//!   (`careers.quit_rate_annual`), and what is saved each year stays saved: a·H²/2.

use super::leadership::{BusinessCase, RepGain};
use crate::scenario::Scenario;
use crate::sim::components::{Account, AccountState, WEEKS_PER_YEAR};

/// Below this k·H the closed gap is summed by its series' first term, gap·k·H²/2 (a numerical
/// resolution: (1 − e^(−kH))/k loses its digits as kH goes to 0).
const SERIES_BELOW: f64 = 1e-6;

/// An account's revenue path as leadership projects it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outlook {
    /// Annual revenue now.
    pub revenue: f64,
    /// Annual revenue its wallet allows.
    pub wallet: f64,
    /// Coverage it gets (1 = all it needs).
    pub coverage: f64,
}

/// Revenue over `h` years of an account on `o`'s path.
pub(crate) fn revenue_over(s: &Scenario, o: Outlook, h: f64) -> f64 {
    let d = &s.deals;
    let k = WEEKS_PER_YEAR * d.expansion_rate * o.coverage.clamp(0.0, 1.0) * d.expansion_win_rate * d.expansion_step;
    let gap = (o.wallet - o.revenue).max(0.0);
    // The part of the gap closed, summed over the years: gap·(H − (1 − e^(−kH))/k), which is
    // gap·k·H²/2 while kH is small.
    let closed = if k * h > SERIES_BELOW { gap * (h - (1.0 - libm::exp(-k * h)) / k) } else { gap * k * h * h / 2.0 };
    o.revenue * h + closed
}

/// What moving an account from `before` to `after` brings over `h` years.
pub(crate) fn gain_over(s: &Scenario, before: Outlook, after: Outlook, h: f64) -> f64 {
    revenue_over(s, after, h) - revenue_over(s, before, h)
}

/// The annual revenue an account's wallet allows with a share `met` of its needs met.
pub(crate) fn wallet(s: &Scenario, a: &Account, met: f64) -> f64 {
    let r = &s.behaviour.revenue;
    let needs = if a.complex { r.unmet_wallet_share + (1.0 - r.unmet_wallet_share) * met } else { 1.0 };
    a.potential * r.wallet_ceiling * needs
}

/// How a change that takes exclusivity over accounts pays.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ExclusivityGain {
    /// Specialists join the accounts: `technical` and `service` say which kinds are added,
    /// `added` how many.
    Specialists { technical: bool, service: bool, added: u32 },
    /// The accounts become the company's.
    HouseAccounts,
}

/// Sums a change's business case over the accounts it touches, over the horizon `h` years.
pub struct CaseBuilder<'s> {
    s: &'s Scenario,
    gain: ExclusivityGain,
    h: f64,
    case: BusinessCase,
    touched: u32,
}

impl<'s> CaseBuilder<'s> {
    pub fn new(s: &'s Scenario, gain: ExclusivityGain, h: f64) -> Self {
        CaseBuilder { s, gain, h, case: BusinessCase::default(), touched: 0 }
    }

    /// Add an account the change touches, owned by `owner`, with annual `revenue` of which
    /// `portable` would follow its rep.
    pub fn touch(&mut self, owner: u32, a: &Account, st: &AccountState, revenue: f64, portable: f64) {
        self.touched += 1;
        let (s, h) = (self.s, self.h);
        let c = &s.behaviour.coverage;
        let gain = match self.gain {
            ExclusivityGain::Specialists { technical, service, .. } => {
                let technical = technical && a.complex;
                let added = service as u8 as f64 * c.service_coverage + technical as u8 as f64 * c.technical_coverage;
                let met = st.needs_met as f64;
                let before = Outlook { revenue, wallet: wallet(s, a, met), coverage: st.coverage as f64 };
                let after = Outlook {
                    wallet: wallet(s, a, if technical { 1.0 } else { met }),
                    coverage: before.coverage + added,
                    ..before
                };
                gain_over(s, before, after, h)
            }
            ExclusivityGain::HouseAccounts => {
                self.case.avoided += portable * s.careers.quit_rate_annual * h * h / 2.0;
                0.0
            }
        };
        self.case.add(owner, gain);
    }

    /// The business case: added specialists serve at most `accounts_each` accounts each, so the
    /// gain counts only the share of the touched accounts they can take, and they cost a salary.
    pub fn finish(mut self) -> BusinessCase {
        if let ExclusivityGain::Specialists { added, .. } = self.gain {
            let sp = &self.s.specialists;
            let reach = (added as f64 * sp.accounts_each as f64 / self.touched.max(1) as f64).min(1.0);
            self.case.gains.iter_mut().for_each(|g| g.revenue *= reach);
            self.case.cost = added as f64 * sp.salary * self.h;
        }
        self.case.gains.sort_by_key(|g| g.rep);
        self.case
    }
}

impl BusinessCase {
    /// Add `revenue` over the horizon that the accounts of `rep` bring.
    pub(crate) fn add(&mut self, rep: u32, revenue: f64) {
        if revenue == 0.0 {
            return;
        }
        match self.gains.iter_mut().find(|g| g.rep == rep) {
            Some(g) => g.revenue += revenue,
            None => self.gains.push(RepGain { rep, revenue }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn baseline() -> Scenario {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.ron");
        crate::scenario::load::load_file(&path).expect("the baseline is valid")
    }

    #[test]
    fn more_coverage_closes_the_wallet_gap_faster_and_pays_more_the_longer_one_looks() {
        let s = baseline();
        let before = Outlook { revenue: 1000.0, wallet: 5000.0, coverage: 0.3 };
        let after = Outlook { coverage: 0.9, ..before };
        let (one, three) = (gain_over(&s, before, after, 1.0), gain_over(&s, before, after, 3.0));
        assert!(one > 0.0 && three > 3.0 * one, "gains build up: {one} in one year, {three} in three");
        assert!(three < 4000.0 * 3.0, "never more than the whole gap");
    }

    #[test]
    fn a_full_wallet_gains_nothing_from_coverage() {
        let s = baseline();
        let before = Outlook { revenue: 5000.0, wallet: 5000.0, coverage: 0.3 };
        assert_eq!(gain_over(&s, before, Outlook { coverage: 1.0, ..before }, 2.0), 0.0);
    }
}
