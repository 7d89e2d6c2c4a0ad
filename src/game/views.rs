//! What each seat of a game sees, as the typed parts of the protocol's `state` message: the public
//! leaderboard, market and news every seat sees, and a firm's own view (its KPIs, weekly series,
//! decisions in force, its reps' threats, its events and a map of its reps and accounts), which
//! only its team and the facilitator get.

use super::decisions::Decisions;
use super::play::{FirmRecord, Game};
use crate::sim::components::{Account, AccountState, Rep};
use crate::sim::observe::events::{EventKind, EventRecord};
use crate::sim::observe::metrics::TimeseriesRow;
use serde::Serialize;

/// Loyalty below this, to both the rep and the company, counts as weak (the customer is at risk);
/// the live view's map uses the same line (`live/snapshot.rs`).
pub const WEAK_LOYALTY: f64 = 0.3;
/// Weeks in the model's year.
const YEAR: usize = 52;
/// Public news items and own events a view carries (the latest).
const NEWS_ITEMS: usize = 30;

/// One row of the leaderboard.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Standing {
    pub rank: u32,
    pub firm: usize,
    pub firm_name: String,
    pub team: String,
    /// Contribution (gross margin less the cost of sales) since the game began, $.
    pub score: f64,
    pub revenue_year: f64,
    /// Its share of the industry's active customers.
    pub share: f64,
    pub customers: u32,
    pub reps: u32,
    pub avg_pay: f64,
}

/// The market every seat sees.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Market {
    pub market_pay: f64,
    pub customers: u32,
}

/// A dated line of text.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Item {
    pub week: u32,
    pub text: String,
}

/// A firm's headline figures (over its latest year of the game, or what it has of one).
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Kpis {
    pub revenue_year: f64,
    pub contribution_year: f64,
    pub customers: u32,
    pub reps: u32,
    /// Reps who left (quit, poached, managed out) a year, over the mean headcount.
    pub rep_turnover: f64,
    /// Customers lost a year, over the mean active customers.
    pub churn: f64,
    pub avg_pay: f64,
    pub score: f64,
}

/// A firm's weekly series.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Series {
    pub week: Vec<u32>,
    pub revenue: Vec<f64>,
    pub contribution: Vec<f64>,
    pub customers: Vec<u32>,
    pub reps: Vec<u32>,
    pub avg_pay: Vec<f64>,
}

/// Customers by where their loyalty lies.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq)]
pub struct Bonds {
    pub accounts: u32,
    pub revenue: f64,
    pub rep: u32,
    pub company: u32,
    pub weak: u32,
}

impl Bonds {
    fn add(&mut self, st: &AccountState) {
        let (r, c) = (st.loyalty_rep as f64, st.loyalty_company as f64);
        self.accounts += 1;
        self.revenue += st.revenue_week * YEAR as f64;
        if r.max(c) < WEAK_LOYALTY {
            self.weak += 1;
        } else if r >= c {
            self.rep += 1;
        } else {
            self.company += 1;
        }
    }
}

/// A rep on the map.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct RepDot {
    pub id: u32,
    pub tenure_years: f64,
    #[serde(flatten)]
    pub book: Bonds,
}

/// A firm's reps and the accounts they cover, and the accounts without a rep.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Map {
    pub reps: Vec<RepDot>,
    pub house: Bonds,
}

/// What a firm's team sees of its own firm.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct FirmView {
    pub firm: usize,
    pub firm_name: String,
    pub kpis: Kpis,
    pub series: Series,
    pub decisions: Decisions,
    /// The decisions it has submitted for the open round, if any.
    pub submitted: Option<Decisions>,
    pub threats: Vec<Item>,
    pub events: Vec<Item>,
    pub map: Map,
    pub scorecard: super::scorecard::Scorecard,
}

fn sum(rows: &[TimeseriesRow], f: impl Fn(&TimeseriesRow) -> f64) -> f64 {
    rows.iter().map(f).sum()
}

/// The headline figures of a firm's rows.
pub fn kpis(rows: &[TimeseriesRow]) -> Kpis {
    let Some(last) = rows.last() else { return Kpis::default() };
    let year = &rows[rows.len().saturating_sub(YEAR)..];
    let per_year = YEAR as f64 / year.len() as f64;
    let mean = |f: &dyn Fn(&TimeseriesRow) -> f64| sum(year, f) / year.len() as f64;
    let reps = mean(&|r| r.reps_active as f64);
    let customers = mean(&|r| r.customers_active as f64);
    let left = sum(year, |r| (r.reps_quit + r.reps_poached + r.reps_managed_out) as f64);
    let lost = sum(year, |r| (r.customers_churned + r.customers_followed_rep + r.customers_lost_on_departure) as f64);
    Kpis {
        revenue_year: sum(year, |r| r.revenue) * per_year,
        contribution_year: sum(year, |r| r.contribution) * per_year,
        customers: last.customers_active,
        reps: last.reps_active,
        rep_turnover: if reps > 0.0 { left * per_year / reps } else { 0.0 },
        churn: if customers > 0.0 { lost * per_year / customers } else { 0.0 },
        avg_pay: last.avg_rep_pay_annualized,
        score: sum(rows, |r| r.contribution),
    }
}

fn series(rows: &[TimeseriesRow]) -> Series {
    Series {
        week: rows.iter().map(|r| r.week).collect(),
        revenue: rows.iter().map(|r| r.revenue).collect(),
        contribution: rows.iter().map(|r| r.contribution).collect(),
        customers: rows.iter().map(|r| r.customers_active).collect(),
        reps: rows.iter().map(|r| r.reps_active).collect(),
        avg_pay: rows.iter().map(|r| r.avg_rep_pay_annualized).collect(),
    }
}

/// An event as a line of text: its kind, the rep and customer, the rival and the cause.
pub fn describe(e: &EventRecord) -> String {
    let mut parts = vec![e.kind.to_string().replace('_', " ")];
    if let Some(r) = e.rep {
        parts.push(format!("rep {r}"));
    }
    if let Some(c) = e.customer {
        parts.push(format!("customer {c}"));
    }
    if let Some(c) = &e.competitor {
        parts.push(format!("({c})"));
    }
    let cause = e.cause.to_string();
    if !cause.is_empty() {
        parts.push(format!("· {cause}"));
    }
    if !e.detail.is_empty() {
        parts.push(format!("· {}", e.detail));
    }
    parts.join(" ")
}

fn latest(events: &[EventRecord], keep: impl Fn(&EventRecord) -> bool) -> Vec<Item> {
    let mut out: Vec<Item> = events
        .iter()
        .rev()
        .filter(|e| keep(e))
        .take(NEWS_ITEMS)
        .map(|e| Item { week: e.week, text: describe(e) })
        .collect();
    out.reverse();
    out
}

/// Events everyone in the market hears of.
fn is_public(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::CompetitorEntry
            | EventKind::Catalyst
            | EventKind::ProductBroadening
            | EventKind::MarketSaturation
            | EventKind::PriceWar
            | EventKind::PriceSensitivityShift
            | EventKind::Episode
    )
}

/// A firm's reps and accounts now.
fn map(world: &mut bevy::prelude::World) -> Map {
    let mut out = Map::default();
    let week = world.resource::<crate::sim::resources::Clock>().week;
    let mut reps: Vec<RepDot> = world
        .query::<&Rep>()
        .iter(world)
        .filter(|r| r.is_employed())
        .map(|r| RepDot { id: r.id, tenure_years: r.tenure_weeks(week) / YEAR as f64, book: Bonds::default() })
        .collect();
    reps.sort_by_key(|r| r.id);
    for (a, st) in world.query::<(&Account, &AccountState)>().iter(world) {
        let owner = a.owner.filter(|_| !a.company_owned).and_then(|o| reps.binary_search_by_key(&o, |r| r.id).ok());
        match owner {
            Some(i) => reps[i].book.add(st),
            None => out.house.add(st),
        }
    }
    out.reps = reps;
    out
}

/// Firm `i`'s own view.
pub fn firm_view(game: &mut Game, i: usize) -> FirmView {
    let last_year = std::mem::take(&mut game.firms[i].last_year);
    let world = game.industry_mut().firms_mut()[i].sim.world_mut();
    let (map, scorecard) = (map(world), super::scorecard::scorecard(world, &last_year));
    game.firms[i].last_year = last_year;
    let rec: &FirmRecord = &game.firms[i];
    FirmView {
        firm: i,
        firm_name: rec.name.clone(),
        kpis: kpis(&rec.rows),
        series: series(&rec.rows),
        decisions: rec.in_force.clone(),
        submitted: rec.submitted.clone(),
        threats: latest(&rec.threats, |_| true),
        events: latest(&rec.events, |_| true),
        map,
        scorecard,
    }
}

/// The leaderboard, best score first (ties to the earlier firm); `teams` are the teams' names.
pub fn leaderboard(game: &Game, teams: &[String]) -> Vec<Standing> {
    let total: u32 = game.firms.iter().filter_map(|f| f.rows.last()).map(|r| r.customers_active).sum();
    let mut rows: Vec<Standing> = game
        .firms
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let k = kpis(&f.rows);
            Standing {
                rank: 0,
                firm: i,
                firm_name: f.name.clone(),
                team: teams.get(i).cloned().unwrap_or_default(),
                score: k.score,
                revenue_year: k.revenue_year,
                share: if total > 0 { k.customers as f64 / total as f64 } else { 1.0 / game.firms.len() as f64 },
                customers: k.customers,
                reps: k.reps,
                avg_pay: k.avg_pay,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.firm.cmp(&b.firm)));
    for (rank, r) in rows.iter_mut().enumerate() {
        r.rank = rank as u32 + 1;
    }
    rows
}

/// The market now.
pub fn market(game: &Game) -> Market {
    let last = game.industry_rows.last();
    Market {
        market_pay: last.map_or(0.0, |r| r.market_pay),
        customers: game.firms.iter().filter_map(|f| f.rows.last()).map(|r| r.customers_active).sum(),
    }
}

/// The public news: market events (once, from the first firm that logged them) and, per round,
/// the reps and customers each firm took from its rivals.
pub fn news(game: &Game) -> Vec<Item> {
    let mut out = latest(&game.firms[0].events, |e| is_public(e.kind));
    let weeks = game.config.round_weeks as usize;
    for f in &game.firms {
        for chunk in f.rows.chunks(weeks.max(1)) {
            let reps: u32 = chunk.iter().map(|r| r.reps_joined_from_rivals).sum();
            let customers: u32 = chunk.iter().map(|r| r.customers_from_rivals).sum();
            if reps + customers > 0 {
                let week = chunk.last().map_or(0, |r| r.week);
                let text = format!("{} took {reps} reps and {customers} customers from its rivals", f.name);
                out.push(Item { week, text });
            }
        }
    }
    out.sort_by_key(|i| i.week);
    let skip = out.len().saturating_sub(NEWS_ITEMS);
    out.drain(..skip);
    out
}
