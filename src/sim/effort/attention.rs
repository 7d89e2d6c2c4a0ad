//! Attention by value (mechanism 2, part): how a rep spreads its farming hours over its accounts.
//!
//! The incentive-driven part of the rep's time goes where it is worth most: account a, worth V_a
//! to the rep (commission on its revenue at risk plus its share of the bonuses at stake) and
//! needing n_a hours for full coverage, retains V_a·(1 − e^(−k·c_a)) at coverage c_a. Against the
//! value v_h of an hour spent hunting, the best coverage is c_a = (1/k)·(y_a − ℓ)⁺ with
//! y_a = ln(V_a / need_a) and one balancing value ℓ per rep, so the week keeps one pass over the
//! accounts: ℓ is solved at the start of the week from the rep's book at last week's close, binned
//! by revenue ([`ValueBins`]). If that plan wants more hours than the rep has, ℓ rises until the
//! hours fit, and the least valuable accounts are the first to go uncovered. The salaried part of
//! the rep's time follows management's direction and covers every account alike.

use crate::sim::numerics::ln;

/// Revenue bins of a book: two per doubling of annual revenue from $8 a year.
pub const BINS: usize = 40;
const LOWEST_OCTAVE: i64 = 3;

/// One rep's accounts summed by annual revenue run-rate: count, need hours and revenue per bin.
#[derive(Clone, Debug)]
pub struct ValueBins {
    count: [f32; BINS],
    need: [f32; BINS],
    revenue: [f32; BINS],
}

impl Default for ValueBins {
    fn default() -> Self {
        ValueBins { count: [0.0; BINS], need: [0.0; BINS], revenue: [0.0; BINS] }
    }
}

impl ValueBins {
    /// The bin of an annual revenue: its exponent and top mantissa bit (half octaves).
    #[inline]
    fn bin(revenue_annual: f64) -> usize {
        let bits = revenue_annual.max(1.0).to_bits();
        let exponent = ((bits >> 52) & 0x7ff) as i64 - 1023;
        let half = ((bits >> 51) & 1) as i64;
        (2 * (exponent - LOWEST_OCTAVE) + half).clamp(0, BINS as i64 - 1) as usize
    }

    /// Add (`k` = 1) or take out (`k` = −1) one account.
    #[inline]
    pub(crate) fn post(&mut self, revenue_annual: f64, need: f64, k: f32) {
        let b = Self::bin(revenue_annual);
        self.count[b] += k;
        self.need[b] += k * need as f32;
        self.revenue[b] += k * revenue_annual as f32;
    }

    pub(crate) fn clear(&mut self) {
        *self = ValueBins::default();
    }

    /// Each non-empty bin as (y, need hours) at value V = α·R + β per account.
    fn points(&self, alpha: f64, beta: f64) -> Vec<(f64, f64)> {
        let mut p: Vec<(f64, f64)> = (0..BINS)
            .filter(|&b| self.count[b] > 0.5 && self.need[b] > 0.0)
            .filter_map(|b| {
                let (n, need, rev) = (self.count[b] as f64, self.need[b] as f64, self.revenue[b].max(0.0) as f64);
                let value = alpha * rev + beta * n;
                (value > 0.0).then(|| (ln(value) - ln(need), need))
            })
            .collect();
        p.sort_by(|a, b| b.0.total_cmp(&a.0));
        p
    }
}

/// Hours the plan at threshold ℓ asks for, in units of hours × productivity × k.
fn scaled_hours(points: &[(f64, f64)], threshold: f64) -> f64 {
    points.iter().map(|&(y, need)| need * (y - threshold).max(0.0)).sum()
}

/// The threshold at which the plan asks for exactly `target` (in the units of [`scaled_hours`]).
fn threshold_for(points: &[(f64, f64)], target: f64) -> f64 {
    let (mut sum_ny, mut sum_n) = (0.0, 0.0);
    for (i, &(y, need)) in points.iter().enumerate() {
        sum_ny += need * y;
        sum_n += need;
        let threshold = (sum_ny - target) / sum_n;
        let floor = points.get(i + 1).map_or(f64::NEG_INFINITY, |p| p.0);
        if threshold >= floor {
            return threshold;
        }
    }
    f64::NEG_INFINITY
}

/// How a rep covers its accounts this week: coverage of an account worth V = α·R + β (R its annual
/// revenue) needing `need` hours is `directed + scale·(ln V − ln need − threshold)⁺`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct AttentionPlan {
    /// Coverage every account gets from the directed (salaried) part of the rep's time.
    pub directed: f64,
    /// The variable share of pay over the coverage response k.
    pub scale: f64,
    pub alpha: f64,
    pub beta: f64,
    pub threshold: f64,
}

impl AttentionPlan {
    /// The rep's coverage of an account with annual revenue `revenue_annual` and ln(need hours) `ln_need`.
    #[inline]
    pub(crate) fn coverage(&self, revenue_annual: f64, ln_need: f64) -> f64 {
        if self.scale <= 0.0 {
            return self.directed;
        }
        let value = self.alpha * revenue_annual + self.beta;
        if value <= 0.0 {
            return self.directed;
        }
        self.directed + self.scale * (ln(value) - ln_need - self.threshold).max(0.0)
    }
}

/// What a rep brings to planning its week.
#[derive(Clone, Copy, Debug)]
pub struct PlanInputs {
    /// Selling hours this week (after team work).
    pub selling_hours: f64,
    /// Variable share of its expected pay.
    pub variable_share: f64,
    /// Share of the directed hours management wants on hunting (1 for a rep with no accounts).
    pub directed_hunting: f64,
    /// Productivity (skill × ramp).
    pub productivity: f64,
    /// Coverage response k (`effort.coverage_response`).
    pub response: f64,
    /// Value of a weekly hour of hunting (sustained for a year).
    pub hunt_value: f64,
    /// Value per dollar of annual revenue at risk (α) and per account (β).
    pub alpha: f64,
    pub beta: f64,
    /// Hours the whole book needs for full coverage.
    pub need_hours: f64,
}

/// The week's plan: how each account is covered and how the selling hours split.
#[derive(Clone, Copy, Debug)]
pub struct WeekPlan {
    pub plan: AttentionPlan,
    pub farming: f64,
    pub hunting: f64,
}

/// Plan the week: incentive farming f* = hours the value plan asks for at the hunting value (at
/// most the selling hours); farming = (1 − v)(1 − d)·S + v·f*; the rest is hunting.
pub(crate) fn plan_week(bins: &ValueBins, i: &PlanInputs) -> WeekPlan {
    let s = i.selling_hours.max(0.0);
    if i.need_hours <= 0.0 || s <= 0.0 {
        return WeekPlan { plan: AttentionPlan::default(), farming: 0.0, hunting: s };
    }
    let unit = i.productivity.max(1e-9) * i.response;
    let points = bins.points(i.alpha, i.beta);
    let (threshold, incentive) = if points.is_empty() {
        (f64::INFINITY, 0.0)
    } else {
        let at_hunt_value = if i.hunt_value > 0.0 { ln(i.hunt_value / unit) } else { f64::NEG_INFINITY };
        let wanted =
            if at_hunt_value.is_finite() { scaled_hours(&points, at_hunt_value) / unit } else { f64::INFINITY };
        if wanted <= s { (at_hunt_value, wanted) } else { (threshold_for(&points, s * unit), s) }
    };
    let directed_farming = (1.0 - i.variable_share) * (1.0 - i.directed_hunting) * s;
    // At most the selling hours, so that hunting = S − farming is never below 0 by rounding.
    let farming = (directed_farming + i.variable_share * incentive).min(s);
    let plan = AttentionPlan {
        directed: directed_farming * i.productivity / i.need_hours,
        scale: if incentive > 0.0 { i.variable_share / i.response } else { 0.0 },
        alpha: i.alpha,
        beta: i.beta,
        threshold,
    };
    WeekPlan { plan, farming, hunting: s - farming }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book(revenues: &[f64], need: f64) -> ValueBins {
        let mut b = ValueBins::default();
        revenues.iter().for_each(|&r| b.post(r, need, 1.0));
        b
    }

    fn inputs(selling: f64, hunt_value: f64, need_hours: f64) -> PlanInputs {
        PlanInputs {
            selling_hours: selling,
            variable_share: 1.0,
            directed_hunting: 0.5,
            productivity: 1.0,
            response: 3.0,
            hunt_value,
            alpha: 0.1,
            beta: 0.0,
            need_hours,
        }
    }

    #[test]
    fn valuable_accounts_get_more_coverage_than_small_ones() {
        let revenues: Vec<f64> = (1..=100).map(|i| 500.0 * i as f64).collect();
        let b = book(&revenues, 0.15);
        let w = plan_week(&b, &inputs(40.0, 30.0, 15.0));
        let small = w.plan.coverage(1_000.0, 0.15f64.ln());
        let big = w.plan.coverage(40_000.0, 0.15f64.ln());
        assert!(big > small, "coverage of a $40k account {big} vs a $1k account {small}");
        assert!(w.farming > 0.0 && w.hunting > 0.0);
    }

    #[test]
    fn an_overloaded_book_leaves_its_least_valuable_accounts_uncovered() {
        let revenues: Vec<f64> = (1..=400).map(|i| 100.0 * i as f64).collect();
        let b = book(&revenues, 0.15);
        let w = plan_week(&b, &inputs(10.0, 0.0, 60.0));
        assert!((w.farming - 10.0).abs() < 1e-9, "all selling hours farm: {}", w.farming);
        assert_eq!(w.plan.coverage(150.0, 0.15f64.ln()), 0.0, "the smallest account gets nothing");
        let average = 10.0 / 60.0;
        assert!(
            w.plan.coverage(40_000.0, 0.15f64.ln()) > 2.0 * average,
            "the biggest account gets more than its share"
        );
    }

    #[test]
    fn hunting_is_never_below_zero_when_every_selling_hour_farms() {
        let revenues: Vec<f64> = (1..=400).map(|i| 100.0 * i as f64).collect();
        let b = book(&revenues, 0.15);
        for selling in (1..=400).map(|i| 0.1 * i as f64 + 1e-7 * i as f64) {
            for variable_share in [0.3, 0.7, 0.9, 1.0 - 1e-9] {
                let i = PlanInputs { variable_share, directed_hunting: 0.0, ..inputs(selling, 0.0, 60.0) };
                let w = plan_week(&b, &i);
                assert!(w.hunting >= 0.0 && w.farming <= selling, "selling {selling}: hunting {:e}", w.hunting);
            }
        }
    }

    #[test]
    fn the_plan_spends_the_hours_it_says_it_spends() {
        let revenues: Vec<f64> = (1..=200).map(|i| 60.0 * i as f64 * (i % 7 + 1) as f64).collect();
        let b = book(&revenues, 0.2);
        for (selling, hunt) in [(40.0, 5.0), (40.0, 60.0), (8.0, 0.5)] {
            let i = inputs(selling, hunt, 40.0);
            let w = plan_week(&b, &i);
            let spent: f64 = revenues.iter().map(|&r| w.plan.coverage(r, 0.2f64.ln()) * 0.2).sum();
            assert!((spent - w.farming).abs() <= 0.05 * w.farming.max(1.0), "plan {} vs spent {spent}", w.farming);
        }
    }
}
