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
/// Longest scenario name (it is copied into every output row).
pub const MAX_NAME_CHARS: usize = 200;
/// Longest competitor name or catalyst label.
pub const MAX_LABEL_CHARS: usize = 200;
/// Longest parameter path in a `Set` event.
pub const MAX_PATH_CHARS: usize = 100;
pub const MAX_BONUSES: usize = 16;
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
    fn label(&mut self, path: &str, v: &str, max: usize) {
        let n = v.chars().count();
        if n > max {
            self.fail(path, format!("is {n} characters; at most {max}"));
        }
    }
    fn count(&mut self, path: &str, v: u32, lo: u32, hi: u32) {
        if v < lo || v > hi {
            self.fail(path, format!("must be between {lo} and {hi}, got {v}"));
        }
    }
}

/// Check everything except the timeline.
fn check_parameters(s: &Scenario, c: &mut Checker) {
    if s.name.trim().is_empty() {
        c.fail("name", "must not be empty");
    }
    c.label("name", &s.name, MAX_NAME_CHARS);
    c.count("weeks", s.weeks, 1, MAX_WEEKS);
    let m = &s.market;
    c.count("market.accounts", m.accounts, 0, MAX_ACCOUNTS);
    c.count("market.prospects", m.prospects, 0, MAX_PROSPECTS);
    c.range("market.prospect_inflow_per_year", m.prospect_inflow_per_year, 0.0, 10.0);
    c.range("market.potential_mean", m.potential_mean, 1.0, 1e9);
    c.range("market.potential_sigma", m.potential_sigma, 0.0, 3.0);
    c.share("market.initial_wallet_share", m.initial_wallet_share);
    c.share("market.complex_share", m.complex_share);
    c.share("market.price_sensitivity_mean", m.price_sensitivity_mean);
    c.share("market.icp_share", m.icp_share);
    c.share("market.icp_targeting", m.icp_targeting);
    c.range("market.icp_hit_bonus", m.icp_hit_bonus, 0.0, 10.0);
    c.range("market.hit_rate_per_hour", m.hit_rate_per_hour, 0.0, 1.0);
    c.range("market.saturation_elasticity", m.saturation_elasticity, 0.0, 5.0);
    c.share("market.gross_margin", m.gross_margin);
    let f = &s.sales_force;
    c.count("sales_force.reps", f.reps, 1, MAX_REPS);
    c.range("sales_force.hours_per_week", f.hours_per_week, 1.0, 100.0);
    c.range("sales_force.tenure_years_mean", f.tenure_years_mean, 0.0, 40.0);
    c.range("sales_force.skill_sd", f.skill_sd, 0.0, 1.0);
    c.range("sales_force.farming_hours_per_account", f.farming_hours_per_account, 0.0, 40.0);
    c.range("sales_force.complex_extra_hours", f.complex_extra_hours, 0.0, 10.0);
    c.share("sales_force.book_tenure_weight", f.book_tenure_weight);
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
    }
    c.range("pay.quota_growth", p.quota_growth, -0.9, 10.0);
    c.range("pay.accelerator", p.accelerator, 1.0, 5.0);
    c.range("pay.cap", p.cap, 0.0, 1e9);
    c.share("pay.team_pool_share", p.team_pool_share);
    c.count("pay.team_size", p.team_size, 1, MAX_REPS);
    if p.bonuses.len() > MAX_BONUSES {
        c.fail("pay.bonuses", format!("at most {MAX_BONUSES} bonuses, got {}", p.bonuses.len()));
    }
    for (i, b) in p.bonuses.iter().take(MAX_BONUSES).enumerate() {
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
    let h = &s.hiring;
    c.count("hiring.target_headcount", h.target_headcount, 0, MAX_REPS);
    c.range("hiring.vacancy_weeks", h.vacancy_weeks, 0.0, 200.0);
    c.range("hiring.ramp_weeks", h.ramp_weeks, 0.0, 520.0);
    c.share("hiring.ramp_guarantee", h.ramp_guarantee);
    let sp = &s.specialists;
    c.count("specialists.technical", sp.technical, 0, MAX_SPECIALISTS);
    c.count("specialists.service", sp.service, 0, MAX_SPECIALISTS);
    c.count("specialists.accounts_each", sp.accounts_each, 1, 100_000);
    c.range("specialists.salary", sp.salary, 0.0, 1e8);
    let e = &s.effort;
    c.share("effort.directed_hunting_share", e.directed_hunting_share);
    c.range("effort.commission_horizon_years", e.commission_horizon_years, 0.0, 50.0);
    c.share("effort.book_at_risk_share", e.book_at_risk_share);
    c.range("effort.coverage_response", e.coverage_response, 0.01, 50.0);
    c.range("effort.loss_aversion", e.loss_aversion, 0.0, 10.0);
    c.range("effort.income_elasticity", e.income_elasticity, 0.0, 5.0);
    c.share("effort.give_up_chance", e.give_up_chance);
    c.range("effort.sales_volatility", e.sales_volatility, 0.01, 10.0);
    c.range("effort.give_up_effort", e.give_up_effort, 0.0, 2.0);
    c.range("effort.coast_effort", e.coast_effort, 0.0, 2.0);
    c.range("effort.push_effort", e.push_effort, 0.0, 2.0);
    c.share("effort.fatigue_recovery", e.fatigue_recovery);
    c.range("effort.team_hours_per_shared_account", e.team_hours_per_shared_account, 0.0, 10.0);
    let k = &s.careers;
    c.share("careers.quit_rate_annual", k.quit_rate_annual);
    c.range("careers.market_pay", k.market_pay, 1.0, 1e8);
    for (path, v) in [
        ("careers.pay_sensitivity", k.pay_sensitivity),
        ("careers.fatigue_sensitivity", k.fatigue_sensitivity),
        ("careers.colleague_sensitivity", k.colleague_sensitivity),
        ("careers.morale_sensitivity", k.morale_sensitivity),
        ("careers.realignment_anger", k.realignment_anger),
    ] {
        c.range(path, v, 0.0, 20.0);
    }
    c.share("careers.tenure_protection", k.tenure_protection);
    c.count("careers.withdrawal_weeks", k.withdrawal_weeks, 0, 104);
    c.share("careers.quit_to_rival_share", k.quit_to_rival_share);
    c.range("careers.switching_premium", k.switching_premium, 0.0, 10.0);
    c.share("careers.colleague_move_share", k.colleague_move_share);
    c.share("careers.morale_recovery", k.morale_recovery);
    let u = &s.customers;
    for (path, v) in [
        ("customers.churn_rate_annual", u.churn_rate_annual),
        ("customers.loyalty_protection", u.loyalty_protection),
        ("customers.satisfaction_speed", u.satisfaction_speed),
        ("customers.generalist_fit", u.generalist_fit),
        ("customers.loyalty_growth_person", u.loyalty_growth_person),
        ("customers.loyalty_growth_company", u.loyalty_growth_company),
        ("customers.loyalty_decay", u.loyalty_decay),
        ("customers.wallet_growth", u.wallet_growth),
        ("customers.price_premium", u.price_premium),
        ("customers.follow_base", u.follow_base),
        ("customers.leave_on_departure", u.leave_on_departure),
    ] {
        c.share(path, v);
    }
    for (path, v) in [
        ("customers.satisfaction_sensitivity", u.satisfaction_sensitivity),
        ("customers.follow_loyalty_weight", u.follow_loyalty_weight),
        ("customers.follow_tenure_weight", u.follow_tenure_weight),
        ("customers.follow_contact_weight", u.follow_contact_weight),
        ("customers.follow_crm_weight", u.follow_crm_weight),
        ("customers.follow_colleague_weight", u.follow_colleague_weight),
    ] {
        c.range(path, v, 0.0, 20.0);
    }
    let ep = &s.episodes;
    c.count("episodes.warmup_weeks", ep.warmup_weeks, 0, MAX_WEEKS);
    c.count("episodes.min_reps", ep.min_reps, 1, MAX_REPS);
    for (path, v) in [
        ("episodes.poaching_wave_weeks", ep.poaching_wave_weeks),
        ("episodes.loyalty_collapse_weeks", ep.loyalty_collapse_weeks),
        ("episodes.turnover_cascade_weeks", ep.turnover_cascade_weeks),
        ("episodes.runaway_pay_weeks", ep.runaway_pay_weeks),
    ] {
        c.count(path, v, 1, MAX_EPISODE_WINDOW);
    }
    c.share("episodes.poaching_wave_share", ep.poaching_wave_share);
    c.share("episodes.loyalty_collapse_drop", ep.loyalty_collapse_drop);
    c.share("episodes.turnover_cascade_share", ep.turnover_cascade_share);
    c.range("episodes.runaway_pay_growth", ep.runaway_pay_growth, 0.0, 10.0);
    c.range("episodes.runaway_pay_market_multiple", ep.runaway_pay_market_multiple, 1.0, 100.0);
    if s.competitors.len() > MAX_COMPETITORS {
        c.fail("competitors", format!("at most {MAX_COMPETITORS} competitors, got {}", s.competitors.len()));
        return;
    }
    let mut names = std::collections::HashSet::new();
    for (i, comp) in s.competitors.iter().enumerate() {
        let at = |f: &str| format!("competitors[{i}].{f}");
        if comp.name.trim().is_empty() {
            c.fail(at("name"), "must not be empty");
        }
        c.label(&at("name"), &comp.name, MAX_LABEL_CHARS);
        if !names.insert(comp.name.as_str()) {
            c.fail(at("name"), format!("duplicate competitor name `{}`", comp.name));
        }
        c.range(&at("price_cut"), comp.price_cut, 0.0, 0.9);
        c.range(&at("poach_appetite"), comp.poach_appetite, 0.0, 10.0);
        c.share(&at("customer_appetite"), comp.customer_appetite);
        c.range(&at("hunting_hours"), comp.hunting_hours, 0.0, 1e7);
        c.share(&at("offer_commission_rate"), comp.offer_commission_rate);
    }
}

/// The scenario without its timeline and narration (and with at most the accepted numbers of
/// competitors and bonuses): the probe each event is tried on, changed and restored in place.
fn skeleton(s: &Scenario) -> Scenario {
    let mut k = Scenario { timeline: Vec::new(), narration: Vec::new(), ..s.clone() };
    k.competitors.truncate(MAX_COMPETITORS);
    k.pay.bonuses.truncate(MAX_BONUSES);
    k
}

/// Check one event against `k` (a [`skeleton`] of the scenario in force when it applies, left as
/// it was); the problems' paths start with `at` (`timeline[3].event`, or `event` for a live action).
fn check_event(k: &mut Scenario, event: &Event, at: &str, c: &mut Checker) {
    let at = |f: &str| if f.is_empty() { at.to_string() } else { format!("{at}.{f}") };
    match event {
        Event::CompetitorEntry(name) => {
            if !k.competitors.iter().any(|x| &x.name == name) {
                c.fail(at(""), format!("no competitor named `{name}` in `competitors`"));
            }
        }
        Event::ProductBroadening { complex_share } => c.share(&at("complex_share"), *complex_share),
        Event::MarketSaturation { prospect_factor } => c.range(&at("prospect_factor"), *prospect_factor, 0.0, 10.0),
        Event::PriceSensitivityShift { delta } => c.range(&at("delta"), *delta, -1.0, 1.0),
        Event::PriceWar { price_cut } => c.range(&at("price_cut"), *price_cut, 0.0, 0.9),
        Event::CrmRollout { retention } => c.share(&at("retention"), *retention),
        Event::HiringFreeze(_) | Event::Realignment => {}
        Event::Catalyst(label) => c.label(&at(""), label, MAX_LABEL_CHARS),
        Event::SetOwnership(model) => {
            let old = std::mem::replace(&mut k.ownership.model, *model);
            let mut inner = Checker { problems: vec![] };
            check_parameters(k, &mut inner);
            k.ownership.model = old;
            for p in inner.problems {
                c.fail(at(""), p.message);
            }
        }
        Event::Set { path, value } => check_set(k, path, value, &at("path"), &at("value"), c),
    }
}

/// A `Set(path, value)`: a known path that may change mid-run, and a value that parses and keeps
/// every parameter in range (tried on `k`, then the old value is put back).
fn check_set(k: &mut Scenario, path: &str, value: &str, at_path: &str, at_value: &str, c: &mut Checker) {
    if path.chars().count() > MAX_PATH_CHARS {
        c.fail(
            at_path,
            format!("is {} characters; parameter paths are at most {MAX_PATH_CHARS}", path.chars().count()),
        );
        return;
    }
    if params::is_initial_only(path) {
        c.fail(at_path, format!("`{path}` sizes the world at week 0 and cannot change mid-run"));
        return;
    }
    let Some(old) = params::get(k, path) else {
        let message = params::set(k, path, value).err().map(|e| e.message).unwrap_or_default();
        c.fail(at_path, message);
        return;
    };
    if let Err(e) = params::set(k, path, value) {
        c.fail(at_value, e.message);
        return;
    }
    let mut inner = Checker { problems: vec![] };
    check_parameters(k, &mut inner);
    params::set(k, path, &old).expect("a parameter's own value sets back");
    for p in inner.problems {
        c.fail(at_value, format!("{}: {}", p.path, p.message));
    }
}

/// Problems of timed events (a timeline, or a session's actions) on `s`, in one pass whatever
/// their number: each problem's path is relative to its event (`week`, `event.value`), paired with
/// the event's index.
pub fn timed_event_problems<'e>(
    s: &Scenario,
    events: impl IntoIterator<Item = (u32, &'e Event)>,
) -> Vec<(usize, Problem)> {
    let mut k = skeleton(s);
    let mut out = Vec::new();
    for (i, (week, event)) in events.into_iter().enumerate() {
        let mut c = Checker { problems: vec![] };
        if week >= s.weeks {
            c.fail("week", format!("week {week} is after the end of the run (weeks: {})", s.weeks));
        }
        check_event(&mut k, event, "event", &mut c);
        out.extend(c.problems.into_iter().map(|p| (i, p)));
    }
    out
}

/// Check an action sent to a running simulation (the live view's controls, a replayed session)
/// exactly as a timeline event is checked, against the scenario in force (`Params`); the problem's
/// path starts with `event`.
pub fn check_live_event(s: &Scenario, event: &Event) -> Result<(), Problem> {
    let mut c = Checker { problems: vec![] };
    check_event(&mut skeleton(s), event, "event", &mut c);
    match c.problems.into_iter().next() {
        Some(p) => Err(p),
        None => Ok(()),
    }
}

/// Problems of the parameters alone (no timeline, no narration): what a changed value can break.
pub fn parameter_problems(s: &Scenario) -> Vec<Problem> {
    let mut c = Checker { problems: vec![] };
    check_parameters(s, &mut c);
    c.problems
}

/// All problems in a scenario (empty when valid).
pub fn problems(s: &Scenario) -> Vec<Problem> {
    let mut c = Checker { problems: vec![] };
    check_parameters(s, &mut c);
    if s.timeline.len() > MAX_EVENTS {
        c.fail("timeline", format!("at most {MAX_EVENTS} events"));
        return c.problems;
    }
    let events = s.timeline.iter().map(|te| (te.week, &te.event));
    for (i, p) in timed_event_problems(s, events) {
        c.fail(format!("timeline[{i}].{}", p.path), p.message);
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
