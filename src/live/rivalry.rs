//! What passes between the firms of an industry, week by week: reps who joined a rival firm and
//! customers who came over to one (following their rep, switching on their own, or won as
//! prospects in a contest), read from the
//! receiving firm's `joined` and `came_over` events; and pay across the industry (market pay and
//! each firm's mean pay). For one company it stays empty.

use crate::sim::observe::events::{Cause, EventKind, EventRecord};
use crate::sim::observe::metrics::TickOutput;
use std::collections::BTreeMap;

/// What moved from one firm to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MoveKind {
    /// A rep joined the other firm.
    Rep,
    /// A customer followed its rep there.
    FollowedItsRep,
    /// A customer switched there on its own.
    Switched,
    /// A prospect of the other firm chose this firm's offer in a contest.
    WonInContest,
}

impl MoveKind {
    pub const ALL: [MoveKind; 4] =
        [MoveKind::Rep, MoveKind::FollowedItsRep, MoveKind::Switched, MoveKind::WonInContest];

    /// What one move is, from the receiving firm's event, if it is one.
    fn of(e: &EventRecord) -> Option<MoveKind> {
        match (e.kind, e.cause) {
            (EventKind::Joined, _) => Some(MoveKind::Rep),
            (EventKind::CameOver, Cause::FollowedItsRep) => Some(MoveKind::FollowedItsRep),
            (EventKind::CameOver, Cause::Switched) => Some(MoveKind::Switched),
            (EventKind::CameOver, Cause::WonInContest) => Some(MoveKind::WonInContest),
            _ => None,
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            MoveKind::Rep => "reps who joined a rival firm",
            MoveKind::FollowedItsRep => "customers who followed their rep",
            MoveKind::Switched => "customers who switched firm",
            MoveKind::WonInContest => "prospects won in a contest",
        }
    }
}

/// Counts of each [`MoveKind`], in the order of [`MoveKind::ALL`].
pub type MoveCounts = [u32; 4];

/// A firm-to-firm flow: (from, to) firm indices.
pub type Route = (u16, u16);

/// Weeks a move stays drawn on the map.
pub const RECENT_WEEKS: u32 = 8;

/// The industry's moves and pay, week by week.
#[derive(Clone, Debug, Default)]
pub struct Rivalry {
    /// The firms' names, by index.
    pub names: Vec<String>,
    /// Weeks absorbed, with the moves of the whole industry so far (cumulative) at each.
    pub weeks: Vec<u32>,
    pub cumulative: Vec<MoveCounts>,
    /// Each firm's mean rep pay at each week ($/year), by firm.
    pub firm_pay: Vec<Vec<f64>>,
    /// Every move so far, by route.
    pub totals: BTreeMap<Route, MoveCounts>,
    /// The moves of the last [`RECENT_WEEKS`] weeks: (week, route, counts).
    pub recent: Vec<(u32, Route, MoveCounts)>,
}

impl Rivalry {
    pub fn new(names: Vec<String>) -> Self {
        let firm_pay = vec![Vec::new(); names.len()];
        Rivalry { names, firm_pay, ..Default::default() }
    }

    /// Whether there is more than one firm to move between.
    pub fn is_industry(&self) -> bool {
        self.names.len() > 1
    }

    /// Absorb one week's outputs of every firm (in firm order).
    pub fn absorb(&mut self, week: u32, ticks: &[TickOutput]) {
        let mut this_week: BTreeMap<Route, MoveCounts> = BTreeMap::new();
        for t in ticks {
            for e in &t.events {
                let Some(kind) = MoveKind::of(e) else { continue };
                let from = e.competitor.as_deref().and_then(|c| self.names.iter().position(|n| n == c));
                if let Some(from) = from {
                    this_week.entry((from as u16, t.firm)).or_default()[kind as usize] += 1;
                }
            }
            if let (Some(pay), Some(row)) = (self.firm_pay.get_mut(t.firm as usize), t.timeseries.last()) {
                pay.push(row.avg_rep_pay_annualized);
            }
        }
        let mut total = self.cumulative.last().copied().unwrap_or_default();
        for (route, counts) in this_week {
            let sum = self.totals.entry(route).or_default();
            for k in 0..counts.len() {
                sum[k] += counts[k];
                total[k] += counts[k];
            }
            self.recent.push((week, route, counts));
        }
        self.recent.retain(|r| r.0 + RECENT_WEEKS > week);
        self.weeks.push(week);
        self.cumulative.push(total);
    }

    /// Everything moved between two firms, either way.
    pub fn between(&self, a: u16, b: u16) -> MoveCounts {
        let mut out = MoveCounts::default();
        for route in [(a, b), (b, a)] {
            for (k, v) in self.totals.get(&route).copied().unwrap_or_default().iter().enumerate() {
                out[k] += v;
            }
        }
        out
    }
}
