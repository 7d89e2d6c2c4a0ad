//! Range and cross-field checks on a parsed scenario, so absurd or inconsistent input is refused
//! before anything is allocated.

use super::section::Section;
use super::{Event, OwnershipModel, QuotaSetting, Realignment, Scenario, params};

pub use super::problem::Problem;

pub use super::limits::*;

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn fail(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem { path: path.into(), message: message.into() });
    }
    fn range(&mut self, path: &str, v: f64, lo: f64, hi: f64) {
        if !v.is_finite() || v < lo || v > hi {
            self.fail(path, format!("must be between {lo} and {hi}, got {}", super::section::number(v)));
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

/// Range checks of the sections declared with [`crate::section!`], and the rules that tie their
/// fields together.
fn sections(s: &Scenario, c: &mut Checker) {
    use super::section::Section;
    s.market.check("market", &mut c.problems);
    s.sales_force.check("sales_force", &mut c.problems);
    s.hiring.check("hiring", &mut c.problems);
    s.tools.check("tools", &mut c.problems);
    s.training.check("training", &mut c.problems);
    s.leadership.check("leadership", &mut c.problems);
    let m = &s.market;
    if m.margin_sd > 0.0 && m.margin_sd * m.margin_sd >= m.gross_margin * (1.0 - m.gross_margin) {
        c.fail(
            "market.margin_sd",
            format!(
                "{} is too wide for a mean margin of {}: keep margin_sd below √(gross_margin × (1 − gross_margin)) = {:.3}",
                m.margin_sd,
                m.gross_margin,
                (m.gross_margin * (1.0 - m.gross_margin)).sqrt()
            ),
        );
    }
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
    c.label("name", &s.name, MAX_NAME_CHARS);
    c.count("weeks", s.weeks, 1, MAX_WEEKS);
    sections(s, c);
    s.pay.check("pay", &mut c.problems);
    let p = &s.pay;
    match p.quota_setting {
        QuotaSetting::TerritoryShare(v) => c.range("pay.quota_setting", v, 0.0, 10.0),
        QuotaSetting::Ratchet { up, down } => {
            c.share("pay.quota_setting.up", up);
            c.share("pay.quota_setting.down", down);
        }
        QuotaSetting::NoQuota => {}
    }
    if p.bonuses.len() > MAX_BONUSES {
        c.fail("pay.bonuses", format!("at most {MAX_BONUSES} bonuses, got {}", p.bonuses.len()));
    }
    for (i, b) in p.bonuses.iter().take(MAX_BONUSES).enumerate() {
        c.range(&format!("pay.bonuses[{i}].target"), b.target, -1.0, 1.0);
        c.range(&format!("pay.bonuses[{i}].payout"), b.payout, 0.0, 1e8);
    }
    s.ownership.check("ownership", &mut c.problems);
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
    match o.pushback {
        super::Pushback::Weigh | super::Pushback::Proceed | super::Pushback::Abandon => {}
        super::Pushback::Compensate { weeks } => c.range("ownership.pushback.weeks", weeks, 0.0, 520.0),
    }
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
        c.range(&at("solicit_effort"), comp.solicit_effort, 0.0, 100.0);
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
            if k.firms.first().is_some_and(|f| &f.name == name) {
                c.fail(at(""), format!("`{name}` is the first firm, which is in the market from the start"));
            } else if !k.competitors.iter().any(|x| &x.name == name) && !k.firms.iter().any(|f| &f.name == name) {
                c.fail(at(""), format!("no competitor named `{name}` in `competitors` (nor a firm in `firms`)"));
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
    if !s.firms.is_empty() && c.problems.is_empty() {
        c.problems.extend(super::firms::firm_problems(s));
    }
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
