//! The labour market (docs/MODEL.md "Labour market"): market pay is what the industry's reps are
//! paid, the company's and the rest of the industry's, and the rest follow the market with a lag.
//! So a company's pay moves the market by its share of the industry, and one firm's runaway pay
//! resets the pay scale for everyone. Over 30 paired seeds.

mod common;
use common::*;
use salesim::Scenario;

/// Market pay in week `w`.
fn market_pay(r: &Run, w: usize) -> f64 {
    r.rows[w].market_pay
}

#[test]
fn raising_the_commission_rate_raises_market_pay_within_a_few_years() {
    let s = half_world();
    let mut generous = s.clone();
    generous.pay.commission_rate *= 2.0;
    let rises = paired(&s, &generous, story_seeds(), |r| market_pay(r, 3 * 52) - market_pay(r, 0));
    assert_positive("market pay rise over three years, generous pay against the default", &rises);
}

#[test]
fn a_company_that_cuts_pay_alone_falls_behind_the_market_and_loses_more_reps() {
    let s = half_world();
    let mut cut = s.clone();
    cut.pay.commission_rate *= 0.5;
    let behind = paired(&s, &cut, story_seeds(), |r| {
        let last = r.rows.len() - 1;
        r.rows[last].avg_rep_pay_annualized / market_pay(r, last)
    });
    assert!(behind.iter().all(|d| *d < 0.0), "the cut leaves its pay further below the market in every seed");
    let quits = paired(&s, &cut, story_seeds(), |r| (r.summary.reps_quit + r.summary.reps_poached) as f64);
    assert_positive("reps who quit or were poached, after the cut", &quits);
}

#[test]
fn runaway_pay_resets_the_pay_scale_for_the_whole_industry() {
    let s = Scenario { weeks: 416, ..bundled("medical_device_runaway_pay") };
    for r in story_runs(&s).iter().take(10) {
        let (start, year8) = (market_pay(r, 0), market_pay(r, 415));
        assert!(year8 > 1.5 * start, "market pay {start:.0} at the start, {year8:.0} in year 8");
    }
    let mut small_player = s.clone();
    small_player.careers.industry_reps = 2_000;
    let shares = paired(&small_player, &s, 10, |r| market_pay(r, 415));
    assert_positive("market pay in year 8, the pioneer against a small player", &shares);
}
