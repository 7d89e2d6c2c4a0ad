//! Scenario parameters addressed by dotted path (`pay.commission_rate`): the one way a timeline
//! `Set` event, a batch `--set` and a live-view control change a parameter.

use super::Scenario;
use super::section::Section;
use serde::de::DeserializeOwned;

/// A parameter path that is unknown, or a value that does not parse for it.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for ParamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "parameter `{}`: {}", self.path, self.message)
    }
}

fn parse<T: DeserializeOwned>(path: &str, value: &str) -> Result<T, ParamError> {
    super::section::parse_value(value).map_err(|message| ParamError { path: path.to_string(), message })
}

macro_rules! params {
    ($( $path:literal => $($field:ident).+ ; )*) => {
        /// The parameters outside the [`Section`]s, by path.
        const LISTED: &[&str] = &[$($path),*];

        fn set_listed(s: &mut Scenario, path: &str, value: &str) -> Option<Result<(), ParamError>> {
            match path {
                $( $path => Some(parse(path, value).map(|v| s.$($field).+ = v)), )*
                _ => None,
            }
        }

        fn get_listed(s: &Scenario, path: &str) -> Option<String> {
            match path {
                $( $path => ron::to_string(&s.$($field).+).ok(), )*
                _ => None,
            }
        }
    };
}

params! {
    "seed" => seed;
    "weeks" => weeks;
}

/// Evaluates `$body` with `$sec` bound to the section named `$name` of `$s`, taken with `$($r)*`
/// (`&` or `&mut`); `None` if there is no such section.
macro_rules! with_section {
    ($s:expr, $name:expr, [$($r:tt)*] |$sec:ident| $body:expr) => {
        match $name {
            "market" => { let $sec = $($r)* $s.market; Some($body) }
            "sales_force" => { let $sec = $($r)* $s.sales_force; Some($body) }
            "hiring" => { let $sec = $($r)* $s.hiring; Some($body) }
            "tools" => { let $sec = $($r)* $s.tools; Some($body) }
            "training" => { let $sec = $($r)* $s.training; Some($body) }
            "specialists" => { let $sec = $($r)* $s.specialists; Some($body) }
            "effort" => { let $sec = $($r)* $s.effort; Some($body) }
            "careers" => { let $sec = $($r)* $s.careers; Some($body) }
            "customers" => { let $sec = $($r)* $s.customers; Some($body) }
            "deals" => { let $sec = $($r)* $s.deals; Some($body) }
            "behaviour" => { let $sec = $($r)* $s.behaviour; Some($body) }
            "episodes" => { let $sec = $($r)* $s.episodes; Some($body) }
            "pay" => { let $sec = $($r)* $s.pay; Some($body) }
            "ownership" => { let $sec = $($r)* $s.ownership; Some($body) }
            "leadership" => { let $sec = $($r)* $s.leadership; Some($body) }
            _ => None,
        }
    };
}

/// Evaluates `$body` with the type `$t` of the section named `$name` (`None` if there is no such
/// section), for the [`Section`] functions that need no value (documentation, ranges).
macro_rules! with_section_type {
    ($name:expr, |$t:ident| $body:expr) => {{
        #[allow(unused_imports)]
        use super::*;
        match $name {
            "market" => {
                type $t = Market;
                $body
            }
            "sales_force" => {
                type $t = SalesForce;
                $body
            }
            "hiring" => {
                type $t = Hiring;
                $body
            }
            "tools" => {
                type $t = Tools;
                $body
            }
            "training" => {
                type $t = Training;
                $body
            }
            "specialists" => {
                type $t = Specialists;
                $body
            }
            "effort" => {
                type $t = Effort;
                $body
            }
            "careers" => {
                type $t = Careers;
                $body
            }
            "customers" => {
                type $t = Customers;
                $body
            }
            "deals" => {
                type $t = Deals;
                $body
            }
            "behaviour" => {
                type $t = Behaviour;
                $body
            }
            "episodes" => {
                type $t = Episodes;
                $body
            }
            "pay" => {
                type $t = Pay;
                $body
            }
            "ownership" => {
                type $t = Ownership;
                $body
            }
            "leadership" => {
                type $t = Leadership;
                $body
            }
            _ => None,
        }
    }};
}

/// The sections whose fields are all parameters, with their field lists.
fn section_fields() -> Vec<(&'static str, Vec<String>)> {
    use super::*;
    vec![
        ("market", Market::fields()),
        ("sales_force", SalesForce::fields()),
        ("hiring", Hiring::fields()),
        ("tools", Tools::fields()),
        ("training", Training::fields()),
        ("specialists", Specialists::fields()),
        ("effort", Effort::fields()),
        ("careers", Careers::fields()),
        ("customers", Customers::fields()),
        ("deals", Deals::fields()),
        ("behaviour", Behaviour::fields()),
        ("episodes", Episodes::fields()),
        ("pay", Pay::fields()),
        ("ownership", Ownership::fields()),
        ("leadership", Leadership::fields()),
    ]
}

/// Every settable parameter path, in file order.
pub fn paths() -> Vec<String> {
    let mut all: Vec<String> = LISTED.iter().take(2).map(|p| p.to_string()).collect();
    for (name, fields) in section_fields() {
        all.extend(fields.into_iter().map(|f| format!("{name}.{f}")));
    }
    all.extend(LISTED.iter().skip(2).map(|p| p.to_string()));
    all
}

/// One line of `salesim params`: a parameter path, its value in a scenario (RON) and the first
/// line of its documentation.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    pub path: String,
    pub value: String,
    pub doc: Option<&'static str>,
}

/// Every settable parameter of `s` with its value and documentation, in file order (what
/// `salesim params` prints and Python's `Scenario.params()` returns).
pub fn listing(s: &Scenario) -> Vec<Listed> {
    paths().into_iter().map(|path| Listed { value: get(s, &path).unwrap_or_default(), doc: doc(&path), path }).collect()
}

/// Paths of the behavioural parameters: the constants of `behaviour` and the response
/// parameters of the effort, careers, customers and deals sections (not the policies, sizes or
/// episode thresholds). The sensitivity table of `salesim report` varies each of these.
pub fn behavioural_paths() -> Vec<String> {
    section_fields()
        .into_iter()
        .filter(|(name, _)| matches!(*name, "behaviour" | "effort" | "careers" | "customers" | "deals"))
        .flat_map(|(name, fields)| fields.into_iter().map(move |f| format!("{name}.{f}")))
        .filter(|p| !is_policy(p))
        .collect()
}

/// Section fields that are policies a company sets rather than behaviour (excluded from
/// [`behavioural_paths`]).
fn is_policy(path: &str) -> bool {
    matches!(
        path,
        "deals.draft_weeks"
            | "deals.draft_hours"
            | "deals.draft_hour_cost"
            | "deals.discount_limit"
            | "careers.market_pay"
    )
}

/// Set the parameter at `path` to `value` (written in RON: `0.03`, `true`, `Annual`).
pub fn set(s: &mut Scenario, path: &str, value: &str) -> Result<(), ParamError> {
    let fail = |message: String| ParamError { path: path.to_string(), message };
    if let Some(r) = set_listed(s, path, value) {
        return r;
    }
    if let Some((head, field)) = path.split_once('.') {
        if let Some(Some(r)) = with_section!(s, head, [&mut] |sec| sec.set_field(field, value)) {
            return r.map_err(fail);
        }
    }
    Err(fail(unknown_message(path)))
}

/// The current value at `path`, written in RON.
pub fn get(s: &Scenario, path: &str) -> Option<String> {
    if let Some(v) = get_listed(s, path) {
        return Some(v);
    }
    let (head, field) = path.split_once('.')?;
    with_section!(s, head, [&] |sec| sec.get_field(field)).flatten()
}

/// The first line of the documentation of the parameter at `path`, if it has one.
pub fn doc(path: &str) -> Option<&'static str> {
    let (head, field) = path.split_once('.')?;
    with_section_type!(head, |T| T::doc(field))
}

/// The documented valid range `lo..=hi` of the section parameter at `path` (`None` for a path
/// outside the sections or a field without a numeric range).
pub fn range(path: &str) -> Option<(f64, f64)> {
    let (head, field) = path.split_once('.')?;
    with_section_type!(head, |T| T::range(field))
}

/// Edit distance between two strings (for suggestions).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + (ca != *cb) as usize);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// "unknown parameter", with the closest known paths.
fn unknown_message(path: &str) -> String {
    let all = paths();
    let mut near: Vec<(usize, &str)> = all.iter().map(|p| (distance(path, p), p.as_str())).collect();
    near.sort();
    let close: Vec<String> =
        near.iter().take(3).filter(|(d, _)| *d <= path.len() / 2 + 2).map(|(_, p)| format!("`{p}`")).collect();
    if close.is_empty() {
        "unknown parameter (`salesim params` lists them all)".to_string()
    } else {
        format!("unknown parameter; did you mean {}? (`salesim params` lists them all)", close.join(" or "))
    }
}

/// Paths that size the world at week 0 and so cannot change mid-run.
pub fn is_initial_only(path: &str) -> bool {
    path == "seed"
        || path == "weeks"
        || path == "market.accounts"
        || path == "market.prospects"
        || path == "sales_force.reps"
        || path == "sales_force.tenure_years_mean"
        || path == "sales_force.book_tenure_weight"
}
