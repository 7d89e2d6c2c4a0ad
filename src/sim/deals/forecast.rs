//! What a rep expects to sell before its quota period ends (F9): its pace of recurring credit,
//! plus the open deals due in the period (each at the chance the rep gives it) or, if more, its
//! usual pace of bookings, and in the last weeks the deals it could pull in. The chance of making
//! quota follows from their mean and the largest of three variances: its pipeline's, its weekly
//! credit's over the weeks left, and how far its own periods have missed its forecasts (learned
//! period by period). So it rests on how lumpy the rep's own sales have been rather than on an
//! assumed volatility.

use super::*;
use crate::sim::components::*;
use crate::sim::resources::*;

/// Share of a deal's value credited in the commission basis (new-customer basis: only new
/// customers' deals, taken to be inside the window).
pub(crate) fn credit_share(s: &Scenario, kind: DealKind) -> f64 {
    let basis = s.pay.commission_basis;
    if kind == DealKind::NewCustomer || basis.pays_on_existing_accounts() {
        basis.credited_share(s.market.gross_margin)
    } else {
        0.0
    }
}

/// One rep's open deals due before its quota period ends: expected credit, its variance, and
/// the number and total credit value of those deals.
#[derive(Clone, Copy, Debug, Default)]
pub struct RepForecast {
    pub mean: f64,
    pub variance: f64,
    pub deals: u32,
    pub value: f64,
    /// Expected credit and variance of the deals due in the first `timing_window_weeks` of the
    /// next period that could be pulled in (at their discount and lower chance).
    pub pullable_mean: f64,
    pub pullable_variance: f64,
}

/// Every rep's forecast this week, by rep id.
#[derive(Resource, Default, Debug)]
pub struct Forecasts(pub Vec<RepForecast>);

impl Forecasts {
    pub(crate) fn of(&self, rep: u32) -> RepForecast {
        self.0.get(rep as usize).copied().unwrap_or_default()
    }
}

/// Sum each rep's open deals due before the period ends (and those it could pull in), at the
/// chances it forecasts: its new-customer deals from the pipeline, its account deals as its book
/// summed them at last week's close.
pub(crate) fn forecast_pipelines(
    params: Res<Params>,
    clock: Res<Clock>,
    staffing: Res<Staffing>,
    pipeline: Res<Pipeline>,
    books: Res<Books>,
    mut forecasts: ResMut<Forecasts>,
    reps: Query<&Rep>,
) {
    let s = &params.0;
    let q = &s.deals;
    let period = s.pay.quota_period.weeks();
    let period_end = clock.week + (period - clock.week % period) - 1;
    let n = staffing.next_rep_id as usize;
    let mut skill = vec![1.0; n];
    for r in &reps {
        if let Some(x) = skill.get_mut(r.id as usize) {
            *x = skill_factor(s, r.skill);
        }
    }
    forecasts.0.clear();
    forecasts.0.resize(n, RepForecast::default());
    let pull_until = period_end + q.timing_window_weeks;
    for d in pipeline.deals.iter().filter(|d| d.terms.due_week <= pull_until && (d.rep as usize) < n) {
        let rep = d.rep as usize;
        let p = chance(s, &d.terms, &Odds::forecast(skill[rep]));
        let v = d.terms.size * credit_share(s, d.terms.kind);
        let f = &mut forecasts.0[rep];
        if d.terms.due_week <= period_end {
            f.mean += p * v;
            f.variance += p * (1.0 - p) * v * v;
            f.deals += 1;
            f.value += v;
        } else if d.terms.movable() {
            let (p, v) = (p * q.pull_in_win_factor, v * (1.0 - q.pull_in_discount));
            f.pullable_mean += p * v;
            f.pullable_variance += p * (1.0 - p) * v * v;
        }
    }
    for (rep, f) in forecasts.0.iter_mut().enumerate() {
        let Some(b) = books.get(rep as u32) else { continue };
        let k = skill[rep];
        f.mean += k * b.due_deals.pv;
        f.variance += (k * b.due_deals.pv2 - k * k * b.due_deals.p2v2).max(0.0);
        f.pullable_mean += k * b.pullable_deals.pv;
        f.pullable_variance += (k * b.pullable_deals.pv2 - k * k * b.pullable_deals.p2v2).max(0.0);
    }
}

/// The chance a rep makes quota this period, normal approximation: the rep expects its pace of
/// recurring credit over the T weeks left, plus the larger of the deals due in the period (at the
/// chances it gives them) and its pace of bookings over T (what it usually closes, seen or not); its
/// uncertainty is the larger of the pipeline's and the variance of its weekly credit as it has
/// seen it, over T. So a rep whose sales come in big lumps stays hopeful further behind.
pub fn chance_of_quota(s: &Scenario, pay: &PayState, f: &RepForecast, week: u32) -> f64 {
    if !s.pay.quota_setting.has_quota() || pay.period_quota <= 0.0 {
        return 1.0;
    }
    let gap = pay.period_quota - pay.period_credit;
    if gap <= 0.0 {
        return 1.0;
    }
    let period = s.pay.quota_period.weeks();
    let left = (period - week % period) as f64;
    let pull = can_pull_in(s) && left <= s.deals.timing_window_weeks as f64;
    let (pull_mean, pull_variance) = if pull { (f.pullable_mean, f.pullable_variance) } else { (0.0, 0.0) };
    // The rep's own experience of missing its forecast (on average and squared), in proportion to
    // the share of the period still to run.
    let remaining = pay.period_quota * left / period as f64;
    let mean = pay.recurring_pace.max(0.0) * left
        + f.mean.max(pay.bookings_pace.max(0.0) * left)
        + pull_mean
        + pay.forecast_bias * remaining;
    let experienced = (pay.forecast_error - pay.forecast_bias * pay.forecast_bias).max(0.0) * remaining * remaining;
    let variance = (f.variance + pull_variance).max(pay.credit_variance * left).max(experienced);
    if variance <= 0.0 {
        return if mean >= gap { 1.0 } else { 0.0 };
    }
    normal_cdf((mean - gap) / variance.sqrt())
}

/// Whether pulling a deal in can pay: a bonus at quota or an accelerator above it.
pub(crate) fn can_pull_in(s: &Scenario) -> bool {
    s.pay.quota_bonus > 0.0 || s.pay.accelerator > 1.0 + 1e-9
}

/// The standard normal distribution function.
pub(crate) fn normal_cdf(z: f64) -> f64 {
    0.5 * libm::erfc(-z / std::f64::consts::SQRT_2)
}
