//! The industry's row of `timeseries.csv`: each week, after its firms' rows, one row whose `firm`
//! is [`INDUSTRY`], the firms' rows combined. Counts and money add up (customers, reps, revenue,
//! pay, deals, and the moves between firms, each counted once where it arrived or left); a mean is
//! the firms' means weighted by what it is a mean of (pay, revenue and contribution per rep by
//! reps; loyalty, satisfaction and coverage by customers; the served share of complex needs by
//! complex-needs customers; the cost-of-sales ratio by revenue and the variable share by pay, over
//! the last 52 weeks); market pay is the firms' weighted by their reps (each firm computes the
//! same industry's pay from its own reps this week and the others' last week, so they differ by
//! a week's change at most: a pay review shows at the rivals a week later).

pub use crate::scenario::firms::INDUSTRY;
use crate::sim::observe::metrics::{TickOutput, TimeseriesRow};

/// Sum of `f` over the rows.
fn sum<T: std::iter::Sum<T>>(rows: &[&TimeseriesRow], f: impl Fn(&TimeseriesRow) -> T) -> T {
    rows.iter().map(|r| f(r)).sum()
}

/// Mean of `f` over the rows weighted by `w` (`empty` when the weights add up to nothing).
fn weighted(
    rows: &[&TimeseriesRow],
    w: impl Fn(&TimeseriesRow) -> f64,
    f: impl Fn(&TimeseriesRow) -> f64,
    empty: f64,
) -> f64 {
    let total: f64 = rows.iter().map(|r| w(r)).sum();
    if total > 0.0 { rows.iter().map(|r| w(r) * f(r)).sum::<f64>() / total } else { empty }
}

/// The industry's row for one week from its firms' rows of that week.
pub fn industry_row(rows: &[&TimeseriesRow]) -> TimeseriesRow {
    macro_rules! sums {
        ($($field:ident),* $(,)?) => { TimeseriesRow { $($field: sum(rows, |r| r.$field),)* ..Default::default() } };
    }
    let mut t = sums!(
        revenue,
        gross_margin,
        discounts,
        contribution,
        rep_pay,
        other_sales_cost,
        customers_active,
        new_customers,
        customers_from_rivals,
        prospects_won_by_rivals,
        customers_churned,
        customers_followed_rep,
        customers_lost_on_departure,
        customers_churned_to_competitor,
        reps_active,
        reps_hired,
        reps_joined_from_rivals,
        reps_quit,
        reps_poached,
        reps_managed_out,
        reps_put_on_notice,
        first_year_reps_quit,
        complex_customers_active,
        complex_customers_churned,
        accounts_unowned,
        prospects,
        specialists_active,
        competitor_reps,
        competitor_customers,
        poaching_offers,
        accounts_realigned,
        reps_gave_up,
        deals_opened,
        deals_won,
        deals_lost,
        deals_stalled,
        deals_pulled_in,
        deals_slipped,
        bookings,
        pipeline_deals,
        drafted_hours,
    );
    let Some(first) = rows.first() else { return t };
    (t.week, t.year) = (first.week, first.year);
    let reps = |r: &TimeseriesRow| r.reps_active as f64;
    let customers = |r: &TimeseriesRow| r.customers_active as f64;
    let annual_revenue = |r: &TimeseriesRow| r.avg_rep_revenue_annualized * r.reps_active as f64;
    let annual_pay = |r: &TimeseriesRow| r.avg_rep_pay_annualized * r.reps_active as f64;
    t.avg_rep_pay_annualized = weighted(rows, reps, |r| r.avg_rep_pay_annualized, 0.0);
    t.market_pay = weighted(rows, reps, |r| r.market_pay, first.market_pay);
    t.avg_rep_contribution_annualized = weighted(rows, reps, |r| r.avg_rep_contribution_annualized, 0.0);
    t.avg_rep_revenue_annualized = weighted(rows, reps, |r| r.avg_rep_revenue_annualized, 0.0);
    t.hunting_hours_share = weighted(rows, reps, |r| r.hunting_hours_share, 0.0);
    t.cost_of_sales_ratio = weighted(rows, annual_revenue, |r| r.cost_of_sales_ratio, 0.0);
    t.variable_pay_share = weighted(rows, annual_pay, |r| r.variable_pay_share, 0.0);
    t.loyalty_to_rep_mean = weighted(rows, customers, |r| r.loyalty_to_rep_mean, 0.0);
    t.loyalty_to_company_mean = weighted(rows, customers, |r| r.loyalty_to_company_mean, 0.0);
    t.satisfaction_mean = weighted(rows, customers, |r| r.satisfaction_mean, 0.0);
    t.coverage_adequate_share = weighted(rows, customers, |r| r.coverage_adequate_share, 0.0);
    t.coverage_mean = weighted(rows, customers, |r| r.coverage_mean, 0.0);
    t.complex_needs_served_share =
        weighted(rows, |r| r.complex_customers_active as f64, |r| r.complex_needs_served_share, 1.0);
    t
}

/// The industry's output for a week: its row from the firms' outputs of that week (`firm` one past
/// the last firm's index, named [`INDUSTRY`] in the outputs).
pub fn industry_tick(firms: &[TickOutput]) -> TickOutput {
    let rows: Vec<&TimeseriesRow> = firms.iter().flat_map(|t| &t.timeseries).collect();
    let timeseries = if rows.is_empty() { Vec::new() } else { vec![industry_row(&rows)] };
    TickOutput { firm: firms.len() as u16, timeseries, ..Default::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn firm(reps: u32, pay: f64, customers: u32, satisfaction: f64) -> TimeseriesRow {
        TimeseriesRow {
            week: 7,
            year: 1,
            revenue: 1000.0 * reps as f64,
            reps_active: reps,
            avg_rep_pay_annualized: pay,
            market_pay: pay,
            customers_active: customers,
            satisfaction_mean: satisfaction,
            ..Default::default()
        }
    }

    #[test]
    fn the_industry_row_adds_counts_and_money_and_weights_means_by_what_they_are_means_of() {
        let (a, b) = (firm(10, 100_000.0, 300, 0.9), firm(30, 200_000.0, 100, 0.5));
        let t = industry_row(&[&a, &b]);
        assert_eq!((t.week, t.year, t.reps_active, t.customers_active), (7, 1, 40, 400));
        assert_eq!(t.revenue, 40_000.0);
        assert_eq!(t.avg_rep_pay_annualized, 175_000.0, "pay per rep weighted by reps");
        assert!((t.satisfaction_mean - 0.8).abs() < 1e-12, "satisfaction weighted by customers");
        assert_eq!(t.complex_needs_served_share, 1.0, "no complex needs anywhere: all served");
    }
}
