//! A firm's productivity scorecard in the game (seed 002, as `salesim scorecard` gives it for a
//! run): results over activity for its force, and who sells most against who is most productive,
//! for its year so far or, in a year's first week, the year just ended.

use crate::sim::components::Rep;
use crate::sim::observe::panels::RepYearRow;
use serde::Serialize;

/// Weeks in the model's year.
const YEAR: u32 = 52;

/// The firm's productivity scorecard (seed 002) for its year so far (or, in the first week of a
/// year, the year just ended): results over activity, for the force, and who is successful (most
/// revenue) against who is productive (most contribution per hour).
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Scorecard {
    /// The year it covers (0: the first, as in `reps.csv`).
    pub year: u32,
    pub revenue_per_hour: f64,
    pub contribution_per_hour: f64,
    pub win_rate: f64,
    pub cost_of_sales: f64,
    pub hours_per_week: f64,
    /// Rep ids, best first (at most [`SCORECARD_REPS`]).
    pub most_revenue: Vec<u32>,
    pub most_productive: Vec<u32>,
}

/// Reps named in each of the scorecard's lists.
pub const SCORECARD_REPS: usize = 3;

/// One rep's year, as the scorecard sums it.
struct RepSums {
    id: u32,
    revenue: f64,
    contribution: f64,
    pay: f64,
    hours: f64,
    weeks: f64,
    won: f64,
    lost: f64,
}

/// The employed reps' running years (`observe/rep_year.rs`).
fn year_so_far(world: &mut bevy::prelude::World) -> Vec<RepSums> {
    use crate::sim::observe::rep_year::RepYear;
    world
        .query::<(&Rep, &RepYear)>()
        .iter(world)
        .filter(|(r, y)| r.is_employed() && y.weeks > 0)
        .map(|(r, y)| RepSums {
            id: r.id,
            revenue: y.revenue,
            contribution: y.margin - y.base - y.variable,
            pay: y.base + y.variable,
            hours: y.hours,
            weeks: y.weeks as f64,
            won: y.deals_won as f64,
            lost: y.deals_lost as f64,
        })
        .collect()
}

/// The year just ended, from its rows of `reps.csv`.
fn year_ended(rows: &[RepYearRow]) -> Vec<RepSums> {
    rows.iter()
        .map(|r| RepSums {
            id: r.rep_id,
            revenue: r.revenue,
            contribution: r.contribution,
            pay: r.base_pay + r.variable_pay,
            hours: r.hours_worked,
            weeks: if r.hours_per_week > 0.0 { r.hours_worked / r.hours_per_week } else { 0.0 },
            won: r.deals_won as f64,
            lost: r.deals_lost as f64,
        })
        .collect()
}

pub(crate) fn scorecard(world: &mut bevy::prelude::World, last_year: &[RepYearRow]) -> Scorecard {
    use crate::sim::numerics::ratio;
    let now = year_so_far(world);
    let week = world.resource::<crate::sim::resources::Clock>().week;
    let (reps, year) = match now.is_empty() {
        false => (now, week / YEAR),
        true => (year_ended(last_year), last_year.first().map_or(0, |r| r.year)),
    };
    let total = |f: fn(&RepSums) -> f64| reps.iter().map(f).sum::<f64>();
    let (revenue, hours, pay) = (total(|r| r.revenue), total(|r| r.hours), total(|r| r.pay));
    let (won, lost) = (total(|r| r.won), total(|r| r.lost));
    let top = |key: &dyn Fn(&RepSums) -> f64| {
        let mut v: Vec<(u32, f64)> = reps.iter().map(|r| (r.id, key(r))).collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter().take(SCORECARD_REPS).map(|(id, _)| id).collect()
    };
    Scorecard {
        year,
        revenue_per_hour: ratio(revenue, hours),
        contribution_per_hour: ratio(total(|r| r.contribution), hours),
        win_rate: ratio(won, won + lost),
        cost_of_sales: ratio(pay, revenue),
        hours_per_week: ratio(hours, total(|r| r.weeks)),
        most_revenue: top(&|r| r.revenue),
        most_productive: top(&|r| ratio(r.contribution, r.hours)),
    }
}
