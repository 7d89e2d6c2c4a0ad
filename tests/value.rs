//! Value (docs/MODEL.md "Value", src/sim/accounts/value.rs): accounts' margins vary, reps discount to win
//! (more when paid on revenue than on margin), competitors' price cuts come out of margin, and the
//! outputs' margin and contribution add up. In the medical story pay outgrows the contribution a
//! rep brings in once competitors enter. Over paired seeds.

mod common;
use common::*;
use salesim::scenario::{CommissionBasis, Event};
use salesim::sim::deals::DealOutcome;

/// Mean discount of the deals won in a run.
fn mean_won_discount(r: &Run) -> f64 {
    let won: Vec<f64> = r.deals.iter().filter(|d| d.outcome == DealOutcome::Won).map(|d| d.discount).collect();
    mean(&won)
}

#[test]
fn reps_paid_on_revenue_discount_more_than_reps_paid_on_margin() {
    let revenue = small(104);
    let mut margin = revenue.clone();
    margin.pay.commission_basis = CommissionBasis::Margin;
    let diffs = paired(&margin, &revenue, 30, mean_won_discount);
    assert_positive("discount on revenue − on margin", &diffs);
    let on_margin = over_seeds(&margin, 5, mean_won_discount);
    assert!(
        mean(&on_margin) < 0.5 * mean(&over_seeds(&revenue, 5, mean_won_discount)),
        "margin-paid reps protect price"
    );
}

#[test]
fn account_margins_vary_within_the_published_range() {
    let r = run(&small(52));
    let mut m: Vec<f64> = r.accounts.iter().map(|a| a.margin).collect();
    m.sort_by(f64::total_cmp);
    let q = |p: f64| m[((m.len() - 1) as f64 * p) as usize];
    assert!(q(0.05) > 0.3 && q(0.05) < 0.5, "5th percentile of margins {}", q(0.05));
    assert!(q(0.95) > 0.6 && q(0.95) < 0.8, "95th percentile of margins {}", q(0.95));
}

/// Gross margin over revenue in the final year of a run.
fn final_year_margin_rate(r: &Run) -> f64 {
    let end = r.rows.len() as u32;
    r.sum(end - 52..end, |w| w.gross_margin) / r.sum(end - 52..end, |w| w.revenue)
}

#[test]
fn competitors_price_cuts_squeeze_margin() {
    let calm = small(156);
    let mut contested = calm.clone();
    let name = contested.competitors[0].name.clone();
    contested.competitors[0].price_cut = 0.15;
    at(&mut contested, 52, Event::CompetitorEntry(name));
    let diffs = paired(&contested, &calm, 30, final_year_margin_rate);
    assert_positive("margin rate without − with a price-cutting competitor", &diffs);
}

#[test]
fn margin_and_contribution_add_up_across_the_outputs() {
    let r = run(&small(156));
    let weekly: f64 = r.rows.iter().map(|w| w.contribution).sum();
    assert!(
        (weekly - r.summary.total_contribution).abs() < 1e-6 * weekly.abs().max(1.0),
        "weekly contribution sums to the summary's"
    );
    let margin: f64 = r.rows.iter().map(|w| w.gross_margin).sum();
    assert!((margin - r.summary.total_gross_margin).abs() < 1e-6 * margin.abs());
    assert!(margin < r.summary.total_revenue && margin > 0.3 * r.summary.total_revenue);
    for year in 0..3 {
        let accounts: f64 = r.accounts.iter().filter(|a| a.year == year).map(|a| a.gross_margin).sum();
        let weeks = r.sum(year * 52..year * 52 + 52, |w| w.gross_margin);
        assert!(
            (accounts / weeks - 1.0).abs() < 0.02,
            "year {year}: accounts' margin {accounts} against the weeks' {weeks}"
        );
        let reps: f64 = r.reps.iter().filter(|p| p.year == year).map(|p| p.gross_margin).sum();
        assert!(reps <= accounts * 1.0001 && reps > 0.8 * accounts, "year {year}: reps' books hold most of the margin");
        for p in r.reps.iter().filter(|p| p.year == year) {
            let pay = p.base_pay + p.variable_pay;
            assert!(
                (p.contribution - (p.gross_margin - pay)).abs() < 1e-6 * pay.max(1.0),
                "rep {} contribution",
                p.rep_id
            );
        }
    }
}

/// Average pay over the contribution per rep (trailing year) at `week`.
fn pay_over_contribution(r: &Run, week: usize) -> f64 {
    let w = &r.rows[week];
    w.avg_rep_pay_annualized / w.avg_rep_contribution_annualized
}

#[test]
fn medical_pay_outgrows_contribution_after_competitor_entry_while_pay_over_revenue_fell() {
    let s = bundled("medical_device_runaway_pay");
    let contribution = over_seeds(&s, 30, |r| pay_over_contribution(r, 519) / pay_over_contribution(r, 415) - 1.0);
    assert_positive("pay ÷ contribution, final year over year 8", &contribution);
    let revenue = over_seeds(&s, 30, |r| {
        let at = |w: usize| r.rows[w].avg_rep_pay_annualized / r.rows[w].avg_rep_revenue_annualized;
        at(51) - at(415)
    });
    assert_positive("pay ÷ revenue per rep, year 1 − year 8", &revenue);
}

#[test]
fn medical_pay_runs_away_five_to_sevenfold_by_year_eight() {
    let s = bundled("medical_device_runaway_pay");
    let growth = over_seeds(&s, 30, |r| r.rows[415].avg_rep_pay_annualized / r.rows[51].avg_rep_pay_annualized);
    let (m, _) = mean_ci(&growth);
    assert!((5.0..=7.0).contains(&m), "year-8 over year-1 average pay {m:.2}");
}

#[test]
fn cutting_commission_after_entry_raises_departures_to_rivals_and_customers_lost() {
    // Below what the industry now pays, more reps quit for a rival or take a competitor's offer.
    let s = bundled("medical_device_runaway_pay");
    let mut cut = s.clone();
    at(&mut cut, 430, Event::Set { path: "pay.commission_rate".into(), value: "0.02".into() });
    let after = |r: &Run| r.sum(430..520, |w| (w.reps_quit + w.reps_poached) as f64);
    assert_positive("reps who quit or were poached after a commission cut − without", &paired(&s, &cut, 30, after));
    let lost = |r: &Run| {
        r.sum(430..520, |w| (w.customers_churned + w.customers_followed_rep + w.customers_lost_on_departure) as f64)
    };
    assert_positive("customers lost after a commission cut − without", &paired(&s, &cut, 30, lost));
}
