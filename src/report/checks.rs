//! The checks of the validation report: evidence.md's patterns (F1–F17) as ranges or paired
//! effects, and the stories' and remedies' headline effects.

use super::{Results, mean_ci};

/// One check: a level a scenario's mean must reach, or a paired effect of B against A whose 95%
/// interval must lie on the expected side of zero.
pub enum Check {
    Level { scenario: &'static str, metric: &'static str, lo: f64, hi: f64 },
    Paired { a: &'static str, b: &'static str, metric: &'static str, rises: bool },
}

/// A pattern of evidence.md and how the report checks it.
pub struct Pattern {
    pub id: &'static str,
    pub what: &'static str,
    pub source: &'static str,
    pub check: Check,
}

/// Shorthand for a level check.
const fn level(scenario: &'static str, metric: &'static str, lo: f64, hi: f64) -> Check {
    Check::Level { scenario, metric, lo, hi }
}

/// Shorthand for a paired check.
const fn paired(a: &'static str, b: &'static str, metric: &'static str, rises: bool) -> Check {
    Check::Paired { a, b, metric, rises }
}

pub const PATTERNS: &[Pattern] = &[
    Pattern {
        id: "F1",
        what: "annual rep turnover (baseline)",
        source: "HBR 2017; DePaul; Bridge Group",
        check: level("baseline", "annual_rep_turnover", 0.25, 0.35),
    },
    Pattern {
        id: "F2",
        what: "first-year rep turnover under commission with owned books (insurance)",
        source: "seed 000; LIMRA",
        check: level("insurance_complacency", "first_year_rep_turnover", 0.45, 0.70),
    },
    Pattern {
        id: "F2",
        what: "first-year turnover over turnover of reps with 3+ years (insurance)",
        source: "seed 000; LIMRA",
        check: level("insurance_complacency", "first_year_over_tenured_turnover", 2.0, f64::INFINITY),
    },
    Pattern {
        id: "F3",
        what: "annual customer churn, all causes (baseline)",
        source: "Reichheld 1996; SaaS benchmarks",
        check: level("baseline", "annual_customer_churn", 0.05, 0.15),
    },
    Pattern {
        id: "F4",
        what: "share of accounts following a departing rep (baseline)",
        source: "Bermiss & Greenbaum 2016; Raffiee 2017",
        check: level("baseline", "follow_share_on_departure", 0.0, 0.5),
    },
    Pattern {
        id: "F4",
        what: "follow share for multiplexed company accounts",
        source: "evidence.md defaults",
        check: level("remedy_multiplexing", "follow_share_on_departure", 0.0, 0.10),
    },
    Pattern {
        id: "F4",
        what: "specialist contacts lower the follow share (tech → multiplexing)",
        source: "Bermiss & Greenbaum 2016",
        check: paired("tech_broadening", "remedy_multiplexing", "follow_share_on_departure", false),
    },
    Pattern {
        id: "F5",
        what: "loyalty to the rep exceeds loyalty to the company under rep ownership (baseline)",
        source: "Palmatier et al. 2007",
        check: level("baseline", "loyalty_rep_minus_company", 0.0, f64::INFINITY),
    },
    Pattern {
        id: "F5",
        what: "crediting value to the company raises loyalty to it (tech → multiplexing)",
        source: "Palmatier et al. 2007",
        check: paired("tech_broadening", "remedy_multiplexing", "loyalty_to_company", true),
    },
    Pattern {
        id: "F6",
        what: "weeks a vacancy stays open (baseline)",
        source: "DePaul; Bridge Group",
        check: level("baseline", "mean_vacancy_weeks", 17.0, 24.0),
    },
    Pattern {
        id: "F7",
        what: "variable share of rep pay (baseline)",
        source: "Zoltners, Sinha & Lorimer 2012",
        check: level("baseline", "variable_pay_share", 0.30, 0.50),
    },
    Pattern {
        id: "F8",
        what: "annual quota over annual pay (baseline)",
        source: "BenchSights",
        check: level("baseline", "quota_to_pay_ratio", 4.0, 5.6),
    },
    Pattern {
        id: "F9",
        what: "quarterly quotas keep reps who fall behind from giving up (rep-weeks given up)",
        source: "Chung et al. 2014; seed 001",
        check: paired("insurance_complacency", "remedy_quarterly_quota", "rep_weeks_given_up", false),
    },
    Pattern {
        id: "F10",
        what: "runaway pay: average pay in year 8 over year 1 (medical devices)",
        source: "seed 000",
        check: level("medical_device_runaway_pay", "pay_growth_8y", 5.0, 7.0),
    },
    Pattern {
        id: "F10",
        what: "runaway pay: pay over revenue per rep, year 8 over year 1, falls (medical devices)",
        source: "seed 000",
        check: level("medical_device_runaway_pay", "pay_over_revenue_8y", 0.0, 1.0),
    },
    Pattern {
        id: "F10",
        what: "runaway pay: pay over the contribution a rep brings in rises after competitor entry (final year over year 8)",
        source: "seed 000 (\"the value salespeople added no longer justified their pay\")",
        check: level("medical_device_runaway_pay", "pay_over_contribution_after_entry", 1.0, f64::INFINITY),
    },
    Pattern {
        id: "F11",
        what: "a team pool of 25% of incentive narrows pay dispersion (insurance → team pay)",
        source: "ZS summary of JMR 2014",
        check: paired("insurance_complacency", "remedy_team_pay", "pay_dispersion", false),
    },
    Pattern {
        id: "F12",
        what: "broadening leaves complex needs unserved under exclusive ownership",
        source: "Zoltners et al. 2006/2011; Ulaga & Reinartz 2011",
        check: level("tech_broadening", "complex_served_drop", 0.2, 1.0),
    },
    Pattern {
        id: "F12",
        what: "specialists in account teams serve the new complex needs (tech → multiplexing)",
        source: "Zoltners et al. 2006/2011",
        check: paired("tech_broadening", "remedy_multiplexing", "complex_served_after", true),
    },
    Pattern {
        id: "F13",
        what: "share of selling time on acquisition (baseline)",
        source: "Carter et al. 2014",
        check: level("baseline", "hunting_hours_share", 0.45, 0.54),
    },
    Pattern {
        id: "F15",
        what: "share of full-year reps at or above quota (baseline)",
        source: "CSO Insights; Salesforce State of Sales",
        check: level("baseline", "quota_attainment_share", 0.45, 0.60),
    },
    Pattern {
        id: "F15",
        what: "10th–90th percentile width of full-year reps' attainment (baseline)",
        source: "issue: uneven reps",
        check: level("baseline", "attainment_p10_p90_width", 0.5, f64::INFINITY),
    },
    Pattern {
        id: "F16",
        what: "share of rep departures that are managed out (baseline)",
        source: "DePaul; Bridge Group",
        check: level("baseline", "managed_out_share", 0.35, 0.65),
    },
    Pattern {
        id: "F17",
        what: "win rate of qualified new-customer opportunities (baseline)",
        source: "CSO Insights; Gartner/HubSpot",
        check: level("baseline", "new_deal_win_rate", 0.20, 0.30),
    },
    Pattern {
        id: "F14",
        what: "flat commission plus a quarterly retention bonus: revenue in the six months after the switch (start-up)",
        source: "seed 003 (+17% after six months)",
        check: paired("startup_growth", "remedy_startup_retention_bonus", "revenue_weeks_104_130", true),
    },
    Pattern {
        id: "F14",
        what: "flat commission plus a quarterly retention bonus: revenue in the final two years (start-up)",
        source: "seed 003",
        check: paired("startup_growth", "remedy_startup_retention_bonus", "revenue_final_2y", true),
    },
];

/// Each remedy against its story: the measures it should move, and which way.
pub const REMEDIES: &[(&str, &str, &[(&str, bool)])] = &[
    (
        "tech_broadening",
        "remedy_multiplexing",
        &[
            ("follow_share_on_departure", false),
            ("lost_share_on_departure", false),
            ("complex_served_after", true),
            ("complex_churn_after", false),
        ],
    ),
    (
        "medical_device_runaway_pay",
        "remedy_crm",
        &[("follow_share_on_departure", false), ("lost_share_on_departure", false)],
    ),
    ("insurance_complacency", "remedy_team_pay", &[("pay_dispersion", false), ("tenured_hunting_share", true)]),
    (
        "startup_growth",
        "remedy_startup_retention_bonus",
        &[("churn_final_2y", false), ("revenue_weeks_104_130", true), ("revenue_final_2y", true)],
    ),
    ("insurance_complacency", "remedy_quarterly_quota", &[("rep_weeks_given_up", false)]),
];

/// Each story's headline measures.
pub const STORIES: &[(&str, &[&str])] = &[
    (
        "insurance_complacency",
        &[
            "first_year_rep_turnover",
            "tenured_rep_turnover",
            "tenured_hunting_share",
            "coverage_mean",
            "annual_customer_churn",
        ],
    ),
    (
        "medical_device_runaway_pay",
        &[
            "pay_year1",
            "pay_year8",
            "pay_growth_8y",
            "reps_poached",
            "follow_share_when_poached",
            "annual_customer_churn",
        ],
    ),
    (
        "tech_broadening",
        &["complex_served_before", "complex_served_after", "complex_churn_before", "complex_churn_after"],
    ),
];

/// The outcome of one check: estimate (mean, 95% half-width) and whether it passed.
pub struct Verdict {
    pub mean: f64,
    pub half_width: f64,
    pub pass: bool,
}

fn values<'a>(r: &'a Results, scenario: &str, metric: &str) -> &'a [f64] {
    r.get(scenario).and_then(|m| m.get(metric)).map(Vec::as_slice).unwrap_or(&[])
}

/// Paired differences metric(b) − metric(a), seed by seed.
pub fn differences(r: &Results, a: &str, b: &str, metric: &str) -> Vec<f64> {
    values(r, a, metric).iter().zip(values(r, b, metric)).map(|(x, y)| y - x).collect()
}

/// Evaluate a check against the results.
pub fn evaluate(r: &Results, check: &Check) -> Verdict {
    match *check {
        Check::Level { scenario, metric, lo, hi } => {
            let (mean, half_width) = mean_ci(values(r, scenario, metric));
            Verdict { mean, half_width, pass: mean >= lo && mean <= hi }
        }
        Check::Paired { a, b, metric, rises } => paired_verdict(&differences(r, a, b, metric), rises),
    }
}

/// A paired effect passes when its 95% interval lies entirely on the expected side of zero.
pub fn paired_verdict(d: &[f64], rises: bool) -> Verdict {
    let (mean, half_width) = mean_ci(d);
    let pass = if rises { mean - half_width > 0.0 } else { mean + half_width < 0.0 };
    Verdict { mean, half_width, pass }
}
