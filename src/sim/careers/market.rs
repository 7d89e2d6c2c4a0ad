//! Mechanism 8, the labour market: market pay is an output, what the industry's reps are paid.
//! The company's reps and the rest of the industry (`careers.industry_reps` reps at rival firms
//! outside the model) make up the market; the rest start at `careers.market_pay` and follow the
//! market with a lag (rivals review pay and match it), so one firm's runaway pay resets the pay
//! scale for the whole industry over the years, and a firm that cuts pay alone drags it down only
//! as far as its share of the industry's reps.
//!
//! Each week, with the company's n active reps at mean expected pay p̄, the other firms of an
//! industry (`src/industry/`) with m reps paid P in all last week, and the rest of the
//! industry's N reps at pay R: market pay M = (n·p̄ + P + N·R)/(n + m + N), then R ← R + (M − R)·(1 − 2^(−1/(52·t½)))
//! with t½ = `careers.pay_adjust_years`, the years the rest take to close half their gap to the market.

use crate::scenario::Scenario;
use crate::sim::components::*;
use crate::sim::resources::*;
use bevy::prelude::*;

/// What the industry pays its reps.
#[derive(Resource, Clone, Copy, Debug, PartialEq)]
pub struct LabourMarket {
    /// Market pay: the mean annual pay of the industry's reps, $/year.
    pub pay: f64,
    /// What the rest of the industry pays a rep, $/year.
    pub rest_pay: f64,
    /// The other firms of the industry (`src/industry/`) as of last week: their active reps and
    /// the sum of their expected pay, $/year (0 without an industry).
    pub rivals_reps: f64,
    pub rivals_pay: f64,
}

impl LabourMarket {
    /// The market at the start of a run: everyone paid `careers.market_pay`.
    pub(crate) fn starting(s: &Scenario) -> Self {
        LabourMarket { pay: s.careers.market_pay, rest_pay: s.careers.market_pay, rivals_reps: 0.0, rivals_pay: 0.0 }
    }

    /// The week's market pay from the company's `n` reps at mean pay `mean_pay`, and the rest of
    /// the industry's pay moving towards it.
    pub(crate) fn update(&mut self, s: &Scenario, n: usize, mean_pay: f64) {
        let k = &s.careers;
        let rest = k.industry_reps as f64;
        let ours = if n > 0 { n as f64 } else { 0.0 };
        if ours + self.rivals_reps + rest > 0.0 {
            self.pay = (ours * mean_pay + self.rivals_pay + rest * self.rest_pay) / (ours + self.rivals_reps + rest);
        }
        let step = 1.0 - libm::exp2(-1.0 / (WEEKS_PER_YEAR * k.pay_adjust_years));
        self.rest_pay += (self.pay - self.rest_pay) * step;
    }
}

/// Market pay for the week, from the active reps' expected pay (`LabourMarket::update`).
pub(crate) fn update_market_pay(params: Res<Params>, mut market: ResMut<LabourMarket>, reps: Query<(&Rep, &PayState)>) {
    let (mut n, mut sum) = (0usize, 0.0);
    for (r, p) in &reps {
        if r.status == RepStatus::Active {
            n += 1;
            sum += p.expected_pay;
        }
    }
    let mean = if n > 0 { sum / n as f64 } else { 0.0 };
    market.update(&params.0, n, mean);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(industry_reps: u32) -> Scenario {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.ron");
        let mut s = crate::scenario::load::load_file(&path).expect("the baseline is valid");
        s.careers.market_pay = 100_000.0;
        s.careers.industry_reps = industry_reps;
        s.careers.pay_adjust_years = 2.0;
        s
    }

    #[test]
    fn a_company_paying_more_pulls_the_market_up_over_the_years_by_its_share_of_the_industry() {
        let s = scenario(450);
        let mut m = LabourMarket::starting(&s);
        m.update(&s, 50, 300_000.0);
        assert!((m.pay - 120_000.0).abs() < 1e-6, "a tenth of the industry at 300k: {}", m.pay);
        let after_a_week = m.rest_pay;
        for _ in 0..(2 * 52 - 1) {
            m.update(&s, 50, 300_000.0);
        }
        assert!(after_a_week < m.rest_pay && m.rest_pay < m.pay, "the rest follow: {m:?}");
        // The rest close half their gap to the market in two years, and the market is nine tenths
        // theirs, so the industry moves a tenth as fast: half-way in about twenty years.
        for _ in 0..(24 * 52) {
            m.update(&s, 50, 300_000.0);
        }
        assert!(m.pay > 200_000.0 && m.pay < 300_000.0, "the industry moves towards what the leader pays: {m:?}");
    }

    #[test]
    fn a_company_alone_in_its_market_is_the_market() {
        let s = scenario(0);
        let mut m = LabourMarket::starting(&s);
        m.update(&s, 10, 80_000.0);
        assert_eq!(m.pay, 80_000.0);
    }
}
