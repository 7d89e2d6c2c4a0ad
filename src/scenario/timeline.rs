//! Competitors and the timeline of events and policy changes.

use super::OwnershipModel;
use serde::{Deserialize, Serialize};

/// The dollars of portable book a competitor's `poach_appetite` is stated per ($1M).
pub const POACH_APPETITE_PER_DOLLARS: f64 = 1e6;

/// A competitor that may enter the market (entry is a `CompetitorEntry` timeline event).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Competitor {
    /// Name used in events and outputs. Required, unique.
    pub name: String,
    /// How far it undercuts our prices, as a share. Default 0.08; 0..0.9.
    #[serde(default = "d::price_cut")]
    pub price_cut: f64,
    /// Weekly probability scale of a poaching offer to a rep, per $1M ([`POACH_APPETITE_PER_DOLLARS`])
    /// of portable book. Default 0.02.
    #[serde(default = "d::poach")]
    pub poach_appetite: f64,
    /// Weekly hazard it adds to a customer with no loyalty to the company at full price sensitivity
    /// and tenure multiple 1 (`customers.churn_tenure_years`; newer customers more, older less). Default 0.004.
    #[serde(default = "d::customers")]
    pub customer_appetite: f64,
    /// Hunting hours per week of its own sales force at entry (grows by `behaviour.churn.hours_per_poached_rep` per poached rep). Default 400.
    #[serde(default = "d::hours")]
    pub hunting_hours: f64,
    /// Commission rate it pays on a poached rep's portable book when sizing an offer. Default 0.12.
    #[serde(default = "d::offer_rate")]
    pub offer_commission_rate: f64,
    /// How hard it works the former customers of a rep who joins it, as a multiple of an outside
    /// rival firm's effort (`customers.solicit_rate`); × √(capacity / entry capacity) as its sales
    /// force grows with the reps it poaches. Default 1.
    #[serde(default = "d::solicit_effort")]
    pub solicit_effort: f64,
    /// Set by the industry, never read from a file: the index of the firm this competitor is
    /// (`firms.rs`); its reps and the customers it wins move to that firm.
    #[serde(skip)]
    pub firm: Option<u16>,
}

mod d {
    pub fn price_cut() -> f64 {
        0.08
    }
    pub fn poach() -> f64 {
        0.02
    }
    pub fn customers() -> f64 {
        0.004
    }
    pub fn hours() -> f64 {
        400.0
    }
    pub fn offer_rate() -> f64 {
        0.12
    }
    pub fn solicit_effort() -> f64 {
        1.0
    }
}

/// One timeline entry: an event applied at the start of `week` (0-based).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimedEvent {
    /// Week the event applies (0 = first week); must be before `weeks`.
    pub week: u32,
    /// What happens.
    pub event: Event,
}

/// Something that happens to the world or the policies at a given week.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Event {
    /// The named competitor (from `competitors`) enters the market.
    CompetitorEntry(String),
    /// The product line broadens: the share of customers with complex needs rises to `complex_share`.
    ProductBroadening { complex_share: f64 },
    /// The prospect pool and its inflow are multiplied by `prospect_factor` (< 1 saturates).
    MarketSaturation { prospect_factor: f64 },
    /// A price war: every competitor undercuts our prices by at least `price_cut` (a share, 0..0.9)
    /// from now on, in the market and when it enters.
    PriceWar { price_cut: f64 },
    /// Every customer's price sensitivity moves by `delta` (clamped to 0..1).
    PriceSensitivityShift { delta: f64 },
    /// A CRM is rolled out: `ownership.crm_retention` becomes `retention`.
    CrmRollout { retention: f64 },
    /// Hiring freeze on (true) or off (false).
    HiringFreeze(bool),
    /// A one-off account realignment the company plans: where reps own their accounts, those who
    /// would lose accounts may push back (`ownership.pushback`, `src/sim/ownership/pushback.rs`).
    Realignment,
    /// The ownership model changes.
    SetOwnership(OwnershipModel),
    /// A catalyst that makes change easier (merger, new leadership, product launch, missed goal):
    /// for `behaviour.pushback.catalyst_weeks` reps expect change, so their threats over planned
    /// changes are fewer and their anger smaller; it is logged and marked on charts.
    Catalyst(String),
    /// Any scenario parameter by dotted path, with its new value in RON, e.g.
    /// `Set(path: "pay.commission_rate", value: "0.03")`. `salesim validate` lists bad paths.
    Set { path: String, value: String },
}

impl Event {
    /// Short snake_case kind used in `events.csv`.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::CompetitorEntry(_) => "competitor_entry",
            Event::ProductBroadening { .. } => "product_broadening",
            Event::MarketSaturation { .. } => "market_saturation",
            Event::PriceWar { .. } => "price_war",
            Event::PriceSensitivityShift { .. } => "price_sensitivity_shift",
            Event::CrmRollout { .. } => "crm_rollout",
            Event::HiringFreeze(_) => "hiring_freeze",
            Event::Realignment => "realignment",
            Event::SetOwnership(_) => "policy_change",
            Event::Set { .. } => "policy_change",
            Event::Catalyst(_) => "catalyst",
        }
    }
}
