//! The baseline scenario, over 30 seeds, lands in the published ranges of evidence.md
//! (F1 rep turnover, F3 customer churn, F7 pay mix, F8 quota size, F13 time split, F6 vacancy,
//! F15 share of reps at quota, F16 turnover by cause), with attainment spread across reps.

mod common;
use common::*;

#[test]
fn baseline_over_30_seeds_lands_in_the_published_ranges() {
    let s = baseline();
    let runs: Vec<salesim::sim::observe::metrics::Summary> = (1..=30)
        .map(|seed| {
            let mut s = s.clone();
            s.seed = seed;
            run(&s).summary
        })
        .collect();
    let m = |f: fn(&salesim::sim::observe::metrics::Summary) -> f64| mean(&runs.iter().map(f).collect::<Vec<_>>());
    let checks: [(&str, f64, f64, f64); 11] = [
        ("F1 annual rep turnover", m(|s| s.annual_rep_turnover), 0.25, 0.35),
        ("F3 annual customer churn", m(|s| s.annual_customer_churn), 0.05, 0.15),
        ("F7 variable share of pay", m(|s| s.variable_pay_share), 0.30, 0.50),
        ("F13 hunting share of hours", m(|s| s.hunting_hours_share), 0.40, 0.55),
        ("F8 quota / pay", m(|s| s.quota_to_pay_ratio), 4.0, 5.6),
        ("F6 vacancy weeks", m(|s| s.mean_vacancy_weeks), 17.0, 24.0),
        ("F4 follow share on departure", m(|s| s.follow_share_on_departure), 0.0, 0.5),
        ("F15 share of full-year reps at quota", m(|s| s.quota_attainment_share), 0.45, 0.60),
        ("F16 managed-out share of turnover", m(|s| s.managed_out_share), 0.35, 0.65),
        ("attainment p90 − p10 across full-year reps", m(|s| s.attainment_p90 - s.attainment_p10), 0.5, f64::INFINITY),
        ("F17 win rate of new-customer deals", m(|s| s.new_deal_win_rate), 0.20, 0.30),
    ];
    let failed: Vec<String> = checks
        .iter()
        .filter(|(_, v, lo, hi)| !(lo..=hi).contains(&v))
        .map(|(name, v, lo, hi)| format!("{name}: {v:.3} not in {lo}..{hi}"))
        .collect();
    assert!(failed.is_empty(), "{failed:#?}\nall: {checks:#?}");
}
