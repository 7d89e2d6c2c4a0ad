//! The scenario file: every model parameter and policy, with units and defaults. These types are
//! the parameter documentation; `docs/MODEL.md` says where each one acts.

pub mod behaviour;
mod careers;
mod customers;
mod deals;
mod effort;
mod episodes;
pub mod firms;
mod hiring;
mod leadership;
pub mod limits;
pub mod load;
pub mod locate;
mod market;
pub mod narration;
mod ownership;
pub mod params;
mod pay;
pub mod problem;
pub mod section;
mod timeline;
mod tools;
mod training;
pub mod validate;

pub use behaviour::Behaviour;
pub use careers::Careers;
pub use customers::Customers;
pub use deals::Deals;
pub use effort::Effort;
pub use episodes::Episodes;
pub use firms::{Firm, Policy};
pub use hiring::{Hiring, Specialists};
pub use leadership::Leadership;
pub use market::{Market, SalesForce};
pub use narration::Caption;
pub use ownership::{Handover, Ownership, OwnershipModel, Pushback, Realignment};
pub use pay::{BonusMetric, CommissionBasis, Pay, QualitativeBonus, QuotaPeriod, QuotaSetting};
pub use timeline::{Competitor, Event, POACH_APPETITE_PER_DOLLARS, TimedEvent};
pub use tools::Tools;
pub use training::Training;

use serde::{Deserialize, Serialize};

/// A whole simulation scenario, as written in a `.ron` file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Name written into every output. Required.
    pub name: String,
    /// Master random seed; `--seed` overrides it. Required.
    pub seed: u64,
    /// Length of the run in weekly ticks (52 = one year). Required; 1 to 5,200.
    pub weeks: u32,
    /// The market: accounts, prospects, spend and needs.
    #[serde(default)]
    pub market: Market,
    /// The sales force at week 0.
    #[serde(default)]
    pub sales_force: SalesForce,
    /// The pay plan. Required (at least `commission_rate` and `base_salary`).
    pub pay: Pay,
    /// Who owns customers, realignment, CRM and company-level tools.
    #[serde(default)]
    pub ownership: Ownership,
    /// What tools and programmes (`ownership.company_tools`) cost, how fast they work and the
    /// selling time they free.
    #[serde(default)]
    pub tools: Tools,
    /// Training reps in the complex product line: level, what it gains, what it costs.
    #[serde(default)]
    pub training: Training,
    /// Hiring: headcount target, vacancy delay and ramp.
    #[serde(default)]
    pub hiring: Hiring,
    /// Technical and service specialists.
    #[serde(default)]
    pub specialists: Specialists,
    /// How reps split and size their effort.
    #[serde(default)]
    pub effort: Effort,
    /// How leadership weighs a planned change against the threats of reps it would cost.
    #[serde(default)]
    pub leadership: Leadership,
    /// Quits, poaching acceptance and withdrawal.
    #[serde(default)]
    pub careers: Careers,
    /// Customer satisfaction, loyalty, revenue, churn and following a departing rep.
    #[serde(default)]
    pub customers: Customers,
    /// Deals: opportunities, sizes, cycles, chances, timing games and drafting help.
    #[serde(default)]
    pub deals: Deals,
    /// The mechanisms' behavioural constants (structural assumptions), by mechanism.
    #[serde(default)]
    pub behaviour: Behaviour,
    /// Competitors that may enter on the timeline (entry itself is a timeline event).
    #[serde(default)]
    pub competitors: Vec<Competitor>,
    /// The firms of an industry, the first being the one whose story the scenario tells: each is
    /// the scenario's sections with its own policies, book and timeline, and a rival to the
    /// others (`firms.rs`, `src/industry/`). Default none: one firm, this scenario.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub firms: Vec<Firm>,
    /// Events and policy changes, each applied at the start of its week.
    #[serde(default)]
    pub timeline: Vec<TimedEvent>,
    /// Thresholds for recording emergent episodes (poaching wave, loyalty collapse, turnover
    /// cascade, runaway pay) in the event log; detection never changes the model.
    #[serde(default)]
    pub episodes: Episodes,
    /// Captions the live view shows (pausing the run) at their weeks; the model ignores them.
    /// Default none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub narration: Vec<Caption>,
    /// Set by the industry, never read from a file: how far below the industry's list price this
    /// firm sells, as a share (its `firms[i].price_cut`, `firms.rs`; 0 without `firms`). Every deal
    /// it offers carries it on top of its rep's discount (`sim/accounts/value.rs`).
    #[serde(skip)]
    pub own_price_cut: f64,
}

impl Scenario {
    /// The names of its firms: those of `firms`, or, without them, one firm named after the
    /// scenario.
    pub fn firm_names(&self) -> Vec<String> {
        if self.firms.is_empty() {
            vec![self.name.clone()]
        } else {
            self.firms.iter().map(|f| f.name.clone()).collect()
        }
    }

    /// The `firm` of each output row by its index (`TickOutput::firm`): the firm names and, for an
    /// industry, [`firms::INDUSTRY`] for the industry's row of timeseries.csv.
    pub fn row_names(&self) -> Vec<String> {
        let mut names = self.firm_names();
        if !self.firms.is_empty() {
            names.push(firms::INDUSTRY.to_string());
        }
        names
    }

    /// A stable hash of the resolved scenario (all defaults filled in), as 16 hex digits.
    pub fn hash_hex(&self) -> String {
        let text = ron::to_string(self).unwrap_or_default();
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in text.as_bytes() {
            h ^= *b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        format!("{h:016x}")
    }
}
