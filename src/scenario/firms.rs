//! The firms of an industry (`firms`): each firm is the scenario's own sections with its policies
//! changed, its own book, its face to its rivals, and its own timeline. A scenario without
//! `firms` is one firm against the lightweight `competitors`, as before; with them, every firm is
//! simulated as a company of its own and sees every other firm as a competitor that is also a
//! firm (`src/industry/`).
//!
//! What a firm is built from ([`firm_scenario`]):
//! - the scenario's sections, with its `policies` set on them (the parameters a company decides:
//!   [`POLICY_SECTIONS`]; the market, the customers, the deals and behaviour are the industry's);
//! - its book at week 0: `accounts` and `prospects`, by default as many per rep as the scenario's
//!   own (`market.accounts` and `market.prospects` ÷ `sales_force.reps`) × its reps;
//! - its rivals: the scenario's `competitors` (outside the model, entering as the timeline says)
//!   and every other firm, in its market from the week the later of the two enters
//!   ([`entry_week`]: a `CompetitorEntry` naming a firm, else week 0), undercutting its prices by
//!   1 − (1 − their `price_cut`)/(1 − its own) when that is positive;
//! - its timeline: the scenario's market events (every firm's market changes together), the
//!   scenario's policy events for the first firm only, and its own `timeline`;
//! - its prices: its `price_cut` below the industry's list on every deal (`own_price_cut`);
//! - its seed: the scenario's for the first firm, a mix of it and the firm's index for the others.

use super::problem::Problem;
use super::timeline::{Competitor, TimedEvent};
use super::{Event, Scenario, params};
use serde::{Deserialize, Serialize};

/// The `firm` of the industry's own rows (`industry/totals.rs`), which no firm may be named.
pub const INDUSTRY: &str = "industry";
/// Most firms an industry may have.
pub const MAX_FIRMS: usize = 8;
/// Most policies one firm may set.
pub const MAX_POLICIES: usize = 200;
/// Customer ids of firm `i` start at `i ×` this, so a customer keeps its id when it moves between
/// firms and the ids of different firms never meet.
pub const CUSTOMER_ID_SPAN: u32 = 400_000_000;

/// The sections a firm decides for itself (the others are the industry's).
pub const POLICY_SECTIONS: [&str; 9] =
    ["pay", "ownership", "hiring", "specialists", "tools", "training", "leadership", "sales_force", "effort"];

/// Parameters outside [`POLICY_SECTIONS`] that a firm also decides for itself: how it manages out
/// reps who miss quota, and how far its reps may discount.
pub const POLICY_PATHS: [&str; 3] = ["careers.performance_floor", "careers.strikes_to_notice", "deals.discount_limit"];

/// One policy of a firm: a parameter path and its value in RON, as in a `Set` event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub path: String,
    pub value: String,
}

/// A firm of the industry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Firm {
    /// Name used in every output row and event. Required, unique (and not a competitor's).
    pub name: String,
    /// Its customers at week 0; 0: as many per rep as the scenario's own. Default 0.
    #[serde(default)]
    pub accounts: u32,
    /// Its share of the prospect pool at week 0; 0: as many per rep as the scenario's own. Default 0.
    #[serde(default)]
    pub prospects: u32,
    /// How far below the industry's list price it sells, as a share: every deal it offers carries
    /// this cut on top of its rep's discount, and its rivals see it as a competitor undercutting
    /// them by the difference. Default 0. 0 to 0.9.
    #[serde(default)]
    pub price_cut: f64,
    /// As a rival: weekly probability scale of an offer to another firm's rep, per $1M of
    /// portable book (as `competitors[].poach_appetite`). Default 0.02. 0 to 10.
    #[serde(default = "d::poach")]
    pub poach_appetite: f64,
    /// As a rival: weekly hazard it adds to another firm's customer with no loyalty to its firm,
    /// at full price sensitivity (as `competitors[].customer_appetite`). Default 0.004. 0 to 1.
    #[serde(default = "d::customers")]
    pub customer_appetite: f64,
    /// As a rival: how hard it works the former customers of a rep who joins it (as
    /// `competitors[].solicit_effort`). Default 1. 0 to 100.
    #[serde(default = "d::solicit")]
    pub solicit_effort: f64,
    /// Its policies where they differ from the scenario's sections, e.g.
    /// `(path: "pay.commission_rate", value: "0.12")`; only [`POLICY_SECTIONS`]. Default none.
    #[serde(default)]
    pub policies: Vec<Policy>,
    /// Its own events and policy changes (the scenario's `timeline` is the first firm's). Default none.
    #[serde(default)]
    pub timeline: Vec<TimedEvent>,
}

mod d {
    pub fn poach() -> f64 {
        0.02
    }
    pub fn customers() -> f64 {
        0.004
    }
    pub fn solicit() -> f64 {
        1.0
    }
}

impl Event {
    /// Whether the event changes the market every firm sells in (rather than one firm's policies).
    pub fn is_market_wide(&self) -> bool {
        match self {
            Event::CompetitorEntry(_)
            | Event::ProductBroadening { .. }
            | Event::MarketSaturation { .. }
            | Event::PriceWar { .. }
            | Event::PriceSensitivityShift { .. } => true,
            Event::Set { path, .. } => !is_policy_path(path),
            _ => false,
        }
    }
}

/// The parameters of firm `index` of an industry `s` whose values differ from the scenario's own
/// (its policies, its share of the market, its seed), as `salesim params` shows them.
pub fn firm_listing(s: &Scenario, index: usize) -> Result<Vec<params::Listed>, Problem> {
    let firm = firm_scenario(s, index)?;
    let base = params::listing(s);
    Ok(params::listing(&firm).into_iter().zip(base).filter(|(f, b)| f.value != b.value).map(|(f, _)| f).collect())
}

/// Whether `path` is a parameter a firm decides for itself.
pub fn is_policy_path(path: &str) -> bool {
    path.split_once('.').is_some_and(|(head, _)| POLICY_SECTIONS.contains(&head)) || POLICY_PATHS.contains(&path)
}

/// How many of a quantity a firm starts with: `own` if set, else `reference` per rep of the
/// scenario × the firm's reps (rounded).
fn per_rep(own: u32, reference: u32, reference_reps: u32, reps: u32) -> u32 {
    if own > 0 { own } else { (reference as f64 * reps as f64 / reference_reps.max(1) as f64).round() as u32 }
}

/// A firm's seed: the scenario's for the first firm, a mix of it and the index for the others.
pub fn firm_seed(seed: u64, index: usize) -> u64 {
    if index == 0 { seed } else { crate::rng::mix64(seed ^ crate::rng::mix64(index as u64)) }
}

/// The week firm `index` enters the market: that of the earliest `CompetitorEntry` naming it in
/// the scenario's timeline, or 0 (in the market from the start). Before it enters, it sells only
/// to its own customers and prospects, and it and the firms in the market are not each other's
/// rivals (no contests, offers or pull between them); its reps are in the industry's labour
/// market (market pay, the pool of reps between jobs) from the start.
pub fn entry_week(s: &Scenario, index: usize) -> u32 {
    let name = &s.firms[index].name;
    let named = |t: &&TimedEvent| matches!(&t.event, Event::CompetitorEntry(n) if n == name);
    s.timeline.iter().filter(named).map(|t| t.week).min().unwrap_or(0)
}

/// Whether `event` is the entry of one of the scenario's firms.
fn enters_a_firm(s: &Scenario, event: &Event) -> bool {
    matches!(event, Event::CompetitorEntry(n) if s.firms.iter().any(|f| &f.name == n))
}

/// The competitor another firm is to a firm selling at `own_cut` below list.
fn rival_face(f: &Firm, index: usize, own_cut: f64, its: &Scenario) -> Competitor {
    Competitor {
        name: f.name.clone(),
        price_cut: (1.0 - (1.0 - f.price_cut) / (1.0 - own_cut)).max(0.0),
        poach_appetite: f.poach_appetite,
        customer_appetite: f.customer_appetite,
        // Its selling hours at week 0: the reference its pull and effort grow from.
        hunting_hours: its.sales_force.reps as f64 * its.sales_force.hours_per_week,
        // Its own plan's rate (the industry keeps it in step with the firm's plan in force).
        offer_commission_rate: its.pay.commission_rate,
        solicit_effort: f.solicit_effort,
        firm: Some(index as u16),
    }
}

/// The scenario of firm `index` of `s`'s industry (see the module documentation), or the first
/// problem found in its policies (with a path under `firms[index]`).
pub fn firm_scenario(s: &Scenario, index: usize) -> Result<Scenario, Problem> {
    let firm = &s.firms[index];
    let at = |f: String| format!("firms[{index}].{f}");
    let mut k = Scenario { firms: Vec::new(), timeline: Vec::new(), ..s.clone() };
    for (i, p) in firm.policies.iter().enumerate() {
        if !is_policy_path(&p.path) {
            return Err(Problem {
                path: at(format!("policies[{i}].path")),
                message: format!(
                    "`{}` is not a firm's policy: a firm sets only {} and {}; the market, customers, deals, careers and behaviour are the industry's",
                    p.path,
                    POLICY_SECTIONS.join(", "),
                    POLICY_PATHS.join(", ")
                ),
            });
        }
        params::set(&mut k, &p.path, &p.value)
            .map_err(|e| Problem { path: at(format!("policies[{i}].value")), message: e.message })?;
    }
    k.market.accounts = per_rep(firm.accounts, s.market.accounts, s.sales_force.reps, k.sales_force.reps);
    k.market.prospects = per_rep(firm.prospects, s.market.prospects, s.sales_force.reps, k.sales_force.reps);
    k.seed = firm_seed(s.seed, index);
    k.own_price_cut = firm.price_cut;
    for (j, other) in s.firms.iter().enumerate().filter(|(j, _)| *j != index) {
        let mut its = Scenario { firms: Vec::new(), timeline: Vec::new(), competitors: Vec::new(), ..s.clone() };
        for p in &other.policies {
            // A bad policy of the other firm is reported when that firm is built.
            let _ = params::set(&mut its, &p.path, &p.value);
        }
        k.competitors.push(rival_face(other, j, firm.price_cut, &its));
    }
    // The scenario's events (a firm's entry is told to each firm as its rivals' entries), each
    // pair of firms meeting when the later of them enters, then the firm's own events.
    let inherited =
        s.timeline.iter().filter(|t| (index == 0 || t.event.is_market_wide()) && !enters_a_firm(s, &t.event));
    let own_entry = entry_week(s, index);
    let meetings = s.firms.iter().enumerate().filter(|(j, _)| *j != index).filter_map(|(j, other)| {
        let week = own_entry.max(entry_week(s, j));
        (week > 0).then(|| TimedEvent { week, event: Event::CompetitorEntry(other.name.clone()) })
    });
    k.timeline = inherited.cloned().chain(meetings).chain(firm.timeline.iter().cloned()).collect();
    Ok(k)
}

/// Problems of the `firms` list: sizes, names, ranges, and every firm's scenario checked whole.
pub(crate) fn firm_problems(s: &Scenario) -> Vec<Problem> {
    use super::validate::{MAX_ACCOUNTS, MAX_EVENTS, MAX_LABEL_CHARS, MAX_PROSPECTS, problems};
    let mut out = Vec::new();
    let mut fail = |path: String, message: String| out.push(Problem { path, message });
    if s.firms.len() > MAX_FIRMS {
        fail("firms".into(), format!("at most {MAX_FIRMS} firms, got {}", s.firms.len()));
        return out;
    }
    if s.firms.len() == 1 {
        fail("firms".into(), "an industry needs at least two firms (leave `firms` out for one)".into());
    }
    let mut names = std::collections::HashSet::new();
    for (i, f) in s.firms.iter().enumerate() {
        let at = |x: &str| format!("firms[{i}].{x}");
        let n = f.name.chars().count();
        if f.name.trim().is_empty() || n > MAX_LABEL_CHARS {
            fail(at("name"), format!("must be 1 to {MAX_LABEL_CHARS} characters, got {n}"));
        }
        if !names.insert(f.name.as_str()) || s.competitors.iter().any(|c| c.name == f.name) {
            fail(at("name"), format!("`{}` names another firm or a competitor already", f.name));
        } else if f.name == INDUSTRY {
            fail(at("name"), format!("`{INDUSTRY}` names the industry's own rows in the outputs; choose another name"));
        }
        for (field, v, hi) in [
            ("price_cut", f.price_cut, 0.9),
            ("poach_appetite", f.poach_appetite, 10.0),
            ("customer_appetite", f.customer_appetite, 1.0),
            ("solicit_effort", f.solicit_effort, 100.0),
        ] {
            if !v.is_finite() || !(0.0..=hi).contains(&v) {
                fail(at(field), format!("must be between 0 and {hi}, got {v}"));
            }
        }
        if f.policies.len() > MAX_POLICIES {
            fail(at("policies"), format!("at most {MAX_POLICIES} policies, got {}", f.policies.len()));
            continue;
        }
        if f.timeline.len() > MAX_EVENTS {
            fail(at("timeline"), format!("at most {MAX_EVENTS} events"));
            continue;
        }
        for (field, v, most) in [("accounts", f.accounts, MAX_ACCOUNTS), ("prospects", f.prospects, MAX_PROSPECTS)] {
            if v > most {
                fail(at(field), format!("must be at most {most}, got {v}"));
            }
        }
    }
    if !out.is_empty() {
        return out;
    }
    for i in 0..s.firms.len() {
        match firm_scenario(s, i) {
            Err(p) => out.push(p),
            Ok(k) => {
                let own = s.firms[i].timeline.len();
                let first_own = k.timeline.len() - own;
                for p in problems(&k) {
                    // A problem in the firm's own timeline is named there; any other is its policies'.
                    let path = match p.path.strip_prefix("timeline[").and_then(|r| r.split_once(']')) {
                        Some((n, rest)) if n.parse::<usize>().is_ok_and(|n| n >= first_own) => {
                            format!("firms[{i}].timeline{rest}")
                        }
                        _ if p.path.starts_with("timeline") => continue,
                        // A value out of range is named at the policy that set it; a rule that
                        // ties two fields together, at the firm's policies.
                        _ => match s.firms[i].policies.iter().rposition(|x| x.path == p.path) {
                            Some(k) => format!("firms[{i}].policies[{k}].value"),
                            None => format!("firms[{i}].policies"),
                        },
                    };
                    out.push(Problem { path, message: format!("{}: {}", p.path, p.message) });
                }
            }
        }
    }
    out
}
