//! Deals (mechanism 3 and part of 4): opportunities with a size, a close date and a chance of
//! closing. Hunting opens new-customer deals on prospects, kept in the [`Pipeline`] (`hunt.rs`,
//! `close.rs`); an account opens expansion deals as its rep covers it and a renewal before each
//! contract anniversary, kept on the account and worked and closed in the weekly pass
//! (`account.rs`). Near a quota period's end reps pull likely deals in or let them slip
//! (`timing.rs`); at its date a deal is won, stalls or is lost. A won deal's first-year value is
//! credited to the rep when it closes (bookings), and the revenue it brings then draws that credit
//! down, so over an account's life its rep is credited with exactly its revenue.

pub mod account;
pub mod acquisition;
pub mod close;
pub mod contest;
pub mod forecast;
pub mod hunt;
pub mod timing;

use super::components::Prospect;
use crate::scenario::Scenario;
use crate::sim::observe::events::Cause;
use bevy::prelude::*;

/// Registers the state the deal stage owns: forecasts and the log of closed deals. (Deals on
/// accounts, [`account::AccountDeals`], are built with the world, `setup/`.)
pub(crate) struct DealsPlugin;

impl Plugin for DealsPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<forecast::Forecasts>().init_resource::<close::DealLog>();
    }
}

/// A rep's open account deals, summed for its forecast with their chances at full effort without
/// its skill: Σ p·v, Σ p·v² and Σ p²·v², so that with skill factor k the forecast is k·Σ p·v with
/// variance k·Σ p·v² − k²·Σ p²·v² (`forecast.rs`). Kept in the books at the close, for next week.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DealSums {
    pub pv: f64,
    pub pv2: f64,
    pub p2v2: f64,
}

impl DealSums {
    #[inline]
    pub(crate) fn add(&mut self, p: f64, v: f64, k: f64) {
        self.pv += k * p * v;
        self.pv2 += k * p * v * v;
        self.p2v2 += k * p * p * v * v;
    }
}

/// What a deal sells.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DealKind {
    /// A prospect becomes a customer.
    #[default]
    NewCustomer,
    /// An account buys more (share of wallet rises).
    Expansion,
    /// An account's contract comes up for renewal: won, it renews with an up-sell; lost, it moves
    /// part of its spend elsewhere.
    Renewal,
}

impl DealKind {
    pub const ALL: [DealKind; 3] = [DealKind::NewCustomer, DealKind::Expansion, DealKind::Renewal];
    /// Its text in `deals.csv`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            DealKind::NewCustomer => "new_customer",
            DealKind::Expansion => "expansion",
            DealKind::Renewal => "renewal",
        }
    }
    /// The kind a `deals.csv` cell names.
    pub(crate) fn parse(text: &str) -> Option<DealKind> {
        DealKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
    /// Its cause in the event log (of a `deal_won` or `deal_lost` record).
    pub(crate) fn cause(self) -> Cause {
        match self {
            DealKind::NewCustomer => Cause::NewCustomer,
            DealKind::Expansion => Cause::Expansion,
            DealKind::Renewal => Cause::Renewal,
        }
    }
}

/// How a closed deal ended (`deals.csv`'s `outcome`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DealOutcome {
    #[default]
    Won,
    Lost,
    /// The account was lost first, or its rep left.
    Cancelled,
}

impl DealOutcome {
    pub const ALL: [DealOutcome; 3] = [DealOutcome::Won, DealOutcome::Lost, DealOutcome::Cancelled];
    /// Its text in `deals.csv`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            DealOutcome::Won => "won",
            DealOutcome::Lost => "lost",
            DealOutcome::Cancelled => "cancelled",
        }
    }
    /// The outcome a `deals.csv` cell names.
    pub(crate) fn parse(text: &str) -> Option<DealOutcome> {
        DealOutcome::ALL.into_iter().find(|o| o.as_str() == text)
    }
}

/// Whether the rep moved the deal's close across a period end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Timing {
    #[default]
    OnTime,
    /// Closed early, at a discount, to make this period's quota.
    PulledIn,
    /// Pushed into the next period (quota safe or out of reach).
    Slipped,
}

impl Timing {
    /// Its text in `deals.csv` (empty for a deal closed on time).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Timing::OnTime => "",
            Timing::PulledIn => "pulled_in",
            Timing::Slipped => "slipped",
        }
    }
}

/// What every deal has.
#[derive(Clone, Copy, Debug, Default)]
pub struct Terms {
    pub id: u32,
    pub kind: DealKind,
    /// The customer's id (prospect or account).
    pub customer: u32,
    /// Week it opened (0 for deals open when the run starts).
    pub opened_week: u32,
    /// Week it closes (won, lost or stalls).
    pub due_week: u32,
    /// Annual value it adds if won, $/year, after any discount.
    pub size: f64,
    pub complex: bool,
    pub icp: bool,
    pub stalls: u32,
    pub timing: Timing,
    /// The discount the rep offered to win it (`value.rs`), which raises its chance.
    pub offered: f64,
    /// Its whole discount off list: the offered one and any discount for pulling it in.
    pub discount: f64,
}

impl Terms {
    /// Terms at list price with the discount `offered` (the size is `list` × (1 − offered)).
    pub(crate) fn with_offer(mut self, offered: f64) -> Terms {
        self.offered = offered;
        self.discount = offered;
        self.size *= 1.0 - offered;
        self
    }

    /// Its annual value at list price.
    pub(crate) fn list_size(&self) -> f64 {
        if self.discount < 1.0 { self.size / (1.0 - self.discount) } else { 0.0 }
    }
    /// Whether its date can be moved: a new-customer or expansion deal not moved already.
    pub(crate) fn movable(&self) -> bool {
        self.timing == Timing::OnTime && matches!(self.kind, DealKind::NewCustomer | DealKind::Expansion)
    }

    /// Pull it in to close this week at a discount.
    pub(crate) fn pull_in(&mut self, s: &Scenario, week: u32) {
        self.due_week = week;
        self.timing = Timing::PulledIn;
        self.discount = 1.0 - (1.0 - self.discount) * (1.0 - s.deals.pull_in_discount);
        self.size *= 1.0 - s.deals.pull_in_discount;
    }

    /// Let it slip to `week`.
    pub(crate) fn slip(&mut self, week: u32) {
        self.due_week = week;
        self.timing = Timing::Slipped;
    }
}

/// A new-customer deal: a rep pursuing a prospect.
#[derive(Clone, Debug)]
pub struct Pursuit {
    pub terms: Terms,
    pub rep: u32,
    pub prospect: Prospect,
    /// Productive hours given to it, including drafted help.
    pub hours: f64,
    pub hours_needed: f64,
    /// Technical specialists' hours given to it (complex deals).
    pub specialist_hours: f64,
}

/// Every open new-customer deal, and the next deal id (shared with account deals).
#[derive(Resource, Default, Debug)]
pub struct Pipeline {
    pub deals: Vec<Pursuit>,
    pub next_id: u32,
}

impl Pipeline {
    pub(crate) fn issue_id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id - 1
    }
}

crate::csv_row! {
    /// One closed deal (`deals.csv`).
    pub struct DealRow {
        pub deal_id: u32,
        /// `new_customer`, `expansion` or `renewal`.
        pub kind: DealKind,
        pub rep_id: Option<u32>,
        pub account_id: u32,
        /// Week it opened (0 for deals open when the run starts).
        pub opened_week: u32,
        pub closed_week: u32,
        /// Annual value it adds if won, $/year (after any discount).
        pub size: f64,
        /// `won`, `lost`, or `cancelled` (the account was lost first, or its rep left).
        pub outcome: DealOutcome,
        /// `pulled_in`, `slipped` or empty.
        pub timing: Timing,
        pub discount: f64,
        pub stalls: u32,
        pub complex_needs: bool,
        pub ideal_profile: bool,
        /// The rival firms of the industry that also pitched it, `;`-separated (new-customer
        /// deals in an industry, `contest.rs`; empty otherwise).
        pub contested_by: String,
        /// New-customer deals: the firm whose offer the customer took (this firm's name if won, a
        /// rival firm's if it won the contest), empty if it bought from no firm; empty for deals
        /// on accounts.
        pub won_by: String,
    }
}

/// New-customer opportunities a productive prospecting hour opens when the pool is full: ρ such
/// that, with each deal worked as planned, a hunting hour (prospecting and working the deals it
/// opens) wins `market.hit_rate_per_hour` new customers: ρ·w / (1 + ρ·h) = hit, so
/// ρ = hit / (w − hit·h), with w = `deals.new_win_rate` and h = `deals.new_deal_hours`.
pub(crate) fn opportunities_per_hour(s: &Scenario) -> f64 {
    let hit = s.market.hit_rate_per_hour;
    let w = s.deals.new_win_rate;
    let h = s.deals.new_deal_hours;
    if hit <= 0.0 { 0.0 } else { hit / (w - hit * h).max(1e-9) }
}

/// Share of a deal's full chance reached with a share `readiness` of the effort it needs:
/// (1 − e^(−k·r)) / (1 − e^(−k)) (exactly 1 at full effort).
pub(crate) fn effort_factor(s: &Scenario, readiness: f64) -> f64 {
    if readiness >= 1.0 {
        return 1.0;
    }
    let k = s.deals.effort_response;
    (1.0 - libm::exp(-k * readiness.max(0.0))) / (1.0 - libm::exp(-k))
}

/// A complex deal's chance is × the share of its needs met (`complexity.rs`); a simple one's is not.
pub(crate) fn complex_factor(complex: bool, needs_met: f64) -> f64 {
    if complex { needs_met.clamp(0.0, 1.0) } else { 1.0 }
}

/// A rep's skill factor in its deals' chances: skill^`deals.skill_elasticity`.
pub(crate) fn skill_factor(s: &Scenario, skill: f64) -> f64 {
    libm::pow(skill.max(0.0), s.deals.skill_elasticity)
}

/// What a deal's chance depends on besides its terms.
#[derive(Clone, Copy, Debug)]
pub struct Odds {
    /// Share of the effort it needs that it got.
    pub readiness: f64,
    /// The rep's [`skill_factor`] (1 without a rep).
    pub skill_factor: f64,
    /// Share of a complex deal's needs met (`complexity.rs`; 1 for simple needs).
    pub needs_met: f64,
    /// The account's satisfaction (renewals).
    pub satisfaction: f64,
}

impl Odds {
    /// The odds a rep of skill factor `skill_factor` expects when it forecasts: full effort and help.
    pub(crate) fn forecast(skill_factor: f64) -> Odds {
        Odds { readiness: 1.0, skill_factor, needs_met: 1.0, satisfaction: 1.0 }
    }
}

/// A deal's chance of being won at its close: base(kind) × (1 + `icp_hit_bonus`, ideal-profile
/// new customers) × satisfaction (renewals) × skill factor × effort factor × complex factor ×
/// timing factor (`pull_in_win_factor`, `slip_win_factor`) × the offered discount's lift
/// (`value.rs`), at most 1.
pub(crate) fn chance(s: &Scenario, t: &Terms, o: &Odds) -> f64 {
    let q = &s.deals;
    let base = match t.kind {
        DealKind::NewCustomer => q.new_win_rate * if t.icp { 1.0 + s.market.icp_hit_bonus } else { 1.0 },
        DealKind::Expansion => q.expansion_win_rate,
        DealKind::Renewal => q.renewal_win_rate * o.satisfaction.clamp(0.0, 1.0),
    };
    let timing = match t.timing {
        Timing::OnTime => 1.0,
        Timing::PulledIn => q.pull_in_win_factor,
        Timing::Slipped => q.slip_win_factor,
    };
    (base
        * o.skill_factor
        * effort_factor(s, o.readiness)
        * complex_factor(t.complex, o.needs_met)
        * timing
        * crate::sim::accounts::value::discount_lift(s, t.offered))
    .clamp(0.0, 1.0)
}
