//! Range and cross-field checks on a parsed scenario, so absurd or inconsistent input is refused
//! before anything is allocated.

use super::{Event, OwnershipModel, QuotaSetting, Realignment, Scenario, params};

/// One problem found in a scenario: the dotted path of the field and what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

/// Largest sizes accepted, so a typo cannot ask for terabytes.
pub const MAX_WEEKS: u32 = 5_200;
pub const MAX_ACCOUNTS: u32 = 2_000_000;
pub const MAX_PROSPECTS: u32 = 5_000_000;
pub const MAX_REPS: u32 = 20_000;
pub const MAX_SPECIALISTS: u32 = 10_000;
pub const MAX_COMPETITORS: usize = 32;
pub const MAX_EVENTS: usize = 10_000;
/// Longest episode-detection window, weeks (ten years).
pub const MAX_EPISODE_WINDOW: u32 = 520;

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn fail(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem { path: path.into(), message: message.into() });
    }
    fn range(&mut self, path: &str, v: f64, lo: f64, hi: f64) {
        if !v.is_finite() || v < lo || v > hi {
            self.fail(path, format!("must be between {lo} and {hi}, got {v}"));
        }
    }
    fn share(&mut self, path: &str, v: f64) {
        self.range(path, v, 0.0, 1.0);
    }
    fn count(&mut self, path: &str, v: u32, lo: u32, hi: u32) {
        if v < lo || v > hi {
            self.fail(path, format!("must be between {lo} and {hi}, got {v}"));
        }
    }
}

/// Range checks of the sections declared with [`crate::section!`], and the rules that tie their
/// fields together.
fn sections(s: &Scenario, c: &mut Checker) {
    use super::section::Section;
    s.market.check("market", &mut c.problems);
    s.sales_force.check("sales_force", &mut c.problems);
    s.hiring.check("hiring", &mut c.problems);
    s.specialists.check("specialists", &mut c.problems);
    s.effort.check("effort", &mut c.problems);
    s.careers.check("careers", &mut c.problems);
    s.customers.check("customers", &mut c.problems);
    s.deals.check("deals", &mut c.problems);
    s.behaviour.check("behaviour", &mut c.problems);
    s.episodes.check("episodes", &mut c.problems);
    let reference_win = s.deals.new_win_rate;
    let hours_per_win = s.deals.new_deal_hours * s.market.hit_rate_per_hour;
    if hours_per_win >= reference_win {
        c.fail(
            "market.hit_rate_per_hour",
            format!(
                "{} wins per hunting hour is not reachable: each win needs {} hours of deal work (deals.new_deal_hours) \
                 and only {} of opportunities are won (deals.new_win_rate); keep hit_rate × deal hours below the win rate",
                s.market.hit_rate_per_hour, s.deals.new_deal_hours, reference_win
            ),
        );
    }
    let e = &s.behaviour.effort;
    if e.income_weight_min > e.income_weight_max {
        c.fail("behaviour.effort.income_weight_min", "must not exceed behaviour.effort.income_weight_max");
    }
    if e.income_effort_min > e.income_effort_max {
        c.fail("behaviour.effort.income_effort_min", "must not exceed behaviour.effort.income_effort_max");
    }
}

/// Check everything except the timeline.
fn check_parameters(s: &Scenario, c: &mut Checker) {
    if s.name.trim().is_empty() {
        c.fail("name", "must not be empty");
    }
    c.count("weeks", s.weeks, 1, MAX_WEEKS);
    sections(s, c);
    let p = &s.pay;
    c.range("pay.base_salary", p.base_salary, 0.0, 1e8);
    c.share("pay.commission_rate", p.commission_rate);
    c.count("pay.new_customer_window_weeks", p.new_customer_window_weeks, 1, MAX_WEEKS);
    match p.quota_setting {
        QuotaSetting::TerritoryShare(v) => c.range("pay.quota_setting", v, 0.0, 10.0),
        QuotaSetting::Ratchet { up, down } => {
            c.share("pay.quota_setting.up", up);
            c.share("pay.quota_setting.down", down);
        }
        QuotaSetting::NoQuota => {}
    }
    c.range("pay.quota_growth", p.quota_growth, -0.9, 10.0);
    c.range("pay.accelerator", p.accelerator, 1.0, 5.0);
    c.range("pay.cap", p.cap, 0.0, 1e9);
    c.range("pay.quota_bonus", p.quota_bonus, 0.0, 1e8);
    c.share("pay.team_pool_share", p.team_pool_share);
    c.count("pay.team_size", p.team_size, 1, MAX_REPS);
    for (i, b) in p.bonuses.iter().enumerate() {
        c.range(&format!("pay.bonuses[{i}].target"), b.target, -1.0, 1.0);
        c.range(&format!("pay.bonuses[{i}].payout"), b.payout, 0.0, 1e8);
    }
    c.share("pay.deferred_share", p.deferred_share);
    c.count("pay.vesting_weeks", p.vesting_weeks, 1, MAX_WEEKS);
    let o = &s.ownership;
    match o.model {
        OwnershipModel::Exclusive { realignment: Realignment::Periodic { every_weeks } } => {
            c.count("ownership.model.realignment.every_weeks", every_weeks, 1, MAX_WEEKS)
        }
        OwnershipModel::Exclusive { realignment: Realignment::Never } => {}
        OwnershipModel::Multiplexed { rebalance_weeks } => {
            c.count("ownership.model.rebalance_weeks", rebalance_weeks, 1, MAX_WEEKS)
        }
        OwnershipModel::Hybrid { house_after_years, rebalance_weeks } => {
            c.range("ownership.model.house_after_years", house_after_years, 0.0, 100.0);
            c.count("ownership.model.rebalance_weeks", rebalance_weeks, 1, MAX_WEEKS);
        }
    }
    c.share("ownership.crm_retention", o.crm_retention);
    c.share("ownership.company_tools", o.company_tools);
    c.range("ownership.overload_threshold", o.overload_threshold, 1.0, 10.0);
    c.share("ownership.vacancy_coverage", o.vacancy_coverage);
    if s.competitors.len() > MAX_COMPETITORS {
        c.fail("competitors", format!("at most {MAX_COMPETITORS} competitors"));
    }
    for (i, comp) in s.competitors.iter().enumerate() {
        let at = |f: &str| format!("competitors[{i}].{f}");
        if comp.name.trim().is_empty() {
            c.fail(at("name"), "must not be empty");
        }
        if s.competitors[..i].iter().any(|o| o.name == comp.name) {
            c.fail(at("name"), format!("duplicate competitor name `{}`", comp.name));
        }
        c.range(&at("price_cut"), comp.price_cut, 0.0, 0.9);
        c.range(&at("poach_appetite"), comp.poach_appetite, 0.0, 10.0);
        c.share(&at("customer_appetite"), comp.customer_appetite);
        c.range(&at("hunting_hours"), comp.hunting_hours, 0.0, 1e7);
        c.share(&at("offer_commission_rate"), comp.offer_commission_rate);
    }
}

/// Check one timeline event (the scenario is the one in force when it applies).
fn check_event(s: &Scenario, i: usize, c: &mut Checker) {
    let te = &s.timeline[i];
    let at = |f: &str| format!("timeline[{i}].{f}");
    if te.week >= s.weeks {
        c.fail(at("week"), format!("week {} is after the end of the run (weeks: {})", te.week, s.weeks));
    }
    match &te.event {
        Event::CompetitorEntry(name) => {
            if !s.competitors.iter().any(|x| &x.name == name) {
                c.fail(at("event"), format!("no competitor named `{name}` in `competitors`"));
            }
        }
        Event::ProductBroadening { complex_share } => c.share(&at("event.complex_share"), *complex_share),
        Event::MarketSaturation { prospect_factor } => {
            c.range(&at("event.prospect_factor"), *prospect_factor, 0.0, 10.0)
        }
        Event::PriceSensitivityShift { delta } => c.range(&at("event.delta"), *delta, -1.0, 1.0),
        Event::PriceWar { price_cut } => c.range(&at("event.price_cut"), *price_cut, 0.0, 0.9),
        Event::CrmRollout { retention } => c.share(&at("event.retention"), *retention),
        Event::HiringFreeze(_) | Event::Realignment | Event::Catalyst(_) => {}
        Event::SetOwnership(model) => {
            let mut probe = s.clone();
            probe.ownership.model = *model;
            let mut inner = Checker { problems: vec![] };
            check_parameters(&probe, &mut inner);
            for p in inner.problems {
                c.fail(at("event"), p.message);
            }
        }
        Event::Set { path, value } => {
            if params::is_initial_only(path) {
                c.fail(at("event.path"), format!("`{path}` sizes the world at week 0 and cannot change mid-run"));
                return;
            }
            let mut probe = s.clone();
            match params::set(&mut probe, path, value) {
                Err(e) if params::get(s, path).is_none() => c.fail(at("event.path"), e.message),
                Err(e) => c.fail(at("event.value"), e.message),
                Ok(()) => {
                    let mut inner = Checker { problems: vec![] };
                    check_parameters(&probe, &mut inner);
                    for p in inner.problems {
                        c.fail(at("event.value"), format!("{}: {}", p.path, p.message));
                    }
                }
            }
        }
    }
}

/// All problems in a scenario (empty when valid).
pub fn problems(s: &Scenario) -> Vec<Problem> {
    let mut c = Checker { problems: vec![] };
    check_parameters(s, &mut c);
    if s.timeline.len() > MAX_EVENTS {
        c.fail("timeline", format!("at most {MAX_EVENTS} events"));
        return c.problems;
    }
    for i in 0..s.timeline.len() {
        check_event(s, i, &mut c);
    }
    check_narration(s, &mut c);
    c.problems
}

/// Captions must fall inside the run and fit on a slide.
fn check_narration(s: &Scenario, c: &mut Checker) {
    use super::narration::MAX_CAPTION_CHARS;
    for (i, cap) in s.narration.iter().enumerate() {
        if i > 0 && cap.week < s.narration[i - 1].week {
            c.fail(format!("narration[{i}].week"), "captions must be in week order");
        }
        if cap.week >= s.weeks {
            c.fail(
                format!("narration[{i}].week"),
                format!("week {} is after the end of the run (weeks: {})", cap.week, s.weeks),
            );
        }
        let n = cap.text.chars().count();
        if n == 0 || n > MAX_CAPTION_CHARS {
            c.fail(format!("narration[{i}].text"), format!("must be 1 to {MAX_CAPTION_CHARS} characters, got {n}"));
        }
    }
}
